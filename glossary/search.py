"""Lookup: normalised keys, a cached SQLite index per glossary file, tiered ranking, fuzzy fallback.

This module must stay light (no pandas): it runs on every `glossary lookup`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import time
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .cache import cache_dir
from .english import singular, word_classes
from .errors import GlossaryError
from .files.reading import os_reason, shown
from .schema import COLUMNS, TermEntry, printable

INDEX_VERSION = "6"

# Fuzzy matching scores how close a query's spelling is to a key: normalised OSA similarity (edits,
# an adjacent transposition counting as one, over the longer length), 0-100. The cut-offs lie midway
# between the two sides of tests/fuzzy_labels.py on the shipped glossary: the right entry of 73 Latin
# misspellings scores 80.0-95.5 (median 88.9), the best entry for 82 nonsense words 35-71.4 (median 50);
# 10 Chinese misspellings score 66.7-75, the best entry for 28 Chinese nonsense words at most 50.
FUZZY_CUTOFF = 76.0  # one edit in five letters passes, one in four (or two in eight) does not
CJK_FUZZY_CUTOFF = 60.0  # two characters of three right pass; one shared character never does
FUZZY_MIN_LENGTH = 4  # Latin letters; shorter queries are acronyms or words, too short to tell a typo
NAME_WORD_MIN_LENGTH = 6  # a one-word query this long is also compared with single words of names
PART_PENALTY = 5.0  # most points off a match on part of a key (a word, the first words)
FUZZY_LIMIT = 100  # how many of the closest keys a fuzzy lookup keeps

# Match kinds, best first; the score of a match starts from its kind's base. Fuzzy matches, sought
# only when nothing else matched, score their spelling similarity.
EXACT, PREFIX, SUBSTRING, FUZZY = "exact", "prefix", "substring", "fuzzy"
_BASE_SCORE = {EXACT: 100.0, PREFIX: 90.0, SUBSTRING: 80.0}
# The fuzzy candidate lists of the index: compact Latin keys, Chinese keys, the distinctive words
# of multi-word names, and their first two to four words.
LATIN_KEYS, CJK_KEYS, NAME_WORDS, LEADING_WORDS = "latin", "cjk", "name words", "leading words"
# Which field a key came from, best first, to break ties between matches of the same kind.
_FIELD_RANK = {"english": 0, "chinese": 1, "variant": 2, "traditional": 3, "pinyin": 4, "singular": 5}

_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NOT_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Match:
    """One entry found by a lookup, how it matched, and its score (0–100)."""

    entry: TermEntry
    kind: str
    score: float
    matched: str
    field: str

    def to_dict(self) -> dict[str, object]:
        """The entry's fields plus the match description, for JSON output."""
        data: dict[str, object] = dict(self.entry.to_row())
        data.update(match=self.kind, score=round(self.score, 1), matched=self.matched, matched_field=self.field)
        return data


# --- normalisation ----------------------------------------------------------------------------


def is_cjk(text: str) -> bool:
    """True when the text holds Chinese characters (lookups then compare without word boundaries)."""
    return bool(_HAN_OR_KANA.search(text))


def fold_latin(text: str) -> str:
    """Case, accents, tones, apostrophes and punctuation folded: "Xi'an" → 'xian', 'Tōngyì' → 'tongyi'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("'", "").replace("\u2019", "").replace("\u02bc", "")
    text = re.sub(r"(?<=[a-z])[1-5](?=\b|[a-z])", "", text)  # pinyin tone numbers: tong1yi4
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def fold_cjk(text: str) -> str:
    """Chinese text compared: full-width forms folded, spaces and punctuation removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def compact(key: str) -> str:
    """A folded key without spaces ('tongyi qianwen' → 'tongyiqianwen')."""
    return key.replace(" ", "")


def keys_for_entry(entry: TermEntry, pinyin: str, traditional_forms: Iterable[str]) -> list[tuple[str, str, int]]:
    """(key, field, is_text) rows under which an entry is found; is_text keys also serve substrings."""
    keys: dict[tuple[str, int], str] = {}

    def put(key: str, field: str, is_text: int) -> None:
        if key and (key, is_text) not in keys:
            keys[(key, is_text)] = field

    for position, form in enumerate(entry.english_forms()):
        field = "english" if position == 0 and form == entry.english else "variant"
        folded = fold_latin(form) if not is_cjk(form) else fold_cjk(form)
        put(folded, field, 1)
        put(compact(folded), field, 0)
        put(singular(folded), "singular", 0)
        put(compact(singular(folded)), "singular", 0)
    put(fold_cjk(entry.chinese), "chinese", 1)
    for traditional in traditional_forms:
        put(fold_cjk(traditional), "traditional", 1)
    if pinyin:
        folded = fold_latin(pinyin)
        put(folded, "pinyin", 1)
        put(compact(folded), "pinyin", 0)
    return [(key, field, is_text) for (key, is_text), field in keys.items()]


