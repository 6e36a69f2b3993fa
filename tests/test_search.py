"""Lookup: English, variants, plural, prefix, substring, Chinese in both scripts, pinyin, fuzzy; the cached index."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from glossary import search
from glossary.english import singular
from glossary.errors import GlossaryError, ValidationError

from .conftest import HEADER, ROOT, SMALL_GLOSSARY, run_python
from .fuzzy_labels import CHINESE_MISSPELLINGS, CHINESE_NONSENSE, MISSPELLINGS, NONSENSE
from .test_faults import GLOSSARY_COMMAND, _fill as fill, one_line_error, run, tmpfs


def first(query: str, path: Path, **options) -> search.Match:
    """The best match for a query."""
    matches = search.lookup(query, path, **options)
    assert matches, f"nothing found for {query!r}"
    return matches[0]


@pytest.mark.parametrize("query", [
    "Tongyi Qianwen", "tongyi qianwen", "QWEN", "Tongyi",          # English and variants, any case
    "通义千问", "通義千問", "通义",                                   # simplified, traditional, a prefix of either
    "tongyiqianwen", "tōngyì qiānwèn", "tōngyì", "tong1yi4",         # pinyin: spaces, tones, tone numbers
    "qianwen",                                                       # a later word of the term
])
def test_tongyi_qianwen_is_found_every_way_a_translator_types_it(query: str, small_glossary: Path):
    assert first(query, small_glossary).entry.id == "T001"


def test_exact_variant_match_is_marked_exact(small_glossary: Path):
    match = first("Wu Yongming", small_glossary)
    assert (match.entry.english, match.kind, match.field) == ("Eddie Wu", "exact", "variant")


def test_plural_query_finds_singular_entry(small_glossary: Path):
    match = first("business groups", small_glossary)
    assert (match.entry.id, match.kind) == ("T005", "exact")


def test_prefix_ranks_above_substring(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text(HEADER + "A1,Alibaba Cloud,阿里云,,,organization,approved,,,,,\n"
                    "A2,Cloud Intelligence Group,阿里云智能集团,,,business unit,approved,,,,,\n", encoding="utf-8")
    found = [(m.entry.id, m.kind) for m in search.lookup("cloud", path)]
    assert found == [("A2", "prefix"), ("A1", "substring")]


def test_substring_inside_a_word_is_found_when_nothing_better_is(small_glossary: Path):
    match = first("baba", small_glossary)
    assert (match.entry.id, match.kind) == ("T002", "substring")


def test_a_substring_inside_a_word_is_sought_only_in_chunks_holding_its_trigrams_and_none_is_missed(tmp_path: Path):
    path = tmp_path / "terms.csv"  # the shipped glossary: its Latin keys fill a couple of dozen chunks
    path.write_bytes((ROOT / "glossary" / "data" / "terms.csv").read_bytes())
    index = search.open_index(path)
    try:
        every = list(index.all("texts"))
        latin_rows = [(key, entry) for key, _, entry in every if not search.is_cjk(key)]
        latin = [key for key, _ in latin_rows]
        assert len(every) > 10 * search._TEXT_CHUNK_ROWS
        chance = random.Random(7)
        forms = {"baba", "ianwen", "ldtalk", "xyzq", "nce gr"}
        while len(forms) < 300:
            key = chance.choice(latin)
            if len(key) > 4:
                start = chance.randrange(1, len(key) - 3)
                forms.add(key[start:start + chance.randrange(3, 9)])
        read = set()
        for form in sorted(forms):
            expected = {entry for key, entry in latin_rows if key.find(form) > 0}
            assert set(search._inside_words(index, form)) == expected, form
            read.add(len(search._chunks_holding_all(index, search.trigram_codes(form))))
        chunks = int(index.meta["chunks texts"])
        assert min(read) == 0 and sum(read) < 0.75 * len(read) * chunks  # 'xyzq' reads none; most forms far from all
    finally:
        index.close()


def test_substring_at_a_word_start_is_found(small_glossary: Path):
    match = first("cloud", small_glossary)
    assert (match.entry.id, match.kind) == ("T002", "substring")


def test_traditional_query_finds_entry_whose_traditional_cell_is_empty(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text(HEADER + "A1,Alibaba Cloud,阿里云,,,organization,approved,,,,,\n", encoding="utf-8")
    assert first("阿里雲", path).entry.id == "A1"


def test_full_width_letters_in_a_chinese_query_are_folded(small_glossary: Path):
    assert first("８５后", small_glossary).entry.id == "T006"


def test_pinyin_is_derived_for_display_when_the_file_has_none(small_glossary: Path):
    assert first("chongqing", small_glossary).entry.pinyin == "Chóngqìng"


def test_misspelling_falls_back_to_fuzzy_matches_marked_as_such(small_glossary: Path):
    match = first("Alibaba Clod", small_glossary)
    assert (match.entry.id, match.kind) == ("T002", "fuzzy")
    assert match.score < 100


def test_no_fuzzy_fallback_when_asked_for_exact(small_glossary: Path):
    assert search.lookup("Alibaba Clod", small_glossary, fuzzy=False) == []


def test_nothing_close_gives_no_match(small_glossary: Path):
    assert search.lookup("zzzzqqqq", small_glossary) == []


@pytest.fixture(scope="module")
def shipped_index_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for this module's lookups in the shipped glossary, so its index is built once."""
    return tmp_path_factory.mktemp("shipped-index")


