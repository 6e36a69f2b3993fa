"""CC-CEDICT, the bilingual dictionary shipped with the package (CC BY-SA 4.0, see data/CEDICT-LICENSE.txt).

Used for word division (pinyin spelling) and for Chinese suggestions: English gloss → Chinese, and
Hanyu Pinyin reading → Chinese characters. Suggestions from it are always proposals.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .lexicons import Lexicon

CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_CROSS_REFERENCE = re.compile(r"^(see|variant of|old variant of|also written|abbr\. for|surname|CL:|used in)\b", re.I)
_REFERENCE_ONLY = re.compile(r"^(see|variant of|old variant of|erroneous variant of|archaic variant of)\b", re.I)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class DictionaryEntry:
    """One CC-CEDICT entry."""

    traditional: str
    simplified: str
    reading: str  # numbered pinyin as in CEDICT: 'Chong2 qing4'
    glosses: tuple[str, ...]

    @property
    def is_proper_noun(self) -> bool:
        """CEDICT writes readings of proper nouns with a capital letter."""
        return self.reading[:1].isupper()


def _cedict_lines():
    """The dictionary's entry lines ('Traditional Simplified [pin1 yin1] /gloss/'), comments skipped."""
    with resources.files("glossary").joinpath("data").joinpath(CEDICT_FILE).open("rb") as raw:
        with gzip.open(raw, "rt", encoding="utf-8") as text:
            for line in text:
                if not line.startswith("#"):
                    yield line


@functools.lru_cache(maxsize=1)
def headwords() -> frozenset[str]:
    """Every simplified headword in CC-CEDICT (about 119,000 words), for dividing text into words."""
    return frozenset(line.split(" ", 2)[1] for line in _cedict_lines())


def is_headword(word: str) -> bool:
    """Whether CC-CEDICT has this simplified headword (read from a prepared file: no need to load them all)."""
    return _HEADWORDS.get(word) is not None


@functools.lru_cache(maxsize=1)
def entries() -> tuple[DictionaryEntry, ...]:
    """All CC-CEDICT entries, parsed."""
    parsed = []
    for line in _cedict_lines():
        match = _LINE.match(line)
        if match:
            traditional, simplified, reading, glosses = match.groups()
            parsed.append(DictionaryEntry(traditional, simplified, reading, tuple(glosses.split("/"))))
    return tuple(parsed)


def gloss_key(gloss: str) -> str:
    """A gloss reduced to a comparable English key: parentheses, 'to ' and punctuation removed, lower case."""
    gloss = _PARENTHESES.sub(" ", gloss).strip()
    if gloss.lower().startswith("to "):
        gloss = gloss[3:]
    return " ".join(_NOT_WORD.sub(" ", gloss.casefold()).split())


@functools.lru_cache(maxsize=1)
def english_index() -> dict[str, tuple[DictionaryEntry, ...]]:
    """English gloss key → entries that give it as a whole gloss (more specific entries first)."""
    index: dict[str, list[DictionaryEntry]] = {}
    for entry in entries():
        for gloss in entry.glosses:
            if not gloss or _CROSS_REFERENCE.match(gloss):
                continue
            for part in gloss.split(";"):
                key = gloss_key(part)
                if key:
                    index.setdefault(key, []).append(entry)
    # Mainland forms before Taiwan ones, then the more common word, then the more specific entry.
    frequency = chinese_frequencies()

    def rank(entry: DictionaryEntry) -> tuple:
        taiwan = any(g.startswith("(Tw)") for g in entry.glosses)
        return (taiwan, -frequency.get(entry.simplified, 0.0), len(entry.glosses))

    return {key: tuple(sorted(found, key=rank)) for key, found in index.items()}


def toneless(reading: str) -> str:
    """CEDICT's numbered reading as one lower-case toneless string: 'Chong2 qing4' → 'chongqing'."""
    return re.sub(r"[\d\s:]", "", reading).lower().replace("u:", "v")


@functools.lru_cache(maxsize=1)
def reading_index() -> dict[str, tuple[DictionaryEntry, ...]]:
    """Toneless pinyin (no spaces) → entries with that reading, proper nouns first."""
    index: dict[str, list[DictionaryEntry]] = {}
    for entry in entries():
        index.setdefault(toneless(entry.reading), []).append(entry)
    frequency = chinese_frequencies()

    def rank(entry: DictionaryEntry) -> tuple:
        only_reference = all(_REFERENCE_ONLY.match(g) for g in entry.glosses)
        return (only_reference, not entry.is_proper_noun, -frequency.get(entry.simplified, 0.0))

    return {key: tuple(sorted(found, key=rank)) for key, found in index.items()}


