"""The Chinese side of the miner's first stage: a document's Chinese segmented once, and which documents
are read as Chinese (`--lang en|zh|auto`).

The segmenter reads a simplified copy of the text (OpenCC t2s keeps the length; full-width Latin letters and
digits folded to ASCII), so every offset it gives is an offset into the document as written.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..scripts import HAN_CLASS, has_han

if TYPE_CHECKING:
    from ..schema import TermEntry
    from ..segmenter import Segmentation, Segmenter

LANGUAGES = ("auto", "en", "zh")
# Letters are counted by runs (one match per run, not per character: about five times quicker).
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
_KANA_RUN = re.compile("[\u3040-\u30ff]+")
_LATIN_RUN = re.compile("[A-Za-z]+")
# A document is Chinese when at least this share of its letters (Han and Latin letters) are Chinese
# characters: an English article with a few names in brackets stays English, a Chinese one quoting
# English names is Chinese (a Chinese word is about two characters, an English one about five letters).
CHINESE_SHARE = 0.3
# Kana among the CJK characters this often means Japanese, which the Chinese segmenter would cut wrong.
KANA_SHARE = 0.1
# Full-width ASCII (Ａ–ｚ, ０–９…) folded to ASCII for the segmenter; the same length, offsets unchanged.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HAN_MASK = "、"  # what Chinese characters become for the word tokeniser: not a word, not a space
_ALL_HAN = re.compile(f"^[{HAN_CLASS}]+$")
# Segments of these kinds are never part of a word put back together (numbers, adverbs, prepositions,
# conjunctions, particles, pronouns, localisers, measure words, punctuation, Latin words).
_NO_JOIN_TAGS = frozenset({"m", "mq", "d", "p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "f", "q", "x",
                           "eng", "y", "e", "o"})
LOOKUPS_BY_WORD = 2_000  # segments in a text past which the dictionary's headwords are read whole
_NOUN_TAGS = frozenset({"n", "nz", "nr", "ns", "nt", "nrt", "j", "vn", "an", "ng", "nl", "l"})


@dataclass(slots=True)
class SegmentedText:
    """A document's text as the Chinese finders read it: the simplified copy that was segmented, its
    segments, and the offsets where segments start or end."""

    simplified: str
    segments: "Segmentation"
    boundaries: bytearray
    primary: bool  # the document is Chinese (not an English one with some Chinese in it)
    traditional: bool  # written (at least partly) in traditional characters
    categories: list[str] = field(default_factory=list)  # the glossary category of each entry index
    # filled by the Chinese finders on their first sentence of the document (finders/chinese.py)
    units: dict | None = None  # sentence span → its units
    organizations: dict = field(default_factory=dict)  # sentence span → (first, last) of its organisation names
    people: set[str] = field(default_factory=set)  # names a title or a verb of saying shows to be people's
    named: dict[str, str] = field(default_factory=dict)  # names the document gave (星河智能, 通义千问) → their kind
    _prefixes: tuple[int, frozenset[str]] = (0, frozenset())

    def name_prefixes(self) -> frozenset[str]:
        """Every prefix of the names in `named` (a run of units that is none starts no name)."""
        if self._prefixes[0] != len(self.named):
            self._prefixes = (len(self.named), frozenset(name[:size] for name in self.named
                                                         for size in range(1, len(name) + 1)))
        return self._prefixes[1]


# Language is told from a document's first characters (enough to tell, and cheap on long documents).
SAMPLE_CHARS = 20_000


def looks_chinese(text: str) -> bool:
    """True when a text is mostly Chinese: Chinese characters are a good share of its letters, kana rare."""
    return _looks(text) == "zh"


def looks_japanese(text: str) -> bool:
    """True when kana are frequent beside the Chinese characters (Japanese, which the segmenter would cut wrong)."""
    return _looks(text) == "ja"


def _looks(text: str) -> str:
    """'ja' for a text whose first characters have kana frequent beside their Chinese characters, 'zh' for one
    mostly Chinese, else ''."""
    sample = text[:SAMPLE_CHARS]
    han = _letters(_HAN_RUN, sample)
    if _KANA_RUN.search(sample) and _letters(_KANA_RUN, sample) >= KANA_SHARE * han:
        return "ja"
    return "zh" if han and han >= CHINESE_SHARE * (han + _letters(_LATIN_RUN, sample)) else ""


def _letters(runs: re.Pattern, text: str) -> int:
    """How many characters of the text the pattern's runs cover."""
    return sum(map(len, runs.findall(text)))


def _simplified(folded: str) -> str:
    """A text (full-width letters already folded to ASCII) in simplified characters, character for character."""
    from ..chinese import to_simplified

    converted = to_simplified(folded)
    if len(converted) == len(folded):
        return converted
    # a phrase conversion changed the length: convert character by character, which keeps it
    return "".join(to_simplified(ch) if has_han(ch) else ch for ch in folded)


def word_text(text: str) -> str:
    """The text with its Chinese characters masked, for the word tokeniser (运行Mate 70手机 → Mate, 70)."""
    return _HAN_RUN.sub(_masked, text)


def _masked(run: re.Match) -> str:
    """A run of Chinese characters as as many masks."""
    return _HAN_MASK * (run.end() - run.start())


