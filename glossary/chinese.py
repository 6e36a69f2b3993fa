"""Chinese text helpers: Hanyu Pinyin with tone marks, simplified/traditional conversion, tone folding."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Iterable

from .scripts import HAN_CLASS, has_han

# Surnames whose reading differs from the character's most common reading, and two-character surnames.
_SURNAME_READINGS = {
    "曾": "zēng", "单": "shàn", "解": "xiè", "仇": "qiú", "朴": "piáo", "区": "ōu", "查": "zhā",
    "乐": "yuè", "华": "huà", "任": "rén", "沈": "shěn", "万": "wàn", "盖": "gě", "缪": "miào",
    "种": "chóng", "覃": "qín", "召": "shào", "翟": "zhái", "员": "yùn", "秘": "bì", "繁": "pó",
    "纪": "jǐ", "柏": "bǎi", "宿": "sù", "长": "cháng", "重": "chóng", "尉": "wèi", "句": "gōu",
    "折": "shé", "蕃": "pí", "隗": "wěi", "燕": "yān", "阚": "kàn", "冼": "xiǎn",
}
_COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "万俟", "钟离",
}
# Categories whose pinyin is written as a proper noun (capitalised words).
PROPER_NOUN_CATEGORIES = {"person", "organization", "business unit", "product", "place", "event"}

_HAN_RUN = re.compile(f"([{HAN_CLASS}]+)")
_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]", re.IGNORECASE)
_MAX_WORD = 6


def strip_tones(text: str) -> str:
    """Pinyin without tone marks or tone numbers, lower-cased: 'Tōngyì' → 'tongyi', 'lü' kept as 'lu'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"(?<=[a-zA-Z])[1-5]", "", bare).lower()


# Single characters written as separate words after a proper name (重庆市 → Chóngqìng Shì).
_NAME_SUFFIXES = set("市省县区镇乡村州路街部局署厅")
# Characters that stay lower-case words inside a capitalised name (工业和信息化部 → Gōngyè hé Xìnxīhuà Bù).
_FUNCTION_CHARACTERS = set("和的与及之对")


def _split_words(han: str) -> list[str]:
    """Divide a run of Chinese characters into words: fewest CC-CEDICT words, unknown characters paired."""
    from .dictionary import is_headword

    n = len(han)
    # best[i] = (cheapest cost, cut points) for han[:i]
    best: list[tuple[float, list[int]]] = [(0.0, [])] + [(float("inf"), [])] * n
    for i in range(n):
        cost, cuts = best[i]
        for size in range(1, min(_MAX_WORD, n - i) + 1):
            piece = han[i : i + size]
            step = _word_cost(piece, is_headword)
            if step is not None and cost + step < best[i + size][0]:
                best[i + size] = (cost + step, cuts + [i + size])
    pieces, start = [], 0
    for cut in best[n][1]:
        pieces.append(han[start:cut])
        start = cut
    return _merge_single_characters(pieces)


def _word_cost(piece: str, is_word: Callable[[str], bool]) -> float | None:
    """Cost of taking a piece as one word: long compounds and name+suffix words cost more than their parts."""
    if len(piece) == 1:
        return 1.0 if piece in _NAME_SUFFIXES else 1.5
    if not is_word(piece):
        return None
    if len(piece) <= 3:
        cost = 1.0
    elif len(piece) == 4:
        # Two words beat one four-character word (中国 电信), except sound-spelt names (阿里巴巴, 哔哩哔哩).
        cost = 1.9 if (piece[2] == piece[3] or piece[:2] == piece[2:]) else 2.05
    else:
        cost = 0.55 * len(piece)
    if len(piece) >= 3 and piece[-1] in _NAME_SUFFIXES:
        cost += 1.1
    return cost


def _merge_single_characters(pieces: list[str]) -> list[str]:
    """Pair up runs of lone characters (most words have two syllables); keep name suffixes apart."""
    merged: list[str] = []
    run = ""
    for piece in pieces + [""]:
        if len(piece) == 1 and piece not in _NAME_SUFFIXES:
            run += piece
            continue
        if run:
            merged.extend([run] if len(run) == 3 else [run[i : i + 2] for i in range(0, len(run), 2)])
            run = ""
        if piece:
            merged.append(piece)
    return merged


def _word_syllables(word: str) -> list[str]:
    """Tone-marked syllables, one per character, read in context (pypinyin's phrase readings)."""
    from pypinyin import Style, pinyin

    return [choices[0] for choices in pinyin(word, style=Style.TONE, errors="default")]


