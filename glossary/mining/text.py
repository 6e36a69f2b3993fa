"""The miner's first stage: a document's text as sentences and word tokens, made once.

Every finder (finders/) then reads the same Sentence objects; nothing tokenises or splits again.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..english import STOPWORDS

if TYPE_CHECKING:
    from ..matching import KnownHit
    from .segmented import SegmentedText

# Words: letters/digits, joined inside by - ' ’ . & (JD.com, Xi'an, e-commerce, AT&T); a trailing "'s" is a possessive.
_TOKEN = r"[^\W_]+(?:[-'’.&_][^\W_]+)*"
# The gap may also run to the end of the text: without that way out, a long run of punctuation with no word
# after it is rescanned from each of its characters (a line of 1,000,000 "=" took minutes, not milliseconds).
_GAP_AND_TOKEN = re.compile(rf"([\W_]*)({_TOKEN}|\Z)")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "plc", "bhd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "u.s", "u.k", "fig", "approx", "dept", "est", "vol", "al",
}
_LAST_WORD = re.compile(r"[\w.]+$")
_POSSESSIVES = ("'s", "’s", "'S", "’S")
# Tried only where a run of stops begins, and without backtracking (giving back a stop cannot help): else a
# long run of full stops followed by a letter is rescanned from each of its characters. Either way a match is a
# run of stops (and closing quotes) before white space or the end, or a run of Chinese stops; the pattern opens
# on the stop itself, so that the regex engine skips to the next stop instead of trying every character.
_SENTENCE_END = re.compile(r"[.!?。！？](?:(?<![.!?。！？][.!?。！？])[.!?。！？]*+[\"”’')\]]*+(?=\s|$)|(?<=[。！？])[。！？]*)")


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
        position = begin + len(surface)
        if surface in skip:
            continue
        form = forms.get(surface)
        if form is None:
            form = _form(surface)
        word, shape, possessive, lower, cut = form
        append(Token(word, begin, position - cut, shape, possessive, lower, index,
                     index > 0 and (gap == " " or not gap.strip(" \t"))))
    return tokens


def _form(surface: str) -> tuple[str, str, bool, str, int]:
    """What a word as written makes of its token: (text without a possessive, shape, possessive, lower case,
    characters the possessive takes), kept in _FORMS."""
    possessive = surface.endswith(_POSSESSIVES) and len(surface) > 2
    word = surface[:-2] if possessive else surface
    if len(_FORMS) > 200_000:
        _FORMS.clear()
    form = _FORMS[surface] = (word, word_shape(word), possessive, word.lower(), 2 if possessive else 0)
    return form


# word as written → its form (_form), shared by all documents: words repeat, their forms need computing once
_FORMS: dict[str, tuple[str, str, bool, str, int]] = {}


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


# Words a title-case headline leaves in lower case.
HEADLINE_LOWER = frozenset("a an the of and or nor but for in on at to by as vs via from with into per".split())
# Words that may join the words of a name (Ministry of Industry and Information Technology).
NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "du", "von", "van", "&", "on", "in"})
# Frequent function words that never join names or terms: not even made into tokens (mining speed).
SKIPPED_WORDS = (HEADLINE_LOWER & STOPWORDS) - NAME_CONNECTORS
# A sentence's first word, past leading punctuation and citation marks ([7] Critics noted …).
_FIRST_WORD = re.compile(r"(?:[^\w\[]|\[\d{1,3}\]|\[)*([^\W_])")


@dataclass(slots=True)
class Sentence:
    """One sentence of a document with everything the finders need: its span and text, all its tokens,
    those outside known glossary terms, the known-term hits in it, and where its first word starts."""

    span: tuple[int, int]
    text: str
    tokens: list[Token]
    free_tokens: list[Token]
    hits: list["KnownHit"]
    opener_start: int
    headline: bool = False  # a title-case line (is_headline): capitals there say nothing about names


@dataclass(slots=True)
class DocumentText:
    """A document split once: its sentences, and the document-wide evidence for telling names from
    sentence-initial capitals (words written with a capital inside sentences, words written in lower case)."""

    text: str
    sentences: list[Sentence]
    mid_sentence_capitals: set[str]
    lower_words: set[str]
    chinese: "SegmentedText | None" = None  # the document's Chinese, segmented once (segmented.py)
    read_verbs: bool = True  # whether the n-gram finder asks the tagger about words that may be verbs
    addresses: bool | None = None  # whether the text may hold web or e-mail addresses (the English finders ask once)


def is_headline(tokens: list[Token]) -> bool:
    """A title-case line (Alibaba's New CEO Calls for Start-up Mindset), where capitals say nothing about
    names: no lower-case word but short function words, and at least three capitalised words."""
    if any(t.shape == "lower" and t.lower not in HEADLINE_LOWER and len(t.text) > 1 for t in tokens):
        return False  # (most sentences: tested first, it spares the list below)
    words = [t for t in tokens if t.shape != "digit"]
    if len(words) < 4 or any(t.lower == "by" for t in words[:2]):
        return False  # a byline (By Wen Jiali and Peter Marsh; Reporting by …) is written in names
    return sum(1 for t in words if t.shape == "title") >= 3


def split_document(text: str, hits: list["KnownHit"], word_text: str | None = None) -> DocumentText:
    """The document's sentences, each with its tokens, the tokens outside known terms and its known-term hits.
    The text is tokenised once: `word_text` (as long as the text) when given, so that Chinese documents can
    hide their Chinese characters from the word tokens (the Latin words inside Chinese text stay words)."""
    tokens = tokenize(text if word_text is None else word_text, skip=SKIPPED_WORDS)
    starts = [t.start for t in tokens]
    inside_hits = set()  # positions (in `tokens`) of tokens that are part of a known term
    for hit in hits:
        position = bisect.bisect_left(starts, hit.start)
        while position < len(tokens) and tokens[position].start < hit.end:
            inside_hits.add(position)
            position += 1
    lower = {t.text for t in tokens if t.shape == "lower"}
    capitals: set[str] = set()
    sentences = []
    hit_index = 0
    for start, end in sentence_spans(text):
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        sentence_tokens = tokens[first:last]
        opener = _FIRST_WORD.match(text, start, end)
        opener_start = opener.start(1) if opener else -1
        headline = is_headline(sentence_tokens)
        if not headline:  # a title-case line's capitals say nothing about names
            capitals.update(t.lower for t in sentence_tokens if t.start > opener_start and t.shape != "lower"
                            and t.shape != "digit")
        sentence_hits = []
        while hit_index < len(hits) and hits[hit_index].start < end:
            if hits[hit_index].start >= start:
                sentence_hits.append(hits[hit_index])
            hit_index += 1
        kept = sentence_tokens
        if sentence_hits:
            kept = [t for position, t in enumerate(sentence_tokens, first) if position not in inside_hits]
        sentences.append(Sentence((start, end), text[start:end], sentence_tokens, kept, sentence_hits, opener_start,
                                  headline))
    return DocumentText(text, sentences, capitals, lower)

