"""Lookup: normalised keys, a cached SQLite index per glossary file, tiered ranking, fuzzy fallback.

This module must stay light (no pandas): it runs on every `glossary lookup`.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import re
import sqlite3
import stat
import time
import unicodedata
from array import array
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from .cache import (
    META, CheckedFile, Groups, Table, cache_dir, file_signature, forget_orphans, glossary_record, path_digest,
    without_collection, write_checked,
)
from .english import singular, word_classes
from .errors import GlossaryError
from .files.reading import os_reason, shown
from .schema import COLUMNS, TermEntry, printable
from .scripts import has_cjk as is_cjk

INDEX_VERSION = "11"
_GLOSSARY = "glossary"  # the meta value naming the glossary file an index was made from

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
# An index with more fuzzy candidates than this compares a query only with those starting with its first or its
# second character (a slip after the first letter, or a letter typed before it): a glossary of a million entries
# has 6 million candidates. A smaller one compares it with every candidate of a length that can come close.
FUZZY_SCAN_ROWS = 200_000

# Match kinds, best first; the score of a match starts from its kind's base. Fuzzy matches, sought
# only when nothing else matched, score their spelling similarity.
EXACT, PREFIX, SUBSTRING, FUZZY = "exact", "prefix", "substring", "fuzzy"
_BASE_SCORE = {EXACT: 100.0, PREFIX: 90.0, SUBSTRING: 80.0}
# The fuzzy candidate lists of the index: compact Latin keys, Chinese keys, the distinctive words
# of multi-word names, and their first two to four words.
LATIN_KEYS, CJK_KEYS, NAME_WORDS, LEADING_WORDS = "latin", "cjk", "name words", "leading words"
# Which field a key came from, best first, to break ties between matches of the same kind.
_FIELD_RANK = {"english": 0, "chinese": 1, "variant": 2, "chinese variant": 2, "traditional": 3, "pinyin": 4, "singular": 5}

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


# The combining marks of U+0300–U+036F (all but the grapheme joiner, which is none): what NFKD leaves of accents
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")
_FOLDED = re.compile("[a-z]+(?: [a-z]+)*")  # what fold_latin gives of most keys, unchanged by its later steps
_TONE_NUMBER = re.compile(r"(?<=[a-z])[1-5](?=\b|[a-z])")


def fold_latin(text: str) -> str:
    """Case, accents, tones, apostrophes and punctuation folded: "Xi'an" → 'xian', 'Tōngyì' → 'tongyi'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        marked = _LATIN_MARKS.sub("", text)  # pinyin's tone marks and Latin accents, the usual case: one pass
        text = marked if marked.isascii() else "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower() if text.isascii() else text.casefold()  # the same for ASCII, quicker
    if _FOLDED.fullmatch(text):
        return text  # words of letters a single space apart (most keys): nothing below would change it
    text = text.replace("'", "").replace("\u2019", "").replace("\u02bc", "")
    text = _TONE_NUMBER.sub("", text)  # pinyin tone numbers: tong1yi4
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def fold_cjk(text: str) -> str:
    """Chinese text compared: full-width forms folded, spaces and punctuation removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return text if text.isalnum() else "".join(ch for ch in text if ch.isalnum())


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
    for variant in entry.simplified_forms()[1:]:
        put(fold_cjk(variant), "chinese variant", 1)
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


def key_grams(key: str) -> set[str]:
    """What a text key is found by in a substring search: each character and each pair of characters of a Chinese
    key; each later word of a Latin key."""
    if is_cjk(key):
        return {*key, *(key[i:i + 2] for i in range(len(key) - 1))}
    return set(key.split(" ")[1:])


def cjk_grams(form: str) -> set[str]:
    """The grams every Chinese key holding the form has: its pairs of characters (its one character)."""
    return {form[i:i + 2] for i in range(len(form) - 1)} or {form}


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
    """What identifies one version of a glossary file and the index layout (see cache.file_signature)."""
    return file_signature(path, INDEX_VERSION)


def index_file(path: Path) -> Path:
    """The cache file holding the index of one glossary file."""
    return cache_dir() / f"index-{path_digest(path)}.sqlite3"


def open_index(path: Path, on_warning: Callable[[str], None] | None = None, *, rebuild: bool = False) -> CheckedFile:
    """The index of this version of the glossary: the cached one (unless told to rebuild it), else a new one, kept
    in the cache when the cache can keep it (else in memory, and on_warning hears why)."""
    from .store import read_entries

    path = Path(path)
    signature = _signature(path)
    cached = index_file(path)
    index = None if rebuild else _open_if_current(cached, signature)
    if index is not None:
        return index
    with without_collection():
        tables = _index_tables(read_entries(path))  # the glossary's errors are the user's, unlike the cache's
    problem = _keep_in_cache(cached, signature, tables, glossary_record(path))
    index = _open_if_current(cached, signature) if problem is None else None
    if index is None:
        if problem and on_warning:
            on_warning(f"{problem}; the index is kept in memory for this lookup")
        connection = sqlite3.connect(":memory:")
        write_checked(connection, tables, {"signature": signature})
        index = CheckedFile(connection, _TABLES)
    return index


def _open_if_current(cached: Path, signature: str) -> CheckedFile | None:
    """The cached index when it opens, its meta table passes its check and it was built from this exact version
    of the file; else None (it is then rebuilt)."""
    try:
        if not stat.S_ISREG(cached.stat().st_mode):  # a FIFO would block SQLite's open
            return None
        connection = sqlite3.connect(f"{cached.absolute().as_uri()}?mode=ro", uri=True)  # a folder may be 'a#b'
    except (OSError, sqlite3.Error):
        return None
    try:
        index = CheckedFile(connection, _TABLES)
    except sqlite3.Error:
        connection.close()
        return None
    if index.meta.get("signature") != signature:
        index.close()
        return None
    return index


# The index's tables, each kept in checked chunks of rows (see cache.py), sorted by its first columns.
_ENTRIES, _RANKS, _KEYS, _TEXTS, _GRAMS, _FUZZY, _TRIGRAMS = (
    "entries", "ranks", "keys", "texts", "grams", "fuzzy", "trigrams")
_TEXT_CHUNK_ROWS = 512
_TABLES = {
    # the entries, by entry number, and the pinyin shown for them
    _ENTRIES: Table({**{name: str for name in COLUMNS}, "display_pinyin": str}, chunk_rows=4, by_row=True,
                      compressed=True),
    # what matches are ranked and filtered by, by entry number: only the entries shown are then read whole
    _RANKS: Table({"status": str, "category": str, "english": str}, chunk_rows=32, by_row=True, compressed=True),
    # every key of every entry
    _KEYS: Table({"key": str, "entry": int, "field": str}, searched_by=1, compressed=True),
    # the text keys (those substrings are sought in), entry by entry, numbered; read whole for substrings inside words
    _TEXTS: Table({"key": str, "field": str, "entry": int}, chunk_rows=_TEXT_CHUNK_ROWS),
    # for each later word of a Latin key and each character and pair of characters of a Chinese key (key_grams), the
    # numbers of the text keys holding it, ascending: a substring search reads those its query needs and checks
    # only the keys they name
    # (kept plain: most groups are a few numbers, which deflating makes no smaller, at twice the time to write)
    _GRAMS: Table({"gram": str, "text": int}, searched_by=1, grouped=True),
    # the fuzzy candidate lists, by list, first character and length: each candidate and the number of its text key
    _FUZZY: Table({"list": str, "first": str, "length": int, "candidate": str, "text": int}, searched_by=3,
                  grouped=True, compressed=True),
    # for each three bytes in a row of the Latin text keys (UTF-8, as a number: trigram_codes), the numbers of the
    # chunks of the texts table holding them, ascending: a substring inside a word is sought only in the chunks
    # holding every one of its own
    _TRIGRAMS: Table({"trigram": int, "chunk": int}, searched_by=1, grouped=True, compressed=True),
}
_LAST_CHARACTER = "\U0010ffff"  # every key starting with a form sorts below form + this

# table name → (how it is kept, its rows in the order it is searched by)
IndexTables = dict[str, tuple[Table, "list[tuple] | Groups"]]


def _index_tables(entries: list[TermEntry]) -> IndexTables:
    """Every table of the index with its rows, in the order it is searched by (ties in entry order)."""
    from .chinese import converted, to_pinyin, to_simplified, to_traditional

    entry_rows, key_rows = [], []
    simplified_forms = [entry.simplified_forms() for entry in entries]
    traditional_forms = [entry.traditional_forms() for entry in entries]
    as_traditional = converted({form for forms in simplified_forms for form in forms}, to_traditional)
    as_simplified = converted({form for forms in traditional_forms for form in forms}, to_simplified)
    for n, entry in enumerate(entries):
        pinyin = entry.pinyin or (to_pinyin(entry.chinese, entry.category) if entry.chinese else "")
        simplified, written = simplified_forms[n], traditional_forms[n]
        traditional = set(written) | {as_traditional[form] for form in simplified}
        traditional |= {as_simplified[form] for form in written}
        traditional -= {"", *simplified}
        entry_rows.append((*entry.values(), pinyin))
        for key, field, is_text in keys_for_entry(entry, pinyin, sorted(traditional)):
            key_rows.append((key, n, field, is_text))
    text_rows = [(key, field, n) for key, n, field, is_text in key_rows if is_text]
    rows = {
        _ENTRIES: entry_rows,
        _RANKS: [(entry.status, entry.category, entry.english) for entry in entries],
        _KEYS: sorted(((key, n, field) for key, n, field, _ in key_rows), key=itemgetter(0)),
        _TEXTS: text_rows,
        _GRAMS: _gram_rows(text_rows),
        _FUZZY: _fuzzy_groups(text_rows),
        _TRIGRAMS: _trigram_groups(text_rows),
    }
    return {name: (table, rows[name]) for name, table in _TABLES.items()}


def _gram_rows(text_rows: list[tuple[str, str, int]]) -> Groups:
    """For each gram of the text keys, in order, the numbers of the keys holding it, ascending."""
    holders: dict[str, array] = {}
    for number, (key, _, _) in enumerate(text_rows):
        for gram in key_grams(key):
            numbers = holders.get(gram)
            if numbers is None:
                numbers = holders[gram] = array("i")
            numbers.append(number)
    return Groups(((gram,), (holders[gram],)) for gram in sorted(holders))


def trigram_codes(text: str) -> set[int]:
    """Each three bytes in a row of a text's UTF-8, as one number."""
    data = text.encode()
    return {data[i] << 16 | data[i + 1] << 8 | data[i + 2] for i in range(len(data) - 2)}


