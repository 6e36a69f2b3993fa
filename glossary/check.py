"""Term QA over bilingual segments, and a concordance of terms in documents.

For each segment, every glossary term (or variant, or plural) found in the source is looked for in the
target: its Chinese form (or its traditional form, or the simplified/traditional conversion of either),
compared after folding full-width and half-width forms and removing spaces, since Chinese has no word
boundaries. English sides are matched on word boundaries, honouring capitals where the entry writes
them (see matching). A concept with several allowed renderings passes when any one appears; a source
form that the rendering itself keeps in Latin letters (SU7 in 小米SU7) also passes when the target keeps it.
Findings show forms as the glossary writes them, and what the target has as the target writes it.

A one-word match of a `title` entry (chairman, chair, CEO) counts only where it is the title: written
with a capital, right before a person's name, or after one set off by a comma or bracket; `Pony Ma chairs
Tencent` uses the verb, and `the chair` may be furniture, so neither demands 董事长.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import abc
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple, Sequence

from .scripts import has_han
from .schema import TermEntry, english_identity

if TYPE_CHECKING:
    from .segments import Segment
    from .matching import KnownHit, KnownTerms

ERROR, WARNING = "error", "warning"
RETIRED = ("deprecated", "forbidden")
LATIN = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]")


class Verdict(NamedTuple):
    """What is wrong with how a target renders one source term."""

    severity: str
    reason: str
    expected: tuple[str, ...]
    found: str
    message: str


@dataclass(frozen=True)
class Finding:
    """A term the target does not render as the glossary says, or a retired rendering it uses."""

    segment: int  # 1, 2, 3 … in the order the file's segments were read
    where: str
    line: int | None  # the segment's row or line in a table or text file
    unit: str  # the segment's unit id in an XML file
    term: str  # as written in the source
    start: int  # where the term is in the source text
    end: int
    expected: tuple[str, ...]  # as the glossary writes them
    found: str  # as the target writes it
    severity: str
    reason: str
    entry_id: str
    source: str
    target: str
    replacement: str = ""  # for a retired rendering: what the glossary uses instead, if it says
    message: str = ""  # the finding in one sentence, for people

    def to_dict(self) -> dict[str, object]:
        """The finding as plain data (for --json)."""
        return {
            "segment": self.segment, "line": self.line, "unit": self.unit, "where": self.where,
            "term": self.term, "start": self.start, "end": self.end, "expected": list(self.expected),
            "found": self.found, "replacement": self.replacement, "severity": self.severity, "reason": self.reason,
            "message": self.message, "id": self.entry_id, "source": self.source, "target": self.target,
        }


def fold_chinese(text: str) -> str:
    """Chinese text as compared: full-width/half-width forms folded (NFKC), case folded, spaces removed."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text folded character by character as fold_chinese folds it, and where in the text each folded
    character comes from."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char).casefold():
            if not piece.isspace():
                folded.append(piece)
                origins.append(index)
    return "".join(folded), origins


def as_written(text: str, folded_form: str) -> str:
    """The first stretch of text that folds to folded_form, as the text writes it (ＳＵ７ for su7)."""
    folded, origins = fold_with_offsets(text)
    start = folded.find(folded_form) if folded_form else -1
    if start < 0:
        return folded_form  # folding the whole text composed characters that one by one it does not
    return text[origins[start]:origins[start + len(folded_form) - 1] + 1]


def is_traditional(text: str) -> bool:
    """Whether Chinese text is written in traditional characters (it changes when converted to simplified)."""
    from .chinese import to_simplified

    return to_simplified(text) != text


