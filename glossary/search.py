"""Lookup: normalised keys, a cached SQLite index per glossary file, tiered ranking, fuzzy fallback.

This module must stay light (no pandas): it runs on every `glossary lookup`.
"""

from __future__ import annotations

import contextlib
import hashlib
from array import array
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .cache import cache_dir
from .english import singular
from .errors import GlossaryError
from .schema import COLUMNS, TermEntry

INDEX_VERSION = "4"
FUZZY_CUTOFF = 70.0

# Match kinds, best first; the score of a match starts from its kind's base.
EXACT, PREFIX, SUBSTRING, FUZZY = "exact", "prefix", "substring", "fuzzy"
_BASE_SCORE = {EXACT: 100.0, PREFIX: 90.0, SUBSTRING: 80.0}
# Which field a key came from, best first, to break ties between matches of the same kind.
_FIELD_RANK = {"english": 0, "chinese": 1, "variant": 2, "traditional": 3, "pinyin": 4, "singular": 5}

_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NOT_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")


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
    """The folded forms of a query to look up (with its compact and singular forms)."""
    if is_cjk(query):
        return [fold_cjk(query)]
    folded = fold_latin(query)
    forms = [folded, compact(folded), singular(folded), compact(singular(folded))]
    return list(dict.fromkeys(f for f in forms if f))


def inner_suffixes(key: str) -> list[str]:
    """Where a substring search may start inside a key: each later word (Latin), each later character (CJK)."""
    if is_cjk(key):
        return [key[i:] for i in range(1, len(key))]
    return [key[i + 1 :] for i, ch in enumerate(key) if ch == " "]


# --- the index --------------------------------------------------------------------------------


def _signature(path: Path) -> str:
    """What identifies one version of a glossary file: path, size, modification time, inode."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such glossary file (create one with `glossary init {path}`)") from None
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return f"{INDEX_VERSION}:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def index_file(path: Path) -> Path:
    """The cache file holding the index of one glossary file."""
    digest = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"index-{digest}.sqlite3"


def open_index(path: Path) -> sqlite3.Connection:
    """A connection to a fresh index of the glossary, rebuilt when the file has changed."""
    path = Path(path)
    signature = _signature(path)
    cached = index_file(path)
    if cached.exists():
        connection = _connect_if_current(cached, signature)
        if connection is not None:
            return connection
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        return build_index(path, signature, cached)
    except OSError:
        # No writable cache: index in memory for this run only.
        return build_index(path, signature, None)


def _connect_if_current(cached: Path, signature: str) -> sqlite3.Connection | None:
    """Open a cached index when it was built from this exact version of the file."""
    try:
        connection = sqlite3.connect(f"file:{cached}?mode=ro", uri=True)
        row = connection.execute("SELECT value FROM meta WHERE name = 'signature'").fetchone()
    except sqlite3.Error:
        return None
    if row and row[0] == signature:
        return connection
    connection.close()
    return None


def build_index(path: Path, signature: str, target: Path | None) -> sqlite3.Connection:
    """Read and validate the glossary, then write its lookup index (atomically when cached on disk)."""
    from .chinese import to_pinyin, to_simplified, to_traditional
    from .store import read_entries

    entries = read_entries(path)
    temporary = None
    if target is None:
        connection = sqlite3.connect(":memory:")
    else:
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        connection = sqlite3.connect(temporary)
    columns = ", ".join(f'"{name}" TEXT' for name in COLUMNS)
    connection.executescript(
        f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE entries (n INTEGER PRIMARY KEY, {columns}, display_pinyin TEXT);
        CREATE TABLE keys (key TEXT, entry INTEGER, field TEXT, is_text INTEGER, latin INTEGER);
        CREATE TABLE suffixes (suffix TEXT, entry INTEGER, field TEXT, key TEXT);
        CREATE TABLE fuzzy (latin INTEGER PRIMARY KEY, keys TEXT, entries BLOB, fields TEXT);
        """
    )
    entry_rows, key_rows = [], []
    for n, entry in enumerate(entries):
        pinyin = entry.pinyin or (to_pinyin(entry.chinese, entry.category) if entry.chinese else "")
        traditional = {entry.traditional, to_traditional(entry.chinese)} - {""}
        traditional |= {to_simplified(entry.traditional)} - {"", entry.chinese}
        entry_rows.append((n, *entry.values(), pinyin))
        for key, field, is_text in keys_for_entry(entry, pinyin, sorted(traditional)):
            key_rows.append((key, n, field, is_text, 0 if is_cjk(key) else 1))
    placeholders = ", ".join("?" * (len(COLUMNS) + 2))
    connection.executemany(f"INSERT INTO entries VALUES ({placeholders})", entry_rows)
    connection.executemany("INSERT INTO keys VALUES (?, ?, ?, ?, ?)", key_rows)
    connection.execute("CREATE INDEX keys_by_key ON keys (key)")
    text_rows = [(key, n, field, latin) for key, n, field, is_text, latin in key_rows if is_text]
    connection.executemany(
        "INSERT INTO suffixes VALUES (?, ?, ?, ?)",
        ((suffix, n, field, key) for key, n, field, _ in text_rows for suffix in inner_suffixes(key)),
    )
    connection.execute("CREATE INDEX suffixes_by_suffix ON suffixes (suffix)")
    for latin in (0, 1):
        rows = [row for row in text_rows if row[3] == latin]
        numbers = array("I", (row[1] for row in rows))
        connection.execute(
            "INSERT INTO fuzzy VALUES (?, ?, ?, ?)",
            (latin, "\n".join(row[0] for row in rows), numbers.tobytes(), "\n".join(row[2] for row in rows)),
        )
    connection.execute("INSERT INTO meta VALUES ('signature', ?)", (signature,))
    connection.commit()
    if temporary is not None:
        connection.close()
        os.replace(temporary, target)
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    return connection


