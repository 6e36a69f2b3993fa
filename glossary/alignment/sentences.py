"""Sentence alignment of two documents that translate each other: Gale–Church (lengths in characters, the
Chinese/English ratio of the pair itself), anchored by word pairs both sentences hold (CC-CEDICT renderings,
numbers and Latin tokens kept alike). Deterministic dynamic programming in a band around the diagonal."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .lexicon import dictionary_renderings
from .tokens import chinese_words, english_words

# Bead kinds (English sentences, Chinese sentences) and their prior probabilities (Gale & Church 1993).
BEADS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
VARIANCE = 6.8
ANCHOR_WEIGHT = 6.0  # how much a bead whose words all have their translation on the other side is preferred
MIN_BEAD_SCORE = 0.12  # a bead below this (no anchor, lengths far apart) is not a translation pair


@dataclass(frozen=True)
class Bead:
    """English sentences [en_start, en_end) aligned with Chinese sentences [zh_start, zh_end), and how surely."""

    en_start: int
    en_end: int
    zh_start: int
    zh_end: int
    score: float  # 0 … 1: the share of English anchor words found on the Chinese side, lengths weighed in


def _anchors(sentence: str) -> list[frozenset[str]]:
    """The English sentence's content words as sets of what they may be written as in Chinese (themselves
    for numbers and Latin tokens, their dictionary renderings otherwise)."""
    words = []
    for word in english_words(sentence):
        if not word.is_content:
            continue
        forms = {word.key} if any(ch.isdigit() for ch in word.key) or word.text.isupper() else set()
        forms |= dictionary_renderings(word.text)
        if forms:
            words.append(frozenset(forms))
    return words


def align_sentences(english: Sequence[str], chinese: Sequence[str]) -> list[Bead]:
    """The beads of the best alignment of two lists of sentences, in order (1-0 and 0-1 beads included)."""
    n, m = len(english), len(chinese)
    if not n or not m:
        return []
    en_lengths = [max(1, len(s)) for s in english]
    zh_lengths = [max(1, len(s)) for s in chinese]
    ratio = sum(zh_lengths) / sum(en_lengths)
    en_anchors = [_anchors(s) for s in english]
    zh_words = [_written(s) for s in chinese]
    band = 15 + max(n, m) // 15

    hits: dict[tuple[int, int], int] = {}

    def hit(i: int, j: int) -> int:
        """How many anchor words of English sentence i are written in Chinese sentence j (computed once)."""
        key = (i, j)
        if key not in hits:
            hits[key] = sum(1 for forms in en_anchors[i] if not forms.isdisjoint(zh_words[j]))
        return hits[key]

    def bead_cost(i: int, j: int, di: int, dj: int) -> tuple[float, float]:
        """(cost, score) of the bead of English [i-di, i) with Chinese [j-dj, j)."""
        prior = -math.log(BEADS[(di, dj)])
        if not di or not dj:
            return prior + 4.0, 0.0
        l1 = sum(en_lengths[i - di:i])
        l2 = sum(zh_lengths[j - dj:j])
        delta = (l2 - l1 * ratio) / math.sqrt(l1 * ratio * VARIANCE)
        length_cost = delta * delta / 2
        anchors = sum(len(en_anchors[k]) for k in range(i - di, i))
        matched = sum(hit(k, h) for k in range(i - di, i) for h in range(j - dj, j))
        share = min(1.0, matched / anchors) if anchors else 0.0
        score = share * math.exp(-length_cost / 8) if anchors else math.exp(-length_cost)
        return prior + length_cost - ANCHOR_WEIGHT * share, score

    infinity = float("inf")
    cost = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        low = max(0, i * m // n - band)
        high = min(m, i * m // n + band)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            best, choice = infinity, None
            for di, dj in BEADS:
                previous = cost.get((i - di, j - dj))
                if previous is None or i - di < 0 or j - dj < 0:
                    continue
                step, score = bead_cost(i, j, di, dj)
                if previous + step < best:
                    best, choice = previous + step, (di, dj, score)
            if choice is not None:
                cost[(i, j)] = best
                back[(i, j)] = choice
    beads: list[Bead] = []
    i, j = n, m
    if (i, j) not in back:
        return [Bead(0, n, 0, m, 0.0)]
    while i > 0 or j > 0:
        di, dj, score = back[(i, j)]
        beads.append(Bead(i - di, i, j - dj, j, round(score, 4)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def anchor_share(english: str, chinese: str) -> float | None:
    """The share of an English sentence's anchor words (content words CC-CEDICT knows, numbers, acronyms) that
    the Chinese sentence writes; None when the English sentence has none. Pairs that translate each other share
    many; an unrelated pair few."""
    anchors = _anchors(english)
    if not anchors:
        return None
    written = _written(chinese)
    return sum(1 for forms in anchors if not forms.isdisjoint(written)) / len(anchors)


def _written(sentence: str) -> frozenset[str]:
    """What a Chinese sentence holds that an anchor can be: its words (Latin ones in lower case) and every run
    of two to six characters."""
    lowered = sentence.lower()
    runs = {lowered[i:i + size] for size in range(2, 7) for i in range(len(lowered) - size + 1)}
    return frozenset(runs | {w.key for w in chinese_words(sentence)})
