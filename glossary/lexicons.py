"""Prepared lexicons: a word → value table drawn from a large source (wordfreq's English frequencies, lemminflect's
parts of speech, CC-CEDICT's headwords and suggestions), kept in the cache folder as a checked file (cache.py),
so that a short run reads the few words it needs (well under a millisecond each) instead of loading the whole
source (0.2-0.6 s each, most of the start-up of mining one sentence).

A lexicon's file is written the first time its source is loaded whole, stamped with the source's version. A word
is read with the chunk of the file that holds it (the chunk kept: words near it in the alphabet cost nothing more);
a run that looks up more than FULL_LOAD_AFTER different words loads the whole file at once (cheaper then than
reading chunk by chunk, and than loading the source), unless the lexicon says otherwise (a large source, such as the dictionary's suggestions, is never worth
its memory for the few thousand words a table shows). A damaged or stale file is only rewritten; without a usable cache folder the source is used. Either way a
word's value is the source's: the file only holds it ready."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from pathlib import Path
from typing import Callable, Generic, Mapping, TypeVar

from .cache import CheckedFile, Table, cache_dir, write_checked
from .processes import ctrl_c_ignored, deaf_to_ctrl_c

FULL_LOAD_AFTER = 3_000
KEEP_FILES = True  # False in worker processes: they read the files, the parent process writes them
LAYOUT_VERSION = "1"
_WORDS = "words"
Value = TypeVar("Value", int, str)


class Lexicon(Generic[Value]):
    """One prepared lexicon: `get(word)` reads its file (or, past FULL_LOAD_AFTER words, its loaded source)."""

    def __init__(self, name: str, stamp: Callable[[], str], load: Callable[[], Mapping[str, Value]],
                 kind: type = str, full_after: int | None = None, weight: float = 1.0, first_run: bool = True) -> None:
        self.name, self._stamp, self._load, self._kind = name, stamp, load, kind
        self.weight = weight  # about how long its file takes to prepare, beside the others' (prepare() shares them)
        self.first_run = first_run  # prepared by a first run (unprepared()); else the first time a word is read
        self._full_after = full_after  # None: FULL_LOAD_AFTER
        self._full: Mapping[str, Value] | None = None
        self._file: CheckedFile | None = None
        self._opened = False
        self._read: dict[str, Value | None] = {}
        self._chunks: dict[int, dict[str, Value]] = {}  # chunks of the file read so far, by number
        _ALL.append(self)

    def ready(self) -> bool:
        """Whether its prepared file is there (or its source loaded): no preparing to do."""
        return self._full is not None or self._open() is not None

    def get(self, word: str) -> Value | None:
        """The word's value (None when the source has no such word)."""
        if self._full is not None:
            return self._full.get(word)
        if word in self._read:
            return self._read[word]
        if len(self._read) >= (self._full_after or FULL_LOAD_AFTER) or self._open() is None:
            return self.full().get(word)
        try:
            value = self._from_file(word)
        except (sqlite3.Error, IndexError):
            self._close()
            return self.full().get(word)
        self._read[word] = value
        return value

    def _from_file(self, word: str) -> Value | None:
        """A word's value read from the prepared file, by the chunk that holds it (each chunk read once: words
        near each other in the alphabet share one)."""
        pos = self._file.position(_WORDS, (word,))  # type: ignore[union-attr]
        if pos < 0:
            return None
        values = self._chunks.get(pos)
        if values is None:
            values = self._chunks[pos] = dict(self._file.chunk(_WORDS, pos))  # type: ignore[union-attr]
        return values.get(word)

    def full(self) -> Mapping[str, Value]:
        """The whole source, loaded: from its prepared file when that is there and whole (faster than the source),
        else from the source (and written to the cache for the next runs when its file is missing)."""
        if self._full is None:
            file = self._open()
            if file is not None:
                try:
                    rows = file.all(_WORDS)
                    self._full = dict(zip(rows.column("word"), rows.column("value")))
                except sqlite3.Error:
                    self._full = None
            if self._full is None:
                self._full = self._load()
                if KEEP_FILES and file is None:
                    self._write(self._full)
            self._close()
            self._chunks.clear()
        return self._full

    def path(self) -> Path:
        """Where the prepared file is kept."""
        return cache_dir() / f"lexicon-{self.name}.sqlite"

    def _table(self) -> Table:
        return Table({"word": str, "value": self._kind}, searched_by=1, chunk_rows=32)

    def _signature(self) -> str:
        return f"{LAYOUT_VERSION}:{self._stamp()}"

    def _open(self) -> CheckedFile | None:
        """The prepared file when it is there, whole and of this source's version; else None."""
        if not self._opened:
            self._opened = True
            self._file = _open_checked(self.path(), {_WORDS: self._table()}, self._signature())
        return self._file

    def forget(self) -> None:
        """Look for the prepared file again on the next read (another process may have written it since)."""
        self._close()
        self._opened = False

    def _close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None

    def _write(self, source: Mapping[str, Value]) -> None:
        """Keep the source as a checked file in the cache folder (silently not, when it cannot be kept)."""
        from .errors import GlossaryError
        from .files.atomic import produce_atomically

        rows = sorted((word, value) for word, value in source.items() if "\x00" not in word)
        tables = {_WORDS: (self._table(), rows)}

        def produce(temporary: Path) -> None:
            with contextlib.closing(sqlite3.connect(temporary)) as connection:
                write_checked(connection, tables, {"signature": self._signature()})

        try:
            self.path().parent.mkdir(parents=True, exist_ok=True)
            produce_atomically(self.path(), produce)
        except (OSError, GlossaryError, sqlite3.Error):
            pass  # no writable cache: the source is loaded next time too


