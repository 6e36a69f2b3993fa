"""The Chinese finders of one sentence, on its segments (segmented.py): book titles 《…》, quoted coinages
“…”, numeric jargon (85后, 双11, 十五五), organisations, people, places, products and models (华为Mate 70,
理想L9), and noun-run terms (算力网络, 具身智能机器人).

Every candidate is a run of whole units (segments or known terms, zh_units.py) with no function word at
its edges: never a fragment across words, a number with its unit, a date or a clause.
"""

from __future__ import annotations

import re

from ...scripts import has_han
from ..occurrences import (
    CHINESE_TERM, PAIR, ZH_NAME, ZH_NUMERIC, ZH_ORGANIZATION, ZH_PERSON, ZH_PLACE, ZH_PRODUCT, ZH_QUOTED, ZH_WORK,
    Occurrence,
)
from ..segmented import SegmentedText
from ..text import DocumentText, Sentence
from ..zh_scoring import EVERYDAY_ZIPF, general_zipf as _general_zipf
from .zh_orgs import ORGANIZATION_WORDS, names_an_organization, organizations, short_names
from .zh_people import SAYING_VERBS, is_title, shown_as_people
from .zh_units import (
    FUNCTION_TAGS, GENERIC_HEADS, GENERIC_STARTS, KNOWN_TAG, NOMINAL_WORDS, TERM_HEAD, TERM_PART, Unit, is_function_word,
    document_units, segment_flags, sentence_units,
)

# A name in brackets or given by the document is at most this many units; a noun term at most
# MAX_RUN_UNITS (鸿蒙 原生 应用): longer runs give their sub-runs.
MAX_TERM_UNITS = 4
MAX_RUN_UNITS = 3
# A quoted coinage is at most this many units and characters (“大数据杀熟”, “职场反内卷”).
MAX_QUOTED_UNITS, MAX_QUOTED_CHARS = 4, 10
QUOTE_EDGE_WORDS = frozenset("的 地 得 了 着 过 和 与 及 或 也 都 就 在 是 将 被 把".split())
QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\""}
TITLE_OPEN, TITLE_CLOSE = "《", "》"
_OPENING_MARKS = tuple(QUOTES) + (TITLE_OPEN,)
_LATIN_LETTER = re.compile("[A-Za-z]")
_DESCRIBING_WORDS = frozenset("巨头 品牌 平台 机构 企业 厂家 龙头 独角兽 初创公司 子公司".split())
MAX_TITLE_CHARS = 30
# Numeric jargon: generations (85后, 00后), shopping days (双11), five-year plans (十五五); all on segment
# boundaries. A number with a unit (23%, 186亿元, 35岁) is none of these.
_GENERATION = re.compile(r"(?<![\d.])([0-9][05])后")
_SHOPPING_DAY = re.compile(r"双(1[12])(?!\d)")
_FIVE_YEAR_PLAN = re.compile(r"(?<![一二三四五六七八九十])十[一二三四五六七八九]五(?![一二三四五六七八九十])")
_NUMBER_CODE = re.compile(r"^\d{3}$")  # a quoted three-digit number (“996”) names a practice
# A model code after a brand (L9, SU7, X7, M9), or a Latin model name (Mate) followed by a number.
_MODEL_CODE = re.compile(r"^[A-Za-z]{1,3}\d{1,4}[A-Za-z]?$")
_MODEL_NUMBER = re.compile(r"^\d{1,4}[A-Za-z]?$")
BRAND_TAGS = frozenset({"n", "nz", "nr", "nrt", "nt", "ns", "v", "j", KNOWN_TAG})
PRODUCT_BRAND_CATEGORIES = frozenset({"organization", "business unit", "product"})
PLACE_ENDINGS = frozenset("省市县区州镇乡村岛湾山河湖")


def chinese_candidates(sentence: Sentence, document: DocumentText) -> list[Occurrence]:
    """Every Chinese candidate occurrence of a sentence outside its known terms."""
    segmented = document.chinese
    if segmented is None:
        return []
    if segmented.units is None:
        _read_document(document, segmented)
    units = segmented.units.get(sentence.span)
    if not units:
        return []
    finder = _SentenceFinder(sentence, document, segmented, units)
    finder.run()
    return finder.found


