"""The tool's version, read once from the installed package's metadata (pyproject.toml is its one source)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def version() -> str:
    """The installed version of glossary ('0+unknown' when running from a source tree that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version as installed

    try:
        return installed("glossary")
    except PackageNotFoundError:
        return "0+unknown"
