"""Finding the schema's columns in a file's header: by name, any order, language codes accepted."""

from __future__ import annotations

import re
from pathlib import Path

from ..languages import column_of_language
from ..schema import CHINESE, ENGLISH
from . import READABLE_COLUMNS, FormatError

# Other names translators and tools use for our columns (language tags are read by languages.py).
ALIASES = {"source": ENGLISH, "term": ENGLISH, "simplified": CHINESE, "target": CHINESE}
_LANGUAGE_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def column_for(heading: object) -> str | None:
    """The schema column a header cell names ('english (en)', 'Chinese', 'zh-Hans'), or None."""
    if heading is None:
        return None
    raw = str(heading).strip()
    # 'chinese (zh-Hans)' → 'chinese'; a bare '(zh-Hans)' → its code
    text = (_LANGUAGE_NOTE.sub("", raw).strip() or raw.strip("() ")).casefold()
    if text in READABLE_COLUMNS:
        return text
    return ALIASES.get(text) or column_of_language(text)


def header_columns(header: list[object], path: Path) -> dict[int, str]:
    """Cell position → schema column, for the header cells that name one (the first of duplicates wins)."""
    found: dict[int, str] = {}
    for index, heading in enumerate(header):
        column = column_for(heading)
        if column and column not in found.values():
            found[index] = column
    if ENGLISH not in found.values() and CHINESE not in found.values():
        raise FormatError(f"{path}: no english or chinese column in the header ({', '.join(map(str, header))[:120]})")
    return found


def unknown_headers(header: list[object], found: dict[int, str]) -> dict[int, str]:
    """Cell position → label of the header cells that name no column (an unnamed one as 'column N')."""
    labels = {}
    for index, heading in enumerate(header):
        if index not in found:
            text = "" if heading is None else str(heading).strip()
            labels[index] = text or f"column {index + 1} (no header)"
    return labels


def count_ignored(unknown: dict[int, str], cells: list[object], counts: dict[str, int]) -> None:
    """Count the non-empty cells of one row that sit under an unknown header."""
    for index, label in unknown.items():
        if index < len(cells) and cells[index] is not None and str(cells[index]).strip():
            counts[label] = counts.get(label, 0) + 1
