"""RTF documents (WordPad, TextEdit and Word save press releases so): their text (striprtf), Chinese in whatever
way the file writes it (\\uN escapes, or bytes of the code page it names, \\ansicpg936 for GBK); a file that is
not RTF is unreadable."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UnreadableDocument
from ..files.decode import normalise_newlines
from ..files.reading import shown
from .paths import document_bytes

NAME = "rtf"
SUFFIXES = (".rtf",)
_RTF_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{\\rtf")
_BLANK_RUNS = re.compile(r"[ \t]*\n[ \t]*")


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """An RTF file's text (`encoding`: the code page of a file that names none; else Windows' Western one)."""
    data = document_bytes(path)
    if not _RTF_START.match(data):
        raise UnreadableDocument(f"{shown(path)}: not an RTF document (it does not start with {{\\rtf)")
    return rtf_to_text(data.decode("latin-1"), encoding, path)


def rtf_to_text(markup: str, encoding: str | None, path: Path) -> str:
    """The text of an RTF document (its bytes as Latin-1 characters), a paragraph a line."""
    from striprtf.striprtf import rtf_to_text as stripped

    try:
        text = stripped(markup, encoding=encoding or "cp1252", errors="replace")
    except Exception as error:  # striprtf raises many unrelated types on broken files (\uc without a number: TypeError)
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise UnreadableDocument(f"{shown(path)}: broken RTF ({reason})") from None
    return _BLANK_RUNS.sub("\n", normalise_newlines(text)).strip("\n")
