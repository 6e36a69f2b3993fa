"""The bilingual side of mined rows: the glossary's Chinese for known terms, proposals for new ones."""

from __future__ import annotations

from ..schema import CATEGORY, CHINESE, ENGLISH, PINYIN, STATUS, SUGGESTION, TermEntry
from .occurrences import ACRONYM, CHINESE_TERM, GENERATION, NAME, PINYIN as PINYIN_KIND, QUOTED, TERM
from .tally import Tally

ORGANIZATION_WORDS = frozenset("""
group holding holdings ltd limited inc co corp corporation company bank university ministry administration
commission agency bureau council association institute academy exchange fund capital partners technologies
technology motors securities media news times post daily agency office committee court authority federation
""".split())
PLACE_GLOSS_WORDS = ("city", "province", "county", "district", "municipality", "capital of", "prefecture", "town in")
COMMON_SURNAMES = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han
feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng su wei lu ding ren shen yao cui zhong tan
fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu hou yin xue yan duan lei long tao gu mao hao gong shao
wan qian dai mo kong xiang lei lai kang
""".split())


def describe_known(entry: TermEntry) -> dict[str, object]:
    """A mined row's bilingual fields from a glossary entry (pinyin derived when the entry has none)."""
    pinyin = entry.pinyin
    if not pinyin and entry.chinese:
        from ..chinese import to_pinyin

        pinyin = to_pinyin(entry.chinese, entry.category)
    return {
        ENGLISH: entry.english or entry.chinese, CHINESE: entry.chinese, PINYIN: pinyin, CATEGORY: entry.category,
        STATUS: entry.status, SUGGESTION: "" if entry.status == "approved" else "glossary",
    }


def describe_new(key: str, tally: Tally) -> dict[str, object]:
    """A new candidate's row: its best display form and a proposed Chinese form with where it came from."""
    from ..chinese import to_pinyin

    prefer_capitals = tally.kind not in (TERM, QUOTED)  # names keep their capitals; terms read in lower case
    display = max(tally.displays, key=lambda d: (tally.displays[d], d[:1].isupper() == prefer_capitals)) \
        if tally.displays else key
    chinese, suggestion, gloss = suggest_chinese(key, display, tally)
    category = guess_category(display, tally.kind, gloss)
    english = "" if tally.kind == CHINESE_TERM else display
    if tally.kind == CHINESE_TERM:
        chinese = display
    return {
        ENGLISH: english, CHINESE: chinese, PINYIN: to_pinyin(chinese, category) if chinese else "",
        CATEGORY: category, STATUS: "proposed", SUGGESTION: suggestion,
    }


def suggest_chinese(key: str, display: str, tally: Tally) -> tuple[str, str, str]:
    """(Chinese, source, dictionary gloss) proposed for a new candidate; empty when nothing is known."""
    from ..dictionary import suggest_from_english, suggest_from_pinyin

    if tally.kind == GENERATION and tally.extra and tally.extra.get("chinese"):
        return tally.extra["chinese"], "pattern", ""
    if tally.kind == CHINESE_TERM:
        return "", "", ""
    if tally.kind == PINYIN_KIND:
        found = suggest_from_pinyin(display.replace(" ", ""))
        if found:
            return found.simplified, "pinyin", " ".join(found.glosses)
    if tally.kind in (TERM, QUOTED, ACRONYM, NAME, PINYIN_KIND):
        found = suggest_from_english(display if tally.kind in (NAME, PINYIN_KIND) else key)
        if found:
            return found.simplified, "dictionary", " ".join(found.glosses)
    return "", "", ""


def guess_category(display: str, kind: str, gloss: str) -> str:
    """A first guess at the category of a new candidate (a translator confirms it)."""
    words = display.lower().rstrip(".").split()
    if kind in (TERM, QUOTED, GENERATION, CHINESE_TERM):
        return "jargon"
    if gloss and any(marker in gloss.lower() for marker in PLACE_GLOSS_WORDS):
        return "place"
    if words and (words[-1] in ORGANIZATION_WORDS or words[0] in {"ministry", "bureau", "department", "office"}):
        return "organization"
    if kind in (NAME, PINYIN_KIND) and 2 <= len(words) <= 3 and (words[-1] in COMMON_SURNAMES or words[0] in COMMON_SURNAMES):
        return "person"
    if kind == ACRONYM and len(words) > 1:
        return "jargon" if display == display.lower() else "organization"
    return "other"