def _trigram_groups(text_rows: list[tuple[str, str, int]]) -> Groups:
    """For each trigram code of the Latin text keys, in order, the numbers of the texts chunks holding it."""
    import numpy as np

    codes, chunks = [], []
    for chunk, start in enumerate(range(0, len(text_rows), _TEXT_CHUNK_ROWS)):
        latin = [key for key, _, _ in text_rows[start:start + _TEXT_CHUNK_ROWS] if not is_cjk(key)]
        data = np.frombuffer("\x00".join(latin).encode(), dtype=np.uint8).astype(np.int32)
        if len(data) < 3:
            continue
        found = data[:-2] << 16 | data[1:-1] << 8 | data[2:]
        found = np.unique(found[(data[:-2] != 0) & (data[1:-1] != 0) & (data[2:] != 0)])  # none across two keys
        codes.append(found)
        chunks.append(np.full(len(found), chunk, dtype=np.int32))
    if not codes:
        return Groups()
    code, chunk = np.concatenate(codes), np.concatenate(chunks)
    order = np.lexsort((chunk, code))
    code, chunk = code[order], chunk[order]
    bounds = np.flatnonzero(np.diff(code)) + 1
    starts, ends = [0, *bounds.tolist()], [*bounds.tolist(), len(code)]
    return Groups(((int(code[first]),), (array("i", chunk[first:last].tobytes()),))  # int32, as _gram_rows packs
                  for first, last in zip(starts, ends))


