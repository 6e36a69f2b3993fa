"""Readers: encodings, Markdown, HTML, DOCX, PDF, folders, globs and stdin, on real files built in tmp_path."""

from __future__ import annotations

import codecs
import io
import os
import sys
import types
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from glossary import documents
from glossary.documents import docx
from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.documents import SUPPORTED_SUFFIXES, Document, count_inputs, iter_documents, read_document
from glossary.errors import UnreadableDocument
from glossary.files.decode import decode_bytes

from .conftest import HEADER, flag_encrypted, one_stderr_line, run_glossary, run_python
from .hostile_files import FUZZ, package_members, reads_cleanly, xml_documents, zip_archives

ENGLISH = "Alibaba Cloud launched Tongyi Qianwen.\nEddie Wu spoke in Hangzhou.\n"
CHINESE = "阿里云发布了通义千问。\n吴泳铭在杭州发言。\n"
GB_PARAGRAPH = (
    "阿里云今天在杭州举行的云栖大会上发布了通义千问的新版本。阿里巴巴集团首席执行官吴泳铭表示，"
    "人工智能将深刻改变各行各业，公司会继续加大对算力和大模型的投入。新模型在中文理解、代码生成和"
    "逻辑推理方面都有明显提升，并向开发者开放了更多接口。分析人士认为，国内大模型市场的竞争正在加剧，"
    "价格战可能会持续一段时间。"
)
BIG5_PARAGRAPH = (
    "阿里雲今天在杭州舉行的雲棲大會上發布了通義千問的新版本。阿里巴巴集團首席執行官吳泳銘表示，"
    "人工智慧將深刻改變各行各業，公司會繼續加大對算力和大模型的投入。新模型在中文理解、程式碼生成和"
    "邏輯推理方面都有明顯提升，並向開發者開放了更多介面。分析人士認為，國內大模型市場的競爭正在加劇，"
    "價格戰可能會持續一段時間。台灣的半導體產業同樣受惠於這波浪潮，台積電的先進製程訂單已經排到明年。"
    "香港的金融機構也開始測試生成式人工智慧，用於客戶服務、風險管理和法規遵循等領域。"
    "專家提醒，企業在導入新技術時，必須重視資料安全與個人隱私，並建立清楚的治理架構。"
    "與此同時，各地政府陸續推出補助計畫，鼓勵中小企業數位轉型，培養更多跨領域人才。"
    "教育界則討論如何在課堂上善用這些工具，讓學生學會提出好問題，而不是只依賴機器給出的答案。"
    "出版業者也在觀察讀者習慣的變化，電子書與有聲書的銷售持續成長，傳統書店則轉型為文化空間。"
    "醫療院所嘗試以影像辨識協助醫師判讀，縮短病患等待報告的時間，但最後的診斷仍由醫師負責。"
    "交通部門運用即時資料調整號誌，尖峰時段的車流因此更加順暢，市民通勤時間明顯減少。"
    "農業方面，感測器與無人機被用來監測土壤濕度和病蟲害，農民可以更精準地施肥與灌溉，減少浪費。"
    "零售商分析消費紀錄，預測熱門商品的需求，並調整庫存與物流路線，讓貨品更快送到顧客手中。"
    "觀光業者推出多語言導覽服務，外國旅客可以用手機查詢景點介紹、交通資訊和在地美食推薦。"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def write(path: Path, data: bytes) -> Path:
    """Write bytes to path (parents created) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_one(path: Path, **kwargs) -> str:
    """The text read_document extracts from path."""
    return read_document(path, **kwargs).text


# --- encodings --------------------------------------------------------------------------------


def test_utf8_without_bom_is_read_as_is(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.txt", (ENGLISH + CHINESE).encode("utf-8"))
    assert read_document(path) == Document(str(path), ENGLISH + CHINESE)


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", codecs.BOM_UTF8 + CHINESE.encode("utf-8"))
    assert read_one(path) == CHINESE


def test_utf16_le_with_bom_and_crlf_becomes_lf_text(tmp_path: Path) -> None:
    path = write(tmp_path / "le.txt", codecs.BOM_UTF16_LE + CHINESE.replace("\n", "\r\n").encode("utf-16-le"))
    assert read_one(path) == CHINESE


def test_utf16_be_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "be.txt", codecs.BOM_UTF16_BE + (ENGLISH + CHINESE).encode("utf-16-be"))
    assert read_one(path) == ENGLISH + CHINESE


def test_utf32_bom_is_not_mistaken_for_utf16(tmp_path: Path) -> None:
    path = write(tmp_path / "32.txt", codecs.BOM_UTF32_LE + CHINESE.encode("utf-32-le"))
    assert read_one(path) == CHINESE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(codec: str) -> None:
    assert decode_bytes((ENGLISH + CHINESE).encode(codec), "x.txt") == ENGLISH + CHINESE


def test_gb18030_paragraph_is_detected(tmp_path: Path) -> None:
    data = GB_PARAGRAPH.encode("gb18030")
    assert 250 < len(data) < 1200
    assert read_one(write(tmp_path / "gb.txt", data)) == GB_PARAGRAPH


def test_short_gb18030_is_detected_despite_tiny_sample(tmp_path: Path) -> None:
    text = "阿里云发布通义千问。"
    data = text.encode("gb18030")
    assert len(data) == 20
    assert read_one(write(tmp_path / "short.txt", data)) == text


def test_short_big5_is_not_forced_into_gb18030() -> None:
    text = BIG5_PARAGRAPH[:40]
    assert decode_bytes(text.encode("big5"), "short.txt") == text


def test_big5_paragraph_is_detected(tmp_path: Path) -> None:
    data = BIG5_PARAGRAPH.encode("big5")
    assert len(data) >= 1200
    assert read_one(write(tmp_path / "big5.txt", data)) == BIG5_PARAGRAPH


def test_cp1252_curly_quotes_are_not_read_as_chinese(tmp_path: Path) -> None:
    text = "It’s the “cloud” market — naïve café owners.\n"
    assert read_one(write(tmp_path / "west.txt", text.encode("cp1252"))) == text


def test_isolated_accented_letters_are_not_read_as_big5() -> None:
    text = "Ärger mit Änderungen, Äpfel"  # Ä+r, Ä+n, Ä+p are common Big5 characters
    assert decode_bytes(text.encode("cp1252"), "de.txt") == text


def test_binary_file_is_skipped_with_one_line_message(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"Alibaba Cloud\n")
    image = write(tmp_path / "picture.png", PNG_HEADER)
    skipped: list[str] = []
    documents = list(iter_documents([str(image), str(good)], on_skip=skipped.append))
    assert [document.name for document in documents] == [str(good)]
    assert len(skipped) == 1
    assert str(image) in skipped[0] and "binary" in skipped[0] and "\n" not in skipped[0]


def test_binary_without_on_skip_raises_unreadable(tmp_path: Path) -> None:
    image = write(tmp_path / "picture.txt", PNG_HEADER)
    with pytest.raises(UnreadableDocument, match="picture.txt"):
        list(iter_documents([image]))


def test_control_characters_without_nul_count_as_binary() -> None:
    with pytest.raises(UnreadableDocument, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 20 + b"\xff\xfe\xfd", "blob.dat")


def test_forced_encoding_overrides_the_guess(tmp_path: Path) -> None:
    text = "吳泳銘"
    path = write(tmp_path / "name.txt", text.encode("big5"))
    assert read_one(path, encoding="big5") == text
    assert read_one(path, encoding="gb18030") != text


def test_forced_encoding_failure_names_encoding_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "gb.txt", b"Alibaba " + "阿里云".encode("gb18030"))
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, encoding="utf-8")
    message = str(caught.value)
    assert str(path) in message and "utf-8" in message and "byte 8" in message


def test_unknown_encoding_is_a_usage_error_not_a_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"text")
    with pytest.raises(GlossaryError, match="unknown encoding 'klingon'") as caught:
        list(iter_documents([path], encoding="klingon", on_skip=lambda message: None))
    assert not isinstance(caught.value, UnreadableDocument)


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_markup_is_stripped_and_line_numbers_kept(tmp_path: Path) -> None:
    source = "\n".join([
        "# Alibaba Cloud ##",
        "Some **bold** and *italic* and _under_ text with snake_case_name.",
        "See [Tongyi Qianwen](https://qwen.ai) and ![the logo](logo.png).",
        "```python",
        "x = a_b_c * 2  # **not bold**",
        "```",
        "> quoted `__init__` here",
        "[ref]: https://example.com",
        "* a bullet with 2 * 3 stars",
    ])
    path = write(tmp_path / "notes.md", source.encode("utf-8"))
    assert read_one(path).split("\n") == [
        "Alibaba Cloud",
        "Some bold and italic and under text with snake_case_name.",
        "See Tongyi Qianwen and the logo.",
        "",
        "x = a_b_c * 2  # **not bold**",
        "",
        "quoted __init__ here",
        "",
        "* a bullet with 2 * 3 stars",
    ]


def test_plain_text_keeps_markdown_like_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", b"# not a heading here\n**kept**\n")
    assert read_one(path) == "# not a heading here\n**kept**\n"


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>TITLE_TEXT</title>
<style>body { color: red } .STYLE_TEXT {}</style>
<script>var x = "SCRIPT_TEXT"; if (a < b) { document.write("<p>no</p>"); }</script>
</head>
<body>
<nav><ul><li><a href="/">NAV_TEXT</a></li></ul></nav>
<header>HEADER_TEXT</header>
<div role="navigation"><div>ROLE_NAV_TEXT</div><div>MORE_ROLE_NAV</div></div>
<h1>Alibaba   Cloud</h1>
<p>Tom &amp; Jerry&nbsp;Studio &lt;3</p>
<p>First<br>second</p>
<ul><li>one</li><li>two</li></ul>
<table><tr><td>阿里云</td><td>Alibaba Cloud</td></tr></table>
<noscript>NOSCRIPT_TEXT</noscript><template><p>TEMPLATE_TEXT</p></template>
<svg><text>SVG_TEXT</text></svg>
<aside>ASIDE_TEXT</aside><form><label>FORM_TEXT</label></form>
<article><section><p>Inside <b>bold</b> and <i>italic</i>.</p></section></article>
<footer>FOOTER_TEXT</footer>
<blockquote>After the footer</blockquote>
</body></html>
"""


def test_html_keeps_visible_text_in_block_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE.encode("utf-8"))
    assert read_one(path).split("\n") == [
        "Alibaba Cloud",
        "Tom & Jerry Studio <3",
        "First",
        "second",
        "one",
        "two",
        "阿里云\tAlibaba Cloud",
        "Inside bold and italic.",
        "After the footer",
    ]


