"""Rows of spreadsheets, read safely and numbered as the user sees them: CSV/TSV text, and workbook sheets
through python-calamine (Rust), after the one zip guard and a check of how far the sheets reach.

Knows nothing of glossaries: readers of glossary files and of bilingual tables build on it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import FormatError
from .reading import shown

# A sheet's rows in Excel (and in every program that reads .xlsx): no honest workbook has more.
EXCEL_MAX_ROWS = 1_048_576
# Zip-bomb limits, as Apache POI's ZipSecureFile: a ratio for members above a size, and a total declared size.
# Sheet XML deflates a few times to a few dozen (a glossary export's sheet 6.6 times, 20,000 rows that differ
# only in their numbers 16); a zip bomb expands hundreds or a thousand times (export stores a sheet that would
# deflate past the limit, so every export reads back). The total is what the fullest honest workbook holds: every
# row of a sheet at 1.5 KiB of XML, half as much again as a row of the shipped glossary's export with its
# fingerprint (990 bytes; 750 for a glossary of dictionary entries).
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
HONEST_ROW_BYTES = 1536
MAX_UNCOMPRESSED_BYTES = EXCEL_MAX_ROWS * HONEST_ROW_BYTES
# The most cells a sheet may span from A1: every row of a sheet 16 columns wide (a glossary has 12).
# python-calamine holds each sheet it reads as one block (with a Python list of it), about 40 bytes a cell.
MAX_SHEET_CELLS = EXCEL_MAX_ROWS * 16
WORKBOOK = "Excel .xlsx workbook"



def csv_rows(text: str, path: Path, delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of CSV or TSV text, blank rows included; the delimiter is a tab for .tsv/.tab
    files or a first line with tabs and no commas, else a comma. A broken quote is a one-line error."""
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        tab = Path(path).suffix.lower() in (".tsv", ".tab") or ("\t" in first_line and "," not in first_line)
        delimiter = "\t" if tab else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise FormatError(f"{shown(path)} row {start}: malformed CSV ({error}); check the quotes on this row") \
            from None


def column_letter(index: int) -> str:
    """A, B, … Z, AA … for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def workbook_rows(path: Path, pick: Callable[[list[str]], list[str]]) -> dict[str, list[list[Any]]]:
    """The rows of the sheets `pick` chooses among a workbook's sheet names, by name, in pick's order; each
    sheet's rows from A1 (so that list positions are sheet row numbers − 1).

    The zip is checked before python-calamine opens it (zip bombs, encrypted members), and so is how far
    its sheets reach (check_sheet_extents); calamine's errors, and its panics, become one-line errors."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_zip(path)
    check_sheet_extents(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in pick(list(book.sheet_names))}
    except FormatError:
        raise
    except Exception as exc:  # calamine reports damage with its own exception types
        raise FormatError(f"{shown(path)}: not a readable Excel .xlsx workbook ({_one_line(exc)})") from None
    except BaseException as exc:
        # A Rust panic reaches Python as pyo3's PanicException, a BaseException that cannot be imported.
        if type(exc).__name__ != "PanicException":
            raise
        raise FormatError(f"{shown(path)}: not a readable Excel .xlsx workbook (the reader failed: "
                          f"{_one_line(exc)})") from None


def check_zip(path: Path) -> None:
    """Refuse what is not a zip, zips that would expand too far, and encrypted members (files.zipguard)."""
    from . import zipguard

    limits = zipguard.Limits(MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO, RATIO_CHECK_MIN_BYTES)
    with zipguard.open_archive(path, WORKBOOK, FormatError) as archive:
        zipguard.check_members(path, archive.infolist(), limits, FormatError)


def check_sheet_extents(path: Path) -> None:
    """Refuse a workbook with a sheet that python-calamine could not hold: it builds a sheet as one block of
    cells from A1 to the farthest cell with a value, and when that block cannot be allocated (a stray value
    in XFD1048576 needs 17 billion cells; a row numbered 4,000,000,000 more) the process aborts. Every
    member is scanned, since the workbook's relationships may put a sheet anywhere; the sizes the zip
    declares were checked before (check_zip). The declared <dimension> is not trusted, nor needed:
    calamine reserves no more than 100,000 cells from it."""
    from . import zipguard

    with zipguard.open_archive(path, WORKBOOK, FormatError) as archive:
        for member in archive.infolist():
            with zipguard.inflating(path, WORKBOOK, FormatError):
                reach = _scan_cells(archive, member, _reach_quickly)
                if reach is None or reach.cells > MAX_SHEET_CELLS:
                    reach = _scan_cells(archive, member, _reach_exactly)
            if reach.cells > MAX_SHEET_CELLS:
                raise FormatError(
                    f"{shown(path)}: refused: the values in {member.filename} reach row {reach.rows:,} and "
                    f"column {column_letter(reach.columns - 1)} ({reach.cells:,} cells from A1; the limit is "
                    f"{MAX_SHEET_CELLS:,}); delete what lies beyond the table and save again")