_NUMBERED = re.compile(r"^([a-zü]+?)([1-5])$")
_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def _reading_syllables(reading: str, han: str) -> list[str] | None:
    """The tone-marked syllables of a numbered reading ('Chong2 qing4' → chóng, qìng), one per character of
    `han`, or None when it has no such syllables (a Latin letter, another count); an idiom's dash is left out."""
    syllables = [marked_syllable(part) for part in reading.replace("·", " ").split() if part not in ("-", ",")]
    if len(syllables) != len(han) or None in syllables:
        return None
    return syllables  # type: ignore[return-value]


def marked_syllable(numbered: str) -> str | None:
    """One numbered pinyin syllable with its tone mark ('lu:4' → 'lǜ', 'r5' → 'r'), or None when it is none."""
    match = _NUMBERED.match(numbered.lower().replace("u:", "ü").replace("v", "ü"))
    if match is None:
        return None
    letters, tone = match.group(1), int(match.group(2))
    if tone == 5:
        return letters
    vowels = [i for i, ch in enumerate(letters) if ch in _TONE_MARKS]
    if not vowels:
        return None
    # a or e takes the mark, o in 'ou', else the last vowel (guì, liù)
    at = next((i for i in vowels if letters[i] in "ae"), None)
    if at is None:
        at = letters.index("o") if "ou" in letters else vowels[-1]
    return letters[:at] + _TONE_MARKS[letters[at]][tone - 1] + letters[at + 1:]


def _join_syllables(syllables: list[str]) -> str:
    """Join a word's syllables, with an apostrophe before a syllable starting with a, o or e (Xī'ān)."""
    out = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        out += ("'" if _VOWEL_START.match(syllable) else "") + syllable
    return out


def _capitalise(word: str) -> str:
    """Upper-case the first letter of a pinyin word, keeping its tone mark."""
    return word[:1].upper() + word[1:]


def _person_words(han: str, syllables: list[str]) -> list[list[str]]:
    """A personal name's syllables as surname and given name, with the surname's own reading."""
    size = 2 if han[:2] in _COMPOUND_SURNAMES else 1
    surname = syllables[:size]
    if size == 1 and han[0] in _SURNAME_READINGS:
        surname = [_SURNAME_READINGS[han[0]]]
    return [surname, syllables[size:]] if len(han) > size else [surname]


def _group(syllables: list[str], words: list[str]) -> list[list[str]]:
    """Cut a run's syllables (one per character) into the given words."""
    groups, start = [], 0
    for word in words:
        groups.append(syllables[start : start + len(word)])
        start += len(word)
    return groups


def _is_transliteration(chinese: str) -> bool:
    """True for a foreign name written with a middle dot (萨姆·奥尔特曼): each part is one word."""
    return "·" in chinese or "・" in chinese


def to_pinyin(chinese: str, category: str = "", reading: str = "") -> str:
    """Hanyu Pinyin with tone marks for a Chinese term, written by word ('重庆' → 'Chóngqìng'); `reading`, a
    CC-CEDICT reading of the whole term ('Chong2 qing4'), gives its syllables when it has one per character, and
    capitals when it is a proper noun's (中东 'Zhong1 dong1' → 'Zhōngdōng' whatever the category)."""
    chinese = chinese.strip()
    if not has_han(chinese):
        return ""
    proper = category in PROPER_NOUN_CATEGORIES or reading[:1].isupper()  # CC-CEDICT capitalises proper nouns
    pieces: list[str] = []
    # the reading's syllables of every Chinese character in turn (萨达姆·侯赛因: Sa4 da2 mu3 · Hou2 sai4 yin1)
    read = _reading_syllables(reading, "".join(_HAN_RUN.findall(chinese))) if reading else None
    for part in _HAN_RUN.split(chinese):
        if not part:
            continue
        if not has_han(part):
            text = unicodedata.normalize("NFKC", part).replace("·", " ").replace("・", " ").strip()
            if text:
                pieces.append(text)
            continue
        if read is not None:
            syllables, read = read[:len(part)], read[len(part):]
        else:
            syllables = _word_syllables(part)
        if _is_transliteration(chinese):
            groups = [syllables]
        elif category == "person" and 2 <= len(part) <= 4:
            groups = _person_words(part, syllables)
        else:
            words = _split_words(part)
            groups = _group(syllables, words)
            if category == "place":
                groups = _place_readings(groups, words)
        if proper and category != "person":
            groups = _attach_lone_syllables(groups, part)
        pieces.extend(_style_words([g for g in groups if g], part, proper))
    return _join_pieces(pieces)


