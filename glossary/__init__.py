"""glossary: a bilingual English/Chinese terminology tool.

The public API is importable from here; heavy modules load only when first used, so that
`glossary lookup` at the terminal stays fast.
"""

from __future__ import annotations

__all__ = [
    "CATEGORIES", "COLUMNS", "STATUSES", "Document", "Glossary", "GlossaryError", "TermEntry", "ValidationError",
    "load", "lookup", "mine", "mine_translations", "__version__",
]


def __getattr__(name: str):
    """Import the modules behind the public names on first use (nothing loads with the package itself)."""
    if name == "__version__":
        from .version import version

        return version()
    if name in {"GlossaryError", "ValidationError"}:
        from . import errors

        return getattr(errors, name)
    if name in {"CATEGORIES", "COLUMNS", "STATUSES", "TermEntry"}:
        from . import schema

        return getattr(schema, name)
    if name in {"Glossary", "load"}:
        from . import store

        return getattr(store, name)
    if name == "Document":
        from .documents import Document

        return Document
    if name == "mine":
        from .mining import mine

        return mine
    if name == "mine_translations":
        from .mining.bilingual import mine_translations

        return mine_translations
    if name == "lookup":
        from .search import lookup

        return lookup
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
