"""Finding the schema's columns in a file's header: by name, any order, language codes accepted."""

from __future__ import annotations

import re
from pathlib import Path

from ..schema import CHINESE, COLUMNS, ENGLISH, PINYIN, TRADITIONAL
from . import FormatError

# Language codes and other names translators and tools use for our columns.
ALIASES = {
    "en": ENGLISH, "en-us": ENGLISH, "en-gb": ENGLISH, "source": ENGLISH, "term": ENGLISH,
    "zh": CHINESE, "zh-hans": CHINESE, "zh-cn": CHINESE, "zh_hans": CHINESE, "simplified": CHINESE,
    "target": CHINESE, "zh-hant": TRADITIONAL, "zh-tw": TRADITIONAL, "zh-hk": TRADITIONAL, "zh_hant": TRADITIONAL,
    "zh-latn-pinyin": PINYIN,
}
_LANGUAGE_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def column_for(heading: object) -> str | None:
    """The schema column a header cell names ('english (en)', 'Chinese', 'zh-Hans'), or None."""
    if heading is None:
        return None
    raw = str(heading).strip()
    # 'chinese (zh-Hans)' → 'chinese'; a bare '(zh-Hans)' → its code
    text = (_LANGUAGE_NOTE.sub("", raw).strip() or raw.strip("() ")).casefold()
    if text in COLUMNS:
        return text
    return ALIASES.get(text)


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
