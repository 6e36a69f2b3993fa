"""Term matching: every glossary entry and variant found in text by one Aho-Corasick automaton.

The one matcher of glossary terms in text: the miner's known terms, term QA's source and target checks
and the concordance all use it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from itertools import compress, repeat
from operator import add, attrgetter, getitem, itemgetter
from typing import Callable, Iterable, NamedTuple, Sequence

from .scripts import has_han
from .schema import TermEntry


class KnownHit(NamedTuple):
    """A glossary form found in a text: where, which entry, and through which form (a named tuple: a document
    makes thousands, about three times quicker than a frozen dataclass)."""

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
                   texts: Iterable[str] | None = None, layout: Layout | None = None) -> KnownTerms:
        """The matcher of entries whose forms known_forms gave (as a cache keeps them; `entries` is kept as given;
        `layout`: see occurring)."""
        known = cls.__new__(cls)
        known.entries = entries
        known._compile(patterns, owners, texts, layout)
        return known

    def _compile(self, patterns: list[str], owners: Sequence[tuple[int, str]], texts: Iterable[str] | None,
                 layout: Layout | None = None) -> None:
        """Build the automaton of the folded forms; with `texts`, of those alone that can occur in them (find then
        answers as the whole automaton would, for those texts only: a form that occurs nowhere never matches)."""
        import ahocorasick_rs

        if texts is not None:
            kept = occurring(patterns, texts, layout)
            patterns, owners = [patterns[i] for i in kept], [owners[i] for i in kept]
        self._owners = list(owners)
        # worked out for a pattern when it is first met: a check meets a few of the patterns that may occur
        self._cjk = WorkedOut(lambda pattern: has_han(self._owners[pattern][1]))
        self._capitals = WorkedOut(lambda pattern: capitals(self._owners[pattern][1]))
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
            found += [KnownHit(start, end, *owners[pattern])
                      for pattern, start, end in automaton.find_matches_as_indexes(folded, overlapping=True)
                      if boundaries[start] and boundaries[end]]
        return _longest_first(found)

    def _split_forms(self) -> tuple:
        """For search on segment boundaries: an automaton of the Chinese forms that reports overlapping
        matches and their owners, and one of the other forms with their indexes among all patterns."""
        if self._han_automaton is None:
            import ahocorasick_rs

            cjk = [self._cjk[index] for index in range(len(self._patterns))]
            forms = [(folded, owner) for folded, owner, han in zip(self._patterns, self._owners, cjk) if han]
            automaton = (ahocorasick_rs.AhoCorasick([f for f, _ in forms], matchkind=ahocorasick_rs.MatchKind.Standard)
                         if forms else None)
            others = [(folded, index) for index, folded in enumerate(self._patterns) if not cjk[index]]
            latin = (ahocorasick_rs.AhoCorasick([f for f, _ in others], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
                     if others else None)
            self._han_automaton = (automaton, [owner for _, owner in forms], latin, [index for _, index in others])
        return self._han_automaton


class WorkedOut(dict):
    """Values worked out for a key (a pattern's or an entry's position) when first asked for."""

    def __init__(self, work_out: Callable[[int], object]) -> None:
        super().__init__()
        self.work_out = work_out

    def __missing__(self, key: int) -> object:
        value = self[key] = self.work_out(key)
        return value


def capitals(spelling: str) -> tuple[int, ...]:
    """Where a spelling has capitals: a match must have capitals there too."""
    if not any(map(str.isupper, spelling)):
        return ()  # (most spellings of a form that folds alike: looked over in C)
    return tuple(i for i, ch in enumerate(spelling) if ch.isupper())


_start = attrgetter("start")


def _longest_first(hits: list[KnownHit]) -> list[KnownHit]:
    """Overlapping hits resolved: the longest wins (then the leftmost); the rest in text order."""
    ordered = sorted(hits, key=_start)
    if all(before.end <= after.start for before, after in zip(ordered, ordered[1:])):
        return ordered  # no two overlap (most documents): nothing to resolve
    taken: list[KnownHit] = []
    covered = bytearray(max(hit.end for hit in hits))
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(covered[hit.start:hit.end]):
            covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            taken.append(hit)
    return sorted(taken, key=_start)


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
                folded = fold_case(spelling)
                owner = patterns.setdefault(folded, (index, spelling))
                if owner[0] == index and owner[1] != spelling and set(capitals(spelling)) < set(capitals(owner[1])):
                    patterns[folded] = (index, spelling)  # AITO and its variant Aito: Aito's capitals suffice
    return list(patterns), list(patterns.values())


def occurring(patterns: Sequence[str], texts: Iterable[str], layout: Layout | None = None) -> list[int]:
    """The positions of the patterns that may occur in the texts once folded: each piece of a pattern found in them.
    A pattern under six characters is a piece of itself; one under twelve has its first and last six; a longer one
    its twelve across the space nearest its middle (two words side by side), its first and last twelve and the twelve
    from every sixth. A pattern that occurs has all its pieces in the texts, so none that occurs is left out; each
    piece is tested over the patterns at the speed of C (map, compress). Patterns with Chinese characters are tested
    against the texts that have some, the others against all.
    `layout`: when the patterns are in layout_of's order, the layout it gave (a compiled glossary keeps both)."""
    if layout is None:
        order, layout = layout_of(patterns)
        return sorted(map(order.__getitem__, occurring([patterns[i] for i in order], texts, layout)))
    folded = [fold_case(text) for text in texts]
    latin_windows = layout.latin.end - layout.latin.mediums
    kept = _occurring_in(patterns, layout.latin, layout.windows[:latin_windows], "\n".join(folded))
    if layout.han.end > layout.han.start:
        kept += _occurring_in(patterns, layout.han, layout.windows[latin_windows:],
                              "\n".join(text for text in folded if has_han(text)))
    return kept