def query_forms(query: str) -> list[str]:
    """The folded forms of a query to look up (with its compact and singular forms); none for '!!!'."""
    if is_cjk(query):
        return [form for form in [fold_cjk(query)] if form]
    folded = fold_latin(query)
    forms = [folded, compact(folded), singular(folded), compact(singular(folded))]
    return list(dict.fromkeys(f for f in forms if f))


def inner_suffixes(key: str) -> list[str]:
    """Where a substring search may start inside a key: each later word (Latin), each later character (CJK)."""
    if is_cjk(key):
        return [key[i:] for i in range(1, len(key))]
    return [key[i + 1 :] for i, ch in enumerate(key) if ch == " "]


def fuzzy_candidates(key: str, field: str) -> list[tuple[str, str]]:
    """(list, candidate) pairs under which a text key is compared with misspelt queries."""
    if is_cjk(key):
        return [(CJK_KEYS, key)]
    pairs = [(LATIN_KEYS, compact(key))]
    if field in ("english", "variant") and " " in key:
        words = key.split(" ")
        # A dictionary word of a name (winner, sweeping) is one letter from other words (dinner,
        # sleeping), so only the other words (Zuckerberg, Qianwen) are worth matching alone.
        pairs += [(NAME_WORDS, word) for word in words if len(word) >= 5 and not word_classes(word)]
        pairs += [(LEADING_WORDS, "".join(words[:end])) for end in range(2, min(len(words), 5))]
    return pairs


def fuzzy_plan(query: str) -> list[tuple[str, str, float]]:
    """The candidate lists a query is compared with, the form compared, and the score a match needs."""
    if is_cjk(query):
        return [(CJK_KEYS, fold_cjk(query), CJK_FUZZY_CUTOFF)]
    folded = fold_latin(query)
    form = compact(folded)  # spaces are no evidence either way: 'Ali baba', 'tongyiqianwen'
    if len(form) < FUZZY_MIN_LENGTH:
        return []
    plan = [(LATIN_KEYS, form, FUZZY_CUTOFF)]
    if " " in folded:
        plan.append((LEADING_WORDS, form, FUZZY_CUTOFF))
    elif len(form) >= NAME_WORD_MIN_LENGTH:
        plan.append((NAME_WORDS, form, FUZZY_CUTOFF))
    return plan


# --- the index --------------------------------------------------------------------------------


def _signature(path: Path) -> str:
    """What identifies one version of a glossary file: its path, size, inode, modification time and change time.

    The change time is what no tool can set back: an edit that restores the size and the modification time
    (`cp -p`, a tarball, a sync tool, `os.utime`) still changes it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise GlossaryError(f"{shown(path)}: no such glossary file (create one with `glossary init {shown(path)}`)") from None
    except OSError as error:
        raise GlossaryError(f"{shown(path)}: cannot read: {os_reason(error)}") from None
    return f"{INDEX_VERSION}:{_path_digest(path)}:{stat.st_size}:{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def _path_digest(path: Path) -> str:
    """A short digest of a file's absolute path, whatever bytes its name holds."""
    return hashlib.sha256(os.fsencode(Path(path).resolve())).hexdigest()[:20]


def index_file(path: Path) -> Path:
    """The cache file holding the index of one glossary file."""
    return cache_dir() / f"index-{_path_digest(path)}.sqlite3"


def open_index(path: Path, on_warning: Callable[[str], None] | None = None) -> sqlite3.Connection:
    """A connection to an index of this version of the glossary: the cached one, else a new one, kept in the
    cache when the cache can keep it (else in memory for this run, and on_warning hears why)."""
    path = Path(path)
    signature = _signature(path)
    cached = index_file(path)
    connection = _connect_if_current(cached, signature)
    if connection is not None:
        return connection
    from .store import read_entries

    tables = _index_tables(read_entries(path))  # the glossary's errors are the user's, unlike the cache's
    problem = _keep_in_cache(cached, signature, tables)
    connection = _connect_if_current(cached, signature) if problem is None else None
    if connection is None:
        if problem and on_warning:
            on_warning(f"{problem}; the index is kept in memory for this lookup")
        connection = sqlite3.connect(":memory:")
        _write_index(connection, signature, tables)
    return connection


