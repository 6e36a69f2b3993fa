"""glossary: a bilingual English/Chinese terminology tool.

The public API is importable from here; heavy modules load only when first used, so that
`glossary lookup` at the terminal stays fast.
"""

from __future__ import annotations

from .errors import GlossaryError, ValidationError
from .schema import CATEGORIES, COLUMNS, STATUSES, TermEntry

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES", "COLUMNS", "STATUSES", "Glossary", "GlossaryError", "TermEntry", "ValidationError",
    "load", "lookup", "mine", "__version__",
]


def __getattr__(name: str):
    """Import the store and search modules on first use of their names."""
    if name in {"Glossary", "load"}:
        from . import store

        return getattr(store, name)
    if name == "mine":
        from .mining import mine

        return mine
    if name == "lookup":
        from .search import lookup

        return lookup
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