@dataclass
class _Reach:
    """How far a sheet's cells reach (row and column, from 1), and where the next cell without a reference
    would go (the current row and column)."""

    rows: int = 0
    columns: int = 0
    row: int = 0
    column: int = 0

    @property
    def cells(self) -> int:
        """How many cells a block from A1 to the farthest reach holds."""
        return self.rows * self.columns


_SCAN_BYTES = 1024 * 1024


def _scan_cells(archive: zipfile.ZipFile, member: zipfile.ZipInfo, step) -> _Reach | None:
    """The reach of the cells in a member, found by `step` over its text a chunk at a time (each chunk ends
    before its last "<": that tag may go on in the next); None when `step` cannot tell."""
    reach = _Reach()
    pending = b""
    with archive.open(member) as stream:
        for chunk in iter(lambda: stream.read(_SCAN_BYTES), b""):
            data = pending + chunk
            cut = data.rfind(b"<")
            cut = len(data) if cut < 0 else cut
            if not step(data, cut, reach):
                return None
            pending = data[cut:]
    return reach if step(pending, len(pending), reach) else None


# What every writer writes: each cell's start tag begins with its reference, r="B12".
_QUICK_CELL = re.compile(rb"""<c(?: r="[A-Za-z]{1,10}([0-9]{1,15})|(?=[\s/>]))""")
_WIDE_COLUMN = re.compile(rb"""<c r="([A-Za-z]{2,10})""")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
# Start tags of rows and cells in any form: the letters and digits of the reference (calamine reads any
# number of letters, in either case), and what shows a cell without a value, which calamine leaves out:
# a "/" closing the tag, or the end tag straight after it (openpyxl writes a styled empty cell so).
_ROW_OR_CELL = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])(?:[^>]*?\sr\s*=\s*["']\s*([A-Za-z]*)([0-9]*))?[^>]*?(/?)>"""
    rb"""(?=(\s*</(?:[A-Za-z_][\w.-]*:)?c>)?)""")


def _reach_quickly(data: bytes, end: int, reach: _Reach) -> bool:
    """Widen `reach` to every cell in data[:end], with or without a value (an upper bound), by regular
    expressions alone: a 100,000-entry sheet has over a million cells, too many for a Python step each.
    Columns of one letter count as Z. False when a cell tag does not begin with its reference."""
    rows = _QUICK_CELL.findall(data, 0, end)
    if b"" in rows or _PREFIXED_CELL.search(data, 0, end):
        return False
    if rows:
        reach.rows = max(reach.rows, max(map(int, rows)))
        reach.columns = max(reach.columns, 26, _widest_column(_WIDE_COLUMN.findall(data, 0, end)))
    return True


def _reach_exactly(data: bytes, end: int, reach: _Reach) -> bool:
    """Widen `reach` to the cells with a value among the tags that start in data[:end], following rows and
    cells one by one (a row or cell without a reference comes after the one before)."""
    for match in _ROW_OR_CELL.finditer(data):  # not ended at `end`: a cell's end tag may lie beyond it
        if match.start() >= end:
            break
        name, letters, digits, closed, ended = match.groups()
        number = int(digits[:15]) if digits else None  # more digits are absurd, and still as far as needed
        if name == b"row":
            reach.row, reach.column = (reach.row + 1 if number is None else number), 0
            continue
        reach.column = _column_number(letters) if letters else reach.column + 1
        if not (closed or ended):
            reach.rows = max(reach.rows, reach.row if number is None else number)
            reach.columns = max(reach.columns, reach.column)
    return True


def _widest_column(columns: list[bytes]) -> int:
    """The number of the farthest of some columns' letters (0 for none), with one Python step per column
    only where letters are compared."""
    if not columns:
        return 0
    widest = max(map(len, columns))
    return _column_number(max(letters.upper() for letters in columns if len(letters) == widest))


def _column_number(letters: bytes) -> int:
    """A column's number from its letters, in either case (A → 1, XFD → 16,384); ten letters are far enough."""
    number = 0
    for letter in letters[:10].upper():
        number = number * 26 + letter - 64
    return number


def _one_line(exc: BaseException) -> str:
    """An exception as one short line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
