"""The miner's second stage: one finder per kind of candidate, each in its own module, reading the
sentences that text.split_document made.

A finder for a script takes one Sentence and its DocumentText and returns the occurrences it finds.
English finders (english.py: generations, quoted coinages, acronyms, names and pinyin names, n-gram
terms) run on every sentence; Chinese finders (chinese.py) on sentences that hold Chinese characters.
A new language or a better Chinese finder is a sibling here, chosen per sentence by `finders_for`.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ...scripts import has_han
from ..occurrences import Occurrence
from ..text import DocumentText, Sentence

Finder = Callable[[Sentence, DocumentText], Iterable[Occurrence]]


def finders_for(sentence: Sentence) -> list[Finder]:
    """The finders that read a sentence: Chinese ones where it holds Chinese characters, then English ones
    (Latin words inside Chinese text, Mate 70 or Qwen, are English candidates)."""
    if not _FINDERS:  # imported on first use, then kept (this runs once a sentence)
        from .chinese import chinese_candidates
        from .english import english_candidates

        _FINDERS.extend(([chinese_candidates, english_candidates], [chinese_candidates], [english_candidates]))
    both, chinese, english = _FINDERS
    if not sentence.text.isascii() and has_han(sentence.text):
        if any(token.shape != "digit" for token in sentence.free_tokens):
            return both
        return chinese  # no Latin word: nothing for the English finders
    return english


_FINDERS: list[list[Finder]] = []  # (Chinese and English, Chinese alone, English alone), once imported
