"""The compiled glossary: its entries and the inputs of its term automaton, cached per glossary file as lookup's
index is, so that check (and mine) on a large glossary neither validates terms.csv nor folds its forms again.

The cache file is rebuilt when the glossary file changes (cache.file_signature), written atomically (a concurrent
run reads the old file or the new one, never half of one), and proves itself whole with a CRC before anything
in it is believed; when it is missing, damaged, stale or cannot be written, the glossary is read as usual.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .cache import cache_dir, file_signature, forget_orphans, glossary_record, path_digest, without_collection
from .matching import Block, KnownTerms, Layout, WorkedOut, known_forms, layout_of
from .schema import TermEntry

COMPILED_VERSION = "7"
_MAGIC = b"glossary compiled\n"
_SEPARATOR = "\x00"  # between an entry's cells: no glossary text holds a NUL
_LONGEST_RECORD = 2 * 4096  # a path's bytes in hex (PATH_MAX)


def compiled_file(path: Path) -> Path:
    """The cache file holding the compiled form of one glossary file."""
    return cache_dir() / f"known-{path_digest(path)}.marshal"


class LazyEntries(Sequence[TermEntry]):
    """A glossary's entries, each made a TermEntry when first asked for (a check of a few thousand segments meets
    a few thousand of a million), with every entry's status at hand."""

    def __init__(self, rows: list[str], statuses: list[str]) -> None:
        self.rows, self.statuses = rows, statuses
        self.made = WorkedOut(self._make)  # a dict: an entry made before is found at the speed of C

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):  # an int, or a slice (a list)
        try:
            return self.made[index]
        except TypeError:
            if isinstance(index, slice):
                return [self[i] for i in range(*index.indices(len(self)))]
            raise

    def _make(self, index: int) -> TermEntry:
        """The entry at this index, made from its row."""
        if not isinstance(index, int):
            raise TypeError(f"entries are indexed by numbers, not {type(index).__name__}")
        return TermEntry(*self.rows[index].split(_SEPARATOR))


class _Owners(Sequence[tuple[int, str]]):
    """What each pattern stands for, (entry index, spelling), from the cache's packed form."""

    def __init__(self, entries: array, spellings: list[str], patterns: list[str]) -> None:
        self.entries, self.spellings, self.patterns = entries, spellings, patterns

    def __len__(self) -> int:
        return len(self.patterns)

    def __getitem__(self, index):  # an int (KnownTerms reads owners one by one)
        return self.entries[index], self.spellings[index] or self.patterns[index]


@dataclass(frozen=True)
class CompiledGlossary:
    """A glossary file's entries (sorted by id, as Glossary.entries gives them) and its automaton's inputs, in order
    matching.occurring reads them in (`layout`: see matching.layout_of)."""

    entries: Sequence[TermEntry]
    patterns: list[str]
    owners: Sequence[tuple[int, str]]
    layout: Layout

    def known_terms(self, texts: Iterable[str] | None = None) -> KnownTerms:
        """The matcher of every form of the entries; with `texts`, an automaton of only the forms that can occur in
        them (see KnownTerms)."""
        return KnownTerms.from_forms(self.entries, self.patterns, self.owners, texts, self.layout)


def load_known_terms(path: str | os.PathLike, texts: Iterable[str] | None = None) -> KnownTerms:
    """The matcher of every form of a glossary file's entries (its entries as `.entries`), compiled once per
    version of the file (load_compiled); the one loader that check and mine call."""
    return load_compiled(path).known_terms(texts)


def load_compiled(path: str | os.PathLike) -> CompiledGlossary:
    """The compiled glossary: from the cache when it holds this version of the file, else read, compiled and kept
    there (when the cache can keep it)."""
    path = Path(path)
    signature = file_signature(path, COMPILED_VERSION)
    cached = compiled_file(path)
    with without_collection():
        return _load_or_compile(path, cached, signature)


