"""terms.csv on disk: which file, strict loading, deterministic atomic saves, locking against lost writes."""

from __future__ import annotations

import re

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import store
from glossary.errors import GlossaryError, ValidationError
from glossary.schema import COLUMNS, TermEntry

from .conftest import HEADER, SMALL_GLOSSARY
from .strategies import glossaries


def test_load_reads_every_entry_with_its_fields(small_glossary: Path):
    glossary = store.load(small_glossary)
    assert len(glossary) == 7
    wu = glossary.find("Wu Yongming")
    assert (wu.id, wu.chinese, wu.traditional, wu.category) == ("T003", "吴泳铭", "吳泳銘", "person")


def test_a_bom_is_accepted_and_does_not_leak_into_the_first_column(tmp_path: Path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL_GLOSSARY.encode("utf-8"))
    assert [e.id for e in store.load(path)][:2] == ["T001", "T002"]


def test_non_utf8_file_is_refused_with_its_row(tmp_path: Path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "T1,Alibaba Cloud,阿里云,,,organization,approved,,,,,\n").encode("gbk"))
    with pytest.raises(GlossaryError, match=r"gbk.csv row 2: not UTF-8"):
        store.load(path)


def test_malformed_quote_is_refused_with_its_row(tmp_path: Path):
    path = tmp_path / "broken.csv"
    path.write_text(HEADER + 'T1,"Alibaba Cloud,阿里云,,,organization,approved,,,,,\n'
                    'T2,Taobao,淘宝,,,product,approved,,,,,\n"x', encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"broken.csv row \d+: malformed CSV"):
        store.load(path)