class TermChecker:
    """Checks segments against a glossary, in one direction (English→Chinese unless reverse)."""

    def __init__(self, entries: Sequence[TermEntry], *, reverse: bool = False, known: KnownTerms | None = None) -> None:
        from .matching import KnownTerms, WorkedOut

        self.entries = entries if isinstance(entries, abc.Sequence) else list(entries)  # a LazyEntries is kept lazy
        self.reverse = reverse
        self.known = known if known is not None else KnownTerms(self.entries)  # `known`: a matcher of these entries
        # worked out for an entry when it is first met: a glossary of a million entries meets a few thousand
        self._renderings = WorkedOut(lambda index: self._allowed_renderings(self.entries[index]))
        # renderings with Latin letters in them (小米SU7): only these may keep a source form as it is
        self._keep_latin = WorkedOut(lambda index: bool(LATIN.search("".join(self.entries[index].chinese_forms()))))
        self._retired = [index for index, status in enumerate(statuses(self.entries)) if status in RETIRED]
        self._retired_known = KnownTerms([self.entries[i] for i in self._retired]) if reverse else None
        self._replacements = replacements(self.entries, self.known)

    def _allowed_renderings(self, entry: TermEntry) -> dict[str, dict[str, str]]:
        """Target forms that render an entry, by script ('simplified', 'traditional'; 'english' in reverse):
        each folded form, as compared, mapped to the form as the glossary writes it, as shown."""
        if self.reverse:
            return {"english": {form.casefold(): form for form in entry.english_forms()}}
        from .chinese import to_simplified, to_traditional

        # the traditional column may use Taiwan vocabulary (智慧型手機): converted, it is no mainland rendering
        simplified = entry.simplified_forms() or [to_simplified(form) for form in entry.traditional_forms()]
        traditional = entry.traditional_forms() + [to_traditional(form) for form in entry.simplified_forms()]
        return {"simplified": by_folded(simplified), "traditional": by_folded(traditional)}

    def check(self, segments: Iterable[Segment]) -> list[Finding]:
        """Every finding, segment by segment."""
        findings: list[Finding] = []
        for segment in segments:
            findings.extend(self.check_segment(segment))
        return findings

    def check_segment(self, segment: Segment) -> list[Finding]:
        """The findings of one segment."""
        source, target = segment.source, segment.target
        findings: list[Finding] = []
        folded_target = fold_chinese(target)
        target_hits = {hit.entry for hit in self.known.find(target)} if self.reverse else set()
        script = "english" if self.reverse else "traditional" if is_traditional(target) else "simplified"
        passed_renderings: set[str] = set()
        seen: set[int] = set()
        hits = self.known.find(source)
        for hit in hits:
            entry = self.entries[hit.entry]
            source_is_chinese = has_han(hit.form)
            if source_is_chinese != self.reverse or hit.entry in seen:
                continue  # a Chinese form in an English source (or the reverse) says nothing
            if entry.category == "title" and not self._is_title(source, hit, hits):
                continue
            seen.add(hit.entry)
            if entry.status in RETIRED:
                continue  # retired renderings are checked in the target below
            verdict = self._judge(hit, target, folded_target, script, hit.entry in target_hits)
            if verdict is None:
                passed_renderings.update(*self._renderings[hit.entry].values())
                continue
            findings.append(Finding(segment.number, segment.where, segment.line, segment.unit,
                                    source[hit.start:hit.end], hit.start, hit.end, verdict.expected, verdict.found,
                                    verdict.severity, verdict.reason, entry.id, source, target,
                                    message=verdict.message))
        findings.extend(self._retired_in_target(segment, folded_target, passed_renderings, script))
        return findings

    def _is_title(self, source: str, hit: KnownHit, hits: Sequence[KnownHit]) -> bool:
        """Whether a title entry's match in an English source is the title (see reads_as_title); a match of
        several words (board of directors) has no other reading."""
        if self.reverse or len(source[hit.start:hit.end].split()) > 1 or source[hit.start].isupper():
            return True
        return reads_as_title(source, hit.start, hit.end, person_names(source, hits, self.entries))

    def _renders(self, hit: KnownHit, folded_target: str, script: str, found_in_target: bool) -> bool:
        """Whether the target renders the hit's entry in its own script (or keeps the source's Latin form)."""
        if self.reverse:
            return found_in_target
        own = self._renderings[hit.entry][script]
        return any(form in folded_target for form in own) or self._keep_latin[hit.entry] and any(
            form in folded_target for form in kept_form(hit.form, own))

    def _judge(self, hit: KnownHit, target: str, folded_target: str, script: str,
               found_in_target: bool) -> Verdict | None:
        """None when the target renders the hit's entry as it should; else what is wrong."""
        if self._renders(hit, folded_target, script, found_in_target):
            return None
        entry = self.entries[hit.entry]
        # a proposed term is only a warning: its Chinese is not settled yet
        severity = ERROR if entry.status == "approved" else WARNING
        proposed = " (a proposed term)" if entry.status == "proposed" else ""
        if self.reverse:
            expected = tuple(entry.english_forms())
            return Verdict(severity, f"{entry.status} term not rendered", expected, "",
                           f"expected {' or '.join(expected)}{proposed}")
        return self._chinese_verdict(hit, target, folded_target, script, severity, proposed)

    def _chinese_verdict(self, hit: KnownHit, target: str, folded_target: str, script: str, severity: str,
                         proposed: str) -> Verdict:
        """What is wrong with a Chinese target that lacks the hit's rendering in its own script."""
        status = self.entries[hit.entry].status
        renderings = self._renderings[hit.entry]
        own, other = script, "simplified" if script == "traditional" else "traditional"
        # the glossary's own form first (by_folded keeps the order), then the other script's
        shown = tuple(renderings[own].values())
        expected = shown + tuple(form for folded, form in renderings[other].items() if folded not in renderings[own])
        wanted = f"expected {' or '.join(shown or expected)}"
        in_other = next((form for form in renderings[other] if form in folded_target), None)
        if in_other:
            found = as_written(target, in_other)
            return Verdict(WARNING, f"rendered only in {other} script", expected, found,
                           f"{wanted}, target has {found} ({other})")
        found = nearest(renderings[own], target, folded_target,
                        lambda: [(h.start, h.end) for h in self.known.find(target) if has_han(h.form)])
        return Verdict(severity, f"{status} term not rendered as the glossary says", expected, found,
                       wanted + (f", target has {found}" if found else "") + proposed)

    def _retired_in_target(self, segment: Segment, folded_target: str, allowed: set[str],
                           script: str) -> list[Finding]:
        """Deprecated or forbidden renderings used in the target (unless also an allowed rendering here)."""
        if self.reverse:
            return [self._retired_finding(segment, self._retired[hit.entry], segment.target[hit.start:hit.end],
                                          f"{self._retired_known.entries[hit.entry].status} term used", script)
                    for hit in self._retired_known.find(segment.target)]
        findings = []
        for index in self._retired:
            entry, renderings = self.entries[index], self._renderings[index]
            for form in renderings["simplified"] | renderings["traditional"]:
                if form and form in folded_target and form not in allowed:
                    findings.append(self._retired_finding(segment, index, as_written(segment.target, form),
                                                          f"{entry.status} rendering used (for {entry.english})",
                                                          script))
                    break
        return findings

    def _retired_finding(self, segment: Segment, index: int, found: str, reason: str, script: str) -> Finding:
        """The finding for a retired entry's form found in the target, saying what to use instead."""
        entry = self.entries[index]
        current = self._replacements.get(index)
        replacement = next(iter(self._renderings[current][script].values()), "") if current is not None else ""
        message = f"{found} is {entry.status}" + (f": use {replacement}" if replacement else "")
        return Finding(segment.number, segment.where, segment.line, segment.unit, "", 0, 0, (), found, ERROR,
                       reason, entry.id, segment.source, segment.target, replacement, message)


