"""What the Chinese finders read: a sentence as units, each one segment or one known glossary term, with
its part-of-speech tag, and the word classes the finders share.

Every Chinese candidate is a run of whole units, so none is a fragment that crosses a word boundary.
"""

from __future__ import annotations

import bisect
from itertools import compress, count, repeat
from operator import is_
from typing import TYPE_CHECKING

from ...scripts import has_han
from ..segmented import SegmentedText

if TYPE_CHECKING:
    from ...segmenter import Segmentation
from ..text import Sentence

KNOWN_TAG = "known"
# Tags of segments that can be part of a noun term (jieba's tag set): nouns, proper nouns other than names,
# abbreviations, verbal and adjectival nouns; idioms and set phrases (l) only inside a longer run.
NOUN_TAGS = frozenset({"n", "nz", "j", "vn", "an", "ng", "nl", "l"})
# Tags a term may end with (a verbal noun or a set phrase is no head noun).
HEAD_TAGS = frozenset({"n", "nz", "j", "ng", "an", "nl"})
# Functional words: never a candidate, nor the first or last word of one.
FUNCTION_WORDS = frozenset("""
的 地 得 了 着 过 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 也 还 又 都 就 才 在 是 为 以 于 对 把 被 将 从 向
给 由 让 使 之 其 该 这 那 此 各 每 某 本 我 你 他 她 它 我们 他们 她们 它们 自己 等 等等 个 位 家 年 月 日 中 上 下
内 外 前 后 里 时 所 如 若 如果 因为 所以 因此 已 已经 正在 仍 仍然 更 最 很 非常 不 没 没有 无 有 要 会 能 可 可以
应 应当 需要 通过 关于 根据 按照 随着 对于 以及 其中 包括 以来 之后 之前 之间 左右 约 近 超过 达到 同比 环比 今年
去年 明年 目前 当前 日前 近日 今天 昨天 有所 有关 相关 所有 一些 不少 多 少 全 新 大 小 其他 其它 另 另外 各种 各类
一切 任何 面向 关键在于 在于 这种 那种 这些 那些 此前 此外 同时 以后 以前 如下 下称 简称 即 则
月份 同期 去年同期 当月 当年 月底 月初 年底 年初 年末 上旬 中旬 下旬
""".split())
# Generic nouns that make no term as its first or last word (算力网络方面, 多步骤任务, 新一代训练集群).
GENERIC_HEADS = frozenset("""
方面 情况 问题 时候 时间 阶段 过程 部分 事项 领域 方式 水平 水准 程度 结果 原因 目标 作用 影响 环境 意见 任务 能力
地方 方向 内容 工作 条件 规范 关键 基础 重点 特点 优势 压力 步骤 版本 产品 业务 人士 员工 公司 企业 行业 市场 情况下 收入 板块
销量 销售额 股价 工厂 门店
""".split())
GENERIC_STARTS = frozenset("所有 各类 相关 新款 新一代 首批 首次 全体 全新 专门 多 大量 部分 这种 一种 旗下 年度 当季".split())
# Known glossary terms of these categories may be part of a longer noun term (算力 + 网络, 鸿蒙 + 座舱);
# names of companies, people and places, and titles, end a term as capitalised words end an English one.
TERM_FORMING_CATEGORIES = frozenset({"jargon", "other", "product", "event"})


# What a unit is, as bits of Unit.flags: worked out once per (word, tag) and kept (words recur).
HAN, FUNCTION, TERM_PART, TERM_HEAD, SEEN, SPACE = 1, 2, 4, 8, 16, 32  # SEEN: never 0, so a cached 0 is no miss
FUNCTION_TAGS = frozenset({"x", "u", "uj", "ul", "uz", "ug", "ud", "uv", "p", "c", "r", "y"})
# Words the segmenter tags as verbs that are nouns in terms (鸿蒙原生应用, 服务机器人, 安全治理).
NOMINAL_WORDS = frozenset("应用 服务 治理 监管 支付 计算 存储 交付 推理 训练 封装 制造 安全".split())
_FLAGS: dict[tuple[str, str], int] = {}


