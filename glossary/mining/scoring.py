"""Termhood: how strongly a candidate looks like a term a translator must render consistently.

Multi-word terms are scored C-value style (a phrase's frequency minus that of longer candidates it is
nested in, weighted by length) and for specificity against general English (wordfreq: rare words make
terms). Names, quoted coinages and glossary terms have their own evidence.
"""

from __future__ import annotations

import math
from typing import Iterable

from ..english import STOPWORDS, zipf
from .candidates import ACRONYM, CHINESE_TERM, GENERATION, KNOWN, NAME, PINYIN, QUOTED, TERM

# Above this Zipf frequency a word is everyday English (e.g. 'company' 5.3, 'cloud' 4.5, 'ejection' 2.6).
COMMON_ZIPF = 6.0


def specificity(words: Iterable[str]) -> float:
    """0 (everyday English) … 1 (words general English hardly uses), averaged over content words."""
    values = [max(0.0, min(1.0, (COMMON_ZIPF - zipf(w)) / COMMON_ZIPF)) for w in words if w not in STOPWORDS]
    return sum(values) / len(values) if values else 0.0


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


def candidate_score(kind: str, key: str, frequency: int, documents: int, cvalue: float, words: int,
                    sentence_initial_share: float = 0.0) -> float:
    """A raw score: higher means more term-like. Comparable across kinds, unbounded above."""
    tokens = key.split()
    spec = specificity(tokens)
    spread = 1.0 + 0.25 * math.log2(max(1, documents))
    if kind == KNOWN:
        return (2.0 + math.log2(1 + frequency)) * (0.6 + spec) * spread
    if kind == QUOTED:
        return (1.5 + math.log2(1 + frequency)) * (0.8 + spec) * spread
    if kind == GENERATION:
        return (2.0 + math.log2(1 + frequency)) * spread
    if kind == NAME and len(tokens) == 1 and zipf(key) >= 4.8:
        return 0.0  # a capitalised everyday word (Chinese, Internet, President): not a name to translate
    if kind in (NAME, PINYIN, ACRONYM):
        shape_bonus = 1.2 if kind == PINYIN or words > 1 else 1.0
        initial_penalty = 1.0 - 0.6 * sentence_initial_share
        return (1.0 + math.log2(1 + frequency)) * (0.5 + spec) * shape_bonus * initial_penalty * spread
    if kind == CHINESE_TERM:
        return math.log2(1 + cvalue) * 0.8 * spread
    # TERM: unithood (C-value) × termhood (specificity against general English)
    return math.log2(1 + cvalue) * (0.15 + spec) ** 1.5 * 2.0 * spread
