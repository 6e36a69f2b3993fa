"""Reading files: regular files only (a FIFO or a device would hang or never end), clear errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import GlossaryError, NotAFileError


def os_reason(error: OSError) -> str:
    """An operating-system error as a short lower-case reason ('no space left on device')."""
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].lower() + reason[1:]


def shown(path: object) -> str:
    """A path as a message shows it: on one line (control characters escaped), bytes that were not
    UTF-8 as \\udcXX escapes."""
    text = str(path)
    if text.isprintable() and text.isascii():
        return text
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def regular_file(path: str | os.PathLike, what: str = "file") -> Path:
    """The path of an existing regular file (links followed); anything else is refused at once."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise GlossaryError(f"{shown(path)}: no such {what}") from None
    except OSError as error:
        raise GlossaryError(f"{shown(path)}: cannot read: {os_reason(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(f"{shown(path)}: is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(f"{shown(path)}: is not a regular file (a device, pipe or socket); give a {what}")
    return path


def read_bytes(path: str | os.PathLike, what: str = "file") -> bytes:
    """A regular file's bytes, or a one-line error saying why they cannot be had."""
    path = regular_file(path, what)
    try:
        return path.read_bytes()
    except OSError as error:
        raise GlossaryError(f"{shown(path)}: cannot read: {os_reason(error)}") from None
