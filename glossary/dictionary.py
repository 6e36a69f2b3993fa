"""CC-CEDICT, the bilingual dictionary shipped with the package (CC BY-SA 4.0, see data/CEDICT-LICENSE.txt).

Used for word division (pinyin spelling) and for Chinese suggestions: English gloss → Chinese, and
Hanyu Pinyin reading → Chinese characters. Suggestions from it are always proposals.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
from dataclasses import dataclass
from importlib import resources

from .lexicons import Lexicon

CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)")
_CROSS_REFERENCE = re.compile(r"^(see|variant of|old variant of|also written|abbr\. for|surname|CL:|used in)\b", re.I)
_REFERENCE_ONLY = re.compile(r"^(see|variant of|old variant of|erroneous variant of|archaic variant of)\b", re.I)
_NOT_WORD = re.compile(r"[^\w]+")
# A parenthesis that narrows a gloss to another sense ('delivery (commerce)', '(Tw)'), unlike a note on
# the form ('Asia (abbr. for 亞細亞洲|亚细亚洲[Ya4xi4ya4 Zhou1])').
# An acronym in brackets ('Bank of China (BoC)') is a note too; US and UK are regions, which qualify.
# What a description of a name starts with: a lower-case word, or the nationality of what is named.
_DESCRIPTION = re.compile(r"[a-z]|(?:Chinese|Japanese|Korean|Taiwanese|American|British|German|French|Indian|Russian)\b")
_QUALIFIED = re.compile(r"\((?!abbr\.|also |lit\.|[^)]*[\u4e00-\u9fff]|(?!US\)|UK\))[A-Z][\w&.]*[A-Z][\w&.]*\))[^)]*\)")


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


def all_headwords() -> "dict[str, int]":
    """Every simplified headword, as keys (the prepared file read whole: for looking up very many words)."""
    return _HEADWORDS.full()


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


@functools.lru_cache(maxsize=200_000)
def gloss_key(gloss: str) -> str:
    """A gloss reduced to a comparable English key: parentheses, 'to ' and punctuation removed, lower case."""
    gloss = _PARENTHESES.sub(" ", gloss).strip()
    if gloss.lower().startswith("to "):
        gloss = gloss[3:]
    return " ".join(_NOT_WORD.sub(" ", gloss.casefold()).split())


@functools.lru_cache(maxsize=1)
def english_index() -> dict[str, tuple[DictionaryEntry, ...]]:
    """English gloss key → entries that give it as a whole gloss (more specific entries first); a proper noun's
    gloss that says more after a comma also by the name before it (Budapest, capital of Hungary: Budapest)."""
    index: dict[str, list[DictionaryEntry]] = {}
    for entry in entries():
        for gloss in entry.glosses:
            if not gloss or _CROSS_REFERENCE.match(gloss):
                continue
            for part in gloss.split(";"):
                key = gloss_key(part)
                if key:
                    index.setdefault(key, []).append(entry)
                name = gloss_key(_named_before_comma(part, entry))
                if name and name != key:
                    index.setdefault(name, []).append(entry)
    # Mainland forms before Taiwan ones, then the more common word, then the more specific entry.
    frequency = chinese_frequencies()

    def rank(entry: DictionaryEntry) -> tuple:
        taiwan = "/(Tw)" in "/" + "/".join(entry.glosses)  # a gloss starting (Tw): glosses hold no '/'
        return (taiwan, -frequency.get(entry.simplified, 0.0), len(entry.glosses))

    return _ranked(index, rank)


def _named_before_comma(part: str, entry: DictionaryEntry) -> str:
    """The name a proper noun's gloss gives before a comma that a description follows (Budapest of 'Budapest,
    capital of Hungary', Seres of 'Seres, Chinese electric vehicle brand'), or ''. Not before another name
    ('Washington, US State' is the state, 'Washington, D.C.' the capital: neither is all Washington is), nor
    in a sense marked as another's (a Taiwan form: 'Georgia, US state (Tw)')."""
    if "," not in part or not entry.is_proper_noun or _QUALIFIED.search(part):
        return ""
    name, description = (piece.strip() for piece in part.split(",", 1))
    return name if name[:1].isupper() and _DESCRIPTION.match(description) else ""


