"""Word documents (.docx): the text of document.xml's paragraphs, streamed (never one tree for the whole
file), the archive checked by the one zip guard first."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import UnreadableDocument
from ..files.decode import normalise_newlines
from ..files.reading import shown
from .paths import document_file

T = TypeVar("T")
NAME = "docx"
SUFFIXES = (".docx",)

# Zip-bomb guard for .docx: a real document.xml is rarely over a few MB or compressed more than ~20x.
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100
DOCX_RATIO_FLOOR = 1024 * 1024  # below this size a high ratio is harmless (tiny repetitive XML)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_BODY = "word/document.xml"
_WORD = "Word document"


def docx_to_text(path: Path) -> str:
    """The paragraphs of a .docx (tables and text boxes included), one per line.

    word/document.xml is parsed as it is inflated, each element let go once it has ended, so memory holds
    the text, not the XML tree (a 190 MB document.xml at a modest compression ratio is read, not a
    MemoryError)."""
    paragraphs = read_member_xml(path, _DOCX_BODY, _WORD, _docx_paragraphs)
    return normalise_newlines("\n".join("".join(parts) for parts in paragraphs))


def read_member_xml(path: Path, name: str, kind: str, read: Callable[[Iterator[tuple[str, Any]]], T]) -> T:
    """What `read` makes of the parse events of one XML member of a document package (a .docx's
    word/document.xml, an .odt's content.xml), parsed as it is inflated, the archive checked by the one zip guard
    first; whatever is wrong with either is one UnreadableDocument line. `kind` names the package ('Word
    document')."""
    from ..files import zipguard
    from ..files.safexml import XmlError, iterparse

    limits = zipguard.Limits(MAX_DOCX_XML_BYTES, MAX_DOCX_RATIO, DOCX_RATIO_FLOOR)
    with zipguard.open_archive(path, kind, UnreadableDocument) as archive:
        try:
            info = archive.getinfo(name)
        except KeyError:
            raise UnreadableDocument(f"{shown(path)}: not {zipguard.with_article(kind)} (no {name} inside)") from None
        zipguard.check_members(path, [info], limits, UnreadableDocument)
        try:
            with zipguard.inflating(path, kind, UnreadableDocument), archive.open(info) as member:
                return read(iterparse(member))
        except XmlError as error:
            raise UnreadableDocument(f"{shown(path)}: broken {kind} ({error})") from None


# The elements of a paragraph that stand for text; None: the element's own text (w:t).
_DOCX_PIECES = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_paragraphs(events: Iterable[tuple[str, Any]]) -> list[list[str]]:
    """One list of text pieces per w:p, in document order, from the parse events of document.xml.

    A paragraph nested in another (in a text box) gets its own line, after its host's; mc:Fallback (the
    same content as mc:Choice, for older readers) and whatever sits inside a piece of text are skipped.
    Each element is detached from its parent once it has ended, so that the tree never grows."""
    paragraphs: list[list[str]] = []
    open_paragraphs: list[list[str]] = []
    elements: list[Any] = []  # the elements open at this point, the root first
    skipped = 0  # how deep inside an element whose content does not count
    for event, element in events:
        tag = element.tag
        if event == "start":
            elements.append(element)
            if skipped:
                skipped += 1
            elif tag == _MC_FALLBACK or (open_paragraphs and tag in _DOCX_PIECES):
                skipped = 1
            elif tag == _W + "p":
                paragraphs.append([])
                open_paragraphs.append(paragraphs[-1])
            continue
        elements.pop()
        if skipped:
            skipped -= 1
            if not skipped and tag in _DOCX_PIECES:
                piece = _DOCX_PIECES[tag]
                open_paragraphs[-1].append((element.text or "") if piece is None else piece)
        elif tag == _W + "p":
            open_paragraphs.pop()
        if elements:
            elements[-1].remove(element)  # its earlier siblings are gone already: this is the only child
    return paragraphs


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """A Word document's text (the encoding is the document's own)."""
    return docx_to_text(document_file(path))
