"""Variants of one concept counted as one row: surnames after full names, acronyms with their long forms."""

from __future__ import annotations

from ..schema import TermEntry
from .occurrences import ACRONYM, KNOWN, NAME, PINYIN, Occurrence
from .tally import Tally


class SurnameLinker:
    """Within one document, a bare surname ('Wu said') after a full name ('Eddie Wu') counts for that name."""

    def __init__(self, entries: list[TermEntry]) -> None:
        self._entries = entries
        self._last_names: dict[str, str] = {}  # lower-case surname → group key

    def key_for(self, occurrence: Occurrence) -> str:
        """The group key of an occurrence, remembering full names as they appear."""
        if occurrence.kind == KNOWN and occurrence.entry is not None:
            entry = self._entries[occurrence.entry]
            if entry.category == "person":
                for form in entry.english_forms():
                    self._remember(form.split(), occurrence.key)
            return occurrence.key
        if occurrence.kind in (NAME, PINYIN) and occurrence.words in (2, 3):
            self._remember(occurrence.display.split(), occurrence.key)
            return occurrence.key
        if occurrence.kind in (NAME, PINYIN) and occurrence.words == 1:
            return self._last_names.get(occurrence.key, occurrence.key)
        return occurrence.key

    def _remember(self, words: list[str], key: str) -> None:
        """Both ends of a name may be the surname (Eddie Wu; Wu Yongming)."""
        if len(words) < 2:
            return
        for word in (words[-1], words[0]):
            if word[:1].isupper() and word.isalpha():
                self._last_names.setdefault(word.lower(), key)


def merge_acronyms(tallies: dict[str, Tally], links: dict[str, str], definitions: dict[str, int]) -> None:
    """Count an acronym defined in the text ('large language model (LLM)') toward its long form's row;
    the bracketed acronym of a definition is part of the long form's mention, not a mention of its own."""
    for acronym, long_key in links.items():
        tally = tallies.get(acronym)
        if tally is None or acronym == long_key:
            continue
        target = tallies.get(long_key)
        created = target is None
        if created:
            long_form = (tally.extra or {}).get("long_form", long_key)
            target = tallies[long_key] = Tally(ACRONYM, words=len(long_form.split()), first_display=long_form,
                                               context=tally.context, found_in=tally.found_in)
        del tallies[acronym]
        target.absorb(tally, tally.count if created else max(0, tally.count - definitions.get(acronym, 0)))
        if target.extra is None:
            target.extra = {}
        target.extra["acronym"] = next(iter(tally.displays), acronym.upper())
        if target.kind not in (KNOWN,):
            target.kind = ACRONYM
