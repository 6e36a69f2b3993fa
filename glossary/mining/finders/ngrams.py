"""Multi-word domain terms: every 1–4-word sequence of content words that can be a noun phrase (modifiers
nouns or adjectives, the last word a noun or gerund), for termhood scoring.

The lexicon says what a word can be; where it can be a verb, a tagger reads the words around it to say
what it is here (the sites *face* tough competition), so that a verb does not end or sit inside a term."""

from __future__ import annotations

import re
from typing import Iterator

from ...english import STOPWORDS, can_be_inside_term, can_end_term, may_be_verb, singular, verb_form
from ...tagging import is_verb_here, tag
from ..occurrences import TERM, Occurrence
from ..text import Token
from .names import NOT_NAMES

MAX_TERM_WORDS = 4
# Words the tagger reads before and after a doubtful word (its features look two words each way): on the
# treebank's test split, a doubtful word tagged in such a window is read as a verb or not as it is when the
# whole sentence is tagged 99.7% of the time, and as accurately (benchmarks/tagger.py measures the tagger).
CONTEXT_BEFORE, CONTEXT_AFTER = 2, 2
# The words of a sentence as the tagger was trained on them: no punctuation (numbers are words).
_TAGGER_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def term_ngrams(found: list[Occurrence], tokens: list[Token], span: tuple[int, int], opener_start: int,
                headline: bool, text: str = "") -> None:
    """Append every noun-phrase n-gram of the sentence's content-word runs to `found`."""
    append = found.append
    sentence_words: list[tuple[int, str]] | None = None
    starts: list[int] = []
    for run in content_runs(tokens, opener_start, headline):
        verbal: tuple[bool, ...] | None = None
        # one word alone is judged by the lexicon: a verb there (walk, trot) often names a domain's action
        doubtful = [t.shape in ("lower", "title") and may_be_verb(t.lower) for t in run] \
            if text and len(run) > 1 else ()
        if doubtful and any(doubtful):
            if sentence_words is None:
                sentence_words = [(m.start(), m.group()) for m in _TAGGER_WORD.finditer(text, *span)]
                starts = [start for start, _ in sentence_words]
            verbal = verbs_in_context(run, sentence_words, starts, doubtful)
        if len(run) == 1:  # the common case, kept cheap
            token = run[0]
            if verbal and verbal[0]:
                continue
            if token.shape not in ("lower", "title") or can_end_term(token.lower, alone=True):
                append(Occurrence(TERM, singular(token.lower), token.text, token.start, span, 1))
            continue
        # acronyms and mixed case need no lexicon check
        shape = (tuple(t.lower for t in run), tuple(t.shape in ("lower", "title") for t in run),
                 verbal or (False,) * len(run))
        plan = _NGRAM_PLANS.get(shape)
        if plan is None:
            if len(_NGRAM_PLANS) > 20_000:
                _NGRAM_PLANS.clear()
            plan = _NGRAM_PLANS[shape] = ngram_plan(*shape)
        texts = [t.text for t in run]
        for first, last, key in plan:
            append(Occurrence(TERM, key, " ".join(texts[first:last + 1]), run[first].start, span, last - first + 1))


def verbs_in_context(run: list[Token], sentence_words: list[tuple[int, str]], starts: list[int],
                     doubtful: list[bool]) -> tuple[bool, ...]:
    """For each word of a run, whether the tagger reads it as a verb in this sentence (a few words of
    context each side, not the whole sentence: tagging is the costliest step per word). `starts` are the
    sentence words' offsets; `doubtful` marks the words the lexicon lets be verbs (at least one)."""
    last_doubtful = max(index for index, flag in enumerate(doubtful) if flag)
    first = _position(starts, run[0].start)
    last = _position(starts, run[last_doubtful].start)  # words after the last doubtful one change nothing
    if first < 0 or last < 0:
        return (False,) * len(run)
    window_start = max(0, first - CONTEXT_BEFORE)
    words = [word for _, word in sentence_words[window_start:last + 1 + CONTEXT_AFTER]]
    labels = corrected_labels(words, tag(words))
    run_labels = []
    for token in run[:last_doubtful + 1]:
        position = _position(starts, token.start) - window_start
        run_labels.append(labels[position] if 0 <= position < len(labels) else "")
    verbal = [False] * len(run)
    for index, label in enumerate(run_labels):
        # only where the lexicon allows a verb; inside a run a verb follows its subject (sites *face*
        # competition); after a modifier the tagger has misread a compound (offshore *wind* technologies)
        before = run_labels[index - 1] if index else ""
        verbal[index] = doubtful[index] and is_verb_here(label) and (
            not index or before.startswith(("NOUN", "PROPN", "PRON")))
    return tuple(verbal)


def phrase_labels(sentence: str, phrase: str) -> tuple[list[str], str] | None:
    """The tagger's (corrected) labels of a phrase's words where it first occurs in a sentence (case aside),
    and the label of the word after it ('END' at the end); None where it does not occur."""
    words = _TAGGER_WORD.findall(sentence)
    wanted = [word.lower() for word in _TAGGER_WORD.findall(phrase)]
    lowers = [word.lower() for word in words]
    for start in range(len(words) - len(wanted) + 1) if wanted else ():
        if lowers[start:start + len(wanted)] == wanted:
            labels = [*corrected_labels(words, tag(words)), "END"]
            return labels[start:start + len(wanted)], labels[start + len(wanted)]
    return None