def _fuzzy_groups(text_rows: list[tuple[str, str, int]]) -> Groups:
    """For each fuzzy candidate list, first character and length, in order, the candidates and the numbers of their
    text keys."""
    groups: dict[tuple[str, str, int], tuple[list[str], array]] = {}
    for number, (key, field, _) in enumerate(text_rows):
        for name, candidate in fuzzy_candidates(key, field):
            group = groups.get((name, candidate[0], len(candidate)))
            if group is None:
                group = groups[(name, candidate[0], len(candidate))] = ([], array("i"))
            group[0].append(candidate)
            group[1].append(number)
    return Groups((first, groups[first]) for first in sorted(groups))


def _keep_in_cache(cached: Path, signature: str, tables: IndexTables, glossary: str) -> str | None:
    """Write the index into the cache folder atomically, as the glossary itself is written (a temporary named
    for this process, removed by the next build when it was killed), naming the glossary file it was made from
    (`glossary`: cache.glossary_record), then remove the indexes of glossary files that are gone; why not, when
    the cache cannot keep it."""
    from .files.atomic import produce_atomically

    def produce(temporary: Path) -> None:
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            write_checked(connection, tables, {"signature": signature, _GLOSSARY: glossary})

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot create the cache folder {shown(cached.parent)}: {os_reason(error)}"
    _remove_legacy_temporaries(cached.parent)
    try:
        if cached.exists() and not cached.is_file():  # a folder or a FIFO: produce_atomically would write into it
            return f"cannot write {shown(cached)}: it is not a regular file"
        produce_atomically(cached, produce)
    except GlossaryError as error:  # what the operating system refused, said as for any file written
        return str(error)
    except sqlite3.Error as error:  # SQLite's own words for the same ('database or disk is full')
        return f"cannot write {shown(cached)}: {error}"
    except OSError as error:
        return f"cannot write {shown(cached)}: {os_reason(error)}"
    forget_orphans(cached, "index-*.sqlite3", _recorded_glossary)
    return None