def test_wrong_number_of_cells_is_refused(tmp_path: Path):
    path = tmp_path / "short.csv"
    path.write_text(HEADER + "T1,Alibaba Cloud,阿里云\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"short.csv row 2: 3 cells where the header has 12"):
        store.load(path)


def test_every_schema_problem_is_reported_and_the_file_left_alone(tmp_path: Path):
    text = HEADER + (
        "T1,Alibaba Cloud,阿里云,,,organization,aproved,,,,,\n"
        "T1,Taobao,淘宝,,,shop,approved,,,,,\n"
        "T3,,,,,other,proposed,,,,,\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        store.load(path)
    rows = [row for row, _ in caught.value.problems]
    assert rows == [2, 3, 3, 4]
    assert str(caught.value).startswith(f"{path} row 2: unknown status 'aproved'")
    assert path.read_text(encoding="utf-8") == text


def test_save_is_deterministic_and_sorted_by_id(tmp_path: Path, small_glossary: Path):
    glossary = store.load(small_glossary)
    shuffled = store.Glossary(reversed(glossary.entries()), path=tmp_path / "a.csv")
    store.save(shuffled)
    store.save(store.Glossary(glossary.entries(), path=tmp_path / "b.csv"))
    first, second = (tmp_path / "a.csv").read_bytes(), (tmp_path / "b.csv").read_bytes()
    assert first == second
    again = tmp_path / "c.csv"
    store.save(store.Glossary(store.load(tmp_path / "a.csv").entries(), path=again))
    assert again.read_bytes() == first  # loading and saving changes nothing


def test_a_file_without_the_chinese_variants_column_loads_and_saving_adds_it_empty(tmp_path: Path,
                                                                                  small_glossary: Path):
    glossary = store.load(small_glossary)  # written before the column existed
    assert glossary.get("T001").chinese_variants == ""
    store.save(glossary, tmp_path / "new.csv")
    header, *rows = (tmp_path / "new.csv").read_text(encoding="utf-8").splitlines()
    assert header.split(",") == list(COLUMNS) and header.split(",")[8] == "chinese_variants"
    old_rows = SMALL_GLOSSARY.splitlines()[1:]
    assert [r.split(",")[:8] + r.split(",")[9:] for r in rows] == [r.split(",") for r in old_rows]


def test_save_round_trips_newlines_quotes_and_commas(tmp_path: Path):
    tricky = TermEntry(id="T9", english='the "iron triangle", again', chinese="铁三角", pinyin="tiě sānjiǎo",
                       category="jargon", status="proposed", note="line one\nline two, with comma", updated="2026-01-02")
    path = tmp_path / "tricky.csv"
    store.save(store.Glossary([tricky], path=path))
    assert store.load(path).get("T9") == tricky


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path, small_glossary: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    before = small_glossary.read_bytes()
    glossary = store.load(small_glossary)
    glossary.add(TermEntry(id="", english="Taobao", chinese="淘宝", category="product"))

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(GlossaryError, match="cannot write .*terms.csv: no space left on device \\(nothing was changed\\)"):
        store.save(glossary)
    assert small_glossary.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.csv"]


def test_add_assigns_unique_sortable_ids_that_are_never_reused(small_glossary: Path):
    glossary = store.load(small_glossary)
    first = glossary.add(TermEntry(id="", english="Taobao", chinese="淘宝", category="product"))
    glossary.remove(first.id)
    second = glossary.add(TermEntry(id="", english="Taobao", chinese="淘宝", category="product"))
    ids = [glossary.add(TermEntry(id="", english=f"term {i}", chinese="词")).id for i in range(300)]
    assert second.id != first.id
    assert len(set(ids)) == 300 and ids == sorted(ids)
    assert second.id < ids[0]


def test_add_derives_pinyin_and_stamps_the_date(small_glossary: Path):
    glossary = store.load(small_glossary)
    added = glossary.add(TermEntry(id="", english="Xi'an", chinese="西安", category="place", status="approved"))
    assert added.pinyin == "Xī'ān"
    assert len(added.updated) == 10 and added.updated.startswith("20")


def test_add_refuses_an_english_form_another_entry_owns(small_glossary: Path):
    glossary = store.load(small_glossary)
    with pytest.raises(GlossaryError, match="'qwen' already exists \\(T001, a variant of 'Tongyi Qianwen'\\)"):
        glossary.add(TermEntry(id="", english="Qwen Chat", chinese="通义", variants="qwen"))
    with pytest.raises(GlossaryError, match="'Qwen' is already a form of another entry \\(T001"):
        glossary.update("T002", variants="Aliyun|Qwen")


def test_add_fills_the_traditional_form_by_conversion_when_none_is_given(small_glossary: Path):
    glossary = store.load(small_glossary)
    assert glossary.add(TermEntry(id="", english="Tmall Global", chinese="天猫国际")).traditional == "天貓國際"
    given = glossary.add(TermEntry(id="", english="Nvidia", chinese="英伟达", traditional="輝達"))
    assert given.traditional == "輝達"


def test_update_follows_a_new_chinese_form_in_pinyin_and_a_converted_traditional_form(small_glossary: Path):
    glossary = store.load(small_glossary)
    changed = glossary.update("T004", chinese="重庆市")
    assert (changed.pinyin, changed.traditional) == ("Chóngqìng Shì", "重慶市")
    taiwan = glossary.add(TermEntry(id="", english="Nvidia", chinese="英伟达", traditional="輝達",
                                    category="organization"))
    assert store.derived_changes(taiwan, {"chinese": "英伟达公司"}) == (
        {"pinyin": "Yīngwěidá Gōngsī"}, ["traditional may be stale: 輝達 was written for 英伟达, not converted from it"])
    assert glossary.update(taiwan.id, chinese="英伟达公司").traditional == "輝達"


def test_update_rederives_pinyin_when_chinese_changes(small_glossary: Path):
    glossary = store.load(small_glossary)
    changed = glossary.update("T004", chinese="重庆市")
    assert changed.pinyin == "Chóngqìng Shì"


def test_resolve_prefers_flag_then_environment_then_local_file_then_shipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: Path):
    assert store.resolve().embedded
    (isolated / "terms.csv").write_text(HEADER, encoding="utf-8")
    assert store.resolve().path == isolated / "terms.csv"
    monkeypatch.setenv("GLOSSARY_FILE", str(tmp_path / "env.csv"))
    assert store.resolve().path == tmp_path / "env.csv"
    assert store.resolve(tmp_path / "flag.csv").path == tmp_path / "flag.csv"


def test_the_shipped_glossary_is_read_only():
    source = store.resolve()
    with pytest.raises(GlossaryError, match="read-only: run `glossary init`"):
        source.require_writable()


ADD_MANY = """
import sys
from glossary.store import editing
from glossary.schema import COLUMNS, TermEntry
path, prefix = sys.argv[1], sys.argv[2]
for i in range(200):
    with editing(path) as glossary:
        glossary.add(TermEntry(id="", english=f"{prefix} term {i}", chinese="术语", pinyin="shùyǔ"))
"""


def test_two_processes_adding_200_terms_each_lose_nothing(tmp_path: Path):
    path = tmp_path / "terms.csv"
    store.create(path)
    writers = [subprocess.Popen([sys.executable, "-c", ADD_MANY, str(path), name]) for name in ("left", "right")]
    assert [w.wait(timeout=240) for w in writers] == [0, 0]
    glossary = store.load(path)
    english = {e.english for e in glossary}
    assert len(glossary) == 400
    assert english == {f"{side} term {i}" for side in ("left", "right") for i in range(200)}


SLOW_SAVE = """
import sys, time
from glossary import store
from glossary.schema import COLUMNS, TermEntry
path = sys.argv[1]
glossary = store.load(path)
for i in range(5000):
    glossary.add(TermEntry(id=f"X{i:05d}", english=f"new term {i}", chinese="新词", pinyin="xīn cí"))
real_write = store.write_atomically
def write_slowly(target, text):
    import os, tempfile
    # the real atomic writer, fed through a pipe that stalls half-way: the kill lands mid-write
    half = len(text) // 2
    original_fdopen = os.fdopen
    def stalling_fdopen(fd, *args, **kwargs):
        handle = original_fdopen(fd, *args, **kwargs)
        real = handle.write
        def write(data):
            real(data[:half]); handle.flush()
            print("HALF", flush=True)
            time.sleep(60)
            return real(data[half:])
        handle.write = write
        return handle
    os.fdopen = stalling_fdopen
    real_write(target, text)
store.write_atomically = write_slowly
store.save(glossary)
"""


def test_a_writer_killed_mid_save_leaves_the_old_file_intact(small_glossary: Path):
    before = small_glossary.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(small_glossary)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "HALF"
    temporaries = [p for p in small_glossary.parent.iterdir() if p.name.endswith(".tmp")]
    assert temporaries and temporaries[0].stat().st_size > 0  # the new version was half written
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert small_glossary.read_bytes() == before
    assert len(store.load(small_glossary)) == 7


def test_create_refuses_to_overwrite(tmp_path: Path, small_glossary: Path):
    with pytest.raises(GlossaryError, match="already exists"):
        store.create(small_glossary)


def test_to_frame_has_schema_columns_in_order(small_glossary: Path):
    frame = store.load(small_glossary).to_frame()
    assert list(frame.columns)[:3] == ["id", "english", "chinese"] and len(frame) == 7
    assert frame.loc[frame["id"] == "T002", "chinese"].item() == "阿里云"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=glossaries())
