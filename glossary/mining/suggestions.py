"""The bilingual side of mined rows: the glossary's Chinese for known terms, proposals for new ones."""

from __future__ import annotations

from ..english import zipf
from ..schema import CATEGORY, CHINESE, CONFIDENCE, ENGLISH, PINYIN, STATUS, SUGGESTION, TermEntry
from .occurrences import ACRONYM, CHINESE_TERM, GENERATION, NAME, PINYIN as PINYIN_KIND, QUOTED, TERM
from .tally import Tally
from .text import NAME_CONNECTORS

ORGANIZATION_WORDS = frozenset("""
group holding holdings ltd limited inc co corp corporation company bank university ministry administration
commission agency bureau council association institute academy exchange fund capital partners technologies
technology motors securities media news times post daily agency office committee court authority federation
research ventures labs lab entertainment electronics robotics logistics brief wire newsline communications
alliance cloud
""".split())
PLACE_WORDS = frozenset("factory plant campus park zone district lake river mountain port airport station".split())
EVENT_WORDS = frozenset("expo forum festival summit conference fair congress games olympics exhibition convention".split())
PRODUCT_WORDS = frozenset("pro ultra max plus mini lite app model os phone pad band watch series edition chip "
                          "framework platform assistant".split())
LAW_WORDS = frozenset("law act regulations provisions measures".split())
PROGRAMME_WORDS = frozenset("programme program initiative plan project scheme principles".split())
CATEGORY_CUES = ("person", "organization", "product", "place", "event")
EVERYDAY_ZIPF = 4.0  # an English word this common (race 4.9, regulator 3.6) has senses a gloss may not mean
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
        CONFIDENCE: 1.0 if entry.status == "approved" else 0.8,
    }


def describe_new(key: str, tally: Tally, known_category: str = "") -> dict[str, object]:
    """A new candidate's row: its best display form, a proposed Chinese form with where it came from and how
    sure the proposal is, and a category from the name's words and the cues around it. `known_category` is
    that of a glossary name inside it (Hunyuan in Hunyuan Compass)."""
    from ..chinese import to_pinyin

    display = best_display(key, tally)
    chinese, suggestion, gloss, confidence, reading = suggest_chinese(key, display, tally)
    category = guess_category(display, tally.kind, gloss, tally.extra or {}, known_category)
    english = "" if tally.kind == CHINESE_TERM else display
    if tally.kind == CHINESE_TERM:
        chinese = display
    return {
        ENGLISH: english, CHINESE: chinese, PINYIN: to_pinyin(chinese, category, reading) if chinese else "",
        CATEGORY: category, STATUS: "proposed", SUGGESTION: suggestion, CONFIDENCE: confidence,
    }


def best_display(key: str, tally: Tally) -> str:
    """The spelling a row shows: the commonest; names keep their capitals, terms read in lower case."""
    prefer_capitals = tally.kind not in (TERM, QUOTED)
    if not tally.displays:
        return key
    return max(tally.displays, key=lambda d: (tally.displays[d], d[:1].isupper() == prefer_capitals))


def suggest_chinese(key: str, display: str, tally: Tally) -> tuple[str, str, str, float, str]:
    """(Chinese, source, dictionary gloss, confidence 0–1, the dictionary's reading of it) proposed for a new
    candidate; ('', 'none', '', 0, '') when nothing honest can be said."""
    from ..dictionary import propose_from_english, suggest_from_pinyin

    if tally.kind == GENERATION and tally.extra and tally.extra.get("chinese"):
        return tally.extra["chinese"], "pattern", "", 0.9, ""
    if tally.kind == CHINESE_TERM:
        return "", "", "", 0.0, ""
    if tally.kind == PINYIN_KIND:
        found = suggest_from_pinyin(display.replace(" ", ""))
        if found and len(found.simplified) > 1:  # one syllable is a guess among homophones (周, 州, 舟)
            return (found.simplified, "pinyin", " ".join(found.glosses), 0.8 if found.is_proper_noun else 0.5,
                    found.reading)
    if tally.kind in (TERM, QUOTED, ACRONYM, NAME, PINYIN_KIND) and "contains" not in (tally.extra or {}):
        term = display if tally.kind in (NAME, PINYIN_KIND, ACRONYM) else key
        proposal = propose_from_english(term)
        if proposal:
            confidence = proposal.confidence
            if " " not in term and zipf(term) >= EVERYDAY_ZIPF:
                confidence = round(confidence * 0.6, 2)  # an everyday word has senses the dictionary may miss
            return (proposal.entry.simplified, "dictionary", " ".join(proposal.entry.glosses), confidence,
                    proposal.entry.reading)
    return "", "none", "", 0.0, ""


# The connectors inside names that no person's name holds (von, van, de and du may: Ursula von der Leyen).
NAME_CONNECTOR_WORDS = NAME_CONNECTORS - {"de", "du", "von", "van"}
# First words of an institution named 'X of …' (Ministry of Commerce, Bank of China, University of Leeds).
ORGANIZATION_OPENERS = frozenset("ministry bureau department office bank university college academy institute "
                                 "commission council".split())


def guess_category(display: str, kind: str, gloss: str, extra: dict | None = None, known_category: str = "") -> str:
    """A first guess at the category of a new candidate (a translator confirms it): the name's own words
    first (Group, Expo, Law, Pro), then what the text around it says (said, CEO, shares of, launched, in),
    then the shape of a Chinese personal name."""
    words = display.lower().rstrip(".").split()
    extra = extra or {}
    if kind in (TERM, QUOTED, GENERATION, CHINESE_TERM) or not words:
        return "jargon"
    last = words[-1].rstrip(".,")
    if last in LAW_WORDS:
        return "jargon"
    if last in EVENT_WORDS or (last.isdigit() and len(words) > 1 and words[-2] in EVENT_WORDS):
        return "event"
    if last in ORGANIZATION_WORDS or words[0] in {"ministry", "bureau", "department", "office"} or (
            words[0] in ORGANIZATION_OPENERS and len(words) > 2 and words[1] == "of"):
        return "organization"
    if last in PROGRAMME_WORDS:
        return "other"
    if last in PLACE_WORDS:
        return "place"
    votes = {category: extra.get(f"cue:{category}", 0) for category in CATEGORY_CUES}
    if last in PRODUCT_WORDS or any(word[:1].isdigit() for word in words[1:]):
        votes["product"] += 3
    if known_category in ("product", "business unit"):
        votes["product"] += 3
    elif known_category == "organization":
        votes["product"] += 1  # Xiaomi Smart Band, Douyin Hourly Delivery: a maker's name before a product
    if gloss and any(marker in gloss.lower() for marker in PLACE_GLOSS_WORDS):
        votes["place"] += 3
    chinese_name = kind in (NAME, PINYIN_KIND) and 2 <= len(words) <= 3 and (
        words[-1] in COMMON_SURNAMES or words[0] in COMMON_SURNAMES)
    if chinese_name:
        votes["person"] += 2
    if len(words) > 3 or not 2 <= len(words) <= 3 or any(word in NAME_CONNECTOR_WORDS for word in words):
        votes["person"] = 0  # people are named in two or three words (Grace Y. Zhou), none a connector
        # (the Church of England said …)
    best = max(CATEGORY_CUES, key=lambda category: votes[category])
    if votes[best] >= 2:
        return best
    if kind == ACRONYM and len(words) > 1:
        return "jargon" if display == display.lower() else "organization"
    return best if votes[best] else "other"
