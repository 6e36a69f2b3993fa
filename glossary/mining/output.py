"""Mined tables out: written to CSV, Excel or JSON by file extension, through the glossary formats' own
writers (one formula guard, one Excel layout), atomically."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import GlossaryError

TABLE_SUFFIXES = (".csv", ".xlsx", ".json")


def write_table(frame, path: str | os.PathLike) -> Path:
    """Write a DataFrame to .csv (UTF-8), .xlsx (text cells, formulas neutralised) or .json (an array)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise GlossaryError(f"{path}: unknown output format {suffix or '(none)'!r} (use {', '.join(TABLE_SUFFIXES)})")
    if not path.parent.exists():
        raise GlossaryError(f"{path.parent}: no such folder")
    if suffix == ".csv":
        from ..formats.csvfile import write_rows

        write_rows(path, list(frame.columns), (row.values() for row in frame_records(frame)))
    elif suffix == ".json":
        from ..formats.jsonfile import write_records

        write_records(path, frame_records(frame))
    else:
        _write_xlsx(frame, path)
    return path


def frame_records(frame) -> list[dict[str, object]]:
    """The rows of a DataFrame as plain Python values (JSON-ready)."""
    records = []
    for row in frame.to_dict(orient="records"):
        records.append({key: (value.item() if hasattr(value, "item") else value) for key, value in row.items()})
    return records


def _write_xlsx(frame, path: Path) -> None:
    """One sheet, as the glossary workbook's cells are written (formula guard, wrapping, numbers as numbers)."""
    from ..formats.xlsx import write_table as write_workbook

    write_workbook(path, list(frame.columns), [list(row.values()) for row in frame_records(frame)], "Candidates")
