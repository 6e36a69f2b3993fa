"""Language tags, in every spelling translators and tools write them (en-US, zh_Hans, zh-TW, zh-Latn-pinyin),
and the schema columns they stand for: defined once, for the workbook headers, TBX, tables and TMX."""

from __future__ import annotations

from .schema import CHINESE, ENGLISH, PINYIN, TRADITIONAL, VARIANTS

# The tag written for each column that holds one language ("chinese (zh-Hans)" in a workbook, TBX langSec).
COLUMN_TAGS = {ENGLISH: "en", CHINESE: "zh-Hans", TRADITIONAL: "zh-Hant", PINYIN: "zh-Latn-pinyin", VARIANTS: "en"}
_ENGLISH_PRIMARY = ("en", "eng")
_CHINESE_PRIMARY = ("zh", "zho", "chi", "cmn")
_TRADITIONAL_SUBTAGS = frozenset({"hant", "tw", "hk", "mo"})


def language_matches(tag: str, wanted: str) -> bool:
    """True when a language tag is the wanted language or a variant of it ('zh-CN' for 'zh'; 'en_US')."""
    tag = tag.strip().casefold().replace("_", "-")
    wanted = wanted.strip().casefold().replace("_", "-")
    return bool(wanted) and (tag == wanted or tag.startswith(wanted + "-"))


def column_of_language(tag: str) -> str | None:
    """The column a language tag's text belongs in, in any common spelling (en-US, zh_Hans, zh-TW, zh), or None:
    english, chinese (simplified, the default for Chinese), traditional, or pinyin (zh-Latn-pinyin)."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    if parts[0] in _ENGLISH_PRIMARY:
        return ENGLISH
    if parts[0] not in _CHINESE_PRIMARY:
        return None
    if "latn" in parts[1:]:
        return PINYIN
    if _TRADITIONAL_SUBTAGS & set(parts[1:]):
        return TRADITIONAL
    return CHINESE
