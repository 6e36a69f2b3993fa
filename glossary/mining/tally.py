"""The miner's third stage: what is known about one candidate so far, across occurrences and documents."""

from __future__ import annotations

from dataclasses import dataclass

from .occurrences import (
    ACRONYM, CHINESE_KINDS, CHINESE_TERM, GENERATION, KNOWN, NAME, PINYIN, QUOTED, TERM, ZH_QUOTED, Occurrence,
)


@dataclass(slots=True)
class Tally:
    """What the miner knows about one candidate so far.

    Kept small (there can be hundreds of thousands): the kinds and spellings of its occurrences are
    stored as dictionaries only once a second kind or spelling shows up."""

    kind: str  # the first occurrence's kind until settle_kind() decides from all of them
    count: int = 0
    documents: int = 0
    last_document: int = -1
    words: int = 1
    initial: int = 0
    entry: int | None = None
    context: str = ""
    found_in: str = ""  # file:line of the first occurrence
    extra: dict | None = None
    first_kind: str = ""
    first_display: str = ""
    _kinds: dict[str, int] | None = None
    _displays: dict[str, int] | None = None

    def __post_init__(self) -> None:
        self.first_kind = self.first_kind or self.kind

    @property
    def kinds(self) -> dict[str, int]:
        """How many occurrences of each kind (known, name, term, …)."""
        return self._kinds if self._kinds is not None else {self.first_kind: self.count}

    @property
    def displays(self) -> dict[str, int]:
        """How many occurrences of each spelling (up to 8 spellings)."""
        if self._displays is not None:
            return self._displays
        return {self.first_display: self.count} if self.first_display else {}

    def add(self, occurrence: Occurrence, document: int) -> None:
        """Count one occurrence, with what it tells beyond its words (glossary entry, position, details)."""
        self.count_one(occurrence.kind, occurrence.display, document)
        if occurrence.entry is not None:
            self.entry = occurrence.entry
        if occurrence.sentence_initial:
            self.initial += 1
        if occurrence.extra:
            if self.extra is None:
                self.extra = {}
            for name, value in occurrence.extra.items():
                if name.startswith("cue:"):  # category votes add up over occurrences
                    self.extra[name] = self.extra.get(name, 0) + value
                else:
                    self.extra.setdefault(name, value)

    def count_one(self, kind: str, display: str, document: int) -> None:
        """Count an occurrence of a kind, in a document, written a certain way."""
        self.count += 1
        if self._kinds is not None:
            self._kinds[kind] = self._kinds.get(kind, 0) + 1
        elif kind != self.first_kind:
            self._kinds = {self.first_kind: self.count - 1, kind: 1}
        if self.last_document != document:
            self.documents += 1
            self.last_document = document
        if self._displays is not None:
            if display in self._displays:
                self._displays[display] += 1
            elif len(self._displays) < 8:
                self._displays[display] = 1
        elif not self.first_display:
            self.first_display = display
        elif display != self.first_display:
            self._displays = {self.first_display: self.count - 1, display: 1}

    def absorb(self, other: "Tally", count: int) -> None:
        """Take over another row's occurrences (count of them, and all its kinds)."""
        kinds = dict(self.kinds)
        for kind, number in other.kinds.items():
            kinds[kind] = kinds.get(kind, 0) + number
        self.count += count
        self._kinds = kinds
        self.documents = max(self.documents, other.documents)


def settle_kind(tally: Tally) -> str:
    """Why a row exists, from all its occurrences: glossary and pattern evidence first, then whether the
    words were mostly written as a name (capitalised) or as ordinary words (a domain term)."""
    kinds = tally.kinds
    for strong in (KNOWN, GENERATION):
        if kinds.get(strong):
            return strong
    named = [kind for kind in kinds if kind in CHINESE_KINDS and kind not in (CHINESE_TERM, ZH_QUOTED)]
    if named:  # a Chinese name or pattern (organisation, person, 85后…) is what the row is, however else seen
        return max(named, key=lambda kind: kinds[kind])
    if kinds.get(ZH_QUOTED):
        return ZH_QUOTED
    names = kinds.get(NAME, 0) + kinds.get(PINYIN, 0) + kinds.get(ACRONYM, 0)
    terms = kinds.get(TERM, 0) + kinds.get(CHINESE_TERM, 0)
    if not names and not terms:
        return QUOTED if kinds.get(QUOTED) else tally.kind
    if terms >= names:
        return CHINESE_TERM if kinds.get(CHINESE_TERM) else TERM
    return max((NAME, PINYIN, ACRONYM), key=lambda kind: kinds.get(kind, 0))
