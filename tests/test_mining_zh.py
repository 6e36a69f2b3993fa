"""Mining Chinese documents: segmented candidates of every kind, known terms on segment boundaries, English
proposals, both scripts in one row, --lang, encodings, and our Chinese sample articles with gold lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary
from glossary import store
from glossary.chinese import to_simplified
from glossary.cli import cli
from glossary.schema import TermEntry, check_entry
from glossary.store import Glossary

from .sample_gold_zh import GOLD_ZH
from .test_mining import NO_GLOSSARY, ROOT, doc, shipped  # noqa: F401 (shipped is a fixture)

SAMPLES = ROOT / "samples" / "zh"


def rows_by_chinese(frame) -> dict[str, dict]:
    """Mined rows keyed by simplified Chinese (the first, best-ranked row of each)."""
    rows: dict[str, dict] = {}
    for row in frame.to_dict(orient="records"):
        if row["chinese"]:
            rows.setdefault(to_simplified(row["chinese"]), row)
    return rows


def rows_by_english(frame) -> dict[str, dict]:
    """Mined rows keyed by English as written."""
    return {row["english"]: row for row in frame.to_dict(orient="records") if row["english"]}


def run(*args: str):
    """The command line, in process."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- the sample articles and their gold lists -----------------------------------------------------


@pytest.mark.parametrize("sample", sorted(GOLD_ZH))
def test_every_gold_term_of_a_chinese_sample_is_in_the_top_40_with_the_glossary_english(sample: str,
                                                                                         shipped: Glossary):
    frame = glossary.mine([SAMPLES / sample], glossary=shipped, top=40)
    found = rows_by_chinese(frame)
    english_rows = {row["english"] for row in frame.to_dict(orient="records")}
    missing = [chinese for chinese, english in GOLD_ZH[sample]
               if chinese not in found and not (chinese.isascii() and chinese in english_rows)]
    assert not missing, f"{sample}: not in the top 40: {missing}"
    for chinese, english in GOLD_ZH[sample]:
        if english is not None and chinese in found:
            assert found[chinese]["english"] == english and found[chinese]["known"], chinese
        elif english is None:
            assert not found[chinese]["known"] and found[chinese]["status"] == "proposed", chinese


FUNCTION_EDGES = re.compile(r"^(的|了|和|与|在|是|将|对|把|被|也|都|就|并|及|或|等)|(的|了|和|与|在|是|将|对|把|被|也|都|就|并|及|或|等)$")
NUMBER_WITH_UNIT = re.compile(r"\d+(\.\d+)?\s*(%|％|亿|万|元|港元|年|月|日|岁)")


def test_every_new_chinese_candidate_is_whole_segments_with_no_function_word_at_its_edges(shipped: Glossary):
    from glossary.mining.finders.zh_units import FUNCTION_WORDS
    from glossary.mining.segmented import ChineseReader

    reader = ChineseReader(shipped.entries())
    checked = 0
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = sample.read_text(encoding="utf-8")
        segmented = reader.read(text)
        frame = glossary.mine([sample], glossary=shipped, new_only=True)
        for row in frame.to_dict(orient="records"):
            written = row["chinese"]
            if not written or not re.search("[\u4e00-\u9fff]", written):
                continue
            checked += 1
            starts = [m.start() for m in re.finditer(re.escape(written), text)]
            assert starts, written
            on_boundaries = [s for s in starts if segmented.boundaries[s] and segmented.boundaries[s + len(written)]]
            assert on_boundaries, f"{sample.name}: {written!r} crosses a segment boundary"
            words = segmented.segments.words
            first = segmented.segments.starts.index(on_boundaries[0])
            last = segmented.segments.starts.index(on_boundaries[0] + len(written)) - 1
            assert words[first] not in FUNCTION_WORDS and words[last] not in FUNCTION_WORDS, written
            assert not FUNCTION_EDGES.search(written), written
            assert not NUMBER_WITH_UNIT.search(written), written
            assert not re.search("[，。、；：！？“”（）《》\n]", written), written
    assert checked >= 40