def _read_only(cached: Path) -> sqlite3.Connection:
    """A read-only connection to a cached index (its path as a URI: a folder may be named 'a#b' or '100%')."""
    return sqlite3.connect(f"{cached.absolute().as_uri()}?mode=ro", uri=True)


def _connect_if_current(cached: Path, signature: str) -> sqlite3.Connection | None:
    """Open a cached index when it was built from this exact version of the file."""
    if not cached.is_file():  # a FIFO would block SQLite's open
        return None
    try:
        connection = _read_only(cached)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT value FROM meta WHERE name = 'signature'").fetchone()
    except sqlite3.Error:
        row = None
    if row == (signature,):
        return connection
    connection.close()
    return None


# table name → its rows, ready to insert
IndexTables = dict[str, list[tuple]]


def _index_tables(entries: list[TermEntry]) -> IndexTables:
    """The rows of every table of the index: entries, their keys, inner suffixes of text keys, fuzzy lists."""
    from .chinese import to_pinyin, to_simplified, to_traditional

    entry_rows, key_rows = [], []
    for n, entry in enumerate(entries):
        pinyin = entry.pinyin or (to_pinyin(entry.chinese, entry.category) if entry.chinese else "")
        traditional = {entry.traditional, to_traditional(entry.chinese)} - {""}
        traditional |= {to_simplified(entry.traditional)} - {"", entry.chinese}
        entry_rows.append((n, *entry.values(), pinyin))
        for key, field, is_text in keys_for_entry(entry, pinyin, sorted(traditional)):
            key_rows.append((key, n, field, is_text, 0 if is_cjk(key) else 1))
    text_rows = [(key, n, field, latin) for key, n, field, is_text, latin in key_rows if is_text]
    suffix_rows = [(suffix, n, field, key) for key, n, field, _ in text_rows for suffix in inner_suffixes(key)]
    return {"entries": entry_rows, "keys": key_rows, "suffixes": suffix_rows, "fuzzy": _fuzzy_rows(text_rows)}


def _fuzzy_rows(text_rows: list[tuple[str, int, str, int]]) -> list[tuple]:
    """Each fuzzy list as one row per candidate length: the candidates, and each one's entry, field and key."""
    groups: dict[tuple[str, int], list[tuple[str, int, str, str]]] = {}
    for key, n, field, _ in text_rows:
        for name, candidate in fuzzy_candidates(key, field):
            groups.setdefault((name, len(candidate)), []).append((candidate, n, field, key))
    rows = []
    for (name, length), group in groups.items():
        candidates, numbers, fields, keys = zip(*group)
        rows.append((name, length, "\n".join(candidates), array("I", numbers).tobytes(), "\n".join(fields),
                     "\n".join(keys)))
    return rows


