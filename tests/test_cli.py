"""The command line, driven through click's runner and a few real processes: output, exit codes, writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary import store

from .conftest import HEADER, SMALL_GLOSSARY

COMMANDS = ["mine", "lookup", "list", "add", "edit", "remove", "validate", "stats", "init"]


def run(*args: str, env: dict[str, str] | None = None):
    """Invoke the CLI in-process and return click's result (stdout and stderr kept apart)."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_lookup_prints_a_plain_aligned_table_when_piped(small_glossary: Path):
    result = run("--glossary", str(small_glossary), "lookup", "qwen")
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header.split() == ["English", "中文", "Pinyin", "Category", "Status", "Match"]
    assert row.split("  ")[0] == "Tongyi Qianwen"
    # CJK characters count two columns, so the pinyin column lines up on screen
    from glossary.render import display_width

    assert display_width(header[: header.index("Pinyin")]) == display_width(row[: row.index("Tōngyì")]) == 26
    assert "\x1b[" not in result.stdout


def test_lookup_wide_shows_variants_and_note(small_glossary: Path):
    result = run("-g", str(small_glossary), "lookup", "eddie wu", "--wide")
    assert "Wu Yongming, Eddie Yongming Wu" in result.stdout and "Alibaba Group CEO" in result.stdout


def test_lookup_json_is_a_parseable_array_with_match_kind(small_glossary: Path):
    result = run("-g", str(small_glossary), "lookup", "通義", "--json")
    data = json.loads(result.stdout)
    assert [(d["english"], d["chinese"], d["match"]) for d in data] == [("Tongyi Qianwen", "通义千问", "prefix")]


def test_lookup_exit_code_is_1_when_nothing_matches(small_glossary: Path):
    result = run("-g", str(small_glossary), "lookup", "zzqqxx")
    assert result.exit_code == 1
    assert result.stdout == "" and "no entry matches 'zzqqxx'" in result.stderr


def test_lookup_fuzzy_match_is_marked_with_its_score(small_glossary: Path):
    result = run("-g", str(small_glossary), "lookup", "chonqing")
    assert result.exit_code == 0 and result.stdout.splitlines()[1].split()[-2:] == ["fuzzy", "89"]
    data = json.loads(run("-g", str(small_glossary), "lookup", "chonqing", "--json").stdout)
    assert [(d["english"], d["match"], d["score"]) for d in data] == [("Chongqing", "fuzzy", 88.9)]


@pytest.mark.parametrize("query", ["banana", "blorptastic", "qwertyuiop"])
def test_cli_lookup_of_nonsense_says_no_match_and_exits_1(query: str):
    result = run("lookup", query)  # the shipped glossary
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr == f"no entry matches {query!r}\n"


