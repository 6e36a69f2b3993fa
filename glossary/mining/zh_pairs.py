"""A term written in both scripts at once — Tongyi Qianwen (通义千问), 通义千问（Tongyi Qianwen）— is one row:
the Chinese candidate takes over the English one, and its English is the one the text gives ('in text')."""

from __future__ import annotations

from .occurrences import KNOWN, ZH_NAME, term_key
from .tally import Tally


def merge_pairs(tallies: dict[str, Tally], pairs: dict[str, str]) -> None:
    """Fold the English side of each pair into its Chinese row (its mentions written in the pair are the
    Chinese row's own, so only the others are added); a known side stays the glossary's."""
    for chinese_key, english in pairs.items():
        chinese = tallies.get(chinese_key)
        if chinese is None or chinese.kind == KNOWN:
            continue
        if chinese.extra is None:
            chinese.extra = {}
        chinese.extra["english_in_text"] = english
        english_key = term_key(english.split())
        other = tallies.get(english_key)
        if other is None or other.kind == KNOWN or english_key == chinese_key:
            continue
        del tallies[english_key]
        chinese.absorb(other, max(0, other.count - chinese.kinds.get(ZH_NAME, 0)))