def _write_index(connection: sqlite3.Connection, signature: str, tables: IndexTables) -> None:
    """Create the index's tables in an empty database and fill them."""
    columns = ", ".join(f'"{name}" TEXT' for name in COLUMNS)
    connection.executescript(
        f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE entries (n INTEGER PRIMARY KEY, {columns}, display_pinyin TEXT);
        CREATE TABLE keys (key TEXT, entry INTEGER, field TEXT, is_text INTEGER, latin INTEGER);
        CREATE TABLE suffixes (suffix TEXT, entry INTEGER, field TEXT, key TEXT);
        CREATE TABLE fuzzy (list TEXT, length INTEGER, candidates TEXT, entries BLOB, fields TEXT, keys TEXT,
                            PRIMARY KEY (list, length));
        """
    )
    for table, rows in tables.items():
        if rows:
            connection.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    connection.execute("CREATE INDEX keys_by_key ON keys (key)")
    connection.execute("CREATE INDEX suffixes_by_suffix ON suffixes (suffix)")
    connection.execute("INSERT INTO meta VALUES ('signature', ?)", (signature,))
    connection.commit()


def _keep_in_cache(cached: Path, signature: str, tables: IndexTables) -> str | None:
    """Write the index into the cache folder atomically, as the glossary itself is written (a temporary named
    for this process, removed by the next build when it was killed); why not, when the cache cannot keep it."""
    from .store import produce_atomically

    def produce(temporary: Path) -> None:
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            _write_index(connection, signature, tables)

    if cached.exists() and not cached.is_file():
        return f"cannot write {shown(cached)}: it is not a regular file"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot create the cache folder {shown(cached.parent)}: {os_reason(error)}"
    _remove_legacy_temporaries(cached.parent)
    try:
        produce_atomically(cached, produce)
    except GlossaryError as error:  # what the operating system refused, said as for any file written
        return str(error)
    except sqlite3.Error as error:  # SQLite's own words for the same ('database or disk is full')
        return f"cannot write {shown(cached)}: {error}"
    return None


# Index versions before 6 built into INDEX.PID.tmp, and a killed build left it behind for good (65 MB for a
# large glossary). A build takes seconds, so such a file a day old belongs to no running build.
_LEGACY_TEMPORARY = re.compile(r"^index-[0-9a-f]{20}\.sqlite3\.\d+\.tmp$")
LEGACY_TEMPORARY_SECONDS = 86_400


def _remove_legacy_temporaries(folder: Path) -> None:
    """Remove what killed builds of earlier versions left in the cache folder."""
    old = time.time() - LEGACY_TEMPORARY_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _LEGACY_TEMPORARY.match(entry.name) and entry.stat(follow_symlinks=False).st_mtime < old:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


# --- lookup -----------------------------------------------------------------------------------


def lookup(
    query: str,
    path: str | os.PathLike | None = None,
    *,
    limit: int = 20,
    fuzzy: bool = True,
    category: str | None = None,
    status: str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> list[Match]:
    """Entries matching a query in English, Chinese (either script) or pinyin, best first; on_warning hears
    when the index could not be kept in the cache (the lookup is answered all the same)."""
    from .store import resolve

    query = _checked_query(query)
    source = resolve(path)
    connection = open_index(source.path, on_warning)
    try:
        forms = query_forms(query)
        hits = _exact_prefix_substring(connection, forms) if forms else {}  # '!!!' has nothing to search
        if not hits and forms and not is_cjk(query) and len(forms[0]) >= 3:
            hits = _inside_words(connection, forms[0])
        if not hits and forms and fuzzy:
            hits = _fuzzy(connection, query)
        matches = _to_matches(connection, hits)
    finally:
        connection.close()
    matches = [m for m in matches if (not category or m.entry.category == category)]
    matches = [m for m in matches if (not status or m.entry.status == status)]
    return matches[:limit] if limit else matches


def _checked_query(query: str) -> str:
    """The query without surrounding spaces; an error when that leaves nothing, or when it holds bytes that
    were not UTF-8 (Python passes them on from the command line as lone surrogates)."""
    query = query.strip()
    if not query:
        raise GlossaryError("empty query: give an English term, Chinese characters or pinyin")
    if _SURROGATE.search(query):
        raise GlossaryError(f"the query is not valid text: it holds bytes that are not UTF-8 ('{printable(query)}'); "
                            "is the terminal set to UTF-8?")
    return query


# (entry number) → (kind, score, matched key, field)
_Hits = dict[int, tuple[str, float, str, str]]


def _keep_best(hits: _Hits, entry: int, kind: str, score: float, key: str, field: str) -> None:
    """Record a hit unless the entry already has a better one."""
    old = hits.get(entry)
    if old is None or (score, -_FIELD_RANK.get(field, 9)) > (old[1], -_FIELD_RANK.get(old[3], 9)):
        hits[entry] = (kind, score, key, field)


def _exact_prefix_substring(connection: sqlite3.Connection, forms: list[str]) -> _Hits:
    """Exact and prefix hits for the query's forms, then substrings at word starts (any position in Chinese)."""
    hits: _Hits = {}
    marks = ", ".join("?" * len(forms))
    for key, entry, field in connection.execute(
        f"SELECT key, entry, field FROM keys WHERE key IN ({marks})", forms
    ):
        _keep_best(hits, entry, EXACT, _BASE_SCORE[EXACT], key, field)
    for form in forms:
        rows = connection.execute(
            "SELECT key, entry, field FROM keys WHERE key > ? AND key < ?", (form, form + "\U0010ffff")
        )
        for key, entry, field in rows:
            _keep_best(hits, entry, PREFIX, _BASE_SCORE[PREFIX] - _length_penalty(form, key), key, field)
    text_form = forms[0]
    rows = connection.execute(
        "SELECT key, entry, field FROM suffixes WHERE suffix >= ? AND suffix < ?",
        (text_form, text_form + "\U0010ffff"),
    )
    for key, entry, field in rows:
        _keep_best(hits, entry, SUBSTRING, _BASE_SCORE[SUBSTRING] - _length_penalty(text_form, key), key, field)
    return hits


def _inside_words(connection: sqlite3.Connection, text_form: str) -> _Hits:
    """Substrings that start inside a word ('baba' in 'alibaba'): a full scan, so only when nothing else hit."""
    hits: _Hits = {}
    rows = connection.execute(
        "SELECT key, entry, field FROM keys WHERE is_text = 1 AND latin = 1 AND instr(key, ?) > 1", (text_form,)
    )
    for key, entry, field in rows:
        base = _BASE_SCORE[SUBSTRING] - 8
        _keep_best(hits, entry, SUBSTRING, base - _length_penalty(text_form, key), key, field)
    return hits


def _length_penalty(form: str, key: str, most: float = 9.0) -> float:
    """Up to `most` points off for a key much longer than what was asked."""
    return min(most, most * (len(key) - len(form)) / max(len(key), 1))


def _fuzzy(connection: sqlite3.Connection, query: str) -> _Hits:
    """Close spellings when nothing matched: the query against whole keys and, by its length, parts of names."""
    found = []
    for name, form, cutoff in fuzzy_plan(query):
        for candidate, similarity, entry, field, key in _similar_keys(connection, name, form, cutoff):
            score = similarity - _length_penalty(candidate, compact(key), PART_PENALTY)  # 0 for a whole key
            if score >= cutoff:
                found.append((score, entry, key, field))
    hits: _Hits = {}
    for score, entry, key, field in sorted(found, reverse=True)[:FUZZY_LIMIT]:
        _keep_best(hits, entry, FUZZY, score, key, field)
    return hits


def _similar_keys(
    connection: sqlite3.Connection, name: str, form: str, cutoff: float
) -> Iterator[tuple[str, float, int, str, str]]:
    """(candidate, similarity, entry, field, key) for each candidate of one fuzzy list at the cut-off or above."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    share = cutoff / 100
    # Edits are at least the difference in length and at most (1 - share) x the longer length, so
    # only candidates from share x to 1/share x the form's length can reach the cut-off.
    rows = connection.execute(
        "SELECT candidates, entries, fields, keys FROM fuzzy WHERE list = ? AND length BETWEEN ? AND ?",
        (name, int(share * len(form)), int(len(form) / share) + 1),
    )
    for candidates, entries, fields, keys in rows:
        found = process.extract(form, candidates.split("\n"), scorer=OSA.normalized_similarity,
                                score_cutoff=share, limit=None)
        if not found:
            continue
        numbers = array("I")
        numbers.frombytes(entries)
        field_list, key_list = fields.split("\n"), keys.split("\n")
        for candidate, similarity, position in found:
            yield candidate, 100 * similarity, numbers[position], field_list[position], key_list[position]


def _to_matches(connection: sqlite3.Connection, hits: _Hits) -> list[Match]:
    """Fetch the hit entries and rank them: score, then approved first, then English order."""
    if not hits:
        return []
    numbers = list(hits)
    marks = ", ".join("?" * len(numbers))
    columns = ", ".join(f'"{name}"' for name in COLUMNS)
    matches = []
    for row in connection.execute(f"SELECT n, {columns}, display_pinyin FROM entries WHERE n IN ({marks})", numbers):
        values = dict(zip(COLUMNS, row[1:-1]))
        values["pinyin"] = values["pinyin"] or row[-1]
        kind, score, key, field = hits[row[0]]
        matches.append(Match(TermEntry(**values), kind, score, key, field))
    status_rank = {"approved": 0, "proposed": 1, "deprecated": 2, "forbidden": 3}
    matches.sort(
        key=lambda m: (-m.score, _FIELD_RANK.get(m.field, 9), status_rank.get(m.entry.status, 9), m.entry.english.casefold())
    )
    return matches


def index_is_current(path: str | os.PathLike) -> bool:
    """True when a cached index of this exact file exists (so a lookup will not rebuild it)."""
    path = Path(path)
    cached = index_file(path)
    if not cached.exists():
        return False
    try:
        connection = _connect_if_current(cached, _signature(path))
    except GlossaryError:
        return False
    if connection is None:
        return False
    connection.close()
    return True
