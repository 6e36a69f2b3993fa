"""Plain-text documents, in any common encoding (the default format for a suffix no other module claims)."""

from __future__ import annotations

from pathlib import Path

from ..files.decode import decode_bytes
from .paths import document_bytes

NAME = "text"
SUFFIXES = (".txt", ".text")


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """A text file's text, decoded."""
    return decode_bytes(document_bytes(path), name, encoding)