def _ranked(index: dict[str, list[DictionaryEntry]], rank) -> dict[str, tuple[DictionaryEntry, ...]]:
    """Each key's entries best first by `rank`, worked out once per entry (an entry is under many keys; most keys
    have one entry, which needs no sorting)."""
    ranks: dict[int, tuple] = {}

    def rank_of(entry: DictionaryEntry) -> tuple:
        found = ranks.get(id(entry))
        if found is None:
            found = ranks[id(entry)] = rank(entry)
        return found

    return {key: (found[0],) if len(found) == 1 else tuple(sorted(found, key=rank_of)) for key, found in index.items()}


def toneless(reading: str) -> str:
    """CEDICT's numbered reading as one lower-case toneless string: 'Chong2 qing4' → 'chongqing'."""
    if reading.isascii():  # every reading but a few with '·': digits, white space and colons dropped in one pass
        return reading.translate(_TONES_AND_SPACES).lower()
    return re.sub(r"[\d\s:]", "", reading).lower().replace("u:", "v")


_TONES_AND_SPACES = str.maketrans("", "", "0123456789: \t\n\r\f\v\x1c\x1d\x1e\x1f")


@functools.lru_cache(maxsize=1)
def reading_index() -> dict[str, tuple[DictionaryEntry, ...]]:
    """Toneless pinyin (no spaces) → entries with that reading, proper nouns first."""
    index: dict[str, list[DictionaryEntry]] = {}
    for entry in entries():
        index.setdefault(toneless(entry.reading), []).append(entry)
    frequency = chinese_frequencies()

    def rank(entry: DictionaryEntry) -> tuple:
        # a romanised name is a proper noun's reading even where the dictionary only refers to a longer form
        # (贵州 'see 贵州省', 青岛 'see 青岛市': never 贵胄 'descendants of aristocrats', 倾倒 'to topple over')
        only_reference = all(map(_REFERENCE_ONLY.match, entry.glosses))
        return (not entry.is_proper_noun, only_reference, -frequency.get(entry.simplified, 0.0))

    return _ranked(index, rank)


@functools.lru_cache(maxsize=1)
def chinese_frequencies() -> dict[str, float]:
    """How common Chinese words are (wordfreq), to prefer 重庆 over 崇庆 and 吴 over 仵."""
    import wordfreq

    return wordfreq.get_frequency_dict("zh")


_INDEX_VERSION = 5
# Entries kept per English gloss, so that a proposal can pass over the first when its sense is wrong.
MAX_SENSES = 4
_Compact = dict[str, tuple[str, str, str]]


def headword_index() -> dict[str, tuple[DictionaryEntry, ...]]:
    """Simplified headword → its entries, those with a real gloss (not only 'see …') first."""
    index: dict[str, list[DictionaryEntry]] = {}
    for entry in entries():
        index.setdefault(entry.simplified, []).append(entry)

    def rank(entry: DictionaryEntry) -> tuple:
        return (all(_CROSS_REFERENCE.match(g) for g in entry.glosses), not entry.is_proper_noun)

    return _ranked(index, rank)


@functools.lru_cache(maxsize=1)
def gloss_suggestions() -> dict[str, tuple[tuple[str, str, str, float], ...]]:
    """The best entries per English gloss key (up to MAX_SENSES, best first, as (simplified, reading, glosses, word
    frequency): proposals need not load wordfreq's table), built from CC-CEDICT; the prepared lexicon
    cedict-by-gloss keeps it."""
    frequency = chinese_frequencies()
    return {key: tuple(_compact(entry) + (frequency.get(entry.simplified, 0.0),) for entry in found[:MAX_SENSES])
            for key, found in english_index().items()}


@functools.lru_cache(maxsize=1)
def reading_suggestions() -> _Compact:
    """The best entry per toneless reading, as (simplified, reading, glosses), built from CC-CEDICT; the prepared
    lexicon cedict-by-reading keeps it."""
    return {key: _compact(found[0]) for key, found in reading_index().items()}


@functools.lru_cache(maxsize=1)
def headword_glosses() -> _Compact:
    """The best entry per simplified headword, as (simplified, reading, glosses), for English proposals of
    Chinese terms; cached apart from the suggestions (English mining never loads it)."""
    return cached_build("cedict-headwords", _INDEX_VERSION,
                        lambda: {key: _compact(found[0]) for key, found in headword_index().items()})


