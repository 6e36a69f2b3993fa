"""New candidates: name boundaries, page debris, categories from cues, honest Chinese proposals with a
confidence, the score cut and the explanation of a row, and the tagger that reads verbs in context."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossary
from glossary import store, tagging
from glossary.cli import cli
from glossary.dictionary import propose_from_english, suggest_from_pinyin
from glossary.mining.explain import explain
from glossary.mining.finders.ngrams import corrected_labels
from glossary.store import Glossary

ROOT = Path(__file__).resolve().parent.parent
NO_GLOSSARY = Glossary([])


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    """The curated glossary the package ships."""
    return store.Glossary(store.read_entries(store.embedded_path()))


def rows(text: str, known: Glossary = NO_GLOSSARY, **options) -> dict[str, dict]:
    """Mined rows of a text, keyed by lower-case English."""
    frame = glossary.mine([glossary.Document("<text>", text)], glossary=known, details=True, **options)
    return {str(row["english"]).lower(): row for row in frame.to_dict(orient="records")}


# --- boundaries ---------------------------------------------------------------------------------


def test_a_known_name_inside_a_longer_unknown_name_is_a_candidate_of_its_own(shipped: Glossary):
    found = rows("Tencent launched Hunyuan Compass, a tool for merchants. Hunyuan Compass is free for now.", shipped)
    compass = found["hunyuan compass"]
    assert (compass["kind"], compass["known"], compass["frequency"]) == ("name", False, 2)
    assert compass["category"] == "product"  # the known Hunyuan is a product, and it was 'launched'
    assert found["hunyuan"]["known"]  # the known part is still counted as itself
    assert "hunyuan compass is free" not in found
    why = "\n".join(explain([glossary.Document("<text>", "Tencent launched Hunyuan Compass. Hunyuan Compass "
                                                          "is free.")], "Hunyuan Compass", shipped))
    assert "contains the known name 'Hunyuan'" in why


def test_a_middle_initial_stays_inside_a_persons_name_but_an_arena_letter_joins_nothing():
    found = rows("The tool is free, said Grace Y. Zhou, a vice president of the firm. Zhou added more. "
                 "The rider trots at X. Halt follows.")
    assert found["grace y. zhou"]["category"] == "person"
    assert not {"grace", "grace y", "y. zhou", "x. halt"} & set(found)


def test_of_and_in_split_names_only_where_each_side_is_a_name_of_its_own(shipped: Glossary):
    found = rows("Lin Haotian, an analyst at Pearl Delta Securities in Hong Kong, said so. The Smart China Expo "
                 "in Chongqing opened. The Bank of China agreed. Pearl Delta Securities declined to comment.", shipped)
    assert "pearl delta securities" in found
    assert not [key for key in found if " in " in key]
    assert found["hong kong"]["known"] and found["chongqing"]["known"]
    assert "bank of china" in rows("The Bank of China agreed, and the Bank of China paid.")


def test_a_capitalised_new_inside_a_sentence_opens_a_name_and_a_second_and_starts_the_next_one():
    found = rows("Both Australia and New Zealand weigh the app. Rates fell in New Zealand. The app was made by "
                 "the Ministry of Communication and Technology and Ministry of Health. New rules apply.")
    assert found["new zealand"]["frequency"] == 2 and "zealand" not in found
    assert "ministry of communication and technology" in found and "ministry of health" in found
    assert not [key for key in found if key.count(" and ") > 1 or "technology and ministry" in key]
    assert "new rules" not in found  # a sentence's capitalised first word opens no name
    opened = rows("North Korea claimed it had no cases. Shares of Xiaomi rose. Media Contact: Lin Yue.")
    assert opened["north korea"]["chinese"] == "朝鲜"  # the dictionary names the two words as one place
    assert "korea" not in opened and not [key for key in opened if key.startswith(("shares", "media"))]


def test_a_variant_spelled_with_fewer_capitals_is_recognised_as_written():
    from glossary.schema import TermEntry

    known = Glossary([TermEntry(id="T1", english="AITO", chinese="问界", category="product", variants="Aito")])
    found = rows("Seres sells the Aito M9. AITO is Huawei's partner brand.", known)
    assert found["aito"]["known"] and found["aito"]["chinese"] == "问界" and found["aito"]["frequency"] == 2


def test_a_person_of_a_university_is_two_names_but_an_institution_of_a_place_is_one():
    found = rows("Maciej Boni of Penn State University stated that outbreaks plateau. The Bank of China agreed. "
                 "Lin Yue of Zhejiang University disagreed. The Church of England said nothing.")
    assert found["maciej boni"]["category"] == "person" and found["lin yue"]["category"] == "person"
    assert "penn state university" in found and "zhejiang university" in found
    assert "bank of china" in found and "church of england" in found
    assert found["bank of china"]["category"] == "organization"  # Bank of …, University of …, Ministry of …
    assert found["church of england"]["category"] != "person"  # 'said' after it, but no person is named 'of'
    assert not [key for key in found if " of " in key and key.endswith("university")]


def test_a_version_number_stays_in_a_product_name_but_no_number_joins_an_ordinary_name():
    found = rows("Huawei showed the Pura 80 Ultra phone and HarmonyOS 6 today. Under Article 5 of the rules, "
                 "the Pura 80 Ultra ships later, as does HarmonyOS 6.")
    assert {"pura 80 ultra", "harmonyos 6"} <= set(found)
    assert found["pura 80 ultra"]["category"] == "product"
    assert not {"article 5", "pura 80", "harmonyos"} & set(found)


def test_page_debris_is_no_candidate():
    text = ("Skip to main content\nHomeNewsChinaMarkets\nTencent Holdings (0700.HK) rose as Alibaba (BABA 131.40) "
            "fell. Capital spending hit RMB76.8 billion. Read tencent_hunyuan_launch at www.wire.example/news "
            "or write to pr@mi.example for the full Report_2025.pdf.[12] Northgate Inc. agreed.")
    found = rows(text)
    assert "tencent holdings" in found and "northgate inc." in found
    debris = [key for key in found if re.search(r"0700|hk\b|\bbaba\b|rmb|_|www|example|homenews|\[|^inc", key)]
    assert not debris


def test_users_handles_are_no_candidates_in_english_or_in_chinese_text_but_an_address_still_is_no_name():
    found = rows("Thanks to @KevinZonda and @Shakil-Shahadat for the patch. Write to team@ZetaSp.example. "
                 "感谢GitHub用户@ritaswc提供的接口。Northgate Inc. agreed.")
    assert "northgate inc." in found and "github" in found
    assert not [key for key in found if re.search(r"kevin|zonda|shakil|shahadat|ritaswc|zetasp|team", key)]


def test_a_capitalised_everyday_word_opening_a_line_or_quoted_clause_is_no_name():
    found = rows('[7] Critics noted the gap. "HDC 2025 opens in Dongguan" was the headline. Food-delivery '
                 "platforms grew.")
    assert not {"critics", "hdc 2025 opens in dongguan", "food-delivery"} & set(found)


# --- categories from cues ----------------------------------------------------------------------------


def test_categories_of_new_names_come_from_their_words_and_the_words_around_them():
    found = rows("Shares of Northgate Retail Group fell after Lingnan Research cut its rating. Chen Yiran, an "
                 "analyst at Harbour Ridge Capital, said the Lumen Pad 8 Pro tablet, launched on Monday, runs "
                 "Lumen OS 3. The Pearl Tech Expo was held in Wuhan. Visitors flew to Qianhai Bay, where the "
                 "Qianhai Bay Smart Factory stands. Yiran Chen said so again.")
    expected = {"northgate retail group": "organization", "lingnan research": "organization",
                "chen yiran": "person", "harbour ridge capital": "organization", "lumen pad 8 pro": "product",
                "lumen os 3": "product", "pearl tech expo": "event", "qianhai bay smart factory": "place"}
    assert {key: found[key]["category"] for key in expected} == expected

    # what an organisation does: open a centre, sell, release; its founder; goods bought from it; an apposition
    found = rows("Korvexa opened a research centre in Shenzhen. Han Lirong, the founder of Korvexa, smiled. The "
                 "carmaker buys battery cells from Velmora, but Velmora sells fewer cells abroad. Quintaro released "
                 "a new version of its app on Friday. Zenbrook, the payments arm of Quintaro, grew. The Lantern "
                 "Harbour Festival opened on Monday. Harbour Nights opened on Friday and ran all week. Brightwater Cloud "
                 "cut its prices.")
    expected = {"korvexa": "organization", "velmora": "organization", "quintaro": "organization",
                "zenbrook": "organization", "lantern harbour festival": "event", "harbour nights": "event",
                "brightwater cloud": "organization"}
    assert {key: found[key]["category"] for key in expected} == expected


# --- honest Chinese ----------------------------------------------------------------------------------


def test_a_dictionary_proposal_is_the_whole_headword_in_the_right_case_and_sense():
    assert propose_from_english("US").entry.simplified == "美国"
    assert propose_from_english("us").entry.simplified != "美国"
    assert propose_from_english("cloud computing").entry.simplified == "云计算"
    assert propose_from_english("social science").entry.simplified == "社会科学"  # not the short 社科
    assert propose_from_english("slang").entry.simplified == "俚语"  # not 切口, mostly 'incision'
    # an acronym in brackets is a note, not a narrower sense: 'Bank of China (BoC)', 'artificial intelligence (AI)'
    assert propose_from_english("Bank of China").entry.simplified == "中国银行"  # not the short 中银
    assert propose_from_english("artificial intelligence").entry.simplified == "人工智能"
    assert propose_from_english("delivery") is None or propose_from_english("delivery").entry.simplified != "交割"
    for term in ("Android", "Seed", "shares", "deliveries", "look", "Hong Kong"):
        proposal = propose_from_english(term)
        # no proper noun from a common word (机器人, 种), no single character for a word (分, 港)
        assert proposal is None or (len(proposal.entry.simplified) > 1 and proposal.entry.is_proper_noun), term
    assert 0 < propose_from_english("press release").confidence <= 1


def test_a_name_cc_cedict_describes_after_a_comma_is_proposed_but_not_one_that_names_something_else():
    # 'Budapest, capital of Hungary', 'Seres, Chinese electric vehicle brand', 'Xi'an, sub-provincial city…' (西安市)
    found = {term: propose_from_english(term) for term in ("Budapest", "Seres", "Xi'an", "Hong Kong", "Washington",
                                                            "Georgia")}
    assert {term: proposal.entry.simplified for term, proposal in found.items() if proposal} == {
        "Budapest": "布达佩斯", "Seres": "赛力斯", "Xi'an": "西安", "Hong Kong": "香港"}
    # not 华府 ('Washington, D.C.') nor 华盛顿州 ('Washington, US State'); not the Taiwan form 乔治亚州
    assert found["Washington"] is None and found["Georgia"] is None


def test_a_romanised_place_is_proposed_as_the_place_even_where_the_dictionary_refers_to_its_longer_name():
    # CC-CEDICT gives 青岛 only as 'see 青岛市'; the same reading is also 倾倒 'to topple over'
    for romanised, place in (("Qingdao", "青岛"), ("Guizhou", "贵州"), ("Baoding", "保定"), ("Jiaxing", "嘉兴")):
        found = suggest_from_pinyin(romanised)
        assert found is not None and (found.simplified, found.is_proper_noun) == (place, True), romanised
    found = rows("Qingdao and Jiaxing signed a trade deal. Qingdao will host the talks, Jiaxing said.")
    assert (found["qingdao"]["chinese"], found["qingdao"]["suggestion"]) == ("青岛", "pinyin")
    assert found["jiaxing"]["chinese"] == "嘉兴"


def test_new_rows_say_none_and_leave_chinese_empty_when_nothing_honest_can_be_proposed():
    found = rows("The US market grew. Android phones sold well in the US. Seed funding rose for Android apps. "
                 "Android makers and US regulators met.")
    assert found["us"]["chinese"] in ("美国", "")
    assert found["android"]["chinese"] == "" and found["android"]["suggestion"] == "none"
    assert found["android"]["confidence"] == 0.0
    assert all(0.0 <= row["confidence"] <= 1.0 for row in found.values())


# --- the score cut and the explanation -----------------------------------------------------------------


TEXT = ("Tencent launched Hunyuan Compass, a tool for merchants. Merchants like Hunyuan Compass. Pearl Delta "
        "Securities said merchants stay. The consumer electronics market grew; consumer electronics sell.")


def test_min_score_leaves_out_rows_scored_below_it_in_the_library_and_the_cli(shipped: Glossary, tmp_path: Path):
    everything = glossary.mine([glossary.Document("<text>", TEXT)], glossary=shipped)
    cut = glossary.mine([glossary.Document("<text>", TEXT)], glossary=shipped, min_score=0.3)
    assert 0 < len(cut) < len(everything) and (cut["score"] >= 0.3).all()
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["mine", str(source), "--min-score", "0.3", "--json"])
    assert result.exit_code == 0
    assert {row["english"] for row in json.loads(result.stdout)} == set(cut["english"])
    assert CliRunner().invoke(cli, ["mine", str(source), "--min-score", "2"]).exit_code == 2


def test_explain_says_why_a_row_was_kept_or_left_out_in_the_library_and_the_cli(tmp_path: Path):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    kept = "\n".join(explain([source], "consumer electronics"))
    assert "rank" in kept and "score" in kept and "kind term" in kept and "Zipf" in kept
    left_out = "\n".join(explain([source], "merchants"))
    assert "left out: an everyday English word alone" in left_out
    absent = "\n".join(explain([source], "quantum annealing"))
    assert "not a candidate" in absent
    drone = tmp_path / "drone.txt"
    drone.write_text("The drone has a 51-minute flight time and an upgraded obstacle-sensing system.\n",
                     encoding="utf-8")
    inside = "\n".join(explain([drone], "obstacle-sensing system"))
    assert "left out: seen only inside longer candidates" in inside
    assert "left out: 'upgraded' grades or counts" in "\n".join(explain([drone], "upgraded obstacle-sensing system"))
    assert "left out: '51-minute' measures" in "\n".join(explain([drone], "51-minute flight"))
    result = CliRunner().invoke(cli, ["mine", str(source), "--explain", "Pearl Delta Securities"])
    assert result.exit_code == 0 and "category organization" in result.stdout
    assert CliRunner().invoke(cli, ["mine", str(tmp_path / "missing.txt"), "--explain", "x"]).exit_code == 2


# --- the tagger ------------------------------------------------------------------------------------------


def sparse_labels(words: list[str]) -> list[str]:
    """The model's labels computed the plain way: every feature's sparse weights summed per word."""
    path = ROOT / "glossary" / "data" / tagging.MODEL_FILE
    model = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    classes = sorted(model["classes"])
    context = [word.lower() for word in words]
    labels: list[str] = []
    prev = prev2 = tagging.START
    for index, word in enumerate(words):
        label = model["tagdict"].get(context[index])
        if label is None:
            scores = dict.fromkeys(classes, 0.0)
            for feature in tagging.features(index, word, context, prev, prev2):
                for name, weight in model["weights"].get(feature, {}).items():
                    scores[name] += weight
            label = max(classes, key=lambda name: (scores[name], classes.index(name)))
        labels.append(label)
        prev2, prev = prev, label
    return labels


def test_the_fast_tagger_gives_the_models_own_labels():
    for sentence in ("Domestic shopping sites face tough competition from rivals",
                     "The company calls for calm as regulators tightened oversight",
                     "She walks home while the evening walks were long and reduced ejection fraction worsened"):
        words = sentence.split()
        assert tagging.tag(words) == sparse_labels(words)


def test_the_tagger_is_read_from_its_prepared_file_and_a_damaged_one_is_made_again(isolated: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch):
    words = "Domestic shopping sites face tough competition from rivals".split()
    tagging.tagger.cache_clear()
    assert tagging.tag(words) == sparse_labels(words)  # the first run lays the model out and keeps it
    prepared = isolated / ".cache" / "tagger.pickle"
    assert prepared.is_file()
    read_model = tagging._read_model

    def no_model() -> tagging.Tagger:
        raise AssertionError("the JSON model was read although its prepared form is there")

    monkeypatch.setattr(tagging, "_read_model", no_model)
    tagging.tagger.cache_clear()
    assert tagging.tag(words) == sparse_labels(words)  # from the prepared file alone
    prepared.write_bytes(prepared.read_bytes()[:1000])  # cut short, as a full disk would
    monkeypatch.setattr(tagging, "_read_model", read_model)
    tagging.tagger.cache_clear()
    assert tagging.tag(words) == sparse_labels(words) and prepared.stat().st_size > 1000
    tagging.tagger.cache_clear()


def test_a_word_that_acts_as_a_verb_in_its_sentence_is_no_part_of_a_term():
    words = "Domestic shopping sites face tough competition".split()
    labels = dict(zip(words, corrected_labels(words, tagging.tag(words))))
    assert tagging.is_verb_here(labels["face"]) and labels["competition"].startswith("NOUN")
    found = rows("Domestic shopping sites face tough competition. Shopping sites face rivals. Staff were urged to "
                 "lift advertising sales. Face masks sold out; face masks are scarce.")
    assert not [key for key in found if key.endswith(" face") or "sites face" in key or key.startswith("lift ")]
    assert "face mask" in found or "face masks" in found
    # an -s form after a short singular subject is its verb, whatever its object (a noun too)
    found = rows("The company buys graphics chips from Nvidia. The company buys graphics chips again. Wind power "
                 "plants in Gansu grew, and the power plants of Inner Mongolia too.")
    assert not [key for key in found if "buys" in key or key.startswith("buy")]
    assert "graphics chip" in found or "graphics chips" in found
    assert "wind power plant" in found or "wind power plants" in found
    # a past form the tagger reads as a noun is the verb after its subject (the unit *rose* 26%), and is read
    # first: in 'oil prices rose' prices stays the noun
    words = "Oil prices rose".split()
    assert [label.split("|")[0] for label in corrected_labels(words, tagging.tag(words))] == ["NOUN", "NOUN", "VERB"]
    for sentence, verb in (("revenue from the cloud unit rose 26% in May", "rose"),
                           ("sales of the tablet grew 5% in May", "grew")):
        words = sentence.split()
        labels = dict(zip(words, corrected_labels(words, tagging.tag(words))))
        assert tagging.is_verb_here(labels[verb]), sentence
    # before an infinitive an -s form after a longer subject may be a plural noun (required passengers on
    # intercity buses to wear masks; wind power plants to be built)
    words = "required passengers on trains and intercity buses to wear face masks".split()
    assert corrected_labels(words, tagging.tag(words))[6].startswith("NOUN")
    words = "wind power plants to be built in Gansu".split()
    assert corrected_labels(words, tagging.tag(words))[2].startswith("NOUN")
    # a base form the tagger reads as an adjective after a plural subject is its verb (pre-orders *open* today)
    words = "Pre-orders open today on the store".split()
    assert tagging.is_verb_here(corrected_labels(words, tagging.tag(words))[1])
    words = "The rose garden opened".split()
    assert corrected_labels(words, tagging.tag(words))[1].startswith("NOUN")
    found = rows("Revenue from the cloud unit rose 26% in the quarter. Advertising revenue fell for a fourth "
                 "straight quarter. Sales of the tablet grew 5% in May.")
    assert not [key for key in found if key.endswith((" rose", " grew", " fell")) or "straight" in key], found


def test_only_a_short_input_asks_the_tagger_a_large_one_ranks_fragments_by_frequency():
    sentence = "Domestic shopping sites face tough competition from rivals abroad. "
    short = rows(sentence * 3)
    assert not [key for key in short if "sites face" in key]
    filler = "Rain fell on the hills. " * 17_000  # 408,000 characters: sized as about 68,000 words
    large = glossary.mine([glossary.Document("<a>", sentence * 3), glossary.Document("<b>", filler)],
                          glossary=NO_GLOSSARY, top=0)
    assert any("sites face" in str(english).lower() for english in large["english"])


def test_the_prepared_tagger_gives_the_labels_of_the_model_read_from_json():
    import pickle

    model = tagging._read_model()
    prepared = pickle.loads(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))  # as the cache folder keeps it
    assert isinstance(prepared._weights, tagging._PackedWeights)
    for sample in ("tencent_wire.txt", "xiaomi_press_release.txt"):
        words = (ROOT / "samples" / sample).read_text(encoding="utf-8").split()
        for start in range(0, len(words), 25):
            assert prepared.tag(words[start:start + 25]) == model.tag(words[start:start + 25])
