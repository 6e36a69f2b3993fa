"""Mined rows → proposed glossary entries: what `mine --save` adds and a reviewed mined table imports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping

from ..schema import (
    CATEGORY, CHINESE, CONTEXT, DEFAULT_CATEGORY, DEFAULT_STATUS, ENGLISH, FOUND_IN, KNOWN, STATUS, SUGGESTION,
    TermEntry,
    normalise_category,
)
from ..scripts import has_han


def entry_from_mined_row(row: Mapping[str, object]) -> TermEntry:
    """The entry a mined row proposes: its English and Chinese, where it was found, and where its Chinese came from.

    The status stays as the row has it (a reviewer may have approved it in the sheet), `proposed` when empty."""
    suggestion = _text(row.get(SUGGESTION))
    origin = f"; Chinese proposed from {suggestion}" if suggestion and _text(row.get(CHINESE)) else ""
    english, chinese, traditional = _text(row.get(ENGLISH)), _text(row.get(CHINESE)), ""
    if has_han(english):
        english = ""  # Chinese text is never stored as English
    if has_han(chinese):
        from ..chinese import to_simplified

        simplified = to_simplified(chinese)
        if simplified != chinese:  # found written in traditional characters
            chinese, traditional = simplified, chinese
    return TermEntry(
        id="", english=english, chinese=chinese, traditional=traditional,
        category=normalise_category(_text(row.get(CATEGORY))) or DEFAULT_CATEGORY,
        status=_text(row.get(STATUS)).lower() or DEFAULT_STATUS, note=f"mined{origin}",
        context=_text(row.get(CONTEXT)), source=_text(row.get(FOUND_IN)),
    )


def save_candidates(path: str | os.PathLike, rows: Iterable[Mapping[str, object]]) -> list[TermEntry]:
    """Add the new candidates of a mined table to a glossary file as proposed entries (under its lock),
    skipping known rows and any whose English form the glossary already has (a Chinese row with no English
    proposed: whose Chinese form it has); returns the entries added."""
    from ..store import editing

    added = []
    with editing(Path(path)) as glossary:
        for row in rows:
            if row.get(KNOWN) is True:
                continue
            entry = entry_from_mined_row(row).with_changes(status=DEFAULT_STATUS)
            if entry.english:
                if glossary.owner_of(entry.english) is not None:
                    continue
            elif not entry.chinese or glossary.owners_of_chinese(entry.chinese) \
                    or (entry.traditional and glossary.owners_of_chinese(entry.traditional)):
                continue
            added.append(glossary.add(entry))
    return added


def _text(value: object) -> str:
    """A cell as trimmed text (None and NaN as empty)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()
