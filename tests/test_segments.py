"""Bilingual files for term QA: each reader on a small real file built here."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from glossary.segments import Segment, read_segments
from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.formats import FormatError

from .conftest import one_stderr_line, run_glossary, workbook_with_a_far_cell
from .hostile_files import FUZZ, reads_cleanly, workbook_archives, xml_documents


def pairs(segments: list[Segment]) -> list[tuple[int, str, str]]:
    """(number, source, target) of each segment."""
    return [(segment.number, segment.source, segment.target) for segment in segments]


def lines(segments: list[Segment]) -> list[int | None]:
    """The file line (row) of each segment."""
    return [segment.line for segment in segments]


# --- aligned text files -----------------------------------------------------------------------


def test_aligned_text_pairs_lines_across_encodings_and_keeps_line_numbers_past_blank_lines(tmp_path: Path) -> None:
    english = tmp_path / "doc.en.txt"
    chinese = tmp_path / "doc.zh.txt"
    english.write_text("  Alibaba Cloud releases Tongyi Qianwen.  \n\nEddie Wu spoke in Chongqing.\n",
                       encoding="utf-8")
    chinese.write_bytes("阿里云发布通义千问。\n\n吴泳铭在重庆发表讲话。\n".encode("gb18030"))

    segments = read_segments([english, chinese])

    assert pairs(segments) == [
        (1, "Alibaba Cloud releases Tongyi Qianwen.", "阿里云发布通义千问。"),
        (2, "Eddie Wu spoke in Chongqing.", "吴泳铭在重庆发表讲话。"),
    ]
    assert lines(segments) == [1, 3]
    assert segments[1].where == f"{english}:3"


def test_aligned_text_with_different_line_counts_names_both_files_and_counts(tmp_path: Path) -> None:
    english = tmp_path / "a.txt"
    chinese = tmp_path / "b.txt"
    english.write_text("one\ntwo\nthree\n", encoding="utf-8")
    chinese.write_text("一\n二\n", encoding="utf-8")

    with pytest.raises(GlossaryError) as caught:
        read_segments([english, chinese])

    message = str(caught.value)
    assert str(english) in message and str(chinese) in message
    assert "3 lines" in message and "has 2" in message


# --- CSV / TSV --------------------------------------------------------------------------------


def test_csv_finds_columns_by_language_header_in_any_order_and_ignores_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "segments.csv"
    path.write_bytes("\ufeffzh-CN,note,EN\n"
                     '阿里云,company,Alibaba Cloud\n'
                     ',,\n'
                     '"通义千问, 大模型",product,"Tongyi Qianwen, the LLM"\n'.encode("utf-8"))

    segments = read_segments([path])

    assert pairs(segments) == [
        (1, "Alibaba Cloud", "阿里云"),
        (2, "Tongyi Qianwen, the LLM", "通义千问, 大模型"),
    ]
    assert lines(segments) == [2, 4]
    assert segments[0].where == f"{path}:2"


def test_csv_columns_named_by_the_caller_win_over_guessing(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Original,Translation,english\nSave,保存,ignored\n", encoding="utf-8")

    segments = read_segments([path], source_column="original", target_column="TRANSLATION")

    assert pairs(segments) == [(1, "Save", "保存")] and lines(segments) == [2]


def test_headerless_tsv_is_read_as_source_then_target(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("Alibaba Cloud\t阿里云\nbusiness group\t业务集团\n", encoding="utf-8")

    segments = read_segments([path])

    assert pairs(segments) == [(1, "Alibaba Cloud", "阿里云"), (2, "business group", "业务集团")]
    assert lines(segments) == [1, 2]


def test_csv_with_an_unclosed_quote_is_refused_naming_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('en,zh\nSave,保存\nOpen,"打开\nClose,关闭\n', encoding="utf-8")

    with pytest.raises(GlossaryError) as caught:
        read_segments([path])

    assert f"{path} row 3:" in str(caught.value)


# --- Excel ------------------------------------------------------------------------------------


def test_xlsx_reads_the_segments_sheet_by_header(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["this sheet is not the segments"])
    sheet = book.create_sheet("Segments")
    sheet.append(["Chinese (zh-Hans)", "English (en)"])
    sheet.append(["阿里云", "Alibaba Cloud"])
    sheet.append([None, None])
    sheet.append(["85后", "post-85s"])
    sheet.append([2026, 2026])
    path = tmp_path / "segments.xlsx"
    book.save(path)

    segments = read_segments([path])

    assert pairs(segments) == [(1, "Alibaba Cloud", "阿里云"), (2, "post-85s", "85后"), (3, "2026", "2026")]
    assert lines(segments) == [2, 4, 5]
    assert segments[1].where == f"{path}:4"


# --- XLIFF ------------------------------------------------------------------------------------

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en-US" target-language="zh-CN" datatype="html" original="press.html">
    <body>
      <group id="intro">
        <trans-unit id="tu-1">
          <source>Open the <g id="1" ctype="bold">Alibaba Cloud</g> console<x id="2" ctype="lb"/>today.</source>
          <target state="translated">今天<x id="2"/>打开<g id="1">阿里云</g>控制台。</target>
          <alt-trans><target>OLD SUGGESTION</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="tu-2">
        <source>Press<ph id="3">&lt;br/&gt;</ph>Enter</source>
        <target>按<ph id="3">&lt;br/&gt;</ph>回车</target>
      </trans-unit>
      <trans-unit id="tu-3"><source> </source><target/></trans-unit>
      <trans-unit id="tu-4"><source>Untranslated <bx id="4"/>text<ex id="4"/></source></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_12_keeps_text_inside_g_and_drops_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "press.xlf"
    path.write_text(XLIFF_12, encoding="utf-8")

    segments = read_segments([path])

    assert pairs(segments) == [
        (1, "Open the Alibaba Cloud console today.", "今天打开阿里云控制台。"),
        (2, "Press Enter", "按回车"),
        (3, "Untranslated text", ""),
    ]
    assert lines(segments) == [None, None, None]
    assert [segment.unit for segment in segments] == ["tu-1", "tu-2", "tu-4"]
    assert [segment.where for segment in segments] == [f"{path}:tu-1", f"{path}:tu-2", f"{path}:tu-4"]


# As Okapi and other XLIFF 2 writers lay it out: codes' native data in originalData, pc/ph in the text,
# white space between sentences in ignorable parts, several segments per unit.
XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="zh-CN">
  <file id="f1" original="release.html">
    <unit id="u1" name="title">
      <segment id="s1" state="final">
        <source>Tongyi Qianwen</source>
        <target>通义千问</target>
      </segment>
    </unit>
    <group id="body">
      <unit id="u2">
        <originalData>
          <data id="d1">&lt;b&gt;</data>
          <data id="d2">&lt;/b&gt;</data>
          <data id="d3">&lt;br/&gt;</data>
        </originalData>
        <segment id="s2" state="translated">
          <source>Click <pc id="1" dataRefStart="d1" dataRefEnd="d2">Save</pc> to keep<ph id="2" dataRef="d3"/>changes.</source>
          <target>点击<pc id="1" dataRefStart="d1" dataRefEnd="d2">保存</pc>以保留<ph id="2" dataRef="d3"/>更改。</target>
        </segment>
        <ignorable>
          <source>[IGNORABLE]</source>
          <target>[IGNORABLE]</target>
        </ignorable>
        <segment id="s3">
          <source>Ask Eddie Wu.</source>
          <target>问吴泳铭。</target>
        </segment>
      </unit>
    </group>
  </file>
</xliff>
"""


