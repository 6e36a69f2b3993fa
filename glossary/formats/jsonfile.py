"""JSON glossaries: an array of entry objects with the schema's keys (or {"entries": [...]} on input)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Sequence

from ..files.reading import read_bytes
from ..schema import TermEntry
from ..files.atomic import write_atomically
from . import READABLE_COLUMNS, ExportOptions, FormatError, ImportedTable

FORMATS = {"json": (".json",)}  # format name → the file name endings it claims


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> None:
    """An indented UTF-8 array, one object per entry with the exported columns."""
    write_records(path, [{name: getattr(entry, name) for name in options.columns} for entry in entries])


def write_records(path: Path, records: Sequence[dict[str, object]]) -> None:
    """Any table as an indented UTF-8 JSON array of objects (glossaries and mined tables alike), atomically."""
    write_atomically(Path(path), json.dumps(list(records), ensure_ascii=False, indent=2) + "\n")


def read(path: Path) -> ImportedTable:
    """Entry objects; unknown keys ignored, values turned to trimmed text."""
    path = Path(path)
    try:
        data = json.loads(read_bytes(path, "JSON file").decode("utf-8-sig"))
    except RecursionError:
        raise FormatError(f"{path}: not a glossary JSON file (arrays or objects nested too deeply to read)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormatError(f"{path}: not valid UTF-8 JSON ({error})") from None
    except ValueError:  # the only other: a number with more digits than Python converts to an int
        raise FormatError(f"{path}: not a glossary JSON file (a number has more than "
                          f"{sys.get_int_max_str_digits():,} digits)") from None
    if isinstance(data, dict):
        data = data.get("entries")
    if not isinstance(data, list):
        raise FormatError(f"{path}: expected a JSON array of entry objects")
    rows, columns, ignored = [], [], {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise FormatError(f"{path} row {number}: expected an object, found {type(item).__name__}")
        values = {key: "" if value is None else str(value).strip() for key, value in item.items()}
        row = {key: value for key, value in values.items() if key in READABLE_COLUMNS}
        if any(row.values()):
            rows.append((number, row))
            columns.extend(key for key in row if key not in columns)
            for key, value in values.items():
                if key not in READABLE_COLUMNS and value:
                    ignored[key] = ignored.get(key, 0) + 1
    return ImportedTable(path, rows, [c for c in READABLE_COLUMNS if c in columns], ignored=ignored)
