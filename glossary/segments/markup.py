"""XML bilingual files' shared parts: the one safe parse, tags, and inline markup (removed, the text it wraps
kept; native code dropped; a standalone placeholder between two words of a spaced script becoming a space:
"keep<ph/>changes" → "keep changes", but "保留<ph/>更改" → "保留更改").

XML is parsed by `files.safexml`: entity declarations and external references are refused, so XXE and
billion-laughs files fail at once, and so does markup nested more than 1,000 levels deep.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..documents.paths import document_bytes
from ..errors import FormatError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native code, not text (XLIFF 1.2, 2.0 and TMX 1.4); a `sub` inside
# them holds translatable text and counts. Of these, the standalone placeholders may separate two words.
CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em"})
PLACEHOLDERS = frozenset({"x", "ph"})


def parse_xml(path: Path):
    """The root element of an XML file; entity declarations, external references and deep nesting refused."""
    from ..files.safexml import XmlError, parse

    data = document_bytes(path)
    try:
        return parse(data, entities_hint="a bilingual file")
    except XmlError as error:
        raise FormatError(f"{path}: {error}") from None


def split_tag(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element's tag; ('', '') for comments and processing instructions."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


_GAP = object()  # where a standalone placeholder stood


def inline_text(element) -> str:
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
        name = split_tag(item.tag)[1]
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