@pytest.fixture
def shipped(shipped_index_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lookups without a path use the shipped glossary and the module's shared index."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(shipped_index_folder))


def top_three(query: str) -> list[str]:
    """The English of the first three matches for a query in the shipped glossary."""
    return [m.entry.english for m in search.lookup(query, limit=3)]


@pytest.mark.parametrize("query, english", MISSPELLINGS + CHINESE_MISSPELLINGS)
def test_a_misspelling_finds_its_entry_in_the_top_three(query: str, english: str, shipped: None):
    assert english in top_three(query)


@pytest.mark.parametrize("query", NONSENSE + CHINESE_NONSENSE)
def test_a_word_no_entry_resembles_matches_nothing(query: str, shipped: None):
    assert top_three(query) == []


def test_narrowed_to_first_characters_as_in_a_million_entries_fuzzy_lookup_keeps_its_accuracy(
        shipped: None, monkeypatch: pytest.MonkeyPatch):
    # a glossary past FUZZY_SCAN_ROWS candidates compares a query only with those starting as it does (or with its
    # second character): on the labelled set, every misspelling still finds its entry, most the same top three
    whole = {query: top_three(query) for query, _ in MISSPELLINGS + CHINESE_MISSPELLINGS}
    monkeypatch.setattr(search, "FUZZY_SCAN_ROWS", 0)
    narrowed = {query: top_three(query) for query, _ in MISSPELLINGS + CHINESE_MISSPELLINGS}
    assert [query for query, english in MISSPELLINGS + CHINESE_MISSPELLINGS if english not in narrowed[query]] == []
    assert sum(narrowed[query] == whole[query] for query in whole) >= 0.9 * len(whole)
    assert [query for query in NONSENSE + CHINESE_NONSENSE if top_three(query)] == []


@pytest.mark.parametrize("query", ["dinner", "sleeping", "sending", "shipping"])
def test_an_english_word_one_letter_from_a_dictionary_word_of_a_name_matches_nothing(query: str, shipped: None):
    # winner (winner takes all), sweeping (Tomb-Sweeping Day), spending (revenge spending),
    # shopping (618 shopping festival)
    assert top_three(query) == []


def test_a_transposition_ranks_the_entry_it_misspells_first(shipped: None):
    match = search.lookup("Xaiomi")[0]
    assert (match.entry.english, match.kind) == ("Xiaomi", "fuzzy")


def test_a_fuzzy_score_is_the_spelling_similarity_and_reaches_the_cutoff(shipped: None):
    scores = {m.entry.english: m.score for m in search.lookup("Xaiomi")}
    assert scores["Xiaomi"] == pytest.approx(100 * 5 / 6)  # one transposition in six letters
    assert scores["Xiaomi SU7"] < scores["Xiaomi"]  # a word of a longer name scores a little less
    assert min(scores.values()) >= search.FUZZY_CUTOFF


def test_filters_by_category_and_status(small_glossary: Path):
    assert [m.entry.id for m in search.lookup("ant", small_glossary, status="deprecated")] == ["T007"]
    assert search.lookup("ant", small_glossary, category="person") == []


def test_match_dict_carries_every_field_and_the_match(small_glossary: Path):
    data = first("qwen", small_glossary).to_dict()
    assert data["id"] == "T001" and data["chinese"] == "通义千问" and data["match"] == "exact"
    json.dumps(data, ensure_ascii=False)


def test_index_is_cached_and_rebuilt_when_the_file_changes(small_glossary: Path):
    assert not search.index_is_current(small_glossary)
    search.lookup("qwen", small_glossary)
    assert search.index_is_current(small_glossary)
    text = small_glossary.read_text(encoding="utf-8").replace("Chongqing,重庆", "Chungking,重庆")
    small_glossary.write_text(text, encoding="utf-8")
    os.utime(small_glossary, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert not search.index_is_current(small_glossary)
    assert first("chungking", small_glossary).entry.id == "T004"
    assert search.lookup("chongqing", small_glossary, fuzzy=False)[0].field == "pinyin"


def test_lookup_on_an_invalid_file_raises_with_the_row(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text(HEADER + "A1,Alibaba Cloud,阿里云,,,organisation,approved,,,,,\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"row 2: unknown category 'organisation'"):
        search.lookup("alibaba", path)


def test_empty_query_is_an_error(small_glossary: Path):
    with pytest.raises(GlossaryError, match="empty query"):
        search.lookup("   ", small_glossary)


def test_index_works_without_a_writable_cache(small_glossary: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    assert first("qwen", small_glossary).entry.id == "T001"


def test_lookup_does_not_import_pandas_or_openpyxl(small_glossary: Path, isolated: Path):
    code = (
        "import sys\n"
        "from glossary.cli import main\n"
        "try:\n    main(['--glossary', sys.argv[1], 'lookup', 'qwen'])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "heavy = [m for m in ('pandas', 'openpyxl', 'rich', 'pypinyin') if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    search.lookup("qwen", small_glossary)  # build the index first, as a second lookup would find it
    result = run_python(code, str(small_glossary), env={"GLOSSARY_CACHE_DIR": str(isolated / ".cache")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "none"


@pytest.mark.parametrize("word, plural", [("company", "companies"), ("business group", "business groups"),
                                          ("box", "boxes"), ("Kimi", "Kimi"), ("bus", "bus")])
def test_singular_forms(word: str, plural: str):
    assert singular(search.fold_latin(plural)) == search.fold_latin(word)


# --- odd queries (issue 9 §7) -------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "!!!", "...", "?", "？", "·", "-", "“”", "_", "_ · …",
    "\u200b", "\u2060\ufeff",  # zero-width spaces (not white space to str.strip)
    "\u0301\u0301", "\u0300 \u0327",  # only combining marks
])
def test_a_query_with_nothing_to_search_matches_nothing(small_glossary: Path, query: str):
    result = run("-g", str(small_glossary), "lookup", query)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"no entry matches {query!r}\n" and result.stdout == ""


@pytest.mark.parametrize("query", ["qwen\udcff", "\udcff", "通\udce9", "\udce9\udc80 cloud"])
def test_a_query_holding_bytes_that_are_not_utf8_is_a_one_line_error(small_glossary: Path, query: str):
    result = run("-g", str(small_glossary), "lookup", query)
    assert result.exit_code == 2, result.output
    assert one_line_error(result).startswith("glossary: error: the query is not valid text: it holds bytes "
                                             "that are not UTF-8")


@pytest.mark.skipif(not GLOSSARY_COMMAND.exists(), reason="the glossary command is not installed beside Python")
def test_a_query_argument_that_is_not_utf8_is_a_one_line_error_in_a_real_process(small_glossary: Path):
    result = subprocess.run([str(GLOSSARY_COMMAND), "-g", str(small_glossary), "lookup", b"qwen\xff"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("glossary: error: the query is not valid text: it holds bytes that are not UTF-8 "
                                    "('qwen\\udcff')")


# --- the index: which version of the file it holds (issue 9 §4) ---------------------------------

CHUNGKING = SMALL_GLOSSARY.replace("Chongqing,重庆", "Chungking,重庆")  # one edit, the same size


def english_of(result) -> list[str]:
    """The English of the entries a `lookup --json` run printed."""
    assert result.exit_code == 0, result.output
    return [row["english"] for row in json.loads(result.stdout)]


def test_an_edit_that_restores_the_modification_time_to_the_nanosecond_is_seen(small_glossary: Path):
    before = small_glossary.stat()
    assert english_of(run("-g", str(small_glossary), "lookup", "chongqing", "--json")) == ["Chongqing"]
    small_glossary.write_text(CHUNGKING, encoding="utf-8")
    os.utime(small_glossary, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert small_glossary.stat().st_size == before.st_size and small_glossary.stat().st_ino == before.st_ino
    assert english_of(run("-g", str(small_glossary), "lookup", "chongqing", "--json")) == ["Chungking"]


def test_an_edit_that_restores_a_whole_second_modification_time_is_seen(small_glossary: Path):
    os.utime(small_glossary, (1_700_000_000, 1_700_000_000))  # as a tarball extracts it
    assert english_of(run("-g", str(small_glossary), "lookup", "chongqing", "--json")) == ["Chongqing"]
    small_glossary.write_text(CHUNGKING, encoding="utf-8")
    os.utime(small_glossary, (1_700_000_000, 1_700_000_000))
    assert english_of(run("-g", str(small_glossary), "lookup", "chongqing", "--json")) == ["Chungking"]


@pytest.mark.parametrize("swap", ["copied in place", "renamed over"])
def test_two_versions_of_the_same_size_and_modification_time_are_told_apart(tmp_path: Path, swap: str):
    old, new, glossary = tmp_path / "old.csv", tmp_path / "new.csv", tmp_path / "terms.csv"
    old.write_text(SMALL_GLOSSARY, encoding="utf-8")
    new.write_text(CHUNGKING, encoding="utf-8")
    for version in (old, new):
        os.utime(version, ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))
    shutil.copy2(old, glossary)
    assert english_of(run("-g", str(glossary), "lookup", "chongqing", "--json")) == ["Chongqing"]
    inode = glossary.stat().st_ino
    if swap == "copied in place":
        shutil.copyfile(new, glossary)
        shutil.copystat(new, glossary)
        assert glossary.stat().st_ino == inode
    else:
        os.replace(shutil.copy2(new, tmp_path / "new-copy.csv"), glossary)
    assert glossary.stat().st_mtime_ns == 1_700_000_000_123_456_789
    assert english_of(run("-g", str(glossary), "lookup", "chongqing", "--json")) == ["Chungking"]


# --- the index: where it is kept (issue 9 §3) ----------------------------------------------------


def test_a_glossary_whose_file_name_is_not_utf8_is_looked_up(tmp_path: Path):
    path = tmp_path / os.fsdecode(b"terms-\xff.csv")
    path.write_text(SMALL_GLOSSARY, encoding="utf-8")
    assert english_of(run("-g", str(path), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]
    assert search.index_is_current(path)


@pytest.mark.parametrize("folder", ["cache#1", "cache?2", "cache%41", os.fsdecode(b"cache\xff")])
def test_a_cache_folder_with_a_name_a_uri_would_misread_keeps_the_index(small_glossary: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch, folder: str):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / folder))
    assert english_of(run("-g", str(small_glossary), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]
    assert search.index_is_current(small_glossary) and search.index_file(small_glossary).parent == tmp_path / folder


def cache_listing(folder: Path) -> set[str]:
    """The names in a cache folder."""
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("cache", ["a file", "under a file"])
def test_a_cache_folder_that_is_a_file_leaves_an_answer_and_one_warning(small_glossary: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch, cache: str):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker if cache == "a file" else blocker / "cache"))
    result = run("-g", str(small_glossary), "lookup", "qwen", "--json")
    assert english_of(result) == ["Tongyi Qianwen"]
    assert one_line_error(result).startswith(f"glossary: warning: cannot create the cache folder {blocker}")
    assert one_line_error(result).endswith("; the index is kept in memory for this lookup")


@pytest.mark.parametrize("problem", ["read-only file system", "no space left on device"])
def test_a_cache_on_a_read_only_or_full_disk_leaves_an_answer_one_warning_and_no_temporary(
        small_glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str):
    with tmpfs(tmp_path / "disk", 256) as disk:
        monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(disk))
        if problem == "read-only file system":
            assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        else:
            fill(disk)
        before = cache_listing(disk)
        result = run("-g", str(small_glossary), "lookup", "qwen", "--json")
        assert english_of(result) == ["Tongyi Qianwen"]
        warning = one_line_error(result)
        assert warning.startswith(f"glossary: warning: cannot write {disk}/index-")
        assert ("read-only file system" in warning if problem == "read-only file system"
                else "no space left on device" in warning or "database or disk is full" in warning)
        assert cache_listing(disk) == before


def test_the_library_tells_its_caller_the_cache_could_not_keep_the_index_and_prints_nothing(
        small_glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture):
    (tmp_path / "blocker").write_text("x")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "blocker"))
    heard: list[str] = []
    assert first("qwen", small_glossary, on_warning=heard.append).entry.id == "T001"
    assert len(heard) == 1 and heard[0].startswith("cannot create the cache folder")
    assert capfd.readouterr() == ("", "")


def test_a_rebuild_removes_the_temporaries_of_killed_builds_and_keeps_those_of_running_ones(small_glossary: Path):
    index = search.index_file(small_glossary)
    index.parent.mkdir(parents=True)
    gone = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True).stdout)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"]) as running:
        try:
            killed = index.with_name(f".{index.name}.{gone}-0123abcd.tmp")
            building = index.with_name(f".{index.name}.{running.pid}-4567cdef.tmp")
            old_killed = index.with_name(f"{index.name}.{gone}.tmp")  # as versions before 6 named them
            old_recent = index.with_name(f"{index.name}.{running.pid}.tmp")
            for temporary in (killed, building, old_killed, old_recent):
                temporary.write_bytes(b"SQLite format 3\x00 half an index")
            two_days_ago = time.time() - 2 * 86_400
            os.utime(old_killed, (two_days_ago, two_days_ago))
            assert english_of(run("-g", str(small_glossary), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]
            # the index's own files (a word list the lookup prepared beside it is no temporary of it)
            assert {name for name in cache_listing(index.parent) if index.name in name} == {
                index.name, building.name, old_recent.name}
        finally:
            running.kill()


def test_building_an_index_removes_those_of_glossaries_that_are_gone_and_keeps_the_others(tmp_path: Path):
    # three glossaries, one in a folder whose name is not UTF-8 (a name is bytes on Linux)
    names = {"kept": tmp_path / "kept" / "terms.csv", "deleted": tmp_path / "deleted" / "terms.csv",
             "moved": tmp_path / os.fsdecode(b"moved \xff\xe9") / "terms.csv"}
    for glossary in names.values():
        glossary.parent.mkdir()
        glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
        assert english_of(run("-g", str(glossary), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]
    indexes = {name: search.index_file(glossary) for name, glossary in names.items()}
    folder = indexes["kept"].parent
    earlier = folder / "index-0123456789abcdef0123.sqlite3"  # an index of an earlier version names no glossary
    shutil.copyfile(indexes["kept"], earlier)
    with contextlib.closing(sqlite3.connect(earlier)) as connection, connection:
        connection.execute("DELETE FROM meta WHERE name = 'glossary'")
    unrelated = folder / "index-notes.txt"
    unrelated.write_text("not an index")
    names["deleted"].unlink()
    moved = names["moved"].rename(tmp_path / "elsewhere.csv")
    assert all(index.is_file() for index in indexes.values())
    # a lookup on an index that is current builds nothing, so removes nothing
    assert english_of(run("-g", str(names["kept"]), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]
    assert all(index.is_file() for index in indexes.values())
    assert english_of(run("-g", str(moved), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]  # builds one
    assert search.index_file(moved).is_file() and indexes["kept"].is_file()
    assert not indexes["deleted"].exists() and not indexes["moved"].exists()
    assert earlier.is_file() and unrelated.read_text() == "not an index"
    assert english_of(run("-g", str(names["kept"]), "lookup", "qwen", "--json")) == ["Tongyi Qianwen"]


# --- the index heals itself (issue 9 §4) ---------------------------------------------------------

# exact English, a Chinese prefix in the other script, a word start, inside a word, fuzzy Latin, fuzzy Chinese
PROBES = ["qwen", "通義", "cloud", "baba", "Alibaba Clod", "吴泳明"]


# A damage changes the index file in place; a family of them yields (what, damage) pairs for one index, so that
# the same tests damage the index of this version and of earlier ones alike.
Damage = Callable[[Path], None]


def sql(statement: str) -> Damage:
    """A damage: SQL statements run on the index."""
    def damage(index: Path) -> None:
        with contextlib.closing(sqlite3.connect(index)) as connection:
            connection.executescript(statement)
    return damage


def columns_of(index: Path) -> dict[str, list[tuple[str, str]]]:
    """Each table of an index: its columns (name, declared type) but the integer primary key."""
    with contextlib.closing(sqlite3.connect(index)) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: [(row[1], row[2]) for row in connection.execute(f"PRAGMA table_info({table})")
                        if not (row[5] and row[2] == "INTEGER")] for table in tables}


def each_table(make: Callable[[str, list[tuple[str, str]]], str]):
    """A family: one SQL damage for each table of the index."""
    return lambda index: [(table, sql(make(table, columns))) for table, columns in columns_of(index).items()]


def one(damage: Damage):
    """A family of one damage."""
    return lambda index: [("", damage)]


def random_bytes(seed: int, count: int = 20) -> Damage:
    """A damage: bytes changed at random offsets."""
    def damage(index: Path) -> None:
        data, chance = bytearray(index.read_bytes()), random.Random(seed)
        for _ in range(count):
            data[chance.randrange(len(data))] ^= chance.randrange(1, 256)
        index.write_bytes(bytes(data))
    return damage


def replaced_bytes(old: bytes, new: bytes) -> Damage:
    """A damage: some bytes of the file replaced by as many others (the file still opens)."""
    def damage(index: Path) -> None:
        data = index.read_bytes()
        assert old in data and len(old) == len(new)
        index.write_bytes(data.replace(old, new))
    return damage


def blob_byte_flipped(index: Path):
    """A family: in each blob column of the index, one byte inside every value changed (a deflated chunk still
    opens as a blob; only its check can tell)."""
    def flip(table: str, column: str) -> Damage:
        def damage(path: Path) -> None:
            with contextlib.closing(sqlite3.connect(path)) as connection:
                rows = connection.execute(f"SELECT rowid, {column} FROM {table}").fetchall()
                for rowid, value in rows:
                    if isinstance(value, bytes) and value:
                        changed = bytearray(value)
                        changed[len(changed) // 2] ^= 0x20
                        connection.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (bytes(changed), rowid))
                connection.commit()
        return damage
    return [(f"{table}.{column}", flip(table, column))
            for table, columns in columns_of(index).items() for column, kind in columns if kind == "BLOB"]


def truncated(size: Callable[[int], int]) -> Damage:
    """A damage: the file cut short."""
    def damage(index: Path) -> None:
        with index.open("r+b") as handle:
            handle.truncate(size(index.stat().st_size))
    return damage


def blobs_cut_short(index: Path):
    """A family: each blob column of the index, every value cut short by a byte."""
    return [(f"{table}.{column}", sql(f"UPDATE {table} SET {column} = substr({column}, 1, length({column}) - 1)"))
            for table, columns in columns_of(index).items() for column, kind in columns if kind == "BLOB"]


UNREADABLE = {  # SQLite refuses it, or a value crashes the lookup
    **{f"bytes changed at random offsets ({seed})": one(random_bytes(seed)) for seed in range(1, 7)},
    "a table dropped": each_table(lambda table, _: f"DROP TABLE {table}"),
    "file truncated to half": one(truncated(lambda size: size // 2)),
    "file truncated to its header": one(truncated(lambda size: 100)),
    "file cut inside its last page": one(truncated(lambda size: size - 2048)),
    "a blob cut short": blobs_cut_short,
    "NULL where text or a blob belongs": each_table(
        lambda table, columns: f"UPDATE {table} SET " + ", ".join(f"{name} = NULL" for name, kind in columns
                                                                 if kind in ("TEXT", "BLOB"))),
    "not SQLite at all": one(lambda index: index.write_bytes(b"this is not an index\n" * 200)),
    "zero-length file": one(lambda index: index.write_bytes(b"")),
}
WRONG = {  # it still opens and reads, and answered wrongly with exit 0 (or found nothing, exit 1)
    "a text changed": each_table(lambda table, columns: f"UPDATE {table} SET " + ", ".join(
        f"{name} = {name} || ' (damaged)'" if kind == "TEXT" else f"{name} = CAST({name} || ' (damaged)' AS BLOB)"
        for name, kind in columns if kind in ("TEXT", "BLOB"))),
    "a byte of a text key changed": one(replaced_bytes(b"tongyi qianwen", b"tongyi qiaxwen")),
    "a byte inside each stored chunk changed": blob_byte_flipped,
    "a byte of a Chinese form changed everywhere": one(replaced_bytes("阿里云".encode(), "阿里去".encode())),
    "keys point at other entries": one(sql("UPDATE keys SET entry = (entry + 1) % 7")),
    "substring grams point at other keys": one(sql("UPDATE grams SET text = (text + 1) % 7")),
    "text keys point at other entries": one(sql("UPDATE texts SET entry = (entry + 1) % 7")),
    "rows deleted": each_table(lambda table, _: f"DELETE FROM {table} WHERE rowid % 2 = 0"),
}


def answer(glossary: Path, query: str) -> tuple[int, str]:
    """The exit code and output of `lookup QUERY --json`, asserting it said nothing on stderr."""
    result = run("-g", str(glossary), "lookup", query, "--json")
    assert result.stderr in ("", f"no entry matches {query!r}\n"), (query, result.exit_code, result.output)
    return result.exit_code, result.stdout


def assert_every_probe_answers_as_from_a_sound_index(glossary: Path, family) -> None:
    """Damage the index before each probe lookup; each must answer as the sound index did, quietly."""
    sound = {query: answer(glossary, query) for query in PROBES}
    index = search.index_file(glossary)
    healthy = index.read_bytes()
    for what, damage in family(index):
        for query in PROBES:
            index.write_bytes(healthy)
            damage(index)
            assert answer(glossary, query) == sound[query], (what, query)
    assert search.index_is_current(glossary)


@pytest.mark.parametrize("family", list(UNREADABLE.values()), ids=list(UNREADABLE))
def test_an_index_that_fails_to_open_or_read_is_rebuilt_and_every_lookup_answers_correctly(small_glossary: Path,
                                                                                           family):
    assert_every_probe_answers_as_from_a_sound_index(small_glossary, family)


@pytest.mark.parametrize("family", list(WRONG.values()), ids=list(WRONG))
def test_an_index_damaged_where_it_still_opens_is_rebuilt_not_believed(small_glossary: Path, family):
    assert_every_probe_answers_as_from_a_sound_index(small_glossary, family)


@pytest.fixture
def many_chunks(tmp_path: Path) -> Path:
    """A glossary of the shipped glossary's first 300 entries, whose index tables span many chunks."""
    path = tmp_path / "terms.csv"
    lines = (ROOT / "glossary" / "data" / "terms.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:301]), encoding="utf-8")
    return path


@pytest.mark.parametrize("family", [WRONG["rows deleted"], UNREADABLE["a blob cut short"],
                                    *(one(random_bytes(seed, count=3)) for seed in range(1, 5))],
                         ids=["chunks deleted", "a blob cut short", *(f"3 bytes changed ({seed})" for seed in range(1, 5))])
def test_an_index_of_many_chunks_answers_correctly_whatever_chunks_are_missing_or_changed(many_chunks: Path, family):
    assert_every_probe_answers_as_from_a_sound_index(many_chunks, family)


def test_a_damaged_index_in_a_read_only_cache_leaves_the_answer_and_one_warning(small_glossary: Path, tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch):
    with tmpfs(tmp_path / "disk", 1024) as disk:
        monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(disk))
        sound = answer(small_glossary, "qwen")
        index = search.index_file(small_glossary)
        for what, damage in blob_byte_flipped(index):
            if what.startswith("entries."):  # what the lookup reads to show its entry
                damage(index)
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        result = run("-g", str(small_glossary), "lookup", "qwen", "--json")
        assert (result.exit_code, result.stdout) == sound
        assert one_line_error(result).startswith("glossary: warning: cannot write ")
        assert "read-only file system" in one_line_error(result)


def test_an_entry_is_found_by_its_chinese_variant_and_says_so(tmp_path: Path):
    path = tmp_path / "terms.csv"
    path.write_text(HEADER.replace("variants,", "variants,chinese_variants,") +
                    "A1,Alibaba,阿里巴巴,阿里巴巴,,organization,approved,,阿里,,,,\n", encoding="utf-8")
    match = search.lookup("阿里", path)[0]
    assert (match.entry.id, match.kind, match.field) == ("A1", "exact", "chinese variant")


def test_forms_converted_in_one_call_are_converted_as_each_would_be_alone():
    from glossary import dictionary
    from glossary.chinese import converted, to_simplified, to_traditional

    words = [entry.simplified for entry in dictionary.entries()[::40]] + [entry.traditional for entry in
                                                                          dictionary.entries()[::40]]
    forms = words + ["头发", "发展", "后来", "皇后", "干部", "乾隆", "阿里云", "", "一\n二", "頭髮\n發展"]
    for convert in (to_traditional, to_simplified):
        assert converted(forms, convert) == {form: convert(form) for form in forms}