def _place_readings(groups: list[list[str]], words: list[str]) -> list[list[str]]:
    """A place's words read as CC-CEDICT reads them as names (朝阳 Cháoyáng, 长宁 Chángníng), where its words
    have another reading too."""
    from .dictionary import place_readings

    readings = place_readings()
    for index, word in enumerate(words):
        reading = readings.get(word)
        syllables = _reading_syllables(reading, word) if reading is not None else None
        if syllables is not None:
            groups[index] = syllables
    return groups


def _attach_lone_syllables(groups: list[list[str]], han: str) -> list[list[str]]:
    """In a name, a one-syllable word joins the word before it (阿里云 → Ālǐyún), suffixes excepted."""
    merged: list[list[str]] = []
    position = 0
    for group in groups:
        char = han[position] if len(group) == 1 else ""
        position += len(group)
        if char and merged and char not in _NAME_SUFFIXES and char not in _FUNCTION_CHARACTERS:
            merged[-1] = merged[-1] + group
        else:
            merged.append(group)
    return merged


def _style_words(groups: list[list[str]], han: str, proper: bool) -> list[str]:
    """Join each word's syllables; in names capitalise every word but the function words."""
    words, position = [], 0
    for group in groups:
        word = _join_syllables(group)
        is_function = len(group) == 1 and han[position] in _FUNCTION_CHARACTERS
        position += len(group)
        words.append(_capitalise(word) if proper and not is_function else word)
    return words


def _join_pieces(pieces: list[str]) -> str:
    """Join words with spaces, but punctuation straight after the word before it."""
    out = ""
    for piece in pieces:
        if out and not unicodedata.category(piece[0]).startswith("P"):
            out += " "
        out += piece
    return out


@functools.lru_cache(maxsize=2)
def _converter(config: str):
    """An OpenCC converter ('s2t', 't2s', ...), created once."""
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Character conversion from simplified to traditional script (no vocabulary changes)."""
    return _converter("s2t").convert(text) if text else ""


def to_simplified(text: str) -> str:
    """Character conversion from traditional to simplified script."""
    return _converter("t2s").convert(text) if text else ""


def converted(forms: Iterable[str], convert: Callable[[str], str]) -> dict[str, str]:
    """Each form → its conversion (to_traditional, to_simplified): those without a line break converted in one call,
    a line each (OpenCC converts each line of a text as it would the line alone), the others one by one."""
    forms = list(forms)
    whole = [form for form in forms if "\n" not in form]
    lines = convert("\n".join(whole)).split("\n") if whole else []
    if len(lines) != len(whole):  # never seen: a conversion that joined or cut lines
        return {form: convert(form) for form in forms}
    found = dict(zip(whole, lines))
    found.update((form, convert(form)) for form in forms if "\n" in form)
    return found


# --- Hanyu Pinyin in English text --------------------------------------------------------------

# Every toneless Hanyu Pinyin syllable (ü written u), as pypinyin's reading tables list them; kept here as
# data so that finding pinyin in English text needs no import of pypinyin's large tables.
PINYIN_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai can cang cao
ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun
chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die din ding diu
dong dou du duan dui dun duo ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei
gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai
huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke
kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang
liao lie lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min
ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou nu
nuan nue nun nuo ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang
qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa
sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang
shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou
tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu
xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong
zou zu zuan zui zun zuo
""".split())


def pinyin_syllables() -> frozenset[str]:
    """Every toneless Hanyu Pinyin syllable ('zhong', 'qian', 'lü' as 'lu')."""
    return PINYIN_SYLLABLES


def pinyin_syllable_split(word: str) -> list[str] | None:
    """Split a romanised word into pinyin syllables ('Qianwen' → ['qian', 'wen']), or None if it is not pinyin."""
    word = strip_tones(word)
    if not word or not all(part.isalpha() and part.isascii() for part in word.split("'")):
        return None
    syllables = pinyin_syllables()
    result: list[str] = []
    for part in word.split("'"):
        split = _split_syllables(part, syllables)
        if split is None:
            return None
        result.extend(split)
    return result


def _split_syllables(text: str, syllables: frozenset[str]) -> list[str] | None:
    """Fewest-syllables division of a lower-case string into pinyin syllables (longest first on ties)."""
    best: list[list[str] | None] = [[]] + [None] * len(text)
    for i in range(len(text)):
        if best[i] is None:
            continue
        for size in range(6, 0, -1):
            piece = text[i : i + size]
            if len(piece) == size and piece in syllables:
                candidate = best[i] + [piece]
                if best[i + size] is None or len(candidate) < len(best[i + size]):
                    best[i + size] = candidate
    return best[len(text)]