# Notes that tie a former name to the current one: the retired entry's ("Former name of Ant Group
# (蚂蚁集团)") and the current entry's ("Formerly Meituan Dianping"); the term named comes right after.
CURRENT_NAMED = re.compile(r"\b(?:former name of|now(?: called| known as)?|renamed(?: to| as)?|replaced by|"
                           r"superseded by|use)\s+", re.IGNORECASE)
FORMER_NAMED = re.compile(r"\bformerly(?: known as| called)?\s+", re.IGNORECASE)


def replacements(entries: Sequence[TermEntry], known: KnownTerms) -> dict[int, int]:
    """Retired entry → the approved entry to use instead (by index), where the glossary says so: an approved
    entry with the retired English among its own forms; else the approved term the retired entry's note
    names as current ("Former name of Ant Group"); else an approved entry whose note names the retired
    term as its former name ("Formerly Meituan Dianping")."""
    retired = {index for index, status in enumerate(statuses(entries)) if status in RETIRED}
    if not retired:
        return {}
    approved = {index for index, entry in enumerate(entries) if entry.status == "approved"}
    by_form: dict[str, int] = {}
    for index in sorted(approved):
        for form in entries[index].english_forms():
            by_form.setdefault(english_identity(form), index)
    found: dict[int, int] = {}
    for index in sorted(retired):
        entry = entries[index]
        named = [by_form[english_identity(entry.english)]] if english_identity(entry.english) in by_form else []
        named += named_after(entry.note, CURRENT_NAMED, known, approved)
        if named:
            found[index] = named[0]
    for index in sorted(approved):
        for former in named_after(entries[index].note, FORMER_NAMED, known, retired):
            found.setdefault(former, index)
    return found