class ChineseReader:
    """Segments the Chinese of documents for one glossary (its Chinese forms as user words, so known terms
    stay whole); the segmenter is made on the first document that needs it."""

    def __init__(self, entries: "list[TermEntry]", language: str = "auto",
                 on_warning: "Callable[[str], None] | None" = None) -> None:
        if language not in LANGUAGES:
            from ..errors import GlossaryError

            raise GlossaryError(f"unknown language {language!r} (expected {', '.join(LANGUAGES)})")
        self.language = language
        self._on_warning = on_warning
        self._entries = entries
        self._categories = [entry.category for entry in entries]
        self._segmenter: "Segmenter | None" = None
        self._user_words: frozenset[str] = frozenset()  # the forms the segmenter was given (segmenter())
        self._splits: dict[str, tuple[str, ...]] = {}
        self.chinese_words = 0  # segments of Chinese read so far: the corpus size Chinese termhood compares with

    def read(self, text: str, name: str = "") -> SegmentedText | None:
        """The document's Chinese segmented, or None when it holds none or is to be read as English (a
        Chinese document read as English under --lang en gets a one-line warning)."""
        if not has_han(text):
            return None
        if self.language == "en":
            if self._on_warning is not None and looks_chinese(text):
                self._on_warning(f"{name or 'a document'} looks Chinese but is mined as English (--lang en)")
            return None
        looks = _looks(text)
        if self.language == "auto" and looks == "ja":
            return None  # left to the glossary's forms, matched as before
        primary = self.language == "zh" or looks == "zh"
        folded = text.translate(_FULL_WIDTH)
        simplified = _simplified(folded)
        segments = self.segment(simplified)
        tags = segments.tags  # Chinese words: all but punctuation, Latin words and numbers
        self.chinese_words += len(tags) - tags.count("x") - tags.count("eng") - tags.count("m")
        return SegmentedText(simplified, segments, segments.boundaries(), primary,
                             traditional=simplified != folded, categories=self._categories)

    def split(self, text: str) -> tuple[str, ...]:
        """The words of a (simplified) term, cut as the documents were (kept: scoring and rows ask twice)."""
        words = self._splits.get(text)
        if words is None:
            if len(self._splits) > 200_000:
                self._splits.clear()
            words = self._splits[text] = tuple(self.segment(text).words)
        return words

    def segment(self, simplified: str) -> "Segmentation":
        """The segments of a simplified text, words the segmenter cut in two put back together (rejoined)."""
        return rejoined(self.segmenter().segment(simplified), self._user_words)

    def segmenter(self) -> "Segmenter":
        """The segmenter, with the glossary's Chinese forms (simplified) as user words."""
        if self._segmenter is None:
            from ..segmenter import Segmenter

            words = glossary_words(self._entries)
            self._user_words = frozenset(word for word, _ in words)
            self._segmenter = Segmenter(words)
        return self._segmenter


def glossary_words(entries: "list[TermEntry]") -> list[tuple[str, str]]:
    """(word, tag) for every Chinese form of the glossary, in simplified characters."""
    from ..chinese import to_simplified
    from ..segmenter import CATEGORY_TAGS

    words: dict[str, str] = {}
    for entry in entries:
        tag = CATEGORY_TAGS.get(entry.category, "n")
        for form in entry.chinese_forms():
            if has_han(form):
                words.setdefault(to_simplified(form), tag)
    return list(words.items())


def rejoined(segments: "Segmentation", user_words: frozenset[str]) -> "Segmentation":
    """The segments with the four-character words the segmenter cut in two put back together (末位 + 淘汰,
    群体 + 免疫, 大赦 + 国际): two segments of two Chinese characters whose joined form is a CC-CEDICT
    headword, where one of them is no noun (noun runs already make terms of nouns side by side) and neither
    is a number, a function word or a glossary form. The joined word is tagged as a noun (a proper noun when
    CC-CEDICT reads it so)."""
    from ..dictionary import all_headwords, headword, is_headword
    from ..segmenter import Segmentation

    words, tags = segments.words, segments.tags
    if len(words) > LOOKUPS_BY_WORD:  # a long text: every pair of segments looked up at once, in C
        known = all_headwords()
        pairs = [first for first, word in enumerate(map(operator.add, words, words[1:])) if word in known]
    else:
        pairs = range(len(words) - 1)
    joins: list[int] = []
    for first in pairs:
        left, right = words[first], words[first + 1]
        left_tag, right_tag = tags[first], tags[first + 1]
        if len(left) != 2 or len(right) != 2 or left_tag in _NO_JOIN_TAGS or right_tag in _NO_JOIN_TAGS:
            continue
        if (left_tag in _NOUN_TAGS and right_tag in _NOUN_TAGS) or (joins and joins[-1] == first - 1):
            continue
        word = left + right
        if left not in user_words and right not in user_words and is_headword(word) and _ALL_HAN.match(word):
            joins.append(first)
    if not joins:
        return segments
    new_words, new_tags, start = [], [], 0
    for first in joins:
        word = words[first] + words[first + 1]
        found = headword(word)
        new_words += words[start:first] + [word]
        new_tags += tags[start:first] + ["nz" if found is not None and found.is_proper_noun else "n"]
        start = first + 2
    new_words += words[start:]
    new_tags += tags[start:]
    starts = [0]
    starts.extend(itertools.accumulate(map(len, new_words)))
    return Segmentation(new_words, new_tags, starts)
