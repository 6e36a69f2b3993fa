"""TBX export and import: v3 and v2 round trips, the TBX-Core and TBX-Basic rules, Translate Toolkit,
hostile XML, and files in other tools' conventions."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.formats import ExportOptions, FormatError, tbx
from glossary.schema import CATEGORIES, COLUMNS, STATUSES, TermEntry, join_variants

from .conftest import ROOT, run_python

# The LTAC validation files may not be copied into the project; CI has ../shared beside the clone.
SCHEMAS = ROOT.parent / "shared" / "eval" / "tbx"
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "TBXcoreStructV03.rng").exists() or not (SCHEMAS / "TBX-Basic_DCA.sch").exists(),
    reason=f"TBX validation files not found in {SCHEMAS} (they live beside the clone, not in it)",
)
VERSIONS = pytest.mark.parametrize("version", [3, 2], ids=["tbx-v3", "tbx-v2"])

TRICKY = [
    TermEntry(id='T001', english='Tongyi Qianwen', chinese='通义千问', traditional='通義千問', pinyin='Tōngyì Qiānwèn',
              category='product', status='approved', variants='Qwen|Tongyi', note="Alibaba Cloud's LLM",
              context='He said "Qwen" <twice> & left', source='interview.docx', updated='2026-11-01'),
    TermEntry(id='T002', english='R&D <lab>', chinese='𠀀研发', category='business unit', status='proposed',
              note='line one\nline two\ttab'),
    TermEntry(id='T003', english='=SUM(A1)', chinese='🚀火箭', pinyin='huǒjiàn', category='jargon',
              status='deprecated', variants='+rocket|@rocket', note='category: not a label',
              context='carriage\r\nreturn', updated='2025-01-31'),
    TermEntry(id='T004', english='Ant Financial ', category='organization', status='forbidden',
              note='note: twice labelled'),
    TermEntry(id='T005', chinese='阿里巴巴', traditional='阿里巴巴', variants='Alibaba|Ali',
              note='pinyin: looks like a label'),
    TermEntry(id='1:not-an-xml-id', traditional='淘寶', category='other', status='proposed'),
    TermEntry(id='glossary-entry-1', english='Tmall', chinese='天猫', category='product', status='approved'),
]


def _export(entries, path: Path, version: int = 3, **options) -> Path:
    tbx.write(entries, path, ExportOptions(format="tbx", tbx_version=version, **options))
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    return [row for _, row in tbx.read(path).rows]


# --- round trips ------------------------------------------------------------------------------


@VERSIONS
def test_round_trip_keeps_every_field_of_tricky_entries(tmp_path: Path, version: int):
    path = _export(TRICKY, tmp_path / "out.tbx", version)
    table = tbx.read(path)
    assert [row for _, row in table.rows] == [entry.to_row() for entry in TRICKY]
    assert [number for number, _ in table.rows] == list(range(1, len(TRICKY) + 1))
    assert table.columns == list(COLUMNS)


@VERSIONS
def test_round_trip_keeps_columns_metadata_and_row_fingerprints(tmp_path: Path, version: int):
    columns = ["id", "english", "chinese", "status"]
    metadata = {"exported_at": "2026-11-24T03:00:00+00:00", "source_path": "/tmp/a & b/terms.csv",
                "columns": ",".join(columns)}
    path = _export(TRICKY[:2], tmp_path / "out.tbx", version, columns=columns, metadata=metadata,
                   row_hashes={"T001": "0123456789abcdef", "T002": "fedcba9876543210"})
    table = tbx.read(path)
    assert table.columns == columns
    assert [row for _, row in table.rows] == [{c: getattr(e, c) for c in columns} for e in TRICKY[:2]]
    assert table.metadata == metadata
    assert table.row_hashes == {"T001": "0123456789abcdef", "T002": "fedcba9876543210"}
    text = path.read_text(encoding="utf-8")
    assert "Tōngyì" not in text and "interview.docx" not in text  # columns not asked for are not written


_XML_TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    "\t\n\r<>&\"'=|𠀀🚀中")
_TEXT = st.text(_XML_TEXT, max_size=12)
_TERM = st.just("") | _TEXT.filter(str.strip)
_VARIANTS = st.lists(_TEXT.map(lambda s: s.replace("|", "").strip()).filter(bool), max_size=3, unique=True)
_NOTE = st.tuples(st.sampled_from(["", "note: ", "category: ", "pinyin: ", "id: "]), _TEXT).map("".join)
_ENTRY = st.builds(
    TermEntry,
    id=st.from_regex(r"[A-Za-z0-9_.:\-é]{1,6}", fullmatch=True),
    english=_TERM, chinese=_TERM, traditional=_TERM.map(lambda t: t.replace("|", "").strip()), pinyin=_TEXT,
    category=st.sampled_from(CATEGORIES + ("",)), status=st.sampled_from(STATUSES + ("",)),
    variants=_VARIANTS.map(join_variants), note=_NOTE, context=_TEXT, source=_TEXT,
    updated=st.just("") | st.dates().map(lambda d: d.isoformat()),
).filter(lambda e: e.english or e.chinese or e.traditional or e.variants)


@VERSIONS
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(_ENTRY, max_size=20, unique_by=lambda e: e.id))
def test_any_glossary_reads_back_exactly(tmp_path: Path, version: int, entries: list[TermEntry]):
    path = _export(entries, tmp_path / "property.tbx", version)
    assert _rows(path) == [entry.to_row() for entry in entries]


def test_an_empty_glossary_exports_and_reads_back_as_no_rows(tmp_path: Path):
    for version in (3, 2):
        assert tbx.read(_export([], tmp_path / f"empty{version}.tbx", version)).rows == []


# --- what the files look like to other tools ---------------------------------------------------


def test_v3_is_tbx_basic_with_the_schema_values(tmp_path: Path):
    text = _export(TRICKY, tmp_path / "out.tbx").read_text(encoding="utf-8")
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">' in text
    assert '<langSec xml:lang="zh-Hans">' in text and '<langSec xml:lang="zh-Hant">' in text
    for status in ("preferredTerm", "admittedTerm", "deprecatedTerm", "supersededTerm"):
        assert f'<termNote type="administrativeStatus">{status}-admn-sts</termNote>' in text
    assert '<termNote type="termType">variant</termNote>' in text
    assert "<note>category: business unit</note>" in text
    assert '<descrip type="context">He said "Qwen" &lt;twice&gt; &amp; left</descrip>' in text
    assert '<date>2026-11-01</date>' in text and '<admin type="source">interview.docx</admin>' in text
    assert text.count('<descrip type="context">') == sum(1 for e in TRICKY if e.context)  # once, on the first term


def test_v2_is_martif_with_term_entries_and_tigs(tmp_path: Path):
    text = _export(TRICKY, tmp_path / "out.tbx", 2).read_text(encoding="utf-8")
    assert '<martif type="TBX-Basic" xml:lang="en">' in text and "xmlns" not in text
    assert '<termEntry id="T001">' in text and '<langSet xml:lang="zh-Hans">' in text
    assert "<tig>\n            <term>Tongyi Qianwen</term>" in text
    assert "conceptEntry" not in text and "termSec" not in text


def test_v2_loads_in_translate_toolkit_with_the_english_terms_as_sources(tmp_path: Path):
    from translate.storage.tbx import tbxfile

    path = _export(TRICKY, tmp_path / "out.tbx", 2)
    with open(path, "rb") as handle:
        store = tbxfile(handle)
    english = [e for e in TRICKY if e.english]
    by_id = {unit.getid(): unit for unit in store.units}
    assert [by_id[e.id].source for e in english] == [e.english for e in english]
    assert by_id["T001"].target == "通义千问"
    assert len(store.units) == len(TRICKY)


def _schematron_failures(document, schematron_path: Path) -> list[str]:
    """Every failed sch:assert: each rule's @context nodes selected with XPath 2, each @test evaluated on them."""
    from elementpath import XPath2Parser, XPathContext
    from lxml import etree

    sch = "{http://purl.oclc.org/dsdl/schematron}"
    schema = etree.parse(str(schematron_path))
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(sch + "ns")}
    failures = []
    for rule in schema.iter(sch + "rule"):
        nodes = XPath2Parser(namespaces=namespaces).parse("//" + rule.get("context")).select(XPathContext(document))
        for node in nodes:
            for check in rule.iter(sch + "assert"):
                test = XPath2Parser(namespaces=namespaces).parse(check.get("test"))
                if not test.boolean_value(test.evaluate(XPathContext(document, item=node))):
                    failures.append(f"{rule.get('context')}: {check.text}")
    return failures


