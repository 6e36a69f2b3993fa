"""The Chinese finders of one sentence: quoted coinages (“躺平”) and 2–4 character sequences for
frequency-based discovery (a placeholder that issue 11 replaces with segmented candidates)."""

from __future__ import annotations

import re
from typing import Iterator

from ...scripts import han_runs
from ..occurrences import CHINESE_TERM, QUOTED, Occurrence, overlaps
from ..text import DocumentText, Sentence

_CHINESE_QUOTED = re.compile(r"[“「『]([\u3400-\u9fff]{2,8})[”」』]")


def chinese_candidates(sentence: Sentence, document: DocumentText) -> Iterator[Occurrence]:
    """Chinese candidate occurrences of a sentence outside its known terms."""
    text, span = document.text, sentence.span
    start, end = span
    covered = [(hit.start, hit.end) for hit in sentence.hits]
    for match in _CHINESE_QUOTED.finditer(text, start, end):
        if not overlaps(match.start(1), match.end(1), covered):
            yield Occurrence(QUOTED, match.group(1), match.group(1), match.start(1), span, words=1)
    for run_start, run_end in han_runs(text, start, end):
        for size in range(2, 5):
            for first in range(run_start, run_end - size + 1):
                if not overlaps(first, first + size, covered):
                    piece = text[first:first + size]
                    yield Occurrence(CHINESE_TERM, piece, piece, first, span, words=size)