def test_a_chinese_article_gives_a_few_dozen_candidates_not_one_per_character_window(shipped: Glossary):
    text = (SAMPLES / "xinghe_results.txt").read_text(encoding="utf-8")
    frame = glossary.mine([doc(text)], glossary=shipped)
    assert len(frame) < len(text) / 8
    assert not any(re.fullmatch(r"[了也将加三公布第]{2,4}", str(c)) for c in frame["chinese"])


def test_the_seed_topic_in_chinese_gives_each_term_with_the_glossary_english(shipped: Glossary):
    paragraph = ("阿里巴巴集团首席执行官吴泳铭近日在内部信中提出，公司要坚持“用户为先”和“AI驱动”。"
                 "他说，通义千问将服务六大业务集团，而85后和90后的年轻管理者会走上更重要的岗位。")
    found = rows_by_chinese(glossary.mine([doc(paragraph)], glossary=shipped))
    expected = {"阿里巴巴集团": "Alibaba Group", "首席执行官": "chief executive officer", "吴泳铭": "Eddie Wu",
                "用户为先": "user first", "AI驱动": "AI-driven", "通义千问": "Tongyi Qianwen",
                "六大业务集团": "six business groups", "85后": "post-85s", "90后": "post-90s"}
    for chinese, english in expected.items():
        assert found[chinese]["english"] == english and found[chinese]["known"], chinese


@pytest.mark.parametrize("sample, chinese, kind", [
    ("xinghe_results.txt", "星河智能科技有限公司", "zh-organization"),
    ("xinghe_results.txt", "星河智能", "zh-organization"),  # the short name the article gives it
    ("xinghe_results.txt", "林晓峰", "zh-person"),
    ("xinghe_results.txt", "星河X7", "zh-product"),
    ("xinghe_results.txt", "算力网络", "chinese"),
    ("tsmc_traditional.txt", "竹南", "zh-place"),
    ("market_regulator_notice.txt", "网络数据安全管理条例", "zh-work"),
    ("market_regulator_notice.txt", "十五五", "zh-numeric"),
    ("market_regulator_notice.txt", "大数据杀熟", "zh-quoted"),
    ("alibaba_ceo_letter.txt", "85后", "zh-numeric"),
])
def test_each_kind_of_chinese_candidate_is_found_as_its_kind(sample: str, chinese: str, kind: str):
    found = rows_by_chinese(glossary.mine([SAMPLES / sample], glossary=NO_GLOSSARY, details=True))
    assert found[chinese]["kind"] == kind and not found[chinese]["known"]


def test_a_model_keeps_its_latin_code_in_its_pinyin():
    found = rows_by_chinese(glossary.mine([SAMPLES / "xinghe_results.txt"], glossary=NO_GLOSSARY))
    assert (found["星河X7"]["pinyin"], found["星河X7"]["category"]) == ("Xīnghé X7", "product")


def test_the_glossary_chinese_forms_and_variants_stay_whole_segments():
    from glossary.mining.segmented import ChineseReader

    entries = [TermEntry(id="X1", english="Xinghe Intelligence", chinese="星河智能科技", chinese_variants="星河智能",
                         traditional="星河智慧", category="organization", status="approved")]
    text = "星河智能发布新品。星河智能科技今天上市。星河智慧在台湾也有业务。"
    plain = ChineseReader([]).read(text).segments.words
    words = ChineseReader(entries).read(text).segments.words
    assert "星河智能" not in plain  # the segmenter alone cuts it (星河 智能)
    assert {"星河智能", "星河智能科技", "星河智慧"} <= set(words)


# --- boundaries --------------------------------------------------------------------------------


