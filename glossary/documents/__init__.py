"""Documents in: one module per format (text, markdown, html, xml, rtf, docx, odt, pdf) behind one interface, as formats/
is for glossary files.

A document module defines:
    NAME: str                                # "text", "markdown", "html", "xml", "rtf", "docx", "odt", "pdf"
    SUFFIXES: tuple[str, ...]                # file name endings it claims
    read(path, name, encoding) -> str        # the document's text; UnreadableDocument when it has none

`read_document` picks the module by suffix (plain text for any other suffix); `iter_documents` expands
inputs (files, folders, globs, '-' for standard input) and reads them one at a time.
"""

from __future__ import annotations

import bisect
import importlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import UnreadableDocument
from ..files.decode import check_encoding, decode_bytes
from ..files.reading import shown
from . import paths as _paths
from .paths import STDIN

MODULES = ("text", "markdown", "html", "xml", "rtf", "docx", "odt", "pdf")
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Document:
    """One document's text; `file:line` sources count lines of `text`."""

    name: str
    text: str


class LineIndex:
    """Offset → line number (1-based) in a document's text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        """The line holding a character offset."""
        return bisect.bisect_right(self._starts, offset)


def module_for(suffix: str):
    """The document module that reads files with this suffix (plain text when no other claims it)."""
    return importlib.import_module(f"{__name__}.{_SUFFIX_MODULES.get(suffix.lower(), 'text')}")


def _suffix_modules() -> dict[str, str]:
    """Suffix → module name, from the modules' own SUFFIXES (the one registry)."""
    table = {}
    for name in MODULES:
        for suffix in importlib.import_module(f"{__name__}.{name}").SUFFIXES:
            table[suffix] = name
    return table


def read_document(path: Path, encoding: str | None = None) -> Document:
    """One file as a Document, its text extracted according to its suffix; the Document's name is the path
    as messages show it (on one line, a name that is not UTF-8 escaped), so any output can hold it."""
    path = Path(path)
    name = shown(path)
    return Document(name, module_for(path.suffix).read(path, name, encoding))


def read_stdin(encoding: str | None = None) -> Document:
    """Standard input as a Document named <stdin>."""
    return Document(STDIN_NAME, decode_bytes(sys.stdin.buffer.read(), STDIN_NAME, encoding))


def iter_documents(
    inputs: Iterable[str | Path],
    encoding: str | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Each input's documents, one at a time; unreadable ones go to on_skip (or raise without it)."""
    for stream in iter_streams(inputs, encoding, on_skip, stream_above=-1):
        yield Document(stream.name, "".join(stream.pieces))


@dataclass(frozen=True)
class DocumentStream:
    """One document's text as pieces in order (a large plain-text file is read as it is mined), with the size in
    bytes of the file it comes from (None for standard input and Document objects)."""

    name: str
    pieces: Iterable[str]
    size: int | None = None


# Plain-text files larger than this are streamed (bounded memory), smaller ones read whole.
STREAM_ABOVE_BYTES = 8 * 1024 * 1024


def iter_streams(
    inputs: Iterable[str | Path],
    encoding: str | None = None,
    on_skip: Callable[[str], None] | None = None,
    stream_above: int | None = None,
) -> Iterator[DocumentStream]:
    """Each input's documents as streams, one at a time: a plain-text file over `stream_above` bytes (default
    STREAM_ABOVE_BYTES; -1: none) in UTF-8 (or the encoding named) is streamed, any other read whole; unreadable
    ones go to on_skip (or raise)."""
    from . import text as plain

    stream_above = STREAM_ABOVE_BYTES if stream_above is None else stream_above
    if encoding:
        check_encoding(encoding)
    for item in inputs:
        found = expand_input(item)
        for path in [None] if found is None else found:
            try:
                if path is None:
                    document = read_stdin(encoding)
                    yield DocumentStream(document.name, [document.text])
                    continue
                size = path.stat().st_size if path.is_file() else None
                pieces = None
                if stream_above >= 0 and size and size > stream_above and module_for(path.suffix) is plain:
                    pieces = plain.stream(path, shown(path), encoding)
                if pieces is None:
                    document = read_document(path, encoding)
                    pieces = [document.text]
                yield DocumentStream(shown(path), pieces, size)
            except UnreadableDocument as error:
                if on_skip is None:
                    raise
                on_skip(str(error))


def input_bytes(inputs: Iterable[str | Path]) -> int | None:
    """How many bytes the files iter_documents would read add up to; None with stdin; missing paths raise."""
    return _sum_over_files(inputs, lambda found: sum(_size(path) for path in found))


def _size(path: Path) -> int:
    """A file's size in bytes (0 when it cannot be had: it is reported when read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many files iter_documents would read (some may be skipped); None with stdin; missing paths raise."""
    return _sum_over_files(inputs, len)


def _sum_over_files(inputs: Iterable[str | Path], measure: Callable[[list[Path]], int]) -> int | None:
    """The sum of a measure of each input's files; None when an input is standard input."""
    total = 0
    for item in inputs:
        found = expand_input(item)
        if found is None:
            return None
        total += measure(found)
    return total


def expand_input(item: str | Path) -> list[Path] | None:
    """The files one input names: itself, a folder's documents, a glob's matches; None for stdin."""
    return _paths.expand_input(item, SUPPORTED_SUFFIXES)


_SUFFIX_MODULES = _suffix_modules()
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_SUFFIX_MODULES)

__all__ = ["Document", "DocumentStream", "LineIndex", "STDIN", "SUPPORTED_SUFFIXES", "count_inputs", "expand_input",
           "input_bytes", "iter_documents", "iter_streams", "read_document", "read_stdin"]
