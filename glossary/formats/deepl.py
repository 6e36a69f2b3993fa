"""DeepL glossary entries: English<TAB>Chinese, no header, following DeepL's entry rules.

Rules kept: no empty source or target, no duplicate source, no control characters, no leading or
trailing white space. Variants become further source entries for the same target; deprecated and
forbidden entries are left out (an MT glossary must not teach them). Export only: DeepL's own tools read it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..schema import TermEntry
from ..store import write_atomically
from . import ExportOptions

NAME = "deepl"
SUFFIXES: tuple[str, ...] = ()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean(text: str) -> str:
    """A term on one line: control characters (tabs, newlines…) become single spaces, edges trimmed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def entry_pairs(entries: Sequence[TermEntry]) -> list[tuple[str, str]]:
    """(source, target) pairs DeepL accepts, first come first kept for a repeated source."""
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.status in ("deprecated", "forbidden"):
            continue
        target = clean(entry.chinese)
        for source in map(clean, entry.english_forms()):
            if source and target and source not in seen:
                seen.add(source)
                pairs.append((source, target))
    return pairs


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> None:
    """The DeepL entries file (TSV, UTF-8, no header)."""
    write_atomically(Path(path), "".join(f"{source}\t{target}\n" for source, target in entry_pairs(entries)))
