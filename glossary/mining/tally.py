"""The miner's third stage: what is known about one candidate so far, across occurrences and documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .occurrences import (
    ACRONYM, CHINESE_KINDS, CHINESE_TERM, GENERATION, KNOWN, NAME, PINYIN, QUOTED, TERM, ZH_QUOTED, Occurrence,
)


@dataclass(slots=True)
class Tally:
    """What the miner knows about one candidate so far.

    Kept small (there can be hundreds of thousands): the kinds and spellings of its occurrences are
    stored as dictionaries only once a second kind or spelling shows up."""

    display_limit: ClassVar[int] = 8  # spellings kept: the first ones seen, each with all its occurrences
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
    first_document: int = -1  # (to merge parts of a corpus: a document cut in sections may span two)

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
            if self.first_document < 0:
                self.first_document = document
        if self._displays is not None:
            if display in self._displays:
                self._displays[display] += 1
            elif len(self._displays) < self.display_limit:
                self._displays[display] = 1
        elif not self.first_display:
            self.first_display = display
        elif display != self.first_display:
            self._displays = {self.first_display: self.count - 1, display: 1}

    def merge(self, later: "Tally", offset: int, shared: bool) -> None:
        """Take in this candidate's tally from a later part of the corpus, as if its occurrences had been counted
        here in order: its document numbers shifted by `offset`; `shared` when its first document continues
        this part's last one (a document mined in sections)."""
        kinds = dict(self.kinds)
        for kind, number in later.kinds.items():
            kinds[kind] = kinds.get(kind, 0) + number
        displays = dict(self.displays)
        for form, number in later.displays.items():
            if form in displays:
                displays[form] += number
            elif len(displays) < Tally.display_limit:
                displays[form] = number
        same_document = shared and later.first_document == 0 and self.last_document == offset
        self.documents += later.documents - same_document
        self.last_document = later.last_document + offset
        self.count += later.count
        self.initial += later.initial
        if later.entry is not None:
            self.entry = later.entry
        if later.extra:
            self.extra = self.extra or {}
            for name, value in later.extra.items():
                if name.startswith("cue:"):  # category votes add up over occurrences, as in add()
                    self.extra[name] = self.extra.get(name, 0) + value
                else:
                    self.extra.setdefault(name, value)
        if not self.context:
            self.context, self.found_in = later.context, later.found_in
        self._kinds = None if kinds == {self.first_kind: self.count} else kinds
        if not self.first_display and displays:
            self.first_display = next(iter(displays))
        self._displays = None if displays == {self.first_display: self.count} else displays

    def shifted(self, offset: int) -> "Tally":
        """This tally as the first of its candidate in a larger corpus (document numbers shifted by `offset`),
        keeping only the spellings a Tally keeps."""
        copy = Tally(self.kind, self.count, self.documents, self.last_document + offset, self.words, self.initial,
                     self.entry, self.context, self.found_in, self.extra, self.first_kind, self.first_display,
                     self._kinds, self._displays, self.first_document + offset)
        if copy._displays is not None and len(copy._displays) > Tally.display_limit:
            copy._displays = dict(list(copy._displays.items())[:Tally.display_limit])
        return copy

    def absorb(self, other: "Tally", count: int) -> None:
        """Take over another row's occurrences (count of them, and all its kinds)."""
        kinds = dict(self.kinds)
        for kind, number in other.kinds.items():
            kinds[kind] = kinds.get(kind, 0) + number
        self.count += count
        self._kinds = kinds
        self.documents = max(self.documents, other.documents)


class PartTally(Tally):
    """A tally of one part of a corpus, mined to be merged: it keeps every spelling with its count, so the
    merged tally keeps the same first spellings with the same counts as one pass over the whole corpus."""

    __slots__ = ()
    display_limit: ClassVar[int] = 1 << 62


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
