"""Text units for mining: sentences with their lines, and word tokens with their shape."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterator

# Words: letters/digits, joined inside by - ' ’ . & (JD.com, Xi'an, e-commerce, AT&T); a trailing "'s" is a possessive.
_TOKEN = r"[^\W_]+(?:[-'’.&_][^\W_]+)*"
# The gap may also run to the end of the text: without that way out, a long run of punctuation with no word
# after it is rescanned from each of its characters (a line of 1,000,000 "=" took minutes, not milliseconds).
_GAP_AND_TOKEN = re.compile(rf"([\W_]*)({_TOKEN}|\Z)")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "plc", "bhd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "u.s", "u.k", "fig", "approx", "dept", "est", "vol", "al",
}
_LAST_WORD = re.compile(r"[\w.]+$")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
# Tried only where a run of stops begins, and without backtracking (giving back a stop cannot help): else a
# long run of full stops followed by a letter is rescanned from each of its characters.
_SENTENCE_END = re.compile(r"(?<![.!?。！？])[.!?。！？]++[\"”’')\]]*+(?=\s|$)|[。！？]+")


@dataclass(slots=True)
class Token:
    """A word of a sentence: its surface text (possessive removed), offsets and shape."""

    text: str
    start: int
    end: int
    shape: str  # lower, title, upper, mixed, digit
    possessive: bool
    lower: str
    index: int  # position among the document's tokens
    joined: bool  # only spaces separate it from the token before (no comma, bracket, full stop)


@functools.lru_cache(maxsize=65536)
def word_shape(text: str) -> str:
    """'lower', 'title' (Alibaba), 'upper' (CEO, LLM), 'mixed' (ChatGPT, iQiyi, JD.com) or 'digit' (996, 2023)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "digit"
    if all(ch.islower() for ch in letters):
        return "lower"
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return "upper"
    if text[0].isupper() and not any(ch.isupper() for ch in letters[1:]):
        return "title"
    return "mixed"


def tokenize(text: str, start: int = 0, end: int | None = None, skip: frozenset[str] = frozenset()) -> list[Token]:
    """The word tokens of text[start:end], possessives ('s, ’s) folded into a flag. Lower-case words in
    `skip` are left out (their index is still used, so the words around them are not adjacent)."""
    tokens: list[Token] = []
    append = tokens.append
    forms = _FORMS
    position = start
    # findall of (gap, word) pairs covers the text without gaps, so offsets add up without Match objects
    for index, (gap, surface) in enumerate(_GAP_AND_TOKEN.findall(text, start, len(text) if end is None else end)):
        if not surface:
            break  # the gap that ends the text
        begin = position + len(gap)
        finish = position = begin + len(surface)
        if surface in skip:
            continue
        joined = index > 0 and (gap == " " or not gap.strip(" \t"))
        possessive = surface.endswith(_POSSESSIVES) and len(surface) > 2
        if possessive:
            surface = surface[:-2]
            finish -= 2
        form = forms.get(surface)
        if form is None:
            if len(forms) > 200_000:
                forms.clear()
            form = forms[surface] = (word_shape(surface), surface.lower())
        append(Token(surface, begin, finish, form[0], possessive, form[1], index, joined))
    return tokens


# surface → (shape, lower case), shared by all documents: words repeat, their forms need computing once
_FORMS: dict[str, tuple[str, str]] = {}


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: split at line breaks and at sentence-final punctuation."""
    position = 0
    for line in text.split("\n"):
        line_start = position
        position += len(line) + 1
        sentence_start = line_start
        for match in _SENTENCE_END.finditer(line):
            end = line_start + match.end()
            if not _is_abbreviation_stop(text, line_start + match.start(), match.group()):
                span = _trimmed(text, sentence_start, end)
                if span[0] < span[1]:
                    yield span
                sentence_start = end
        span = _trimmed(text, sentence_start, line_start + len(line))
        if span[0] < span[1]:
            yield span


def _is_abbreviation_stop(text: str, dot: int, punctuation: str) -> bool:
    """True when a full stop closes an abbreviation (Sept., Ltd., U.S.) or an initial (C. C. Wei)."""
    if punctuation[0] != "." or len(punctuation.rstrip("\"”’')]")) > 1:
        return False
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    word_text = word.group().lower()
    return word_text in _ABBREVIATIONS or (len(word_text) == 1 and word_text.isalpha())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without its surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class LineIndex:
    """Offset → line number (1-based) in a document's text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        """The line holding a character offset."""
        return bisect.bisect_right(self._starts, offset)


def has_han(text: str) -> bool:
    """True when text holds Chinese characters."""
    return bool(_HAN.search(text))


def han_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of consecutive Chinese characters in text[start:end]."""
    for match in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+", text[start:end]):
        yield start + match.start(), start + match.end()
