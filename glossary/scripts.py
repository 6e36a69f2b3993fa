"""Which script a text is written in: the one test of "contains Chinese" (and of CJK, kana included).

Light on purpose (no dictionaries): lookup imports it on every run.
"""

from __future__ import annotations

import re
from typing import Iterator

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{HAN_CLASS}]")
_HAN_OR_KANA = re.compile(f"[\u3040-\u30ff{HAN_CLASS}]")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def has_han(text: str) -> bool:
    """True when the text holds at least one Chinese character."""
    return not text.isascii() and bool(_HAN.search(text))  # isascii reads a flag: Latin text is never searched


def has_cjk(text: str) -> bool:
    """True when the text holds Chinese characters or kana: text compared without word boundaries."""
    return not text.isascii() and bool(_HAN_OR_KANA.search(text))


def han_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) spans of consecutive Chinese characters in text[start:end]."""
    for match in _HAN_RUN.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.end()