def test_a_known_chinese_term_matches_only_on_segment_boundaries_and_the_longest_form_wins():
    entries = [
        TermEntry(id="D1", english="board director", chinese="董事", category="title", status="approved"),
        TermEntry(id="A1", english="Alibaba", chinese="阿里巴巴", category="organization", status="approved"),
        TermEntry(id="A2", english="Alibaba Group Holding Limited", chinese="阿里巴巴集团控股有限公司",
                  category="organization", status="approved"),
    ]
    text = "华为常务董事余承东出席了发布会。阿里巴巴集团控股有限公司今天公布业绩，阿里巴巴表示将继续投入。"
    frame = glossary.mine([doc(text)], glossary=Glossary(entries), details=True)
    rows = rows_by_english(frame)
    assert "board director" not in rows  # 常务董事 holds no 董事
    assert rows["Alibaba Group Holding Limited"]["frequency"] == 1
    assert rows["Alibaba"]["frequency"] == 1  # the bare name once, not again inside the long one
    assert not any(str(c).startswith(("控股", "集团控股", "有限公司")) for c in frame["chinese"])


def test_term_qa_keeps_substring_matching_for_chinese():
    from glossary.matching import KnownTerms

    known = KnownTerms([TermEntry(id="D1", english="board director", chinese="董事", category="title",
                                  status="approved")])
    assert [hit.form for hit in known.find("常务董事")] == ["董事"]  # without boundaries: check's mode


# --- English proposals and both scripts in one row ----------------------------------------------


def test_new_chinese_candidates_get_english_from_glossary_dictionary_or_pinyin_and_say_which():
    entries = [TermEntry(id="P1", english="process node", chinese="制程", category="jargon", status="approved")]
    text = ("星河智能董事长林晓峰表示，公司的平板电脑销量增长。林晓峰说，平板电脑和算力网络都是重点。"
            "新厂位于竹南，算力网络投入使用。台灣客戶關注製程。")
    frame = glossary.mine([doc(text)], glossary=Glossary(entries))
    found = rows_by_chinese(frame)
    assert (found["林晓峰"]["english"], found["林晓峰"]["suggestion"], found["林晓峰"]["category"]) == \
        ("Lin Xiaofeng", "pinyin", "person")
    assert (found["平板电脑"]["english"], found["平板电脑"]["suggestion"]) == ("tablet computer", "dictionary")
    assert (found["算力网络"]["english"], found["算力网络"]["suggestion"]) == ("", "")
    assert (found["制程"]["english"], found["制程"]["suggestion"], found["制程"]["chinese"]) == \
        ("process node", "glossary", "製程")  # written in traditional, known in simplified
    assert not any(re.search("[\u4e00-\u9fff]", str(e)) for e in frame["english"])


def test_a_name_is_a_person_by_a_title_before_or_after_it_a_verb_of_saying_or_the_glossary_s_title():
    """Shown as people: after a title (董事长林晓峰), before a verb of saying, also across a linking adverb (王海涛也说),
    after a title the glossary holds (首席数据官); not a name with neither beside it (陈志远在北京)."""
    entries = [TermEntry(id="T1", english="chief data officer", chinese="首席数据官", category="title",
                         status="approved")]
    text = ("董事长林晓峰出席发布会。王海涛也说，合作很重要。首席数据官李明华出席了论坛。陈志远在北京出席。"
            "林晓峰、王海涛和李明华都来自星河智能。")
    frame = glossary.mine([doc(text)], glossary=Glossary(entries))
    people = {to_simplified(row["chinese"]) for row in frame.to_dict(orient="records") if row["category"] == "person"}
    assert people == {"林晓峰", "王海涛", "李明华"}


def test_a_known_name_with_a_company_word_after_it_is_proposed_as_composed_english():
    entries = [TermEntry(id="O1", english="Xiaomi", chinese="小米", category="organization", status="approved"),
               TermEntry(id="O2", english="BYD", chinese="比亚迪", category="organization", status="approved"),
               TermEntry(id="O3", english="Alibaba Group", chinese="阿里巴巴", category="organization",
                         status="approved")]
    text = ("小米集团和比亚迪股份有限公司周三签署合作协议。阿里巴巴集团也参与了合作。星河智能科技有限公司表示，"
            "小米集团将采购比亚迪股份有限公司的电池，阿里巴巴集团提供云服务。")
    found = rows_by_chinese(glossary.mine([doc(text)], glossary=Glossary(entries)))
    composed = {chinese: (found[chinese]["english"], found[chinese]["suggestion"], found[chinese]["confidence"])
                for chinese in ("小米集团", "比亚迪股份有限公司", "阿里巴巴集团")}
    assert composed == {"小米集团": ("Xiaomi Group", "composed", 0.5),
                        "比亚迪股份有限公司": ("BYD Co., Ltd.", "composed", 0.5),
                        "阿里巴巴集团": ("Alibaba Group", "composed", 0.5)}  # never 'Alibaba Group Group'
    # a name the glossary does not know is composed with nothing
    assert found["星河智能科技有限公司"]["suggestion"] != "composed"


