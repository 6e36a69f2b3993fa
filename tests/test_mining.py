"""The miner: every kind of term, grouping of variants, Chinese suggestions, and our sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary
from glossary import store
from glossary.store import Glossary

from .conftest import run_glossary
from .sample_gold import GOLD

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
NO_GLOSSARY = Glossary([])


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    """The curated glossary the package ships."""
    return store.Glossary(store.read_entries(store.embedded_path()))


def doc(text: str) -> glossary.Document:
    """A text in hand, as the miner takes it."""
    return glossary.Document("<text>", text)


def rows_by_english(frame) -> dict[str, dict]:
    """Mined rows keyed by lower-case English."""
    return {str(row["english"]).lower(): row for row in frame.to_dict(orient="records")}


# --- the sample articles (our own words) and their hand-made gold lists -------------------------


@pytest.mark.parametrize("sample", sorted(GOLD))
def test_every_gold_term_of_a_sample_is_in_the_top_40_with_the_glossary_chinese(sample: str, shipped: Glossary):
    frame = glossary.mine([SAMPLES / sample], glossary=shipped, top=40)
    found = rows_by_english(frame)
    missing = [english for english, _ in GOLD[sample] if english.lower() not in found]
    assert not missing, f"{sample}: not in the top 40: {missing}"
    for english, chinese in GOLD[sample]:
        if chinese is not None:
            assert found[english.lower()]["chinese"] == chinese, english


def test_known_rows_carry_glossary_fields_and_new_rows_are_only_proposals(shipped: Glossary):
    frame = glossary.mine([SAMPLES / "singles_day.txt"], glossary=shipped)
    rows = frame.to_dict(orient="records")
    assert list(frame.columns) == ["english", "chinese", "pinyin", "category", "status", "known", "frequency",
                                   "documents", "score", "context", "found_in", "suggestion", "confidence"]
    tmall = rows_by_english(frame)["tmall"]
    assert (tmall["chinese"], tmall["pinyin"], tmall["category"], tmall["known"]) == ("天猫", "Tiānmāo", "product", True)
    assert tmall["found_in"].startswith(str(SAMPLES / "singles_day.txt") + ":")
    assert "Tmall" in tmall["context"]
    assert all(row["status"] == "proposed" for row in rows if not row["known"])
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


# --- kinds of terms ---------------------------------------------------------------------------


def test_variants_and_a_later_bare_surname_are_one_row(shipped: Glossary):
    text = ("Alibaba named Eddie Wu chief executive on Tuesday. Wu Yongming, as he is known in China, "
            "co-founded the company. Eddie Yongming Wu will also chair Taobao and Tmall Group. Wu said staff "
            "should move faster.")
    row = rows_by_english(glossary.mine([doc(text)], glossary=shipped))["eddie wu"]
    assert (row["chinese"], row["frequency"]) == ("吴泳铭", 4)


def test_possessives_fold_and_titles_and_weekdays_are_not_names():
    text = ("Alibaba's cloud unit grew fast. On Monday, CEO Eddie Wu met investors. Analysts said "
            "Alibaba's shares rose. Eddie Wu is the CEO of Alibaba.")
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY, details=True))
    assert found["alibaba"]["frequency"] == 3
    assert found["eddie wu"]["frequency"] == 2 and found["eddie wu"]["kind"] == "name"
    assert not {"ceo", "monday", "on monday", "ceo eddie wu", "alibaba's", "ceo of alibaba"} & set(found)
    # a sentence-initial capital is an ordinary word, not a name (and, in a text this short, an everyday
    # word alone is no candidate at all)
    assert "analysts" not in found or found["analysts"]["kind"] == "term"


def test_multi_word_names_keep_connectors_and_company_suffixes():
    text = ("The Ministry of Industry and Information Technology met executives. Signage of Alibaba Group "
            "Holding Ltd. stood at the fair, where the Ministry of Industry and Information Technology spoke.")
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))
    assert found["ministry of industry and information technology"]["frequency"] == 2
    assert "alibaba group holding ltd." in found


def test_two_names_joined_by_and_stay_apart():
    found = rows_by_english(glossary.mine([doc("Sales fell in the United States and Europe last year.")],
                                          glossary=NO_GLOSSARY))
    assert "united states" in found and "united states and europe" not in found


def test_mixed_case_and_acronyms_are_names():
    text = "Staff use DingTalk daily, and ChatGPT rivals abound. The MIIT issued rules. DingTalk grew."
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))
    assert found["dingtalk"]["frequency"] == 2 and "chatgpt" in found and "miit" in found


def test_pinyin_names_get_chinese_from_dictionary_readings():
    text = "The expo opened in Chongqing. Chongqing officials said more firms will come to Chongqing."
    row = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))["chongqing"]
    assert (row["chinese"], row["suggestion"], row["status"], row["category"]) == ("重庆", "pinyin", "proposed", "place")
    assert row["pinyin"] == "Chóngqìng"


def test_romanised_names_are_recognised_even_without_a_dictionary_entry():
    text = "Alibaba Cloud launched Tongyi Qianwen in April; Tongyi Qianwen is free to try."
    frame = glossary.mine([doc(text)], glossary=NO_GLOSSARY, details=True)
    row = rows_by_english(frame)["tongyi qianwen"]
    assert row["kind"] == "pinyin" and row["frequency"] == 2


def test_quoted_coinages_are_candidates():
    text = "Wu said the company must be “user first” and “AI-driven,” and urged a “start-up mindset”."
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY, details=True))
    assert {"user first", "ai-driven", "start-up mindset"} <= set(found)
    assert found["user first"]["kind"] == "quoted"


def test_words_quoted_from_a_speech_and_a_phrase_ending_in_a_preposition_are_no_candidates():
    text = ("The ministry said it would “resolutely defend” the firms and “firmly oppose” the duties. The "
            "automaker stepped up its overseas push despite tariffs; sales grew amid the overseas push despite "
            "rivals. Wu wants a “user first” company.")
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY, details=True))
    assert "user first" in found
    assert not {"resolutely defend", "firmly oppose", "overseas push despite", "push despite"} & set(found)


def test_multi_word_terms_are_scored_and_nested_phrases_not_double_counted():
    text = ("A large language model is trained on text. Each large language model needs chips. "
            "The large language model market grows. Cloud computing revenue rose as cloud computing spread.")
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))
    assert found["large language model"]["frequency"] == 3
    assert found["cloud computing"]["frequency"] == 2
    # 'language model' only ever occurs inside the longer term: it must not outrank it
    assert "language model" not in found or found["language model"]["score"] < found["large language model"]["score"]


def test_singular_and_plural_fold_into_one_row():
    text = "Alibaba split into six business groups. Each business group has a board. Business groups compete."
    found = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))
    assert found["business groups"]["frequency"] == 3 or found.get("business group", {}).get("frequency") == 3


def test_acronym_definition_links_acronym_and_long_form():
    text = ("Alibaba trains a large language model (LLM) for shops. An LLM answers questions. "
            "Rivals also build an LLM.")
    frame = glossary.mine([doc(text)], glossary=NO_GLOSSARY, details=True)
    found = rows_by_english(frame)
    assert found["large language model"]["frequency"] == 3
    assert "llm" not in found


def test_generational_jargon_is_normalised_to_the_glossary_entry(shipped: Glossary):
    text = "The company will promote managers born after 1985 and the 1990s, and more post-85s will lead."
    found = rows_by_english(glossary.mine([doc(text)], glossary=shipped))
    assert (found["post-85s"]["chinese"], found["post-85s"]["frequency"]) == ("85后", 2)
    assert found["post-90s"]["chinese"] == "90后"


def test_generational_jargon_without_glossary_gets_a_pattern_suggestion():
    found = rows_by_english(glossary.mine([doc("Managers born after 1985 will lead.")], glossary=NO_GLOSSARY))
    assert (found["post-85s"]["chinese"], found["post-85s"]["suggestion"]) == ("85后", "pattern")


def test_numeric_jargon_matches_only_whole_words(shipped: Glossary):
    text = "Workers reject 996. Programmers launched 996.ICU online. Double 11 sales and 618 deals grew."
    found = rows_by_english(glossary.mine([doc(text)], glossary=shipped))
    assert found["996"]["frequency"] == 1
    assert found["singles' day"]["frequency"] == 1 and "618 shopping festival" in found


def test_capitalised_glossary_forms_do_not_match_lower_case_words(shipped: Glossary):
    found = rows_by_english(glossary.mine([doc("Most apples are red; most people eat an apple a day.")],
                                          glossary=shipped))
    assert "apple" not in found and "ministry of science and technology" not in found


def test_chinese_text_matches_known_terms_without_word_boundaries(shipped: Glossary):
    text = "阿里云发布了通义千问大模型。阿里云的客户很多，通义千问也开源了。"
    found = rows_by_english(glossary.mine([doc(text)], glossary=shipped))
    assert found["alibaba cloud"]["frequency"] == 2 and found["tongyi qianwen"]["frequency"] == 2


def test_dictionary_suggestion_for_an_unknown_term():
    text = "Cloud computing grew. Its cloud computing arm and cloud computing rivals expanded."
    row = rows_by_english(glossary.mine([doc(text)], glossary=NO_GLOSSARY))["cloud computing"]
    assert (row["chinese"], row["suggestion"], row["status"]) == ("云计算", "dictionary", "proposed")


# --- inputs and options -----------------------------------------------------------------------


def test_files_folders_and_encodings_are_mined_together(tmp_path: Path, shipped: Glossary):
    (tmp_path / "a.txt").write_text("Tencent launched Hunyuan.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes("腾讯发布了混元大模型，腾讯的混元已经开放给企业客户使用。".encode("gb18030"))
    found = rows_by_english(glossary.mine([tmp_path], glossary=shipped))
    assert found["tencent"]["documents"] == 2 and found["tencent"]["frequency"] == 3
    assert found["hunyuan"]["frequency"] == 3


def test_options_filter_rows(shipped: Glossary):
    sample = SAMPLES / "singles_day.txt"
    everything = glossary.mine([sample], glossary=shipped)
    new = glossary.mine([sample], glossary=shipped, new_only=True)
    people = glossary.mine([sample], glossary=shipped, category="person")
    frequent = glossary.mine([sample], glossary=shipped, min_freq=3)
    assert len(glossary.mine([sample], glossary=shipped, top=5)) == 5
    assert not new["known"].any() and len(new) == (~everything["known"]).sum()
    assert set(people["category"]) == {"person"} and len(people) >= 1
    assert frequent["frequency"].min() >= 3


def test_empty_input_gives_an_empty_table():
    frame = glossary.mine([doc("")], glossary=NO_GLOSSARY)
    assert len(frame) == 0 and list(frame.columns)[0] == "english"


# --- hostile input: the miner's work grows with its input, no faster -----------------------------

MEGABYTE_LINES = {  # each about a million characters on one line, with no line break to split at
    "punctuation": "=" * 1_000_000,
    "full stops before a letter": "." * 1_000_000 + "x",
    "letters without a space": "a" * 1_000_000,
    "hanzi without punctuation": "中" * 350_000,  # about 1 MB in UTF-8
    "bracketed acronyms": "(ABC) " * 170_000,
}


def test_mining_lines_a_megabyte_long_takes_seconds_not_hours(tmp_path: Path, small_glossary: Path):
    documents = []
    for number, line in enumerate(MEGABYTE_LINES.values()):
        documents.append(tmp_path / f"line{number}.txt")
        documents[-1].write_text(line + "\n", encoding="utf-8")
    # one process for all (its start-up is most of the work); the timeout bounds a hang at about ten times
    # what the miner needs: quadratic steps took from a minute to hours on the punctuation, the full stops
    # and the acronyms
    result = run_glossary("-g", small_glossary, "mine", *documents, "--top", "3", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_string_is_always_a_path_so_a_mistyped_one_is_an_error_not_text(tmp_path: Path):
    from glossary.errors import GlossaryError

    with pytest.raises(GlossaryError, match="typo.txt: no such file or folder"):
        glossary.mine([str(tmp_path / "typo.txt")], glossary=NO_GLOSSARY)
    with pytest.raises(GlossaryError, match="no such file or folder"):
        glossary.mine(["Alibaba Cloud launched Tongyi Qianwen."], glossary=NO_GLOSSARY)
    assert "alibaba cloud" in rows_by_english(glossary.mine([doc("Alibaba Cloud launched Qwen. Alibaba Cloud grew.")],
                                                            glossary=NO_GLOSSARY))


def test_a_chinese_variant_in_chinese_text_is_its_known_entry():
    from glossary.schema import TermEntry

    entries = [TermEntry(id="M1", english="Ministry of Industry and Information Technology", chinese="工业和信息化部",
                         chinese_variants="工信部", category="organization", status="approved")]
    found = rows_by_english(glossary.mine([doc("工信部今天发布了新规。工信部表示将加强监管。")], glossary=Glossary(entries)))
    row = found["ministry of industry and information technology"]
    assert row["known"] and row["frequency"] == 2 and row["chinese"] == "工业和信息化部"


def test_a_glossary_file_is_mined_through_its_compiled_form_and_each_change_is_seen(small_glossary: Path):
    from glossary import compiled

    text = "Alibaba Cloud said Qwen and Tmall grew. 阿里云表示天猫增长。"
    through_file = glossary.mine([doc(text)], glossary=small_glossary, details=True)
    in_hand = glossary.mine([doc(text)], glossary=store.load(small_glossary), details=True)
    assert through_file.to_dict("records") == in_hand.to_dict("records")
    assert compiled.compiled_file(small_glossary).is_file()  # kept for the next run: not validated again
    assert "Tmall" not in set(through_file[through_file["known"]]["english"])
    with store.editing(small_glossary) as edited:
        edited.add(store.TermEntry(id="", english="Tmall", chinese="天猫", category="product", status="approved"))
    again = glossary.mine([doc(text)], glossary=small_glossary, details=True)
    known = again[again["known"]]
    assert "Tmall" in set(known["english"]) and set(known[known["english"] == "Tmall"]["frequency"]) == {2}


def test_mining_runs_the_garbage_collector_less_often_and_gives_its_settings_back(tmp_path: Path):
    """While documents are read, the youngest generation is collected after 50,000 allocations at least (not
    700): the caller's thresholds are what they were afterwards, even when mining fails."""
    import gc

    (tmp_path / "a.txt").write_text("Alibaba Cloud released Qwen3 in Hangzhou. " * 20, encoding="utf-8")
    (tmp_path / "b.txt").write_text("算力网络与具身智能机器人是今年的热点。" * 20, encoding="utf-8")
    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        table = glossary.mine([tmp_path / "a.txt", tmp_path / "b.txt"], glossary=None, jobs=1,
                              progress=lambda name: seen.append(gc.get_threshold()))
        assert gc.get_threshold() == (700, 10, 10)
        assert len(seen) == 2 and all(first >= 50_000 for first, _, _ in seen)
        assert {"Alibaba Cloud", "算力网络"} <= set(table["english"]) | set(table["chinese"])
        with pytest.raises(glossary.GlossaryError):
            glossary.mine([tmp_path / "missing.txt"], glossary=None, jobs=1)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
