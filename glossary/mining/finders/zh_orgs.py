"""Chinese organisation names: a name stem and the word that says what it is (星河智能科技有限公司,
小米集团, 网络交易监督管理司), or one segment the segmenter tags as an organisation."""

from __future__ import annotations

from .zh_units import FUNCTION_WORDS, KNOWN_TAG, Unit, joined

# Words that end an organisation's name.
ORGANIZATION_WORDS = frozenset("""
集团 公司 有限公司 股份有限公司 有限责任公司 股份公司 控股 控股集团 银行 委员会 委 部 局 总局 厅 署 司 办公室 研究院
研究所 研究中心 实验室 大学 学院 医院 基金会 协会 学会 联合会 商会 交易所 证券 保险 基金 资本 事业群 事业部 工作室
中心 法院 检察院 管委会 管理局 监管局 监督管理局 办事处 联盟 出版社 电视台 日报 晚报
""".split())
# Characters that end a government body's name when a segment ends with them (监管局, 管理司, 商务厅).
ORGANIZATION_ENDINGS = frozenset("局司部厅署委院")
_LAST_CHARACTERS = frozenset(word[-1] for word in ORGANIZATION_WORDS) | ORGANIZATION_ENDINGS
_LONG_ORGANIZATION_WORDS = tuple(word for word in ORGANIZATION_WORDS if len(word) > 1)
STEM_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "j", "vn", "eng", "ng", "l", KNOWN_TAG})
# Words that make a stem a generic reference, not a name (该公司, 子公司, 各省…局).
GENERIC_STEMS = frozenset("该 本 子 母 总 分 各 其 这家 那家 多家 两家 一家 直辖市 自治区 各省 省级 市级 县级 上市 国内 海外".split())
NAME_CATEGORIES = frozenset({"organization", "business unit", "place", "person", "product"})
MAX_STEM = 5


def is_organization_word(unit: Unit) -> bool:
    """True for a word that says a name is an organisation's (公司, 集团, 监管局)."""
    word = unit.word
    return unit.tag != KNOWN_TAG and (word in ORGANIZATION_WORDS or
                                      (len(word) >= 3 and word[-1] in ORGANIZATION_ENDINGS and unit.tag == "n"))


def names_an_organization(unit: Unit) -> bool:
    """True for a segment that ends as an organisation's name does: one the segmenter tags as one, an organisation
    word (集团), or a word ending with one of two characters or more (钢铁集团, 商业银行)."""
    return unit.tag == "nt" or is_organization_word(unit) or (unit.tag != KNOWN_TAG and any(
        unit.word.endswith(word) for word in _LONG_ORGANIZATION_WORDS))


def organizations(units: list[Unit]) -> list[tuple[int, int]]:
    """(first, last) unit positions of each organisation name in a sentence, in order; a name read from its
    last word back, so names never overlap."""
    found: list[tuple[int, int]] = []
    ends = [i for i, unit in enumerate(units) if unit.tag == "nt" or unit.word[-1:] in _LAST_CHARACTERS]
    taken_from = len(units)  # names found so far start here or later
    for position in reversed(ends):
        if position >= taken_from:
            continue
        unit = units[position]
        if unit.tag == "nt" and len(unit.word) >= 3:
            found.append((position, position))
        elif is_organization_word(unit) and position > 0:
            first = _stem_start(units, position)
            if first is not None:
                found.append((first, position))
                taken_from = first
    return sorted(found)


def _stem_start(units: list[Unit], suffix: int) -> int | None:
    """The first unit of the name stem before an organisation word, or None when there is no name."""
    first = suffix
    while first > 0 and suffix - first < MAX_STEM:
        before = units[first - 1]
        if before.tag not in STEM_TAGS or before.word in FUNCTION_WORDS or before.word in GENERIC_STEMS:
            break
        if before.tag == KNOWN_TAG and before.category not in NAME_CATEGORIES and before.category != "jargon":
            break
        if not joined(units, first - 1, first):
            break
        first -= 1
        if before.tag == KNOWN_TAG and before.category in ("organization", "business unit"):
            break  # a known organisation starts the name (国家市场监督管理总局 + 网络交易监督管理司)
    if first == suffix:
        return None
    stem = units[first:suffix]
    # a stem of everyday nouns only (大公司, 互联网公司) names a kind of company, not a company
    if not any(u.tag in ("nz", "nt", "ns", "nr", "nrt", "eng") or u.tag == KNOWN_TAG and u.category in NAME_CATEGORIES
               for u in stem) and len(stem) < 2:
        return None
    return first


def short_names(units: list[Unit], first: int, last: int) -> list[str]:
    """Shorter names a document uses for an organisation: its stem, without industry words (星河智能科技有限公司
    → 星河智能)."""
    stem = [u for u in units[first:last + 1] if not is_organization_word(u)]
    while stem and stem[-1].word in INDUSTRY_WORDS:
        stem = stem[:-1]
    name = "".join(u.word for u in stem)
    return [name] if len(name) >= 2 and len(stem) < last - first + 1 else []


# Words naming an industry at the end of a company's stem (星河智能科技 → 星河智能).
INDUSTRY_WORDS = frozenset("科技 技术 网络 信息 电子 汽车 实业 控股 投资 传媒 文化 医药 生物 能源 电商".split())