def test_a_person_name_is_written_in_pinyin_as_english_news_writes_it():
    text = (SAMPLES / "alibaba_ceo_letter.txt").read_text(encoding="utf-8")
    found = rows_by_chinese(glossary.mine([doc(text)], glossary=NO_GLOSSARY))
    assert (found["吴泳铭"]["english"], found["吴泳铭"]["suggestion"], found["吴泳铭"]["category"]) == \
        ("Wu Yongming", "pinyin", "person")


@pytest.mark.parametrize("text", [
    "Alibaba Cloud released Tongyi Qianwen (通义千问) in April. Tongyi Qianwen now has open models.",
    "阿里云发布了通义千问（Tongyi Qianwen）。业内认为，通义千问的开源版本很受欢迎。",
])
def test_a_term_written_in_both_scripts_is_one_row_with_both_columns(text: str):
    frame = glossary.mine([doc(text)], glossary=NO_GLOSSARY)
    rows = [row for row in frame.to_dict(orient="records")
            if "通义千问" in str(row["chinese"]) or "tongyi" in str(row["english"]).lower()]
    assert len(rows) == 1, rows
    assert (rows[0]["english"], rows[0]["chinese"], rows[0]["suggestion"]) == ("Tongyi Qianwen", "通义千问", "in text")
    assert rows[0]["frequency"] == 2


PAIRS_IN_A_RELEASE = (
    "亚行东中亚局一位项目管理负责人关印虹（In-Ho Keum）表示，项目将改善水质。亚行副行长林登（Geert van der Linden）"
    "表示，亚行希望发挥更大的作用。阿塞洛钢铁集团（Arcelor S.A.）今天宣布拟收购加拿大钢铁制造商法斯科（DOFASCO INC）"
    "的全部已发行普通股。中国质量认证中心（CQC）与澳大利亚的认证机构签署了合资合同。"
)


def test_a_pair_after_a_job_title_is_the_name_alone_and_its_category_is_read_from_around_it():
    rows = {row["english"]: row for row in glossary.mine([doc(PAIRS_IN_A_RELEASE)], glossary=NO_GLOSSARY,
                                                         top=None).to_dict(orient="records")}
    found = {english: (rows[english]["chinese"], rows[english]["category"], rows[english]["suggestion"])
             for english in ("In-Ho Keum", "Geert van der Linden", "Arcelor S.A.", "DOFASCO INC") if english in rows}
    assert found == {
        "In-Ho Keum": ("关印虹", "person", "in text"),  # the title before it, a verb of saying after it
        "Geert van der Linden": ("林登", "other", "in text"),  # not 亚行副行长林登 (four words: not voted a person)
        "Arcelor S.A.": ("阿塞洛钢铁集团", "organization", "in text"),  # 集团 ends it
        "DOFASCO INC": ("法斯科", "organization", "in text"),  # Inc. ends its English
    }
    assert all(row["chinese"] != "中心" for row in rows.values())  # what 中国质量认证中心 ends with is no name


def test_a_word_saying_what_a_known_product_is_makes_no_term_with_it_nor_does_a_generic_measure(shipped):
    text = ("比亚迪旗下越野品牌方程豹明年进入欧洲市场，越野品牌方程豹的新车型也将上市。10月新能源汽车销量增长，"
            "新能源汽车销量创新高。纯血鸿蒙的新版本发布，纯血鸿蒙用户增加。")
    found = rows_by_chinese(glossary.mine([doc(text)], glossary=shipped, top=None))
    assert {"方程豹", "纯血鸿蒙"} <= set(found)  # the known product, and a term a known product ends
    assert not {"品牌方程豹", "越野品牌方程豹", "新能源汽车销量", "汽车销量"} & set(found)
    assert (found["欧洲"]["english"], found["欧洲"]["suggestion"]) == ("Europe", "dictionary")  # its gloss notes 欧罗巴洲