def _read_document(document: DocumentText, segmented: SegmentedText) -> None:
    """Units of every sentence, and what holds across the document: who is a person, which short names
    stand for organisations (星河智能 for 星河智能科技有限公司)."""
    segmented.units = {}
    every = document_units(segmented.segments, segment_flags(segmented.segments))
    starts = [unit.start for unit in every]
    for sentence in document.sentences:
        if has_han(sentence.text):
            units = sentence_units(sentence, segmented, segmented.categories, every, starts)
            segmented.units[sentence.span] = units
            segmented.people.update(shown_as_people(units))
            found = segmented.organizations[sentence.span] = organizations(units)
            for first, last in found:
                for short in short_names(units, first, last):
                    segmented.named.setdefault(short, ZH_ORGANIZATION)


class _SentenceFinder:
    """The finders of one sentence, in the order their evidence needs (titles and quotes first, then names,
    then noun runs over what is left); a unit used by one candidate is used by no other."""

    def __init__(self, sentence: Sentence, document: DocumentText, segmented: SegmentedText, units: list[Unit]):
        self.sentence, self.document, self.segmented, self.units = sentence, document, segmented, units
        self.taken = bytearray(len(units))
        self.found: list[Occurrence] = []

    def run(self) -> None:
        """Find every kind, strongest evidence first (each only where its marks are in the sentence)."""
        text = self.sentence.text
        if "(" in text or "（" in text:
            self.pairs()
        if "后" in text or "後" in text or "双" in text or "雙" in text or "十" in text:
            self.numeric()
        if any(mark in text for mark in _OPENING_MARKS):
            self.bracketed()
        if _LATIN_LETTER.search(text):
            self.products()
        self.names()
        self.noun_terms()

    def emit(self, kind: str, first: int, last: int, **extra: object) -> None:
        """One occurrence of units[first..last]; its units are taken."""
        units = self.units
        start, end = units[first].start, units[last].end
        display = self.document.text[start:end]
        key = chinese_key(self.segmented.simplified[start:end])
        details = {"segments": tuple(u.word for u in units[first:last + 1]), **extra}
        self.found.append(Occurrence(kind, key, display, start, self.sentence.span, words=last - first + 1,
                                     extra=details))
        self.taken[first:last + 1] = b"\x01" * (last - first + 1)

    def free(self, first: int, last: int) -> bool:
        """True when none of units[first..last] is taken and none is a known term."""
        return not any(self.taken[first:last + 1]) and all(u.tag != KNOWN_TAG for u in self.units[first:last + 1])

    # --- a term written in both scripts ------------------------------------------------------------

    def pairs(self) -> None:
        """Tongyi Qianwen (通义千问) and 通义千问（Tongyi Qianwen）: the Chinese is a candidate, linked to the
        English beside it (pipeline.py merges the two into one row, zh_pairs.py)."""
        text, units = self.document.text, self.units
        for position, unit in enumerate(units):
            if unit.word not in ("(", "（"):
                continue
            close = next((i for i in range(position + 1, len(units)) if units[i].word in (")", "）")), None)
            if close is None or close == position + 1:
                continue
            inside = text[units[position + 1].start:units[close - 1].end]
            if all(u.is_han for u in units[position + 1:close]) and close - position - 1 <= MAX_TERM_UNITS:
                english = _english_before(text, unit.start)  # Tongyi Qianwen (通义千问)
                if english and self.free(position + 1, close - 1):
                    self.emit_pair(position + 1, close - 1, english, close)
            elif _LATIN_NAME.match(inside):  # 通义千问（Tongyi Qianwen）
                first = self.han_run_before(position)
                if first is not None:
                    self.emit_pair(first, position - 1, inside, close)

    def han_run_before(self, position: int) -> int | None:
        """The first of up to four free Chinese units just before units[position] (a name's), or None; a job title
        or a word that says what the name is ends the run, as the name follows it (项目负责人关印虹（In-Ho Keum）:
        关印虹; 钢铁制造商法斯科（Dofasco）: 法斯科)."""
        units, first = self.units, position
        while first > 0 and position - first < MAX_TERM_UNITS:
            before = units[first - 1]
            if not before.is_han or is_function_word(before) or before.tag in ("v", "m", "t") and first < position:
                break
            if first < position and (is_title(before) or _describes_a_name(before)):
                break
            if before.end != units[first].start or self.taken[first - 1] or before.tag == KNOWN_TAG:
                break
            first -= 1
        return first if first < position else None

    def emit_pair(self, first: int, last: int, english: str, close: int) -> None:
        """The Chinese of a pair as a candidate, and the link to its English; what it names, voted from the words
        around it as for an English name: an organisation word it ends with (钢铁集团), a job title before it or a
        verb of saying after the bracket that closes the pair (`close`)."""
        units = self.units
        if first == last and units[last].word in ORGANIZATION_WORDS:
            return  # 中心 of 中国质量认证中心（CQC）: what a name ends with, never a name
        cues = {}
        if (first and is_title(units[first - 1])) or (
                close + 1 < len(units) and units[close + 1].word in SAYING_VERBS):
            cues["cue:person"] = 2  # (before the segmenter's tags: it takes 关印虹 for an organisation)
        elif names_an_organization(units[last]):
            cues["cue:organization"] = 3
        self.emit(ZH_NAME, first, last, english_in_text=english, **cues)
        occurrence = self.found[-1]
        self.segmented.named.setdefault("".join(u.word for u in self.units[first:last + 1]), ZH_NAME)
        self.found.append(Occurrence(PAIR, occurrence.key, occurrence.display, occurrence.start, occurrence.sentence,
                                     link=english))

    # --- titles, quotes, numbers --------------------------------------------------------------------

    def bracketed(self) -> None:
        """《titles》 of laws, plans and documents, and quoted coinages (“用户为先”, “反内卷”)."""
        units = self.units
        for position, unit in enumerate(units):
            closing = TITLE_CLOSE if unit.word == TITLE_OPEN else QUOTES.get(unit.word)
            if closing is None:
                continue
            end = next((i for i in range(position + 1, len(units)) if units[i].word == closing), None)
            if end is None or end == position + 1:
                continue
            first, last = position + 1, end - 1
            if any(self.taken[first:last + 1]) or (first == last and units[first].tag == KNOWN_TAG):
                continue  # a known term in quotes or in a title's marks is the glossary's row
            text = "".join(u.word for u in units[first:last + 1])
            if unit.word == TITLE_OPEN:
                if len(text) <= MAX_TITLE_CHARS and has_han(text):
                    self.emit(ZH_WORK, first, last)
            elif _NUMBER_CODE.match(text):
                self.emit(ZH_NUMERIC, first, last)
            elif self.is_coinage(first, last, text):
                self.emit(ZH_QUOTED, first, last)

    def is_coinage(self, first: int, last: int, text: str) -> bool:
        """A short quoted phrase that is a coinage, not a clause, a known term or an everyday word in quotes."""
        units = self.units[first:last + 1]
        if last - first + 1 > MAX_QUOTED_UNITS or len(text) > MAX_QUOTED_CHARS or not has_han(text):
            return False
        if any(u.tag == "x" or u.word.isspace() for u in units):
            return False  # punctuation inside: a clause or a sentence
        if len(units) == 1 and units[0].tag == KNOWN_TAG:
            return False  # the glossary's term, counted as known
        if any(u.tag in FUNCTION_TAGS or u.word in QUOTE_EDGE_WORDS for u in (units[0], units[-1])):
            return False  # a coinage may start with 大 or 新 (“大数据杀熟”), never with 的 or 和
        if len(text) < 2 or len(units) == 1 and _general_zipf(text) >= 4.0:
            return False  # one everyday word in quotes is emphasis (“自愿”), not a coinage
        return True

    def numeric(self) -> None:
        """Generations (85后), shopping days (双11) and five-year plans (十五五), on segment boundaries."""
        sentence_start, sentence_end = self.sentence.span
        simplified = self.segmented.simplified
        for pattern in (_GENERATION, _SHOPPING_DAY, _FIVE_YEAR_PLAN):
            for match in pattern.finditer(simplified, sentence_start, sentence_end):
                span = self.unit_span(match.start(), match.end())
                if span is not None and self.free(*span):
                    self.emit(ZH_NUMERIC, *span)

    def unit_span(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last) of the units that exactly cover [start, end), or None."""
        first = next((i for i, u in enumerate(self.units) if u.start == start), None)
        if first is None:
            return None
        for last in range(first, len(self.units)):
            if self.units[last].end == end:
                return first, last
            if self.units[last].end > end:
                return None
        return None

    # --- products and models ---------------------------------------------------------------------

    def products(self) -> None:
        """A brand written against a model: 理想L9, 小米SU7, 问界M9, 华为Mate 70 (its Latin words are not
        English candidates of their own)."""
        units = self.units
        position = 0
        while position < len(units) - 1:
            brand, model = units[position], units[position + 1]
            last = None
            if self.is_brand(brand) and brand.end == model.start and not brand.word.isascii():
                if _MODEL_CODE.match(model.word):
                    last = position + 1
                elif model.tag == "eng" and model.word[:1].isupper() and brand.tag == KNOWN_TAG \
                        and position + 2 < len(units) and _MODEL_NUMBER.match(units[position + 2].word) \
                        and units[position + 2].start - model.end == 1:
                    last = position + 2
            if last is not None and not any(self.taken[position:last + 1]):
                self.emit(ZH_PRODUCT, position, last)
                self.release_tokens(units[position].start, units[last].end)
                position = last + 1
            else:
                position += 1

    def is_brand(self, unit: Unit) -> bool:
        """A word that can name a product line: a name or noun, or a known company or product."""
        if unit.tag == KNOWN_TAG:
            return unit.category in PRODUCT_BRAND_CATEGORIES
        return unit.tag in BRAND_TAGS and len(unit.word) >= 2 and not is_function_word(unit)

    def release_tokens(self, start: int, end: int) -> None:
        """Take the Latin words of a product out of the sentence's free tokens (the English finders'
        input), as known terms are: Mate in 华为Mate 70 is part of the product, not a name of its own."""
        self.sentence.free_tokens = [t for t in self.sentence.free_tokens if not (start <= t.start and t.end <= end)]

    # --- organisations, people, places -------------------------------------------------------------

    def names(self) -> None:
        """Organisations (a stem and 公司/集团/局…, or a short name the document gave one), people, places."""
        units, segmented = self.units, self.segmented
        for first, last in segmented.organizations.get(self.sentence.span, ()):
            if self.free(first, last) or (last > first and not any(self.taken[first:last + 1])):
                if not (first == last and units[first].tag == KNOWN_TAG):
                    self.emit(ZH_ORGANIZATION, first, last)
        self.named_runs()
        people, taken = segmented.people, self.taken
        for position, unit in enumerate(units):
            if unit.tag == "ns" or (people and unit.word in people):
                if taken[position] or unit.tag == KNOWN_TAG:
                    continue
                if unit.word in people:
                    self.emit(ZH_PERSON, position, position)
                elif self.is_place(unit):
                    self.emit(ZH_PLACE, position, position)

    def named_runs(self) -> None:
        """A name the document gave (星河智能 for its company, 通义千问 beside its English) wherever it
        recurs as whole units, even cut in pieces by the segmenter (星河 智能)."""
        units, named = self.units, self.segmented.named
        if not named:
            return
        prefixes = self.segmented.name_prefixes()
        taken = self.taken
        for first in range(len(units)):
            if taken[first] or units[first].word not in prefixes:
                continue
            words, longest = "", None
            for last in range(first, min(len(units), first + MAX_TERM_UNITS)):
                words += units[last].word
                if words not in prefixes or (last > first and units[last - 1].end != units[last].start):
                    break
                if words in named:
                    longest = last
            if longest is not None and self.free(first, longest):
                self.emit(named["".join(u.word for u in units[first:longest + 1])], first, longest)

    def is_place(self, unit: Unit) -> bool:
        """A segment tagged as a place that names one (not 上市 or 新建, which jieba tags so too)."""
        if unit.tag != "ns" or len(unit.word) < 2:
            return False
        from ...dictionary import headword

        found = headword(unit.word)
        if found is None:
            return len(unit.word) >= 3 and unit.word[-1] in PLACE_ENDINGS
        return found.is_proper_noun  # 上市 and 新建 are headwords, not names

    # --- noun terms ------------------------------------------------------------------------------

    def noun_terms(self) -> None:
        """Every run of 1–3 noun units left (算力网络, 鸿蒙座舱, 具身智能机器人): the scorer's C-value keeps
        the runs that recur whole."""
        units, taken = self.units, self.taken
        count, position = len(units), 0
        while position < count:
            if taken[position] or not units[position].flags & TERM_PART:
                position += 1
                continue
            end = position
            while end + 1 < count and not taken[end + 1] and units[end + 1].flags & TERM_PART \
                    and units[end].end == units[end + 1].start:
                end += 1
            self.emit_runs(position, end)
            position = end + 1

    def emit_runs(self, first: int, last: int) -> None:
        """The sub-runs of a noun run that may be terms: a head noun last, not one known term alone."""
        units, simplified, text, span = self.units, self.segmented.simplified, self.document.text, self.sentence.span
        found = self.found
        for begin in range(first, last + 1):
            opener = units[begin]
            if begin < last and (opener.tag in ("l", "vn") or len(opener.word) < 2) or opener.word in GENERIC_STARTS:
                continue  # 新款工业机器人, 专门从事算力网络, 量持续增长
            for end in range(begin, min(last, begin + MAX_RUN_UNITS - 1) + 1):
                head = units[end]
                if end > begin:
                    before = units[end - 1]
                    if before.tag == "vn" and before.word not in NOMINAL_WORDS:
                        break  # a verbal noun ends a term (出口管制) or is its verb (平台企业调整服务协议)
                    if not head.flags & TERM_HEAD or head.word in GENERIC_HEADS or opener.word in GENERIC_HEADS:
                        continue  # 算力网络方面, 模型能力
                    if all(u.tag == KNOWN_TAG for u in units[begin:end + 1]):
                        continue  # known terms side by side (通义千问大模型) are the glossary's rows
                    if head.tag == KNOWN_TAG and head.category == "product" and _describes_a_name(before):
                        continue  # 越野品牌方程豹 says what 方程豹 is (纯血鸿蒙 and 鸿蒙座舱 are terms)
                elif (not head.flags & TERM_HEAD or head.tag == KNOWN_TAG or len(head.word) < 2
                      or _general_zipf(head.word) >= EVERYDAY_ZIPF):
                    continue  # one everyday word (公司, 员工) is no term
                start, stop = opener.start, head.end
                # no segments kept: zh_scoring cuts the key again (a dictionary per row would double the
                # memory of a large corpus's candidates)
                found.append(Occurrence(CHINESE_TERM, chinese_key(simplified[start:stop]), text[start:stop], start,
                                        span, words=end - begin + 1))


_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z0-9.&'’-]*(?: [A-Za-z0-9.&'’-]+){0,5}$")
_LATIN_BEFORE = re.compile(r"([A-Z][A-Za-z0-9.&'’-]*(?: [A-Z][A-Za-z0-9.&'’-]*){0,5}) ?$")


def _describes_a_name(unit: Unit) -> bool:
    """A word that says what a name after it is: a generic noun (公司, 产品) or a maker, seller or operator of
    something (制造商, 供应商, 运营商)."""
    return unit.word in GENERIC_HEADS or unit.word in _DESCRIBING_WORDS or (len(unit.word) > 1 and unit.word[-1] == "商")


def _english_before(text: str, bracket: int) -> str:
    """The capitalised English words just before a bracket (Tongyi Qianwen in 'Tongyi Qianwen (通义千问)')."""
    match = _LATIN_BEFORE.search(text, max(0, bracket - 80), bracket)
    return match.group(1) if match else ""


def chinese_key(simplified: str) -> str:
    """The grouping key of a Chinese candidate: its simplified form, Latin letters in lower case."""
    key = simplified.lower()
    return key if " " not in key else " ".join(key.split())
