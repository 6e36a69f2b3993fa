"""Zip archives (Word documents, Excel workbooks) opened safely: the one guard both go through.

An archive is refused before anything is inflated when it is not a regular file, not a zip, holds an
encrypted member, or declares members that would expand too far in all or by too high a ratio (a zip
bomb); Python's zipfile never inflates a member beyond its declared size, so the declared sizes bound the
work. Damage met while inflating (a bad CRC, a broken deflate stream) is one line too. Every refusal is
raised as the caller's error class: a document that cannot be read is skipped, a glossary file refused.
"""

from __future__ import annotations

import contextlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GlossaryError
from .reading import os_reason, regular_file, shown


@dataclass(frozen=True)
class Limits:
    """How far the members an archive is read for may expand: together, and by compression ratio (checked
    only for members above `ratio_floor`, where a high ratio of tiny repetitive XML is harmless)."""

    total_bytes: int
    ratio: int = 100
    ratio_floor: int = 1024 * 1024


def open_archive(path: Path, kind: str, error: type[GlossaryError]) -> zipfile.ZipFile:
    """The zip archive at path, opened; anything that is not a readable zip file raises `error`. `kind`
    names what the archive should be in messages ("Word document")."""
    try:
        regular_file(path)
    except GlossaryError as refused:
        raise error(str(refused)) from None
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise error(f"{shown(path)}: not {with_article(kind)} (not a zip archive, or a damaged one)") from None
    except OSError as failure:
        raise error(f"{shown(path)}: cannot read: {os_reason(failure)}") from None


def check_members(path: Path, members: Iterable[zipfile.ZipInfo], limits: Limits,
                  error: type[GlossaryError]) -> None:
    """Refuse members that are encrypted or that would expand beyond the limits (sizes as declared)."""
    members = list(members)
    for member in members:
        if member.flag_bits & 0x1:
            raise error(f"{shown(path)}: member {member.filename!r} is encrypted; save an unprotected copy")
    total = sum(member.file_size for member in members)
    if total > limits.total_bytes:
        raise error(f"{shown(path)}: refused: would expand to {total:,} bytes (limit {limits.total_bytes:,}); "
                    "possibly a zip bomb")
    for member in members:
        if member.file_size > limits.ratio_floor:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.ratio:
                raise error(f"{shown(path)}: refused: member {member.filename!r} expands {ratio:,.0f} times "
                            f"(limit {limits.ratio}); possibly a zip bomb")


@contextlib.contextmanager
def inflating(path: Path, kind: str, error: type[GlossaryError]) -> Iterator[None]:
    """Damage found while a member is inflated, as one line raising `error`."""
    import lzma
    import zlib

    try:
        yield
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError) as failure:
        # RuntimeError: zipfile's word for an encrypted member, should one slip past check_members
        raise error(f"{shown(path)}: broken {kind} ({_one_line(failure)})") from None
    except OSError as failure:
        raise error(f"{shown(path)}: cannot read: {os_reason(failure)}") from None


def with_article(kind: str) -> str:
    """A noun phrase with its indefinite article ('an Excel workbook', 'a Word document')."""
    return ("an " if kind[:1].lower() in "aeiou" else "a ") + kind


def _one_line(error: BaseException) -> str:
    """An exception as one short line."""
    return (" ".join(str(error).split()) or type(error).__name__)[:200]
