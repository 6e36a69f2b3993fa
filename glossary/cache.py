"""Where derived data is cached between runs (lookup indexes, dictionary indexes), and a SQLite file that proves
each read of it whole and as it was written.

A cache file can be damaged and still open: a crash or a full disk cuts it short, another program or a failing
disk changes bytes. So a checked file keeps each table's rows, in the order the table is searched by, in numbered
chunks (`pos`: 0, 1, 2 …) that end with a CRC-32 of their content; its small `meta` table (row and chunk counts,
each table's layout, what the caller adds) carries a CRC of itself. Every chunk a read returns is checked, and
every read proves itself whole: the chunks it needs must all be there, and a range of rows must lie between a
chunk that starts below it and one that starts above it (or a table end), every chunk between them read. A read
costs the chunks it returns and one look into a small SQL index of where chunks start, never the whole file; and it
also catches rows that damage hides, which checking the rows returned alone would not. Whatever fails is raised
as sqlite3.DatabaseError, as SQLite itself reports a malformed file, so the caller has one thing to catch.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import itertools
import os
import sqlite3
import threading
import zlib
from array import array
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .errors import GlossaryError
from .files.reading import os_reason, shown

ENV_CACHE_DIR = "GLOSSARY_CACHE_DIR"
META = "meta"
_SEPARATOR = "\x00"  # between the texts of one column of a chunk: no glossary text or key holds a NUL
_NUMBERS = "i"  # a column of numbers is packed as 32-bit integers (entry numbers, lengths)
_MOST_VARIABLES = 500  # chunk numbers per query, well under SQLite's limit on bound values
_SQL_TYPE = {str: "TEXT", int: "INTEGER"}
T = TypeVar("T")


def cache_dir() -> Path:
    """$GLOSSARY_CACHE_DIR, else $XDG_CACHE_HOME/glossary, else ~/.cache/glossary."""
    if os.environ.get(ENV_CACHE_DIR):
        return Path(os.environ[ENV_CACHE_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "glossary"


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while millions of objects that all stay alive are made (an index, a
    compiled glossary): it would pass over them all again and again, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# While mining: a collection of the youngest objects after this many more allocations than deallocations (700
# by default), the older generations rarely. A document makes millions of short-lived objects and a corpus keeps
# hundreds of thousands of tallies, over which each default full collection passed again (about a tenth of the
# time on Chinese text); the few cycles made are still collected, in bounded batches.
MINING_THRESHOLDS = (50_000, 20, 100)


_COLLECTIONS_LOCK = threading.Lock()
_inside_fewer = 0  # how many callers are inside fewer_collections now
_thresholds_before: tuple[int, ...] = ()  # the collector's thresholds when the first of them came in


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often (MINING_THRESHOLDS) inside; its thresholds restored when the
    last caller inside leaves (mining nested in mining, or in several threads of a Dask worker, at once)."""
    global _inside_fewer, _thresholds_before
    with _COLLECTIONS_LOCK:
        if _inside_fewer == 0:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(*(max(now, less) for now, less in zip(_thresholds_before, MINING_THRESHOLDS)))
        _inside_fewer += 1
    try:
        yield
    finally:
        with _COLLECTIONS_LOCK:
            _inside_fewer -= 1
            if _inside_fewer == 0:
                gc.set_threshold(*_thresholds_before)


def file_signature(path: Path, version: str) -> str:
    """What identifies one version of a glossary file (its path, size, inode, modification time and change time)
    and of what is derived from it (`version`).

    The change time is what no tool can set back: an edit that restores the size and the modification time
    (`cp -p`, a tarball, a sync tool, `os.utime`) still changes it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise GlossaryError(f"{shown(path)}: no such glossary file (create one with `glossary init {shown(path)}`)"
                            ) from None
    except OSError as error:
        raise GlossaryError(f"{shown(path)}: cannot read: {os_reason(error)}") from None
    return f"{version}:{path_digest(path)}:{info.st_size}:{info.st_ino}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def path_digest(path: Path) -> str:
    """A short digest of a file's absolute path, whatever bytes its name holds."""
    return hashlib.sha256(_absolute_bytes(path)).hexdigest()[:20]


def glossary_record(path: Path) -> str:
    """How a cache file made from one glossary file names it: its absolute path's bytes, in hex (whatever bytes the
    name holds), so that forget_orphans() can tell when that file is gone."""
    return _absolute_bytes(path).hex()


