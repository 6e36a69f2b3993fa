"""Finding the schema's columns in a file's header: by name, any order, language codes accepted."""

from __future__ import annotations

import re
from pathlib import Path

from ..languages import column_of_language
from ..schema import (
    CATEGORY, CHINESE, CHINESE_VARIANTS, CONTEXT, ENGLISH, NOTE, PINYIN, SOURCE, STATUS, TRADITIONAL, VARIANTS,
)
from . import READABLE_COLUMNS, FormatError

# Other names translators and tools use for our columns (language tags are read by languages.py).
# (Few words for the note: a sheet may hold 'Notes' and 'Comments' both, and a column named twice is refused.)
ALIASES = {"source": ENGLISH, "term": ENGLISH, "simplified": CHINESE, "target": CHINESE, "definition": NOTE,
           # the headers of sheets made in Chinese
           "英文": ENGLISH, "英语": ENGLISH, "中文": CHINESE, "简体": CHINESE, "简体中文": CHINESE, "繁体": TRADITIONAL,
           "繁體": TRADITIONAL, "繁体中文": TRADITIONAL, "繁體中文": TRADITIONAL, "拼音": PINYIN, "类别": CATEGORY,
           "分类": CATEGORY, "状态": STATUS, "备注": NOTE, "例句": CONTEXT, "来源": SOURCE}
_LANGUAGE_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
# A header of two words, a language and what the column holds of it ('english_name', 'Chinese term', '英文名称').
_LANGUAGE_WORDS = {"english": ENGLISH, "en": ENGLISH, "eng": ENGLISH, "英文": ENGLISH, "英语": ENGLISH,
                   "chinese": CHINESE, "zh": CHINESE, "cn": CHINESE, "中文": CHINESE, "简体": CHINESE,
                   "traditional": TRADITIONAL, "繁体": TRADITIONAL, "繁體": TRADITIONAL, "pinyin": PINYIN,
                   "source": ENGLISH, "target": CHINESE}  # 'Source term', 'Target term' (alone, source is ours)
_TERM_WORDS = frozenset("name names term terms word words text translation 名称 名 术语 词 词汇".split())
_VARIANT_WORDS = frozenset("variant variants synonym synonyms alias aliases 变体 同义词 别名".split())
_VARIANT_COLUMNS = {ENGLISH: VARIANTS, CHINESE: CHINESE_VARIANTS}
_NOTE_WORDS = frozenset("description definition".split())
_WORD_BREAK = re.compile(r"[\s_\-/.]+|(?<=[文语体體])(?=[\u4e00-\u9fff])")


def column_for(heading: object) -> str | None:
    """The schema column a header cell names ('english (en)', 'Chinese', 'zh-Hans'), or None."""
    if heading is None:
        return None
    raw = str(heading).strip()
    # 'chinese (zh-Hans)' → 'chinese'; a bare '(zh-Hans)' → its code
    text = (_LANGUAGE_NOTE.sub("", raw).strip() or raw.strip("() ")).casefold()
    if text in READABLE_COLUMNS:
        return text
    return ALIASES.get(text) or column_of_language(text) or _language_and_what(text)


def _language_and_what(text: str) -> str | None:
    """The column a header of a language and what it holds names ('english_name', 'Chinese term', 'zh variants',
    '英文名称', an English description as the note), or None (a Chinese description is no column of ours)."""
    words = [word for word in _WORD_BREAK.split(text) if word]
    if len(words) != 2:
        return None
    first, second = words
    language = _LANGUAGE_WORDS.get(first)
    if language is None:
        return None
    if second in _TERM_WORDS:
        return language
    if second in _VARIANT_WORDS:
        return _VARIANT_COLUMNS.get(language)
    if second in _NOTE_WORDS and language == ENGLISH:
        return NOTE
    return None


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