def _recorded_glossary(cached: Path) -> str | None:
    """The glossary file an index in the cache was made from, as _keep_in_cache recorded it (None when it names
    none: an index of an earlier version)."""
    with contextlib.closing(sqlite3.connect(f"{cached.absolute().as_uri()}?mode=ro", uri=True)) as connection:
        found = connection.execute(f"SELECT value FROM {META} WHERE name = ?", (_GLOSSARY,)).fetchall()
    return found[0][0] if found and isinstance(found[0][0], str) else None


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
    wanted = _Wanted(fuzzy, category, status, limit)
    try:
        with contextlib.closing(open_index(source.path, on_warning)) as index:
            return _search(index, query, wanted)
    except sqlite3.DatabaseError:  # the cached index is damaged: SQLite or a check of what it read says so
        with contextlib.closing(open_index(source.path, on_warning, rebuild=True)) as index:
            return _search(index, query, wanted)


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


class _Wanted(NamedTuple):
    """What a lookup asks beyond its query: the fuzzy fallback or not, a category, a status, how many (0: all)."""

    fuzzy: bool
    category: str | None
    status: str | None
    limit: int


def _search(index: CheckedFile, query: str, wanted: _Wanted) -> list[Match]:
    """The entries the index finds for a query, best first."""
    forms = query_forms(query)
    if not forms:  # '!!!' has nothing to search
        return []
    # every exact or prefix match scores above every substring match: with as many as are shown, and nothing to
    # filter them, no substring match could be shown ('ch' in a million entries: thousands of keys start so)
    enough = wanted.limit if wanted.limit and not (wanted.category or wanted.status) else None
    hits = _exact_prefix_substring(index, forms, enough)
    if not hits and not is_cjk(query) and len(forms[0]) >= 3:
        hits = _inside_words(index, forms[0])
    if not hits and wanted.fuzzy:
        hits = _fuzzy(index, query)
    return _to_matches(index, hits, wanted)


# (entry number) → (kind, score, matched key, field)
_Hits = dict[int, tuple[str, float, str, str]]


def _keep_best(hits: _Hits, entry: int, kind: str, score: float, key: str, field: str) -> None:
    """Record a hit unless the entry already has a better one."""
    old = hits.get(entry)
    if old is None or (score, -_FIELD_RANK.get(field, 9)) > (old[1], -_FIELD_RANK.get(old[3], 9)):
        hits[entry] = (kind, score, key, field)