def test_html_drops_scripts_styles_and_navigation(tmp_path: Path) -> None:
    text = read_one(write(tmp_path / "page.htm", PAGE.encode("utf-8")))
    for hidden in ("TITLE", "STYLE", "SCRIPT", "NAV", "HEADER", "ROLE_NAV", "NOSCRIPT", "TEMPLATE", "SVG",
                   "ASIDE", "FORM", "FOOTER", "<p>"):
        assert hidden not in text


def test_html_meta_charset_gb2312_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="gb2312"><title>t</title></head><body><p>阿里云</p><p>通义千问</p></body></html>'
    path = write(tmp_path / "gb.html", page.encode("gb2312"))
    assert read_one(path) == "阿里云\n通义千问"


def test_html_http_equiv_charset_beats_the_guess(tmp_path: Path) -> None:
    # KOI8-R is never guessed, so only the declaration can produce the right text
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>'
            "<body><p>Привет, мир</p></body></html>")
    assert read_one(write(tmp_path / "ru.html", page.encode("koi8-r"))) == "Привет, мир"


def test_html_wrong_charset_declaration_falls_back_to_guessing(tmp_path: Path) -> None:
    page = f'<meta charset="utf-8"><p>{GB_PARAGRAPH}</p>'
    assert read_one(write(tmp_path / "liar.html", page.encode("gb18030"))) == GB_PARAGRAPH


