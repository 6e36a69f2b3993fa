"""PDF documents: the text of every page (pypdf, pure Python); an encrypted or broken PDF is unreadable."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocument
from ..files.decode import normalise_newlines
from ..files.reading import shown
from .paths import document_file

NAME = "pdf"
SUFFIXES = (".pdf",)

def pdf_to_text(path: Path) -> str:
    """The text of every page of a PDF, pages joined by a newline."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(f"{shown(path)}: encrypted PDF (save an unprotected copy to read it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many unrelated types on malformed files
        raise UnreadableDocument(f"{shown(path)}: broken PDF ({_first_line(error) or type(error).__name__})") from None
    return normalise_newlines("\n".join(pages))


def _first_line(error: BaseException) -> str:
    """An exception's message cut to one line, for one-line error messages."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """A PDF's text (the encoding is the file's own)."""
    return pdf_to_text(document_file(path))
