"""A document as the miner takes it in: whole, or, past SECTION_CHARS, in sections cut at paragraph boundaries,
so that mining memory stays bounded however large one file is and sections can be mined in parallel.

Where a document is cut depends on its text alone (never on how it was read or on how many processes mine it):
a section ends after the last blank line within SECTION_CHARS characters of its start (else after the last line
break, else after the last space, else at the limit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

SECTION_CHARS = 500_000


@dataclass(frozen=True, slots=True)
class Unit:
    """What the miner adds in one step: a document, or a section of one (`continues` for every section but the
    first), with the number of lines before it in its document and the input bytes it stands for."""

    name: str
    text: str
    line_offset: int = 0
    continues: bool = False
    size: int = 0
    last: bool = True  # the document's last unit


def cut_point(text: str, limit: int) -> int:
    """Where the first section of `text` ends (len(text) when it is no longer than `limit`)."""
    if len(text) <= limit:
        return len(text)
    for separator in ("\n\n", "\n", " "):
        found = text.rfind(separator, 0, limit)
        if found > 0:
            return found + len(separator)
    return limit


def sections(pieces: Iterable[str], limit: int | None = None) -> Iterator[tuple[str, int]]:
    """(text, lines before it) of each section (of `limit`, default SECTION_CHARS) of the pieces' text, in order."""
    limit = limit or SECTION_CHARS
    buffer = ""
    lines = 0
    for piece in pieces:
        buffer = buffer + piece if buffer else piece
        while len(buffer) > limit:
            cut = cut_point(buffer, limit)
            section, buffer = buffer[:cut], buffer[cut:]
            yield section, lines
            lines += section.count("\n")
    if buffer:
        yield buffer, lines


def document_units(name: str, pieces: Iterable[str], size: int | None, limit: int | None = None) -> Iterator[Unit]:
    """A document's units, each with its share of the document's bytes (`size`, else its UTF-8 length)."""
    done = 0
    previous: Unit | None = None
    for index, (text, lines) in enumerate(sections(pieces, limit)):
        if previous is not None:
            yield previous
        share = len(text.encode("utf-8", "surrogatepass"))
        if size is not None:
            share = min(share, max(0, size - done))
        done += share
        previous = Unit(name, text, lines, index > 0, share, last=False)
    if previous is None:
        previous = Unit(name, "", 0, False, 0, last=False)
    tail = max(0, size - done) if size is not None else 0
    yield Unit(previous.name, previous.text, previous.line_offset, previous.continues, previous.size + tail, last=True)