def test_save_then_load_gives_back_exactly_the_same_entries(tmp_path: Path, entries: list[TermEntry]):
    entries = [e for e in entries if e.english.strip() == e.english and e.chinese.strip() == e.chinese]
    path = tmp_path / "round.csv"
    store.save(store.Glossary(entries, path=path))
    assert store.load(path).entries() == sorted(entries, key=lambda e: e.id)
    assert store.serialise(store.load(path).entries()).encode("utf-8") == path.read_bytes()


_hostile = st.text(alphabet=st.characters(blacklist_categories=()), max_size=40) | st.sampled_from(
    ["a\x00b", "\ud800", "x\udcff", "\ufffe", "\uffff", " padded ", "\r", "a" * 40_000, "中" * 32_768])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(english=_hostile, chinese=_hostile, note=_hostile, variant=_hostile)
def test_whatever_add_and_save_accept_load_reads_back(tmp_path: Path, english: str, chinese: str, note: str,
                                                       variant: str):
    path = tmp_path / "hostile.csv"
    store.save(store.Glossary([], path=path))
    glossary = store.load(path)
    try:
        glossary.add(TermEntry(id="", english=english, chinese=chinese, note=note, variants=variant))
        store.save(glossary)
    except GlossaryError:
        assert path.read_text(encoding="utf-8").count("\n") == 1  # refused: the file is as it was
        return
    assert store.load(path).entries() == glossary.entries()


