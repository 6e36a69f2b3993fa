"""Excel workbooks: exact round trips, the workbook a translator opens, hostile files, workbooks made by others."""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

import glossary
from glossary import store
from glossary.files import sheets
from glossary.formats import ExportOptions, FormatError, entry_fingerprint, xlsx
from glossary.formats.cells import FORMULA_STARTS, neutralise_formula
from glossary.schema import COLUMNS, STATUSES, TermEntry

from .conftest import flag_encrypted, one_stderr_line, run_glossary, workbook_with_a_far_cell

TRICKY = [
    TermEntry(id="T001", english="Tongyi Qianwen", chinese="通义千问", traditional="通義千問", pinyin="Tōngyì Qiānwèn",
              category="product", status="approved", variants="Qwen|Tongyi", note="Alibaba Cloud's LLM 🤖",
              context='He said "use 通义千问",\tnot "Qwen".\nSecond line.', source="press/2026.docx",
              updated="2026-11-01"),
    TermEntry(id="T002", english="=1+1", chinese="＝SUM(A1)", traditional="𠀀𠀁", pinyin="+tone",
              category="business unit", status="proposed", variants="-minus|@at", note="@mention", context="-",
              source="+", updated=""),
    TermEntry(id="T003", english="\ttab first", chinese="\n换行", note="\r\ncarriage", context="'=already guarded",
              source="''quoted", category="jargon", status="deprecated"),
    TermEntry(id="T004", english="#N/A", chinese="996", note="x" * 5_000, context="  keeps its spacing  "),
    TermEntry(id="T005", english="_x0041_ stays", chinese="控制\x01字符", note="_xABCD\x02 and \x00 nul",
              context="_xFFFE_ stays literal", status="forbidden", category="other"),
    TermEntry(id="T006", english="only english"),
]


def export(entries, path: Path, **options) -> Path:
    """Write entries as a workbook and return its path."""
    xlsx.write(entries, path, ExportOptions(format="xlsx", **options))
    return path


def test_round_trip_gives_back_every_field_and_row_number(tmp_path: Path):
    path = export(TRICKY, tmp_path / "out.xlsx")
    table = xlsx.read(path)
    assert table.columns == list(COLUMNS)
    assert table.rows == [(number, entry.to_row()) for number, entry in enumerate(TRICKY, start=2)]


def test_round_trip_of_some_columns_reads_only_those(tmp_path: Path):
    path = export(TRICKY, tmp_path / "out.xlsx", columns=("chinese", "id", "english"))
    table = xlsx.read(path)
    assert table.columns == ["id", "english", "chinese"]  # schema order, whatever order was asked
    assert table.rows[1] == (3, {"id": "T002", "english": "=1+1", "chinese": "＝SUM(A1)"})


# --- the workbook a translator opens ---------------------------------------------------------------


HANDED_OVER = [*TRICKY, TermEntry(id="T100", english="a" * 20, chinese="中" * 20, note="short")]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """The tricky entries and one more, exported with source metadata and row hashes."""
    return export(HANDED_OVER, tmp_path / "handover.xlsx",
                  metadata={"source_path": "terms.csv", "source_hash": "0123abcd"},
                  row_hashes={entry.id: entry_fingerprint(entry) for entry in HANDED_OVER})