def _absolute_bytes(path: Path) -> bytes:
    """A file's absolute path (links followed) as the bytes the operating system has for it."""
    return os.fsencode(Path(path).resolve())


def forget_orphans(kept: Path, pattern: str, recorded: Callable[[Path], str | None]) -> list[Path]:
    """Remove the cache files beside `kept` that match `pattern` and were made from a glossary file that is gone
    (recorded(file) gives the glossary_record() each holds, None when it holds none: such a file is left alone, as
    is one whose record is no glossary_record or whose glossary cannot be looked at); the files removed. A glossary deleted, moved or renamed would
    otherwise leave its index (hundreds of MB at a million entries) in the cache for ever."""
    removed = []
    with contextlib.suppress(OSError):
        for other in kept.parent.glob(pattern):
            if other.name == kept.name or not other.is_file():
                continue
            try:
                record = recorded(other)
            except (OSError, sqlite3.Error):
                continue
            if record is not None and _glossary_gone(record):
                with contextlib.suppress(OSError):
                    other.unlink()
                    removed.append(other)
    return removed


def _glossary_gone(record: str) -> bool:
    """Whether the glossary file a cache file names is gone (not merely out of reach, in a folder this user may not
    look into; nor named by a record this cannot make out)."""
    if not record:
        return False  # names no file at all
    try:
        os.stat(os.fsdecode(bytes.fromhex(record)))
    except (FileNotFoundError, NotADirectoryError):
        return True
    except (OSError, ValueError):
        return False
    return False


