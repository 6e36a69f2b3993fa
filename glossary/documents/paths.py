"""Which files an input names (a file, a folder's documents, a glob's matches, '-'), and opening one."""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path

from ..errors import GlossaryError, UnreadableDocument
from ..files.reading import os_reason, regular_file, shown

STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?\[]")


def document_file(path: Path) -> Path:
    """The path of a document to read. Missing or a folder → GlossaryError (the input is wrong); a device,
    a pipe (which would never end) or a broken link → UnreadableDocument (skipped like any unreadable file)."""
    if not os.path.lexists(path):
        raise GlossaryError(f"{shown(path)}: no such file or folder")
    if Path(path).is_dir():
        raise GlossaryError(f"{shown(path)}: is a folder, not a file")
    try:
        return regular_file(path)
    except GlossaryError as error:
        raise UnreadableDocument(str(error)) from None


def document_bytes(path: Path) -> bytes:
    """A document file's bytes; missing → GlossaryError; a device, pipe or unreadable file → UnreadableDocument."""
    try:
        return document_file(path).read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"{shown(path)}: cannot read ({os_reason(error)})") from None


def expand_input(item: str | Path, suffixes: tuple[str, ...]) -> list[Path] | None:
    """The files one input names: itself, a folder's documents, a glob's matches; None for stdin."""
    if isinstance(item, str) and item == STDIN:
        return None
    path = Path(item)
    if path.is_dir():
        return documents_in_folder(path, suffixes)
    if path.exists():
        return [path]
    if isinstance(item, str) and _GLOB_CHARS.search(item):
        return _glob_matches(item, suffixes)
    raise GlossaryError(f"{shown(item)}: no such file or folder")


def documents_in_folder(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file with one of the suffixes under folder, recursively, sorted; hidden ones left out."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _is_hidden_name(name)]
        found.extend(
            Path(root) / name for name in files
            if not _is_hidden_name(name) and Path(name).suffix.lower() in suffixes
        )
    return sorted(found, key=lambda path: path.parts)


def _is_hidden_name(name: str) -> bool:
    """Dot files and folders, and Office's ~$ lock files."""
    return name.startswith((".", "~$"))


def _glob_matches(pattern: str, suffixes: tuple[str, ...]) -> list[Path]:
    """A glob pattern's files, sorted; matched folders contribute their documents."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise GlossaryError(f"{shown(pattern)}: no file matches")
    paths: list[Path] = []
    for match in matches:
        path = Path(match)
        paths.extend(documents_in_folder(path, suffixes) if path.is_dir() else [path])
    return paths
