"""DeepL glossary entries: English<TAB>Chinese, no header, following DeepL's entry rules.

Rules kept: no empty source or target, no duplicate source, no control characters, no leading or
trailing white space. Variants become further source entries for the same target; deprecated and
forbidden entries are left out (an MT glossary must not teach them). Export only: DeepL's own tools read it.

A spreadsheet may open the file too, and DeepL's format has no escape for a cell it would run as a
formula (`=HYPERLINK(…)`), so a pair with such a side is left out, with a warning naming it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..schema import TermEntry
from ..files.atomic import write_atomically
from . import ExportOptions
from .cells import FORMULA_STARTS

FORMATS: dict[str, tuple[str, ...]] = {"deepl": ()}  # no ending of its own: chosen with --format
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean(text: str) -> str:
    """A term on one line: control characters (tabs, newlines…) become single spaces, edges trimmed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def entry_pairs(entries: Sequence[TermEntry], left_out: list[str] | None = None) -> list[tuple[str, str]]:
    """(source, target) pairs DeepL accepts, first come first kept for a repeated source; a pair a spreadsheet
    would run as a formula is left out (and named in `left_out`)."""
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.status in ("deprecated", "forbidden"):
            continue
        target = clean(entry.chinese)
        for source in map(clean, entry.english_forms()):
            if not (source and target) or source in seen:
                continue
            if source.startswith(FORMULA_STARTS) or target.startswith(FORMULA_STARTS):
                if left_out is not None:
                    left_out.append(f"left out {entry.id} ({source} → {target}): a spreadsheet would run it as a "
                                    "formula, and the DeepL format has no escape")
                continue
            seen.add(source)
            pairs.append((source, target))
    return pairs


def write(entries: Sequence[TermEntry], path: Path, options: ExportOptions) -> list[str]:
    """The DeepL entries file (TSV, UTF-8, no header); returns warnings about what was left out."""
    left_out: list[str] = []
    pairs = entry_pairs(entries, left_out)
    write_atomically(Path(path), "".join(f"{source}\t{target}\n" for source, target in pairs))
    return left_out