def cached_pickle(name: str, stamp: str, build: Callable[[], T]) -> T:
    """What build() makes, kept in the cache folder as NAME.pickle with `stamp` (what it was made from) and made
    again when the stamp differs; a damaged or unwritable cache file only costs a build."""
    import pickle

    from .files.atomic import produce_atomically

    cached = cache_dir() / f"{name}.pickle"
    try:
        with cached.open("rb") as handle:
            saved_stamp, value = pickle.load(handle)
        if saved_stamp == stamp:
            return value
    except Exception:  # a damaged cache (any of pickle's many errors) is only rebuilt
        pass
    value = build()

    def produce(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            pickle.dump((stamp, value), handle, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        produce_atomically(cached, produce)
    except (OSError, GlossaryError):
        pass  # no writable cache: built again next time
    return value


def data_stamp(file_name: str, version: object) -> str:
    """What identifies a shipped data file (glossary/data/FILE_NAME: size and modification time) and a layout."""
    from importlib import resources

    info = os.stat(str(resources.files("glossary").joinpath("data").joinpath(file_name)))
    return f"{version}:{info.st_size}:{info.st_mtime_ns}"


class Table:
    """How a checked table is kept: its columns (name → str or int), how many of the first ones its rows are
    sorted and searched by, and how many rows a chunk holds; or, when `grouped`, one chunk for each run of rows
    with the same search values, which are then kept once, with the chunk. A chunk keeps each column packed
    apart (a column can be read alone), or, when `by_row` (texts only), all its texts in one, row after row
    (a chunk is then read whole, at the cost of one split). A plain class: a dataclass costs the lookup's start
    half a millisecond."""

    def __init__(self, columns: dict[str, type], searched_by: int = 0, chunk_rows: int = 64, grouped: bool = False,
                 by_row: bool = False, compressed: bool = False) -> None:
        if by_row and (grouped or set(columns.values()) != {str}):
            raise ValueError("a table kept by row holds only texts and is not grouped")
        self.columns, self.searched_by, self.chunk_rows = columns, searched_by, chunk_rows
        self.grouped, self.by_row = grouped, by_row
        self.compressed = compressed  # each packed column deflated (a table never searched inside its bytes)
        names = tuple(columns)
        self.stored = names[searched_by:] if grouped else names  # the columns kept row by row

    def packed_columns(self) -> list[str]:
        """The names of a chunk's packed columns in the file."""
        return ["texts"] if self.by_row else list(self.stored)

    def layout(self) -> str:
        """The table's layout as the meta table records it (a file laid out otherwise is read as damaged)."""
        columns = [(name, kind.__name__) for name, kind in self.columns.items()]
        layout = (columns, self.searched_by, self.chunk_rows, self.grouped, self.by_row)
        return repr(layout + (("deflated",) if self.compressed else ()))


class Groups(list):
    """The rows of a grouped table given a group at a time, as (search values, (each stored column's values)), in
    search order: a table of millions of short rows (the numbers of the keys holding each gram) built without a
    tuple a row."""


def damaged(what: str) -> sqlite3.DatabaseError:
    """The error a damaged cache file raises (the class of SQLite's own 'database disk image is malformed')."""
    return sqlite3.DatabaseError(f"the cache file is damaged: {what}")


def content_check(values: Sequence[object]) -> int:
    """A CRC-32 of a chunk's values, their types and lengths (a NULL, a number or text where a blob was written,
    or a blob cut short, changes it)."""
    shape = [(type(value).__name__, len(value)) if isinstance(value, bytes) else value for value in values]
    crc = zlib.crc32(repr(shape).encode())
    for value in values:
        if isinstance(value, bytes):
            crc = zlib.crc32(value, crc)
    return crc


# --- writing ----------------------------------------------------------------------------------


def write_checked(connection: sqlite3.Connection, tables: dict[str, tuple[Table, list[tuple] | Groups]],
                  meta: dict[str, str]) -> None:
    """Fill an empty database: each table (its layout, its rows in search order) in checked chunks, and a meta
    table holding `meta`, each table's row and chunk counts and a CRC of itself."""
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    meta = dict(meta)
    for name, (table, rows) in tables.items():
        searched = list(table.columns.items())[:table.searched_by]
        columns = ["pos INTEGER PRIMARY KEY", *(f"first_{column} {_SQL_TYPE[kind]}" for column, kind in searched),
                   *(f"{column} BLOB" for column in table.packed_columns()), "crc INTEGER"]
        connection.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
        if isinstance(rows, Groups):
            chunks = [_packed_chunk(table, pos, first, columns) for pos, (first, columns) in enumerate(rows)]
            count = sum(len(columns[0]) for _, columns in rows)
        else:
            chunks = [_chunk(table, pos, part) for pos, part in enumerate(_parts(table, rows))]
            count = len(rows)
        if chunks:
            connection.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(chunks[0]))})", chunks)
        if searched:  # where a range starts; trusted no more than the chunks it points to, which prove the range
            connection.execute(f"CREATE INDEX {name}_by_first ON {name} ({', '.join(_firsts(table))})")
        meta.update({f"rows {name}": str(count), f"chunks {name}": str(len(chunks)),
                     f"layout {name}": table.layout()})
    connection.execute(f"CREATE TABLE {META} (name TEXT PRIMARY KEY, value TEXT)")
    connection.executemany(f"INSERT INTO {META} VALUES (?, ?)", [*meta.items(), ("crc", str(_meta_check(meta)))])
    connection.commit()


def _parts(table: Table, rows: list[tuple]) -> Iterator[list[tuple]]:
    """A table's rows cut into chunks: runs of equal search values when grouped, else chunk_rows at a time."""
    if table.grouped:
        for _, group in itertools.groupby(rows, key=lambda row: row[:table.searched_by]):
            yield list(group)
    else:
        for start in range(0, len(rows), table.chunk_rows):
            yield rows[start:start + table.chunk_rows]


def _chunk(table: Table, pos: int, rows: list[tuple]) -> tuple:
    """One chunk as stored: its number, the search values of its first row, each stored column packed, its CRC."""
    skip = table.searched_by if table.grouped else 0
    if table.by_row:
        values = (pos, *rows[0][:table.searched_by], _deflated(table, _texts([value for row in rows for value in row])))
        return (*values, content_check(values))
    return _packed_chunk(table, pos, rows[0][:table.searched_by], list(zip(*rows))[skip:])


def _packed_chunk(table: Table, pos: int, first: Sequence[object], columns: Sequence[Sequence]) -> tuple:
    """A chunk as stored from its first row's search values and each stored column's values."""
    packed = [_deflated(table, _texts(values) if table.columns[name] is str else array(_NUMBERS, values).tobytes())
              for values, name in zip(columns, table.stored)]
    values = (pos, *first, *packed)
    return (*values, content_check(values))


def _deflated(table: Table, packed: bytes) -> bytes:
    """A packed column as stored: deflated when the table is."""
    return zlib.compress(packed, 6) if table.compressed else packed


