"""`glossary mine` at the command line: tables, JSON, output files, saving proposals, bad input."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from glossary import store
from glossary.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "singles_day.txt"


def run(*args: str, input: str | bytes | None = None):
    """Invoke the CLI in-process (stdout and stderr kept apart)."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_mine_prints_known_terms_then_new_candidates():
    result = run("mine", str(SAMPLE), "--top", "30")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Known terms (")
    assert "# New candidates (" in out and "the other language is a proposal" in out
    assert out.index("Pinduoduo") < out.index("# New candidates")
    assert "拼多多" in out


def test_mine_json_is_an_array_of_rows_with_all_columns():
    result = run("mine", str(SAMPLE), "--json", "--top", "10")
    rows = json.loads(result.stdout)
    assert len(rows) == 10
    assert set(rows[0]) == {"english", "chinese", "pinyin", "category", "status", "known", "frequency", "documents",
                            "score", "context", "found_in", "suggestion", "confidence"}
    assert isinstance(rows[0]["known"], bool) and isinstance(rows[0]["frequency"], int)


def test_mine_new_only_and_min_freq_and_category():
    rows = json.loads(run("mine", str(SAMPLE), "--json", "--new-only", "--top", "0").stdout)
    assert rows and not any(r["known"] for r in rows)
    rows = json.loads(run("mine", str(SAMPLE), "--json", "--min-freq", "3", "--top", "0").stdout)
    assert rows and min(r["frequency"] for r in rows) >= 3
    rows = json.loads(run("mine", str(SAMPLE), "--json", "-c", "organization", "--top", "0").stdout)
    assert rows and {r["category"] for r in rows} == {"organization"}


def test_mine_writes_csv_json_and_a_real_xlsx(tmp_path: Path):
    for suffix in ("csv", "json", "xlsx"):
        out = tmp_path / f"terms.{suffix}"
        result = run("mine", str(SAMPLE), "--top", "15", "-o", str(out), "--json")
        assert result.exit_code == 0 and out.exists(), result.stderr
    rows = json.loads((tmp_path / "terms.json").read_text(encoding="utf-8"))
    assert len(rows) == 15
    csv_lines = (tmp_path / "terms.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("english,chinese,pinyin") and len(csv_lines) >= 16
    sheet = load_workbook(tmp_path / "terms.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["english (en)", "chinese (zh-Hans)", "pinyin (zh-Latn-pinyin)"] and sheet.max_row == 16
    assert header[5:8] == ["known", "frequency", "documents"] and isinstance(sheet["G2"].value, int)
    assert sheet.freeze_panes == "A2"
    assert [sheet.cell(row=r, column=1).value for r in range(2, 17)] == [row["english"] for row in rows]


EVIL = '=HYPERLINK("http://x.test","click") Tencent denied it. Staff chanted "=HYPERLINK(x)" and “+ALERT” at Tencent.'


def test_xlsx_output_neutralises_formulas(tmp_path: Path):
    doc = tmp_path / "evil.txt"
    doc.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "evil.xlsx"
    assert run("mine", str(doc), "-o", str(out), "--json").exit_code == 0
    values = [cell.value for row in load_workbook(out).active.iter_rows() for cell in row]
    texts = [v for v in values if isinstance(v, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in texts) and any(v.startswith("'=") for v in texts)
    assert all(cell.data_type != "f" for row in load_workbook(out).active.iter_rows() for cell in row)


def test_csv_output_neutralises_formulas_as_the_glossary_export_does(tmp_path: Path):
    doc = tmp_path / "evil.txt"
    doc.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "evil.csv"
    assert run("mine", str(doc), "-o", str(out)).exit_code == 0
    cells = [cell for row in csv.reader(out.open(encoding="utf-8")) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)


def test_mine_reads_standard_input():
    result = run("mine", "-", "--json", input="Alibaba Cloud released Tongyi Qianwen. Alibaba Cloud grew.".encode())
    rows = {r["english"]: r for r in json.loads(result.stdout)}
    assert rows["Alibaba Cloud"]["frequency"] == 2 and rows["Alibaba Cloud"]["found_in"].startswith("<stdin>:")


def test_mine_missing_path_is_an_error_with_exit_2(tmp_path: Path):
    result = run("mine", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"glossary: error: {tmp_path / 'nope.txt'}: no such file or folder"]


def test_mine_skips_binary_files_with_a_warning_and_goes_on(tmp_path: Path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "news.txt").write_text("Meituan and Kuaishou hired staff. Meituan grew.", encoding="utf-8")
    result = run("mine", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert "warning: skipped" in result.stderr and "photo.txt" in result.stderr
    assert "Meituan" in {r["english"] for r in json.loads(result.stdout)}


def test_mine_empty_input_says_so_and_exits_0(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run("mine", str(tmp_path / "empty.txt"))
    assert result.exit_code == 0 and result.stdout == ""
    assert "no terms found in 1 document(s)" in result.stderr


def test_mine_bad_output_extension_is_a_usage_error(tmp_path: Path):
    result = run("mine", str(SAMPLE), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 2 and "use a .csv, .xlsx or .json file name" in result.stderr


def test_save_adds_new_candidates_as_proposed_without_duplicates(tmp_path: Path):
    path = tmp_path / "team.csv"
    assert run("init", str(path)).exit_code == 0
    before = len(store.load(path))
    first = run("-g", str(path), "mine", str(SAMPLE), "--new-only", "--top", "5", "--save", "--json")
    assert first.exit_code == 0, first.stderr
    proposed = [r["english"] for r in json.loads(first.stdout) if r["english"]]
    glossary = store.load(path)
    assert len(glossary) == before + len(proposed)
    for english in proposed:
        entry = glossary.find(english)
        assert entry.status == "proposed" and entry.note.startswith("mined") and entry.context
    # the saved terms are now known: a second run proposes the next ones, never the same again
    second = run("-g", str(path), "mine", str(SAMPLE), "--new-only", "--top", "5", "--save", "--json")
    again = [r["english"] for r in json.loads(second.stdout) if r["english"]]
    assert second.exit_code == 0 and not set(again) & set(proposed)
    assert len(store.load(path)) == len(glossary) + len(again)  # loading validates: no English form twice


def test_save_skips_rows_whose_english_the_glossary_already_has(tmp_path: Path):
    from glossary.mining.proposals import save_candidates

    path = tmp_path / "team.csv"
    assert run("init", str(path)).exit_code == 0
    row = {"chinese": "", "category": "other", "suggestion": "", "context": "c", "found_in": "s:1", "known": False}
    added = save_candidates(path, [dict(row, english="TMALL"), dict(row, english="Qwen"),
                                    dict(row, english="Tmall Luxury Pavilion"), dict(row, english="tmall luxury pavilion")])
    assert [e.english for e in added] == ["Tmall Luxury Pavilion"]


def test_save_refuses_the_read_only_shipped_glossary():
    result = run("mine", str(SAMPLE), "--save")
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_mine_in_a_real_process_with_a_gb18030_file(tmp_path: Path, prepared_cache: Path):
    doc = tmp_path / "zh.txt"
    doc.write_bytes("阿里云发布了通义千问。阿里云表示，通义千问将向企业开放。".encode("gb18030"))
    result = subprocess.run([sys.executable, "-m", "glossary", "mine", str(doc), "--json"], capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    rows = {r["english"]: r for r in json.loads(result.stdout)}
    assert rows["Alibaba Cloud"]["frequency"] == 2 and rows["Tongyi Qianwen"]["chinese"] == "通义千问"