def named_after(note: str, pointer: re.Pattern[str], known: KnownTerms, wanted: set[int]) -> list[int]:
    """The wanted entries a note names right after a pointer phrase ("Former name of |Ant Group")."""
    starts = {match.end() for match in pointer.finditer(note)}
    return [hit.entry for hit in known.find(note) if hit.start in starts and hit.entry in wanted] if starts else []


def by_folded(forms: Iterable[str]) -> dict[str, str]:
    """Forms keyed by their folded form; of forms that fold alike, the first is the one shown."""
    shown: dict[str, str] = {}
    for form in forms:
        if form:
            shown.setdefault(fold_chinese(form), form)
    return shown


# Between a name and the title set off after it ("Pony Ma, chairman of …", "Lucy Peng (chair)").
NAME_BEFORE_TITLE = re.compile(r"\s*[,(]\s*$")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def reads_as_title(source: str, start: int, end: int, names: Sequence[tuple[int, int]]) -> bool:
    """Whether a lower-case word is a title here: right before a person's name, or after one set off by a
    comma or an opening bracket; straight after a name, a word that can be a verb is its verb (Pony Ma chairs)."""
    from .english import word_classes

    starts, ends = {s for s, _ in names}, {e for _, e in names}
    name_before = len(source[:start].rstrip())  # where a name right before the word would end
    if name_before < start and name_before in ends and "VERB" in word_classes(source[start:end]):
        return False
    # only spaces between the title and the name: after a comma a name may be the next item of a list
    # ("thanked the chair, Pony Ma and …")
    name_after = len(source) - len(source[end:].lstrip())
    if name_after > end and name_after in starts:
        return True
    apposition = NAME_BEFORE_TITLE.search(source, 0, start)
    return bool(apposition) and apposition.start() in ends


def person_names(source: str, hits: Sequence[KnownHit], entries: Sequence[TermEntry]) -> list[tuple[int, int]]:
    """Where an English source names people: person entries, and capitalised words that are no glossary
    term and no function word (Pony Ma, Zhang Wei; not Tencent, not The)."""
    from .english import STOPWORDS

    names = [(hit.start, hit.end) for hit in hits if entries[hit.entry].category == "person"]
    terms = [(hit.start, hit.end) for hit in hits]
    for word in WORD.finditer(source):
        if (word.group()[0].isupper() and word.group().lower() not in STOPWORDS
                and not any(s <= word.start() < e for s, e in terms)):
            names.append(word.span())
    return names


def nearest(forms: Iterable[str], text: str, folded_text: str,
            taken: Callable[[], Sequence[tuple[int, int]]]) -> str:
    """The stretch of text closest to one of the folded forms, as the text writes it: as long as the form
    or one character more or less, at most one character different (two for forms of six or more), and
    outside the glossary terms the text has (taken(): their spans); '' when nothing is that close."""
    # a form of two characters with one in common is no evidence of a slip; nor a text with too few of
    # the form's characters anywhere (the usual case, so it is ruled out before any stretch is compared)
    candidates = [(form, 1 if len(form) < 6 else 2) for form in forms if len(form) >= 3]
    candidates = [(form, most) for form, most in candidates
                  if sum(folded_text.count(char) for char in set(form)) >= len(form) - most]
    if not candidates:
        return ""
    folded, origins = fold_with_offsets(text)
    stretches = (stretch for form, most in candidates
                 for stretch in _near_stretches(form, most, folded, origins, taken))
    best = min(stretches, default=None)
    return text[best[-2]:best[-1]] if best else ""


