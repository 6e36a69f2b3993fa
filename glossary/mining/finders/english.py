"""The English finders of one sentence, in the order their evidence needs: generations, quoted coinages,
acronym definitions, names (whose words n-grams then skip), n-gram terms (not again where quoted)."""

from __future__ import annotations

from ..occurrences import Occurrence
from ..text import DocumentText, Sentence
from .acronyms import acronym_definitions
from .generations import generations
from .names import is_headline, name_occurrence, name_runs
from .ngrams import term_ngrams
from .quoted import quoted_coinages


def english_candidates(sentence: Sentence, document: DocumentText) -> list[Occurrence]:
    """Every English candidate occurrence of a sentence outside its known terms."""
    text, span, tokens = document.text, sentence.span, sentence.free_tokens
    covered = [(hit.start, hit.end) for hit in sentence.hits]
    found: list[Occurrence] = []
    if "born" in sentence.text:
        found.extend(generations(text, span, covered))
    quoted: set[tuple[str, int]] = set()
    if '"' in sentence.text or "“" in sentence.text:
        for occurrence in quoted_coinages(text, span, covered):
            quoted.add((occurrence.key, occurrence.start))
            found.append(occurrence)
    if "(" in sentence.text:
        found.extend(acronym_definitions(text, span, tokens))
    headline = is_headline(sentence.tokens)
    name_tokens: set[int] = set()
    if not headline:
        for run in name_runs(tokens, sentence.opener_start, document.mid_sentence_capitals, document.lower_words):
            name_tokens.update(id(t) for t in run)
            found.append(name_occurrence(run, span, text, sentence.opener_start))
    if name_tokens:
        tokens = [t for t in tokens if id(t) not in name_tokens]
    if quoted:  # a quoted coinage is counted once, as quoted, not again as an n-gram
        terms: list[Occurrence] = []
        term_ngrams(terms, tokens, span, sentence.opener_start, headline, text)
        found.extend(o for o in terms if (o.key, o.start) not in quoted)
    else:
        term_ngrams(found, tokens, span, sentence.opener_start, headline, text)
    return found
