"""New candidates a terminologist keeps: the top 30 new candidates of every sample article, judged against
the hand-made labels saved with the samples (samples/new_candidate_labels.tsv)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import glossary
from glossary import store

from .sample_gold import NEW_PROPOSALS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LABELS = SAMPLES / "new_candidate_labels.tsv"
TOP = 30
WIRE_SAMPLES = ("huawei_developer_conference.md", "jd_bytedance_brief.html", "tencent_wire.txt",
                "xiaomi_press_release.txt")


def read_labels() -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """sample → candidate (lower case) → (keep or junk, the right categories)."""
    labels: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    with LABELS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels.setdefault(row["sample"], {})[row["candidate"]] = (
                row["label"], tuple(c for c in row["category"].split("|") if c))
    return labels


@pytest.fixture(scope="module")
def top_new() -> dict[str, list[dict]]:
    """The top 30 new candidates of every sample article, mined with the shipped glossary."""
    shipped = store.Glossary(store.read_entries(store.embedded_path()))
    samples = sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html"))
    return {sample: glossary.mine([SAMPLES / sample], glossary=shipped, new_only=True, top=TOP, details=True)
            .to_dict(orient="records") for sample in samples}


def test_every_sample_article_is_labelled_and_so_is_each_of_its_top_30_new_candidates(top_new):
    labels = read_labels()
    assert set(labels) == set(top_new)
    unlabelled = [(sample, row["english"]) for sample, rows in top_new.items() for row in rows
                  if row["english"].lower() not in labels[sample]]
    assert not unlabelled


def test_junk_in_the_top_30_new_candidates_is_at_most_15_percent(top_new):
    labels = read_labels()
    rows = [(sample, row["english"].lower()) for sample, rows in top_new.items() for row in rows]
    junk = [(sample, english) for sample, english in rows if labels[sample][english][0] == "junk"]
    assert len(rows) >= 60  # the samples' new names and terms are there, not cut away with the junk
    assert len(junk) / len(rows) <= 0.15, junk


def test_categories_of_new_candidates_are_right_at_least_85_percent_and_of_new_names_too(top_new):
    labels = read_labels()
    judged = [(row, labels[sample][row["english"].lower()][1]) for sample, rows in top_new.items() for row in rows
              if labels[sample][row["english"].lower()][0] == "keep"]
    names = [(row, right) for row, right in judged if row["kind"] in ("name", "pinyin", "acronym")]
    assert len(names) >= 40
    for group in (judged, names):
        wrong = [(row["english"], row["category"], right) for row, right in group if row["category"] not in right]
        assert 1 - len(wrong) / len(group) >= 0.85, wrong
    people = {row["english"] for row, right in names if row["category"] == "person"}
    assert {"Grace Y. Zhou", "Wen Jiali", "Peter Marsh", "Chen Yiran", "Kevin Ho"} <= people
    products = {row["english"] for row, right in names if row["category"] == "product"}
    assert {"Hunyuan Compass", "Pura 80 Ultra", "Xiaomi Pad 8 Pro", "Doubao Seed 1.6"} <= products


def test_every_dictionary_proposal_in_the_top_30_is_one_a_reader_accepts(top_new):
    proposals = {(sample, row["english"].lower()): row["chinese"] for sample, rows in top_new.items()
                 for row in rows if row["suggestion"] == "dictionary"}
    assert proposals  # the dictionary still proposes where it can
    assert {key: chinese for key, chinese in proposals.items() if NEW_PROPOSALS.get(key) != chinese} == {}


def test_every_new_row_has_a_confidence_between_0_and_1_and_none_means_no_chinese(top_new):
    rows = [row for rows in top_new.values() for row in rows]
    assert all(0.0 <= row["confidence"] <= 1.0 for row in rows)
    for row in rows:
        if row["suggestion"] == "none":
            assert (row["chinese"], row["confidence"]) == ("", 0.0)
        else:
            assert row["chinese"] and row["confidence"] > 0


# tickers (0700.HK, TME.N, BABA), currency glued to numbers, slugs, addresses, citation marks, a bare company
# suffix, navigation words and words glued together by markup (HomeTechnologyMarketsWorld)
_DEBRIS = re.compile(r"\d{3,4}\.HK|\b[A-Z]{2,5}\.N\b|^(?:BABA|PDD|JD \d)|^(?:RMB|US\$|HK\$)\d|_|www\.|https?:|@|"
                     r"\.example|\.pdf|\[\d+\]|^(?:Inc|Ltd|Co)\.?$|^(?:Home|Skip|Subscribe|Privacy|Terms|Sign in)\b|"
                     r"^(?:[A-Z][a-z]+){3,}$")


def test_the_wire_style_samples_carry_the_debris_of_real_pages():
    text = "\n".join((SAMPLES / sample).read_text(encoding="utf-8") for sample in WIRE_SAMPLES)
    for feature in (r"[A-Z]{4,}, \w+ \d+ \(Harbour Wire\) -", r"[A-Z]{4,}, \w+ \d+, \d{4} /Asia Newsline/ --",
                    r"\nAbout Xiaomi Corporation\n", r"\nForward-Looking Statements\n", r"\(0700\.HK\)|\(HKEX: 1810\)",
                    r"\n\| Venue \| ", r"\.\[\d+\]", r"HomeTechnologyMarketsWorld", r"RMB\d"):
        assert re.search(feature, text), feature


@pytest.mark.parametrize("sample", WIRE_SAMPLES)
def test_page_debris_of_wire_copy_is_no_candidate(sample: str, top_new):
    everything = glossary.mine([SAMPLES / sample], glossary=store.Glossary([]), details=True)
    debris = [english for english in everything["english"] if _DEBRIS.search(str(english))]
    assert not debris