def test_html_source_line_break_between_hanzi_is_not_a_space(tmp_path: Path) -> None:
    page = "<p>阿里云发布了通义\n  千问，Alibaba\nCloud</p>"
    assert read_one(write(tmp_path / "wrap.html", page.encode("utf-8"))) == "阿里云发布了通义千问，Alibaba Cloud"


# --- XML: news feeds and other tools' XML ---------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="gb2312" ?>
<!-- a wire service's feed -->
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tech Wire</title><link>https://wire.example/tech</link><language>zh-cn</language>
<managingEditor>desk@wire.example (News Desk)</managingEditor><pubDate>Sat, 31 Dec 2005 06:15:55+0900</pubDate>
<image><title>Tech Wire logo</title><url>https://wire.example/logo.png</url></image>
<item><title>阿里云发布通义千问新版本</title><link>https://wire.example/1</link>
<description><![CDATA[<p>阿里巴巴集团首席执行官吴泳铭表示，<b>人工智能</b>将改变各行各业。</p><p>Alibaba Cloud &amp; partners</p>]]></description>
<guid isPermaLink="true">https://wire.example/1</guid><category>Press Releases</category>
<dc:creator>Chris Lui</dc:creator><pubDate>Tue, 27 Dec 2005 13:08:54+0900</pubDate></item>
<item><title>Tencent &amp; Huawei</title><description>&lt;p&gt;Tencent Cloud grew.&lt;/p&gt;&lt;p&gt;Huawei Cloud too.&lt;/p&gt;</description>
<content:encoded><![CDATA[<div>Hunyuan <i>was</i> shown.</div>]]></content:encoded></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Cloud Notes</title><id>urn:uuid:1</id>
<updated>2026-11-30T10:00:00Z</updated><author><name>Desk</name><email>desk@notes.example</email></author>
<entry><title>Qwen ships</title><link href="https://notes.example/q"/><id>urn:uuid:2</id>
<summary type="html">&lt;p&gt;Tongyi Qianwen &lt;b&gt;ships&lt;/b&gt; today.&lt;/p&gt;</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Eddie Wu <b>spoke</b> in Hangzhou.</p><p>阿里云</p></div></content>
</entry></feed>
"""
PARTICULARS = ("wire.example", "2005", "desk@", "Press Releases", "Chris Lui", "logo", "zh-cn", "urn:uuid",
               "2026-11-30", "notes.example", "Desk", "<p>", "&lt;", "isPermaLink")


def test_a_news_feed_gives_its_titles_and_stories_as_lines_and_none_of_its_particulars(tmp_path: Path) -> None:
    lines = read_one(write(tmp_path / "wire.xml", RSS.encode("gb2312"))).split("\n")
    assert lines == ["Tech Wire", "阿里云发布通义千问新版本", "阿里巴巴集团首席执行官吴泳铭表示，人工智能将改变各行各业。",
                     "Alibaba Cloud & partners", "Tencent & Huawei", "Tencent Cloud grew.", "Huawei Cloud too.",
                     "Hunyuan was shown."]
    assert not any(particular in line for line in lines for particular in PARTICULARS)


def test_an_atom_feed_reads_its_html_and_xhtml_content_with_inline_markup_inside_the_line(tmp_path: Path) -> None:
    text = read_one(write(tmp_path / "notes.atom", ATOM.encode("utf-8")))
    assert text.split("\n") == ["Cloud Notes", "Qwen ships", "Tongyi Qianwen ships today.",
                                "Eddie Wu spoke in Hangzhou.", "阿里云"]
    assert not any(particular in text for particular in PARTICULARS)


def test_other_xml_gives_each_element_a_line_and_keeps_mixed_text_whole(tmp_path: Path) -> None:
    document = ("<?xml version='1.0'?><doc><section><title>Results</title><para>Alibaba Cloud <emphasis>launched"
                "</emphasis> Qwen <link>today</link>.</para><para>阿里云</para></section><id>x1</id></doc>")
    assert read_one(write(tmp_path / "doc.xml", document.encode("utf-8"))) == "Results\nAlibaba Cloud launched Qwen .\n阿里云"


def test_a_feed_that_is_not_well_formed_is_read_as_tag_soup_without_its_particulars(tmp_path: Path) -> None:
    broken = RSS.replace("Tencent &amp; Huawei", "Tencent & Huawei").replace("</channel></rss>", "")
    text = read_one(write(tmp_path / "broken.rss", broken.encode("gb2312")))
    for wanted in ("阿里云发布通义千问新版本", "阿里巴巴集团首席执行官吴泳铭表示", "Tencent & Huawei", "Hunyuan was shown."):
        assert wanted in text
    assert not any(particular in text for particular in PARTICULARS if particular != "&lt;")


def test_an_xml_declaration_that_names_an_encoding_the_bytes_are_not_in_is_overruled(tmp_path: Path) -> None:
    feed = f'<?xml version="1.0" encoding="utf-16"?><rss><channel><title>{GB_PARAGRAPH}</title></channel></rss>'
    assert read_one(write(tmp_path / "liar.xml", feed.encode("gb18030"))) == GB_PARAGRAPH


def test_mining_a_feed_finds_its_terms_and_no_markup_words(tmp_path: Path) -> None:
    import json

    result = CliRunner().invoke(cli, ["mine", str(write(tmp_path / "wire.rss", RSS.encode("gb2312"))), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    found = {row["english"] for row in rows} | {row["chinese"] for row in rows}
    assert {"Tongyi Qianwen", "Eddie Wu", "Hunyuan"} <= found
    assert not found & {"pubDate", "isPermaLink", "Press Releases", "managingEditor", "Chris Lui"}


# --- RTF -------------------------------------------------------------------------------------------


def test_rtf_as_word_writes_chinese_in_its_code_page_and_textedit_with_its_tables_gives_the_prose(tmp_path: Path):
    gbk = "".join(f"\\'{byte:02x}" for byte in "阿里云发布通义千问".encode("gbk"))
    word = ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}{\\*\\generator Msftedit 5.41;}"
            f"\\viewkind4\\uc1\\pard\\lang2052\\f0\\fs22 {gbk}\\par\n"
            + "".join(f"\\u{ord(ch)}?" for ch in "吴泳铭") + " said {\\b Qwen} ships.\\par\n}")
    assert read_one(write(tmp_path / "word.rtf", word.encode("ascii"))) == "阿里云发布通义千问\n吴泳铭 said Qwen ships."
    textedit = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
                "{\\colortbl;\\red255\\green255\\blue255;}\n\\paperw11900\\paperh16840\\margl1440\\margr1440\n"
                "\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 Alibaba Cloud launched "
                "Tongyi Qianwen. Caf\\'e9 talk.\\\nEddie Wu spoke.}")
    assert read_one(write(tmp_path / "textedit.rtf", textedit.encode("ascii"))) == \
        "Alibaba Cloud launched Tongyi Qianwen. Café talk.\nEddie Wu spoke."


def test_a_file_named_rtf_that_is_not_rtf_is_skipped_in_one_line(tmp_path: Path):
    path = write(tmp_path / "notes.rtf", b"Alibaba Cloud, plain text after all\n")
    skipped: list[str] = []
    assert list(iter_documents([path], on_skip=skipped.append)) == []
    assert skipped == [f"{path}: not an RTF document (it does not start with {{\\rtf)"]
    broken = write(tmp_path / "broken.rtf", b"{\\rtf1uc*a2\\uc'cpg")  # striprtf fails on it with a TypeError
    assert list(iter_documents([broken], on_skip=skipped.append)) == []
    assert skipped[1].startswith(f"{broken}: broken RTF (") and "\n" not in skipped[1]


# --- OpenDocument text -----------------------------------------------------------------------------

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def build_odt(path: Path, body: str) -> Path:
    """A real .odt: its mimetype stored first, then content.xml around `body` (office:text's content)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
                                        f"<office:body><office:text>{body}</office:text></office:body>"
                                        "</office:document-content>", compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_an_odt_gives_its_headings_paragraphs_cells_and_notes_as_lines_and_hides_comments_and_deletions(
        tmp_path: Path):
    body = ('<text:tracked-changes><text:changed-region><text:deletion><text:p>DELETED TEXT</text:p>'
            '</text:deletion></text:changed-region></text:tracked-changes>'
            '<text:h text:outline-level="1">Alibaba Cloud <text:span>launches</text:span> Qwen</text:h>'
            '<text:p>阿里云发布了<text:span text:style-name="b">通义千问</text:span>。'
            '<office:annotation><dc:creator>Editor</dc:creator><text:p>CHECK THIS</text:p></office:annotation>'
            'Eddie Wu<text:s text:c="3"/>spoke<text:tab/>in Hangzhou<text:line-break/>on Monday.'
            '<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>A note on Qwen.</text:p>'
            '</text:note-body></text:note></text:p>'
            '<table:table><table:table-row><table:table-cell><text:p>阿里云</text:p></table:table-cell>'
            '<table:table-cell><text:p>Alibaba Cloud</text:p></table:table-cell></table:table-row></table:table>')
    text = read_one(build_odt(tmp_path / "release.odt", body))
    assert text.split("\n") == ["Alibaba Cloud launches Qwen", "阿里云发布了通义千问。Eddie Wu   spoke\tin Hangzhou",
                                "on Monday.", "A note on Qwen.", "阿里云", "Alibaba Cloud"]
    assert "DELETED" not in text and "CHECK" not in text and "Editor" not in text


def test_an_odt_without_content_or_not_a_zip_is_skipped_in_one_line(tmp_path: Path):
    empty = tmp_path / "empty.odt"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    fake = write(tmp_path / "fake.odt", b"Alibaba Cloud, not a zip\n")
    skipped: list[str] = []
    assert list(iter_documents([empty, fake], on_skip=skipped.append)) == []
    assert skipped[0] == f"{empty}: not an OpenDocument text (no content.xml inside)"
    assert skipped[1].startswith(f"{fake}: ") and "\n" not in skipped[1]


# --- DOCX -------------------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_xml(body: str) -> str:
    """A word/document.xml around body."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def build_docx(path: Path, document_xml: str, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal .docx: content types plus word/document.xml."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document_xml)
    return path


def test_docx_paragraphs_tabs_breaks_and_table_cells_become_lines(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>Alibaba Cloud launched Tongyi Qianwen.</w:t></w:r></w:p>"
        '<w:p><w:r><w:t>Term</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">通义千问 </w:t></w:r></w:p>'
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>阿里云</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Alibaba </w:t></w:r><w:r><w:t>Cloud</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t></w:r></w:p>"
        "<w:p><w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del></w:p>"
    )
    path = build_docx(tmp_path / "memo.docx", word_xml(body))
    assert read_one(path).split("\n") == [
        "Alibaba Cloud launched Tongyi Qianwen.",
        "Term\t通义千问 ",
        "阿里云",
        "Alibaba Cloud",
        "Line one",
        "line two",
        "",
    ]


def test_docx_that_is_not_a_zip_is_skipped(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.docx", b"this is not a zip file at all")
    skipped: list[str] = []
    assert list(iter_documents([broken], on_skip=skipped.append)) == []
    assert len(skipped) == 1 and str(broken) in skipped[0] and "Word" in skipped[0]


def test_zip_without_document_xml_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    with pytest.raises(UnreadableDocument, match="no word/document.xml"):
        read_document(path)


def test_docx_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    with pytest.raises(UnreadableDocument, match="broken Word document"):
        read_document(build_docx(tmp_path / "lol.docx", bomb))


def test_docx_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx, "MAX_DOCX_XML_BYTES", 10_000)
    path = build_docx(tmp_path / "bomb.docx", word_xml("<w:p><w:r><w:t>aaaa</w:t></w:r></w:p>" * 2000))
    skipped: list[str] = []
    assert list(iter_documents([path], on_skip=skipped.append)) == []
    assert len(skipped) == 1 and "bomb.docx" in skipped[0] and "10,000" in skipped[0]


def test_docx_compressed_suspiciously_well_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx, "DOCX_RATIO_FLOOR", 1000)
    path = build_docx(tmp_path / "ratio.docx", word_xml("<w:p/>" * 50_000))
    with pytest.raises(UnreadableDocument, match="zip bomb"):
        read_document(path)


def test_docx_under_the_limits_is_read(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "long.docx", word_xml("<w:p><w:r><w:t>aaaa</w:t></w:r></w:p>" * 2000))
    assert read_one(path) == "\n".join(["aaaa"] * 2000)


# --- PDF --------------------------------------------------------------------------------------


def build_pdf(path: Path, sentence: str) -> Path:
    """A minimal valid one-page PDF showing sentence in Helvetica, with a correct xref table."""
    content = f"BT /F1 12 Tf 72 720 Td ({sentence}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return write(path, bytes(out))


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "release.pdf", "Alibaba Cloud launched Tongyi Qianwen")
    assert "Alibaba Cloud launched Tongyi Qianwen" in read_one(path)


def test_broken_pdf_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf")
    skipped: list[str] = []
    assert list(iter_documents([path], on_skip=skipped.append)) == []
    assert len(skipped) == 1 and "broken.pdf" in skipped[0] and "\n" not in skipped[0]


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableDocument, match="encrypted"):
        read_document(path)


# --- inputs: files, folders, globs, stdin -----------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of documents with a subfolder, hidden files and a file of unsupported type."""
    root = tmp_path / "corpus"
    write(root / "b.txt", b"bee")
    write(root / "a.md", b"# ay")
    write(root / "aa" / "d.txt", b"dee")
    write(root / "sub" / "c.html", b"<p>see</p>")
    write(root / ".hidden.txt", b"hidden")
    write(root / ".git" / "notes.txt", b"git")
    write(root / "~$lock.docx", b"lock")
    write(root / "picture.png", PNG_HEADER)
    return root


def test_folder_is_read_recursively_sorted_without_hidden_files(corpus: Path) -> None:
    documents = list(iter_documents([corpus]))
    assert [Path(document.name).relative_to(corpus).as_posix() for document in documents] == [
        "a.md", "aa/d.txt", "b.txt", "sub/c.html",
    ]
    assert [document.text for document in documents] == ["ay", "dee", "bee", "see"]


def test_glob_pattern_yields_its_matches_sorted(corpus: Path) -> None:
    documents = list(iter_documents([str(corpus / "**" / "*.txt")]))
    assert [Path(document.name).name for document in documents] == ["d.txt", "b.txt"]


def test_glob_without_match_is_an_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    with pytest.raises(GlossaryError, match="no file matches") as caught:
        list(iter_documents([pattern]))
    assert str(caught.value) == f"{pattern}: no file matches"


def test_explicit_file_of_any_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "release.log", "阿里云\n".encode("utf-8"))
    assert [document.text for document in iter_documents([path])] == ["阿里云\n"]