def corrected_labels(words: list[str], labels: list[str]) -> list[str]:
    """The tagger's labels corrected where news text trips it (it was trained on web text): a participle after
    its subject is a finite verb (regulators *tightened* oversight), and so is a base form after a plural
    subject (sites *face* tough competition; pre-orders *open* today, read as an adjective) when no noun follows
    that would make the pair a compound, an -s form after a short singular subject (the company *calls* for,
    *buys* chips; not intercity *buses* to wear masks, a plural noun before an infinitive), and a past form read
    as a noun after a subject, before a number or a phrase (the unit *rose* 26%)."""
    lowers = [word.lower() for word in words]
    for index in range(1, len(words)):  # past forms first: the verb of 'oil prices rose' is rose, not prices
        after = labels[index + 1] if index + 1 < len(labels) else "END"
        if (labels[index] == "NOUN|-" and labels[index - 1].startswith(("NOUN", "PROPN", "PRON"))
                and not lowers[index - 1].endswith(("'s", "’s")) and verb_form(lowers[index]) == "other"
                and not lowers[index].endswith("ing")
                and (after.startswith(_AFTER_A_PAST_VERB) or lowers[index + 1][:1].isdigit())):
            labels[index] = "VERB|Fin"  # before a number or a phrase (the unit *rose* 26%), not a noun (rose garden)
    for index in range(1, len(words)):
        word, label, before = lowers[index], labels[index], lowers[index - 1]
        before_label = labels[index - 1]
        after = labels[index + 1] if index + 1 < len(labels) else "END"
        if before.endswith(("'s", "’s")):
            continue  # a possessive is a determiner, not a subject
        subject = before_label.startswith(("NOUN", "PROPN", "PRON"))
        plural_subject = before in _PLURAL_PRONOUNS or (before.endswith("s") and not before.endswith("ss"))
        auxiliary = before_label.startswith("AUX") or (before_label == "ADV|-" and index > 1
                                                       and labels[index - 2].startswith(("AUX", "NOUN", "PRON")))
        if label == "VERB|Part" and word.endswith("ed") and (subject or auxiliary):
            labels[index] = "VERB|Fin"
        elif (label == "ADJ|-" and subject and plural_subject and before not in _PLURAL_PRONOUNS
              and verb_form(word) == "base" and (after.startswith(("DET", "ADP", "ADV", "NUM", "END"))
                                                 or lowers[index + 1] in _TIME_WORDS)):
            labels[index] = "VERB|Fin"  # a base form read as an adjective after a plural subject (pre-orders *open* today)
        elif label == "NOUN|-" and subject and after.startswith((*_AFTER_A_VERB, "NOUN")) and may_be_verb(word):
            # only where what follows can follow a verb: a noun after a base form makes a compound (face
            # masks), a verb a subject (business groups compete)
            form = verb_form(word)
            # an -s form after a singular noun is a verb only after a short subject (the company calls for;
            # the company buys graphics chips: its object may be a noun), not inside a compound (wind power
            # plants in …)
            short_subject = (index < 2 or labels[index - 2].startswith(("DET", "PRON"))) and (
                index + 1 >= len(lowers) or lowers[index + 1] != "of")  # no verb takes 'of': the power plants of
            # a noun after an -s form is its object unless it may be the verb of a plural subject (business
            # groups *compete*)
            object_after = not after.startswith("NOUN") or verb_form(lowers[index + 1]) != "base"
            if (form == "base" and plural_subject and not after.startswith("NOUN")) or (
                    form == "s" and not plural_subject and short_subject
                    and before not in _PLURAL_PRONOUNS and object_after):
                labels[index] = "VERB|Fin"
    return labels


_AFTER_A_VERB = ("DET", "ADJ", "ADP", "PRON", "ADV", "NUM", "PART", "SCONJ")
_TIME_WORDS = frozenset("today tomorrow yesterday tonight now".split())  # nouns to the tagger, adverbs here
_AFTER_A_PAST_VERB = ("DET", "ADP", "ADV", "NUM", "END")  # not an adjective or a noun: the rose garden
_PLURAL_PRONOUNS = frozenset({"they", "we", "you", "i", "who"})


def _position(starts: list[int], offset: int) -> int:
    """The index of the word starting at offset, or -1."""
    import bisect

    index = bisect.bisect_left(starts, offset)
    return index if index < len(starts) and starts[index] == offset else -1


# word sequence (lower case, lexicon-checked flags, verbs in context) → its noun-phrase n-grams: phrases
# recur across documents
_NGRAM_PLANS: dict[tuple[tuple[str, ...], tuple[bool, ...], tuple[bool, ...]], tuple[tuple[int, int, str], ...]] = {}


def ngram_plan(lowers: tuple[str, ...], checked: tuple[bool, ...],
               verbal: tuple[bool, ...] | None = None) -> tuple[tuple[int, int, str], ...]:
    """(first, last, key) of each n-gram of a run of words that can be a noun phrase; a word read as a verb
    in its sentence neither ends an n-gram nor sits inside one."""
    plan = []
    stop = [w in STOPWORDS for w in lowers]
    verbal = verbal or (False,) * len(lowers)
    for first in range(len(lowers)):
        if stop[first] or verbal[first]:
            continue
        for size in range(1, min(MAX_TERM_WORDS, len(lowers) - first) + 1):
            last = first + size - 1
            if verbal[last]:
                break
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
        elif len(lower) == 1:
            usable = False  # a letter alone (Human x Car x Home, item b) is no word of a term
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
