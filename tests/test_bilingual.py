"""Bilingual mining: the Chinese of mined rows taken from real translations (our own samples in
samples/parallel/: the same twelve sentence pairs as line-aligned text, as paragraphs merged differently on each
side, as a Chinese→English TMX and as an XLIFF 2.0 file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "parallel"
EN, ZH = SAMPLES / "launch.en", SAMPLES / "launch.zh"
HEADER = "id,english,chinese,traditional,pinyin,category,status,variants,note,context,source,updated\n"
# Every pair a translator would want from the samples, with an empty glossary: names, places, jargon.
GOLD = {
    "Alibaba Cloud": "阿里云", "Tongyi Qianwen": "通义千问", "Hangzhou": "杭州", "Eddie Wu": "吴泳铭",
    "large language model": "大语言模型", "data centre": "数据中心", "DingTalk": "钉钉",
    "Zhejiang University": "浙江大学", "Nvidia": "英伟达", "Huawei": "华为", "Shenzhen": "深圳",
    "Ren Zhengfei": "任正非", "Guizhou": "贵州", "Cainiao": "菜鸟", "Europe": "欧洲",
    "founder": "创始人", "investors": "投资者",
}
# Not terms (issue 13): two everyday words seen once in a short text (office app, meeting notes, research
# centre) are general English, translated or not.


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def empty_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "empty.csv"
    path.write_text(HEADER, encoding="utf-8")
    return path


def mined(glossary: Path, *args) -> list[dict]:
    result = run("-g", glossary, "mine", *args, "--top", "0", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def aligned_pairs(rows: list[dict]) -> dict[str, str]:
    return {row["english"]: row["chinese"] for row in rows if row["suggestion"] == "aligned"}


def mined_translation(glossary: Path, folder: Path, english: list[str], chinese: list[str]) -> list[dict]:
    """The rows mined from two line-aligned files written from these lines."""
    english_file, chinese_file = folder / "pair.en", folder / "pair.zh"
    english_file.write_text("".join(line + "\n" for line in english), encoding="utf-8")
    chinese_file.write_text("".join(line + "\n" for line in chinese), encoding="utf-8")
    return mined(glossary, english_file, "--parallel", chinese_file)


def assert_gold(rows: list[dict]) -> None:
    pairs = aligned_pairs(rows)
    wrong = {english: pairs.get(english) for english, chinese in GOLD.items() if pairs.get(english) != chinese}
    assert not wrong, wrong


def test_line_aligned_documents_give_every_gold_pair(empty_glossary: Path):
    rows = mined(empty_glossary, EN, "--parallel", ZH)
    assert_gold(rows)
    nvidia = next(row for row in rows if row["english"] == "Nvidia")
    assert nvidia["alignments"] == "英伟达 2" and nvidia["alignment_confidence"] >= 0.5
    assert nvidia["found_in"] == f"{EN}:5"


def test_a_chinese_to_english_tmx_gives_every_gold_pair(empty_glossary: Path):
    assert_gold(mined(empty_glossary, SAMPLES / "launch.tmx"))


def test_an_xliff_file_gives_every_gold_pair(empty_glossary: Path):
    rows = mined(empty_glossary, SAMPLES / "launch.xliff")
    assert_gold(rows)
    assert next(row for row in rows if row["english"] == "Cainiao")["found_in"].endswith("launch.xliff:u8")


def test_a_two_column_table_gives_the_same_pairs_with_chinese_first(empty_glossary: Path, tmp_path: Path):
    table = tmp_path / "memory.csv"
    lines = zip(ZH.read_text(encoding="utf-8").splitlines(), EN.read_text(encoding="utf-8").splitlines())
    table.write_text("zh,en\n" + "".join(f'"{zh}","{en}"\n' for zh, en in lines), encoding="utf-8")
    assert_gold(mined(empty_glossary, table))


def test_documents_not_aligned_by_line_give_the_same_pairs(empty_glossary: Path):
    merged = run("-g", empty_glossary, "mine", SAMPLES / "launch_merged.en", "--parallel",
                 SAMPLES / "launch_merged.zh", "--top", "0", "--json")
    assert merged.exit_code == 0, merged.output
    note = [line for line in merged.stderr.splitlines() if "not aligned line by line" in line]
    assert len(note) == 1 and "(4 and 5 lines)" in note[0] and "0 with a low score skipped" in note[0]
    lines = aligned_pairs(mined(empty_glossary, EN, "--parallel", ZH))
    sentences = aligned_pairs(json.loads(merged.stdout))
    assert {english: sentences.get(english) for english in GOLD} == {english: lines[english] for english in GOLD}


def test_the_chinese_document_may_come_first(empty_glossary: Path):
    assert_gold(mined(empty_glossary, ZH, "--parallel", EN))


def test_two_files_named_by_language_without_parallel_are_told_how_to_pair(empty_glossary: Path):
    result = run("-g", empty_glossary, "mine", ZH, EN)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert f"glossary mine {EN} --parallel {ZH}" in line


def test_a_file_named_by_its_language_is_plain_text(empty_glossary: Path, tmp_path: Path):
    for name in ("news.en", "news.zh_Hans", "news.zh-CN"):
        copy = tmp_path / name
        copy.write_text(EN.read_text(encoding="utf-8"), encoding="utf-8")
        rows = mined(empty_glossary, copy)
        assert {"Huawei", "DingTalk"} <= {row["english"] for row in rows} and "alignments" not in rows[0]


def test_an_unrelated_pair_warns_once_and_gives_the_monolingual_table(empty_glossary: Path, tmp_path: Path):
    chinese = ZH.read_text(encoding="utf-8").splitlines()
    unrelated = tmp_path / "other.zh"
    unrelated.write_text("\n".join(chinese[6:] + chinese[:6]) + "\n", encoding="utf-8")  # same lines, wrong pairs
    result = run("-g", empty_glossary, "mine", EN, "--parallel", unrelated, "--top", "0", "--json")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "most pairs were skipped" in warnings[0]
    rows = json.loads(result.stdout)
    alone = json.loads(run("-g", empty_glossary, "mine", EN, "--top", "0", "--json").stdout)
    # the same table as the English alone gives (scores within rounding: the text is read as lines of pairs)
    assert [dict(row, score=None) for row in rows] == [dict(row, score=None) for row in alone]
    assert all(abs(row["score"] - other["score"]) < 0.002 for row, other in zip(rows, alone))
    assert not any(row["suggestion"] == "aligned" for row in rows)


def test_a_tmx_without_chinese_or_english_names_its_languages(empty_glossary: Path, tmp_path: Path):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="de-DE"/><body>'
                   '<tu><tuv xml:lang="de-DE"><seg>Guten Tag</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv>'
                   '</tu></body></tmx>', encoding="utf-8")
    result = run("-g", empty_glossary, "mine", tmx)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "de-DE, fr-FR" in line and "en" in line and "zh" in line


def test_xml_with_entities_is_refused_as_in_check(empty_glossary: Path, tmp_path: Path):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "Huawei">]><tmx version="1.4"><body><tu>'
                   '<tuv xml:lang="en"><seg>&a;</seg></tuv><tuv xml:lang="zh"><seg>华为</seg></tuv></tu></body></tmx>',
                   encoding="utf-8")
    result = run("-g", empty_glossary, "mine", tmx)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "entit" in result.stderr.lower() or "dtd" in result.stderr.lower()


def test_known_terms_are_checked_against_the_translations(tmp_path: Path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text(HEADER + "T1,Ant Group,蚂蚁集团,螞蟻集團,,organization,approved,,,,,2026-11-01\n"
                                 "T2,Alipay,支付宝,支付寶,,product,approved,,,,,2026-11-01\n", encoding="utf-8")
    english = tmp_path / "ant.en"
    chinese = tmp_path / "ant.zh"
    english.write_text("Ant Group runs Alipay.\nAlipay has many users in Hangzhou.\n"
                       "Ant Group opened an office in Singapore.\n", encoding="utf-8")
    chinese.write_text("蚂蚁金服运营支付宝。\n支付宝在杭州有很多用户。\n蚂蚁金服在新加坡开设了办事处。\n", encoding="utf-8")
    rows = {row["english"]: row for row in mined(glossary, english, "--parallel", chinese)}
    assert rows["Ant Group"]["known"] and rows["Ant Group"]["chinese"] == "蚂蚁集团"
    assert rows["Ant Group"]["alignments"] == "蚂蚁金服 2" and rows["Ant Group"]["consistency"] == "differs"
    assert rows["Alipay"]["alignments"] == "支付宝 2" and rows["Alipay"]["consistency"] == "agrees"
    table = run("-g", glossary, "mine", english, "--parallel", chinese)
    assert "Known terms the translations render otherwise (1)" in table.stdout
    assert "蚂蚁金服 2" in table.stdout


def test_several_renderings_are_all_listed(empty_glossary: Path, tmp_path: Path):
    english = tmp_path / "chips.en"
    chinese = tmp_path / "chips.zh"
    english.write_text("Nvidia sells chips in Shenzhen.\nNvidia also sells chips in Taipei.\n"
                       "Students in Hangzhou buy chips from Nvidia.\nNvidia opened an office in Beijing.\n",
                       encoding="utf-8")
    chinese.write_text("英伟达在深圳销售芯片。\n辉达也在台北销售芯片。\n杭州的学生从英伟达购买芯片。\n英伟达在北京开设了办事处。\n",
                       encoding="utf-8")
    rows = {row["english"]: row for row in mined(empty_glossary, english, "--parallel", chinese)}
    assert rows["Nvidia"]["chinese"] == "英伟达" and rows["Nvidia"]["alignments"] == "英伟达 3, 辉达 1"
    assert 0.5 <= rows["Nvidia"]["alignment_confidence"] < 1.0
    wide = run("-g", empty_glossary, "mine", english, "--parallel", chinese, "--wide")
    assert "Translations" in wide.stdout and "英伟达 3, 辉达 1" in wide.stdout


def test_translations_keep_dictionary_phrases_but_no_everyday_word_alone(empty_glossary: Path, tmp_path: Path):
    english, chinese = tmp_path / "crisis.en", tmp_path / "crisis.zh"
    english.write_text("Hotels, shops and real estate all lost value during the crisis.\n"
                       "The city built its heavy industry in the 1950s.\n"
                       "Many workers now send text messages to their managers.\n"
                       "The report was published last week.\nDemand for steel fell in the spring.\n"
                       "The incubation period of the virus is about five days.\n", encoding="utf-8")
    chinese.write_text("危机期间，酒店、商店和房地产都贬值了。\n这座城市在20世纪50年代建立了重工业。\n"
                       "许多工人现在给经理发短信。\n这份报告上周发布。\n春季钢铁需求下降。\n这种病毒的潜伏期大约是五天。\n",
                       encoding="utf-8")
    pairs = aligned_pairs(mined(empty_glossary, english, "--parallel", chinese))
    assert {pairs.get(term) for term in ("real estate", "heavy industry", "incubation period")} == {
        "房地产", "重工业", "潜伏期"}
    # translated, yet everyday English: a translator needs no glossary row for them
    assert not {"crisis", "Demand", "shops", "Hotels", "estate", "managers", "spring", "last week"} & set(pairs)


def test_translations_rescue_a_compound_of_everyday_words_rendered_as_one_chinese_noun_phrase(empty_glossary: Path,
                                                                                               tmp_path: Path):
    pairs = aligned_pairs(mined_translation(empty_glossary, tmp_path, [
        "The government tightened border controls on Monday.", "Officials are using location data to trace contacts.",
        "Many families lost their remote controls during the move.", "The company paid its workers in cash."], [
        "政府周一收紧了边境管制。", "官员正在使用位置数据追踪接触者。", "许多家庭在搬家时丢失了遥控器。", "这家公司用现金支付工人工资。"]))
    # everyday words each, seen once, not a dictionary phrase: the translation naming each as one thing decides
    assert {term: pairs.get(term) for term in ("border controls", "location data", "remote controls")} == {
        "border controls": "边境管制", "location data": "位置数据", "remote controls": "遥控器"}
    # a verb with its object is no compound (使用位置 'use location'), nor are everyday words alone
    assert not {"using location", "using location data", "company", "workers", "cash", "families"} & set(pairs)


def test_an_english_given_name_before_a_chinese_surname_is_rendered_by_the_chinese_name_read_so(
        empty_glossary: Path, tmp_path: Path):
    pairs = aligned_pairs(mined_translation(empty_glossary, tmp_path, [
        "Alibaba Cloud cut the price of its platform by 40 percent.",
        "Alibaba Cloud will invest 380 billion yuan in cloud computing and AI infrastructure over the next three "
        "years, Alibaba Group chief executive Eddie Wu said in February."], [
        "阿里云将平台价格下调40%。", "阿里巴巴集团首席执行官吴泳铭在2月表示，阿里云将在未来三年投入3800亿元用于云计算和AI基础设施建设。"]))
    # Eddie is no pinyin and Wu is: the name is the unexplained Chinese name starting with 吴, not 用于 nearby
    assert pairs.get("Eddie Wu") == "吴泳铭"
    # a place's aligned Chinese gives its reading and its category (杭州 'see 杭州市', a city)
    rows = {row["english"]: row for row in mined_translation(empty_glossary, tmp_path, [
        "Hangzhou hosts the company. Hangzhou grew."], ["杭州是这家公司的所在地。杭州发展了。"])}
    assert (rows["Hangzhou"]["chinese"], rows["Hangzhou"]["pinyin"], rows["Hangzhou"]["category"]) == (
        "杭州", "Hángzhōu", "place")


def test_save_adds_the_aligned_pairs_as_proposed_naming_the_file(empty_glossary: Path):
    result = run("-g", empty_glossary, "mine", EN, "--parallel", ZH, "--save", "--top", "0")
    assert result.exit_code == 0, result.output
    from glossary.store import load

    entries = {entry.english: entry for entry in load(empty_glossary).entries()}
    for english in ("Cainiao", "Ren Zhengfei", "data centre"):
        entry = entries[english]
        assert entry.chinese == GOLD[english] and entry.status == "proposed"
        assert entry.source.startswith(f"{EN}:") and "aligned" in entry.note


def test_the_same_input_gives_the_same_table(empty_glossary: Path):
    first = run("-g", empty_glossary, "mine", SAMPLES / "launch_merged.en", "--parallel", SAMPLES / "launch_merged.zh",
                "--json", "--top", "0").stdout
    again = run("-g", empty_glossary, "mine", SAMPLES / "launch_merged.en", "--parallel", SAMPLES / "launch_merged.zh",
                "--json", "--top", "0").stdout
    assert first == again and "aligned" in first


def test_parallel_takes_exactly_one_source(empty_glossary: Path):
    result = run("-g", empty_glossary, "mine", EN, EN, "--parallel", ZH)
    assert result.exit_code == 2 and "exactly one PATH" in result.stderr


# --- the aligner's parts -----------------------------------------------------------------------------


def test_gale_church_pairs_a_sentence_split_in_two():
    from glossary.alignment.sentences import align_sentences

    english = ["Huawei opened a research centre in Shenzhen last year.",
               "Ren Zhengfei visited the new data centre in Guizhou, and he met engineers there.",
               "Nvidia sells fewer chips in China than before."]
    chinese = ["华为去年在深圳开设了一个研究中心。", "任正非参观了位于贵州的新数据中心。", "他在那里会见了工程师。",
               "英伟达在中国销售的芯片比以前少。"]
    beads = [(b.en_start, b.en_end, b.zh_start, b.zh_end) for b in align_sentences(english, chinese)]
    assert beads == [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4)]


def test_ibm_model_1_learns_a_word_pair_from_co_occurrence_alone():
    from glossary.alignment.lexicon import ibm_model_1

    english = [["red", "car"], ["red", "house"], ["blue", "car"]]
    chinese = [["红", "车"], ["红", "房子"], ["蓝", "车"]]
    table = ibm_model_1(english, chinese, 10)
    assert table[("red", "红")] > 0.8 and table[("car", "车")] > 0.8
    assert table.get(("red", "车"), 0.0) < 0.2


def test_a_name_seen_once_gets_the_chinese_left_over():
    from glossary.alignment.lexicon import learn
    from glossary.alignment.renderings import Aligner, make_pair

    pair = make_pair("Kleenex sells tissues in Shanghai.", "舒洁在上海销售纸巾。")
    aligner = Aligner([pair], learn([(pair.english_words, pair.chinese_words)]))
    assert aligner.render(0, 0, len("Kleenex")).chinese == "舒洁"
    assert aligner.render(0, pair.english.index("Shanghai"), pair.english.index(".")).chinese == "上海"


def test_the_english_of_each_gold_chinese_term_is_aligned_the_other_way():
    from glossary.mining.bilingual import BilingualMiner, parallel_pairs

    miner = BilingualMiner([parallel_pairs(ZH, EN)], [])
    english = {}
    for wanted, chinese in GOLD.items():
        index, start, end = miner.chinese_occurrences([chinese])[0]
        rendering = miner.aligner.render_english(index, start, end)
        english[wanted] = rendering.chinese if rendering else None
    assert english == {wanted: wanted for wanted in GOLD}


def test_a_translation_from_chinese_adds_the_chinese_side_s_terms_with_their_english(empty_glossary: Path):
    from_chinese = mined(empty_glossary, ZH, "--parallel", EN)
    from_english = mined(empty_glossary, EN, "--parallel", ZH)
    assert_gold(from_chinese)
    added = [row for row in from_chinese if row["english"] not in {r["english"] for r in from_english}]
    # 通义 alone: the English side counts 'Tongyi' inside 'Tongyi Qianwen' only
    tongyi = next(row for row in added if row["chinese"] == "通义")
    assert tongyi["english"] == "Tongyi" and tongyi["suggestion"] == "aligned"
    assert tongyi["alignments"] == "Tongyi 2" and tongyi["alignment_confidence"] == 1.0
    assert tongyi["found_in"] == f"{EN}:1"
    # a Chinese compound aligned with one everyday word of it is no pair (办公应用 is the office app, not 'app')
    assert not {("办公应用", "app"), ("会议纪要", "meeting"), ("业务收入", "revenue")} & {
        (row["chinese"], row["english"]) for row in from_chinese}
    # a Chinese term is added only when no English row pairs it already, once
    assert added and all(any("\u4e00" <= ch <= "\u9fff" for ch in row["context"]) for row in added)
    chinese = [row["chinese"] for row in added]
    assert len(chinese) == len(set(chinese)) and not set(chinese) & {row["chinese"] for row in from_english}


def test_a_longer_name_grouped_under_a_shorter_one_is_its_own_row_when_translated_otherwise(
        empty_glossary: Path, tmp_path: Path):
    english = ["Iranian officials closed the schools in Qom on Monday.",
               "The Iranian Parliament met in Tehran on Sunday to discuss the budget.",
               "Iranian doctors asked the ministry for more masks.",
               "Several Iranian cities cancelled their spring festivals."]
    chinese = ["伊朗官员周一关闭了库姆的学校。", "伊朗议会周日在德黑兰开会讨论预算。", "伊朗医生要求卫生部提供更多口罩。",
               "伊朗多个城市取消了春季节庆活动。"]
    (tmp_path / "iran.en").write_text("\n".join(english) + "\n", encoding="utf-8")
    (tmp_path / "iran.zh").write_text("\n".join(chinese) + "\n", encoding="utf-8")
    rows = mined(empty_glossary, tmp_path / "iran.en", "--parallel", tmp_path / "iran.zh")
    names = [row["english"] for row in rows]
    parliament = rows[names.index("Iranian Parliament")]
    assert parliament["chinese"] == "伊朗议会" and parliament["suggestion"] == "aligned"
    assert parliament["found_in"].endswith("iran.en:2") and parliament["frequency"] == 1
    assert rows[names.index("Iranian Parliament") - 1]["english"] == "Iranian"  # just after the row it was in
    assert all(row["chinese"] == "伊朗" for row in rows if row["english"] == "Iranian")


def test_in_a_translation_memory_a_bare_surname_counts_for_a_full_name_only_nearby(empty_glossary: Path,
                                                                                    tmp_path: Path):
    units = [("Eddie Wu met investors in Hangzhou on Monday.", "吴泳铭周一在杭州会见了投资者。"),
             ("Wu said the company would open an office in Chengdu.", "吴泳铭说，公司将在成都开设办事处。")]
    units += [(f"The new bridge carried {n} thousand cars on its first day.", f"新大桥首日通行了{n}千辆汽车。")
              for n in range(2, 62)]
    units += [("Wu said the team would publish the report in May.", "吴说，团队将在五月发布报告。")]
    tus = "".join(f'<tu tuid="t{number}"><tuv xml:lang="en-US"><seg>{english}</seg></tuv>'
                  f'<tuv xml:lang="zh-CN"><seg>{chinese}</seg></tuv></tu>\n'
                  for number, (english, chinese) in enumerate(units, 1))
    memory = tmp_path / "memory.tmx"
    memory.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
                      'datatype="plaintext" segtype="sentence" adminlang="en-US" creationtool="t" '
                      f'creationtoolversion="1" o-tmf="none"/><body>\n{tus}</body></tmx>\n', encoding="utf-8")
    rows = mined(empty_glossary, memory)
    eddie = next(row for row in rows if row["english"] == "Eddie Wu")
    # the Wu of the next segment is Eddie Wu; the Wu sixty segments on, in another text of the memory, is not
    assert eddie["frequency"] == 2 and eddie["chinese"] == "吴泳铭"