def _compact(entry: DictionaryEntry) -> tuple[str, str, str]:
    """An entry as the cached (simplified, reading, glosses) triple."""
    return entry.simplified, entry.reading, "/".join(entry.glosses)


def cached_build(name: str, version: int, build):
    """What build() makes from CC-CEDICT, kept in the cache folder as NAME.pickle and rebuilt when the
    dictionary file or the version changes (a damaged or unwritable cache only costs a rebuild)."""
    from .cache import cached_pickle, data_stamp

    return cached_pickle(name, data_stamp(CEDICT_FILE, version), build)


@functools.lru_cache(maxsize=100_000)
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
        senses = gloss_senses(candidate)
        if senses:
            return _as_entry(senses[0][:3])
    return None


@dataclass(frozen=True)
class Proposal:
    """A Chinese rendering proposed from the dictionary, with how sure the proposal is (0–1) and why."""

    entry: DictionaryEntry
    gloss: str  # the gloss, as CC-CEDICT writes it, that the term matched
    confidence: float
    reason: str


def propose_from_english(term: str) -> Proposal | None:
    """A CC-CEDICT entry whose whole gloss is this term in the same sense, or None.

    Honest rather than eager: the gloss must be written as the term is (US is not us; a capitalised name
    needs a proper-noun entry), be a sense of its own (not 'to phone' for phone, not 'delivery (commerce)'
    for delivery, not a Taiwan form), and a word of several letters gets no single character unless that
    character has no other sense and is no abbreviation (港 for Hong Kong). Of several fitting entries the
    most used per sense wins (俚语 'slang' before 切口, which is mostly 'incision');
    confidence falls with the gloss's position and with the number of entries that fit."""
    key = gloss_key(term)
    # the term as written, made singular, or a phrase made plural (social science: 社会科学 'social sciences')
    forms = [(key, term), (_singular(key), _singular(term))] + ([(key + "s", term + "s")] if " " in key else [])
    for candidate_key, surface in forms:
        compacts = gloss_senses(candidate_key)
        frequency = {compact[0]: compact[3] for compact in compacts}
        fitting = [found for found in (_fits(compact[:3], surface) for compact in compacts) if found]
        # a later gloss is a sense among others (重工业 'heavy industry; manufacturing'): only a common word;
        # a first gloss of several senses needs a word in use; an entry of one sense (云计算) needs nothing
        fitting = [f for f in fitting if len(f[0].glosses) == 1
                   or frequency.get(f[0].simplified, 0.0) >= (1e-5 if f[2] else 3e-7)]
        if fitting:
            # a word's frequency counts all its senses (切口 is mostly 'incision'): shared among them, and
            # a later gloss weighs less; a word not in use at all comes last
            fitting.sort(key=lambda f: -(frequency.get(f[0].simplified, 1e-10) / len(f[0].glosses)
                                         * (1.0 if (f[2], f[3]) == (0, 0) else 0.6 if f[2] == 0 else 0.4)))
            entry, gloss, position, part = fitting[0]
            entry = _without_city(entry, term)
            base = 0.9 if (position, part) == (0, 0) else 0.7 if position == 0 else 0.6 if position == 1 else 0.5
            confidence = base / (1 + 0.25 * (len(fitting) - 1))
            return Proposal(entry, gloss, round(confidence, 2),
                            f"CC-CEDICT {entry.simplified} [{entry.reading}] gloss {position + 1} '{gloss}'"
                            + (f", {len(fitting) - 1} other entries" if len(fitting) > 1 else ""))
    return None


def _without_city(entry: DictionaryEntry, term: str) -> DictionaryEntry:
    """The city's name without 市 when the English says no 'city' and CC-CEDICT has the name alone (Xi'an: 西安,
    not 西安市, which CC-CEDICT glosses 'Xi'an, sub-provincial city…'); else the entry."""
    if len(entry.simplified) < 3 or not entry.simplified.endswith("市") or "city" in term.lower():
        return entry
    shorter = headword(entry.simplified[:-1])
    return shorter if shorter is not None and shorter.is_proper_noun else entry