def _validate(path: Path) -> tuple[list[str], list[str]]:
    """(TBX-Core RELAX NG errors, TBX-Basic Schematron failures) of a file."""
    from lxml import etree

    document = etree.parse(str(path))
    relax_ng = etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng")))
    relax_ng.validate(document)
    return [str(e) for e in relax_ng.error_log], _schematron_failures(document, SCHEMAS / "TBX-Basic_DCA.sch")


@needs_schemas
def test_v3_is_valid_tbx_core_and_tbx_basic(tmp_path: Path):
    path = _export(TRICKY, tmp_path / "out.tbx", metadata={"columns": ",".join(COLUMNS)},
                   row_hashes={"T001": "0123456789abcdef"})
    assert _validate(path) == ([], [])
    assert _validate(_export([], tmp_path / "empty.tbx")) == ([], [])


@needs_schemas
def test_the_schematron_check_catches_a_status_outside_tbx_basic(tmp_path: Path):
    path = _export(TRICKY, tmp_path / "out.tbx")
    broken = tmp_path / "broken.tbx"
    broken.write_text(path.read_text(encoding="utf-8").replace("supersededTerm-admn-sts", "forbidden"),
                      encoding="utf-8")
    core_errors, basic_failures = _validate(broken)
    assert core_errors == []
    assert basic_failures and all("administrativeStatus" in f for f in basic_failures)


