"""OpenDocument text (.odt: LibreOffice, WPS, Google Docs' download): the text of content.xml's paragraphs and
headings, streamed, the archive checked by the one zip guard first (as a Word document's is)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..files.decode import normalise_newlines
from .docx import read_member_xml
from .paths import document_file

NAME = "odt"
SUFFIXES = (".odt",)

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CONTENT = "content.xml"
_KIND = "OpenDocument text"
_PARAGRAPHS = frozenset({_TEXT + "p", _TEXT + "h"})
# What stands for text inside a paragraph; None: spaces, as many as its text:c says (one without it).
_PIECES = {_TEXT + "tab": "\t", _TEXT + "line-break": "\n", _TEXT + "s": None}
# What a reader does not see at all: a comment, the text a tracked change deleted.
_HIDDEN = frozenset({_OFFICE + "annotation", _TEXT + "tracked-changes"})
# What is not a paragraph's own text: the above, and a note's mark and body (its paragraphs are lines of their own).
_UNSEEN = _HIDDEN | {_TEXT + "note-citation", _TEXT + "note-body", _OFFICE + "annotation-end"}


def odt_to_text(path: Path) -> str:
    """The paragraphs and headings of an .odt (tables, frames and notes included), one per line."""
    lines = read_member_xml(path, _CONTENT, _KIND, _paragraph_lines)
    return normalise_newlines("\n".join(line for line in lines if line))


def _paragraph_lines(events: Iterable[tuple[str, Any]]) -> list[str]:
    """One line per paragraph or heading, in the order they start (a note's paragraph after its host's), from the
    parse events of content.xml; what a reader does not see is left out. A paragraph's subtree is let go once
    read, so the tree never holds more than the paragraphs open at once."""
    lines: list[str] = []
    open_lines: list[int] = []  # the line of each paragraph open here (-1 for one nobody sees)
    hidden = 0  # how deep inside a comment or a deletion
    for event, element in events:
        tag = element.tag
        if event == "start":
            if hidden or tag in _HIDDEN:
                hidden += 1
            if tag in _PARAGRAPHS:
                open_lines.append(-1 if hidden else len(lines))
                if not hidden:
                    lines.append("")
            continue
        if tag in _PARAGRAPHS:
            line = open_lines.pop()
            if line >= 0:
                lines[line] = _paragraph_text(element)
            if not open_lines:
                element.clear()
        if hidden:
            hidden -= 1
    return lines


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text: its own and its spans', spaces, tabs and breaks as written, nested paragraphs (a note's,
    a frame's) and what is unseen left out. Walked with a stack, not recursion."""
    parts: list[str] = [paragraph.text or ""]
    stack: list[Any] = _children_reversed(paragraph)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        tag = item.tag
        if tag in _PIECES:
            piece = _PIECES[tag]
            parts.append(piece if piece is not None else " " * _space_count(item))
        elif tag not in _UNSEEN and tag not in _PARAGRAPHS:
            stack.append(item.tail or "")  # the tail after what the element holds
            stack.extend(_children_reversed(item))
            parts.append(item.text or "")
            continue
        parts.append(item.tail or "")
    return "".join(parts).strip()


def _children_reversed(element: Any) -> list[Any]:
    """An element's children, last first (for a stack)."""
    return list(element)[::-1]


def _space_count(element: Any) -> int:
    """How many spaces a text:s stands for (text:c, one when it says none; at most a line's worth)."""
    try:
        return max(1, min(int(element.get(_TEXT + "c", "1")), 200))
    except ValueError:
        return 1


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """An OpenDocument text's text (the encoding is the document's own)."""
    return odt_to_text(document_file(path))
