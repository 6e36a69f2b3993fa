"""The kinds of terms in a document: known glossary terms, names, pinyin names, quoted coinages,
acronym definitions, generational jargon, multi-word domain terms, and Chinese terms."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterator

from ..chinese import pinyin_syllable_split
from ..english import STOPWORDS, can_be_inside_term, can_end_term, singular, zipf
from ..matching import KnownHit, KnownTerms
from .text import Token, han_runs, has_han, sentence_spans, tokenize

# Kinds of occurrence, also the miner's internal record of why a row exists.
KNOWN, NAME, PINYIN, QUOTED, TERM, ACRONYM, GENERATION, CHINESE_TERM = (
    "known", "name", "pinyin", "quoted", "term", "acronym", "generation", "chinese",
)

MAX_TERM_WORDS = 4
NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "du", "von", "van", "&", "on", "in"})
# Words that look like names but are titles or calendar words: they end a name (CEO Eddie Wu → Eddie Wu).
NOT_NAMES = frozenset("""
ceo cfo cto coo cmo cio cso evp svp vp gm md mr mrs ms dr prof sir madam chairman chairwoman chair president
vice chief executive officer founder cofounder co-founder director minister premier secretary governor mayor
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec i am pm a.m p.m
""".split())
# Words a title-case headline leaves in lower case.
HEADLINE_LOWER = frozenset("a an the of and or nor but for in on at to by as vs via from with into per".split())
# Frequent function words that never join names or terms: not even made into tokens (mining speed).
SKIPPED_WORDS = (HEADLINE_LOWER & STOPWORDS) - NAME_CONNECTORS
_FIRST_WORD = re.compile(r"[^\W_]")
ABBREVIATED_SUFFIXES = frozenset({"ltd", "inc", "co", "corp", "plc", "bhd", "llc"})
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,80})[”\"]")
_GENERATION = re.compile(
    r"\bborn (?:after|since|in) (?:the )?((?:19|20)\d\d)s?((?:,? (?:and|or) (?:in )?(?:the )?(?:19|20)\d\ds?)*)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)(\d\d)")
_CHINESE_QUOTED = re.compile(r"[“「『]([\u3400-\u9fff]{2,8})[”」』]")


@dataclass(slots=True)
class Occurrence:
    """One place a candidate term occurs."""

    kind: str
    key: str  # what groups occurrences into one row (lower case, singular; or 'entry:N' for known terms)
    display: str  # the surface form
    start: int  # offset in the document
    sentence: tuple[int, int]
    words: int = 1
    sentence_initial: bool = False
    entry: int | None = None
    link: str = ""  # for acronyms: the long form's key; for generations: the canonical 'post-85s' form
    extra: dict | None = None


@functools.lru_cache(maxsize=None)
def known_key(entry: int) -> str:
    """The grouping key of a glossary entry's occurrences."""
    return f"entry:{entry}"


def term_key(words: list[str]) -> str:
    """Grouping key of a word sequence: lower case, last word singular."""
    return singular(" ".join(w.lower() for w in words))


def document_occurrences(text: str, known: KnownTerms) -> Iterator[Occurrence]:
    """Every candidate occurrence in one document's text."""
    sentences, mid_sentence_titles, lower_words = _tokenised_sentences(text, known.find(text))
    for span, tokens, free_tokens, hits, opener_start in sentences:
        yield from _sentence_occurrences(text, span, tokens, free_tokens, hits, opener_start, mid_sentence_titles,
                                         lower_words)


# (span, tokens, tokens outside known terms, known-term hits, where the first word starts)
Sentence = tuple[tuple[int, int], list[Token], list[Token], list[KnownHit], int]


def _tokenised_sentences(text: str, hits: list[KnownHit]) -> tuple[list[Sentence], set[str], set[str]]:
    """The document's sentences, each with its tokens, the tokens outside known terms and its known-term
    hits; and the words written with a capital inside sentences and those written in lower case
    (evidence for telling names from sentence-initial capitals). The text is tokenised once."""
    tokens = tokenize(text, skip=SKIPPED_WORDS)
    starts = [t.start for t in tokens]
    inside_hits = set()  # positions (in `tokens`) of tokens that are part of a known term
    for hit in hits:
        position = bisect.bisect_left(starts, hit.start)
        while position < len(tokens) and tokens[position].start < hit.end:
            inside_hits.add(position)
            position += 1
    lower = {t.text for t in tokens if t.shape == "lower"}
    titles: set[str] = set()
    sentences = []
    hit_index = 0
    for start, end in sentence_spans(text):
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        sentence_tokens = tokens[first:last]
        titles.update(t.lower for t in sentence_tokens[1:] if t.shape != "lower" and t.shape != "digit")
        sentence_hits = []
        while hit_index < len(hits) and hits[hit_index].start < end:
            if hits[hit_index].start >= start:
                sentence_hits.append(hits[hit_index])
            hit_index += 1
        kept = sentence_tokens
        if sentence_hits:
            kept = [t for position, t in enumerate(sentence_tokens, first) if position not in inside_hits]
        opener = _FIRST_WORD.search(text, start, end)
        sentences.append(((start, end), sentence_tokens, kept, sentence_hits, opener.start() if opener else -1))
    return sentences, titles, lower