@functools.lru_cache(maxsize=1)
def chinese_frequencies() -> dict[str, float]:
    """How common Chinese words are (wordfreq), to prefer 重庆 over 崇庆 and 吴 over 仵."""
    import wordfreq

    return wordfreq.get_frequency_dict("zh")


_INDEX_VERSION = 1


@functools.lru_cache(maxsize=1)
def suggestion_indexes() -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, str, str]]]:
    """The best entry per English gloss and per toneless reading, as (simplified, reading, glosses);
    built once from CC-CEDICT (a few seconds) and kept in the cache folder."""
    import pickle

    from .cache import cache_dir
    from .errors import GlossaryError
    from .files.atomic import produce_atomically

    data = resources.files("glossary").joinpath("data").joinpath(CEDICT_FILE)
    info = os.stat(str(data))
    stamp = f"{_INDEX_VERSION}:{info.st_size}:{info.st_mtime_ns}"
    cached = cache_dir() / "cedict-suggestions.pickle"
    try:
        with cached.open("rb") as handle:
            saved_stamp, indexes = pickle.load(handle)
        if saved_stamp == stamp and isinstance(indexes, tuple) and len(indexes) == 2:
            return indexes
    except Exception:  # a damaged cache (any of pickle's many errors) is only rebuilt
        pass
    compact = lambda e: (e.simplified, e.reading, "/".join(e.glosses))  # noqa: E731
    indexes = (
        {key: compact(found[0]) for key, found in english_index().items()},
        {key: compact(found[0]) for key, found in reading_index().items()},
    )
    def produce(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            pickle.dump((stamp, indexes), handle, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        produce_atomically(cached, produce)
    except (OSError, GlossaryError):
        pass  # no writable cache: rebuilt next time
    return indexes


def _as_entry(found: tuple[str, str, str] | None) -> DictionaryEntry | None:
    """A cached (simplified, reading, glosses) triple as an entry."""
    if found is None:
        return None
    simplified, reading, glosses = found
    return DictionaryEntry("", simplified, reading, tuple(glosses.split("/")))


def suggest_from_english(term: str) -> DictionaryEntry | None:
    """The most specific CC-CEDICT entry whose gloss is exactly this English term (singular tried too)."""
    key = gloss_key(term)
    for candidate in (key, _singular(key)):
        found = _BY_GLOSS.get(candidate)
        if found is not None:
            return _as_entry(_unpacked(found))
    return None


def suggest_from_pinyin(romanised: str) -> DictionaryEntry | None:
    """The best CC-CEDICT entry read as this romanised Chinese ('Chongqing' → 重庆), proper nouns first."""
    found = _BY_READING.get(re.sub(r"[^a-z]", "", romanised.lower()))
    return _as_entry(_unpacked(found)) if found is not None else None


def _packed(index: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    """A suggestion index as one text per key (its triple joined by tabs), as a prepared lexicon keeps it."""
    return {key: "\t".join(found) for key, found in index.items()}


def _unpacked(found: str) -> tuple[str, str, str]:
    """A packed suggestion as its (simplified, reading, glosses) triple."""
    simplified, reading, glosses = found.split("\t", 2)
    return simplified, reading, glosses


def _cedict_stamp() -> str:
    """The shipped CC-CEDICT file's version (size and time), and the suggestion index's and wordfreq's."""
    info = os.stat(str(resources.files("glossary").joinpath("data").joinpath(CEDICT_FILE)))
    from .lexicons import package_version

    return f"{_INDEX_VERSION}:{info.st_size}:{info.st_mtime_ns}:wordfreq {package_version('wordfreq')}"


# Read key by key from prepared files in the cache folder (lexicons.py); built from the indexes above once.
_HEADWORDS = Lexicon("cedict-headwords", _cedict_stamp, lambda: dict.fromkeys(headwords(), 1), int)
_NEVER_WHOLE = 1 << 30  # a table's few thousand rows are read from the file: the indexes take ~150 MB loaded
_BY_GLOSS = Lexicon("cedict-by-gloss", _cedict_stamp, lambda: _packed(suggestion_indexes()[0]), str, _NEVER_WHOLE)
_BY_READING = Lexicon("cedict-by-reading", _cedict_stamp, lambda: _packed(suggestion_indexes()[1]), str, _NEVER_WHOLE)


def _singular(key: str) -> str:
    """The key with a plural last word made singular (a light rule; the miner folds plurals the same way)."""
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return key