def _exact_prefix_substring(index: CheckedFile, forms: list[str], enough: int | None = None) -> _Hits:
    """Exact and prefix hits for the query's forms, then substrings at word starts (any position in Chinese), unless
    exact and prefix hits number `enough` already."""
    hits: _Hits = {}
    starting = {form: index.range(_KEYS, (form,), (form + _LAST_CHARACTER,)) for form in forms}
    exact = [row for rows in starting.values() for row in rows if row[0] in forms]
    for key, entry, field in sorted(exact, key=itemgetter(0)):  # in key order, as the index has them
        _keep_best(hits, entry, EXACT, _BASE_SCORE[EXACT], key, field)
    for form, rows in starting.items():
        for key, entry, field in rows:
            if key != form:
                _keep_best(hits, entry, PREFIX, _BASE_SCORE[PREFIX] - _length_penalty(form, key), key, field)
    if enough is not None and len(hits) >= enough:
        return hits
    text_form = forms[0]
    first_word = text_form.split(" ")[0]
    # a Latin key holds the form at a later word when that word is its first word (or starts with it, when the
    # form is one word); a Chinese key holds it anywhere after its first character
    end = first_word + ("\x00" if " " in text_form else _LAST_CHARACTER)
    numbers = set(index.range(_GRAMS, (first_word,), (end,)).column("text")) | _holding_all(index, cjk_grams(text_form))
    found = []
    for number, (key, field, entry) in index.rows(_TEXTS, numbers).items():
        starts = [suffix for suffix in inner_suffixes(key) if suffix.startswith(text_form)]
        if starts:  # in the order a table of every inner suffix would have them: by suffix, then key
            found.append((min(starts), number, key, field, entry))
    for _, _, key, field, entry in sorted(found):
        _keep_best(hits, entry, SUBSTRING, _BASE_SCORE[SUBSTRING] - _length_penalty(text_form, key), key, field)
    return hits


def _holding_all(index: CheckedFile, grams: set[str]) -> set[int]:
    """The numbers of the text keys holding every one of the grams: the rarest gram's holders, narrowed by the
    others (a key must hold them all)."""
    lists = sorted((index.range(_GRAMS, (gram,), (gram + "\x00",)).column("text") for gram in grams), key=len)
    numbers = set(lists[0]) if lists else set()
    for holders in lists[1:]:
        if not numbers:
            break
        if len(numbers) * 16 < len(holders):  # a few numbers, a long list: look each up in it
            numbers = {number for number in numbers if _holds(holders, number)}
        else:
            numbers.intersection_update(holders)
    return numbers


def _chunks_holding_all(index: CheckedFile, codes: set[int]) -> list[int]:
    """The numbers of the texts chunks whose Latin keys hold every one of these trigram codes, ascending."""
    lists = sorted((index.range(_TRIGRAMS, (code,), (code + 1,)).column("chunk") for code in codes), key=len)
    chunks = set(lists[0]) if lists else set()
    for holders in lists[1:]:
        chunks.intersection_update(holders)
    return sorted(chunks)


def _holds(holders: list[int], number: int) -> bool:
    """Whether an ascending list holds a number."""
    position = bisect.bisect_left(holders, number)
    return position < len(holders) and holders[position] == number


def _inside_words(index: CheckedFile, text_form: str) -> _Hits:
    """Substrings that start inside a word ('baba' in 'alibaba'): a scan of the Latin keys of the chunks holding
    every trigram of the form, and only when nothing else hit."""
    hits: _Hits = {}
    base = _BASE_SCORE[SUBSTRING] - 8
    codes = trigram_codes(text_form)
    rows = index.chunks(_TEXTS, _chunks_holding_all(index, codes)) if codes else index.all(_TEXTS)
    for position in rows.containing("key", text_form):
        key, field, entry = rows[position]
        if not is_cjk(key) and key.find(text_form) > 0:
            _keep_best(hits, entry, SUBSTRING, base - _length_penalty(text_form, key), key, field)
    return hits


