"""Plain-text documents, in any common encoding (the default format for a suffix no other module claims).

A large file in UTF-8 (or in the encoding named) can also be read as a stream of pieces (`stream`), so that
a 100 MB text never sits in memory whole: the file is checked once, then decoded piece by piece."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterator

from ..errors import UnreadableDocument
from ..files.decode import check_encoding, decode_bytes, not_valid_in
from ..files.reading import os_reason, shown
from .paths import document_bytes, document_file

NAME = "text"
SUFFIXES = (".txt", ".text")
PIECE_BYTES = 4 * 1024 * 1024  # what one read takes from a streamed file


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """A text file's text, decoded."""
    return decode_bytes(document_bytes(path), name, encoding)


def stream(path: Path, name: str, encoding: str | None = None) -> Iterator[str] | None:
    """The file's text in pieces, the same text `read` gives (line ends as "\\n"), or None when it cannot be
    streamed: not UTF-8 (nor the encoding named), or with a NUL byte; `read` then decides what it is. The whole
    file is checked before the first piece, so a bad byte near its end fails before any of it is mined."""
    codec = check_encoding(encoding) if encoding else None
    try:
        with document_file(path).open("rb") as handle:
            start = handle.read(4)
            if codec is None:
                codec = "utf-8-sig" if start.startswith(codecs.BOM_UTF8) else "utf-8"
                if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    return None  # UTF-16/32 with a BOM: read whole
            handle.seek(0)
            if not _decodes(handle, codec, encoding, name):
                return None
    except OSError as error:
        raise UnreadableDocument(f"{shown(path)}: cannot read ({os_reason(error)})") from None
    return _pieces(path, codec, name)


def _decodes(handle, codec: str, named: str | None, name: str) -> bool:
    """Whether the whole file decodes (and has no NUL byte unless the encoding was named); a file in a named
    encoding that does not decode is an UnreadableDocument, as `read` reports it."""
    decoder = codecs.getincrementaldecoder(codec)()
    forced = named is not None
    position = 0
    while True:
        block = handle.read(PIECE_BYTES)
        if not forced and b"\x00" in block:
            return False
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            if not forced:
                return False
            raise not_valid_in(name, named, position + error.start) from None
        if not block:
            return True
        position += len(block)


def _pieces(path: Path, codec: str, name: str) -> Iterator[str]:
    """The decoded pieces, CRLF and lone CR as LF (a CR at the end of a piece waits for the next)."""
    decoder = codecs.getincrementaldecoder(codec)()
    held = ""
    first = True
    try:
        with path.open("rb") as handle:
            while True:
                block = handle.read(PIECE_BYTES)
                text = held + decoder.decode(block, final=not block)
                if first:
                    text, first = text.removeprefix("\ufeff"), False
                held = "\r" if block and text.endswith("\r") else ""
                text = text[:-1] if held else text
                if text:
                    yield text.replace("\r\n", "\n").replace("\r", "\n")
                if not block:
                    return
    except OSError as error:
        raise UnreadableDocument(f"{name}: cannot read ({os_reason(error)})") from None
