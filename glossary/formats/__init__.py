"""File formats for glossaries: one module per format, each a read/write pair behind one interface.

A format module defines:
    NAME: str                      # "csv", "tsv", "json", "xlsx", "tbx", "deepl"
    SUFFIXES: tuple[str, ...]      # file name endings it claims (".csv", …)
    write(entries, path, options)  # entries: Sequence[TermEntry]; options: ExportOptions
    read(path) -> ImportedTable    # only for formats that can be imported (not deepl)

Writers write to a temporary file beside the target and rename it (nothing half-written on failure).
Readers raise FormatError (a GlossaryError) with a one-line message naming the file (and row when known).
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import GlossaryError
from ..schema import COLUMNS, TermEntry

FORMAT_MODULES = {"csv": "csvfile", "tsv": "csvfile", "json": "jsonfile", "xlsx": "xlsx", "tbx": "tbx",
                  "deepl": "deepl"}
SUFFIX_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".xlsx": "xlsx", ".tbx": "tbx"}


class FormatError(GlossaryError):
    """A file that cannot be read or written in the format asked for."""


@dataclass(frozen=True)
class ExportOptions:
    """How to export: which columns, BOM for Excel users, TBX version, and what to record for re-import."""

    format: str = ""
    columns: Sequence[str] = COLUMNS
    bom: bool = False
    tbx_version: int = 3
    metadata: dict[str, str] = field(default_factory=dict)  # source path, content hash, export time, version
    row_hashes: dict[str, str] = field(default_factory=dict)  # id → entry_hash at export (conflict detection)


@dataclass
class ImportedTable:
    """What a file holds: rows as {schema column: text} with their row numbers, and any export metadata."""

    path: Path
    rows: list[tuple[int, dict[str, str]]]
    columns: list[str]  # the schema columns the file has
    metadata: dict[str, str] = field(default_factory=dict)
    row_hashes: dict[str, str] = field(default_factory=dict)


HASHED_OUT = ("id", "updated")


def values_hash(values: dict[str, str], columns: Sequence[str] = COLUMNS) -> str:
    """A short fingerprint of the given columns of a row (id and `updated` left out)."""
    picked = [[name, values.get(name, "")] for name in columns if name not in HASHED_OUT]
    return hashlib.sha256(json.dumps(picked, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def entry_hash(entry: TermEntry, columns: Sequence[str] = COLUMNS) -> str:
    """A short fingerprint of an entry's content in the given columns, to tell what changed since an export."""
    return values_hash(entry.to_row(), columns)


def content_hash(entries: Sequence[TermEntry]) -> str:
    """A fingerprint of a whole glossary's content: of its canonical terms.csv text."""
    from ..store import serialise

    return hashlib.sha256(serialise(entries).encode("utf-8")).hexdigest()[:16]


def format_for(path: Path, explicit: str | None = None) -> str:
    """The format named, or the one the file name's ending implies."""
    if explicit:
        name = explicit.lower()
        if name not in FORMAT_MODULES:
            raise FormatError(f"unknown format {explicit!r} (expected {', '.join(FORMAT_MODULES)})")
        return name
    name = SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if name is None:
        raise FormatError(
            f"{path}: cannot tell the format from the name; use --format ({', '.join(FORMAT_MODULES)})"
        )
    return name


def module_for(name: str):
    """The module implementing a format."""
    return importlib.import_module(f"{__name__}.{FORMAT_MODULES[name]}")