def _inflated(table: Table, stored: bytes) -> bytes:
    """A packed column as stored, unpacked from its deflation (a stream that is not one is damage)."""
    if not table.compressed:
        return stored
    try:
        return zlib.decompress(stored)
    except zlib.error:
        raise damaged("a chunk does not inflate") from None


def _firsts(table: Table) -> list[str]:
    """The columns holding the search values of a chunk's first row."""
    return [f"first_{column}" for column in list(table.columns)[:table.searched_by]]


def _texts(values: Sequence[str]) -> bytes:
    """Texts packed into one blob."""
    text = _SEPARATOR.join(values)
    if text.count(_SEPARATOR) != len(values) - 1:
        raise ValueError(f"a text holds {_SEPARATOR!r}, which separates texts in a chunk")
    return text.encode()


def _meta_check(meta: dict[str, str]) -> int:
    """The CRC of a meta table's rows (its own 'crc' row aside), sorted in a way even a damaged table allows."""
    return content_check([part for item in sorted(meta.items(), key=repr) for part in item])


# --- reading ----------------------------------------------------------------------------------


class CheckedFile:
    """A checked file open for reading: its meta values, and reads that prove themselves (else DatabaseError)."""

    def __init__(self, connection: sqlite3.Connection, tables: dict[str, Table]) -> None:
        self.connection, self.tables = connection, tables
        meta = dict(_fetch(connection, f"SELECT name, value FROM {META}"))
        if meta.pop("crc", None) != str(_meta_check(meta)):
            raise damaged("its meta table fails its check")
        if any(meta.get(f"layout {name}") != table.layout() for name, table in tables.items()):
            raise damaged("its tables are laid out otherwise (it was written by another version)")
        self.meta = meta
        self._starts: dict[str, list[tuple]] = {}  # each table's chunks' first search values (position())

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def rows(self, name: str, numbers: Iterable[int]) -> dict[int, tuple]:
        """The rows with these numbers (0 the first of the table), by number in number order (not for grouped
        tables)."""
        table, numbers = self.tables[name], list(numbers)
        wanted = sorted({number // table.chunk_rows for number in numbers})
        chunks = {pos: _chunk_rows(table, chunk) for pos, chunk in self._read_positions(name, wanted).items()}
        if sorted(chunks) != wanted or any(number % table.chunk_rows >= len(chunks[number // table.chunk_rows])
                                           for number in numbers):
            raise damaged(f"rows of {name} are missing")
        return {number: chunks[number // table.chunk_rows][number % table.chunk_rows] for number in sorted(numbers)}

    def chunks(self, name: str, positions: Iterable[int]) -> Rows:
        """The rows of these chunks of a table (not grouped), in chunk order."""
        table, wanted = self.tables[name], sorted(set(positions))
        read = self._read_positions(name, wanted)
        if sorted(read) != wanted or (wanted and not 0 <= wanted[0] <= wanted[-1] < self._count("chunks", name)):
            raise damaged(f"chunks of {name} are missing")
        return Rows(table, [read[pos] for pos in wanted], sizes=self._sizes(name, wanted))

    def all(self, name: str) -> Rows:
        """Every row of a table, in order."""
        chunks, table = self._read(name, "1", ()), self.tables[name]
        sizes = self._sizes(name, range(len(chunks))) if not table.grouped and chunks else None
        rows = Rows(table, [chunks[pos] for pos in sorted(chunks)], sizes=sizes)
        if sorted(chunks) != list(range(self._count("chunks", name))) or len(rows) != self._count("rows", name):
            raise damaged(f"rows of {name} are missing")
        return rows

    def range(self, name: str, low: tuple, high: tuple) -> Rows:
        """The rows whose search values lie in [low, high), in order."""
        table, count = self.tables[name], self._count("chunks", name)
        start, end = self._first_from(name, table, low, count), self._first_from(name, table, high, count)
        if not 0 <= start <= end <= count:  # what the SQL index said cannot be
            raise damaged(f"the index of {name} is out of order")
        # Chunks are sorted by their first rows: the one before `start` must start below the range (it may end in
        # it), those up to `end` in it, the one at `end` above it. With every chunk between them there and checked,
        # nothing in range can be anywhere else.
        lowest = max(start - 1, 0)
        read = self._read(name, "pos BETWEEN ? AND ?", (lowest, end))
        width = table.searched_by
        for pos in range(lowest, min(end, count - 1) + 1):
            if pos not in read:
                raise damaged(f"chunk {pos} of {name} is missing")
            first = read[pos][:width]
            if (first >= low) + (first >= high) != (pos >= start) + (pos >= end):  # below, in or above
                raise damaged(f"{name} does not hold the range it should")
        if table.grouped:  # one search value a chunk: the chunks in range are all there is
            return Rows(table, [read[pos] for pos in range(start, end)])
        return Rows(table, [read[pos] for pos in range(lowest, end)], low, high)

    def position(self, name: str, value: tuple) -> int:
        """The number of the one chunk that may hold a row with these search values (-1 when none may): the last
        whose first row is at or below them, by the chunks' first rows, read once (a table of distinct search
        values, not grouped). Read it with chunk()."""
        starts = self._starts.get(name)
        if starts is None:
            table = self.tables[name]
            found = _fetch(self.connection, f"SELECT pos, {', '.join(_firsts(table))} FROM {name} ORDER BY pos")
            starts = [tuple(row[1:]) for row in found]
            if [row[0] for row in found] != list(range(self._count("chunks", name))) or starts != sorted(starts):
                raise damaged(f"the index of {name} is out of order")
            self._starts[name] = starts
        return bisect.bisect_right(starts, value) - 1

    def chunk(self, name: str, pos: int) -> list[tuple]:
        """The rows of one chunk (a number that position() gave), proven as range() proves a range: it and the chunk
        after it read and checked, each starting where the index said, so no row between their first rows can be
        anywhere else."""
        table, starts = self.tables[name], self._starts[name]
        read = self._read(name, "pos BETWEEN ? AND ?", (pos, pos + 1))
        for number in range(pos, min(pos + 2, len(starts))):
            if number not in read or read[number][:table.searched_by] != starts[number]:
                raise damaged(f"chunk {number} of {name} is missing or not where its index says")
        rows = _chunk_rows(table, read[pos])
        if not rows or rows[0][:table.searched_by] != starts[pos]:
            raise damaged(f"chunk {pos} of {name} does not hold its first row")
        return rows

    def _first_from(self, name: str, table: Table, value: tuple, count: int) -> int:
        """The number of the first chunk whose first row is at or above `value` (`count` when none is)."""
        columns = ", ".join(_firsts(table))
        found = _fetch(self.connection, f"SELECT pos FROM {name} WHERE ({columns}) >= ({', '.join('?' * len(value))})"
                       f" ORDER BY {columns}, pos LIMIT 1", value)
        return found[0][0] if found and isinstance(found[0][0], int) else count

    def _read_positions(self, name: str, positions: list[int]) -> dict[int, tuple]:
        """The checked chunks of a table at these positions, read a bounded number of positions at a time."""
        read: dict[int, tuple] = {}
        for start in range(0, len(positions), _MOST_VARIABLES):
            part = positions[start:start + _MOST_VARIABLES]
            read.update(self._read(name, f"pos IN ({', '.join('?' * len(part))})", part))
        return read

    def _sizes(self, name: str, positions: Iterable[int]) -> list[int]:
        """How many rows the chunks at these positions of a table (not grouped) were written with: every chunk but
        the last holds chunk_rows (none needs unpacking to tell)."""
        table, count = self.tables[name], self._count("chunks", name)
        last = self._count("rows", name) - table.chunk_rows * (count - 1)
        return [last if pos == count - 1 else table.chunk_rows for pos in positions]

    def _count(self, what: str, name: str) -> int:
        """How many rows or chunks a table was written with."""
        return int(self.meta[f"{what} {name}"])

    def _read(self, name: str, where: str, parameters: Sequence[object]) -> dict[int, tuple]:
        """Chunks of a table, checked, by number: each as its first row's search values, then its packed columns."""
        chunks = {}
        for values in _fetch(self.connection, f"SELECT * FROM {name} WHERE {where}", parameters):
            if content_check(values[:-1]) != values[-1]:
                raise damaged(f"chunk {values[0]!r} of {name} fails its check")
            chunks[values[0]] = values[1:-1]
        return chunks


class Rows:
    """Rows read from checked chunks, in order, unpacked a chunk's column at a time when first needed; with `low`
    and `high`, only the rows whose search values lie in [low, high)."""

    def __init__(self, table: Table, chunks: list[tuple], low: tuple | None = None, high: tuple | None = None,
                 sizes: list[int] | None = None) -> None:
        self.table, self.chunks, self.names = table, chunks, list(table.columns)
        self.unpacked: dict[tuple[int, str], list] = {}
        self.sizes = sizes  # how many rows each chunk holds, when the caller knows (each is checked when unpacked)
        sizes = sizes or [len(self._chunk_column(index, table.stored[0])) for index in range(len(chunks))]
        self.offsets = list(itertools.accumulate(sizes, initial=0))  # where each chunk's rows start
        self.start, self.end = 0, self.offsets[-1]
        if low is not None and high is not None:
            search = _SearchValues(self, self.names[:table.searched_by])
            self.start, self.end = bisect.bisect_left(search, low), bisect.bisect_left(search, high)

    def column(self, name: str) -> list:
        """One column's values, for the rows in range."""
        values: list = []
        for index in range(len(self.chunks)):
            values += self._chunk_column(index, name)
        return values[self.start:self.end] if (self.start, self.end) != (0, len(values)) else values

    def containing(self, name: str, text: str) -> list[int]:
        """The positions of the rows whose value in a text column contains `text` (a chunk without it anywhere is
        passed over at the speed of a bytes search, unpacked)."""
        wanted, found = text.encode(), []
        for index, chunk in enumerate(self.chunks):
            if self.table.by_row or self.table.compressed or wanted in chunk[
                    self.table.searched_by + self.table.stored.index(name)]:
                found += [self.offsets[index] + offset for offset, value in enumerate(self._chunk_column(index, name))
                          if text in value]
        return [position - self.start for position in found if self.start <= position < self.end]

    def value(self, position: int, name: str) -> object:
        """One value of the row at this position among all the rows read."""
        index = bisect.bisect_right(self.offsets, position) - 1
        return self._chunk_column(index, name)[position - self.offsets[index]]

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, position: int) -> tuple:
        if not 0 <= position < len(self):
            raise IndexError(position)
        return tuple(self.value(self.start + position, name) for name in self.names)

    def __iter__(self):
        return zip(*(self.column(name) for name in self.names))

    def _chunk_column(self, index: int, name: str) -> list:
        """One column of one chunk, unpacked once."""
        if (index, name) not in self.unpacked:
            values = self.unpacked[(index, name)] = _unpack(self.table, self.chunks[index], name)
            if self.sizes is not None and len(values) != self.sizes[index]:
                raise damaged(f"a chunk holds {len(values)} rows where {self.sizes[index]} belong")
        return self.unpacked[(index, name)]


def _unpack(table: Table, chunk: tuple, name: str) -> list:
    """One column of a chunk (a search value of a grouped table is kept once, with the chunk)."""
    if name not in table.stored:
        return [chunk[list(table.columns).index(name)]] * len(_unpack(table, chunk, table.stored[0]))
    if table.by_row:
        return _inflated(table, chunk[table.searched_by]).decode().split(_SEPARATOR)[
            table.stored.index(name)::len(table.stored)]
    packed = _inflated(table, chunk[table.searched_by + table.stored.index(name)])
    return packed.decode().split(_SEPARATOR) if table.columns[name] is str else array(_NUMBERS, packed).tolist()


def _chunk_rows(table: Table, chunk: tuple) -> list[tuple]:
    """Every row of a chunk."""
    if table.by_row:
        return list(zip(*[iter(_inflated(table, chunk[table.searched_by]).decode().split(_SEPARATOR))]
                        * len(table.stored)))
    return list(zip(*(_unpack(table, chunk, name) for name in table.columns)))


class _SearchValues:
    """The search values of the rows read, by position, for bisect (unpacking only the chunks it looks at)."""

    def __init__(self, rows: Rows, names: list[str]) -> None:
        self.rows, self.names = rows, names

    def __len__(self) -> int:
        return self.rows.offsets[-1]

    def __getitem__(self, position: int) -> tuple:
        return tuple(self.rows.value(position, name) for name in self.names)


def _fetch(connection: sqlite3.Connection, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    """The rows of a query; text that is not UTF-8 (Python's sqlite3 raises UnicodeDecodeError) is damage."""
    try:
        return connection.execute(sql, parameters).fetchall()
    except UnicodeDecodeError:
        raise damaged("a text is not UTF-8") from None
