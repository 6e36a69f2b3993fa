"""Multi-word domain terms: every 1–4-word sequence of content words that can be a noun phrase (modifiers
nouns or adjectives, the last word a noun or gerund; judged with a lexicon), for termhood scoring."""

from __future__ import annotations

from typing import Iterator

from ...english import STOPWORDS, can_be_inside_term, can_end_term, singular
from ..occurrences import TERM, Occurrence
from ..text import Token
from .names import NOT_NAMES

MAX_TERM_WORDS = 4


def term_ngrams(found: list[Occurrence], tokens: list[Token], span: tuple[int, int], opener_start: int,
                headline: bool) -> None:
    """Append every noun-phrase n-gram of the sentence's content-word runs to `found`."""
    append = found.append
    for run in content_runs(tokens, opener_start, headline):
        if len(run) == 1:  # the common case, kept cheap
            token = run[0]
            if token.shape not in ("lower", "title") or can_end_term(token.lower, alone=True):
                append(Occurrence(TERM, singular(token.lower), token.text, token.start, span, 1))
            continue
        # acronyms and mixed case need no lexicon check
        shape = (tuple(t.lower for t in run), tuple(t.shape in ("lower", "title") for t in run))
        plan = _NGRAM_PLANS.get(shape)
        if plan is None:
            if len(_NGRAM_PLANS) > 20_000:
                _NGRAM_PLANS.clear()
            plan = _NGRAM_PLANS[shape] = ngram_plan(*shape)
        texts = [t.text for t in run]
        for first, last, key in plan:
            append(Occurrence(TERM, key, " ".join(texts[first:last + 1]), run[first].start, span, last - first + 1))


# word sequence (lower case, lexicon-checked flags) → its noun-phrase n-grams: phrases recur across documents
_NGRAM_PLANS: dict[tuple[tuple[str, ...], tuple[bool, ...]], tuple[tuple[int, int, str], ...]] = {}


def ngram_plan(lowers: tuple[str, ...], checked: tuple[bool, ...]) -> tuple[tuple[int, int, str], ...]:
    """(first, last, key) of each n-gram of a run of words that can be a noun phrase."""
    plan = []
    stop = [w in STOPWORDS for w in lowers]
    for first in range(len(lowers)):
        if stop[first]:
            continue
        for size in range(1, min(MAX_TERM_WORDS, len(lowers) - first) + 1):
            last = first + size - 1
            if size > 1:  # the word before the last is now a modifier: a noun or an adjective
                inner = last - 1
                if checked[inner] and lowers[inner] != "of" and not can_be_inside_term(lowers[inner], inner - first):
                    break
            if stop[last] or (checked[last] and not can_end_term(lowers[last], alone=size == 1)):
                continue
            plan.append((first, last, singular(" ".join(lowers[first:last + 1]))))
    return tuple(plan)


def content_runs(tokens: list[Token], opener_start: int, headline: bool) -> Iterator[list[Token]]:
    """Runs of adjacent term-like words (lower-case words, acronyms, sentence openers); broken by
    punctuation, numbers, names, titles and calendar words (CEO, Monday), and most stop words."""
    run: list[Token] = []
    stopwords, not_names = STOPWORDS, NOT_NAMES
    for token in tokens:
        shape, lower = token.shape, token.lower
        if shape == "digit" or (shape != "lower" and lower in not_names):
            usable = False
        elif shape == "title":  # a capitalised word is a name unless it opens the sentence or a headline
            usable = (headline or token.start == opener_start) and lower not in stopwords
        else:
            usable = lower not in stopwords or lower == "of"
        if usable and run and token.joined and token.index == run[-1].index + 1 and not run[-1].possessive:
            run.append(token)
            continue
        if run:
            yield _trim_stopwords(run)
        run = [token] if usable else []
    if run:
        yield _trim_stopwords(run)


def _trim_stopwords(run: list[Token]) -> list[Token]:
    """A run without stop words at its edges."""
    while run and run[0].lower in STOPWORDS:
        run = run[1:]
    while run and run[-1].lower in STOPWORDS:
        run = run[:-1]
    return run