@needs_schemas
def test_ltac_example_reads_its_english_terms_and_ignores_other_languages():
    table = tbx.read(SCHEMAS / "Example_Astronomy_DCA_VALID.tbx")
    first = table.rows[0][1]
    assert (first["english"], first["variants"], first["status"], first["updated"]) == (
        "open cluster", "galactic cluster", "approved", "2010-05-01")
    assert "id" not in table.columns and "chinese" not in table.columns


# --- writing refuses what TBX cannot hold ------------------------------------------------------


@pytest.mark.parametrize("changes, message", [
    ({"note": "bell \x07"}, r"'T1' note: character U\+0007 cannot be stored in XML"),
    ({"status": "aproved"}, r"'T1' has unknown status 'aproved'"),
    ({"updated": "2026-02-30"}, r"'T1' updated '2026-02-30' is not an ISO date"),
    ({"english": " ", "chinese": ""}, r"'T1' has no English or Chinese term"),
])
def test_write_refuses_an_entry_tbx_cannot_hold_and_leaves_no_file(tmp_path: Path, changes, message):
    entry = TermEntry("T1", "Alibaba Cloud", "阿里云").with_changes(**changes)
    with pytest.raises(FormatError, match=message):
        _export([entry], tmp_path / "out.tbx")
    assert list(tmp_path.iterdir()) == []


def test_write_refuses_an_unknown_version(tmp_path: Path):
    with pytest.raises(FormatError, match="unknown TBX version 4"):
        _export(TRICKY, tmp_path / "out.tbx", 4)


# --- reading other tools' files ----------------------------------------------------------------

WEBLATE_STYLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en">
    <martifHeader><fileDesc><sourceDesc><p>Translate Toolkit</p></sourceDesc></fileDesc></martifHeader>
    <text>
        <body>
            <termEntry>
                <langSet xml:lang="en"><tig><term>Alibaba Cloud</term></tig></langSet>
                <langSet xml:lang="zh_Hans"><tig><term>阿里云</term></tig></langSet>
            </termEntry>
            <termEntry>
                <langSet xml:lang="en"><tig><term>Taobao </term></tig></langSet>
                <langSet xml:lang="zh_Hans"><tig><term/></tig></langSet>
            </termEntry>
            <termEntry id="1">
                <langSet xml:lang="en"><tig><term>Alibaba Cloud</term></tig></langSet>
                <langSet xml:lang="zh_Hans"><tig><term></term></tig></langSet>
            </termEntry>
            <termEntry>
                <langSet xml:lang="en"><tig><term/></tig></langSet>
                <langSet xml:lang="zh_Hans"><tig><term> </term></tig></langSet>
            </termEntry>
            <termEntry id="1">
                <langSet xml:lang="en"><tig><term>Tmall:</term></tig></langSet>
                <langSet xml:lang="zh_Hans"><tig><term>天猫</term></tig></langSet>
            </termEntry>
        </body>
    </text>
