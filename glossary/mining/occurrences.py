"""What the miner's finders report: one occurrence of a candidate term, of one kind, at one place."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..english import singular

# Kinds of occurrence, also the miner's internal record of why a row exists.
KNOWN, NAME, PINYIN, QUOTED, TERM, ACRONYM, GENERATION, CHINESE_TERM = (
    "known", "name", "pinyin", "quoted", "term", "acronym", "generation", "chinese",
)
# Chinese kinds (finders/zh_*.py): CHINESE_TERM above is the noun-run term; a PAIR occurrence links an
# English candidate to the Chinese written beside it in brackets (finders/pairs.py) and is no mention itself.
ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_WORK, ZH_NUMERIC, ZH_QUOTED, ZH_NAME, PAIR = (
    "zh-organization", "zh-person", "zh-place", "zh-product", "zh-work", "zh-numeric", "zh-quoted", "zh-name", "pair",
)
CHINESE_KINDS = frozenset({CHINESE_TERM, ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_WORK, ZH_NUMERIC,
                           ZH_QUOTED, ZH_NAME})


@dataclass(slots=True)
class Occurrence:
    """One place a candidate term occurs."""

    kind: str
    key: str  # what groups occurrences into one row (lower case, singular; or 'entry:N' for known terms)
    display: str  # the surface form
    start: int  # offset in the document
    sentence: tuple[int, int]
    words: int = 1
    sentence_initial: bool = False
    entry: int | None = None
    link: str = ""  # for acronyms: the long form's key; for generations: the canonical 'post-85s' form
    extra: dict | None = None


@functools.lru_cache(maxsize=None)
def known_key(entry: int) -> str:
    """The grouping key of a glossary entry's occurrences."""
    return f"entry:{entry}"


def term_key(words: list[str]) -> str:
    """Grouping key of a word sequence: lower case, last word singular."""
    return singular(" ".join(w.lower() for w in words))


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps one of the spans."""
    return any(start < span_end and end > span_start for span_start, span_end in spans)