def test_a_broken_glossary_gives_one_line_error_exit_2_and_is_untouched(tmp_path: Path):
    path = tmp_path / "terms.csv"
    text = HEADER + "A1,Alibaba Cloud,阿里云,,,organization,aproved,,,,,\n"
    path.write_text(text, encoding="utf-8")
    for args in (["lookup", "alibaba"], ["list"], ["add", "Taobao", "淘宝"], ["stats"]):
        result = run("-g", str(path), *args)
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert lines == [f"glossary: error: {path} row 2: unknown status 'aproved' "
                         "(expected approved, proposed, deprecated, forbidden)"]
        assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_missing_glossary_file_is_a_clean_error(tmp_path: Path):
    result = run("-g", str(tmp_path / "nope.csv"), "lookup", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glossary: error: {tmp_path / 'nope.csv'}: no such glossary file")


def test_usage_errors_are_one_line_with_exit_2():
    result = run("list", "--status", "approvd")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "approvd" in result.stderr and "glossary list --help" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"glossary {command}" in result.stdout


def test_default_glossary_is_the_shipped_one_and_read_only():
    assert run("lookup", "Eddie Wu", "--json").exit_code == 0
    result = run("add", "Some Term", "术语")
    assert result.exit_code == 2 and "read-only: run `glossary init`" in result.stderr


def test_init_copies_the_shipped_glossary_then_commands_write_to_it(isolated: Path):
    assert run("init").exit_code == 0
    local = isolated / "terms.csv"
    assert local.read_bytes() == store.embedded_path().read_bytes()
    assert run("init").exit_code == 2  # refuses to overwrite
    added = run("add", "Tmall Supermarket", "天猫超市", "-c", "product", "--json")
    assert added.exit_code == 0, added.stderr
    entry = json.loads(added.stdout)
    assert entry["pinyin"] == "Tiānmāo Chāoshì" and entry["status"] == "proposed"
    assert store.load(local).find("Tmall Supermarket").id == entry["id"]


def test_add_edit_remove_round_trip(tmp_path: Path):
    path = tmp_path / "team.csv"
    assert run("init", str(path), "--empty").exit_code == 0
    g = ["-g", str(path)]
    result = run(*g, "add", "lying flat", "躺平", "-c", "jargon", "-v", "tang ping")
    assert result.exit_code == 0 and "lying flat → 躺平 [jargon, proposed]" in result.stdout
    result = run(*g, "edit", "tang ping", "--status", "approved", "--add-variant", "tangping", "--note", "youth")
    assert result.exit_code == 0
    entry = store.load(path).find("lying flat")
    assert (entry.status, entry.variant_list(), entry.note) == ("approved", ["tang ping", "tangping"], "youth")
    assert run(*g, "edit", "lying flat", "--chinese", "躺平主义").exit_code == 0
    assert store.load(path).find("lying flat").pinyin == "tǎngpíng zhǔyì"
    assert run(*g, "remove", "lying flat").exit_code == 0
    assert len(store.load(path)) == 0


def test_add_refuses_a_term_another_entry_owns_and_says_to_edit_it(small_glossary: Path):
    result = run("-g", str(small_glossary), "add", "Qwen", "通义千问")
    assert result.exit_code == 2
    assert "'Qwen' already exists (T001, a variant of 'Tongyi Qianwen'); use `glossary edit T001`" in result.stderr
    result = run("-g", str(small_glossary), "add", "alibaba cloud", "阿里云")
    assert result.exit_code == 2 and "'alibaba cloud' already exists (T002); use `glossary edit T002`" in result.stderr
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY


def test_edit_without_changes_is_a_usage_error(small_glossary: Path):
    result = run("-g", str(small_glossary), "edit", "T001")
    assert result.exit_code == 2 and "nothing to change" in result.stderr


def test_edit_unknown_entry_is_an_error(small_glossary: Path):
    result = run("-g", str(small_glossary), "edit", "Nobody", "--note", "x")
    assert result.exit_code == 2 and "no entry with id or English term 'Nobody'" in result.stderr


def test_category_accepts_hyphenated_spelling(small_glossary: Path):
    result = run("-g", str(small_glossary), "add", "Taobao and Tmall Group", "淘宝天猫集团", "-c", "Business-Unit")
    assert result.exit_code == 0
    assert store.load(small_glossary).find("Taobao and Tmall Group").category == "business unit"


def test_list_filters_by_category_and_status(small_glossary: Path):
    result = run("-g", str(small_glossary), "list", "-s", "approved", "-c", "jargon", "--json")
    assert [e["english"] for e in json.loads(result.stdout)] == ["post-85s"]


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "A1,X,甲,,,thing,approved,,,,,\nA1,Y,乙,,,other,ok,,,,,\n", encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    rows = [(p["row"], p["message"].split(" ")[0]) for p in json.loads(result.stdout)["problems"]]
    assert rows == [(2, "unknown"), (3, "unknown"), (3, "duplicate")]


def test_validate_accepts_the_shipped_glossary():
    result = run("validate", str(store.embedded_path()))
    assert result.exit_code == 0 and "valid" in result.stdout


def test_stats_counts_by_category_and_status(small_glossary: Path):
    data = json.loads(run("-g", str(small_glossary), "stats", "--json").stdout)
    assert data["entries"] == 7 and data["by_status"]["deprecated"] == 1 and data["by_category"]["jargon"] == 2


def test_environment_variable_chooses_the_glossary(small_glossary: Path):
    result = run("lookup", "post-85s", "--json", env={"GLOSSARY_FILE": str(small_glossary)})
    assert json.loads(result.stdout)[0]["id"] == "T006"


def test_rich_table_on_a_terminal_and_plain_with_no_color(small_glossary: Path, monkeypatch: pytest.MonkeyPatch):
    from glossary import render

    monkeypatch.setattr(render, "wants_rich", lambda stream: True)
    result = run("-g", str(small_glossary), "lookup", "chongqing")
    assert "┃" in result.stdout or "│" in result.stdout  # a rich box table
    monkeypatch.undo()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not render.wants_rich(sys.stdout)


def test_real_process_python_m_glossary(small_glossary: Path):
    result = subprocess.run([sys.executable, "-m", "glossary", "-g", str(small_glossary), "lookup", "重慶", "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["english"] == "Chongqing"


def test_real_process_error_has_no_traceback(tmp_path: Path):
    path = tmp_path / "gbk.csv"
    data = (HEADER + "A1,Alibaba Cloud,阿里云,,,organization,approved,,,,,\n").encode("gbk")
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "glossary", "-g", str(path), "lookup", "x"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    offset = data.index("阿".encode("gbk"))
    assert result.stderr.strip().splitlines() == [
        f"glossary: error: {path} row 2: not UTF-8 (byte 0xb0 at offset {offset}); save the file as UTF-8 CSV"]


def test_add_refuses_an_empty_english_unless_asked_for_a_proposed_entry(small_glossary: Path):
    refused = run("-g", str(small_glossary), "add", "", "腾讯元器")
    assert refused.exit_code == 2 and "--no-english" in refused.stderr
    assert run("-g", str(small_glossary), "add", "--no-english", "腾讯元器", "-s", "approved").exit_code == 2
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY
    added = run("-g", str(small_glossary), "add", "--no-english", "腾讯元器", "--json")
    assert added.exit_code == 0, added.stderr
    entry = json.loads(added.stdout)
    assert (entry["english"], entry["chinese"], entry["traditional"], entry["status"]) == (
        "", "腾讯元器", "騰訊元器", "proposed")


def test_add_warns_naming_the_entry_that_already_has_the_chinese_form(small_glossary: Path):
    result = run("-g", str(small_glossary), "add", "Aliyun International", "阿里云")
    assert result.exit_code == 0
    assert "warning: 阿里云 is also the Chinese of T002 (Alibaba Cloud)" in result.stderr


def test_removing_by_a_variant_needs_yes_and_never_removes_silently(small_glossary: Path):
    refused = run("-g", str(small_glossary), "remove", "Aliyun")
    assert refused.exit_code == 2 and "'Aliyun' is a variant of T002 ('Alibaba Cloud')" in refused.stderr
    assert "--remove-variant 'Aliyun'" in refused.stderr
    assert small_glossary.read_text(encoding="utf-8") == SMALL_GLOSSARY
    removed = run("-g", str(small_glossary), "remove", "Aliyun", "--yes")
    assert removed.exit_code == 0 and "T002" not in store.load(small_glossary)
    assert run("-g", str(small_glossary), "remove", "chongqing").exit_code == 0  # its own term, any case


def test_add_takes_chinese_variants_and_stats_shows_completeness_by_category(small_glossary: Path):
    assert run("-g", str(small_glossary), "add", "Alibaba", "阿里巴巴", "-c", "organization", "-V", "阿里").exit_code == 0
    assert store.load(small_glossary).find("Alibaba").chinese_variants == "阿里"
    data = json.loads(run("-g", str(small_glossary), "stats", "--json").stdout)
    assert data["with_chinese_variants"] == 1 and data["completeness_by_category"]["organization"]["chinese variants"] == 1
    shown = run("-g", str(small_glossary), "stats").stdout
    assert "Chinese variants" in shown and "organization" in shown
