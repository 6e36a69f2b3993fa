"""Export and import: CSV/TSV/JSON/DeepL files, the reviewed diff, conflicts, and the CLI around them."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from glossary import handover, store
from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.formats import ImportedTable, entry_fingerprint
from glossary.schema import COLUMNS, TermEntry

from .conftest import SMALL_GLOSSARY, one_stderr_line, run_glossary
from .hostile_files import FUZZ, reads_cleanly, workbook_archives, xml_documents


def run(*args: str):
    """Invoke the CLI in-process."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A writable copy of the small glossary."""
    path = tmp_path / "team.csv"
    path.write_text(SMALL_GLOSSARY, encoding="utf-8")
    return path


# --- files (the round trip of every format is tests/test_formats.py's contract) -----------------


def test_csv_bom_for_excel_is_written_on_request_and_never_leaks(tmp_path: Path, team: Path):
    path = tmp_path / "excel.csv"
    handover.export_glossary(store.load(team), path, bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,english")
    table = handover.read_file(path)
    assert table.columns[0] == "id" and table.rows[0][1]["id"] == "T001"


def test_csv_cells_that_would_be_formulas_are_neutralised_in_the_file(tmp_path: Path):
    entry = TermEntry(id="F1", english="=HYPERLINK(1)", chinese="＝公式", category="other", status="proposed")
    path = tmp_path / "f.csv"
    handover.export_glossary(store.Glossary([entry]), path)
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK(1)" in text and "'＝公式" in text
    assert handover.read_file(path).rows[0][1]["english"] == "=HYPERLINK(1)"


def test_filters_and_columns(tmp_path: Path, team: Path):
    path = tmp_path / "some.csv"
    result = handover.export_glossary(store.load(team), path, statuses=["approved"], categories=["person", "place"],
                                      columns=["english", "chinese"])
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert result.entries == 2 and rows[0] == ["id", "english", "chinese"]
    assert {r[1] for r in rows[1:]} == {"Eddie Wu", "Chongqing"}


def test_deepl_export_follows_deepl_rules(tmp_path: Path):
    entries = [
        TermEntry(id="D1", english="Alibaba Cloud", chinese="阿里云", variants="Aliyun|Alibaba Cloud",
                  category="organization", status="approved"),
        TermEntry(id="D2", english="Ant Financial", chinese="蚂蚁金服", category="organization", status="deprecated"),
        TermEntry(id="D3", english="line\tbreak\nterm", chinese=" 换行 ", category="other", status="proposed"),
        TermEntry(id="D4", english="ALIYUN", chinese="阿里雲", category="other", status="proposed", variants="Aliyun"),
        TermEntry(id="D5", english="no chinese yet", chinese="", category="other", status="proposed"),
    ]
    path = tmp_path / "deepl.tsv"
    handover.export_glossary(store.Glossary(entries), path, format="deepl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == ["Alibaba Cloud\t阿里云", "Aliyun\t阿里云", "line break term\t换行", "ALIYUN\t阿里雲"]


def test_unknown_format_and_unknown_column_are_clean_errors(tmp_path: Path, team: Path):
    with pytest.raises(GlossaryError, match="cannot tell the format"):
        handover.export_glossary(store.load(team), tmp_path / "out.docx")
    with pytest.raises(GlossaryError, match="unknown column 'chineese'"):
        handover.export_glossary(store.load(team), tmp_path / "out.csv", columns=["english", "chineese"])


# --- reading what people send back ----------------------------------------------------------------


def test_columns_by_header_name_in_any_order_with_extras_blank_rows_and_spaces(tmp_path: Path):
    path = tmp_path / "vendor.csv"
    path.write_text("Notes for us,zh-Hans,English (en),status\r\nignored, 阿里云 ,  Alibaba Cloud ,Approved\r\n"
                    ",,,\r\nx,淘宝,Taobao,proposed\r\n", encoding="utf-8")
    table = handover.read_file(path)
    assert table.columns == ["chinese", "english", "status"]
    assert table.rows == [(2, {"chinese": "阿里云", "english": "Alibaba Cloud", "status": "Approved"}),
                          (4, {"chinese": "淘宝", "english": "Taobao", "status": "proposed"})]


@pytest.mark.parametrize("header, columns", [
    ("英文名称,中文名称,繁体中文,拼音,备注", ["english", "chinese", "traditional", "pinyin", "note"]),
    ("Source term,Target term,Definition,Comments", ["english", "chinese", "note"]),
    ("English Term,Chinese Term,English synonyms,zh variants,chinese_description",
     ["english", "chinese", "variants", "chinese_variants"]),
])
def test_headers_made_by_other_tools_and_in_chinese_name_our_columns(tmp_path: Path, header: str, columns: list[str]):
    path = tmp_path / "theirs.csv"
    cells = {"english": "Alibaba Cloud", "chinese": "阿里云", "traditional": "阿里雲", "pinyin": "Ālǐyún",
             "note": "cloud arm", "variants": "Aliyun", "chinese_variants": "阿里云计算"}
    row = [cells[column] for column in columns] + ["ignored"] * (header.count(",") + 1 - len(columns))
    path.write_text(f"{header}\r\n{','.join(row)}\r\n", encoding="utf-8")
    table = handover.read_file(path)
    assert table.columns == columns
    assert table.rows == [(2, {column: cells[column] for column in columns})]


@pytest.mark.parametrize("content, message", [
    ('id,english,chinese\r\nT1,"Alibaba,阿里云\r\nT2,Taobao,淘宝\r\n"x', r"row \d+: malformed CSV"),
    ("notes,comments\r\na,b\r\n", "no english or chinese column"),
    ("", "empty file"),
])
def test_broken_csv_files_are_refused_with_file_and_row(tmp_path: Path, content: str, message: str):
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        handover.read_file(path)


def test_a_zip_named_csv_is_refused(tmp_path: Path):
    path = tmp_path / "book.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(GlossaryError, match="not a CSV/TSV text file"):
        handover.read_file(path)



@pytest.mark.parametrize("depth", [50_000, 100_000])
def test_json_nested_deeper_than_python_reads_is_refused_in_one_line(team: Path, tmp_path: Path, depth: int):
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    result = run("-g", str(team), "import", str(path))
    assert result.exit_code == 2
    assert result.stderr == (f"glossary: error: {path}: not a glossary JSON file (arrays or objects nested too "
                             "deeply to read)\n")


def test_a_json_number_of_5000_digits_is_refused_in_one_line(team: Path, tmp_path: Path):
    path = tmp_path / "long.json"
    path.write_text('[{"english": "Tmall", "chinese": ' + "1" * 5000 + "}]", encoding="utf-8")
    result = run("-g", str(team), "import", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"glossary: error: {path}: not a glossary JSON file (a number has more than 4,300 digits)\n"


@pytest.mark.parametrize("name", ["pipe.csv", "pipe.json", "pipe.xlsx", "pipe.tbx", "/dev/zero"])
def test_a_glossary_file_that_is_a_pipe_or_a_device_is_refused_at_once(team: Path, tmp_path: Path, name: str):
    path = tmp_path / name
    if name.startswith("pipe"):
        os.mkfifo(path)
    format_option = ["--format", "csv"] if name == "/dev/zero" else []  # a device has no suffix to go by
    result = run_glossary("-g", team, "import", path, *format_option)  # the timeout bounds a hang
    assert result.returncode == 2
    assert one_stderr_line(result) == f"glossary: error: {path}: is not a regular file (a device, pipe or socket); give a file"


# --- the plan -------------------------------------------------------------------------------------


def test_plan_lists_added_and_changed_per_field_and_applies(team: Path, tmp_path: Path):
    path = tmp_path / "back.csv"
    path.write_text("id,english,chinese,status\r\nT002,Alibaba Cloud,阿里云,approved\r\n"
                    "T004,Chongqing,重庆市,approved\r\n,Tmall,天猫,\r\n", encoding="utf-8")
    glossary = store.load(team)
    plan = handover.plan_import(glossary, path)
    assert [(row, e.english) for row, e in plan.added] == [(4, "Tmall")]
    assert [(row, e.id, [(c.field, c.old, c.new, c.derived) for c in cs]) for row, e, cs in plan.changed] == [
        (3, "T004", [("chinese", "重庆", "重庆市", False), ("pinyin", "", "Chóngqìng Shì", True),
                     ("traditional", "重慶", "重慶市", True)])]
    assert plan.unchanged == 1 and not plan.removed and not plan.conflicts
    handover.apply_import(glossary, plan)
    assert glossary.get("T004").chinese == "重庆市" and glossary.find("Tmall").status == "proposed"


def test_a_row_with_a_bad_status_is_named_before_anything_is_written(team: Path, tmp_path: Path):
    path = tmp_path / "back.csv"
    path.write_text("id,english,chinese,status\r\nT002,Alibaba Cloud,阿里云,aproved\r\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"back.csv row 2: unknown status 'aproved'"):
        handover.plan_import(store.load(team), path)


def _exported_table(glossary: store.Glossary, path: Path, rows: list[dict[str, str]]) -> ImportedTable:
    """A table as an Excel export would read back: rows plus the fingerprints taken at export time."""
    return ImportedTable(path, list(enumerate(rows, start=2)), list(COLUMNS),
                         metadata={"columns": ",".join(COLUMNS)},
                         row_hashes={e.id: entry_fingerprint(e) for e in glossary.entries()})


def test_conflicts_and_removals_are_told_apart_through_export_fingerprints(team: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    exported = store.load(team)
    rows = [e.to_row() for e in exported.entries() if e.id != "T007"]  # the translator deleted T007
    for row in rows:
        if row["id"] == "T001":
            row["note"] = "changed in the sheet"       # sheet only → applied
        if row["id"] == "T003":
            row["note"] = "sheet version"               # both sides → conflict
    table = _exported_table(exported, tmp_path / "sheet.xlsx", rows)
    monkeypatch.setattr(handover, "read_file", lambda path, format=None: table)
    current = store.load(team)
    current.update("T003", note="glossary version")     # changed here too since the export
    current.update("T004", note="only here")            # changed here, stale in the sheet → kept
    plan = handover.plan_import(current, table.path)
    assert [e.id for _, e, _ in plan.changed] == ["T001"]
    assert [e.id for _, e, _ in plan.conflicts] == ["T003"]
    assert [e.id for e in plan.removed] == ["T007"] and plan.stale == 1
    handover.apply_import(current, plan)
    assert current.get("T003").note == "glossary version" and current.get("T004").note == "only here"
    assert current.get("T001").note == "changed in the sheet" and "T007" not in current
    prefer_file = handover.plan_import(store.load(team).__class__(current.entries()), table.path, prefer="file")
    assert [e.id for _, e, _ in prefer_file.changed] == ["T003"] and not prefer_file.conflicts


# --- the CLI --------------------------------------------------------------------------------------


def test_cli_export_then_import_round_trip_changes_nothing(team: Path, tmp_path: Path):
    out = tmp_path / "terms.json"
    result = run("-g", str(team), "export", str(out))
    assert result.exit_code == 0 and "exported 7 entries" in result.stderr
    before = team.read_bytes()
    result = run("-g", str(team), "import", str(out), "--yes")
    assert result.exit_code == 0 and "0 added, 0 changed, 0 removed, 0 conflicts, 7 unchanged" in result.stdout
    assert team.read_bytes() == before


def test_cli_import_shows_the_diff_and_needs_yes(team: Path, tmp_path: Path):
    back = tmp_path / "back.csv"
    back.write_text("id,english,chinese\r\nT004,Chongqing,重庆市\r\n", encoding="utf-8")
    before = team.read_bytes()
    shown = run("-g", str(team), "import", str(back))
    assert shown.exit_code == 1 and "chinese: 重庆 → 重庆市" in shown.stdout and "add --yes" in shown.stderr
    dry = run("-g", str(team), "import", str(back), "--dry-run", "--json")
    assert dry.exit_code == 1 and json.loads(dry.stdout)["changed"][0]["changes"][0]["new"] == "重庆市"
    assert team.read_bytes() == before
    applied = run("-g", str(team), "import", str(back), "--yes")
    assert applied.exit_code == 0 and store.load(team).get("T004").chinese == "重庆市"


def test_cli_import_of_a_broken_file_is_one_line_exit_2_and_the_glossary_untouched(team: Path, tmp_path: Path):
    back = tmp_path / "back.csv"
    back.write_text('id,english,chinese\r\nT004,"Chongqing,重庆\r\n', encoding="utf-8")
    before = team.read_bytes()
    result = run("-g", str(team), "import", str(back), "--yes")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert team.read_bytes() == before


def test_cli_export_help_has_examples():
    for command in ("export", "import"):
        result = run(command, "--help")
        assert result.exit_code == 0 and f"glossary {command}" in result.stdout and "Example" in result.stdout


# --- import never loses a translator's work (issue 8) ----------------------------------------------


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped glossary, made by `glossary init`."""
    path = tmp_path / "terms.csv"
    assert run("init", str(path)).exit_code == 0
    return path


def _export_workbook(glossary_path: Path, tmp_path: Path) -> Path:
    """The Excel hand-over of a glossary, as `glossary export` writes it."""
    book = tmp_path / "handover.xlsx"
    assert run("-g", str(glossary_path), "export", str(book)).exit_code == 0
    return book


def _edit_workbook(book: Path, edits: dict[str, dict[str, str | None]] | None = None,
                   appended: list[dict[str, str]] = (), extra_column: tuple[str, dict[str, str]] | None = None) -> None:
    """Change a workbook as a translator does in a spreadsheet: cells by (English term → {column: text or
    None to clear}), rows appended at the bottom without an id, a column of their own added."""
    from openpyxl import load_workbook

    workbook = load_workbook(book)
    sheet = workbook["Glossary"]
    header = [str(cell.value).split(" (")[0] for cell in sheet[1]]
    where = {header[i]: i + 1 for i in range(len(header))}
    rows = {sheet.cell(r, where["english"]).value: r for r in range(2, sheet.max_row + 1)}
    for english, cells in (edits or {}).items():
        for column, value in cells.items():
            sheet.cell(rows[english], where[column]).value = value
    last = max(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, where["english"]).value or r == 1)
    for offset, row in enumerate(appended, start=1):
        for column, value in row.items():
            sheet.cell(last + offset, where[column]).value = value
    if extra_column:
        heading, cells = extra_column
        position = len(header) + 1
        sheet.cell(1, position).value = heading
        for english, value in cells.items():
            sheet.cell(rows[english], position).value = value
    workbook.save(book)


def _import_json(glossary_path: Path, source: Path, *options: str):
    """Run `glossary import --json` and return (exit code, plan)."""
    result = run("-g", str(glossary_path), "import", str(source), "--json", *options)
    return result.exit_code, json.loads(result.stdout)


def test_an_id_less_row_for_an_existing_term_is_a_duplicate_and_changes_nothing(shipped_copy: Path, tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    _edit_workbook(book, appended=[{"english": "Double 12", "chinese": "双十二", "category": "event"},
                                   {"english": "embodied AI", "chinese": "具身智能", "category": "jargon"}])
    before = shipped_copy.read_bytes()
    result = run("-g", str(shipped_copy), "import", str(book), "--yes")
    assert result.exit_code == 0, result.output
    assert shipped_copy.read_bytes() == before
    double_12 = store.load(shipped_copy).find("Double 12")
    assert f"duplicates {double_12.id}" in result.stdout and "2 duplicates" in result.stdout
    code, plan = _import_json(shipped_copy, book)
    rows = {d["english"]: d for d in plan["duplicates"]}
    embodied = store.load(shipped_copy).find("embodied intelligence")
    assert rows["embodied AI"]["id"] == embodied.id and rows["Double 12"]["id"] == double_12.id
    assert code == 0 and not plan["changed"] and not plan["added"]


def test_merge_duplicates_fill_fills_only_empty_fields_never_renames_or_lowers_a_status(shipped_copy: Path,
                                                                                       tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    _edit_workbook(book, appended=[{"english": "embodied AI", "chinese": "具身AI", "category": "other",
                                    "status": "proposed", "note": "robots that learn by acting",
                                    "traditional": ""}])
    old = store.load(shipped_copy).find("embodied intelligence")
    result = run("-g", str(shipped_copy), "import", str(book), "--merge-duplicates", "fill", "--yes")
    assert result.exit_code == 0, result.output
    new = store.load(shipped_copy).find("embodied intelligence")
    assert (new.english, new.chinese, new.status, new.category, new.variants, new.traditional) == (
        old.english, old.chinese, old.status, old.category, old.variants, old.traditional)
    assert old.note == "" and new.note == "robots that learn by acting"
    assert "1 duplicate (1 filled)" in result.stdout


def test_a_blank_cell_deletes_only_what_the_export_had_filled(shipped_copy: Path, tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    nvidia = store.load(shipped_copy).find("Nvidia")
    assert nvidia.note and not nvidia.context
    _edit_workbook(book, {"Nvidia": {"note": None}})
    code, plan = _import_json(shipped_copy, book, "--dry-run")
    assert code == 1 and plan["changed"] == [{"row": plan["changed"][0]["row"], "id": nvidia.id, "english": "Nvidia",
                                              "changes": [{"field": "note", "old": nvidia.note, "new": "",
                                                           "derived": False}]}]
    shown = run("-g", str(shipped_copy), "import", str(book), "--dry-run")
    assert f"note: {nvidia.note} → ∅" in shown.stdout.replace("\n", " ") or "→ ∅" in shown.stdout


def test_without_fingerprints_a_blank_cell_never_deletes(team: Path, tmp_path: Path):
    back = tmp_path / "vendor.csv"
    back.write_text("id,english,chinese,note\r\nT001,Tongyi Qianwen,通义千问,\r\n", encoding="utf-8")
    code, plan = _import_json(team, back)
    assert code == 0 and not plan["changed"] and plan["blank_kept"] == 1
    assert store.load(team).get("T001").note == "Alibaba Cloud's LLM"


def test_a_new_chinese_form_shows_its_derived_fields_and_reimporting_changes_nothing(shipped_copy: Path,
                                                                                     tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    _edit_workbook(book, {"Chongqing": {"chinese": "重庆市"}, "Nvidia": {"chinese": "英伟达公司"}})
    first = run("-g", str(shipped_copy), "import", str(book), "--yes")
    assert first.exit_code == 0, first.output
    assert "pinyin: Chóngqìng → Chóngqìng Shì (derived)" in first.stdout
    assert "traditional: 重慶 → 重慶市 (derived)" in first.stdout
    assert "traditional may be stale: 輝達 was written for 英伟达" in first.stdout
    glossary = store.load(shipped_copy)
    assert (glossary.find("Chongqing").pinyin, glossary.find("Nvidia").traditional) == ("Chóngqìng Shì", "輝達")
    before = shipped_copy.read_bytes()
    again = run("-g", str(shipped_copy), "import", str(book), "--yes")
    assert again.exit_code == 0 and "0 changed, 0 removed, 0 conflicts" in again.stdout
    assert shipped_copy.read_bytes() == before


def test_a_field_changed_in_the_glossary_and_another_in_the_sheet_is_no_conflict(shipped_copy: Path,
                                                                                   tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    _edit_workbook(book, {"Chongqing": {"note": "sheet note"}})
    assert run("-g", str(shipped_copy), "edit", "Chongqing", "--context", "glossary context").exit_code == 0
    code, plan = _import_json(shipped_copy, book, "--yes")
    assert code == 0 and not plan["conflicts"]
    entry = store.load(shipped_copy).find("Chongqing")
    assert (entry.note, entry.context) == ("sheet note", "glossary context")


def test_columns_the_tool_does_not_know_are_named_with_their_filled_cells(shipped_copy: Path, tmp_path: Path):
    book = _export_workbook(shipped_copy, tmp_path)
    _edit_workbook(book, extra_column=("comment", {"Nvidia": "ok", "Chongqing": "check", "Double 12": "?"}))
    result = run("-g", str(shipped_copy), "import", str(book), "--yes")
    assert result.exit_code == 0 and "ignored column 'comment' (3 non-empty cells)" in result.stdout
    csv_file = tmp_path / "with-comments.csv"
    csv_file.write_text("id,english,chinese,Remarks\r\n,Tmall Global,天猫国际,x\r\n", encoding="utf-8")
    assert _import_json(shipped_copy, csv_file)[1]["ignored_columns"] == {"Remarks": 1}


def test_dry_run_exits_1_when_it_shows_changes_and_0_when_there_are_none(team: Path, tmp_path: Path):
    same = tmp_path / "same.json"
    assert run("-g", str(team), "export", str(same)).exit_code == 0
    assert run("-g", str(team), "import", str(same), "--dry-run").exit_code == 0
    other = tmp_path / "other.csv"
    other.write_text("id,english,chinese\r\n,Tmall,天猫\r\n", encoding="utf-8")
    assert run("-g", str(team), "import", str(other), "--dry-run").exit_code == 1


def test_a_clash_the_apply_would_refuse_is_refused_by_the_dry_run_naming_the_row(team: Path, tmp_path: Path):
    back = tmp_path / "back.csv"
    back.write_text("id,english,chinese,variants\r\n,Qwen Chat,通义千问对话,Qwen\r\n", encoding="utf-8")
    result = run("-g", str(team), "import", str(back), "--dry-run")
    assert result.exit_code == 2 and "back.csv row 2:" in result.stderr and "'Qwen'" in result.stderr


def test_a_reviewed_mined_table_adds_the_kept_rows_and_fills_only_an_empty_context(team: Path, tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text("Alibaba Cloud released Tongyi Qianwen on Monday. The Hangzhou Robotics Alliance praised "
                       "the Hangzhou Robotics Alliance charter. Alibaba Cloud said Qwen is open.\n", encoding="utf-8")
    mined = tmp_path / "new.xlsx"
    assert run("-g", str(team), "mine", str(article), "-o", str(mined)).exit_code == 0
    table = handover.read_file(mined)
    assert table.is_mined and "found_in" in table.columns
    before = {e.id: e for e in store.load(team)}
    result = run("-g", str(team), "import", str(mined), "--yes")
    assert result.exit_code == 0, result.output
    after = store.load(team)
    alliance = after.find("Hangzhou Robotics Alliance")
    assert alliance.status == "proposed" and alliance.source.startswith(str(article))
    cloud = after.get("T002")
    assert cloud.context.startswith("Alibaba Cloud released") and not before["T002"].context
    for entry_id, old in before.items():
        assert after.get(entry_id).with_changes(context=old.context, updated=old.updated) == old


def test_new_files_follow_the_umask_and_an_existing_file_keeps_its_mode(team: Path, tmp_path: Path):
    import stat

    old_mask = os.umask(0o022)
    try:
        made = [tmp_path / f"out.{suffix}" for suffix in ("csv", "tsv", "json", "tbx", "xlsx")]
        for path in made:
            assert run("-g", str(team), "export", str(path)).exit_code == 0
        made.append(tmp_path / "deepl.tsv")
        assert run("-g", str(team), "export", str(made[-1]), "--format", "deepl").exit_code == 0
        made.append(tmp_path / "init.csv")
        assert run("init", str(made[-1]), "--empty").exit_code == 0
        article = tmp_path / "a.txt"
        article.write_text("Alibaba Cloud released Qwen.", encoding="utf-8")
        for suffix in ("csv", "xlsx", "json"):
            made.append(tmp_path / f"mined.{suffix}")
            assert run("-g", str(team), "mine", str(article), "-o", str(made[-1])).exit_code == 0
        assert {path.name: oct(stat.S_IMODE(path.stat().st_mode)) for path in made} == {
            path.name: "0o644" for path in made}
        team.chmod(0o600)
        assert run("-g", str(team), "add", "Tmall", "天猫").exit_code == 0
        assert stat.S_IMODE(team.stat().st_mode) == 0o600
    finally:
        os.umask(old_mask)


# --- fuzz: random bytes and random structure -----------------------------------------------------------

TBX_TAGS = ["tbxHeader", "martifHeader", "fileDesc", "sourceDesc", "p", "text", "body", "conceptEntry", "termEntry",
            "langSec", "langSet", "termSec", "tig", "ntig", "termGrp", "term", "termNote", "termNoteGrp", "note",
            "descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "transac", "date", "hi"]
TBX_DOCUMENTS = xml_documents(TBX_TAGS, ["id", "type", "xml:lang", "lang"], ["tbx", "martif"], "", [
    '<martif type="TBX"><martifHeader>{}</martifHeader><text><body><termEntry id="c1">{}'
    '<langSet xml:lang="en"><tig>{}<term>Tmall</term></tig></langSet><langSet xml:lang="zh">{}</langSet>'
    "</termEntry></body></text></martif>"])
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from([*COLUMNS, "entries", "other"]), inner, max_size=4), max_leaves=20)


@FUZZ
@given(suffix=st.sampled_from([".csv", ".tsv", ".json", ".xlsx", ".tbx"]), data=st.binary(max_size=2000))
def test_any_bytes_as_a_glossary_file_give_a_table_or_a_glossary_error(tmp_path: Path, suffix: str,
                                                                       data: bytes) -> None:
    reads_cleanly(tmp_path / f"any{suffix}", data, handover.read_file)


@FUZZ
@given(suffix_and_document=st.tuples(st.just(".tbx"), TBX_DOCUMENTS) | st.tuples(st.just(".xlsx"), workbook_archives())
       | st.tuples(st.just(".json"), JSON_VALUES.map(lambda value: json.dumps(value).encode("utf-8"))))
def test_any_tbx_workbook_or_json_structure_gives_a_table_or_a_glossary_error(
        tmp_path: Path, suffix_and_document: tuple[str, bytes]) -> None:
    suffix, document = suffix_and_document
    reads_cleanly(tmp_path / f"any{suffix}", document, handover.read_file)