</martif>
"""


def test_weblate_style_export_reads_with_empty_entries_skipped_and_duplicates_kept(tmp_path: Path):
    path = tmp_path / "weblate_zh_Hans.tbx"
    path.write_text(WEBLATE_STYLE, encoding="utf-8")
    table = tbx.read(path)
    assert table.columns == ["english", "chinese"]  # Weblate's ids ("1", twice) are not glossary ids
    assert table.rows == [
        (1, {"english": "Alibaba Cloud", "chinese": "阿里云"}),
        (2, {"english": "Taobao ", "chinese": ""}),
        (3, {"english": "Alibaba Cloud", "chinese": ""}),
        (5, {"english": "Tmall:", "chinese": "天猫"}),
    ]
    assert table.metadata == {} and table.row_hashes == {}


@pytest.mark.parametrize("english, simplified, traditional", [
    ("en", "zh-Hans", "zh-Hant"),
    ("en-US", "zh-CN", "zh-TW"),
    ("EN_gb", "zh_Hans", "zh_Hant"),
    ("en", "zh", "zh-HK"),
    ("en", "zh-Hans-SG", "zh-Hant-MO"),
])
def test_language_codes_in_any_common_spelling_find_their_columns(tmp_path: Path, english, simplified,
                                                                    traditional):
    path = tmp_path / "codes.tbx"
    path.write_text(f"""<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="c1">
<langSec xml:lang="{traditional}"><termSec><term>阿里雲</term></termSec></langSec>
<langSec xml:lang="de"><termSec><term>Alibaba-Wolke</term></termSec></langSec>
<langSec xml:lang="{english}"><termSec><term>Alibaba Cloud</term></termSec></langSec>
<langSec xml:lang="{simplified}"><termSec><term>阿里云</term></termSec></langSec>
</conceptEntry></body></text></tbx>""", encoding="utf-8")
    assert _rows(path) == [{"english": "Alibaba Cloud", "chinese": "阿里云", "traditional": "阿里雲"}]


@pytest.mark.parametrize("document, extra", [
    # TBX v3 without its namespace; the latest of several dates, a definition kept as a note, a foreign id ignored
    ("""<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="c7">
    <transacGrp><transac type="transactionType">origination</transac><date>2020-01-01</date></transacGrp>
    <note>id: 7</note>
    <langSec xml:lang="en">
      <descripGrp><descrip type="definition">Alibaba's fintech arm</descrip>
        <admin type="source">web</admin></descripGrp>
      <termSec><term>Ant Group</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <transacGrp><transac type="transactionType">modification</transac><date>2021-06-30T10:00:00</date></transacGrp>
      </termSec></langSec>
    <langSec xml:lang="zh-CN"><termSec><term>蚂蚁集团</term></termSec></langSec>
    </conceptEntry></body></text></tbx>""", {"note": "Alibaba's fintech arm", "updated": "2021-06-30"}),
    # TBX v2 in the old LISA namespace, with ntig/termGrp and the v2 status spelling
    ("""<martif type="TBX" xml:lang="en" xmlns="http://www.lisa.org/TBX-Specification.33.0.html"><text><body>
    <termEntry id="c7"><langSet xml:lang="en"><ntig><termGrp><term>Ant Group</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig></langSet>
    <langSet xml:lang="zh"><ntig><termGrp><term>蚂蚁集团</term></termGrp></ntig></langSet>
    </termEntry></body></text></martif>""", {}),
], ids=["v3-no-namespace", "v2-ntig"])
def test_v3_without_namespace_and_v2_with_ntig_are_read(tmp_path: Path, document: str, extra: dict[str, str]):
    path = tmp_path / "other.tbx"
    path.write_text(document, encoding="utf-8")
    table = tbx.read(path)
    assert [row for _, row in table.rows] == [
        {"english": "Ant Group", "chinese": "蚂蚁集团", "status": "approved", **extra}
    ]
    assert "id" not in table.columns


@pytest.mark.parametrize("value, status", [
    ("preferredTerm-admn-sts", "approved"), ("admittedTerm-admn-sts", "proposed"),
    ("deprecatedTerm-admn-sts", "deprecated"), ("supersededTerm-admn-sts", "forbidden"),
    ("standardizedTerm-admn-sts", "approved"), ("Preferred", "approved"), ("forbidden", "forbidden"),
    ("maybeTerm-admn-sts", "maybeTerm-admn-sts"),  # unknown: passed on for the importer to report
])
def test_administrative_statuses_map_to_glossary_statuses(value: str, status: str):
    assert tbx.status_reading(value) == status


# --- hostile and broken files ------------------------------------------------------------------


def _assert_refused_quickly(path: Path, match: str) -> FormatError:
    started = time.perf_counter()
    with pytest.raises(FormatError, match=match) as caught:
        tbx.read(path)
    assert time.perf_counter() - started < 1.0
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    return caught.value


def test_an_external_entity_is_refused_without_reading_the_file_it_names(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>
</termEntry></body></text></martif>""", encoding="utf-8")
    error = _assert_refused_quickly(path, "unsafe XML refused: it declares the entity 'xxe'")
    assert "TOP-SECRET" not in str(error)


