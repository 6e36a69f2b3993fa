"""Bilingual files in, for term QA: aligned text files, CSV/TSV, Excel, XLIFF 1.2/2.0 and TMX as segments.

Every reader returns `Segment`s in file order, numbered 1, 2, 3 … among the segments read; pairs blank on
both sides are skipped. Where each one is stays apart: `line`, the row or line of a table or text file, or
`unit`, the unit's id in an XML file; and `where`, the file and either ("file:row", "file:unit-id").

Inline markup is removed and the text it wraps kept; native code (`bpt`, `ept`, `ph`, `it`, …) is dropped.
A standalone placeholder (`x`, `ph`) that sits between two letters or digits of a space-separated script
becomes one space ("keep<ph/>changes" → "keep changes"), so that two words do not fuse; between hanzi, or
next to a space or punctuation, it leaves nothing ("保留<ph/>更改" → "保留更改").

XML is parsed by `files.safexml`: entity declarations and external references are refused, so XXE and
billion-laughs files fail at once, and so does markup nested more than 1,000 levels deep. The language
attributes of an XLIFF file never swap the sides: its source is the source.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import GlossaryError
from .formats import FormatError
from .formats.columns import column_for
from .documents.paths import document_bytes as read_file_bytes
from .files.decode import decode_bytes
from .schema import CHINESE, ENGLISH, TRADITIONAL

TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
XLSX_SUFFIXES = (".xlsx",)
XLIFF_SUFFIXES = (".xlf", ".xliff", ".sdlxliff")
TMX_SUFFIXES = (".tmx",)
SUPPORTED = "two aligned plain-text files, or one " + ", ".join(
    TABLE_SUFFIXES + XLSX_SUFFIXES + XLIFF_SUFFIXES + TMX_SUFFIXES) + " file"

SEGMENT_SHEETS = ("segments", "glossary")  # preferred sheet names in a workbook; else the first sheet
SOURCE, TARGET = "source", "target"
# The language of a glossary column that a header cell names in words ("English", "Chinese (zh-Hans)").
COLUMN_LANGUAGES = {ENGLISH: "en", CHINESE: "zh", TRADITIONAL: "zh"}

XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"  # XLIFF 2.1 and 2.2 keep the 2.0 core namespace
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Inline elements whose content is native code, not text (XLIFF 1.2, 2.0 and TMX 1.4); a `sub` inside
# them holds translatable text and counts. Of these, the standalone placeholders may separate two words.
CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em"})
PLACEHOLDERS = frozenset({"x", "ph"})

_HEADING = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<note>[^)]*)\))?\s*$")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class Segment:
    """One source/target pair of a bilingual file, and where it is (for messages)."""

    number: int  # 1, 2, 3 … in the order read (blank pairs are not segments and take no number)
    source: str
    target: str
    where: str  # "file:row" or "file:unit-id"
    line: int | None = None  # the row or line of a table or text file
    unit: str = ""  # the id of the unit (XLIFF unit/segment, TMX tu) in an XML file


def read_segments(paths: Sequence[str | Path], *, source_column: str | None = None,
                  target_column: str | None = None, source_language: str = "en",
                  target_language: str = "zh") -> list[Segment]:
    """The segments of one bilingual file, or of two plain-text files aligned line by line."""
    paths = [Path(path) for path in paths]
    if len(paths) == 2:
        return read_aligned_text(paths[0], paths[1])
    if len(paths) != 1:
        raise GlossaryError(f"expected one bilingual file or two aligned text files, got {len(paths)} paths")
    path = paths[0]
    suffix = path.suffix.lower()
    names = (source_column, target_column)
    languages = (source_language, target_language)
    if suffix in TABLE_SUFFIXES:
        return read_table_file(path, names, languages)
    if suffix in XLSX_SUFFIXES:
        return read_workbook(path, names, languages)
    if suffix in XLIFF_SUFFIXES:
        return read_xliff(path)
    if suffix in TMX_SUFFIXES:
        return read_tmx(path, source_language, target_language)
    raise GlossaryError(f"{path}: cannot read {suffix or 'a file without a suffix'} as a bilingual file "
                        f"(supported: {SUPPORTED})")


# --- aligned text files -----------------------------------------------------------------------


def read_aligned_text(source_path: Path, target_path: Path) -> list[Segment]:
    """Line n of the source file paired with line n of the target file, each file in its own encoding."""
    source_lines = _text_lines(source_path)
    target_lines = _text_lines(target_path)
    if len(source_lines) != len(target_lines):
        raise GlossaryError(
            f"{source_path} has {len(source_lines)} lines but {target_path} has {len(target_lines)}; "
            "aligned files need one line per segment on each side")
    lines = enumerate(zip(source_lines, target_lines), start=1)
    return _numbered(source_path, ((source, target, line, "") for line, (source, target) in lines))


def _text_lines(path: Path) -> list[str]:
    """A text file's lines (a final line break ends the last line; it does not start another)."""
    text = decode_bytes(read_file_bytes(path), str(path))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# --- tables: CSV/TSV and Excel ----------------------------------------------------------------