# --- traditional text, --lang, encodings -------------------------------------------------------------


def test_traditional_text_is_segmented_as_simplified_and_reported_as_written():
    frame = glossary.mine([SAMPLES / "tsmc_traditional.txt"], glossary=NO_GLOSSARY, details=True)
    found = rows_by_chinese(frame)
    assert found["亚利桑那州"]["chinese"] == "亞利桑那州" and found["亚利桑那州"]["category"] == "place"
    assert (found["魏哲家"]["chinese"], found["魏哲家"]["english"], found["魏哲家"]["category"]) == \
        ("魏哲家", "Wei Zhejia", "person")
    assert found["台积电"]["chinese"] == "台積電"


def test_lang_en_reads_a_chinese_file_as_english_and_says_so_in_one_line(tmp_path: Path):
    sample = SAMPLES / "xinghe_results.txt"
    result = run("-g", str(ROOT / "terms.csv"), "mine", str(sample), "--lang", "en", "--json")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [f"glossary: warning: {sample} looks Chinese but is mined as English (--lang en)"]
    rows = json.loads(result.stdout)
    assert "星河智能科技有限公司" not in {row["chinese"] for row in rows}
    auto = json.loads(run("-g", str(ROOT / "terms.csv"), "mine", str(sample), "--json").stdout)
    assert "星河智能科技有限公司" in {row["chinese"] for row in auto}


def test_lang_zh_reads_a_mostly_english_document_by_chinese_rules_too():
    text = "Xinghe said its 算力网络 business grew. The 算力网络 unit is new."
    english = glossary.mine([doc(text)], glossary=NO_GLOSSARY, lang="en")
    chinese = glossary.mine([doc(text)], glossary=NO_GLOSSARY, lang="zh")
    assert "算力网络" not in set(english["chinese"]) and "算力网络" in set(chinese["chinese"])
    with pytest.raises(glossary.GlossaryError, match="unknown language"):
        glossary.mine([doc(text)], glossary=NO_GLOSSARY, lang="fr")


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16"])
def test_a_chinese_file_in_a_legacy_encoding_mines_as_its_utf8_copy(tmp_path: Path, encoding: str,
                                                                    shipped: Glossary):
    sample = SAMPLES / ("tsmc_traditional.txt" if encoding == "big5" else "xinghe_results.txt")
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(sample.read_text(encoding="utf-8").encode(encoding))
    as_utf8 = glossary.mine([sample], glossary=shipped)
    decoded = glossary.mine([copy], glossary=shipped)
    assert list(decoded["chinese"]) == list(as_utf8["chinese"]) and list(decoded["english"]) == list(as_utf8["english"])


# --- the columns are right ------------------------------------------------------------------------


def test_the_schema_refuses_han_characters_in_english():
    entry = TermEntry(id="X1", english="运行纯血鸿蒙系统的Mate 70手机", chinese="", category="other", status="proposed")
    assert any("holds Chinese characters" in problem for problem in check_entry(entry))
    variant = TermEntry(id="X2", english="HarmonyOS", chinese="鸿蒙", variants="鸿蒙系统", category="product",
                        status="approved")
    assert any("'鸿蒙系统' holds Chinese characters" in problem for problem in check_entry(variant))