_ALL: list[Lexicon] = []


def unprepared() -> list[Lexicon]:
    """The lexicons of the modules loaded so far whose prepared files are missing (a first run prepares them),
    but those that only some runs read (prepared the first time one of them reads a word)."""
    return [lexicon for lexicon in _ALL if lexicon.first_run and not lexicon.ready()]


ALSO_WEIGHT = 0.4  # what prepare()'s `also` (the tagger's model) weighs beside the lexicons


def prepare(missing: list[Lexicon], cores: int = 1, also: Callable[[], object] | None = None) -> None:
    """Write the prepared files of these lexicons (a first run). On more than one core the heaviest share goes to a
    second process while this one prepares the rest and runs `also` (another first-run preparation, free while the
    other process works; on one core it is left to be done when needed), their weights balanced, so the first run
    takes about half as long; what the second process could not write is then prepared here."""
    if cores < 2 or len(missing) < 2:
        for lexicon in missing:
            lexicon.full()
        return
    import multiprocessing

    here: list[Lexicon] = []
    there: list[Lexicon] = []  # the heaviest first, then whatever keeps the two shares even
    load_here, load_there = (ALSO_WEIGHT if also is not None else 0.0), 0.0
    for lexicon in sorted(missing, key=lambda lexicon: -lexicon.weight):
        if load_there <= load_here:
            there.append(lexicon)
            load_there += lexicon.weight
        else:
            here.append(lexicon)
            load_here += lexicon.weight
    worker = multiprocessing.get_context("spawn").Process(
        target=_prepare_named, args=([lexicon.name for lexicon in there], _modules()), daemon=True)
    with ctrl_c_ignored():  # a Ctrl-C is answered here (the worker stopped below), never by the worker
        worker.start()
    try:
        for lexicon in here:
            lexicon.full()
        if also is not None:
            also()
    except BaseException:  # interrupted (Ctrl-C) or failed here: the other share is not waited for
        worker.terminate()  # (what it was writing is a temporary file, removed by the next write of that file)
        raise
    finally:
        worker.join()
    for lexicon in there:
        lexicon.forget()
        if not lexicon.ready():  # the worker failed, or the cache folder cannot keep files: the source, here
            lexicon.full()


def _modules() -> list[str]:
    """The package's modules that made the lexicons known so far (a worker process imports them to know them too)."""
    return sorted({lexicon._load.__module__ for lexicon in _ALL if lexicon._load.__module__.startswith("glossary.")})


def _prepare_named(names: list[str], modules: list[str]) -> None:
    """In a worker process: write the prepared files of the named lexicons (their modules imported first)."""
    import importlib

    deaf_to_ctrl_c()
    for module in modules:
        importlib.import_module(module)
    wanted = set(names)
    for lexicon in _ALL:
        if lexicon.name in wanted:
            wanted.discard(lexicon.name)
            lexicon.full()


def _open_checked(path: Path, tables: dict[str, Table], signature: str) -> CheckedFile | None:
    """A checked file opened read-only when it is a regular file (a FIFO would block SQLite's open) whose meta
    passes its check and matches `signature`; else None."""
    connection = None
    try:
        if stat.S_ISREG(path.stat().st_mode):
            connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
            checked = CheckedFile(connection, tables)
            if checked.meta.get("signature") == signature:
                return checked
    except (OSError, sqlite3.Error, ValueError):
        pass
    if connection is not None:
        connection.close()
    return None


def package_version(name: str) -> str:
    """An installed distribution's version ('' when it has none)."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
