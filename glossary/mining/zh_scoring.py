"""Termhood of Chinese candidates: C-value over whole segments for noun-run terms, and how much more often
a candidate occurs here than in general Chinese (wordfreq's Chinese frequencies); names, titles, quoted
coinages and numeric jargon by their own evidence, on the same scale as the English scores."""

from __future__ import annotations

import functools
import math
from typing import Callable

from .occurrences import (
    CHINESE_KINDS, CHINESE_TERM, ZH_NUMERIC, ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_QUOTED, ZH_WORK,
)
from .scoring import c_value, nested_frequencies
from .tally import Tally


def segments_of(key: str, tally: Tally, split: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """The segments of a Chinese row: as the finder saw them (names keep theirs), else its key cut again."""
    kept = (tally.extra or {}).get("segments")
    return tuple(kept) if kept else split(key)

# Weight of each kind of Chinese name or pattern (how surely the pattern finds a term to translate).
KIND_WEIGHTS = {ZH_ORGANIZATION: 1.3, ZH_PERSON: 1.3, ZH_PRODUCT: 1.25, ZH_WORK: 1.2, ZH_NUMERIC: 1.25,
                ZH_QUOTED: 1.05, ZH_PLACE: 0.9}
# Above this Zipf frequency a Chinese word is everyday (手机 5.4, 网络 5.5; 算力 3.7, 座舱 3.0).
COMMON_ZIPF = 6.0
# How much rarer than its parts a compound of segments is taken to be, per extra segment (Zipf steps).
COMPOUND_STEP = 0.5
SEEN_ONCE_LONG = 0.4


# A word this common in general Chinese is an everyday one (员工 5.0, 业务 5.0; 座舱 3.0): no term alone, and
# with senses a dictionary gloss may miss.
EVERYDAY_ZIPF = 4.5


@functools.lru_cache(maxsize=200_000)
def general_zipf(word: str) -> float:
    """A word's Zipf frequency in general Chinese (0 when wordfreq does not list it)."""
    from ..dictionary import chinese_frequencies

    frequency = chinese_frequencies().get(word)
    return math.log10(frequency) + 9.0 if frequency else 0.0


def general_frequency(key: str, segments: tuple[str, ...]) -> float:
    """The Zipf frequency general Chinese has for a candidate: its own when listed, else its segments'
    (the rarest, made rarer per extra segment)."""
    whole = general_zipf(key)
    if len(segments) < 2:
        return whole
    parts = [general_zipf(segment) for segment in segments]
    # wordfreq lists some compounds at its floor (全体员工 1.3): the rarest part tells more
    return max(whole, min(parts) - COMPOUND_STEP * (len(segments) - 1))


class ChineseScorer:
    """Scores the Chinese rows of one mining run (C-value needs every noun term's count first)."""

    def __init__(self, tallies: dict[str, Tally], corpus_words: int,
                 split: Callable[[str], tuple[str, ...]]) -> None:
        self.corpus_words = max(1, corpus_words)
        self.segments: dict[str, tuple[str, ...]] = {}
        counts = {}
        for key, tally in tallies.items():  # every Chinese row: 纯血 seen only inside 纯血鸿蒙 is no term of its own
            if tally.kind in CHINESE_KINDS:
                segments = self.segments[key] = segments_of(key, tally, split)
                counts[" ".join(segments)] = tally.count
        self.nested = nested_frequencies(counts)

    def score(self, key: str, tally: Tally) -> float:
        """A raw score for a Chinese row, comparable to candidate_score's."""
        segments = self.segments.get(key) or (key,)
        frequency = tally.count
        spread = 1.0 + 0.25 * math.log2(max(1, tally.documents))
        general = general_frequency(key.replace(" ", ""), segments)
        specificity = max(0.0, min(1.0, (COMMON_ZIPF - general) / COMMON_ZIPF))
        if tally.kind != CHINESE_TERM:
            weight = KIND_WEIGHTS.get(tally.kind, 1.0)
            return (1.0 + math.log2(1 + frequency)) * (0.5 + specificity) * weight * spread
        phrase = " ".join(segments)
        unithood = math.log2(1 + c_value(phrase, frequency, self.nested.get(phrase)))
        overuse = 1.0
        if frequency >= 2:
            weirdness = math.log10(frequency / self.corpus_words) + 9.0 - (general or 1.0)
            overuse = (1.0 + max(0.0, weirdness)) ** 0.5
        single = 0.5 if len(segments) == 1 else 1.0
        # a run of three or more words seen once is more often a phrase than a term
        once = SEEN_ONCE_LONG if frequency == 1 and len(segments) >= 3 else 1.0
        return unithood * (0.15 + specificity) ** 1.5 * 2.0 * spread * overuse * single * once
