"""File formats for glossaries: one module per format, each a read/write pair behind one interface.

A format module defines:
    FORMATS: dict[str, tuple]      # the formats it serves and the file name endings each claims
                                   # ({"csv": (".csv",), "tsv": (".tsv", ".tab")})
    write(entries, path, options)  # entries: Sequence[TermEntry]; options: ExportOptions; may return warnings
    read(path) -> ImportedTable    # only for formats that can be imported (not deepl)

Writers write to a temporary file beside the target and rename it (nothing half-written on failure).
Readers raise FormatError (a GlossaryError) with a one-line message naming the file (and row when known).
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import FormatError
from ..schema import COLUMNS, ID, MINED_COLUMNS, UPDATED, TermEntry

# Format name → the module that serves it, in the order help lists them; each module declares its own
# FORMATS (the endings it claims), from which the suffix table is built when a file name must be read.
# The command line's choices come from here, without importing a module (lookup must start fast).
FORMAT_MODULES = {"xlsx": "xlsx", "csv": "csvfile", "tsv": "csvfile", "tbx": "tbx", "json": "jsonfile",
                  "deepl": "deepl"}


@dataclass(frozen=True)
class ExportOptions:
    """How to export: which columns, BOM for Excel users, TBX version, and what to record for re-import."""

    format: str = ""
    columns: Sequence[str] = COLUMNS
    bom: bool = False
    tbx_version: int = 3
    metadata: dict[str, str] = field(default_factory=dict)  # source path, content hash, export time, version
    row_hashes: dict[str, str] = field(default_factory=dict)  # id → entry_fingerprint at export (three-way merge)


# Columns of a mined table (glossary mine -o) that a glossary file does not have; readers keep them so
# that importing a reviewed mined table can tell it from a glossary file.
MINED_ONLY_COLUMNS: tuple[str, ...] = tuple(c for c in MINED_COLUMNS if c not in COLUMNS)
READABLE_COLUMNS: tuple[str, ...] = COLUMNS + MINED_ONLY_COLUMNS


@dataclass
class ImportedTable:
    """What a file holds: rows as {column: text} with their row numbers, and any export metadata."""

    path: Path
    rows: list[tuple[int, dict[str, str]]]
    columns: list[str]  # the schema columns (and mined-table columns) the file has
    metadata: dict[str, str] = field(default_factory=dict)
    row_hashes: dict[str, str] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)  # header of a column no schema knows → non-empty cells

    @property
    def is_mined(self) -> bool:
        """True for a table `glossary mine` wrote (it has the mined-table columns), not a glossary file."""
        return bool(set(MINED_ONLY_COLUMNS) & set(self.columns))


FINGERPRINTED_OUT = (ID, UPDATED)
FINGERPRINT_VERSION = "f1:"


def field_hash(text: str) -> str:
    """The fingerprint of one cell: empty for an empty cell (so blanks are known), else 8 hex digits."""
    return _sha256(text.encode("utf-8")).hexdigest()[:8] if text else ""


def _sha256(data: bytes):
    """hashlib's sha256, imported on the first fingerprint (then called directly)."""
    global _sha256
    from hashlib import sha256

    _sha256 = sha256
    return sha256(data)


def values_fingerprint(values: dict[str, str], columns: Sequence[str] = COLUMNS) -> str:
    """A row's fingerprint: one field_hash per column (id and `updated` left out), so that an import can
    tell, field by field, whether the file or the glossary changed it since the export."""
    picked = [field_hash(values.get(name, "")) for name in columns if name not in FINGERPRINTED_OUT]
    return FINGERPRINT_VERSION + ".".join(picked)


def entry_fingerprint(entry: TermEntry, columns: Sequence[str] = COLUMNS) -> str:
    """The fingerprint of an entry's content in the given columns."""
    return values_fingerprint(entry.to_row(), columns)


def read_fingerprint(text: str, columns: Sequence[str]) -> dict[str, str] | None:
    """Column → field_hash from a stored fingerprint; None when it is missing, damaged or of another version."""
    names = [name for name in columns if name not in FINGERPRINTED_OUT]
    if not text.startswith(FINGERPRINT_VERSION):
        return None
    hashes = text[len(FINGERPRINT_VERSION):].split(".")
    if len(hashes) != len(names):
        return None
    return dict(zip(names, hashes))


def format_for(path: Path, explicit: str | None = None) -> str:
    """The format named, or the one the file name's ending implies."""
    if explicit:
        name = explicit.lower()
        if name not in FORMAT_MODULES:
            raise FormatError(f"unknown format {explicit!r} (expected {', '.join(FORMAT_MODULES)})")
        return name
    name = suffix_formats().get(Path(path).suffix.lower())
    if name is None:
        raise FormatError(
            f"{path}: cannot tell the format from the name; use --format ({', '.join(FORMAT_MODULES)})"
        )
    return name


def module_for(name: str):
    """The module implementing a format."""
    return importlib.import_module(f"{__name__}.{FORMAT_MODULES[name]}")


@functools.lru_cache(maxsize=1)
def suffix_formats() -> dict[str, str]:
    """File name ending → format, from what each format's module declares it claims."""
    return {suffix: name for name in FORMAT_MODULES for suffix in module_for(name).FORMATS[name]}
