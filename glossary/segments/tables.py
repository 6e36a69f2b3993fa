"""Bilingual tables: a source and a target column of a CSV/TSV file or of a workbook's Segments or Glossary
sheet (else its first sheet), found by header name or language, or the only two columns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..documents.paths import document_bytes
from ..errors import FormatError
from ..files.decode import decode_bytes
from ..files.sheets import csv_rows
from ..formats.columns import column_for
from ..languages import COLUMN_TAGS, language_matches
from ..schema import CHINESE, ENGLISH, TRADITIONAL
from . import SOURCE, TARGET, Segment, Sides, numbered

NAME = "tables"
SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx")
SEGMENT_SHEETS = ("segments", "glossary")  # preferred sheet names in a workbook; else the first sheet
# The language of a glossary column that a header cell names in words ("English", "Chinese (zh-Hans)").
COLUMN_LANGUAGES = {column: COLUMN_TAGS[column].split("-")[0] for column in (ENGLISH, CHINESE, TRADITIONAL)}

_HEADING = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<note>[^)]*)\))?\s*$")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]+)*$")


def read(path: Path, sides: Sides) -> list[Segment]:
    """The segments of a CSV/TSV file or a workbook."""
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path, sides.names, sides.languages)
    return read_table_file(path, sides.names, sides.languages)


def read_table_file(path: Path, names: tuple[str | None, str | None],
                    languages: tuple[str, str]) -> list[Segment]:
    """A CSV/TSV file's source and target columns, found by header name, or the only two columns."""
    text = decode_bytes(document_bytes(path), str(path))
    rows: list[tuple[int, list[Any]]] = list(csv_rows(text, path))
    return _table_segments(rows, path, names, languages)


def read_workbook(path: Path, names: tuple[str | None, str | None],
                  languages: tuple[str, str]) -> list[Segment]:
    """The source and target columns of a workbook's Segments or Glossary sheet (else its first sheet), read
    through the workbook reader's guards (files.sheets.workbook_rows)."""
    from ..files.sheets import workbook_rows

    def pick(sheet_names: list[str]) -> list[str]:
        if not sheet_names:
            raise FormatError(f"{path}: the workbook has no sheets")
        return [next((name for name in sheet_names if name.strip().casefold() in SEGMENT_SHEETS), sheet_names[0])]

    (sheet_rows,) = workbook_rows(path, pick).values()
    return _table_segments(list(enumerate(sheet_rows, start=1)), path, names, languages)


def _table_segments(rows: list[tuple[int, list[Any]]], path: Path, names: tuple[str | None, str | None],
                    languages: tuple[str, str]) -> list[Segment]:
    """Segments from numbered rows: the first non-blank row is the header, unless it names no column
    and has exactly two cells, in which case there is no header and the columns are source, target."""
    filled = [(number, [_cell_text(cell) for cell in cells]) for number, cells in rows
              if any(_cell_text(cell).strip() for cell in cells)]
    if not filled:
        return []
    header_number, header = filled[0]
    positions = _column_positions(header, names, languages, f"{path} row {header_number}")
    data = filled[1:]
    if positions is None:
        if len(_without_trailing_blanks(header)) != 2:
            raise FormatError(
                f"{path} row {header_number}: no source or target column in the header "
                f"({_header_names(header)}); name them source/target, {languages[0]}/{languages[1]} or "
                "english/chinese, or give exactly two columns without a header")
        positions, data = (0, 1), filled
    source_at, target_at = positions
    return numbered(path, ((cells[source_at] if source_at < len(cells) else "",
                             cells[target_at] if target_at < len(cells) else "", line, "") for line, cells in data))


def _column_positions(header: list[str], names: tuple[str | None, str | None], languages: tuple[str, str],
                      place: str) -> tuple[int, int] | None:
    """(source index, target index) named by the header; None when it names neither side.

    A header naming only one side, or not naming a column the caller asked for, is an error (a side the
    caller names is found by that name only: a guess would check the wrong column without a word)."""
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        role = _column_role(heading, names, languages)
        if role and role not in found:  # the first of duplicates wins
            found[role] = index
    for role, name in zip((SOURCE, TARGET), names):
        if name and role not in found:
            raise FormatError(f"{place}: no {role} column named {name!r}; the header has {_header_names(header)}")
    if not found:
        return None
    for role, language in zip((SOURCE, TARGET), languages):
        if role not in found:
            raise FormatError(f"{place}: no {role} column in the header ({_header_names(header)}); "
                              f"expected '{role}', '{language}' or the language's name")
    return found[SOURCE], found[TARGET]


def _column_role(heading: str, names: tuple[str | None, str | None], languages: tuple[str, str]) -> str | None:
    """SOURCE, TARGET or None for one header cell: a name given by the caller, 'source'/'target', a
    language tag ('en-US', 'zh_Hans'), or a language's name ('English', 'Chinese (zh-Hans)')."""
    text = heading.strip().casefold()
    for role, name in zip((SOURCE, TARGET), names):
        if name and text == name.strip().casefold():
            return role
    guessed = [role for role, name in zip((SOURCE, TARGET), names) if not name]
    if text in guessed:
        return text
    match = _HEADING.match(text)
    candidates = [match.group("name"), match.group("note") or ""] if match else [text]
    for candidate in candidates:
        candidate = candidate.strip()
        column = column_for(candidate)
        tag = COLUMN_LANGUAGES.get(column) if column else None
        if tag is None and _LANGUAGE_TAG.match(candidate):
            tag = candidate
        if tag is None:
            continue
        for role, language in zip((SOURCE, TARGET), languages):
            if role in guessed and language_matches(tag, language):
                return role
    return None


def _header_names(header: list[str], most: int = 30) -> str:
    """A header's cells for a one-line message: quoted, blanks left out, at most `most` of them."""
    names = [repr(" ".join(cell.split())) for cell in header if cell.strip()]
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return (", ".join(names[:most]) or "no names") + more


def _cell_text(value: Any) -> str:
    """A table cell as text (numbers Excel made of typed digits back to their digits)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _without_trailing_blanks(cells: list[str]) -> list[str]:
    """The cells up to the last non-blank one."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]