@pytest.mark.parametrize("field, value, message", [
    ("note", "x" * 200_000, "note has 200,000 characters; a field holds at most 32,767"),
    ("english", "Tmall\x00", "english contains a NUL character"),
    ("chinese", "天猫\ud800", "chinese is not valid text: it holds bytes that are not UTF-8"),
    ("variants", "a\uffff", "variants holds U+FFFF, a non-character"),
])
def test_text_no_file_can_carry_is_refused_at_the_door_naming_the_field(small_glossary: Path, field: str, value: str,
                                                                         message: str):
    glossary = store.load(small_glossary)
    with pytest.raises(GlossaryError, match=re.escape(message)):
        glossary.update("T002", **{field: value})
    with pytest.raises(GlossaryError, match=re.escape(message)):
        glossary.add(TermEntry(id="", **{"english": "new", "chinese": "新", field: value}))


def test_a_field_is_stored_without_leading_or_trailing_space_on_every_way_in(small_glossary: Path):
    glossary = store.load(small_glossary)
    added = glossary.add(TermEntry(id="", english=" Tmall ", chinese=" 天猫\n", note="  a note \t"))
    assert (added.english, added.chinese, added.note) == ("Tmall", "天猫", "a note")
    assert glossary.update("T002", context="\n said so. ").context == "said so."


def test_select_filters_by_category_and_status_and_sorts_by_english(small_glossary: Path):
    glossary = store.load(small_glossary)
    assert [e.id for e in glossary.select(status="approved")] == ["T002", "T004", "T003", "T006", "T001"]
    assert [e.id for e in glossary.select("jargon")] == ["T005", "T006"]
    assert [e.id for e in glossary.select("jargon", "proposed")] == ["T005"]


def test_update_adds_and_removes_variants_one_by_one_and_names_a_missing_one(small_glossary: Path):
    glossary = store.load(small_glossary)
    changed = glossary.update("T001", add_variants=["Qwen Chat"], remove_variants=["Tongyi"])
    assert changed.variant_list() == ["Qwen", "Qwen Chat"]
    with pytest.raises(GlossaryError, match="'Tongyi Qianwen' has no variant 'Tongyi'"):
        glossary.update("T001", remove_variants=["Tongyi"])


def test_find_term_by_english_variant_or_chinese_in_either_script(small_glossary: Path):
    glossary = store.load(small_glossary)
    assert [glossary.find_term(t).id for t in ("alibaba cloud", "Aliyun", "阿里云", "阿里雲")] == ["T002"] * 4
    assert glossary.find_term("Tmall") is None


def test_chinese_variants_are_chinese_forms_of_their_entry(small_glossary: Path):
    glossary = store.load(small_glossary)
    glossary.update("T002", chinese_variants=" 阿里云计算 | 阿里云计算 |")
    entry = glossary.get("T002")
    assert entry.chinese_variants == "阿里云计算" and entry.chinese_forms() == ["阿里云", "阿里云计算", "阿里雲"]
    assert glossary.find_term("阿里云计算").id == "T002"
