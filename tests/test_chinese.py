"""Pinyin with tone marks (names and places right), tone folding, simplified/traditional conversion."""

from __future__ import annotations

import pytest

from glossary.chinese import has_han, strip_tones, to_pinyin, to_simplified, to_traditional
from .conftest import ROOT


@pytest.mark.parametrize("chinese, category, pinyin", [
    ("重庆", "place", "Chóngqìng"),               # 重 read chóng in the place name, not zhòng
    ("厦门", "place", "Xiàmén"),                  # 厦 read xià, not shà
    ("西安", "place", "Xī'ān"),                   # apostrophe before a syllable starting with a vowel
    ("长沙", "place", "Chángshā"),
    ("重庆市", "place", "Chóngqìng Shì"),          # administrative suffix written apart
    ("长宁区", "place", "Chángníng Qū"),          # CC-CEDICT's reading of the name, not zhǎng
    ("朝阳区", "place", "Cháoyáng Qū"),           # the district, not zhāoyáng (the morning sun)
    ("单县", "place", "Shànxiàn"),                # 单 read shàn in the county's name
    ("朝阳", "jargon", "zhāoyáng"),               # no place: the word's own reading
    ("吴泳铭", "person", "Wú Yǒngmíng"),           # surname apart, given name as one word
    ("曾毓群", "person", "Zēng Yùqún"),            # surname 曾 is Zēng, not céng
    ("单仁平", "person", "Shàn Rénpíng"),          # surname 单 is Shàn
    ("欧阳娜娜", "person", "Ōuyáng Nànà"),         # two-character surname
    ("萨姆·奥尔特曼", "person", "Sàmǔ Ào'ěrtèmàn"),  # transliterated name: each part one word
    ("通义千问", "product", "Tōngyì Qiānwèn"),
    ("阿里巴巴集团", "organization", "Ālǐbābā Jítuán"),
    ("阿里云", "organization", "Ālǐyún"),
    ("中国电信", "organization", "Zhōngguó Diànxìn"),
    ("工业和信息化部", "organization", "Gōngyè hé Xìnxīhuà Bù"),
    ("用户为先", "jargon", "yònghù wèixiān"),       # jargon is not capitalised
    ("AI驱动", "jargon", "AI qūdòng"),             # Latin letters kept
    ("85后", "jargon", "85 hòu"),
    ("客户第一，员工第二", "jargon", "kèhù dìyī, yuángōng dì'èr"),
])
def test_pinyin_of_names_places_and_jargon(chinese: str, category: str, pinyin: str):
    assert to_pinyin(chinese, category) == pinyin


def test_no_pinyin_for_text_without_chinese_characters():
    assert to_pinyin("ChatGPT", "product") == "" and not has_han("ChatGPT") and has_han("AI驱动")


@pytest.mark.parametrize("marked, bare", [("Tōngyì Qiānwèn", "tongyi qianwen"), ("tong1yi4", "tongyi"),
                                          ("Xī'ān", "xi'an"), ("LǙ", "lu")])
def test_strip_tones(marked: str, bare: str):
    assert strip_tones(marked) == bare


def test_script_conversion_both_ways():
    assert to_traditional("通义千问 阿里云 吴泳铭") == "通義千問 阿里雲 吳泳銘"
    assert to_simplified("騰訊雲") == "腾讯云"


def test_the_syllable_table_is_exactly_what_pypinyin_reads():
    from pypinyin.pinyin_dict import pinyin_dict

    from glossary.chinese import pinyin_syllables

    readings = {strip_tones(r).replace("ü", "u") for value in pinyin_dict.values() for r in value.split(",")}
    readings = {r for r in readings if r.isalpha() and r.isascii()} - {"m", "n", "ng", "hm", "hng", "e", "o", "r"}
    assert pinyin_syllables() == readings


@pytest.mark.parametrize("word, syllables", [("Qianwen", ["qian", "wen"]), ("Chongqing", ["chong", "qing"]),
                                              ("Xi'an", ["xi", "an"]), ("Tencent", None), ("Monday", None)])
def test_romanised_words_split_into_syllables(word: str, syllables: list[str] | None):
    from glossary.chinese import pinyin_syllable_split

    assert pinyin_syllable_split(word) == syllables


def test_the_shipped_place_readings_are_what_the_shipped_dictionary_gives():
    import gzip

    from glossary import dictionary

    shipped = (ROOT / "glossary" / "data" / dictionary.PLACE_READINGS_FILE).read_bytes()
    assert gzip.decompress(shipped).decode("utf-8").splitlines() == dictionary.place_reading_lines()
    assert dictionary.place_readings()["朝阳"] == "Chao2 yang2"


def test_a_dictionary_reading_gives_the_syllables_of_the_whole_term():
    from glossary.chinese import marked_syllable

    assert to_pinyin("华为", "organization", "Hua2 wei2") == "Huáwéi"  # 为 is wéi here
    assert to_pinyin("朝鲜", "place", "Chao2 xian3") == "Cháoxiǎn"
    assert to_pinyin("萨达姆·侯赛因", "person", "Sa4 da2 mu3 · Hou2 sai4 yin1") == "Sàdámǔ Hóusàiyīn"
    assert to_pinyin("不慌不忙", "jargon", "bu4 huang1 - bu4 mang2").replace(" ", "") == "bùhuāngbùmáng"
    assert to_pinyin("重庆", "place", "Zhong4 qing4 xx") == to_pinyin("重庆", "place")  # no fit: read as before
    # a proper noun's reading is capitalised, whatever category the row was given; a word's is not
    assert to_pinyin("中东", "other", "Zhong1 dong1") == "Zhōngdōng"
    assert to_pinyin("财报", "jargon", "cai2 bao4") == "cáibào"
    assert [marked_syllable(s) for s in ("lu:4", "nv3", "liu4", "gou3", "r5", "hm")] == ["lǜ", "nǚ", "liù", "gǒu",
                                                                                         "r", None]


def test_mining_english_proposes_the_dictionary_reading_without_loading_pypinyin(tmp_path, prepared_cache):
    import subprocess
    import sys

    text = tmp_path / "news.txt"
    text.write_text("North Korea claimed it had no cases. Analysts at the Bank of China disagreed.\n", encoding="utf-8")
    script = ("import sys, json, glossary; rows = glossary.mine([sys.argv[1]], glossary=False, records=True);"
              "print(json.dumps({r['english']: r['pinyin'] for r in rows}, ensure_ascii=False));"
              "print('pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(text)], capture_output=True, text=True, check=True)
    pinyin, loaded = done.stdout.splitlines()
    assert '"North Korea": "cháoxiǎn"' in pinyin or '"North Korea": "Cháoxiǎn"' in pinyin
    assert loaded == "False"
