"""Every candidate occurrence of a document: its known glossary terms, then what the finders find in each
sentence (text → sentences and tokens once → one finder per kind → occurrences for the tallies)."""

from __future__ import annotations

from typing import Iterator

from ..matching import KnownTerms
from .finders import finders_for
from .occurrences import KNOWN, Occurrence, known_key
from .text import split_document


def document_occurrences(text: str, known: KnownTerms, read_verbs: bool = True) -> Iterator[Occurrence]:
    """Every candidate occurrence in one document's text, sentence by sentence; `read_verbs` asks the
    tagger which words act as verbs (see Miner)."""
    document = split_document(text, known.find(text))
    document.read_verbs = read_verbs
    for sentence in document.sentences:
        span = sentence.span
        yield from (Occurrence(KNOWN, known_key(hit.entry), text[hit.start:hit.end], hit.start, span, entry=hit.entry)
                    for hit in sentence.hits)
        for finder in finders_for(sentence):
            yield from finder(sentence, document)
