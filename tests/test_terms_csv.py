"""The curated terms.csv: valid, large enough, shipped as the package default, right on the seed's terms."""

from __future__ import annotations

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