def unit_flags(word: str, tag: str, category: str = "") -> int:
    """The flags of a segment (or, with tag 'known', of a known term of a category)."""
    key = (word, category or tag)
    flags = _FLAGS.get(key)
    if flags is None:
        if len(_FLAGS) > 500_000:
            _FLAGS.clear()
        han = has_han(word)
        flags = SEEN | (HAN if han else 0) | (SPACE if word.isspace() else 0)
        if word in FUNCTION_WORDS or (tag in FUNCTION_TAGS and tag != KNOWN_TAG):
            flags |= FUNCTION  # 同比 is a glossary term, and still a function word here
        elif tag == KNOWN_TAG:  # 算力 in 算力网络; not 90后 (90后员工) or AI驱动 (AI驱动业务)
            if category in TERM_FORMING_CATEGORIES and all(has_han(ch) for ch in word):
                flags |= TERM_PART | TERM_HEAD
        elif han and (tag in NOUN_TAGS or word in NOMINAL_WORDS):
            flags |= TERM_PART | (TERM_HEAD if tag in HEAD_TAGS or word in NOMINAL_WORDS else 0)
        _FLAGS[key] = flags
    return flags


class Unit:
    """One segment, or one known glossary term, of a sentence; offsets into the document. (A plain class with
    slots: a document makes one per segment, and this is about twice as quick to make as a dataclass.)"""

    __slots__ = ("word", "start", "end", "tag", "category", "flags")

    def __init__(self, word: str, start: int, end: int, tag: str, category: str = "", flags: int = 0) -> None:
        self.word = word  # in simplified characters (full-width Latin folded)
        self.start = start
        self.end = end
        self.tag = tag  # jieba's part of speech, or 'known'
        self.category = category  # the glossary category of a known term
        self.flags = flags  # HAN, FUNCTION, TERM_PART, TERM_HEAD

    def __repr__(self) -> str:
        return f"Unit({self.word!r}, {self.start}, {self.end}, {self.tag!r}, {self.category!r}, {self.flags})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unit) and _fields(self) == _fields(other)

    __hash__ = None  # type: ignore[assignment]

    @property
    def is_han(self) -> bool:
        """True when the unit holds Chinese characters."""
        return bool(self.flags & HAN)


def _fields(unit: Unit) -> tuple:
    """A unit's values, in order."""
    return unit.word, unit.start, unit.end, unit.tag, unit.category, unit.flags


def segment_flags(segments: "Segmentation") -> list[int]:
    """The flags of every segment of a document, worked out in one pass."""
    flags = list(map(_FLAGS.get, zip(segments.words, segments.tags)))  # in C; words seen before are known
    if None in flags:  # worked out for the (few) words new here, found in C too
        words, tags = segments.words, segments.tags
        for position in compress(count(), map(is_, flags, repeat(None))):
            flags[position] = unit_flags(words[position], tags[position])
    return flags


def document_units(segments: "Segmentation", flags: list[int]) -> list[Unit]:
    """Every segment of a document as a unit, white space left out, made in one pass."""
    starts = segments.starts
    units = list(map(Unit, segments.words, starts, starts[1:], segments.tags, repeat(""), flags))
    if any(mark & SPACE for mark in set(flags)):
        units = [unit for unit in units if not unit.flags & SPACE]
    return units


def sentence_units(sentence: Sentence, segmented: SegmentedText, categories: list[str], every: list[Unit],
                   starts: list[int]) -> list[Unit]:
    """The sentence's segments as units, the segments under each known term folded into one unit. `categories`
    gives the glossary category of each entry index; `every` is the document's units (document_units), `starts`
    where each of them starts."""
    start, end = sentence.span
    first = bisect.bisect_left(starts, start)
    units: list[Unit] = []
    for hit in sentence.hits:  # the segments before each known term, then the term as one unit
        stop = bisect.bisect_left(starts, hit.start, first)
        if stop > first:
            units += every[first:stop]
        word, category = segmented.simplified[hit.start:hit.end], categories[hit.entry]
        units.append(Unit(word, hit.start, hit.end, KNOWN_TAG, category, unit_flags(word, KNOWN_TAG, category)))
        first = bisect.bisect_left(starts, hit.end, stop)
    stop = bisect.bisect_left(starts, end, first)
    if stop > first:
        units += every[first:stop]
    return units


def is_function_word(unit: Unit) -> bool:
    """True for a functional word (的, 将, 同比 …) or punctuation."""
    return bool(unit.flags & FUNCTION)


def joined(units: list[Unit], first: int, last: int) -> bool:
    """True when units[first..last] follow one another without a gap (no space or punctuation between)."""
    return all(units[i].end == units[i + 1].start for i in range(first, last))
