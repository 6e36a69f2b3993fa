"""Termhood: how strongly a candidate looks like a term a translator must render consistently.

Multi-word terms are scored C-value style (a phrase's frequency minus that of longer candidates it is
nested in, weighted by length) and for specificity against general English (wordfreq: rare words make
terms). Names, quoted coinages and glossary terms have their own evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from ..english import STOPWORDS, zipf
from .occurrences import ACRONYM, CHINESE_TERM, GENERATION, KNOWN, NAME, PINYIN, QUOTED, TERM

# Above this Zipf frequency a word is everyday English (e.g. 'company' 5.3, 'cloud' 4.5, 'ejection' 2.6).
COMMON_ZIPF = 6.0


def specificity(words: Iterable[str]) -> float:
    """0 (everyday English) … 1 (words general English hardly uses), averaged over content words."""
    values = [_word_specificity(w) for w in words if w not in STOPWORDS]
    return sum(values) / len(values) if values else 0.0


def _word_specificity(word: str) -> float:
    """One word's specificity; a hyphenated compound general English lacks counts by its parts."""
    value = max(0.0, min(1.0, (COMMON_ZIPF - zipf(word)) / COMMON_ZIPF))
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1 and zipf(word) == 0.0:
        return sum(_word_specificity(p) for p in parts) / len(parts)
    return value


def nested_frequencies(frequencies: dict[str, int]) -> dict[str, tuple[int, int]]:
    """For each phrase: (summed frequency, number) of longer candidate phrases that contain it."""
    nested: dict[str, list[int]] = {}
    for phrase, count in frequencies.items():
        words = phrase.split()
        for size in range(1, len(words)):
            for first in range(0, len(words) - size + 1):
                inner = " ".join(words[first:first + size])
                if inner in frequencies:
                    total = nested.setdefault(inner, [0, 0])
                    total[0] += count
                    total[1] += 1
    return {phrase: (total[0], total[1]) for phrase, total in nested.items()}


def c_value(phrase: str, frequency: int, nested: tuple[int, int] | None) -> float:
    """C-value: log2(1 + words) × (frequency − mean frequency of the longer candidates containing it)."""
    length_weight = math.log2(1 + len(phrase.split()))
    if nested and nested[1]:
        return length_weight * max(0.0, frequency - nested[0] / nested[1])
    return length_weight * frequency


def readable(key: str) -> bool:
    """Whether a key is made of words worth showing: two Latin letters at least, or Chinese; no Greek/maths."""
    if any(0x370 <= ord(ch) <= 0x3FF or 0x2200 <= ord(ch) <= 0x22FF for ch in key):
        return False
    return sum(ch.isalpha() for ch in key) >= 2


@dataclass(frozen=True)
class Evidence:
    """What the corpus says about one candidate."""

    kind: str
    key: str
    frequency: int
    documents: int
    c_value: float = 0.0
    words: int = 1
    sentence_initial_share: float = 0.0
    quoted: bool = False
    corpus_words: int = 0

    @property
    def specificity(self) -> float:
        """How unusual the words are in general English (0–1)."""
        return specificity(self.key.split())

    @property
    def weirdness(self) -> float:
        """log10 of (relative frequency here ÷ frequency in general English); > 0 when the corpus overuses it."""
        content = [w for w in self.key.split() if w not in STOPWORDS]
        if not content or not self.corpus_words:
            return 0.0
        general = sum(zipf(w) or 1.0 for w in content) / len(content)
        return math.log10(self.frequency / self.corpus_words) + 9.0 - general


def candidate_score(evidence: Evidence) -> float:
    """A raw score: higher means more term-like. Comparable across kinds, unbounded above."""
    kind, key, frequency = evidence.kind, evidence.key, evidence.frequency
    if kind != KNOWN and not readable(key):
        return 0.0
    spec = evidence.specificity
    spread = 1.0 + 0.25 * math.log2(max(1, evidence.documents))
    quote_bonus = 1.3 if evidence.quoted else 1.0
    if kind == KNOWN:
        return (2.0 + math.log2(1 + frequency)) * (0.6 + spec) * spread
    if kind == QUOTED:
        return (1.5 + math.log2(1 + frequency)) * (0.8 + spec) * spread
    if kind == GENERATION:
        return (2.0 + math.log2(1 + frequency)) * spread
    if kind == NAME and evidence.words == 1 and zipf(key) >= 4.8:
        return 0.0  # a capitalised everyday word (Chinese, Internet, President): not a name to translate
    if kind in (NAME, PINYIN, ACRONYM):
        shape_bonus = 1.2 if kind == PINYIN or evidence.words > 1 else 1.0
        initial_penalty = 1.0 - 0.6 * evidence.sentence_initial_share
        return (1.0 + math.log2(1 + frequency)) * (0.5 + spec) * shape_bonus * initial_penalty * spread * quote_bonus
    unithood = math.log2(1 + evidence.c_value)
    if kind == CHINESE_TERM:
        return unithood * 0.8 * spread
    # TERM: unithood (C-value) × termhood (rare in general English, and overused in this corpus)
    # overuse needs repetition: in a short text every rare word seen once would look overused
    overuse = (1.0 + max(0.0, evidence.weirdness)) ** 0.5 if frequency >= 2 else 1.0
    single_word = 0.5 if evidence.words == 1 else 1.0  # one ordinary word is less often a term than a phrase
    factor, _ = generality_penalty(evidence)
    return unithood * (0.15 + spec) ** 1.5 * 2.0 * spread * quote_bonus * overuse * single_word * factor


# A corpus this large (in words) can show that it overuses a common word; a news article cannot.
DOMAIN_CORPUS_WORDS = 20_000
COMMON_WORD_ZIPF = 4.3  # company 5.3, employees 4.6, merchants 3.9, turbine 3.6
COMMON_PHRASE_ZIPF = 3.5


def generality_penalty(evidence: Evidence) -> tuple[float, str]:
    """How much a domain-term candidate is held back for being general English, and why ('' if not):
    an everyday word (company, million), or a phrase seen once whose every word is everyday English
    (tough competition, layers of approval), unless a corpus large enough to tell shows it overused."""
    if evidence.kind != TERM:
        return 1.0, ""
    content = [w for w in evidence.key.split() if w not in STOPWORDS]
    if not content:
        return 1.0, ""
    rarest = min(zipf(w) for w in content)
    domain = evidence.corpus_words >= DOMAIN_CORPUS_WORDS and evidence.weirdness >= 2.0
    if evidence.words == 1 and rarest >= COMMON_WORD_ZIPF and not domain:
        return 0.3, f"an everyday English word (Zipf {rarest:.1f})"
    if evidence.words > 1 and evidence.frequency == 1 and rarest >= COMMON_PHRASE_ZIPF:
        factor = 0.4 if " of " in f" {evidence.key} " else 0.6
        return factor, f"seen once, every word everyday English (rarest Zipf {rarest:.1f})"
    return 1.0, ""
