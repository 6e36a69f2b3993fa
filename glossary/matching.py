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
    English forms match on word boundaries; Chinese forms match anywhere (Chinese has no spaces), or, when
    find() is given a segmentation's boundaries (the miner's mode), only where a segment starts and ends.
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
        self._patterns = patterns
        self._han_automaton: tuple | None = None  # built on the first search on segment boundaries

    def __len__(self) -> int:
        return len(self._owners)

    def find(self, text: str, boundaries: bytes | None = None) -> list[KnownHit]:
        """Every glossary form in the text, longest first where forms overlap, in text order.

        With `boundaries` (one byte per offset, non-zero where a segment of the text starts or ends), a
        Chinese form matches only from a boundary to a boundary (常务董事 holds no 董事), and a Latin form
        beside Chinese characters (618大促) may end at one."""
        if self._automaton is None:
            return []
        if boundaries is not None:
            return self._find_on_boundaries(text, boundaries)
        hits = []
        append, owners, cjk, capitals = hits.append, self._owners, self._cjk, self._capitals
        for pattern, start, end in self._automaton.find_matches_as_indexes(fold_case(text), overlapping=False):
            if cjk[pattern] or (_on_word_boundaries(text, start, end) and (
                    not capitals[pattern] or all(text[start + i].isupper() for i in capitals[pattern]))):
                entry, spelling = owners[pattern]
                append(KnownHit(start, end, entry, spelling))
        return hits

    def _find_on_boundaries(self, text: str, boundaries: bytes) -> list[KnownHit]:
        """find() on segment boundaries: Latin forms as usual, Chinese forms on boundaries, longest first."""
        folded = fold_case(text)
        found = []
        automaton, owners, latin, latin_owners = self._split_forms()
        if latin is not None:
            for pattern, start, end in latin.find_matches_as_indexes(folded, overlapping=False):
                index = latin_owners[pattern]
                if not all(text[start + i].isupper() for i in self._capitals[index]):
                    continue
                if _on_word_boundaries(text, start, end) or _beside_han_on_boundaries(text, start, end, boundaries):
                    entry, spelling = self._owners[index]
                    found.append(KnownHit(start, end, entry, spelling))
        if automaton is not None and has_han(text):
            for pattern, start, end in automaton.find_matches_as_indexes(folded, overlapping=True):
                if boundaries[start] and boundaries[end]:
                    entry, spelling = owners[pattern]
                    found.append(KnownHit(start, end, entry, spelling))
        return _longest_first(found)

    def _split_forms(self) -> tuple:
        """For search on segment boundaries: an automaton of the Chinese forms that reports overlapping
        matches and their owners, and one of the other forms with their indexes among all patterns."""
        if self._han_automaton is None:
            import ahocorasick_rs

            forms = [(folded, owner) for folded, owner, cjk in zip(self._patterns, self._owners, self._cjk) if cjk]
            automaton = (ahocorasick_rs.AhoCorasick([f for f, _ in forms], matchkind=ahocorasick_rs.MatchKind.Standard)
                         if forms else None)
            others = [(folded, index) for index, folded in enumerate(self._patterns) if not self._cjk[index]]
            latin = (ahocorasick_rs.AhoCorasick([f for f, _ in others], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
                     if others else None)
            self._han_automaton = (automaton, [owner for _, owner in forms], latin, [index for _, index in others])
        return self._han_automaton


def _longest_first(hits: list[KnownHit]) -> list[KnownHit]:
    """Overlapping hits resolved: the longest wins (then the leftmost); the rest in text order."""
    taken: list[KnownHit] = []
    covered = bytearray(max((hit.end for hit in hits), default=0))
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(covered[hit.start:hit.end]):
            covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


def _beside_han_on_boundaries(text: str, start: int, end: int, boundaries: bytes) -> bool:
    """A Latin or numeric form (618, Meta) written against Chinese characters, on segment boundaries."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if not (has_han(before) or has_han(after)) or not (boundaries[start] and boundaries[end]):
        return False
    return not ((before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()))


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