def test_billion_laughs_is_refused_quickly(tmp_path: Path):
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.tbx"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY lol0 "lol">{entities}]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet>
</termEntry></body></text></martif>""", encoding="utf-8")
    _assert_refused_quickly(path, "unsafe XML refused")


def test_an_external_dtd_is_not_fetched(tmp_path: Path):
    path = tmp_path / "dtd.tbx"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/never.dtd">
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>Tmall</term></tig></langSet>
</termEntry></body></text></martif>""", encoding="utf-8")
    assert _rows(path) == [{"english": "Tmall"}]


@pytest.mark.parametrize("content, match", [
    ("<martif><text><body><termEntry>", r"not well-formed XML"),
    ("<html><body>not a glossary</body></html>", r"not a TBX file \(the root element is <html>"),
    ("", r"not well-formed XML"),
])
def test_a_broken_or_foreign_file_is_a_format_error_naming_it(tmp_path: Path, content: str, match: str):
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    _assert_refused_quickly(path, match)


def _v2_entry(term_group: str) -> str:
    """A TBX v2 file of one English entry whose tig holds term_group."""
    return (f'<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig>{term_group}</tig>'
            "</langSet></termEntry></body></text></martif>")


def test_term_groups_and_notes_nested_990_levels_deep_are_read_without_recursion(tmp_path: Path):
    path = tmp_path / "deep.tbx"
    deep_note = "<descripGrp>" * 990 + "<note>a note</note>" + "</descripGrp>" * 990
    path.write_text(_v2_entry("<termGrp>" * 985 + "<term>Tmall</term>" + "</termGrp>" * 985 + deep_note),
                    encoding="utf-8")
    assert _rows(path) == [{"english": "Tmall", "note": "a note"}]


def test_a_term_nested_more_than_1000_levels_deep_is_refused_in_one_line(tmp_path: Path):
    path = tmp_path / "deep.tbx"
    path.write_text(_v2_entry("<termGrp>" * 1500 + "<term>Tmall</term>" + "</termGrp>" * 1500), encoding="utf-8")
    _assert_refused_quickly(path, "refused: elements nested more than 1,000 levels deep")


def test_damaged_row_fingerprints_of_a_huge_number_are_a_format_error(tmp_path: Path):
    path = _export([TermEntry(id="T1", english="Tmall", chinese="天猫")], tmp_path / "back.tbx",
                   row_hashes={"T1": "f1:0"})
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(type="glossary:row-hashes">)[^<]*', r'\1{"T1": ' + "9" * 5000 + "}", text),
                    encoding="utf-8")
    _assert_refused_quickly(path, r"row fingerprints \(glossary:row-hashes\) are damaged")


def test_a_pipe_given_as_a_tbx_file_is_refused_at_once(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.tbx")
    # in a fresh process: opening a pipe nobody writes to would block for ever (the timeout bounds it)
    result = run_python("import sys\nfrom glossary.errors import GlossaryError\nfrom glossary.formats import tbx\n"
                        "try:\n    tbx.read(sys.argv[1])\nexcept GlossaryError as error:\n    print(error)",
                        str(tmp_path / "pipe.tbx"), timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{tmp_path / 'pipe.tbx'}: is not a regular file (a device, pipe or socket); give a TBX file\n"


@VERSIONS
def test_chinese_variants_are_short_forms_or_variants_and_read_back(tmp_path: Path, version: int):
    entry = TermEntry(id="A1", english="Alibaba", chinese="阿里巴巴", traditional="阿里巴巴|阿里", chinese_variants="阿里|阿里集团",
                      category="organization", status="approved")
    path = _export([entry], tmp_path / "variants.tbx", version)
    text = path.read_text(encoding="utf-8")
    assert text.count(">shortForm<") == 2 and text.count(">variant<") == 1  # 阿里 is inside 阿里巴巴; 阿里集团 is not
    (row,) = _rows(path)
    assert (row["chinese_variants"], row["traditional"]) == ("阿里|阿里集团", "阿里巴巴|阿里")