def _occurring_in(patterns: Sequence[str], block: Block, windows: Sequence[int], text: str) -> list[int]:
    """occurring for one block of the patterns (one script) and the text they may occur in (the texts joined by line
    breaks: across one, one more candidate at most). Where testing a kind of pattern would cost more than keeping
    them all in the automaton (a few patterns against much text), they are all kept."""
    # a stretch of up to twelve characters is the start of the twelve from where it starts (fewer at the end)
    twelves = set(map(text.__getitem__, map(slice, range(len(text)), range(_LONG, len(text) + _LONG))))
    affordable = len(twelves) // 12  # patterns that cost the automaton less than working out the sixes
    sixes: set[str] | None = None
    kept: list[int] = []
    if block.shorts - block.start <= affordable:
        kept += range(block.start, block.shorts)
    else:
        sixes = set(map(itemgetter(slice(0, _SHORT)), twelves))
        # a short pattern is in the text when it starts one of its sixes: the first one after it, sorted
        ordered = sorted(sixes) + ["\U0010ffff"]
        short = patterns[block.start:block.shorts]
        kept += compress(range(block.start, block.shorts),
                         map(str.startswith, map(ordered.__getitem__, map(bisect_left, repeat(ordered), short)), short))
    medium: Iterable[int] = range(block.shorts, block.mediums)
    if block.mediums - block.shorts > affordable:
        sixes = sixes if sixes is not None else set(map(itemgetter(slice(0, _SHORT)), twelves))
        for piece in (slice(0, _SHORT), slice(-_SHORT, None)):
            medium = list(compress(medium, map(sixes.__contains__, map(itemgetter(piece), map(patterns.__getitem__,
                                                                                                 medium)))))
    kept += medium
    middles = map(getitem, patterns[block.mediums:block.end], map(slice, windows, map(add, windows, repeat(_LONG))))
    by_length = list(compress(range(block.mediums, block.end), map(twelves.__contains__, middles)))
    by_length.sort(key=lambda position: len(patterns[position]))
    lengths = list(map(len, map(patterns.__getitem__, by_length)))
    for start in (0, None, *range(_LONG // 2, _LONG * _WINDOWS // 2, _LONG // 2)):  # None: the last twelve
        piece = slice(-_LONG, None) if start is None else slice(start, start + _LONG)
        long_enough = bisect_left(lengths, _LONG if start is None else start + _LONG)  # the others have no such piece
        found = list(map(twelves.__contains__, map(itemgetter(piece), map(patterns.__getitem__,
                                                                           by_length[long_enough:]))))
        by_length[long_enough:] = compress(by_length[long_enough:], found)
        lengths[long_enough:] = compress(lengths[long_enough:], found)
    return sorted(kept + by_length)


class Block(NamedTuple):
    """Where the patterns of one script lie in layout_of's order: from `start`, those under six characters, up to
    `shorts`; those under twelve, up to `mediums`; the longer ones, up to `end`."""

    start: int
    shorts: int
    mediums: int
    end: int


class Layout(NamedTuple):
    """Patterns in layout_of's order: those without Chinese characters (`latin`), then those with (`han`); `windows`:
    where each long one's middle twelve starts, in that order."""

    latin: Block
    han: Block
    windows: Sequence[int]


def layout_of(patterns: Sequence[str]) -> tuple[list[int], Layout]:
    """The order in which occurring reads the patterns (those without Chinese characters, then those with; in each,
    those under six characters, under twelve, the rest; each sorted) and their layout in that order."""
    kinds = [(has_han(pattern), min(len(pattern) // _SHORT, 2)) for pattern in patterns]
    order = sorted(range(len(patterns)), key=lambda position: (kinds[position], patterns[position]))
    counts = Counter(kinds)
    blocks, start = [], 0
    for han in (False, True):
        shorts = start + counts[(han, 0)]
        mediums = shorts + counts[(han, 1)]
        blocks.append(Block(start, shorts, mediums, mediums + counts[(han, 2)]))
        start = blocks[-1].end
    longs = [position for position in order if kinds[position][1] == 2]
    return order, Layout(*blocks, array("I", map(middle_window, map(patterns.__getitem__, longs))))


def middle_window(pattern: str) -> int:
    """Where the twelve characters around the space nearest a long pattern's middle start (its middle twelve when it
    has no space)."""
    middle = len(pattern) // 2
    spaces = [space for space in (pattern.rfind(" ", 0, middle + 1), pattern.find(" ", middle)) if space >= 0]
    space = min(spaces, key=lambda space: abs(space - middle)) if spaces else middle
    return min(max(space - _LONG // 2, 0), len(pattern) - _LONG)


_SHORT, _LONG, _WINDOWS = 6, 12, 6


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
