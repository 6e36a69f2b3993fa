"""Quoted coinages and slogans: short phrases in quotes (“user first”, “AI-driven”)."""

from __future__ import annotations

import re
from typing import Iterator

from ...english import STOPWORDS, verb_form, word_classes, zipf
from ...scripts import has_han
from ...tagging import is_verb_here, tag
from ..occurrences import QUOTED, Occurrence, term_key

_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,80})[”\"]")


def quoted_coinages(text: str, span: tuple[int, int], covered: list[tuple[int, int]],
                    read_verbs: bool = True) -> Iterator[Occurrence]:
    """Short quoted phrases that read as coinages or slogans, unless already known; `read_verbs` lets the
    tagger find a clause's verb (a large input relies on the lexicon's -s forms alone)."""
    start, end = span
    for match in _QUOTED.finditer(text, start, end):
        inner = match.group(1).strip().rstrip(",.;:!?").strip()
        inner_start = text.index(inner, match.start(1)) if inner else match.start(1)
        if any(s <= inner_start and inner_start + len(inner) <= e for s, e in covered):
            continue
        if has_han(inner):
            continue  # Chinese in quotes is the Chinese finders' (chinese.py)
        words = inner.split()
        if not 1 <= len(words) <= 5 or any(ch in inner for ch in ".!?;") or not inner:
            continue
        lower = [w.lower() for w in words]
        if all(w in STOPWORDS for w in lower) or lower[0] in STOPWORDS - {"a"} and len(words) > 3:
            continue
        if len(words) == 1 and "-" not in inner and zipf(lower[0]) >= 3.5 and inner.islower():
            continue  # a single common word in quotes is emphasis, not a coinage
        if len(words) > 1 and (word_classes(lower[0]) == {"ADV"} or word_classes(lower[-1]) == {"VERB"}):
            continue  # words quoted from a speech (“resolutely defend”, “will respond”), no name for anything
        if len(words) >= 3 and (any(verb_form(w) == "s" for w in words[1:-1])
                                or (read_verbs and any(is_verb_here(label) for label in tag(words)))):
            continue  # a clause (an -s verb inside, or the tagger's finite verb) is a quotation or a title: HarmonyOS 6 drops Android apps
        yield Occurrence(QUOTED, term_key(words), inner, match.start(1), span, words=len(words))
