"""The bilingual side of new Chinese rows: the Chinese as written, and a proposed English from the glossary
(an entry with the same Chinese), CC-CEDICT (the whole term as a headword, never word by word) or pinyin
for people and places (吴泳铭 → Wu Yongming, as English news writes Chinese names); `suggestion` says which.

English text only ever goes in `english`: a proposal holding Chinese characters is dropped. `confidence` (0–1)
says how sure the proposal is, on the English rows' scale: English written beside the Chinese in the text, or an
approved glossary entry, is nearly certain; a dictionary gloss is surer the fewer senses its headword has and the
rarer the word is in general Chinese; a proper-noun headword proposed for a term that no finder took for a name is
as often another referent as not (天枢, the star Dubhe, names products too), so its confidence is low; a romanised name is as sure as pinyin is
for names in English news.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..schema import CATEGORY, CHINESE, CONFIDENCE, ENGLISH, PINYIN, STATUS, SUGGESTION, TermEntry
from ..scripts import has_han
from .occurrences import (
    CHINESE_TERM, NAME, ZH_NAME, ZH_NUMERIC, ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_QUOTED, ZH_WORK,
)
from .suggestions import guess_category
from .tally import Tally
from .zh_scoring import EVERYDAY_ZIPF, general_zipf, segments_of

if TYPE_CHECKING:
    from typing import Callable

CATEGORIES = {ZH_ORGANIZATION: "organization", ZH_PERSON: "person", ZH_PLACE: "place", ZH_PRODUCT: "product",
              ZH_WORK: "other", ZH_NAME: "other", ZH_NUMERIC: "jargon", ZH_QUOTED: "jargon", CHINESE_TERM: "jargon"}
ROMANISED = frozenset({ZH_PERSON, ZH_PLACE})
# A dictionary gloss longer than this is a description (“Zhunan town in Miaoli county…”), not a name.
MAX_NAME_GLOSS_WORDS = 3
# Kinds that name something: a proper-noun headword may render them (a star's or a god's name renders no term).
NAME_KINDS = frozenset({ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_NAME})
# Confidence of each source of an English proposal (a dictionary gloss is scaled by its senses, see below).
IN_TEXT_CONFIDENCE, APPROVED_CONFIDENCE, PROPOSED_CONFIDENCE = 0.9, 0.95, 0.6
DICTIONARY_CONFIDENCE = 0.7
# A proper-noun headword for a term no finder took for a name: the name of something else as often as not.
PROPER_NOUN_CONFIDENCE = 0.3
# A known name and a company word after it (小米 + 集团): the English as companies usually style it, longest first.
ORGANIZATION_SUFFIXES = (("集团股份有限公司", "Group Co., Ltd."), ("集团有限公司", "Group Co., Ltd."),
                         ("控股有限公司", "Holdings Ltd."), ("股份有限公司", "Co., Ltd."), ("科技有限公司", "Technology Co., Ltd."),
                         ("有限公司", "Co., Ltd."), ("集团", "Group"), ("控股", "Holdings"), ("科技", "Technology"))
COMPOSING_CATEGORIES = frozenset({"organization", "business unit"})
COMPOSED_CONFIDENCE = 0.5  # companies style their English names their own way (BYD Company Limited)
PINYIN_CONFIDENCE = {ZH_PERSON: 0.6, ZH_PLACE: 0.7}  # people often write their own spelling (Hong Kong, Taiwan, English names)


class ChineseProposals:
    """Proposes English for the new Chinese rows of one mining run."""

    def __init__(self, entries: list[TermEntry], split: "Callable[[str], tuple[str, ...]]") -> None:
        self._entries = entries
        self._split = split
        self._owners: dict[str, int] | None = None

    def owner(self, simplified: str) -> TermEntry | None:
        """The glossary entry one of whose Chinese forms (simplified) is this, or None."""
        if self._owners is None:
            from ..chinese import to_simplified

            self._owners = {}
            for index, entry in enumerate(self._entries):
                for form in entry.chinese_forms():
                    self._owners.setdefault(to_simplified(form), index)
        index = self._owners.get(simplified)
        return None if index is None else self._entries[index]

    def describe(self, key: str, tally: Tally) -> dict[str, object]:
        """A new Chinese candidate's row: the Chinese as written most often, a proposed English and its source."""
        from ..chinese import to_pinyin, to_simplified

        written = max(tally.displays, key=lambda d: tally.displays[d]) if tally.displays else key
        simplified = to_simplified(written)
        category = CATEGORIES.get(tally.kind, "jargon")
        in_text = (tally.extra or {}).get("english_in_text")
        if tally.kind == ZH_NAME and in_text:  # named as its English would be, with the votes of the words around it
            category = guess_category(in_text, NAME, "", tally.extra)
        english, suggestion, confidence = self.english_for(simplified, category, tally)
        if has_han(english):
            english, suggestion, confidence = "", "", 0.0
        segments = segments_of(simplified, tally, self._split)
        if segments and len(segments) > 1 and "".join(segments) == simplified and category != "person":
            pinyin = " ".join(_segment_pinyin(segment, category) for segment in segments)  # by the segmenter's words
        else:
            pinyin = to_pinyin(simplified, category)
        return {
            ENGLISH: english, CHINESE: written, PINYIN: pinyin, CATEGORY: category,
            STATUS: "proposed", SUGGESTION: suggestion, CONFIDENCE: confidence,
        }

    def english_for(self, simplified: str, category: str, tally: Tally) -> tuple[str, str, float]:
        """(English, where it came from, confidence): written beside it in the text, the glossary, CC-CEDICT,
        pinyin, or ('', '', 0)."""
        from ..chinese import to_pinyin

        in_text = (tally.extra or {}).get("english_in_text")
        if in_text:
            return in_text, "in text", IN_TEXT_CONFIDENCE
        entry = self.owner(simplified)
        if entry is not None and entry.english:
            return entry.english, "glossary", APPROVED_CONFIDENCE if entry.status == "approved" else PROPOSED_CONFIDENCE
        composed = self.composed(simplified) if tally.kind == ZH_ORGANIZATION else ""
        if composed:
            return composed, "composed", COMPOSED_CONFIDENCE
        gloss, confidence = dictionary_proposal(simplified, tally.kind)
        romanise = tally.kind in ROMANISED
        if gloss and not (romanise and len(gloss.split()) > MAX_NAME_GLOSS_WORDS):
            return gloss, "dictionary", confidence
        if romanise:
            return news_romanisation(to_pinyin(simplified, category)), "pinyin", PINYIN_CONFIDENCE[tally.kind]
        return "", "", 0.0

    def composed(self, simplified: str) -> str:
        """A known name's English with the English of the company word after it (小米集团 → Xiaomi Group,
        比亚迪股份有限公司 → BYD Co., Ltd.), or ''."""
        for suffix, english in ORGANIZATION_SUFFIXES:
            stem = simplified[:-len(suffix)]
            if simplified.endswith(suffix) and stem:
                entry = self.owner(stem)
                if entry is None or not entry.english or entry.category not in COMPOSING_CATEGORIES:
                    continue
                known = entry.english.removesuffix(" Group") if english.startswith("Group") else entry.english
                return f"{known} {english}"
        return ""