def test_header_is_bold_frozen_filtered_and_names_the_languages(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Glossary"]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["id", "english (en)", "chinese (zh-Hans)", "traditional (zh-Hant)", "pinyin (zh-Latn-pinyin)"]
    assert header[5:7] == ["category", "status"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{sheets.column_letter(len(COLUMNS) - 1)}{sheet.max_row}"


def test_status_and_category_have_drop_downs_with_the_schema_lists(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Glossary"]
    lists = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert lists["G2"].formula1 == '"' + ",".join(STATUSES) + '"'
    assert lists["F2"].formula1 == '"person,organization,business unit,product,place,event,title,jargon,other"'
    for validation in lists.values():
        assert validation.type == "list" and validation.showErrorMessage
        last_data_cell = f"{str(validation.sqref)[0]}{sheet.max_row}"
        assert last_data_cell in validation.sqref


def test_id_is_grey_and_narrow_and_every_cell_wraps_from_the_top(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Glossary"]
    assert sheet["A2"].font.color.rgb == xlsx.GREY and sheet["A1"].font.color.rgb == xlsx.GREY
    assert sheet["B2"].font.color.rgb != xlsx.GREY
    assert sheet.column_dimensions["A"].width <= xlsx.ID_MAX_WIDTH + 1  # XlsxWriter adds under 1 for padding
    # a long term or variants cell wraps like a note rather than running under the next column
    for cell in sheet[2]:
        if cell.value is not None:
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate


def test_cjk_column_is_wider_than_the_same_number_of_ascii_characters(tmp_path: Path):
    path = export([TermEntry(id="T1", english="a" * 20, chinese="中" * 20, note="n" * 500)], tmp_path / "w.xlsx")
    widths = openpyxl.load_workbook(path)["Glossary"].column_dimensions
    assert widths["C"].width > widths["B"].width >= 20
    note = sheets.column_letter(COLUMNS.index("note"))
    assert xlsx.MAX_WIDTH <= widths[note].width < xlsx.MAX_WIDTH + 1  # a 500-character note is capped, and wraps
    assert widths["F"].width >= len("business unit")
    assert all(widths[sheets.column_letter(n)].width >= xlsx.MIN_WIDTH for n in range(len(COLUMNS)))


def test_a_line_break_a_long_word_or_wrapped_cjk_makes_a_cell_taller():
    line, cjk_line = xlsx.LINE_HEIGHT, xlsx.CJK_LINE_HEIGHT
    assert xlsx.cell_height("Alibaba Cloud", 19) == line
    assert xlsx.cell_height("first\nsecond\r\nthird\rfourth", 19) == 4 * line
    assert xlsx.cell_height("\n", 19) == 2 * line  # an empty line still takes a line
    assert xlsx.cell_height("0" * 50, 19) == 3 * line  # a word longer than the line breaks anywhere
    assert xlsx.cell_height("aaaa bbbb cccc", 9) == 2 * line  # words move whole: "aaaa bbbb" / "cccc"
    assert xlsx.cell_height("中" * 10, 19) == 2 * cjk_line  # CJK counts double: 20 widths on 19
    assert xlsx.cell_height("short 阿里巴巴集团控股有限公司", 19) == 2 * cjk_line  # "short 阿里巴巴集团控" / "股有限公司"
    assert xlsx.cell_height("Alibaba Cloud\n阿里云", 19) == line + cjk_line  # only lines holding CJK are taller
    assert xlsx.cell_height("MMMMMMMMMMMMMMM", 19) == 2 * line  # capitals M and W are wider than the digit 0
    assert xlsx.cell_height("iiiiiiiiiiiiiiiiiiiiiiiiiiiiii", 19) == line  # and i and l narrower


def test_long_cells_wrap_at_capped_widths_and_each_row_is_as_tall_as_its_wrapped_text(tmp_path: Path):
    entries = [
        TermEntry(id="T1", english="Alibaba Cloud", chinese="阿里云", status="approved"),
        TermEntry(id="T2", english="Alibaba Group Holding Limited, the Cayman Islands holding company of the group",
                  chinese="阿里巴巴集团控股有限公司"),
        TermEntry(id="T3", english="Qwen", chinese="通义千问", note="first line\nsecond line\nthird line"),
        TermEntry(id="T4", english="Tongyi", chinese="通义" * 30),
        TermEntry(id="T5", english="very long", chinese="长", note="word " * 2_000),
    ]
    path = export(entries, tmp_path / "tall.xlsx")
    sheet = openpyxl.load_workbook(path)["Glossary"]
    widths = [dimension.width for dimension in sheet.column_dimensions.values()]
    assert sheet.column_dimensions["B"].width == max(widths) < 41  # long english, chinese and note: capped at 40
    heights = {number: sheet.row_dimensions[number].height for number in range(2, 7)}
    assert all(sheet.row_dimensions[number].customHeight for number in range(2, 7))
    assert heights[2] == xlsx.LINE_HEIGHT
    assert heights[3] == 2 * xlsx.LINE_HEIGHT  # 78 characters of English, 39 widths a line
    assert heights[4] == 3 * xlsx.LINE_HEIGHT  # three lines of note
    assert heights[5] == 4 * xlsx.CJK_LINE_HEIGHT  # 60 Chinese characters: 120 widths at 39 a line, CJK lines
    assert heights[6] == xlsx.MAX_ROW_HEIGHT  # 10,000 characters: as tall as Excel allows
    assert sheet.row_dimensions[1].height in (None, xlsx.LINE_HEIGHT)  # the header keeps the default


def test_the_glossary_prints_landscape_on_a4_one_page_wide_with_the_header_on_every_page(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Glossary"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1 is the default, left out of the XML), as many pages tall as needed (0)
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.print_options.gridLines
    margins = sheet.page_margins
    assert 0.25 <= min(margins.left, margins.right, margins.top, margins.bottom) <= max(
        margins.left, margins.right, margins.top, margins.bottom) <= 1  # inches
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text


def test_the_instructions_are_wrapped_in_two_columns_that_fit_an_upright_a4_page(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Instructions"]
    assert sheet.page_setup.orientation != "landscape" and sheet.page_setup.paperSize == 9  # A4
    columns = sheet.column_dimensions["A"]  # openpyxl reads the one <col> for A and B as A's
    width = columns.width
    assert (columns.min, columns.max) == (1, 2) and 2 * width <= 100  # 100 widths fit across A4 upright
    for number, (english, chinese) in enumerate(xlsx.INSTRUCTIONS, start=2):
        for column, text in (("A", english), ("B", chinese)):
            assert sheet[f"{column}{number}"].alignment.wrap_text
            # at least as many lines as the text needs even at 0.8 of a width per character (Calibri is narrower)
            lines_needed = math.ceil(0.8 * xlsx.text_width(text) / width)
            assert sheet.row_dimensions[number].height >= lines_needed * xlsx.LINE_HEIGHT, (number, text)


def test_every_cell_is_text_and_none_would_run_as_a_formula(exported: Path):
    book = openpyxl.load_workbook(exported)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    assert not cell.value.startswith(FORMULA_STARTS), (sheet.title, cell.coordinate, cell.value)
    glossary_sheet = book["Glossary"]
    assert glossary_sheet["B3"].value == "'=1+1" and glossary_sheet["C3"].value == "'＝SUM(A1)"


def test_instructions_are_in_english_and_chinese(exported: Path):
    sheet = openpyxl.load_workbook(exported)["Instructions"]
    text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    for word in ("id", "Metadata", "empty", *STATUSES):
        assert word in text
    assert "请勿修改" in text and "新增术语" in text and "禁用" in text


def test_metadata_records_the_export_and_every_row_hash(exported: Path):
    rows = [tuple(cell.value for cell in row) for row in openpyxl.load_workbook(exported)["Metadata"].iter_rows()]
    pairs = dict(row[:2] for row in rows if row[0])
    assert dt.datetime.fromisoformat(pairs["exported_at"]).tzinfo is not None
    assert pairs["tool_version"] == glossary.__version__
    assert pairs["source_hash"] == "0123abcd" and pairs["source_path"] == "terms.csv"
    assert pairs["T001"] == entry_fingerprint(TRICKY[0])
    table = xlsx.read(exported)
    assert table.metadata["source_hash"] == "0123abcd" and table.metadata["tool_version"] == glossary.__version__
    assert table.row_hashes == {entry.id: entry_fingerprint(entry) for entry in HANDED_OVER}


def test_a_cell_too_long_for_excel_is_refused_and_nothing_is_written(tmp_path: Path):
    path = tmp_path / "long.xlsx"
    with pytest.raises(FormatError, match=r"entry T1: note has 40,000 characters"):
        export([TermEntry(id="T1", english="long", note="x" * 40_000)], path)
    assert list(tmp_path.iterdir()) == []


# --- hostile and broken files ----------------------------------------------------------------------


def refused(path: Path, match: str) -> str:
    """The one-line FormatError that reading the file raises."""
    with pytest.raises(FormatError, match=match) as caught:
        xlsx.read(path)
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    return message


def add_member(workbook: Path, name: str, data: bytes) -> None:
    """Add a deflated member to an existing zip."""
    with zipfile.ZipFile(workbook, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)


def test_a_member_that_expands_too_far_is_refused_before_openpyxl_opens_it(tmp_path: Path):
    path = export(TRICKY, tmp_path / "bomb.xlsx")
    add_member(path, "xl/media/padding.bin", bytes(2 * 1024 * 1024))  # 2 MB of zeros: ratio ~1000:1
    refused(path, r"bomb.xlsx: refused: member 'xl/media/padding.bin' expands [\d,]+ times .*zip bomb")


def test_a_workbook_larger_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sheets, "MAX_UNCOMPRESSED_BYTES", 512 * 1024)
    path = export(TRICKY, tmp_path / "big.xlsx")
    add_member(path, "xl/media/padding.bin", bytes(600 * 1024))
    refused(path, r"big.xlsx: refused: would expand to [\d,]+ bytes \(limit 524,288\)")


def test_a_csv_renamed_to_xlsx_is_refused(tmp_path: Path):
    path = tmp_path / "renamed.xlsx"
    path.write_text("id,english,chinese\nT1,Alibaba Cloud,阿里云\n", encoding="utf-8")
    refused(path, r"renamed.xlsx: not an Excel .xlsx workbook")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(path, r"archive.xlsx: not a readable Excel .xlsx workbook")


def test_a_missing_file_is_refused(tmp_path: Path):
    refused(tmp_path / "absent.xlsx", r"absent.xlsx: no such file")


def test_a_workbook_without_a_glossary_sheet_names_the_sheets_it_has(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Terms"
    book.create_sheet("Notes")
    path = tmp_path / "other.xlsx"
    book.save(path)
    refused(path, r"other.xlsx: no sheet named 'Glossary' \(sheets found: 'Terms', 'Notes'\)")


def test_a_header_without_english_or_chinese_is_refused(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["id", "French", "status"])
    book.active.append(["T1", "nuage", "approved"])
    path = tmp_path / "french.xlsx"
    book.save(path)
    refused(path, r"french.xlsx row 1: no english or chinese column in the header")


# --- workbooks made by someone else ----------------------------------------------------------------


def test_a_workbook_made_by_hand_is_read_by_header_name(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "My terms"  # the only sheet, so it is used whatever its name
    sheet.append([])
    sheet.append(["Note", " Chinese (zh-Hans) ", "Remarks", "ENGLISH", "zh-Hant", "Status ", "Updated"])
    sheet.append(["  a note  ", " 阿里云 ", "ignored", " Alibaba Cloud ", "阿里雲", "approved", dt.date(2026, 11, 1)])
    sheet.append([None, None, "only an unknown column"])
    sheet.append([])
    sheet.append([None, 996, None, "nine-nine-six", 996.0, " proposed", dt.datetime(2026, 11, 2)])
    sheet.append([None, "半", None, 0.5, True])
    path = tmp_path / "by hand.xlsx"
    book.save(path)

    table = xlsx.read(path)
    assert table.columns == ["note", "chinese", "english", "traditional", "status", "updated"]
    assert table.rows == [
        (3, {"note": "  a note  ", "chinese": "阿里云", "english": "Alibaba Cloud", "traditional": "阿里雲",
             "status": "approved", "updated": "2026-11-01"}),
        (6, {"note": "", "chinese": "996", "english": "nine-nine-six", "traditional": "996", "status": "proposed",
             "updated": "2026-11-02"}),
        (7, {"note": "", "chinese": "半", "english": "0.5", "traditional": "TRUE", "status": "", "updated": ""}),
    ]
    assert table.metadata == {} and table.row_hashes == {}


def test_a_terminology_sheet_named_by_language_and_what_it_holds_is_read_by_those_names(tmp_path: Path):
    book = openpyxl.Workbook()  # as a real one on GitHub has it: Chinese left out of half the rows
    book.active.append(["english_name", "chinese_name", "english_description", "chinese_description"])
    book.active.append(["Machine Learning", "机器学习", "A method of data analysis", "一种数据分析方法"])
    book.active.append(["Aligner", None, "tags: Contraption. - It aligns items", None])
    path = tmp_path / "terminology.xlsx"
    book.save(path)
    table = xlsx.read(path)
    assert table.columns == ["english", "chinese", "note"]
    assert table.rows == [(2, {"english": "Machine Learning", "chinese": "机器学习", "note": "A method of data analysis"}),
                          (3, {"english": "Aligner", "chinese": "", "note": "tags: Contraption. - It aligns items"})]


def test_excel_escapes_written_by_excel_are_undone(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Glossary"
    book.active.append(["english", "note"])
    book.active.append(["line_x000D_break", "_x005F_x0041_ literal"])
    path = tmp_path / "excel.xlsx"
    book.save(path)
    assert xlsx.read(path).rows == [(2, {"english": "line\rbreak", "note": "_x0041_ literal"})]


# --- LibreOffice sees what we wrote ----------------------------------------------------------------


def convert_with_libreoffice(workbook: Path, target: str, folder: Path) -> Path:
    """Convert a workbook with headless LibreOffice (its own profile and home) into folder; the new file's path."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "lo-profile").as_uri()  # its own profile: no clash with a running LibreOffice
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(folder), str(workbook)],
                   check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(folder)})
    return folder / f"{workbook.stem}.{target.split(':')[0]}"


def test_libreoffice_reads_the_cells_we_wrote(tmp_path: Path):
    path = export(TRICKY, tmp_path / "handover.xlsx")
    converted = convert_with_libreoffice(path, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "csv")
    with open(converted, encoding="utf-8", newline="") as handle:
        cells = list(csv.reader(handle))
    assert cells[0] == [xlsx.header_label(column) for column in COLUMNS]
    # LibreOffice keeps line breaks in a cell as LF only
    expected = [[neutralise_formula(value).replace("\r\n", "\n") for value in entry.values()] for entry in TRICKY]
    assert cells[1:] == expected


def printed_entries() -> list[TermEntry]:
    """The first 300 entries of the shipped glossary: companies and units with notes up to 184 characters,
    people, places (all 812 would print twice the pages, and reading PDF text is slow)."""
    return store.load(Path(glossary.__file__).parent / "data" / "terms.csv").entries()[:300]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real glossary entries exported and printed to PDF by LibreOffice (all sheets, in order)."""
    folder = tmp_path_factory.mktemp("printed")
    return convert_with_libreoffice(export(printed_entries(), folder / "terms.xlsx"), "pdf", folder)


def test_the_printed_glossary_is_one_page_wide_landscape_with_headers_on_every_page(printed: Path):
    from pypdf import PdfReader

    entries = printed_entries()
    pages = PdfReader(printed).pages
    texts = [page.extract_text() for page in pages]
    instructions = next(number for number, text in enumerate(texts) if xlsx.INSTRUCTIONS[0][0] in text)
    assert instructions > 0
    for number, (page, text) in enumerate(zip(pages[:instructions], texts), start=1):
        assert page.mediabox.width > page.mediabox.height, f"page {number} is not landscape"
        # the header row on every page, and the first column (ids) to the last: no column spilled onto other pages
        for header in ("english (en)", "chinese (zh-Hans)", "updated"):
            assert header in text, f"page {number} lacks the {header!r} header"
        assert any(entry.id in text for entry in entries), f"page {number} holds no id"
    # every entry, in order: the pages run down the sheet, and no row is lost between them
    printed_text = "\n".join(texts[:instructions])
    position = 0
    for entry in entries:
        position = printed_text.find(entry.id, position)
        assert position >= 0, f"{entry.id} is not printed (or not in order)"


def test_the_first_printed_page_is_rendered_for_a_person_to_look_at(printed: Path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("poppler's pdftoppm is not installed; .ci/run installs poppler-utils")
    stem = printed.with_name("glossary-page-1")
    subprocess.run([pdftoppm, "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(printed), str(stem)],
                   check=True, capture_output=True, timeout=60)
    image = stem.with_suffix(".png")
    header = image.read_bytes()[:24]  # a PNG's width and height follow its signature and IHDR tag
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert width > height > 1000  # landscape A4 at 150 dpi: 1754 × 1240
    if os.environ.get("GLOSSARY_TEST_ARTEFACTS"):  # kept for a person to look at (CI, a reviewer)
        folder = Path(os.environ["GLOSSARY_TEST_ARTEFACTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(image, folder / image.name)


def test_non_characters_a_spreadsheet_cannot_store_are_refused_before_writing(tmp_path: Path):
    entry = TermEntry(id="T1", english="odd", chinese="字\ufffe", status="proposed", category="other")
    target = tmp_path / "odd.xlsx"
    with pytest.raises(FormatError, match="U\\+FFFE or U\\+FFFF"):
        export([entry], target)
    assert not target.exists()


# --- hostile workbooks: encrypted, reaching too far, crashing the reader ---------------------------


@pytest.mark.parametrize("reference", ["XFD1048576", "A4000000000", "ZZZZZZZ3"])
def test_a_workbook_with_a_value_too_far_out_is_refused_in_one_line(tmp_path: Path, small_glossary: Path,
                                                                   reference: str):
    path = workbook_with_a_far_cell(tmp_path / "far.xlsx", reference)
    # in a fresh process: python-calamine aborted the interpreter (exit 134) allocating such a sheet
    result = run_glossary("-g", small_glossary, "import", path)
    assert result.returncode == 2
    assert one_stderr_line(result).startswith(f"glossary: error: {path}: refused: the values in "
                                              "xl/worksheets/sheet1.xml reach row ")


def test_cells_without_references_are_followed_to_the_row_they_are_in(tmp_path: Path, small_glossary: Path):
    path = workbook_with_a_far_cell_written_by_hand(tmp_path / "hand.xlsx")
    result = run_glossary("-g", small_glossary, "import", path)  # in a fresh process, as above
    assert result.returncode == 2
    assert one_stderr_line(result) == (
        f"glossary: error: {path}: refused: the values in xl/worksheets/sheet1.xml reach row 4,000,000,000 and "
        f"column B (8,000,000,000 cells from A1; the limit is {sheets.MAX_SHEET_CELLS:,}); delete what lies beyond "
        "the table and save again")


def workbook_with_a_far_cell_written_by_hand(path: Path) -> Path:
    """A workbook whose sheet, as some hand-made writers do, gives rows their number but cells no reference."""
    workbook_with_a_far_cell(path, "A1")
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="4000000000"><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            target.writestr(info, data)
    return path


def test_a_styled_empty_cell_far_out_is_no_reason_to_refuse(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Glossary"
    sheet.append(["english", "chinese"])
    sheet.append(["Alibaba Cloud", "阿里云"])
    sheet["XFD1048576"].font = openpyxl.styles.Font(bold=True)  # formatting only: calamine leaves it out
    book.save(tmp_path / "styled.xlsx")
    assert xlsx.read(tmp_path / "styled.xlsx").rows == [(2, {"english": "Alibaba Cloud", "chinese": "阿里云"})]


def test_a_panic_of_python_calamine_is_a_one_line_format_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import python_calamine

    class PanicException(BaseException):
        """What pyo3 raises for a Rust panic (it cannot be imported)."""

    def panic(path: str):
        raise PanicException("index out of bounds: the len is 3 but the index is 7")

    path = export(TRICKY, tmp_path / "book.xlsx")
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    assert refused(path, "book.xlsx: not a readable Excel .xlsx workbook") == (
        f"{path}: not a readable Excel .xlsx workbook (the reader failed: index out of bounds: the len is 3 but "
        "the index is 7)")


def test_a_workbook_with_an_encrypted_member_is_refused_in_one_line(tmp_path: Path):
    path = export(TRICKY, tmp_path / "locked.xlsx")
    flag_encrypted(path)
    refused(path, r"locked.xlsx: member '\[Content_Types\].xml' is encrypted; save an unprotected copy")


# --- big workbooks (issue 15 §7): deflated, read back whole, never past Excel's last row -------------------------


def dictionary_entries(count: int) -> list[TermEntry]:
    """Distinct entries with every field a dictionary export fills, as many as asked."""
    return [TermEntry(id=f"B{n:06d}", english=f"harbour crane model {n}", chinese=f"港口起重机{n}型",
                      traditional=f"港口起重機{n}型", pinyin="gǎngkǒu qǐzhòngjī", category="jargon",
                      status=STATUSES[n % len(STATUSES)], source="CC-CEDICT", updated="2026-11-24")
              for n in range(count)]


def write_glossary(path: Path, entries) -> Path:
    """A terms.csv holding these entries."""
    store.create(path, entries)
    return path


def test_a_moderately_large_export_is_deflated_and_reads_back_whole(tmp_path: Path):
    entries = dictionary_entries(6_000)
    path = export(entries, tmp_path / "big.xlsx",
                  row_hashes={entry.id: entry_fingerprint(entry, COLUMNS) for entry in entries})
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.compress_type == zipfile.ZIP_DEFLATED
    assert sheet.file_size > sheets.RATIO_CHECK_MIN_BYTES and sheet.compress_size * 5 < sheet.file_size
    table = xlsx.read(path)
    assert table.rows == [(number, entry.to_row()) for number, entry in enumerate(entries, start=2)]
    assert len(table.row_hashes) == len(entries)


def test_a_sheet_that_deflates_further_than_an_import_trusts_is_stored_and_reads_back(tmp_path: Path):
    entries = [TermEntry(id=f"R{n:04d}", english=f"term {n}", chinese="术语", note="x" * 6_000) for n in range(300)]
    path = export(entries, tmp_path / "repetitive.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > sheets.RATIO_CHECK_MIN_BYTES and sheet.compress_type == zipfile.ZIP_STORED
    assert [cells["note"] for _, cells in xlsx.read(path).rows] == ["x" * 6_000] * 300


def test_the_largest_glossary_a_sheet_holds_is_exported_with_every_fingerprint(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 60)  # a sheet of 60 rows: header, 52 entries; 8 metadata rows
    glossary_path = write_glossary(tmp_path / "terms.csv", dictionary_entries(52))
    result = run_cli("-g", str(glossary_path), "export", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 0, result.output
    table = xlsx.read(tmp_path / "out.xlsx")
    assert len(table.rows) == 52 and len(table.row_hashes) == 52
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["Glossary"]
    assert {str(rule.sqref) for rule in sheet.data_validations.dataValidation} == {"F2:F60", "G2:G60"}


@pytest.mark.parametrize("filters", [(), ("--status", "approved")])
def test_more_entries_than_a_sheet_holds_is_a_one_line_error_that_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filters: tuple[str, ...]):
    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 60)
    glossary_path = write_glossary(tmp_path / "terms.csv", dictionary_entries(53 * len(STATUSES)
                                                                              if filters else 53))
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "big.xlsx"
    result = run_cli("-g", str(glossary_path), "export", str(target), *filters)
    assert result.exit_code == 2
    assert result.output == ("glossary: error: 53 entries do not fit in an Excel sheet (61 rows where a sheet holds "
                             "60); export fewer with --category or --status, or export CSV or TBX, which have no "
                             "row limit (nothing was written)\n")
    assert os.listdir(target.parent) == []


def test_a_workbook_larger_than_an_import_accepts_is_refused_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED_BYTES", 200_000)
    target = tmp_path / "out.xlsx"
    with pytest.raises(FormatError, match=r"^the workbook passes 200,000 bytes of XML at row [\d,]+, more than a "
                                          r"workbook is read back with; export fewer entries with --category"):
        export(dictionary_entries(5_000), target)
    assert not target.exists() and os.listdir(tmp_path) == []


def run_cli(*args: str):
    """The command line run in this process (so that a patched limit applies), output and errors mixed."""
    from click.testing import CliRunner

    from glossary.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
