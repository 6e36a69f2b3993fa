"""Chinese person names: a segment tagged as a person's name (nr) that starts with a common surname and
is shown to be a person by a title beside it (董事长林晓峰, 林晓峰董事长) or a verb of saying after it
(林晓峰表示). A name shown so once counts everywhere in its document."""

from __future__ import annotations

from .zh_units import KNOWN_TAG, Unit

# The common Chinese surnames (about 300 cover nearly everyone); compound surnames are in chinese.py's list.
SURNAMES = frozenset("""
王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金
石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章
鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解
牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇
桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封钟
""".replace("\n", ""))
COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 端木 独孤 南宫 西门".split())
TITLES = frozenset("""
董事长 副董事长 首席执行官 首席财务官 首席技术官 首席运营官 首席科学家 总裁 副总裁 总经理 副总经理 经理 总监 创始人 联合创始人
董事 常务董事 执行董事 独立董事 主席 副主席 行长 副行长 部长 副部长 局长 副局长 主任 副主任 司长 厅长 省长 市长 书记 委员
执行官 财务官 技术官 运营官 总理 副总理 院长 院士 教授 研究员 分析师 发言人 负责人 合伙人 首席 总编辑 记者 秘书长 理事长 会长 老板 掌门人 CEO CFO CTO
""".split())
LINKING_ADVERBS = frozenset("同时 也 还 则 再次 此前 曾 随后 进一步".split())
SAYING_VERBS = frozenset("表示 说 称 指出 透露 认为 强调 介绍 写道 坦言 直言 回应 提到 提出 表态 宣布 解释 告诉 呼吁".split())


def has_surname(word: str) -> bool:
    """True when a word of 2–4 characters starts with a common surname (one or two characters)."""
    if not 2 <= len(word) <= 4:
        return False
    if word[:2] in COMPOUND_SURNAMES:
        return len(word) >= 3
    return word[0] in SURNAMES and len(word) <= 3


# Tags the segmenter gives a name it does not know as one (魏哲家/n), beside nr.
UNKNOWN_NAME_TAGS = frozenset({"n", "nz", "x"})


def may_be_person(unit: Unit) -> bool:
    """True for a segment that may be a person's name: tagged as one and starting with a surname, or a
    three-character word with a surname that no dictionary knows (a name the segmenter did not tag)."""
    if (unit.tag != "nr" and unit.tag not in UNKNOWN_NAME_TAGS) or not has_surname(unit.word):
        return False
    if unit.tag == "nr":
        return True
    if unit.tag in UNKNOWN_NAME_TAGS and len(unit.word) == 3:
        from ...dictionary import headword

        return headword(unit.word) is None
    return False


def shown_as_people(units: list[Unit]) -> set[str]:
    """The names in a sentence that a title or a verb of saying beside them shows to be people's."""
    cues = [i for i, unit in enumerate(units) if unit.word in SAYING_VERBS or is_title(unit)]
    if not cues:  # no title (ours or the glossary's) or verb of saying in the sentence: no name shown
        return set()
    names = set()
    count = len(units)
    for position in {near for cue in cues for near in (cue - 2, cue - 1, cue + 1) if 0 <= near < count}:
        unit = units[position]
        if unit.tag != "nr" and unit.tag not in UNKNOWN_NAME_TAGS:
            continue
        after = units[position + 1] if position + 1 < count else None
        if after is not None and after.word in LINKING_ADVERBS and position + 2 < count:
            after = units[position + 2]  # 吴泳铭同时强调
        if ((position and is_title(units[position - 1]))
                or (after is not None and (is_title(after) or after.word in SAYING_VERBS))) and may_be_person(unit):
            names.add(unit.word)
    return names


def is_title(unit: Unit) -> bool:
    """A job title: one of ours, or a glossary term of the title category."""
    return unit.word in TITLES or (unit.tag == KNOWN_TAG and unit.category == "title")