def dictionary_proposal(simplified: str, kind: str) -> tuple[str, float]:
    """(CC-CEDICT's gloss of the whole term as a headword, its confidence), or ('', 0)."""
    from ..dictionary import english_gloss, headword

    found = headword(simplified) if has_han(simplified) and not simplified.isascii() else None
    gloss = english_gloss(found) if found is not None else ""
    if not gloss:
        return "", 0.0
    senses = sum(len(sense.split(";")) for sense in found.glosses if sense and not has_han(sense))
    confidence = DICTIONARY_CONFIDENCE / (1 + 0.25 * (max(1, senses) - 1))
    if found.is_proper_noun and kind not in NAME_KINDS:
        confidence = min(confidence, PROPER_NOUN_CONFIDENCE)  # 大赦国际 is Amnesty International, 天枢 a product more often than the star
    if general_zipf(simplified) >= EVERYDAY_ZIPF:
        confidence *= 0.6
    return gloss, round(confidence, 2)


@functools.lru_cache(maxsize=100_000)
def _segment_pinyin(segment: str, category: str) -> str:
    """The pinyin of one segment (segments recur across rows: 机器人 in many terms)."""
    from ..chinese import to_pinyin

    return to_pinyin(segment, category) if has_han(segment) else segment  # S3 in 星河S3 stays S3


def news_romanisation(pinyin: str) -> str:
    """Pinyin as English news writes names: capitals kept, tone marks and apostrophes dropped (Wú Yǒngmíng → Wu Yongming)."""
    import unicodedata

    bare = "".join(ch for ch in unicodedata.normalize("NFKD", pinyin) if not unicodedata.combining(ch))
    return bare.replace("'", "").replace("’", "")
