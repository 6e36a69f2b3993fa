"""Prepared lexicons (issue 15, start-up): word lists read word by word from checked files in the cache folder give
exactly the values of their sources, and a warm `glossary mine` of one sentence loads none of the big sources."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import dictionary, english, lexicons
from glossary.lexicons import Lexicon

from .conftest import ROOT


def fresh(name: str, source: dict) -> Lexicon:
    """A new lexicon object over a source (as a new process would have it)."""
    return Lexicon(name, lambda: "test 1", lambda: source, int if isinstance(next(iter(source.values())), int) else str)


def test_a_prepared_lexicon_reads_the_values_of_its_source_from_its_file() -> None:
    source = english._zipf_hundredths()
    fresh("zipf", source).full()  # the first run: loads the source and keeps it as a file
    words = random.Random(7).sample(sorted(source), 500) + ["the", "alibaba", "no-such-word-here"]
    reader = fresh("zipf", source)
    assert [reader.get(word) for word in words] == [source.get(word) for word in words]
    assert reader._full is None  # read from the file, the source never loaded


def test_words_at_the_edges_of_the_file_s_chunks_are_read_from_the_chunk_that_holds_them() -> None:
    source = {f"w{n:04d}": n for n in range(0, 1000, 3)}  # words between them are missing
    fresh("edges", source).full()
    reader = fresh("edges", source)
    words = sorted(source)
    edges = [w for index, w in enumerate(words) if index % 32 in (0, 31)]  # each chunk's first and last word
    asked = ["", "a", "w", *edges, "w0001", "w0998", "w0999", "w1000", "x", "\uffff"]
    assert [reader.get(word) for word in asked] == [source.get(word) for word in asked]
    assert reader._full is None and len(reader._chunks) == len(words) // 32 + 1  # each chunk read once


def test_the_words_read_match_what_the_libraries_say() -> None:
    from lemminflect import getAllLemmas

    classes = fresh("classes", english._word_classes_source())
    classes.full()
    reader = fresh("classes", english._word_classes_source())
    for word in ["developers", "running", "quickly", "data", "xyzzy", "hangzhou", "best", "cloud", "walked"]:
        value = reader.get(word)
        assert (frozenset(value.split()) if value else frozenset()) == frozenset(getAllLemmas(word)), word
        assert english.word_classes(word) == frozenset(getAllLemmas(word)), word
    assert english.zipf("The") == english.zipf("the") > 7 and english.zipf("qqqxxz") == 0.0


def test_verb_forms_and_comparisons_from_the_prepared_lexicon_are_what_lemminflect_says() -> None:
    from lemminflect import getAllLemmas, getLemma
    from lemminflect.core.Lemmatizer import Lemmatizer

    def verb_form(word: str) -> str:  # what english.verb_form computed from lemminflect before the lexicon
        lemmas = getAllLemmas(word.lower()).get("VERB")
        return "" if not lemmas else "base" if word.lower() in lemmas else "s" if word.lower().endswith("s") else "other"

    def comparison(word: str) -> bool:  # and english.is_comparison
        lower = word.lower()
        if not lower.endswith(("er", "est")) or "ADJ" not in english.word_classes(lower):
            return False
        lemma = getLemma(lower, upos="ADJ")
        return bool(lemma) and lemma[0] != lower

    lemmatizer = Lemmatizer()
    known = sorted(w for w in set(lemmatizer._getLemmaDict()) | set(lemmatizer._getOverridesDict()) if w == w.lower())
    words = random.Random(11).sample(known, 1500) + [w for w in known if w.endswith(("er", "est"))][:500] + [
        "Bigger", "best", "RUNS", "walked", "face", "calls", "goes", "tightened", "rising", "water", "xyzzy", "Data"]
    assert [(english.verb_form(w), english.is_comparison(w)) for w in words] == [(verb_form(w), comparison(w))
                                                                                 for w in words]
    assert (english.verb_form("goes"), english.verb_form("face"), english.is_comparison("bigger")) == ("s", "base", True)


def test_a_damaged_or_stale_file_is_rebuilt_from_the_source() -> None:
    source = {f"word{n:05d}": n for n in range(1, 3000)}
    fresh("numbers", source).full()
    path = fresh("numbers", source).path()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # a byte inside the rows flips
    path.write_bytes(bytes(data))
    reader = fresh("numbers", source)
    assert [reader.get(f"word{n:05d}") for n in (1, 1500, 2999)] == [1, 1500, 2999]
    stale = Lexicon("numbers", lambda: "test 2", lambda: {"word00001": 7}, int)
    assert not stale.ready() and stale.get("word00001") == 7
    assert Lexicon("numbers", lambda: "test 2", dict, int).ready()  # rewritten for the new version


def test_a_long_run_reads_the_whole_file_instead_of_word_by_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "FULL_LOAD_AFTER", 10)
    source = {f"w{n}": n for n in range(1, 100)} | {"x\u00e9": 7}
    fresh("long", source).full()

    def no_source() -> dict:
        raise AssertionError("the source was loaded although its prepared file is there")

    reader = Lexicon("long", lambda: "test 1", no_source, int)
    assert [reader.get(f"w{n}") for n in range(1, 30)] == list(range(1, 30))
    assert reader._full == source  # the whole file, read at once: every word, with its value
    words = Lexicon("words", lambda: "test 1", lambda: {"甲": "one", "b": "two"}, str)
    words.full()
    assert Lexicon("words", lambda: "test 1", no_source, str).full() == {"甲": "one", "b": "two"}


def test_suggestions_come_from_the_prepared_files_as_from_the_index() -> None:
    by_gloss, by_reading = dictionary.gloss_suggestions(), dictionary.reading_suggestions()
    found = dictionary.suggest_from_english("developer")
    assert found is not None and (found.simplified, found.reading, "/".join(found.glosses)) == by_gloss["developer"][0][:3]
    assert dictionary.gloss_senses("developer") == by_gloss["developer"]  # every sense, with its frequency
    found = dictionary.suggest_from_pinyin("Chongqing")
    assert found is not None and found.simplified == "重庆" == by_reading["chongqing"][0]
    assert dictionary.is_headword("重庆") and not dictionary.is_headword("重庆重庆重庆")


def test_a_warm_run_on_one_sentence_loads_no_big_lexicon_nor_pandas(tmp_path: Path) -> None:
    sentence = tmp_path / "one.txt"
    sentence.write_text("Alibaba Cloud said developers in Hangzhou liked its cloud computing platform.\n",
                        encoding="utf-8")
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-X", "importtime", "-m", "glossary", "mine", str(sentence), "--json"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert {path.name for path in (tmp_path / "cache").iterdir()} >= {
        "lexicon-english-zipf.sqlite", "lexicon-english-classes.sqlite", "lexicon-cedict-headwords.sqlite",
        "lexicon-cedict-by-gloss.sqlite", "lexicon-cedict-by-reading.sqlite"}
    assert not (tmp_path / "cache" / "lexicon-cedict-phrases.sqlite").exists()  # only mining translations reads it
    warm = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert warm.returncode == 0 and warm.stdout == first.stdout
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in warm.stderr.splitlines() if "|" in line}
    assert "glossary" in imported
    assert not imported & {"pandas", "numpy", "wordfreq", "lemminflect"}


_PREPARE_ON_TWO_CORES = """
import json, sys
from glossary import dictionary, english, lexicons
wanted = set(sys.argv[1:])  # the lighter lexicons: the share-out is the same whatever they are
missing = [lexicon for lexicon in lexicons.unprepared() if lexicon.name in wanted]
lexicons.prepare(missing, cores=2)
print(json.dumps({
    "missing": sorted(lexicon.name for lexicon in missing),
    "loaded here": sorted(lexicon.name for lexicon in missing if lexicon._full is not None),
    "files": sorted(lexicon.name for lexicon in missing if lexicon.path().is_file()),
    "zipf": english.zipf("cloud"),
    "classes": sorted(english.word_classes("cloud")),
    "headword": dictionary.is_headword("重庆"),
}))
"""
_LIGHT = ("english-zipf", "english-classes", "cedict-headwords")  # weights 1.2, 0.7 and 0.5


def _prepared_on_two_cores(cache: Path) -> dict:
    """What prepare() on two cores did with the lighter lexicons, in a new process (the lexicons of this one are
    loaded already)."""
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _PREPARE_ON_TWO_CORES, *_LIGHT], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_first_run_on_two_cores_prepares_the_heaviest_lexicon_in_a_second_process(tmp_path: Path) -> None:
    found = _prepared_on_two_cores(tmp_path / "cache")
    assert found["missing"] == sorted(_LIGHT)
    assert found["files"] == found["missing"]  # every file written, by one process or the other
    assert found["loaded here"] == ["cedict-headwords", "english-classes"]  # the heaviest's source never was
    # what the other process wrote is read here, with the values of its source
    assert found["zipf"] == english.zipf("cloud") > 0
    assert found["classes"] == sorted(english.word_classes("cloud")) and found["headword"] is True


def test_when_the_cache_cannot_keep_files_the_first_run_prepares_every_lexicon_here(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be\n", encoding="utf-8")
    found = _prepared_on_two_cores(not_a_folder)
    assert found["files"] == []
    assert found["loaded here"] == found["missing"] == sorted(_LIGHT)  # the other process kept nothing: all here
    assert found["zipf"] == english.zipf("cloud") > 0


def test_preparing_the_gloss_lexicon_removes_the_pickle_earlier_versions_kept_the_suggestions_in(
        isolated: Path) -> None:
    from glossary.cache import cache_dir

    cache_dir().mkdir(parents=True, exist_ok=True)
    earlier = cache_dir() / "cedict-suggestions-4.pickle"  # 22.5 MB in the version before, read by nothing now
    earlier.write_bytes(b"suggestions")
    packed = dictionary._by_gloss_source()
    assert not earlier.exists()
    assert dictionary._unpacked_senses(packed["developer"]) == dictionary.gloss_suggestions()["developer"]


def test_whole_gloss_renderings_read_from_their_file_are_those_of_the_dictionary_index() -> None:
    index = dictionary.english_index()
    Lexicon("cedict-phrases", dictionary._cedict_stamp, dictionary._phrases_source, str).full()  # writes the file
    reader = Lexicon("cedict-phrases", dictionary._cedict_stamp, lambda: {}, str)  # a later run: the file alone
    keys = random.Random(5).sample(sorted(index), 2000) + ["world health organization", "no such gloss here"]
    for key in keys:
        found = reader.get(key)
        assert (frozenset(found.split("\t")) if found else frozenset()) == {entry.simplified for entry in
                                                                           index.get(key, ())}, key
    assert reader._full is None  # read key by key (2,002 keys, under the whole-file threshold)


_MINE_TRANSLATIONS = """
import hashlib, sys
from glossary import dictionary
from glossary.mining.bilingual import file_pairs, mine_pairs
frame = mine_pairs([file_pairs(sys.argv[1])])
print(hashlib.sha256(frame.to_csv().encode()).hexdigest(), dictionary.english_index.cache_info().currsize,
      dictionary.entries.cache_info().currsize)
"""


def test_mining_translations_a_second_time_reads_whole_glosses_from_their_file_with_the_same_table(
        tmp_path: Path) -> None:
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", _MINE_TRANSLATIONS, str(ROOT / "samples" / "parallel" / "launch.tmx")]
    runs = [subprocess.run(command, capture_output=True, text=True, env=env, timeout=300) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    (first, first_index, _), (second, second_index, second_entries) = (run.stdout.split() for run in runs)
    assert first_index == "1"  # the first run built CC-CEDICT's gloss index and kept what it needs as a file
    assert (tmp_path / "cache" / "lexicon-cedict-phrases.sqlite").is_file()
    assert second == first and second_index == second_entries == "0"  # the second parsed no dictionary at all
