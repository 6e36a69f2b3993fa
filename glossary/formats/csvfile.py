"""CSV and TSV glossaries: UTF-8 (a BOM on request for Excel users, always accepted on input)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Sequence

from ..files.atomic import write_atomically
from ..files.reading import read_bytes
from ..files.sheets import csv_rows
from ..schema import TermEntry
from . import ExportOptions, FormatError, ImportedTable
from .cells import neutralise_formula, restore_formula
from .columns import count_ignored, header_columns, unknown_headers

FORMATS = {"csv": (".csv",), "tsv": (".tsv", ".tab")}  # format name → the file name endings it claims


def _delimiter(path: Path, options_format: str = "") -> str:
    """Tab for .tsv/.tab files (or --format tsv), comma otherwise."""
    return "\t" if options_format == "tsv" or Path(path).suffix.lower() in (".tsv", ".tab") else ","


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> None:
    """Header, then one row per entry; cells a spreadsheet would run as formulas are neutralised."""
    rows = ([getattr(entry, name) for name in options.columns] for entry in entries)
    write_rows(path, options.columns, rows, delimiter=_delimiter(path, options.format), bom=options.bom)


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ",",
               bom: bool = False) -> None:
    """Any table as CSV/TSV (glossaries and mined tables alike): every cell as text, those a spreadsheet
    would run as formulas neutralised, written atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise_formula(str(name)) for name in header])
    for row in rows:
        writer.writerow([neutralise_formula("" if cell is None else str(cell)) for cell in row])
    write_atomically(Path(path), ("\ufeff" if bom else "") + buffer.getvalue())


def read(path: Path) -> ImportedTable:
    """Rows by header name (any order, extra columns ignored, blank rows skipped, spaces trimmed)."""
    path = Path(path)
    data = read_bytes(path, "CSV file")
    if b"\x00" in data[:4096] or data[:4] == b"PK\x03\x04":
        raise FormatError(f"{path}: not a CSV/TSV text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise FormatError(f"{path} row {row}: not UTF-8; save the file as UTF-8 CSV") from None
    records = csv_rows(text, path, "\t" if _delimiter(path) == "\t" else None)
    first = next(records, None)
    if first is None:
        raise FormatError(f"{path}: empty file")
    header = first[1]
    columns = header_columns(header, path)
    unknown = unknown_headers(header, columns)
    rows: list[tuple[int, dict[str, str]]] = []
    ignored: dict[str, int] = {}
    for number, cells in records:
        if any(cell.strip() for cell in cells):
            rows.append((number, {name: restore_formula(cells[index].strip()) for index, name in columns.items()
                                  if index < len(cells)}))
            count_ignored(unknown, cells, ignored)
    return ImportedTable(path, rows, list(columns.values()), ignored=ignored)
