"""Words of each side of a pair, with their offsets: English word tokens, Chinese words (rjieba), and the
sentences of a document in either language."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..english import STOPWORDS
from ..scripts import has_han

_ENGLISH_WORD = re.compile(r"[^\W_]+(?:(?:[-'’&]|\.(?![A-Z][a-z]))[^\W_]+)*")
_LATIN = re.compile(r"[A-Za-z0-9]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[。！？])[”’」』）)]*")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Gov|No|vs|Inc|Ltd|Co|Corp|U\.S|e\.g|i\.e)\.\s+$")
# Chinese words that only join or mark (never a term's first or last word).
FUNCTION_WORDS = frozenset("""
的 了 在 和 与 及 或 是 对 将 为 把 被 由 于 从 向 以 并 也 而 其 这 那 该 此 之 等 中 上 下 个 着 过 都 就 又 还 所 则
到 如 可 可以 能 会 要 已 已经 正 正在 让 使 给 用 即 约 达 据 称 称为 表示 认为 指出 介于 通过 包括 列为 成为 作为
进行 出现 这些 那些 一种 一个 这种 这款 每个 各 各种 所有 其他 以及 或者 并且 但 但是 因为 所以 如果
""".split())


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a sentence: its text, offsets, and its folded form (lower case)."""

    text: str
    start: int
    end: int
    key: str

    @property
    def is_content(self) -> bool:
        """A word that can carry a translation: not a function word, unless written in capitals (US, IT, WHO)."""
        return self.key not in STOPWORDS or (len(self.text) >= 2 and self.text.isupper())

    @property
    def is_latin(self) -> bool:
        """Letters or digits of the Latin script (kept across languages: COVID-19, 2020, iPhone)."""
        return bool(_LATIN.search(self.text)) and not has_han(self.text)


def english_words(text: str) -> list[Word]:
    """The word tokens of an English sentence (possessive 's folded away)."""
    words = []
    for match in _ENGLISH_WORD.finditer(text):
        surface, end = match.group(), match.end()
        if surface.endswith(("'s", "’s")) and len(surface) > 2:
            surface, end = surface[:-2], end - 2
        words.append(Word(surface, match.start(), end, surface.lower()))
    return words


def chinese_words(text: str) -> list[Word]:
    """The words of a Chinese sentence, punctuation and spaces left out; Latin runs stay whole words."""
    words = []
    position = 0
    for piece in _chinese_pieces(text):
        start = position
        position += len(piece)
        if piece.strip() and (has_han(piece) or any(ch.isalnum() for ch in piece)):
            words.append(Word(piece, start, position, piece.lower()))
    return words


def _chinese_pieces(text: str) -> list[str]:
    """rjieba's division of a text into words (imported on first use), pieces covering the whole text."""
    return _cutter()(text)


@functools.lru_cache(maxsize=1)
def _cutter():
    """rjieba's cut (HMM on for unknown names), loaded once."""
    import rjieba

    return lambda text: rjieba.cut(text)


def sentences(text: str) -> list[str]:
    """The sentences of a document in either language: split at line breaks and sentence-final stops."""
    found = []
    for line in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if _ABBREVIATION.search(line, 0, match.end()):
                continue
            piece = line[start:match.end()].strip()
            if piece:
                found.append(piece)
            start = match.end()
        piece = line[start:].strip()
        if piece:
            found.append(piece)
    return found
