"""Chinese word segmentation with part-of-speech tags: rjieba (the jieba-rs binding), with a glossary's
Chinese forms loaded as user words so that known terms stay whole.

Loaded lazily (rjieba is imported when the first Segmenter is made, never on the lookup path). It takes
simplified text: the miner converts traditional text first (OpenCC t2s keeps the length), so offsets
into the text it segments are offsets into the original.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable

# Part-of-speech tags given to user words, by glossary category (jieba's tag set: nr person, ns place,
# nt organisation, nz other proper noun, n noun).
CATEGORY_TAGS = {"person": "nr", "place": "ns", "organization": "nt", "business unit": "nt", "product": "nz",
                 "event": "nz"}


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A text's segments: words and tags in order, and where each word starts (the last start is the end)."""

    words: list[str]
    tags: list[str]
    starts: list[int]

    def boundaries(self) -> bytearray:
        """One byte per offset of the text (and its end): 1 where a segment starts or ends."""
        marks = bytearray(self.starts[-1] + 1 if self.starts else 1)
        for start in self.starts:
            marks[start] = 1
        return marks


class Segmenter:
    """A jieba-rs segmenter of its own (user words never leak between glossaries)."""

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, tag in user_words:
            if word and not word.isspace():
                self._jieba.add_word(word, None, tag or "n")  # None: as frequent as needed to stay whole

    def segment(self, text: str) -> Segmentation:
        """The words of a (simplified) text, tagged; their lengths add up to the text's."""
        tagged = self._jieba.tag(text, True)
        if not tagged:
            return Segmentation([], [], [0])
        words, tags = [word for word, _ in tagged], [tag for _, tag in tagged]
        starts = [0]
        starts.extend(itertools.accumulate(map(len, words)))
        return Segmentation(words, tags, starts)

    def cut(self, text: str) -> list[str]:
        """The words of a (simplified) text, without tags."""
        return self._jieba.cut(text, True)
