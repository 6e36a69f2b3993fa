"""Names: runs of capitalised, all-capital and mixed-case words (DingTalk, MIIT, Ministry of Industry and
Information Technology), company suffixes kept, possessives folded; pinyin names marked as such."""

from __future__ import annotations

from typing import Iterator

from ...chinese import pinyin_syllable_split
from ...english import STOPWORDS, zipf
from ..occurrences import ACRONYM, NAME, PINYIN, Occurrence, term_key
from ..text import HEADLINE_LOWER, NAME_CONNECTORS, Token

# Words that look like names but are titles or calendar words: they end a name (CEO Eddie Wu → Eddie Wu).
NOT_NAMES = frozenset("""
ceo cfo cto coo cmo cio cso evp svp vp gm md mr mrs ms dr prof sir madam chairman chairwoman chair president
vice chief executive officer founder cofounder co-founder director minister premier secretary governor mayor
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec i am pm a.m p.m
""".split())
ABBREVIATED_SUFFIXES = frozenset({"ltd", "inc", "co", "corp", "plc", "bhd", "llc"})


def is_headline(tokens: list[Token]) -> bool:
    """A title-case line (Alibaba's New CEO Calls for Start-up Mindset), where capitals say nothing about
    names: no lower-case word but short function words, and at least three capitalised words."""
    words = [t for t in tokens if t.shape != "digit"]
    if len(words) < 4:
        return False
    if any(t.shape == "lower" and t.lower not in HEADLINE_LOWER for t in words):
        return False
    return sum(1 for t in words if t.shape == "title") >= 3


def is_name_token(token: Token, first: bool, mid_capitals: set[str], lower_words: set[str]) -> bool:
    """Capitalised words are names, except titles and calendar words and common words opening a sentence."""
    if token.shape not in ("title", "upper", "mixed") or token.lower in NOT_NAMES:
        return False
    if not first or token.shape != "title":
        return True
    word = token.lower
    if word in mid_capitals:
        return True
    if word in STOPWORDS or word in lower_words:
        return False
    return zipf(word) < 3.0 or (pinyin_syllable_split(word) is not None and zipf(word) < 4.5)


def name_runs(tokens: list[Token], opener_start: int, mid_capitals: set[str],
              lower_words: set[str]) -> Iterator[list[Token]]:
    """Maximal runs of name words, joined by connectors (Ministry of Industry and Information Technology)."""
    run: list[Token] = []
    pending: list[Token] = []  # connectors waiting for a following name word
    for token in tokens:
        if not run and (token.shape == "lower" or token.shape == "digit"):
            continue  # most words: nothing to start or extend
        first = token.start == opener_start
        adjacent = bool(run) and _adjacent((pending or run)[-1], token)
        if is_name_token(token, first, mid_capitals, lower_words):
            if run and adjacent:
                run.extend(pending)
                run.append(token)
            else:
                if run:
                    yield run
                run = [token]
            pending = []
            if token.possessive:
                yield run
                run = []
        elif run and adjacent and _may_connect(token, run, pending):
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = [], []
    if run:
        yield run


def _may_connect(token: Token, run: list[Token], pending: list[Token]) -> bool:
    """Connectors inside a name; 'and' only after 'of'/'for' (Ministry of Industry and Information Technology),
    so that two names in a row (the United States and Europe) stay apart."""
    if token.lower not in NAME_CONNECTORS or token.possessive or len(pending) >= 2:
        return False
    if token.lower in ("and", "&"):
        return any(t.lower in ("of", "for") for t in run)
    return True


def _adjacent(left: Token, right: Token) -> bool:
    """True when right follows left directly, only spaces between (no comma, bracket, full stop or
    known term between them)."""
    return right.joined and right.index == left.index + 1


def name_occurrence(run: list[Token], span: tuple[int, int], text: str, opener_start: int) -> Occurrence:
    """An occurrence for a run of name words (a pinyin name when every word is pinyin)."""
    words = [t.text for t in run]
    display = " ".join(words)
    last = run[-1]
    if last.lower in ABBREVIATED_SUFFIXES and text[last.end:last.end + 1] == ".":
        display += "."
    is_pinyin = all(t.shape == "title" and zipf(t.text) < 4.0 and pinyin_syllable_split(t.text) is not None
                    for t in run)
    kind = PINYIN if is_pinyin else (ACRONYM if len(run) == 1 and run[0].shape == "upper" else NAME)
    return Occurrence(kind, term_key(display.rstrip(".").split()), display, run[0].start, span, words=len(run),
                      sentence_initial=run[0].start == opener_start)