def _load_or_compile(path: Path, cached: Path, signature: str) -> CompiledGlossary:
    """The compiled glossary from the cache file, else compiled from the glossary file and kept in the cache."""
    from .store import Glossary, read_entries

    parts = _read_if_current(cached, signature, glossary_record(path))
    if parts is not None:
        rows, statuses, patterns, owner_entries, spellings, layout = parts
        return CompiledGlossary(LazyEntries(rows, statuses), patterns, _Owners(owner_entries, spellings, patterns),
                                layout)
    entries = Glossary(read_entries(path), path=path).entries()
    patterns, owners = known_forms(entries)
    order, layout = layout_of(patterns)
    patterns, owners = [patterns[i] for i in order], [owners[i] for i in order]
    rows = [_SEPARATOR.join(entry.values()) for entry in entries]
    owner_entries = array("i", [index for index, _ in owners]).tobytes()
    spellings = ["" if spelling == pattern else spelling for pattern, (_, spelling) in zip(patterns, owners)]
    statuses = [sys.intern(entry.status) for entry in entries]  # one string each: marshal writes the rest as refs
    _keep(cached, signature, glossary_record(path), (rows, statuses, patterns, owner_entries, spellings,
                              (*layout.latin, *layout.han), array("I", layout.windows).tobytes()))
    return CompiledGlossary(entries, patterns, owners, layout)


def _read_if_current(cached: Path, signature: str, glossary: str) -> tuple[list[str], list[str], list[str], array,
                                                                           list[str], Layout] | None:
    """(entry rows, statuses, patterns, owner entries, spellings, layout) from the cache file when it was written for
    this version of the glossary file (named by `glossary`, as _keep wrote it) and its CRC holds; else None."""
    try:
        data = cached.read_bytes()
    except OSError:
        return None
    head, _, payload = data.partition(b"\n\n")
    expected = _MAGIC + f"{glossary}\n{signature}\n{zlib.crc32(payload)}".encode()
    if head != expected:
        return None
    try:
        rows, statuses, patterns, packed, spellings, bounds, packed_windows = marshal.loads(payload)
        owner_entries, windows = array("i"), array("I")
        owner_entries.frombytes(packed)
        windows.frombytes(packed_windows)
    except (ValueError, EOFError, TypeError):
        return None
    if not (len(rows) == len(statuses) and len(patterns) == len(owner_entries) == len(spellings)
            and isinstance(bounds, tuple) and len(bounds) == 8 and all(type(bound) is int for bound in bounds)
            and list(bounds) == sorted(bounds)
            and bounds[0] == 0 and bounds[3] == bounds[4] and bounds[7] == len(patterns)
            and len(windows) == bounds[3] - bounds[2] + bounds[7] - bounds[6]):
        return None  # not what this version writes
    return rows, statuses, patterns, owner_entries, spellings, Layout(Block(*bounds[:4]), Block(*bounds[4:]), windows)


def _keep(cached: Path, signature: str, glossary: str, parts: tuple) -> None:
    """Write the compiled glossary into the cache atomically, its head naming the glossary file it was made from
    (`glossary`: cache.glossary_record), then remove the compiled forms of glossary files that are gone; nothing
    when the cache cannot keep it (the next run compiles it again)."""
    from .errors import GlossaryError
    from .files.atomic import produce_atomically

    payload = marshal.dumps(parts)
    head = _MAGIC + f"{glossary}\n{signature}\n{zlib.crc32(payload)}\n\n".encode()

    def produce(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            handle.write(head)
            handle.write(payload)

    with contextlib.suppress(OSError, GlossaryError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        produce_atomically(cached, produce)
        forget_orphans(cached, "known-*.marshal", _recorded_glossary)


def _recorded_glossary(cached: Path) -> str | None:
    """The first line of a compiled form's head, the glossary file it was made from (None for a file not ours; a
    file of an earlier version, whose first line is its signature, names no glossary forget_orphans can read)."""
    with open(cached, "rb") as handle:
        start = handle.read(len(_MAGIC) + _LONGEST_RECORD + 1)
    if not start.startswith(_MAGIC):
        return None
    return start[len(_MAGIC):].partition(b"\n")[0].decode("ascii", "replace")