def read_table_file(path: Path, names: tuple[str | None, str | None],
                    languages: tuple[str, str]) -> list[Segment]:
    """A CSV/TSV file's source and target columns, found by header name, or the only two columns."""
    text = decode_bytes(read_file_bytes(path), str(path))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") or (
        "\t" in first_line and "," not in first_line) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Any]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise FormatError(f"{path} row {start}: malformed CSV ({error}); check the quotes on this row") from None
    return _table_segments(rows, path, names, languages)


def read_workbook(path: Path, names: tuple[str | None, str | None],
                  languages: tuple[str, str]) -> list[Segment]:
    """The source and target columns of a workbook's Segments or Glossary sheet (else its first sheet), read
    through the workbook reader's guards (formats.xlsx.read_sheets)."""
    from .formats.xlsx import read_sheets

    def pick(sheet_names: list[str]) -> list[str]:
        if not sheet_names:
            raise FormatError(f"{path}: the workbook has no sheets")
        return [next((name for name in sheet_names if name.strip().casefold() in SEGMENT_SHEETS), sheet_names[0])]

    (sheet_rows,) = read_sheets(path, pick).values()
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
    return _numbered(path, ((cells[source_at] if source_at < len(cells) else "",
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


def language_matches(tag: str, wanted: str) -> bool:
    """True when a language tag is the wanted language or a variant of it ('zh-CN' for 'zh'; 'en_US')."""
    tag = tag.strip().casefold().replace("_", "-")
    wanted = wanted.strip().casefold().replace("_", "-")
    return bool(wanted) and (tag == wanted or tag.startswith(wanted + "-"))


# --- XML: XLIFF and TMX -----------------------------------------------------------------------


def read_xliff(path: Path) -> list[Segment]:
    """The units of an XLIFF 1.2 file (SDLXLIFF too) or the segments of an XLIFF 2.x file."""
    root = _parse_xml(path)
    namespace, name = _split_tag(root.tag)
    if name != "xliff":
        raise FormatError(f"{path}: not an XLIFF file (the root element is <{name}>, not <xliff>)")
    if namespace == XLIFF_2 or (not namespace and root.get("version", "").startswith("2")):
        pairs = _xliff2_pairs(root, namespace)
    elif namespace in (XLIFF_1, ""):
        pairs = _xliff1_pairs(root, namespace)
    else:
        raise FormatError(f"{path}: unknown XLIFF namespace {namespace!r} (expected {XLIFF_1} or {XLIFF_2})")
    return _numbered(path, ((source, target, None, unit_id or f"unit {number}")
                            for number, (unit_id, source, target) in enumerate(pairs, start=1)))


def _xliff1_pairs(root, namespace: str) -> Iterator[tuple[str, str, str]]:
    """(id, source, target) for each trans-unit; alt-trans and seg-source are not the unit's text."""
    prefix = f"{{{namespace}}}" if namespace else ""
    for unit in root.iter(prefix + "trans-unit"):
        source = unit.find(prefix + "source")
        target = unit.find(prefix + "target")
        yield unit.get("id", ""), _inline_text(source), _inline_text(target)


def _xliff2_pairs(root, namespace: str) -> Iterator[tuple[str, str, str]]:
    """(where, source, target) for each segment of each unit; `ignorable` parts are left out."""
    prefix = f"{{{namespace}}}" if namespace else ""
    for unit in root.iter(prefix + "unit"):
        unit_id = unit.get("id", "")
        segments = unit.findall(prefix + "segment")
        for index, segment in enumerate(segments, start=1):
            where = unit_id if len(segments) == 1 else f"{unit_id}/{segment.get('id') or index}"
            yield where, _inline_text(segment.find(prefix + "source")), _inline_text(segment.find(prefix + "target"))


def read_tmx(path: Path, source_language: str, target_language: str) -> list[Segment]:
    """Each tu's variant in source_language and in target_language (the first of each, any region or
    script: en-US, zh-CN, zh-Hant…); tus lacking either are skipped."""
    root = _parse_xml(path)
    if _split_tag(root.tag)[1] != "tmx":
        raise FormatError(f"{path}: not a TMX file (the root element is <{_split_tag(root.tag)[1]}>, not <tmx>)")
    pairs: list[tuple[str, str, None, str]] = []
    languages_seen: set[str] = set()
    units = 0
    for number, unit in enumerate((element for element in root.iter() if _split_tag(element.tag)[1] == "tu"),
                                  start=1):
        units = number
        texts: dict[str, str] = {}
        for variant in unit:
            if _split_tag(variant.tag)[1] != "tuv":
                continue
            language = variant.get(XML_LANG) or variant.get("lang") or ""  # TMX 1.1 used a plain lang
            languages_seen.add(language)
            seg = next((child for child in variant if _split_tag(child.tag)[1] == "seg"), None)
            for role, wanted in ((SOURCE, source_language), (TARGET, target_language)):
                if role not in texts and language_matches(language, wanted):
                    texts[role] = _inline_text(seg)
        if SOURCE in texts and TARGET in texts:
            pairs.append((texts[SOURCE], texts[TARGET], None, unit.get("tuid") or f"tu {number}"))
    missing = [wanted for wanted in (source_language, target_language)
               if not any(language_matches(tag, wanted) for tag in languages_seen)]
    if units and missing:
        raise FormatError(f"{path}: no translation unit has both {source_language} and {target_language} "
                          f"(languages in the file: {', '.join(sorted(languages_seen)) or 'none'})")
    return _numbered(path, pairs)


def _parse_xml(path: Path):
    """The root element of an XML file; entity declarations, external references and deep nesting refused."""
    from .files.safexml import XmlError, parse

    data = read_file_bytes(path)
    try:
        return parse(data, entities_hint="a bilingual file")
    except XmlError as error:
        raise FormatError(f"{path}: {error}") from None


def _split_tag(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element's tag; ('', '') for comments and processing instructions."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


_GAP = object()  # where a standalone placeholder stood


def _inline_text(element) -> str:
    """The text of a source, target or seg element: inline markup removed, the text it wraps kept,
    native code dropped, a placeholder between two words turned into a space; ends trimmed."""
    if element is None:
        return ""
    return _join_pieces(_inline_pieces(element)).strip()


_TEXT, _CODE, _PIECE = "text", "code", "piece"  # what a step of _inline_pieces holds


def _inline_pieces(element) -> list[object]:
    """The text pieces and gaps of an element, in document order. Walked with a stack of steps, not by
    recursion, so that markup nested a thousand levels deep is read like any other: a `text` step is a
    child in translatable text, a `code` step a child inside native code (only its `sub` elements count),
    a `piece` step text or a gap to append once the children pushed after it are done."""
    pieces: list[object] = [element.text]
    steps: list[tuple[str, object]] = [(_TEXT, child) for child in reversed(element)]
    while steps:
        kind, item = steps.pop()
        if kind == _PIECE:
            pieces.append(item)
            continue
        name = _split_tag(item.tag)[1]
        if kind == _CODE:
            if name == "sub":
                pieces.extend([_GAP, item.text])
                steps.append((_PIECE, _GAP))
                steps.extend((_TEXT, child) for child in reversed(item))
            else:
                steps.extend((_CODE, child) for child in reversed(item))
            continue
        steps.append((_PIECE, item.tail))
        if name in CODE_ELEMENTS:
            if name in PLACEHOLDERS:
                pieces.append(_GAP)
            steps.extend((_CODE, child) for child in reversed(item))
        elif name == "cp":  # XLIFF 2: a character XML cannot hold, by its code point
            pieces.append(_code_point(item.get("hex", "")))
        elif name:  # not a comment or processing instruction
            pieces.append(item.text)
            steps.extend((_TEXT, child) for child in reversed(item))
    return pieces


def _code_point(hex_digits: str) -> str:
    """The character an XLIFF 2 <cp hex="…"/> stands for ('' when the value is not a code point; a surrogate,
    which is no character, as U+FFFD, the replacement character)."""
    try:
        char = chr(int(hex_digits, 16))
    except (ValueError, OverflowError):
        return ""
    return "\ufffd" if "\ud800" <= char <= "\udfff" else char


def _join_pieces(pieces: list[object]) -> str:
    """Join text pieces; a gap becomes a space only between two word characters of a spaced script."""
    out: list[str] = []
    last = ""
    gap = False
    for piece in pieces:
        if piece is _GAP:
            gap = True
            continue
        if not piece:
            continue
        if gap and _spaced_word_char(last) and _spaced_word_char(piece[0]):
            out.append(" ")
        gap = False
        out.append(piece)
        last = piece[-1]
    return "".join(out)


def _spaced_word_char(char: str) -> bool:
    """A letter or digit of a script that separates words with spaces (not hanzi, kana or full-width)."""
    return bool(char) and char.isalnum() and unicodedata.east_asian_width(char) not in ("W", "F")


# --- shared -----------------------------------------------------------------------------------


def _numbered(path: Path, pairs: Iterable[tuple[str, str, int | None, str]]) -> list[Segment]:
    """Segments of a file from (source, target, line, unit) in file order: both sides trimmed, pairs blank
    on both sides skipped, the rest numbered 1, 2, 3 …"""
    segments: list[Segment] = []
    for source, target, line, unit in pairs:
        source, target = source.strip(), target.strip()
        if source or target:
            where = f"{path}:{line if line is not None else unit}"
            segments.append(Segment(len(segments) + 1, source, target, where, line, unit))
    return segments


def _one_line(error: BaseException) -> str:
    """An exception as one short line."""
    return (" ".join(str(error).split()) or type(error).__name__)[:200]
