"""Excel workbooks for translators: a styled Glossary sheet, bilingual instructions, and metadata for re-import.

Export streams rows through XlsxWriter's constant-memory mode (a 100,000-entry glossary is never held
twice); every cell is a string, passed through `neutralise_formula`. Cells wrap at column widths capped
at 40 characters, and each row gets the height its wrapped text needs, estimated from Calibri's character
widths in the same pass; the Glossary sheet prints landscape, one page wide, its header on every page.
The Metadata sheet stays visible (protected without a password) so that a translator sees what it is
and leaves it alone.

Import checks the zip before anything opens it (size and compression-ratio limits against zip bombs),
then reads the sheets with python-calamine, matching headers by name. Cells are trimmed of stray
white space, except note and context, whose spacing is part of the text.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..files.sheets import (
    EXCEL_MAX_ROWS, MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES, RATIO_CHECK_MIN_BYTES,
    column_letter as _column_letter, workbook_rows,
)
from ..languages import COLUMN_TAGS
from ..version import version
from ..schema import (
    CATEGORIES, CATEGORY, CHINESE, COLUMNS, CONTEXT, ENGLISH, ID, NOTE, STATUS, STATUSES, TermEntry,
)
from ..files.atomic import produce_atomically
from . import ExportOptions, FormatError, ImportedTable
from .cells import neutralise_formula, restore_formula
from .columns import column_for, count_ignored, unknown_headers

FORMATS = {"xlsx": (".xlsx",)}  # format name → the file name endings it claims

GLOSSARY_SHEET = "Glossary"
INSTRUCTIONS_SHEET = "Instructions"
METADATA_SHEET = "Metadata"

# Shown after the column name in the header ("chinese (zh-Hans)"), so a translator knows which script to use.
LANGUAGE_CODES = COLUMN_TAGS
UNTRIMMED_COLUMNS = (CONTEXT, NOTE)  # spacing there can be part of the text, so import keeps it
DROP_DOWNS = {CATEGORY: CATEGORIES, STATUS: STATUSES}

MIN_WIDTH = 8
MAX_WIDTH = 40  # wider columns make the printed page too small to read; longer text wraps instead
ID_MAX_WIDTH = 16
WIDTH_PADDING = 2
LINE_HEIGHT = 15.0  # points per line of 11-point Calibri: Excel's default row height
CJK_LINE_HEIGHT = 16.5  # a line holding CJK is taller: CJK fonts' line spacing is 1.3 to 1.45 times their size
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points
PAPER_A4 = 9  # XlsxWriter's paper code
INSTRUCTIONS_WIDTH = 48  # two such columns, English and Chinese, fit across an upright A4 page
EXCEL_MAX_CELL_CHARS = 32_767
SPARE_VALIDATED_ROWS = 1_000  # rows below the data where the drop-downs still apply, for added terms
GREY = "FF808080"  # as Excel stores it (ARGB)
GREY_RGB = "#808080"


METADATA_KEY_HEADER = ("key", "value")
ROW_HASH_HEADER = ("id", "row_hash")

# Excel's own escape for characters XML cannot hold (ECMA-376 ST_Xstring: _xHHHH_); a literal "_xHHHH_" in
# the text gets its underscore escaped (_x005F_) so Excel shows it unchanged. openpyxl does neither itself.
_XML_ILLEGAL = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_XML_ILLEGAL_CHAR = re.compile(f"[{_XML_ILLEGAL}]")
_LITERAL_ESCAPE = re.compile(f"_(?=x[0-9A-Fa-f]{{4}}(?:_|[{_XML_ILLEGAL}]))")


# --- writing ----------------------------------------------------------------------------------


def header_label(column: str) -> str:
    """The header text of a column: its schema name, with the language code where there is one."""
    code = LANGUAGE_CODES.get(column)
    return f"{column} ({code})" if code else column


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> None:
    """Write a translator's workbook: Glossary, Instructions and Metadata sheets, atomically.

    XlsxWriter lays out the workbook (styles, widths, frozen header, filter, drop-downs, the other
    sheets); the data rows of the Glossary sheet, by far the bulk, are then streamed straight into its
    XML, every cell an inline string (never a formula, number or link), escaped as Excel does. This is
    several times faster than writing 100,000 rows cell by cell through a library."""
    columns = _export_columns(options.columns)
    metadata_rows = len(_metadata_rows(options)) + len(options.row_hashes)
    refuse_too_many_rows(max(len(entries) + 1, metadata_rows), f"{len(entries):,} entries",
                         "export fewer with --category or --status, or export CSV or TBX, which have no row limit")
    rows = _entry_rows(entries, columns)
    labels = [header_label(column) for column in columns]
    # also refuses cells no spreadsheet can hold, before writing
    widths = measure_columns(rows, labels, [DROP_DOWNS.get(c, ()) for c in columns], [e.id for e in entries])
    widths = [min(width, ID_MAX_WIDTH) if column == ID else width for column, width in zip(columns, widths)]

    def produce(temporary: Path) -> None:
        layout = io.BytesIO()
        book = _new_book(layout)
        _write_glossary_sheet(book, book.add_worksheet(GLOSSARY_SHEET), len(entries), columns, widths)
        _write_instructions_sheet(book, book.add_worksheet(INSTRUCTIONS_SHEET))
        fingerprints = _write_metadata_sheet(book, book.add_worksheet(METADATA_SHEET), options)
        book.close()
        _stream_importably(layout, temporary, rows, widths, _one_line_limits(columns, widths), fingerprints)

    produce_atomically(Path(path), produce)


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet_name: str) -> None:
    """Any table as a one-sheet workbook (a mined table): the same cells as the glossary workbook (text
    neutralised and escaped, wrapped, rows as tall as their text; numbers stay numbers), a bold frozen
    header with a filter, landscape pages one page wide."""
    labels = [header_label(str(name)) for name in headers]
    refuse_too_many_rows(len(rows) + 1, f"{len(rows):,} rows", "write CSV instead, which has no row limit")
    widths = measure_columns(rows, labels)

    def produce(temporary: Path) -> None:
        layout = io.BytesIO()
        book = _new_book(layout)
        sheet = book.add_worksheet(sheet_name)
        wrap, bold = book.add_format({"text_wrap": True, "valign": "top"}), book.add_format({"bold": True})
        for index, (label, width) in enumerate(zip(labels, widths)):
            sheet.set_column(index, index, width, wrap)
            sheet.write_string(0, index, neutralise_formula(label), bold)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(labels) - 1)
        _set_up_pages(sheet, landscape=True)
        sheet.repeat_rows(0)
        book.close()
        _stream_importably(layout, temporary, rows, widths, _one_line_limits(labels, widths))

    produce_atomically(Path(path), produce)


def refuse_too_many_rows(rows: int, what: str, advice: str) -> None:
    """Refuse, before anything is written, a sheet of more rows than Excel holds (it would drop the rest, and
    with them the filter, the drop-downs and the last fingerprints)."""
    if rows > EXCEL_MAX_ROWS:
        raise FormatError(f"{what} do not fit in an Excel sheet ({rows:,} rows where a sheet holds "
                          f"{EXCEL_MAX_ROWS:,}); {advice} (nothing was written)")


def _new_book(layout: io.BytesIO):
    """An XlsxWriter workbook, written into memory (it holds the layout only, the rows come later), that never
    turns text into formulas, numbers or links."""
    import xlsxwriter

    return xlsxwriter.Workbook(layout, {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False,
    })


def _entry_rows(entries: Sequence[TermEntry], columns: Sequence[str]) -> list[tuple[str, ...]]:
    """The cells of each entry in the exported columns."""
    from operator import attrgetter

    if len(columns) == 1:
        return [(getattr(entry, columns[0]),) for entry in entries]
    cells = attrgetter(*columns)
    return [cells(entry) for entry in entries]


def _stream_importably(layout: io.BytesIO, path: Path, rows: Sequence[Sequence[object]], widths: list[float],
                       limits: list[int], fingerprints: "Fingerprints | None" = None) -> None:
    """Write the workbook with its rows deflated; stored instead in the rare workbook whose sheet deflates further
    than an import trusts (thousands of rows of one long repeated note), so that every export reads back."""
    _stream_rows_into(layout, path, rows, widths, limits, zipfile.ZIP_DEFLATED, fingerprints)
    with zipfile.ZipFile(path) as written:
        sheet = written.getinfo(_FIRST_SHEET)
        _refuse_beyond_import(sum(member.file_size for member in written.infolist()), len(rows))
    if sheet.file_size > RATIO_CHECK_MIN_BYTES and sheet.file_size > MAX_COMPRESSION_RATIO * sheet.compress_size:
        _stream_rows_into(layout, path, rows, widths, limits, zipfile.ZIP_STORED, fingerprints)


_FIRST_SHEET = "xl/worksheets/sheet1.xml"
_METADATA_SHEET_FILE = "xl/worksheets/sheet3.xml"  # the third sheet export_entries adds


def _stream_rows_into(layout: io.BytesIO, path: Path, rows: Sequence[Sequence[object]], widths: list[float],
                      limits: list[int], compression: int, fingerprints: "Fingerprints | None" = None) -> None:
    """Write the workbook XlsxWriter laid out to `path`, with the rows as rows 2… of its first sheet (sheet1);
    each cell takes its column's style (grey id, wrapped text) as XlsxWriter numbered it, each row the
    height its wrapped cells need at the column widths.

    The file is written unbuffered: when the disk fills up, closing it has nothing left to flush, so the
    failure is raised once (not again when the garbage collector closes the zip)."""
    letters = [_column_letter(index) for index in range(len(widths))]
    last_cell = f"{letters[-1]}{len(rows) + 1}"
    with zipfile.ZipFile(layout) as source, open(path, "wb", buffering=0) as raw, \
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if fingerprints is not None and member.filename == fingerprints.member:
                _stream_fingerprints(target, member, data, fingerprints, compression)
                continue
            if member.filename != _FIRST_SHEET:
                target.writestr(member, data)
                continue
            head, _, tail = data.decode("utf-8").partition("</sheetData>")
            styles = {int(first) - 1: style for first, style in _COLUMN_STYLE.findall(head)}
            layout_of = [(letter, f' s="{styles[index]}"' if index in styles else "", line_room(width), limit)
                         for index, (letter, width, limit) in enumerate(zip(letters, widths, limits))]
            rows_xml = (_row_xml(number, values, layout_of) for number, values in enumerate(rows, start=2))
            _write_sheet(target, member, head, tail, last_cell, compression, rows_xml, _refuse_beyond_import)


def _stream_fingerprints(target: zipfile.ZipFile, member: zipfile.ZipInfo, data: bytes, fingerprints: Fingerprints,
                        compression: int) -> None:
    """The Metadata sheet with the fingerprint rows after its head (id in column A, fingerprint in B)."""
    head, _, tail = data.decode("utf-8").partition("</sheetData>")
    last = fingerprints.first_row + len(fingerprints.rows) - 1
    rows_xml = (f'<row r="{number}">' + "".join(
        f'<c r="{letter}{number}" t="inlineStr"><is><t>{_xml_escape(cell_text(text))}</t></is></c>'
        for letter, text in (("A", entry_id), ("B", fingerprint)) if text) + "</row>"
        for number, (entry_id, fingerprint) in enumerate(fingerprints.rows, start=fingerprints.first_row))
    _write_sheet(target, member, head, tail, f"B{max(last, fingerprints.first_row - 1)}", compression, rows_xml)


def _write_sheet(target: zipfile.ZipFile, member: zipfile.ZipInfo, head: str, tail: str, last_cell: str,
                 compression: int, rows_xml: Iterable[str],
                 check: "Callable[[int, int], None] | None" = None) -> None:
    """A sheet XlsxWriter laid out (its XML cut at </sheetData> into head and tail), with rows streamed in
    after its head and its dimension set to A1:last_cell; `check` is told the bytes written and the rows so far
    after every chunk of rows and at the end."""
    head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last_cell}"/>', head, count=1)
    sheet = zipfile.ZipInfo(member.filename, member.date_time)
    sheet.compress_type = compression  # a ZipInfo of its own is stored unless told
    with target.open(sheet, "w") as out:
        written, count = out.write(head.encode("utf-8")), 0
        chunk: list[str] = []
        for count, xml in enumerate(rows_xml, start=1):
            chunk.append(xml)
            if len(chunk) == 2000:
                written += out.write("".join(chunk).encode("utf-8"))
                chunk = []
                if check is not None:
                    check(written, count)
        written += out.write(("".join(chunk) + "</sheetData>" + tail).encode("utf-8"))
        if check is not None:
            check(written, count)


def _refuse_beyond_import(written: int, rows: int) -> None:
    """Stop a sheet that has grown past what an import of it accepts (files.sheets: every export reads back)."""
    if written > MAX_UNCOMPRESSED_BYTES:
        raise FormatError(f"the workbook passes {MAX_UNCOMPRESSED_BYTES:,} bytes of XML at row {rows:,}, "
                          "more than a workbook is read back with; export fewer entries with --category or --status, "
                          "or export CSV or TBX (nothing was written)")


def _row_xml(number: int, values: Sequence[object], layout: list[tuple[str, str, int, int]]) -> str:
    """One sheet row, as tall as its most wrapped cell: an inline string for each non-empty text, a number
    cell for each number, a boolean cell for each boolean. `layout` gives each column's letter, style
    attribute, line room and one-line limit."""
    cells = []
    height = LINE_HEIGHT
    for (letter, style, room, limit), value in zip(layout, values):
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            cells.append(_number_xml(f"{letter}{number}", style, value))
            continue
        text = cell_text(value)
        broken = "\n" in text or "\r" in text
        if broken or len(text) > limit:
            height = max(height, cell_height(text, room))
        space = ' xml:space="preserve"' if broken or "\t" in text or text[0].isspace() or text[-1].isspace() else ""
        cells.append(f'<c r="{letter}{number}"{style} t="inlineStr"><is><t{space}>{_xml_escape(text)}</t></is></c>')
    return f'<row r="{number}" ht="{min(height, MAX_ROW_HEIGHT):g}" customHeight="1">{"".join(cells)}</row>'


def _number_xml(reference: str, style: str, value: object) -> str:
    """A number or boolean cell (a mined table's counts and scores); anything else as its text."""
    if isinstance(value, bool):
        return f'<c r="{reference}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and math.isfinite(value):
        return f'<c r="{reference}"{style}><v>{value!r}</v></c>'
    text = cell_text(str(value))
    return f'<c r="{reference}"{style} t="inlineStr"><is><t>{_xml_escape(text)}</t></is></c>'


def cell_height(text: str, room: int) -> float:
    """The height in points a cell's text needs when wrapped at `room` character widths, as Excel and
    LibreOffice wrap: line breaks count, words move whole to the next line, CJK and over-long words break
    anywhere, and a line holding CJK is taller."""
    return sum(_wrapped_height(line, room) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _one_line_limits(columns: Sequence[str], widths: Sequence[float]) -> list[int]:
    """Per column, how many characters surely fit on one line: any number where the column was made wide
    enough for all its content; else half a line's room (every character could be CJK, double width)."""
    return [EXCEL_MAX_CELL_CHARS if width < (ID_MAX_WIDTH if column == ID else MAX_WIDTH) else line_room(width) // 2
            for column, width in zip(columns, widths)]


def line_room(width: float) -> int:
    """How many character widths one line of a wrapped cell holds in a column of that width (less the
    cell's own margins)."""
    return max(1, int(width) - 1)


def _wrapped_height(line: str, room: int) -> float:
    """The height of one line of text (without breaks) wrapped greedily, word by word, at `room` widths."""
    widths = line.encode("utf-8", "surrogatepass").translate(_SIXTEENTHS)
    full = 16 * room  # a line's room in sixteenths
    if sum(widths) <= full:
        return CJK_LINE_HEIGHT if _WIDE in widths else LINE_HEIGHT
    height, used, tall = 0.0, 0, False  # used: sixteenths of the line being filled; tall: it holds CJK
    for word, text in zip(widths.split(_SPACE), line.split(" ")):
        size, wide = sum(word), _WIDE in word
        if used and used + _SPACE_SIXTEENTHS + size <= full:
            used, tall = used + _SPACE_SIXTEENTHS + size, tall or wide
            continue
        if used and not (wide and text_width(text) > len(text)):  # CJK may break anywhere, so it fills this line
            height, used, tall = height + (CJK_LINE_HEIGHT if tall else LINE_HEIGHT), 0, False
        end = used + (_SPACE_SIXTEENTHS if used else 0) + size
        spilled = max(0, -(-end // full) - 1)  # lines this word fills up
        if spilled:
            height += (CJK_LINE_HEIGHT if tall or wide else LINE_HEIGHT) + (spilled - 1) * (
                CJK_LINE_HEIGHT if wide else LINE_HEIGHT)
        used, tall = end - spilled * full, (tall and not spilled) or wide
    return height + (CJK_LINE_HEIGHT if tall else LINE_HEIGHT)


def line_width(line: str) -> float:
    """How many widths of the digit '0' (the unit of column widths) a line of text takes in 11-point Calibri."""
    return sum(line.encode("utf-8", "surrogatepass").translate(_SIXTEENTHS)) / 16


def _sixteenths_table() -> bytes:
    """Calibri's character widths in sixteenths of the digit '0', by UTF-8 byte: ASCII as measured (in
    Carlito, Calibri's metric twin), a two-byte character (pinyin's accented letters) one digit, a longer
    one (CJK, kana, hangul, full-width forms, emoji) two; continuation bytes nothing."""
    table = bytearray([16]) * 256
    for sixteenths, characters in _ASCII_SIXTEENTHS.items():
        for byte in characters.encode("ascii"):
            table[byte] = sixteenths
    table[0x80:0xC0] = bytes(0x40)
    table[0xE0:0x100] = bytes([32]) * 0x20
    return bytes(table)


# the others are 16; only the space is 7 (the quote and the narrowest letters, also 7.2, count 8) so that a
# line's widths split into words where the line does
_ASCII_SIXTEENTHS = {7: " ", 8: "',.:;Iijl", 9: "`", 10: "!()-J[]f{}", 11: "rt", 12: "/\\sz", 13: '"Lc', 14: "kvxy",
                     15: "?EFSTYZag|", 17: "BCRbdhnopqu", 18: "AV", 19: "D", 20: "GHNU", 21: "OQ", 22: "&", 23: "%w",
                     25: "m", 27: "M", 28: "@W"}
_SIXTEENTHS = _sixteenths_table()
_SPACE_SIXTEENTHS = 7
_SPACE = bytes([_SPACE_SIXTEENTHS])
_WIDE = bytes([32])


_COLUMN_STYLE = re.compile(r'<col min="(\d+)" max="\d+"[^>]*? style="(\d+)"')
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})  # a raw CR would read back as LF


def _xml_escape(text: str) -> str:
    """Text as XML character data."""
    return text.translate(_XML_ESCAPES)


def _export_columns(wanted: Iterable[str]) -> list[str]:
    """The columns asked for, in schema order; unknown names are refused."""
    wanted = list(wanted)
    unknown = [name for name in wanted if name not in COLUMNS]
    if unknown:
        raise FormatError(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                          f"(expected {', '.join(COLUMNS)})")
    if not wanted:
        raise FormatError("no columns to export")
    return [name for name in COLUMNS if name in wanted]


def cell_text(text: str) -> str:
    """What a cell holds for a text: formula characters neutralised, XML-illegal characters escaped as Excel does.

    The non-characters U+FFFE and U+FFFF are refused: spreadsheet readers (LibreOffice, calamine) do not
    decode their escapes, so they could not come back."""
    if "\ufffe" in text or "\uffff" in text:
        raise FormatError("text holds U+FFFE or U+FFFF, which a spreadsheet cannot store")
    text = neutralise_formula(text)
    if "_x" in text or _XML_ILLEGAL_CHAR.search(text):
        text = _LITERAL_ESCAPE.sub("_x005F_", text)
        text = _XML_ILLEGAL_CHAR.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    return text


def display_width(text: str, cap: int = MAX_WIDTH) -> int:
    """How many widths of the digit '0' the longest line of a text takes (CJK and full-width count double),
    up to cap."""
    widest = 0
    for line in text.split("\n"):
        if len(line) >= cap:
            return cap
        widest = max(widest, math.ceil(line_width(line)))
    return min(widest, cap)


def text_width(text: str) -> int:
    """How many character widths a text takes on one line: CJK and full-width characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def measure_columns(rows: Sequence[Sequence[object]], labels: Sequence[str],
                    choices: Sequence[Sequence[str]] = (), names: Sequence[str] | None = None) -> list[float]:
    """Column widths that fit the header, the drop-down choices and the content, in one pass over the rows;
    a cell too long for Excel is refused here, before anything is written (named by `names`, else its row)."""
    cap = MAX_WIDTH - WIDTH_PADDING
    choices = list(choices) + [()] * (len(labels) - len(choices))
    widest = [max(display_width(text, cap) for text in (label, *extra)) for label, extra in zip(labels, choices)]
    open_columns = list(range(len(labels)))  # those still narrower than the cap
    for position, row in enumerate(rows):
        cells = [value if isinstance(value, str) else "" if value is None else str(value) for value in row]
        for index, text in enumerate(cells):
            if "\ufffe" in text or "\uffff" in text or (
                    # escapes can make a cell up to 7 times longer: measure the escaped text only when that could matter
                    len(text) > EXCEL_MAX_CELL_CHARS // 7 and len(cell_text(text)) > EXCEL_MAX_CELL_CHARS):
                where = f"entry {names[position]}" if names else f"row {position + 2}"
                raise FormatError(f"{where}: {_unstorable(text, labels[index])}")
        for index in open_columns:
            text = cells[index]
            if 2 * len(text) > widest[index]:  # only then can it be wider than what is already there
                widest[index] = max(widest[index], display_width(text, cap))
        if any(widest[index] >= cap for index in open_columns):
            open_columns = [index for index in open_columns if widest[index] < cap]
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, width + WIDTH_PADDING))) for width in widest]


def _unstorable(text: str, label: str) -> str:
    """Why a cell's text cannot be stored in a workbook."""
    column = label.split(" (")[0]
    if "\ufffe" in text or "\uffff" in text:
        return f"{column} holds U+FFFE or U+FFFF, which a spreadsheet cannot store"
    return f"{column} has {len(cell_text(text)):,} characters; an Excel cell holds at most {EXCEL_MAX_CELL_CHARS:,}"


def _write_glossary_sheet(book, sheet, rows: int, columns: list[str], widths: list[float]) -> None:
    """The Glossary sheet's layout: bold frozen header, fitted widths, wrapped text, filter and drop-downs
    over `rows` data rows (which _stream_rows_into adds), and a page setup for printing."""
    grey = book.add_format({"font_color": GREY_RGB, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold, bold_grey = book.add_format({"bold": True}), book.add_format({"bold": True, "font_color": GREY_RGB})
    for index, (column, width) in enumerate(zip(columns, widths)):
        # column formats also grey or wrap what a translator types later in the column
        sheet.set_column(index, index, width, grey if column == ID else wrap)
    sheet.freeze_panes(1, 1 if columns[0] == ID else 0)
    for index, column in enumerate(columns):
        sheet.write_string(0, index, neutralise_formula(header_label(column)), bold_grey if column == ID else bold)
    sheet.autofilter(0, 0, rows, len(columns) - 1)
    for column, choices in DROP_DOWNS.items():
        if column in columns:
            index = columns.index(column)
            # a list validation on the data rows plus spare rows for new terms; other values are refused
            last = min(rows + SPARE_VALIDATED_ROWS, EXCEL_MAX_ROWS - 1)  # 0-based, as XlsxWriter counts
            sheet.data_validation(1, index, last, index, {
                "validate": "list", "source": list(choices), "error_title": f"Unknown {column}",
                "error_message": f"Choose one of: {', '.join(choices)}",
            })
    _set_up_pages(sheet, landscape=True)
    sheet.repeat_rows(0)  # the header on every printed page
    sheet.hide_gridlines(0)  # gridlines on screen and on paper, so wrapped rows stay apart


def _set_up_pages(sheet, landscape: bool) -> None:
    """Print on A4, all columns one page wide (as many pages tall as needed), page numbers in the footer.

    A4 rather than letter: it is the paper of China, Taiwan, Hong Kong and Europe, and an A4 page printed
    on letter paper loses only a few per cent to scaling."""
    if landscape:
        sheet.set_landscape()
    sheet.set_paper(PAPER_A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)  # inches
    sheet.set_footer("&L&A&R&P / &N")  # sheet name left, page / pages right


INSTRUCTIONS = [
    ("How to use this glossary workbook", "如何使用本术语表工作簿"),
    ("Edit the Glossary sheet: chinese (simplified), traditional, pinyin, category, status, variants, note, "
     "context and source; english too if the English term is wrong.",
     "请在 Glossary 工作表中编辑：chinese（简体中文）、traditional（繁体中文）、pinyin（拼音）、category、status、"
     "variants、note、context 和 source；英文术语有误时也可修改 english。"),
    ("Do not change the id column (grey): it links each row to its entry. Do not rename the column headers, "
     "and do not delete the Metadata sheet: the import needs them.",
     "请勿修改灰色的 id 列：它把每一行与原条目对应起来。请勿重命名列标题，"
     "也不要删除 Metadata 工作表：导入时需要用到它们。"),
    ("To add a term, add a row at the bottom and leave its id empty; a new id is assigned on import.",
     "如需新增术语，请在表格末尾添加一行，id 留空即可；导入时会自动分配新的 id。"),
    ("status: approved = the agreed translation, use it; proposed = a suggestion waiting for review; "
     "deprecated = an old form, no longer used but kept for reference; forbidden = must never be used.",
     "status（状态）：approved = 已批准的译法，请使用；proposed = 待审核的建议译法；"
     "deprecated = 已弃用的旧译法，仅供参考；forbidden = 禁用，任何情况下都不得使用。"),
    ("Pick status and category from the drop-down list; other values are refused.",
     "status 和 category 请从下拉列表中选择；其他值无法输入。"),
    ("variants: other English forms of the term, separated by | (for example: Wu Yongming|Eddie Yongming Wu).",
     "variants：该术语的其他英文写法，用 | 分隔（例如：Wu Yongming|Eddie Yongming Wu）。"),
    ("A cell starting with an apostrophe before = + - or @ is text, not a formula; leave the apostrophe in.",
     "以撇号（'）开头、后跟 = + - 或 @ 的单元格是文本而非公式；请保留该撇号。"),
    ("Save the file as .xlsx (not CSV) and send it back.",
     "请将文件保存为 .xlsx 格式（不要另存为 CSV）后发回。"),
]


def _write_instructions_sheet(book, sheet) -> None:
    """Short instructions, English beside Chinese."""
    heading = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    body = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 1, INSTRUCTIONS_WIDTH)
    room = line_room(INSTRUCTIONS_WIDTH)
    for number, pair in enumerate([("English", "中文"), *INSTRUCTIONS]):
        sheet.set_row(number, max(cell_height(text, room) for text in pair))
        for index, text in enumerate(pair):
            sheet.write_string(number, index, text, heading if number <= 1 else body)
    _set_up_pages(sheet, landscape=False)


def _write_metadata_sheet(book, sheet, options: ExportOptions) -> "Fingerprints":
    """Key/value pairs about the export, then the header of each entry's fingerprint at export time (visible,
    protected); the fingerprint rows themselves are streamed into the sheet (_stream_rows_into): returned."""
    bold = book.add_format({"bold": True})
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 60)
    sheet.protect()  # no password: it only guards against accidental edits
    headers = (METADATA_KEY_HEADER, ROW_HASH_HEADER)
    head = _metadata_rows(options)
    for number, pair in enumerate(head):
        for index, text in enumerate(pair):
            if text:
                sheet.write_string(number, index, neutralise_formula(text), bold if pair in headers else None)
    return Fingerprints(_METADATA_SHEET_FILE, len(head) + 1, list(options.row_hashes.items()))


@dataclass(frozen=True)
class Fingerprints:
    """Rows of two texts (an entry's id and its fingerprint) to stream into a sheet from a row number on."""

    member: str  # the sheet's file in the workbook
    first_row: int  # 1-based, as the sheet XML counts
    rows: list[tuple[str, str]]


def _metadata_rows(options: ExportOptions) -> list[tuple[str, str]]:
    """The Metadata sheet's first rows: key/value pairs about the export, a blank row, the fingerprints' header."""
    metadata = {"exported_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "tool_version": version()}
    metadata.update(options.metadata)
    return [METADATA_KEY_HEADER, *((str(key), str(value)) for key, value in metadata.items()), ("", ""),
            ROW_HASH_HEADER]


# --- reading ----------------------------------------------------------------------------------


def read(path: Path) -> ImportedTable:
    """The rows of a workbook's Glossary sheet (and the export metadata, when the Metadata sheet is there).

    Read with python-calamine (Rust), about ten times faster than openpyxl on large sheets; it decodes
    Excel's _xHHHH_ escapes itself."""
    path = Path(path)

    def pick(names: list[str]) -> list[str]:
        return [_glossary_sheet_name(names, path)] + ([METADATA_SHEET] if METADATA_SHEET in names else [])

    sheets = workbook_rows(path, pick)
    title, *_ = sheets
    ignored: dict[str, int] = {}
    columns, rows = _read_glossary_rows(title, sheets[title], path, ignored)
    metadata, row_hashes = _read_metadata(sheets[METADATA_SHEET]) if METADATA_SHEET in sheets else ({}, {})
    return ImportedTable(path, rows=rows, columns=columns, metadata=metadata, row_hashes=row_hashes,
                         ignored=ignored)


def _glossary_sheet_name(names: list[str], path: Path) -> str:
    """The sheet named Glossary (any case), or the only sheet."""
    for name in names:
        if name.strip().casefold() == GLOSSARY_SHEET.casefold():
            return name
    if len(names) == 1:
        return names[0]
    raise FormatError(f"{path}: no sheet named {GLOSSARY_SHEET!r} (sheets found: {', '.join(map(repr, names))})")


def header_column(label: Any) -> str | None:
    """The schema column a header cell names ('Chinese (zh-Hans)', ' english ', 'zh-Hant'), or None."""
    return column_for(_text_of(label))


def _read_glossary_rows(title: str, sheet_rows: list[list[Any]], path: Path, ignored: dict[str, int]
                        ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The columns found in the header and the non-blank rows below it, with their sheet row numbers;
    counts the non-empty cells under headers no schema knows into `ignored`."""
    positions: list[tuple[int, str]] | None = None
    unknown: dict[int, str] = {}
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(sheet_rows, start=1):
        if positions is None:
            if any(_text_of(value).strip() for value in values):
                positions = _header_positions(values, path, number)
                unknown = unknown_headers([_text_of(v) for v in values], dict(positions))
            continue
        cells = {column: _field_text(column, values[index] if index < len(values) else None)
                 for index, column in positions}
        if any(cells.values()):
            rows.append((number, cells))
            count_ignored(unknown, [_text_of(v) for v in values], ignored)
    if positions is None:
        raise FormatError(f"{path}: the {title!r} sheet is empty; expected a header row "
                          f"({', '.join(map(header_label, COLUMNS))})")
    return [column for _, column in positions], rows


def _header_positions(values: Sequence[Any], path: Path, number: int) -> list[tuple[int, str]]:
    """(cell index, schema column) for each header cell that names a column; unknown headers are ignored."""
    positions: list[tuple[int, str]] = []
    for index, value in enumerate(values):
        column = header_column(value)
        if column is None:
            continue
        if any(column == seen for _, seen in positions):
            raise FormatError(f"{path} row {number}: column {column!r} appears twice in the header")
        positions.append((index, column))
    found = {column for _, column in positions}
    if ENGLISH not in found and CHINESE not in found:
        raise FormatError(f"{path} row {number}: no english or chinese column in the header "
                          f"(expected names such as {', '.join(map(header_label, COLUMNS))})")
    return positions


def _field_text(column: str, value: Any) -> str:
    """A cell as the text of a field: Excel's escapes and the formula guard undone, stray spaces trimmed
    (except in note and context, where spacing can be part of the text)."""
    text = _text_of(value)
    if column not in UNTRIMMED_COLUMNS:
        text = text.strip()  # before restore_formula: the guard protects a leading tab or line break
    return restore_formula(text)


def _text_of(value: Any) -> str:
    """A cell value as text: numbers Excel made of typed text back to their digits, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _read_metadata(sheet_rows: list[list[Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """The key/value pairs and the id → row_hash table of a Metadata sheet."""
    metadata: dict[str, str] = {}
    row_hashes: dict[str, str] = {}
    target = metadata
    for values in sheet_rows:
        key, value = (restore_formula(_text_of(cell)) for cell in (list(values) + [None, None])[:2])
        key = key.strip()
        if not key:
            continue
        if (key.casefold(), value.casefold()) == METADATA_KEY_HEADER:
            target = metadata
        elif (key.casefold(), value.casefold()) == ROW_HASH_HEADER:
            target = row_hashes
        else:
            target[key] = value
    return metadata, row_hashes
