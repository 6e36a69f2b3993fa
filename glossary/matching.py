"""Term matching: every glossary entry and variant found in text by one Aho-Corasick automaton.

The one matcher of glossary terms in text: the miner's known terms, term QA's source and target checks
and the concordance all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .scripts import has_han
from .schema import TermEntry


@dataclass(frozen=True)
class KnownHit:
    """A glossary form found in a text: where, which entry, and through which form."""

    start: int
    end: int
    entry: int  # index into the matcher's entries
    form: str


def fold_case(text: str) -> str:
    """Lower case that keeps every character in place (so offsets in the folded text fit the original)."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)


def _plural_forms(form: str) -> list[str]:
    """English plural spellings of a form's last word (company → companies, group → groups)."""
    if not form[-1:].isalpha() or has_han(form):
        return []
    if form.endswith("y") and len(form) > 2 and form[-2] not in "aeiou":
        return [form[:-1] + "ies"]
    if form.endswith(("s", "x", "z", "ch", "sh")):
        return [form + "es"]
    return [form + "s"]


class KnownTerms:
    """Finds every English form (term, variants, their plurals) and Chinese form of a glossary's entries.

    Case: a form written in lower case matches any case; a form with capitals (Apple, MOST, iQiyi) matches
    only where the text has capitals at least in the same places (ALIBABA and Alibaba fit Alibaba), so
    'apple' or 'most' do not match.
    English forms match on word boundaries; Chinese forms match anywhere (Chinese has no spaces).
    """

    def __init__(self, entries: Sequence[TermEntry], texts: Iterable[str] | None = None) -> None:
        self.entries = list(entries)
        self._compile(*known_forms(self.entries), texts)

    @classmethod
    def from_forms(cls, entries: Sequence[TermEntry], patterns: list[str], owners: Sequence[tuple[int, str]],
                   texts: Iterable[str] | None = None) -> KnownTerms:
        """The matcher of entries whose forms known_forms gave (as a cache keeps them; `entries` is kept as given)."""
        known = cls.__new__(cls)
        known.entries = entries
        known._compile(patterns, owners, texts)
        return known

    def _compile(self, patterns: list[str], owners: Sequence[tuple[int, str]], texts: Iterable[str] | None) -> None:
        """Build the automaton of the folded forms; with `texts`, of those alone that can occur in them (find then
        answers as the whole automaton would, for those texts only: a form that occurs nowhere never matches)."""
        import ahocorasick_rs

        if texts is not None:
            kept = occurring(patterns, texts)
            patterns, owners = [patterns[i] for i in kept], [owners[i] for i in kept]
        self._owners = list(owners)
        self._cjk = [has_han(spelling) for _, spelling in self._owners]
        self._capitals = [tuple(i for i, ch in enumerate(spelling) if ch.isupper()) for _, spelling in self._owners]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if patterns else None
        )

    def __len__(self) -> int:
        return len(self._owners)

    def find(self, text: str) -> list[KnownHit]:
        """Every glossary form in the text, longest first where forms overlap, in text order."""
        if self._automaton is None:
            return []
        hits = []
        for pattern, start, end in self._automaton.find_matches_as_indexes(fold_case(text), overlapping=False):
            entry, spelling = self._owners[pattern]
            if self._cjk[pattern] or (_on_word_boundaries(text, start, end)
                                      and all(text[start + i].isupper() for i in self._capitals[pattern])):
                hits.append(KnownHit(start, end, entry, spelling))
        return hits


def known_forms(entries: Sequence[TermEntry]) -> tuple[list[str], list[tuple[int, str]]]:
    """The automaton's inputs: each folded form of the entries (English forms, their plurals, Chinese forms), and
    the entry and spelling it stands for (of forms that fold alike, the best status's first)."""
    patterns: dict[str, tuple[int, str]] = {}
    status_rank = {"approved": 0, "proposed": 1, "deprecated": 2, "forbidden": 3}
    for index in sorted(range(len(entries)), key=lambda i: status_rank.get(entries[i].status, 9)):
        entry = entries[index]
        for form in entry.english_forms() + entry.chinese_forms():
            for spelling in [form] + _plural_forms(form):
                patterns.setdefault(fold_case(spelling), (index, spelling))
    return list(patterns), list(patterns.values())


def occurring(patterns: Sequence[str], texts: Iterable[str]) -> list[int]:
    """The positions of the patterns that may occur in the texts once folded: each of up to six characters found
    in them; of a longer one, its first, middle and last six characters found in them."""
    text = "\n".join(fold_case(text) for text in texts)  # across a line break: one more candidate at most
    grams = set(text)
    for size in range(2, _GRAM + 1):
        grams.update([text[i:i + size] for i in range(len(text) - size + 1)])
    kept = []
    for position, pattern in enumerate(patterns):
        size = len(pattern)
        if pattern in grams if size <= _GRAM else (
                pattern[:_GRAM] in grams and pattern[-_GRAM:] in grams
                and pattern[size // 2 - _GRAM // 2:size // 2 + _GRAM // 2] in grams):
            kept.append(position)
    return kept


_GRAM = 6


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when the match is not part of a longer word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before == "_" or after.isalnum() or after == "_":
        return False
    # a full stop inside a word (996.ICU, JD.com) joins, it does not separate
    if after == "." and text[end + 1:end + 2].isalnum():
        return False
    return not (before == "." and start > 1 and text[start - 2].isalnum())
