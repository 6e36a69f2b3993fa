"""Every candidate occurrence of a document: its known glossary terms, then what the finders find in each
sentence (text → sentences and tokens once → one finder per kind → occurrences for the tallies).

A document with Chinese in it is segmented once first (segmented.py): its known Chinese terms then match
only on segment boundaries, and the word tokens the English finders read leave its Chinese characters out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..matching import KnownTerms
from .finders import finders_for
from .occurrences import KNOWN, Occurrence, known_key
from .text import split_document

if TYPE_CHECKING:
    from .segmented import ChineseReader

def document_occurrences(text: str, known: KnownTerms, reader: "ChineseReader | None" = None,
                         name: str = "", read_verbs: bool = True) -> Iterator[Occurrence]:
    """Every candidate occurrence in one document's text, sentence by sentence; `read_verbs` asks the
    tagger which English words act as verbs (see Miner)."""
    segmented = reader.read(text, name) if reader is not None else None
    if segmented is None:
        document = split_document(text, known.find(text))
    else:
        from .segmented import word_text

        document = split_document(text, known.find(text, segmented.boundaries), word_text(text))
        document.chinese = segmented
    document.read_verbs = read_verbs
    for sentence in document.sentences:
        span = sentence.span
        yield from (Occurrence(KNOWN, known_key(hit.entry), text[hit.start:hit.end], hit.start, span, entry=hit.entry)
                    for hit in sentence.hits)
        for finder in finders_for(sentence):
            yield from finder(sentence, document)