def _fits(compact: tuple[str, str, str], term: str) -> tuple[DictionaryEntry, str, int, int] | None:
    """(entry, gloss part, gloss position, part position) when an indexed entry renders the term in its own
    sense, else None."""
    entry = _as_entry(compact)
    assert entry is not None
    proper = term[:1].isupper()
    senses = [gloss for gloss in entry.glosses if gloss and not _CROSS_REFERENCE.match(gloss)]
    for position, gloss in enumerate(senses):
        for part_index, part in enumerate(gloss.split(";")):
            part = part.strip()
            if gloss_key(part) != gloss_key(term):
                part = _named_before_comma(part, entry)  # Budapest, capital of Hungary
                if not part or gloss_key(part) != gloss_key(term):
                    continue
            if _QUALIFIED.search(part) or part.lower().startswith("to "):
                return None  # a qualified sense (commerce, Tw) or a verb: not the term's sense
            note = part
            part = _PARENTHESES.sub("", part).strip()  # Asia (abbr. for 亞細亞洲): a note, not a sense
            if part != term and (proper or part[:1].isupper()):
                return None  # case says another word: US is not us, Seed is not seed
            if proper and not entry.is_proper_noun:
                return None  # a name needs a proper-noun entry (Android is not 机器人)
            if len(entry.simplified) == 1 and len(term) > 1 and (len(senses) > 1 or "abbr." in note):
                return None  # 分 for shares, 族 for race, 港 for Hong Kong: one character of many senses
            if "(abbr.)" in note:
                return None  # 社科 'social science (abbr.)': the short form, not the term's rendering
            return entry, part, position, part_index
    return None


def suggest_from_pinyin(romanised: str) -> DictionaryEntry | None:
    """The best CC-CEDICT entry read as this romanised Chinese ('Chongqing' → 重庆), proper nouns first."""
    found = _BY_READING.get(re.sub(r"[^a-z]", "", romanised.lower()))
    return _as_entry(_unpacked(found)) if found is not None else None


@functools.lru_cache(maxsize=100_000)
def gloss_senses(key: str) -> tuple[tuple[str, str, str, float], ...]:
    """The best entries for one English gloss key, as gloss_suggestions() holds them (up to MAX_SENSES,
    best first, (simplified, reading, glosses, word frequency)), read from a prepared file."""
    found = _BY_GLOSS.get(key)
    return () if found is None else _unpacked_senses(found)


def proper_noun_renderings(senses: tuple[tuple[str, str, str, float], ...]) -> frozenset[str]:
    """The Chinese that senses of an English gloss (gloss_senses) give as proper nouns, read with a capital as
    DictionaryEntry.is_proper_noun tells (north korea: 朝鲜, Chao2 xian3; not success: 成功)."""
    return frozenset(simplified for simplified, reading, _, _ in senses if reading[:1].isupper())


def _packed_senses(index: dict[str, tuple[tuple[str, str, str, float], ...]]) -> dict[str, str]:
    """The gloss index as one text per key, as a prepared lexicon keeps it: a line per sense, in order, its
    simplified form, reading, glosses and frequency joined by tabs (CC-CEDICT has none); a third of the time of
    JSON for the 120,000 keys of a first run."""
    return {key: "\n".join([f"{simplified}\t{reading}\t{glosses}\t{frequency!r}"
                            for simplified, reading, glosses, frequency in found])
            for key, found in index.items()}


def _by_gloss_source() -> dict[str, str]:
    """What the gloss lexicon keeps; the pickles that earlier versions kept both suggestion indexes in (22 MB each)
    are removed from the cache folder, as nothing reads them now."""
    from .cache import cache_dir

    with contextlib.suppress(OSError):
        for old in cache_dir().glob("cedict-suggestions-*.pickle"):
            old.unlink()
    return _packed_senses(gloss_suggestions())


