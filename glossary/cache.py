"""Where derived data is cached between runs (lookup indexes, dictionary indexes)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_CACHE_DIR = "GLOSSARY_CACHE_DIR"


def cache_dir() -> Path:
    """$GLOSSARY_CACHE_DIR, else $XDG_CACHE_HOME/glossary, else ~/.cache/glossary."""
    if os.environ.get(ENV_CACHE_DIR):
        return Path(os.environ[ENV_CACHE_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossary"