def test_xliff_20_reads_segments_keeps_pc_text_and_skips_ignorable(tmp_path: Path) -> None:
    path = tmp_path / "release.xliff"
    path.write_text(XLIFF_20, encoding="utf-8")

    segments = read_segments([path])

    assert pairs(segments) == [
        (1, "Tongyi Qianwen", "通义千问"),
        (2, "Click Save to keep changes.", "点击保存以保留更改。"),
        (3, "Ask Eddie Wu.", "问吴泳铭。"),
    ]
    assert [segment.where for segment in segments] == [f"{path}:u1", f"{path}:u2/s2", f"{path}:u2/s3"]


# --- TMX --------------------------------------------------------------------------------------

TMX_14 = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en-US"
          srclang="en-US" datatype="html"/>
  <body>
    <tu tuid="welcome">
      <tuv xml:lang="zh-CN"><seg>欢迎使用<bpt i="1">&lt;b&gt;</bpt>阿里云<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Bienvenue</seg></tuv>
      <tuv xml:lang="en-US"><seg>Welcome to <bpt i="1">&lt;b&gt;</bpt>Alibaba Cloud<ept i="1">&lt;/b&gt;</ept></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-us"><seg>Read the <hi type="b">business group</hi> report</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>阅读<hi type="b">业务集团</hi>报告</seg></tuv>
    </tu>
    <tu tuid="french-only">
      <tuv xml:lang="fr-FR"><seg>Seulement</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_picks_tuvs_by_language_and_drops_bpt_ept_code(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX_14, encoding="utf-8")

    segments = read_segments([path])

    assert pairs(segments) == [
        (1, "Welcome to Alibaba Cloud", "欢迎使用阿里云"),
        (2, "Read the business group report", "阅读业务集团报告"),
    ]
    assert [segment.unit for segment in segments] == ["welcome", "tu 2"]
    assert [segment.where for segment in segments] == [f"{path}:welcome", f"{path}:tu 2"]