def _near_stretches(form: str, most: int, folded: str, origins: list[int],
                    taken: Callable[[], Sequence[tuple[int, int]]]) -> Iterator[tuple[int, int, int, int, int]]:
    """(distance, length difference, start, original start, original end) of each stretch of the folded
    text within `most` edits of the form, as long as it ±1, not cut from another glossary term."""
    from rapidfuzz.distance import Levenshtein

    spans: Sequence[tuple[int, int]] | None = None
    for length in (len(form), len(form) - 1, len(form) + 1):
        for start in range(len(folded) - length + 1):
            window = folded[start:start + length]
            if not (window[0].isalnum() and window[-1].isalnum()):
                continue  # a stretch begins and ends inside the text's words, not on punctuation
            distance = Levenshtein.distance(form, window, score_cutoff=most)
            if distance > most:
                continue
            first, last = origins[start], origins[start + length - 1] + 1
            spans = taken() if spans is None else spans
            if not any(s < last and first < e for s, e in spans):  # else it is that other term
                yield distance, abs(length - len(form)), start, first, last


def kept_form(source_form: str, renderings: Iterable[str]) -> list[str]:
    """The source form, folded, when a folded rendering keeps it as it is (SU7 in 小米SU7): a target that
    keeps it too renders the term; else nothing."""
    folded = fold_chinese(source_form)
    return [folded] if any(folded in rendering and folded != rendering for rendering in renderings) else []


def check_segments(segments: Iterable[Segment], entries: Sequence[TermEntry], *,
                   reverse: bool = False) -> list[Finding]:
    """Term QA: findings for every segment (see TermChecker)."""
    return TermChecker(entries, reverse=reverse).check(segments)


def check_against(segments: Sequence[Segment], glossary_path: str | os.PathLike, *,
                  reverse: bool = False) -> list[Finding]:
    """Term QA against a glossary file, through its compiled form (compiled.load_known_terms: cached, and an
    automaton of only the forms that can occur in these segments or in the notes that name other entries)."""
    from .compiled import load_compiled

    compiled = load_compiled(glossary_path)
    texts = [text for segment in segments for text in (segment.source, segment.target)]
    if any(status in RETIRED for status in statuses(compiled.entries)):  # replacements reads the notes that name others
        texts += [entry.note for entry in compiled.entries
                  if entry.note and (CURRENT_NAMED.search(entry.note) or FORMER_NAMED.search(entry.note))]
    known = compiled.known_terms(texts)
    return TermChecker(known.entries, reverse=reverse, known=known).check(segments)


def statuses(entries: Sequence[TermEntry]) -> list[str]:
    """Every entry's status, in order (at hand in a compiled glossary's entries, without making each entry)."""
    return getattr(entries, "statuses", None) or [entry.status for entry in entries]


# --- concordance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concordance:
    """One occurrence of a term in a document, with the words on both sides."""

    where: str
    term: str
    left: str
    right: str
    entry_id: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "term": self.term, "left": self.left, "right": self.right, "id": self.entry_id}


def concordance(documents: Iterable, entries: Sequence[TermEntry], *, width: int = 40) -> list[Concordance]:
    """Every occurrence of the entries' forms in the documents, line by line, with `width` characters of context."""
    from .matching import KnownTerms
    from .documents import LineIndex

    known = KnownTerms(entries)
    lines: list[Concordance] = []
    for document in documents:
        text = document.text
        index = LineIndex(text)
        for hit in known.find(text):
            line_start = text.rfind("\n", 0, hit.start) + 1
            line_end = text.find("\n", hit.end)
            line_end = len(text) if line_end < 0 else line_end
            left = " ".join(text[max(line_start, hit.start - width):hit.start].split())
            right = " ".join(text[hit.end:min(line_end, hit.end + width)].split())
            lines.append(Concordance(f"{document.name}:{index.line_of(hit.start)}", text[hit.start:hit.end],
                                     left[-width:], right[:width], known.entries[hit.entry].id))
    return lines