def test_stdin_is_decoded_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    data = codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    assert list(iter_documents(["-"])) == [Document("<stdin>", CHINESE)]


def test_missing_path_is_a_glossary_error_raised_when_reached(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"first")
    missing = tmp_path / "missing.txt"
    documents = iter_documents([good, missing], on_skip=lambda message: None)
    assert next(documents).text == "first"
    with pytest.raises(GlossaryError) as caught:
        next(documents)
    assert str(caught.value) == f"{missing}: no such file or folder"
    assert not isinstance(caught.value, UnreadableDocument)


@pytest.mark.parametrize("name", ["missing.txt", "missing.docx", "missing.pdf"])
def test_read_document_of_missing_path_says_so(tmp_path: Path, name: str) -> None:
    with pytest.raises(GlossaryError, match="no such file or folder") as caught:
        read_document(tmp_path / name)
    assert not isinstance(caught.value, UnreadableDocument)


def test_count_inputs_counts_files_and_gives_up_on_stdin(corpus: Path, tmp_path: Path) -> None:
    single = write(tmp_path / "single.txt", b"x")
    assert count_inputs([corpus, single, str(corpus / "*.txt")]) == 4 + 1 + 1
    assert count_inputs([single, "-"]) is None


def test_iter_documents_reads_lazily(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [write(tmp_path / f"{index}.txt", b"x") for index in range(3)]
    read: list[Path] = []
    original = documents.read_document
    monkeypatch.setattr(documents, "read_document", lambda path, encoding=None: read.append(path) or original(path))
    found = iter_documents(paths)
    next(found)
    assert read == paths[:1]


def test_supported_suffixes_cover_the_documented_formats() -> None:
    assert set(SUPPORTED_SUFFIXES) >= {".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom", ".rtf",
                                       ".docx", ".odt", ".pdf"}


def test_importing_the_document_readers_stays_light() -> None:
    result = run_python(
        "import sys, glossary.documents; "
        "print(sorted(m for m in ('pypdf', 'charset_normalizer', 'defusedxml', 'striprtf') if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- hostile structure: refused in one line or read in bounded memory ------------------------------------


def _mine_alone(path: Path):
    """`glossary mine` of one file in a fresh process, with the empty glossary beside it."""
    return run_glossary("-g", path.with_name("terms.csv"), "mine", path, timeout=60)


def _empty_glossary(folder: Path) -> None:
    """An empty terms.csv next to the attack files."""
    (folder / "terms.csv").write_text(HEADER, encoding="utf-8")


def test_a_docx_nested_1500_levels_deep_is_refused_in_one_line(tmp_path: Path) -> None:
    _empty_glossary(tmp_path)
    path = build_docx(tmp_path / "deep.docx", word_xml("<w:sdt>" * 1500 + "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>"
                                                        + "</w:sdt>" * 1500))
    result = _mine_alone(path)
    assert result.returncode == 2
    assert one_stderr_line(result).endswith("deep.docx: broken Word document (refused: elements nested more "
                                            "than 1,000 levels deep)")


def test_a_docx_nested_990_levels_deep_is_read_without_recursion(tmp_path: Path) -> None:
    body = "<w:sdt>" * 990 + "<w:p><w:r><w:t>Alibaba Cloud</w:t></w:r></w:p>" + "</w:sdt>" * 990
    assert read_one(build_docx(tmp_path / "deep.docx", word_xml(body))) == "Alibaba Cloud"


def test_a_docx_member_flagged_encrypted_is_refused_in_one_line(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "locked.docx", word_xml("<w:p><w:r><w:t>Hello</w:t></w:r></w:p>"))
    flag_encrypted(path)
    skipped: list[str] = []
    assert list(iter_documents([path], on_skip=skipped.append)) == []
    assert skipped == [f"{path}: member 'word/document.xml' is encrypted; save an unprotected copy"]


def test_a_docx_whose_deflate_stream_is_damaged_is_one_line(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "torn.docx", word_xml("<w:p><w:r><w:t>Alibaba Cloud</w:t></w:r></w:p>" * 200))
    data = bytearray(path.read_bytes())
    body = data.find(b"word/document.xml") + len("word/document.xml") + 40  # inside its compressed data
    data[body:body + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert "torn.docx: " in str(caught.value) and "\n" not in str(caught.value)


def test_a_large_document_xml_is_streamed_not_held_as_a_tree(tmp_path: Path) -> None:
    import tracemalloc

    formatting = "".join(f'<w:rFonts w:ascii="Calibri{index}" w:hAnsi="Calibri"/>' for index in range(40))
    paragraph = f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:rPr>{formatting}</w:rPr><w:t>line</w:t></w:r></w:p>'
    xml = word_xml(paragraph * 2000)  # about 4 MB, stored: a high ratio would be refused as a zip bomb
    path = build_docx(tmp_path / "long.docx", xml, compression=zipfile.ZIP_STORED)
    tracemalloc.start()
    try:
        text = read_one(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert text.split("\n") == ["line"] * 2000
    assert peak < len(xml) / 4, f"{peak:,} bytes at the peak for {len(xml):,} bytes of XML"


@pytest.mark.parametrize("charset", ["rot13", '"base64"', "zlib"])
def test_a_declared_charset_that_is_not_a_text_encoding_is_ignored(tmp_path: Path, charset: str) -> None:
    page = f"<html><head><meta charset={charset}></head><body><p>Alibaba Cloud 阿里云</p></body></html>"
    assert read_one(write(tmp_path / "page.html", page.encode("utf-8"))) == "Alibaba Cloud 阿里云"


def test_an_encoding_option_that_is_not_a_text_encoding_is_one_line(tmp_path: Path) -> None:
    document = write(tmp_path / "a.txt", ENGLISH.encode("utf-8"))
    result = CliRunner().invoke(cli, ["mine", "--encoding", "base64", str(document)])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("glossary: error: 'base64' is not a text encoding "
                                     "(try utf-8, gb18030, big5, utf-16 or cp1252)")


def test_a_folder_holding_a_name_that_is_not_utf8_is_mined_with_the_name_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as document:
            document.write(b"Alibaba Cloud launched Tongyi Qianwen.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    _empty_glossary(tmp_path)
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["-g", str(tmp_path / "terms.csv"), "mine", str(folder), "-o", str(output),
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert f"{folder}/caf\\udce9.txt:1" in output.read_bytes().decode("utf-8")
    assert f"{folder}/caf\\\\udce9.txt:1" in result.stdout  # JSON escapes the backslash once more


def test_special_files_in_a_folder_are_skipped_at_once_each_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder / "ok.txt", ENGLISH.encode("utf-8"))
    for name in ("pipe.docx", "pipe.pdf", "pipe.txt"):
        os.mkfifo(folder / name)
    # in a fresh process: opening a pipe nobody writes to would block for ever (the timeout bounds it)
    result = run_python("import sys; from glossary.documents import iter_documents; "
                        "names = [d.name for d in iter_documents([sys.argv[1]], on_skip=print)]; print(names)",
                        str(folder), timeout=60)
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert result.stdout.splitlines() == [
        *(f"{folder / name}: is not a regular file (a device, pipe or socket); give a file"
          for name in ("pipe.docx", "pipe.pdf", "pipe.txt")),
        str([str(folder / "ok.txt")]),
    ]


# --- fuzz: random bytes and random structure -----------------------------------------------------------


WORD_TAGS = ["w:p", "w:r", "w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:tbl", "w:tr", "w:tc", "w:sdt",
             "w:sdtContent", "w:txbxContent", "w:del", "w:delText", "mc:AlternateContent", "mc:Choice",
             "mc:Fallback", "x:unknown", "w:body"]
WORD_NAMESPACES = (f' xmlns:w="{W_NS}" xmlns:x="urn:x"'
                   ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
WORD_XML = xml_documents(WORD_TAGS, ["w:val", "xml:space", "id"], ["w:document"], WORD_NAMESPACES, [
    f"<w:document{WORD_NAMESPACES}><w:body>{{}}<w:p>{{}}<w:r><w:t>Alibaba</w:t>{{}}</w:r></w:p></w:body></w:document>"])
DOCX_MEMBERS = package_members(lambda buffer: build_docx(buffer, word_xml(  # type: ignore[arg-type]
    "<w:p><w:r><w:t>Alibaba Cloud</w:t><w:tab/><w:t>阿里云</w:t></w:r></w:p>")))
HTML_TAGS = ["html", "head", "meta", "body", "p", "div", "br", "pre", "script", "style", "nav", "table", "tr",
             "td", "span", "template", "svg"]


@FUZZ
@given(suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".rtf", ".docx", ".odt", ".pdf"]),
       data=st.binary(max_size=3000) | st.binary(max_size=3000).map(lambda tail: b"{\\rtf1\\ansi " + tail))
def test_any_bytes_as_a_document_give_text_or_a_glossary_error(tmp_path: Path, suffix: str, data: bytes) -> None:
    reads_cleanly(tmp_path / f"any{suffix}", data, read_document)


@FUZZ
@given(archive=zip_archives(DOCX_MEMBERS, WORD_XML | st.binary(max_size=400)))
def test_any_word_document_structure_gives_text_or_a_glossary_error(tmp_path: Path, archive: bytes) -> None:
    reads_cleanly(tmp_path / "any.docx", archive, read_document)


ODT_TAGS = ["text:p", "text:h", "text:span", "text:s", "text:tab", "text:line-break", "text:note",
            "text:note-citation", "text:note-body", "office:annotation", "text:tracked-changes", "table:table-cell",
            "office:text", "x:unknown"]
ODT_XML = xml_documents(ODT_TAGS, ["text:c", "text:style-name"], ["office:document-content"],
                        f' {ODT_NS} xmlns:x="urn:x"',
                        [f"<office:document-content {ODT_NS} xmlns:x=\"urn:x\"><office:body><office:text>{{}}<text:p>"
                         "{}<text:span>Alibaba</text:span>{}</text:p></office:text></office:body>"
                         "</office:document-content>"])
ODT_MEMBERS = package_members(lambda buffer: build_odt(buffer, "<text:p>Alibaba Cloud<text:tab/>阿里云</text:p>"))  # type: ignore[arg-type]


@FUZZ
@given(archive=zip_archives(ODT_MEMBERS, ODT_XML | st.binary(max_size=400)))
def test_any_opendocument_structure_gives_text_or_a_glossary_error(tmp_path: Path, archive: bytes) -> None:
    reads_cleanly(tmp_path / "any.odt", archive, read_document)


@FUZZ
@given(page=xml_documents(HTML_TAGS, ["charset", "hidden", "role", "aria-hidden", "http-equiv", "content"],
                          ["html"]))
def test_any_html_structure_gives_text_or_a_glossary_error(tmp_path: Path, page: bytes) -> None:
    reads_cleanly(tmp_path / "any.html", page, read_document)


FEED_TAGS = ["rss", "channel", "item", "title", "description", "link", "guid", "pubDate", "content:encoded",
             "feed", "entry", "summary", "content", "p", "div", "b", "x:unknown"]
FEED_NAMESPACES = ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:x="urn:x"'


@FUZZ
@given(feed=xml_documents(FEED_TAGS, ["type", "isPermaLink", "href", "xml:lang"], ["rss", "feed"], FEED_NAMESPACES,
                          [f"<rss{FEED_NAMESPACES}><channel><item><description><![CDATA[{{}}]]></description>{{}}"
                           "</item></channel></rss>"]),
       suffix=st.sampled_from([".xml", ".rss", ".atom"]))
def test_any_feed_structure_gives_text_or_a_glossary_error(tmp_path: Path, feed: bytes, suffix: str) -> None:
    reads_cleanly(tmp_path / f"any{suffix}", feed, read_document)


@FUZZ
@given(damage=st.lists(st.tuples(st.integers(0, 700), st.binary(min_size=1, max_size=12)), min_size=1, max_size=4))
def test_any_damage_to_a_pdf_gives_text_or_a_glossary_error(tmp_path: Path, damage: list[tuple[int, bytes]]) -> None:
    data = bytearray(build_pdf(tmp_path / "real.pdf", "Alibaba Cloud launched Tongyi Qianwen").read_bytes())
    for at, scribble in damage:
        data[at % len(data):at % len(data) + len(scribble)] = scribble
    reads_cleanly(tmp_path / "any.pdf", bytes(data), read_document)