# --- hostile and wrong files ------------------------------------------------------------------

XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>
<trans-unit id="1"><source>&secret;</source><target>x</target></trans-unit>
</body></file></xliff>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
""" + "".join(
    f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n else "lol"}">\n' for n in range(10)
) + """]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>
<trans-unit id="1"><source>&lol9;</source><target>x</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize("content", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_xliff_with_entities_is_refused_at_once_in_one_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hostile.xlf"
    path.write_text(content, encoding="utf-8")

    started = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        read_segments([path])

    assert time.perf_counter() - started < 1
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert "unsafe XML refused" in message


def test_malformed_xliff_is_a_format_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.xliff"
    path.write_text(XLIFF_12[:300], encoding="utf-8")

    with pytest.raises(FormatError, match="not well-formed XML") as caught:
        read_segments([path])

    assert str(path) in str(caught.value)


def test_unsupported_suffix_lists_the_supported_formats(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")

    with pytest.raises(GlossaryError) as caught:
        read_segments([path])

    message = str(caught.value)
    assert str(path) in message
    assert all(suffix in message for suffix in (".csv", ".tsv", ".xlsx", ".xliff", ".sdlxliff", ".tmx"))


# --- hostile structure ------------------------------------------------------------------------


def _nested(opening: str, closing: str, depth: int) -> str:
    """Inline markup `depth` levels deep around a word."""
    return opening * depth + "deep" + closing * depth


HOSTILE_XML = {
    "XLIFF 1.2 with 1,500 nested g": ("deep.xlf", XLIFF_12.replace(
        "Open the", _nested('<g id="1">', "</g>", 1500), 1)),
    "XLIFF 1.2 with 100,000 nested g": ("deeper.xlf", XLIFF_12.replace(
        "Open the", _nested("<g>", "</g>", 100_000), 1)),
    "XLIFF 2.0 with 1,500 nested pc": ("deep.xliff", XLIFF_20.replace(
        "Tongyi Qianwen</source>", _nested('<pc id="1">', "</pc>", 1500) + "</source>", 1)),
    "TMX with 5,000 nested hi": ("deep.tmx", TMX_14.replace("business group", _nested("<hi>", "</hi>", 5000), 1)),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_XML))
def test_markup_nested_more_than_1000_levels_deep_is_refused_in_one_line(tmp_path: Path, small_glossary: Path,
                                                                          kind: str) -> None:
    name, content = HOSTILE_XML[kind]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["-g", str(small_glossary), "check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"glossary: error: {path}: refused: elements nested more than 1,000 levels deep\n"


def test_inline_markup_nested_990_levels_deep_is_read_without_recursion(tmp_path: Path) -> None:
    path = tmp_path / "deep.xlf"
    path.write_text(XLIFF_12.replace("Open the", _nested("<g>", "</g>", 990).replace("deep", "Open the")),
                    encoding="utf-8")

    assert pairs(read_segments([path]))[0] == (1, "Open the Alibaba Cloud console today.", "今天打开阿里云控制台。")


def test_xml_in_an_encoding_the_parser_cannot_use_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tmx"
    path.write_bytes(TMX_14.replace('encoding="UTF-8"', 'encoding="GBK"').encode("gbk"))

    with pytest.raises(FormatError) as caught:
        read_segments([path])

    assert str(caught.value) == (f"{path}: not readable XML (multi-byte encodings are not supported; "
                                 "save the file as UTF-8)")


@pytest.mark.parametrize("reference", ["XFD1048576", "A4000000000"])
def test_a_workbook_reaching_too_far_is_refused_in_one_line(tmp_path: Path, small_glossary: Path,
                                                            reference: str) -> None:
    path = workbook_with_a_far_cell(tmp_path / "far.xlsx", reference)
    # in a fresh process: python-calamine aborted the whole interpreter allocating the sheet
    result = run_glossary("-g", small_glossary, "check", path)
    assert result.returncode == 2
    assert one_stderr_line(result).startswith(f"glossary: error: {path}: refused: the values in "
                                              "xl/worksheets/sheet1.xml reach row ")


@pytest.mark.parametrize("name", ["pipe.xlsx", "pipe.xlf", "pipe.tmx", "pipe.csv"])
def test_a_pipe_given_as_a_bilingual_file_is_refused_at_once(tmp_path: Path, small_glossary: Path,
                                                             name: str) -> None:
    os.mkfifo(tmp_path / name)
    result = run_glossary("-g", small_glossary, "check", tmp_path / name)  # the timeout bounds a hang
    assert result.returncode == 2
    assert one_stderr_line(result) == (f"glossary: error: {tmp_path / name}: is not a regular file (a device, "
                                       "pipe or socket); give a file")


def test_dev_zero_as_the_target_side_of_aligned_text_is_refused_at_once(tmp_path: Path,
                                                                        small_glossary: Path) -> None:
    english = tmp_path / "en.txt"
    english.write_text("Alibaba Cloud\n", encoding="utf-8")
    result = run_glossary("-g", small_glossary, "check", english, "/dev/zero")
    assert result.returncode == 2
    assert one_stderr_line(result) == ("glossary: error: /dev/zero: is not a regular file (a device, pipe or "
                                       "socket); give a file")


# --- fuzz: random bytes and random structure -----------------------------------------------------------


XLIFF_TAGS = ["file", "body", "group", "trans-unit", "unit", "segment", "ignorable", "source", "target",
              "seg-source", "alt-trans", "g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "sub", "pc", "sc", "ec",
              "mrk", "cp", "originalData", "data"]
XLIFF_SKELETONS = [
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body><trans-unit id="1">'
    "<source>Open {}</source><target>打开{}</target></trans-unit></body></file></xliff>",
    '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"><unit id="u">{}<segment>'
    "<source>{}</source><target>{}</target></segment></unit></file></xliff>",
]
XLIFF_DOCUMENTS = st.sampled_from(["urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:2.0",
                                   "urn:x"]).flatmap(lambda namespace: xml_documents(
                                       XLIFF_TAGS, ["id", "hex", "version", "srcLang", "state"], ["xliff"],
                                       f' xmlns="{namespace}"', XLIFF_SKELETONS))
TMX_DOCUMENTS = xml_documents(["header", "body", "tu", "tuv", "seg", "hi", "bpt", "ept", "ph", "it", "ut", "sub",
                               "prop", "note"], ["xml:lang", "lang", "tuid", "version"], ["tmx"], "", [
    '<tmx version="1.4"><header/><body><tu tuid="t">{}<tuv xml:lang="en"><seg>{}</seg></tuv>'
    '<tuv xml:lang="zh-CN"><seg>{}</seg></tuv></tu></body></tmx>'])


@FUZZ
@given(suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ".xlf", ".tmx"]), data=st.binary(max_size=2000))
def test_any_bytes_as_a_bilingual_file_give_segments_or_a_glossary_error(tmp_path: Path, suffix: str,
                                                                        data: bytes) -> None:
    reads_cleanly(tmp_path / f"any{suffix}", data, lambda path: read_segments([path]))


@FUZZ
@given(english=st.binary(max_size=500), chinese=st.binary(max_size=500))
def test_any_bytes_as_aligned_text_give_segments_or_a_glossary_error(tmp_path: Path, english: bytes,
                                                                     chinese: bytes) -> None:
    (tmp_path / "en.txt").write_bytes(english)
    reads_cleanly(tmp_path / "zh.txt", chinese, lambda path: read_segments([tmp_path / "en.txt", path]))


@FUZZ
@given(suffix_and_document=st.tuples(st.just(".xlf"), XLIFF_DOCUMENTS) | st.tuples(st.just(".tmx"), TMX_DOCUMENTS)
       | st.tuples(st.just(".xlsx"), workbook_archives()))
def test_any_xliff_tmx_or_workbook_structure_gives_segments_or_a_glossary_error(
        tmp_path: Path, suffix_and_document: tuple[str, bytes]) -> None:
    suffix, document = suffix_and_document
    reads_cleanly(tmp_path / f"any{suffix}", document, lambda path: read_segments([path]))