def _unpacked_senses(found: str) -> tuple[tuple[str, str, str, float], ...]:
    """A key's packed senses (_packed_senses) as they were."""
    senses = []
    for line in found.split("\n"):
        simplified, reading, glosses, frequency = line.split("\t")
        senses.append((simplified, reading, glosses, float(frequency)))
    return tuple(senses)


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
_HEADWORDS = Lexicon("cedict-headwords", _cedict_stamp, lambda: dict.fromkeys(headwords(), 1), int, weight=0.5)
_NEVER_WHOLE = 1 << 30  # a table's few thousand rows are read from the file: the indexes take ~150 MB loaded
_BY_GLOSS = Lexicon("cedict-by-gloss", lambda: f"senses {MAX_SENSES} lines:{_cedict_stamp()}",
                    _by_gloss_source, str, _NEVER_WHOLE, weight=4)
_BY_READING = Lexicon("cedict-by-reading", _cedict_stamp, lambda: _packed(reading_suggestions()), str, _NEVER_WHOLE,
                      weight=2.5)


_PHRASES = Lexicon("cedict-phrases", _cedict_stamp, lambda: _phrases_source(), str, first_run=False)


def whole_gloss_renderings(key: str) -> frozenset[str]:
    """The simplified headwords of every entry that gives this gloss key as a whole gloss (english_index), read
    from a prepared file (made the first time one is asked for: only mining translations asks)."""
    found = _PHRASES.get(key)
    return frozenset(found.split("\t")) if found else frozenset()


def _phrases_source() -> dict[str, str]:
    """What the phrase lexicon keeps: each gloss key's headwords, joined by tabs (CC-CEDICT has none)."""
    return {key: "\t".join(dict.fromkeys(entry.simplified for entry in found))
            for key, found in english_index().items()}


def headword(chinese: str) -> DictionaryEntry | None:
    """The CC-CEDICT entry whose simplified headword is this whole word (never a word-by-word reading)."""
    return _as_entry(headword_glosses().get(chinese))


def referred(entry: DictionaryEntry) -> DictionaryEntry:
    """The entry an entry only refers to ('see 杭州市[Hang2zhou1 Shi4]' for 杭州), or the entry itself."""
    match = re.match(r"see (?:[^|\[\]/]+\|)?([^|\[\]/]+)\[", entry.glosses[0]) if len(entry.glosses) == 1 else None
    found = headword(match.group(1)) if match else None
    return found if found is not None else entry


def english_gloss(entry: DictionaryEntry) -> str:
    """The first real English gloss of an entry, without notes in brackets or Chinese ('' when none)."""
    from .scripts import has_han

    for gloss in entry.glosses:
        if not gloss or _CROSS_REFERENCE.match(gloss):
            continue
        text = _PARENTHESES.sub(" ", gloss).split(";")[0].split(",")[0]  # Europe (abbr. for 歐羅巴洲|欧罗巴洲…): Europe
        text = " ".join(text.split())
        if text.lower().startswith(("to ", "lit. ", "fig. ", "idiom")):
            continue  # a verb: not a term's English
        if text and not has_han(text):
            return text
    return ""


def _singular(key: str) -> str:
    """The key with a plural last word made singular (a light rule; the miner folds plurals the same way)."""
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return key


PLACE_READINGS_FILE = "cedict_place_readings.tsv.gz"


@functools.lru_cache(maxsize=1)
def place_readings() -> dict[str, str]:
    """Simplified headword of two or more characters → the numbered reading of its proper-noun entry: how a
    place name is read (朝阳 Chao2 yang2 the district, not zhao1 yang2 the morning sun; 长宁 Chang2 ning2, not
    zhang3). Read from a small file shipped beside CC-CEDICT and drawn from it (place_reading_lines), so that
    no run builds a cache for it (about 10 ms)."""
    data = resources.files("glossary").joinpath("data").joinpath(PLACE_READINGS_FILE).read_bytes()
    return dict(line.split("\t", 1) for line in gzip.decompress(data).decode("utf-8").splitlines())


def place_reading_lines() -> list[str]:
    """The lines of the place-readings file as the shipped CC-CEDICT gives them ('朝阳\tChao2 yang2'), sorted:
    each headword of two or more characters with its first proper-noun reading."""
    proper: dict[str, str] = {}
    for entry in entries():
        if len(entry.simplified) >= 2 and entry.is_proper_noun:
            proper.setdefault(entry.simplified, entry.reading)
    return [f"{word}\t{reading}" for word, reading in sorted(proper.items())]