def _sentence_occurrences(text: str, span: tuple[int, int], all_tokens: list[Token], tokens: list[Token],
                          hits: list[KnownHit], opener_start: int, mid_titles: set[str],
                          lower_words: set[str]) -> list[Occurrence]:
    """Candidate occurrences in one sentence (`tokens`: those outside known terms)."""
    start, end = span
    found = [Occurrence(KNOWN, known_key(hit.entry), text[hit.start:hit.end], hit.start, span, entry=hit.entry)
             for hit in hits]
    covered = [(hit.start, hit.end) for hit in hits]
    sentence = text[start:end]
    if not sentence.isascii() and has_han(sentence):
        found.extend(_chinese_occurrences(text, span, covered))
    if "born" in sentence:
        found.extend(_generation_occurrences(text, span, covered))
    quoted: set[tuple[str, int]] = set()
    if '"' in sentence or "“" in sentence:
        for occurrence in _quoted_occurrences(text, span, covered):
            quoted.add((occurrence.key, occurrence.start))
            found.append(occurrence)
    if "(" in sentence:
        found.extend(_acronym_definitions(text, span, tokens))
    headline = _is_headline(all_tokens)
    name_tokens: set[int] = set()
    if not headline:
        for run in _name_runs(text, tokens, opener_start, mid_titles, lower_words):
            name_tokens.update(id(t) for t in run)
            found.append(_name_occurrence(run, span, text, opener_start))
    if name_tokens:
        tokens = [t for t in tokens if id(t) not in name_tokens]
    if quoted:  # a quoted coinage is counted once, as quoted, not again as an n-gram
        terms: list[Occurrence] = []
        _add_term_ngrams(terms, tokens, span, opener_start, headline)
        found.extend(o for o in terms if (o.key, o.start) not in quoted)
    else:
        _add_term_ngrams(found, tokens, span, opener_start, headline)
    return found


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps one of the spans."""
    return any(start < span_end and end > span_start for span_start, span_end in spans)


def _is_headline(tokens: list[Token]) -> bool:
    """A title-case line (Alibaba's New CEO Calls for Start-up Mindset), where capitals say nothing about
    names: no lower-case word but short function words, and at least three capitalised words."""
    words = [t for t in tokens if t.shape != "digit"]
    if len(words) < 4:
        return False
    if any(t.shape == "lower" and t.lower not in HEADLINE_LOWER for t in words):
        return False
    return sum(1 for t in words if t.shape == "title") >= 3


# --- names ------------------------------------------------------------------------------------


def _is_name_token(token: Token, first: bool, mid_titles: set[str], lower_words: set[str]) -> bool:
    """Capitalised words are names, except titles and calendar words and common words opening a sentence."""
    if token.shape not in ("title", "upper", "mixed") or token.lower in NOT_NAMES:
        return False
    if not first or token.shape != "title":
        return True
    word = token.lower
    if word in mid_titles:
        return True
    if word in STOPWORDS or word in lower_words:
        return False
    return zipf(word) < 3.0 or (pinyin_syllable_split(word) is not None and zipf(word) < 4.5)


def _name_runs(text: str, tokens: list[Token], opener_start: int, mid_titles: set[str],
               lower_words: set[str]) -> Iterator[list[Token]]:
    """Maximal runs of name words, joined by connectors (Ministry of Industry and Information Technology)."""
    run: list[Token] = []
    pending: list[Token] = []  # connectors waiting for a following name word
    for token in tokens:
        if not run and (token.shape == "lower" or token.shape == "digit"):
            continue  # most words: nothing to start or extend
        first = token.start == opener_start
        adjacent = bool(run) and _adjacent(text, (pending or run)[-1], token)
        if _is_name_token(token, first, mid_titles, lower_words):
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


def _opens_sentence(opener_start: int, token: Token) -> bool:
    """True for the first word of a sentence (also after an opening quote or bracket)."""
    return token.start == opener_start


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """True when right follows left directly, only spaces between (no comma, bracket, full stop or
    known term between them)."""
    return right.joined and right.index == left.index + 1


def _name_occurrence(run: list[Token], span: tuple[int, int], text: str, opener_start: int) -> Occurrence:
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
                      sentence_initial=_opens_sentence(opener_start, run[0]))


# --- quoted coinages, acronyms, generations -------------------------------------------------


def _quoted_occurrences(text: str, span: tuple[int, int], covered: list[tuple[int, int]]) -> Iterator[Occurrence]:
    """Short quoted phrases that read as coinages or slogans (“user first”, “AI-driven”), unless already known."""
    start, end = span
    for match in _QUOTED.finditer(text, start, end):
        inner = match.group(1).strip().rstrip(",.;:!?").strip()
        inner_start = text.index(inner, match.start(1)) if inner else match.start(1)
        if any(s <= inner_start and inner_start + len(inner) <= e for s, e in covered):
            continue
        words = inner.split()
        if not 1 <= len(words) <= 5 or any(ch in inner for ch in ".!?;") or not inner:
            continue
        lower = [w.lower() for w in words]
        if all(w in STOPWORDS for w in lower) or lower[0] in STOPWORDS - {"a"} and len(words) > 3:
            continue
        if len(words) == 1 and "-" not in inner and zipf(lower[0]) >= 3.5 and inner.islower():
            continue  # a single common word in quotes is emphasis, not a coinage
        yield Occurrence(QUOTED, term_key(words), inner, match.start(1), span, words=len(words))


def _acronym_definitions(text: str, span: tuple[int, int], tokens: list[Token]) -> Iterator[Occurrence]:
    """'large language model (LLM)': the acronym, linked to the words whose initials spell it."""
    for position, token in enumerate(tokens):
        if token.shape not in ("upper", "mixed") or not 2 <= len(token.text) <= 8 or position == 0:
            continue
        if text[token.start - 1:token.start] != "(" or text[token.end:token.end + 1] != ")":
            continue
        long_form = _spelled_by(token.text, tokens, position)
        if long_form:
            words = [t.text for t in long_form]
            yield Occurrence(ACRONYM, term_key([token.text]), token.text, token.start, span,
                             link=term_key(words), extra={"long_form": " ".join(words)})


def _spelled_by(acronym: str, tokens: list[Token], end: int) -> list[Token] | None:
    """The words just before tokens[end], an acronym, whose initials spell it (connectors such as 'of' may be
    skipped). Walks back by index: a copy of the tokens before every acronym made a line of them quadratic."""
    letters = [ch.lower() for ch in acronym if ch.isalpha()]
    words: list[Token] = []  # last word first
    index = len(letters) - 1
    for position in range(end - 1, -1, -1):
        if index < 0:
            break
        token = tokens[position]
        if token.lower[0] == letters[index]:
            words.append(token)
            index -= 1
        elif token.lower in NAME_CONNECTORS and words:
            words.append(token)
        else:
            return None
    words.reverse()
    return words if index < 0 and words[0].lower not in NAME_CONNECTORS else None


def _generation_occurrences(text: str, span: tuple[int, int], covered: list[tuple[int, int]]) -> Iterator[Occurrence]:
    """'born after 1985 and the 1990s' → post-85s and post-90s (each year not already a known term)."""
    start, end = span
    for match in _GENERATION.finditer(text, start, end):
        for year in _YEAR.finditer(text, match.start(), match.end()):
            if _inside(year.start(), year.end(), covered):
                continue
            canonical = f"post-{year.group(1)}s"
            yield Occurrence(GENERATION, canonical, canonical, year.start(), span, link=canonical,
                             extra={"chinese": f"{year.group(1)}后"})


# --- multi-word domain terms ----------------------------------------------------------------


def _add_term_ngrams(found: list[Occurrence], tokens: list[Token], span: tuple[int, int], opener_start: int,
                     headline: bool) -> None:
    """Every 1- to 4-word sequence of content words that can be a noun phrase (modifiers, then a noun;
    judged with a lexicon, no tagger), for termhood scoring."""
    append = found.append
    for run in _content_runs(tokens, opener_start, headline):
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
            plan = _NGRAM_PLANS[shape] = _ngram_plan(*shape)
        texts = [t.text for t in run]
        for first, last, key in plan:
            append(Occurrence(TERM, key, " ".join(texts[first:last + 1]), run[first].start, span, last - first + 1))


# word sequence (lower case, lexicon-checked flags) → its noun-phrase n-grams: phrases recur across documents
_NGRAM_PLANS: dict[tuple[tuple[str, ...], tuple[bool, ...]], tuple[tuple[int, int, str], ...]] = {}


def _ngram_plan(lowers: tuple[str, ...], checked: tuple[bool, ...]) -> tuple[tuple[int, int, str], ...]:
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


def _content_runs(tokens: list[Token], opener_start: int, headline: bool) -> Iterator[list[Token]]:
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


# --- Chinese text -----------------------------------------------------------------------------


def _chinese_occurrences(text: str, span: tuple[int, int], covered: list[tuple[int, int]]) -> Iterator[Occurrence]:
    """Quoted Chinese coinages (“躺平”) and 2–4 character sequences for frequency-based discovery."""
    start, end = span
    for match in _CHINESE_QUOTED.finditer(text, start, end):
        if not _inside(match.start(1), match.end(1), covered):
            yield Occurrence(QUOTED, match.group(1), match.group(1), match.start(1), span, words=1)
    for run_start, run_end in han_runs(text, start, end):
        for size in range(2, 5):
            for first in range(run_start, run_end - size + 1):
                if not _inside(first, first + size, covered):
                    piece = text[first:first + size]
                    yield Occurrence(CHINESE_TERM, piece, piece, first, span, words=size)