def test_validate_reports_han_in_english_with_its_row(tmp_path: Path):
    path = tmp_path / "terms.csv"
    lines = (ROOT / "terms.csv").read_text(encoding="utf-8").splitlines()
    lines.append("X1,常务董事,常务董事,,,title,proposed,,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("-g", str(path), "validate")
    assert result.exit_code != 0
    assert f"row {len(lines)}" in result.output + result.stderr and "holds Chinese characters" in result.output + result.stderr


def test_mine_save_never_stores_chinese_as_english_and_keeps_the_traditional_form(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text((ROOT / "terms.csv").read_text(encoding="utf-8"), encoding="utf-8")
    before = len(store.read_entries(path))
    for sample in ("xinghe_results.txt", "tsmc_traditional.txt", "harmonyos_launch.txt"):
        assert run("-g", str(path), "mine", str(SAMPLES / sample), "--save").exit_code == 0
    entries = store.read_entries(path)  # still valid
    added = entries[before:]
    assert added and not any(re.search("[\u4e00-\u9fff]", form) for e in added for form in e.english_forms())
    zhunan = [e for e in added if e.chinese == "竹南"]
    arizona = [e for e in added if e.traditional == "亞利桑那州"]
    assert zhunan and zhunan[0].english == "Zhunan" and arizona and arizona[0].chinese == "亚利桑那州"
    assert all(e.status == "proposed" for e in added)


def test_english_proposals_of_chinese_rows_carry_a_confidence_by_their_source():
    text = ("星河智能董事长王建国表示，平台的经营者正在评估天枢的算力需求。王建国说，天枢平台明年发布。"
            "经营者需要更多算力，天枢也一样。灵犀助手（Lingxi Assistant）已开放，王建国介绍了灵犀助手。")
    rows = rows_by_chinese(glossary.mine([doc(text)], details=True))
    # written beside it in the text: nearly certain
    assert (rows["灵犀助手"]["english"], rows["灵犀助手"]["suggestion"], rows["灵犀助手"]["confidence"]) == \
        ("Lingxi Assistant", "in text", 0.9)
    # a romanised name: as sure as pinyin is for names in English news
    assert (rows["王建国"]["english"], rows["王建国"]["suggestion"], rows["王建国"]["confidence"]) == \
        ("Wang Jianguo", "pinyin", 0.6)
    # a dictionary gloss of a headword with three senses (executive/manager/transactor): less sure than one sense
    assert rows["经营者"]["suggestion"] == "dictionary" and 0 < rows["经营者"]["confidence"] < 0.6
    # CC-CEDICT's 天枢 is a star (Dubhe): a proper noun for a term no finder took for a name, so barely sure
    assert rows["天枢"]["english"] == "Dubhe" and rows["天枢"]["confidence"] <= 0.3
    # known terms keep the glossary's certainty
    assert rows["算力"]["confidence"] == 1.0


def test_mine_save_keeps_chinese_candidates_without_english_once(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text((ROOT / "terms.csv").read_text(encoding="utf-8"), encoding="utf-8")
    document = tmp_path / "zh.txt"
    document.write_text("星河智能明年发布新品，星河智能表示算力需求很大。星河智能将开放平台。", encoding="utf-8")
    before = len(store.read_entries(path))
    assert run("-g", str(path), "mine", str(document), "--save").exit_code == 0
    added = store.read_entries(path)[before:]
    xinghe = [e for e in added if e.chinese == "星河智能"]
    assert xinghe and xinghe[0].english == "" and xinghe[0].status == "proposed"
    assert run("-g", str(path), "mine", str(document), "--save").exit_code == 0  # a second run adds no copy
    assert [e.chinese for e in store.read_entries(path)].count("星河智能") == 1


def test_a_word_the_segmenter_cuts_in_two_is_one_candidate_when_the_dictionary_knows_it_whole():
    text = ("这家公司推行末位淘汰，员工担心末位淘汰带来的压力。专家说群体免疫难以实现，"
            "也有人质疑群体免疫的说法。绩效考核和末位淘汰让打工人焦虑。")
    rows = rows_by_chinese(glossary.mine([doc(text)], details=True))
    assert rows["末位淘汰"]["frequency"] == 3 and rows["末位淘汰"]["suggestion"] == "dictionary"
    assert rows["群体免疫"]["english"] == "herd immunity" and rows["群体免疫"]["frequency"] == 2
    assert "末位" not in rows and "群体" not in rows  # not the pieces
    assert rows["打工人"]["known"]  # a glossary term beside them stays whole
