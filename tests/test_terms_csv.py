"""The curated terms.csv: valid, large enough, shipped as the package default, right on the seed's terms."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from glossary import store
from glossary.schema import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
REPO_TERMS = ROOT / "terms.csv"


@pytest.fixture(scope="module")
def shipped() -> store.Glossary:
    """The glossary shipped inside the package, loaded and validated."""
    return store.Glossary(store.read_entries(store.embedded_path()))


def test_the_shipped_glossary_validates_and_has_at_least_400_entries(shipped: store.Glossary):
    assert len(shipped) >= 400


def test_the_package_ships_the_repository_terms_csv(shipped: store.Glossary):
    if not REPO_TERMS.exists():
        pytest.skip("running from an installed package without the source tree")
    assert store.embedded_path().read_bytes() == REPO_TERMS.read_bytes()


def test_the_file_is_saved_in_canonical_form(shipped: store.Glossary):
    assert store.serialise(shipped.entries()).encode("utf-8") == store.embedded_path().read_bytes()


def test_every_category_is_represented_and_unverified_forms_are_proposed(shipped: store.Glossary):
    categories = Counter(e.category for e in shipped)
    assert set(categories) == set(CATEGORIES)
    proposed = [e for e in shipped if e.status == "proposed"]
    assert proposed and all(e.note for e in proposed)  # every unsure entry says why


@pytest.mark.parametrize("english, chinese", [
    # the names and jargon of the seed article (Alibaba's new CEO letter, September 2023)
    ("Alibaba Group Holding Ltd.", "阿里巴巴集团控股有限公司"), ("Smart China Expo", "中国国际智能产业博览会"),
    ("Chongqing", "重庆"), ("Eddie Wu", "吴泳铭"), ("Wu Yongming", "吴泳铭"), ("Jack Ma", "马云"),
    ("Daniel Zhang", "张勇"), ("user first", "用户为先"), ("AI-driven", "AI驱动"), ("start-up mindset", "创业心态"),
    ("technology-driven internet platforms", "技术驱动的互联网平台"), ("Alibaba Cloud", "阿里云"),
    ("Tongyi Qianwen", "通义千问"), ("large language model", "大语言模型"), ("LLM", "大语言模型"),
    ("born after 1985", "85后"), ("post-90s", "90后"), ("globalization", "全球化"), ("CEO", "首席执行官"),
    ("e-commerce", "电子商务"), ("cloud computing", "云计算"), ("artificial intelligence", "人工智能"),
    ("business group", "业务集团"), ("six business groups", "六大业务集团"), ("Bloomberg", "彭博社"),
    # the brief's companies, products, people, places, events and jargon
    ("Qwen", "通义千问"), ("Taobao", "淘宝"), ("Tmall", "天猫"), ("Cainiao", "菜鸟"), ("Ant Group", "蚂蚁集团"),
    ("Tencent", "腾讯"), ("Baidu", "百度"), ("ByteDance", "字节跳动"), ("JD.com", "京东"), ("Pinduoduo", "拼多多"),
    ("Meituan", "美团"), ("Huawei", "华为"), ("Xiaomi", "小米"), ("Ernie Bot", "文心一言"), ("Hunyuan", "混元"),
    ("Doubao", "豆包"), ("DingTalk", "钉钉"), ("WeChat", "微信"), ("Alipay", "支付宝"), ("Douyin", "抖音"),
    ("Joe Tsai", "蔡崇信"), ("Pony Ma", "马化腾"), ("Robin Li", "李彦宏"), ("Hangzhou", "杭州"),
    ("Singles' Day", "双十一"), ("Double 11", "双十一"), ("996", "996工作制"), ("involution", "内卷"),
    ("lying flat", "躺平"), ("common prosperity", "共同富裕"), ("post-85s", "85后"),
])
def test_seed_and_brief_terms_carry_their_established_chinese(shipped: store.Glossary, english: str, chinese: str):
    entry = shipped.owner_of(english)
    assert entry is not None, f"{english!r} is missing"
    assert entry.chinese == chinese


def test_people_have_pinyin_with_surname_apart(shipped: store.Glossary):
    assert shipped.find("Eddie Wu").pinyin == "Wú Yǒngmíng"
    assert shipped.find("Robin Zeng").pinyin == "Zēng Yùqún"
    assert shipped.find("Chongqing").pinyin == "Chóngqìng"


# --- the findings of the independent review (shared/data/terms_review.md), each fixed and pinned ------------


def test_alibaba_pictures_is_now_damai_entertainment_and_the_old_name_is_deprecated(shipped: store.Glossary):
    damai = shipped.find("Damai Entertainment")
    assert (damai.chinese, damai.traditional, damai.status) == ("大麦娱乐", "大麥娛樂", "approved")
    old = shipped.find("Alibaba Pictures")
    assert (old.chinese, old.status) == ("阿里巴巴影业", "deprecated")
    assert old.note.startswith("Former name of Damai Entertainment")


def test_the_entertainment_group_is_now_hujing_and_the_old_name_is_deprecated(shipped: store.Glossary):
    hujing = shipped.find("Hujing Digital Media and Entertainment Group")
    assert (hujing.chinese, hujing.traditional, hujing.category, hujing.status) == (
        "虎鲸文娱集团", "虎鯨文娛集團", "business unit", "approved")
    old = shipped.find("Digital Media and Entertainment Group")
    assert (old.chinese, old.status) == ("大文娱集团", "deprecated")
    assert old.note.startswith("Former name of Hujing Digital Media and Entertainment Group")


def test_lan_foan_reads_fo_and_became_finance_minister_in_2023(shipped: store.Glossary):
    lan = shipped.find("Lan Fo'an")
    assert lan.pinyin == "Lán Fó'ān"
    assert "Oct. 2023" in lan.note and "2024" not in lan.note


def test_dated_notes_are_corrected(shipped: store.Glossary):
    assert "17 May 2023" in shipped.find("Martin Lau").note
    assert "March 2014" in shipped.find("Sina Weibo").note


def test_word_division_of_cnooc_and_eleme_pinyin(shipped: store.Glossary):
    assert shipped.find("CNOOC").pinyin == "Zhōngguó Hǎiyóu"
    assert shipped.find("Ele.me").pinyin == "Èleme"


def test_aidc_headword_is_the_name_alibaba_reports_use(shipped: store.Glossary):
    aidc = shipped.find("AIDC")
    assert aidc.english == "Alibaba International Digital Commerce Group"
    assert "Global Digital Commerce Group" in aidc.variant_list()
    assert shipped.find("Alibaba E-commerce Business Group").chinese == "阿里电商事业群"


@pytest.mark.parametrize("form, wrong_owner", [
    ("Wang Tao", "Frank Wang"),          # 汪滔 of DJI; Huawei's 汪涛 is romanised the same
    ("Eric Li", "Li Shufu"),             # also Eric X. Li 李世默
    ("GAC", "General Administration of Customs"),  # GAC is carmaker GAC Group 广汽
    ("import substitution", "domestic substitution"),  # 进口替代, its own concept
    ("blessing", "fubao"),               # an ordinary English word
    ("race track", "track"),             # a literal race track
    ("Howard Liang", "Liang Hua"),       # no support found
])
def test_risky_english_variants_are_gone(shipped: store.Glossary, form: str, wrong_owner: str):
    owner = shipped.owner_of(form)
    assert owner is None or owner.english != wrong_owner, f"{form!r} still points to {wrong_owner!r}"
    assert form not in shipped.find(wrong_owner).variant_list()


def test_gac_belongs_to_gac_group_and_customs_is_gacc(shipped: store.Glossary):
    assert shipped.owner_of("GACC").chinese == "海关总署"
    gac = shipped.owner_of("GAC")
    assert gac is not None and gac.chinese == "广汽集团"


def test_eric_li_is_a_variant_of_neither_and_both_entries_say_so(shipped: store.Glossary):
    assert shipped.owner_of("Eric Li") is None
    assert "Eric Li" in shipped.find("Li Shufu").note and "Eric Li" in shipped.find("Eric X. Li").note
    assert shipped.find("Eric X. Li").chinese == "李世默"


def test_import_substitution_is_its_own_concept(shipped: store.Glossary):
    assert shipped.find("import substitution").chinese == "进口替代"
    assert shipped.find("domestic substitution").chinese == "国产替代"


# --- size, balance and provenance of the grown glossary (issue 14) ---------------------------------------

MINIMUM_BY_CATEGORY = {
    "person": 400, "organization": 600, "business unit": 80, "product": 350, "place": 250, "event": 80,
    "title": 80, "jargon": 500,
}
_URL = re.compile(r"https?://\S+")
_DATED = re.compile(r"\b(19|20)\d\d\b")
_HEDGE = re.compile(r"verif|reportedly|not sure|\?", re.IGNORECASE)


def verifiable(source: str) -> bool:
    """A source a reader can follow: a URL, or a named document with its date (a year at least)."""
    return bool(_URL.search(source) or _DATED.search(source))


def test_the_shipped_glossary_has_at_least_2500_entries(shipped: store.Glossary):
    assert len(shipped) >= 2500


@pytest.mark.parametrize("category, minimum", sorted(MINIMUM_BY_CATEGORY.items()))
def test_each_category_has_its_expected_minimum(shipped: store.Glossary, category: str, minimum: int):
    assert sum(1 for e in shipped if e.category == category) >= minimum


@pytest.mark.parametrize("label", ["company website", "Xinhua usage", "government website", "standard place name",
                                   "Chinese tech and business media usage", "official app name", ""])
def test_a_generic_label_is_not_a_source(label: str):
    assert not verifiable(label)


@pytest.mark.parametrize("source", ["https://en.wikipedia.org/wiki/Pony.ai",
                                    "Eddie Wu staff letter, Sept. 2023",
                                    "CC-CEDICT (MDBG release of 2025-02-19), entry 内卷"])
def test_a_url_or_a_dated_document_is_a_source(source: str):
    assert verifiable(source)


def test_every_entry_has_a_verifiable_source(shipped: store.Glossary):
    unsourced = [e.english or e.chinese for e in shipped if not verifiable(e.source)]
    assert not unsourced, f"{len(unsourced)} entries without a URL or dated document, e.g. {unsourced[:5]}"


def test_no_approved_entry_hedges_in_its_note(shipped: store.Glossary):
    hedging = [(e.english, e.note) for e in shipped if e.status == "approved" and _HEDGE.search(e.note)]
    assert not hedging


def test_at_least_500_entries_carry_an_example_sentence(shipped: store.Glossary):
    assert sum(1 for e in shipped if e.context) >= 500


def test_every_entry_records_when_it_was_checked(shipped: store.Glossary):
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.updated) for e in shipped)


@pytest.mark.parametrize("english, pinyin", [
    ("Lu'an", "Lù'ān"), ("Bengbu", "Bèngbù"), ("Panyu", "Pānyú"), ("Taizhou, Zhejiang", "Tāizhōu"),
    ("Taizhou, Jiangsu", "Tàizhōu"), ("Peru", "Bìlǔ"), ("Xiao Hong", "Xiāo Hóng"), ("Shen Yiqin", "Shèn Yíqín"),
    ("Zeng Xuezhong", "Zēng Xuézhōng"), ("Chaoyang", "Cháoyáng"),
])
def test_hand_checked_readings_of_places_and_surnames(shipped: store.Glossary, english: str, pinyin: str):
    assert shipped.find(english).pinyin == pinyin


@pytest.mark.parametrize("english, chinese", [
    # a sample of the review's section 3, added and checked
    ("Horizon Robotics", "地平线"), ("Pony.ai", "小马智行"), ("DeepSeek-R1", "DeepSeek-R1"), ("Zhipu Qingyan", "智谱清言"),
    ("Ascend 910C", "昇腾910C"), ("15th Five-Year Plan", "“十五五”规划"), ("anti-involution", "反内卷"),
    ("low-altitude economy", "低空经济"), ("Cyril Han", "韩歆毅"), ("Li Yunze", "李云泽"),
    ("Ministry of Human Resources and Social Security", "人力资源和社会保障部"), ("Stock Connect", "沪深港通"),
    ("Fourth Plenum", "四中全会"), ("state councilor", "国务委员"), ("Haidian", "海淀"),
])
def test_terms_the_review_found_missing_are_present(shipped: store.Glossary, english: str, chinese: str):
    assert shipped.find(english).chinese == chinese


def test_ambiguous_place_names_are_kept_apart(shipped: store.Glossary):
    assert shipped.owner_of("Taizhou") is None  # 台州 (Zhejiang) or 泰州 (Jiangsu)
    assert shipped.find("Huangpu District").chinese == "黄浦区"
    assert shipped.find("Huangpu, Guangzhou").chinese == "黄埔"


_TONE_MARKED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def test_no_pinyin_cell_holds_chinese_characters(shipped: store.Glossary):
    assert not [e.english for e in shipped if re.search(r"[\u4e00-\u9fff]", e.pinyin)]


def test_every_syllable_of_a_person_or_place_carries_its_tone(shipped: store.Glossary):
    # names have no neutral tones: 李子柒 is Lǐ Zǐqī, not Lǐ Ziqī
    toneless = []
    for entry in shipped:
        if entry.category in ("person", "place") and entry.chinese:
            han = sum(1 for ch in entry.chinese if "\u4e00" <= ch <= "\u9fff")
            if sum(1 for ch in entry.pinyin.lower() if ch in _TONE_MARKED) < han:
                toneless.append((entry.english, entry.pinyin))
    assert not toneless