def _length_penalty(form: str, key: str, most: float = 9.0) -> float:
    """Up to `most` points off for a key much longer than what was asked."""
    return min(most, most * (len(key) - len(form)) / max(len(key), 1))


def _fuzzy(index: CheckedFile, query: str) -> _Hits:
    """Close spellings when nothing matched: the query against whole keys and, by its length, parts of names."""
    found = []
    for name, form, cutoff in fuzzy_plan(query):
        for candidate, similarity, entry, field, key in _similar_keys(index, name, form, cutoff):
            score = similarity - _length_penalty(candidate, compact(key), PART_PENALTY)  # 0 for a whole key
            if score >= cutoff:
                found.append((score, entry, key, field))
    hits: _Hits = {}
    for score, entry, key, field in sorted(found, reverse=True)[:FUZZY_LIMIT]:
        _keep_best(hits, entry, FUZZY, score, key, field)
    return hits


def _similar_keys(index: CheckedFile, name: str, form: str, cutoff: float
                  ) -> Iterator[tuple[str, float, int, str, str]]:
    """(candidate, similarity, entry, field, key) for each candidate of one fuzzy list at the cut-off or above."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    share = cutoff / 100
    # Edits are at least the difference in length and at most (1 - share) x the longer length, so
    # only candidates from share x to 1/share x the form's length can reach the cut-off.
    shortest, longest = int(share * len(form)), int(len(form) / share) + 1
    if int(index.meta.get(f"rows {_FUZZY}", 0)) <= FUZZY_SCAN_ROWS:
        parts = [index.range(_FUZZY, (name, "", 0), (name + "\x00", "", 0))]
        # a candidate of another length is blanked: it keeps its place (for its text number) and matches nothing
        columns = [[candidate if shortest <= len(candidate) <= longest else "" for candidate in parts[0].column(
            "candidate")]]
    else:  # one read for each first character: its candidates lie together, by length
        parts = [index.range(_FUZZY, (name, first, shortest), (name, first, longest + 1))
                 for first in dict.fromkeys(form[:2])]
        columns = [rows.column("candidate") for rows in parts]
    starts = list(itertools.accumulate(map(len, columns), initial=0))
    found = process.extract(form, [candidate for column in columns for candidate in column],
                            scorer=OSA.normalized_similarity, score_cutoff=share, limit=None)

    def text_of(position: int) -> int:
        part = bisect.bisect_right(starts, position) - 1
        return parts[part].value(position - starts[part], "text")

    texts = index.rows(_TEXTS, (text_of(position) for _, _, position in found))
    for candidate, similarity, position in found:
        key, field, entry = texts[text_of(position)]
        yield candidate, 100 * similarity, entry, field, key


_STATUS_RANK = {"approved": 0, "proposed": 1, "deprecated": 2, "forbidden": 3}


def _to_matches(index: CheckedFile, hits: _Hits, wanted: _Wanted) -> list[Match]:
    """Rank the hits (score, then the field matched, then approved first, then English order), keep those of the
    category and status wanted, and read the entries of as many as are wanted."""
    ranks = index.rows(_RANKS, hits)
    numbers = [n for n in sorted(hits) if (not wanted.category or ranks[n][1] == wanted.category)
               and (not wanted.status or ranks[n][0] == wanted.status)]
    numbers.sort(key=lambda n: (-hits[n][1], _FIELD_RANK.get(hits[n][3], 9), _STATUS_RANK.get(ranks[n][0], 9),
                                ranks[n][2].casefold()))
    numbers = numbers[:wanted.limit] if wanted.limit else numbers
    entries = index.rows(_ENTRIES, numbers)
    matches = []
    for n in numbers:
        values = dict(zip(COLUMNS, entries[n][:-1]))
        values["pinyin"] = values["pinyin"] or entries[n][-1]
        kind, score, key, field = hits[n]
        matches.append(Match(TermEntry(**values), kind, score, key, field))
    return matches


def index_is_current(path: str | os.PathLike) -> bool:
    """True when a cached index of this exact file opens (so a lookup will not rebuild it)."""
    try:
        signature = _signature(Path(path))
    except GlossaryError:
        return False
    index = _open_if_current(index_file(Path(path)), signature)
    if index is None:
        return False
    index.close()
    return True