# --- lookup -----------------------------------------------------------------------------------


def lookup(
    query: str,
    path: str | os.PathLike | None = None,
    *,
    limit: int = 20,
    fuzzy: bool = True,
    category: str | None = None,
    status: str | None = None,
) -> list[Match]:
    """Entries matching a query in English, Chinese (either script) or pinyin, best first."""
    from .store import resolve

    query = query.strip()
    if not query:
        raise GlossaryError("empty query: give an English term, Chinese characters or pinyin")
    source = resolve(path)
    connection = open_index(source.path)
    try:
        forms = query_forms(query)
        hits = _exact_prefix_substring(connection, forms)
        if not hits and not is_cjk(query) and len(forms[0]) >= 3:
            hits = _inside_words(connection, forms[0])
        if not hits and fuzzy:
            hits = _fuzzy(connection, query)
        matches = _to_matches(connection, hits)
    finally:
        connection.close()
    matches = [m for m in matches if (not category or m.entry.category == category)]
    matches = [m for m in matches if (not status or m.entry.status == status)]
    return matches[:limit] if limit else matches


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


def _length_penalty(form: str, key: str) -> float:
    """Up to 9 points off for a key much longer than what was asked."""
    return min(9.0, 9.0 * (len(key) - len(form)) / max(len(key), 1))


def _fuzzy(connection: sqlite3.Connection, query: str) -> _Hits:
    """Close spellings when nothing matched: rapidfuzz over the keys of the query's script."""
    from rapidfuzz import fuzz, process

    latin = 0 if is_cjk(query) else 1
    folded = fold_latin(query) if latin else fold_cjk(query)
    row = connection.execute("SELECT keys, entries, fields FROM fuzzy WHERE latin = ?", (latin,)).fetchone()
    if not row or not row[0]:
        return {}
    keys, fields = row[0].split("\n"), row[2].split("\n")
    entries = array("I")
    entries.frombytes(row[1])
    scorer = fuzz.WRatio if len(keys) < 20000 else fuzz.QRatio  # WRatio is ~20x slower; fine on small glossaries
    hits: _Hits = {}
    for key, score, position in process.extract(folded, keys, scorer=scorer, limit=50, score_cutoff=FUZZY_CUTOFF):
        _keep_best(hits, entries[position], FUZZY, score * 0.7, key, fields[position])
    return hits


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
