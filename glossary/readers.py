"""Documents in: txt, md, html, docx, pdf as plain text, whatever their encoding."""

from __future__ import annotations

import codecs
import glob
import os
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import GlossaryError, UnreadableDocument
from .files.reading import os_reason, regular_file, shown

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
STDIN = "-"
STDIN_NAME = "<stdin>"

# Zip-bomb guard for .docx: a real document.xml is rarely over a few MB or compressed more than ~20x.
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100
DOCX_RATIO_FLOOR = 1024 * 1024  # below this size a high ratio is harmless (tiny repetitive XML)

# charset-normalizer guesses badly on tiny samples (< ~1.2 KB), so short CJK-looking input is tried as
# GB18030 (which covers GBK and GB2312) and Big5 first, keeping whichever yields common characters.
# Any guess can be wrong on a few bytes of text; `--encoding` (the `encoding` argument) always overrides it.
SHORT_SAMPLE_BYTES = 1200
# The encodings worth guessing for English/Chinese documents (UTF-8 and UTF-16 are recognised before).
GUESSABLE_ENCODINGS = ("gb18030", "big5", "cp1252", "latin_1")
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_CONTROL_SHARE_LIMIT = 0.05
_GLOB_CHARS = re.compile(r"[*?\[]")
_BOMS = (  # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Document:
    """One document's text; `file:line` sources count lines of `text`."""

    name: str
    text: str


# --- encodings --------------------------------------------------------------------------------


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes as text with "\\n" line ends: forced encoding, else BOM, UTF-8, UTF-16 or a CJK/Western guess."""
    if encoding:
        return _normalise_newlines(_decode_forced(data, name, encoding))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _normalise_newlines(_decode_strict(data, name, codec))
    if b"\x00" in data:  # before UTF-8, which accepts NUL: BOM-less UTF-16 or binary
        codec = _utf16_without_bom(data)
        if codec is None:
            raise UnreadableDocument(f"{name}: binary file (contains NUL bytes), not text")
        return _normalise_newlines(_decode_strict(data, name, codec))
    try:
        return _normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = _decode_guessed(data)
    if _looks_binary(text):
        raise UnreadableDocument(f"{name}: binary file (mostly control characters), not text")
    return _normalise_newlines(text)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name, or an error for an encoding Python does not know or that is not a
    text encoding (base64, rot13, zlib: Python's codecs turn bytes into bytes or text into text)."""
    codec = text_codec(encoding)
    if codec is None:
        problem = f"{encoding!r} is not a text encoding" if _known_codec(encoding) else f"unknown encoding {encoding!r}"
        raise GlossaryError(f"{problem} (try utf-8, gb18030, big5, utf-16 or cp1252)")
    return codec


def _known_codec(label: str) -> bool:
    """Whether Python has a codec of that name, text or not."""
    try:
        codecs.lookup(label)
    except (LookupError, TypeError, ValueError):
        return False
    return True


def text_codec(label: str) -> str | None:
    """The canonical name of the text encoding a label names ('GBK' → 'gbk'), or None when there is none."""
    try:
        codec = codecs.lookup(label).name
        "".encode(codec)  # refuses bytes-to-bytes and text-to-text codecs (base64, rot13) and "undefined"
    except (LookupError, UnicodeError, TypeError, ValueError):
        return None
    return codec


def _decode_forced(data: bytes, name: str, encoding: str) -> str:
    """Decode with the encoding the user named; a failure says where."""
    codec = check_encoding(encoding)
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{name}: not valid {encoding} at byte {error.start} (try another --encoding, or none to guess)"
        ) from None
    except UnicodeError as error:  # codecs such as idna fail without a position
        raise UnreadableDocument(f"{name}: not valid {encoding} ({error}; try another --encoding, or none to guess)") \
            from None


def _decode_strict(data: bytes, name: str, codec: str) -> str:
    """Decode with a detected codec; a failure suggests --encoding."""
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{name}: looks like {codec} but byte {error.start} is invalid (name the encoding with --encoding)"
        ) from None


def _normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes sit where UTF-16 puts them, else None (binary)."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    # Text in UTF-16 has a NUL in the high byte of every ASCII character (newlines, spaces, digits)
    # and rarely in the low byte (U+8A00 言 does); binary formats scatter NULs over both.
    if odd_nuls >= 0.2 * half and even_nuls <= 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls >= 0.2 * half and odd_nuls <= 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else codec


def _decode_guessed(data: bytes) -> str:
    """Non-UTF-8 bytes decoded with the likeliest of GB18030, Big5, cp1252 and latin-1."""
    cjk = _looks_cjk(data[:SHORT_SAMPLE_BYTES * 8])
    if cjk and len(data) < SHORT_SAMPLE_BYTES:
        text = _decode_chinese(data)
        if text is not None:
            return text
    guess = _charset_normalizer_guess(data)
    fallbacks = ("gb18030", *_BIG5_CODECS, "cp1252") if cjk else ("cp1252", "gb18030", *_BIG5_CODECS)
    for codec in (guess, *fallbacks):
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    # latin-1 maps every byte, so this text is never wrong by an exception, only possibly by meaning
    return data.decode("latin_1")


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding among GUESSABLE_ENCODINGS, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(GUESSABLE_ENCODINGS)).best()
    return best.encoding if best is not None else None


def _looks_cjk(data: bytes) -> bool:
    """True when most bytes above 0x7F come in runs, as double-byte Chinese does (cp1252 quotes stand alone)."""
    high = [byte >= 0x80 for byte in data]
    total = sum(high)
    if total < 2:
        return False
    paired = sum(
        1 for index, is_high in enumerate(high)
        if is_high and ((index > 0 and high[index - 1]) or (index + 1 < len(high) and high[index + 1]))
    )
    return paired / total >= 0.6


def _decode_chinese(data: bytes) -> str | None:
    """Short Chinese bytes as GB18030 or Big5, whichever gives common characters; None if neither fits."""
    best_text, best_score = None, 0.0
    for codec in ("gb18030", *_BIG5_CODECS):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _common_share(text, codec)
        if score > best_score:  # strict '>' so GB18030 wins ties
            best_text, best_score = text, score
        if codec != "gb18030":
            break  # one Big5 variant that decodes is enough
    return best_text if best_score >= 0.5 else None


def _common_share(text: str, codec: str) -> float:
    """Share of non-ASCII characters that fall in the codec's frequent rows (punctuation, level-1 hanzi)."""
    gb = codec == "gb18030"
    common_leads = range(0xB0, 0xD8) if gb else range(0xA4, 0xC7)
    lowest_trail = 0xA1 if gb else 0x40  # GB2312 trail bytes are all high; Big5 ones need not be
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return 0.0
    common = 0
    for char in wide:
        encoded = char.encode(codec, errors="ignore")
        if len(encoded) == 2 and encoded[1] >= lowest_trail and (
            encoded[0] in common_leads or 0xA1 <= encoded[0] <= 0xA3
        ):
            common += 1
    return common / len(wide)


def _looks_binary(text: str) -> bool:
    """True when control characters other than whitespace make up a noticeable share of the start."""
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for char in sample if (ord(char) < 32 and char not in "\t\n\r\f\v\x1b") or char == "\x7f")
    return controls / len(sample) > _CONTROL_SHARE_LIMIT


# --- plain text and Markdown ------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^(\s{0,3})#{1,6}(\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_BLOCKQUOTE = re.compile(r"^(\s{0,3})(>\s?)+")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_STAR_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_UNDERSCORE_STRONG = re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
_STAR_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")


def strip_markdown(text: str) -> str:
    """Markdown with the obvious markup removed, one output line per input line."""
    lines, in_fence = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            lines.append("")
        elif in_fence:
            lines.append(line)  # code stays verbatim: underscores and stars in it are not emphasis
        else:
            lines.append(_strip_markdown_line(line))
    return "\n".join(lines)


def _strip_markdown_line(line: str) -> str:
    """One Markdown line without heading marks, quotes, emphasis, link syntax or backticks."""
    if _REFERENCE_DEFINITION.match(line):
        return ""
    if _HEADING.match(line):
        line = _CLOSING_HASHES.sub("", _HEADING.sub(r"\1", line, count=1))
    line = _BLOCKQUOTE.sub(r"\1", line, count=1)
    pieces = _INLINE_CODE.split(line)  # [prose, ticks, code, prose, ticks, code, prose...]
    out = []
    for index, piece in enumerate(pieces):
        if index % 3 == 0:
            out.append(_strip_inline_markup(piece))
        elif index % 3 == 2:
            out.append(piece)  # code span: keep its text verbatim, drop the backticks
    return "".join(out)


def _strip_inline_markup(text: str) -> str:
    """Prose without link/image syntax, emphasis or strike-through marks."""
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    for pattern in (_STAR_STRONG, _UNDERSCORE_STRONG, _STAR_EMPHASIS, _UNDERSCORE_EMPHASIS, _STRIKE):
        text = pattern.sub(r"\1", text)
    return text


# --- HTML -------------------------------------------------------------------------------------

_HIDDEN_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "title",
    "nav", "header", "footer", "aside", "form", "iframe", "object", "canvas", "select", "button",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "br", "hr", "tr",
    "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "blockquote", "pre",
    "figure", "figcaption", "address", "details", "summary", "fieldset", "legend", "body", "html",
})
_CELL_TAGS = frozenset({"td", "th"})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# The WHATWG encoding standard reads these labels as the wider encoding; so do we.
_HTML_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "big5": "cp950", "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    # a page whose <meta> we could read is ASCII-compatible, so a UTF-16 declaration cannot be true
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_BLANK_LINE = re.compile(r"\n[ \t\r\f]*\n\s*")
_CJK_LINE_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")


class _VisibleTextParser(HTMLParser):
    """Collects the text a reader sees: no scripts, styles or navigation; blocks become lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._cells: list[list[str]] = [[]]
        self._hidden: list[list] = []  # [tag, depth] of the hidden elements we are inside
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter hidden elements, break lines at blocks, start a new cell at td/th."""
        if self._hidden:
            if tag == self._hidden[-1][0]:
                self._hidden[-1][1] += 1
            elif tag not in _VOID_TAGS and (tag in _HIDDEN_TAGS or _is_hidden(attrs)):
                self._hidden.append([tag, 1])
            return
        if tag not in _VOID_TAGS and (tag in _HIDDEN_TAGS or _is_hidden(attrs)):
            self._hidden.append([tag, 1])
        elif tag in _BLOCK_TAGS:
            self._end_line()
            self._pre_depth += tag == "pre"
        elif tag in _CELL_TAGS:
            self._cells.append([])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/> and friends: a self-closed element opens nothing."""
        if not self._hidden and tag in _BLOCK_TAGS:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        """Leave hidden elements; end a line after a block."""
        if self._hidden:
            if tag == self._hidden[-1][0]:
                self._hidden[-1][1] -= 1
                if self._hidden[-1][1] == 0:
                    self._hidden.pop()
            return
        if tag in _BLOCK_TAGS:
            self._end_line()
            if tag == "pre" and self._pre_depth:
                self._pre_depth -= 1

    def handle_data(self, data: str) -> None:
        """Visible text goes into the current cell; inside <pre> every newline ends a line."""
        if self._hidden:
            return
        # Outside <pre> a blank line is not HTML, but bare text pages use it for paragraphs; keep them apart.
        first, *rest = data.split("\n") if self._pre_depth else _BLANK_LINE.split(data)
        self._cells[-1].append(first)
        for piece in rest:
            self._end_line()
            self._cells[-1].append(piece)

    def close(self) -> None:
        """Flush the last line."""
        super().close()
        self._end_line()

    def _end_line(self) -> None:
        """Turn the collected cells into one line (cells joined by a tab), if it has any text."""
        cells = [_collapse_whitespace("".join(parts)) for parts in self._cells]
        line = "\t".join(cell for cell in cells if cell)
        if line:
            self.lines.append(line)
        self._cells = [[]]


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """True for elements marked as navigation or hidden from readers."""
    values = {name: (value or "").strip().lower() for name, value in attrs}
    return values.get("role") == "navigation" or "hidden" in values or values.get("aria-hidden") == "true"


def _collapse_whitespace(text: str) -> str:
    """HTML whitespace rules: runs become one space (&nbsp; too); a source line break between hanzi vanishes."""
    return " ".join(_CJK_LINE_BREAK.sub("", text).split())


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block element per line."""
    parser = _VisibleTextParser()
    parser.feed(markup)
    parser.close()
    return "\n".join(parser.lines)


def decode_html(data: bytes, name: str, encoding: str | None = None) -> str:
    """HTML bytes as text: forced encoding, else BOM, else <meta charset> in the first 2 KB, else a guess."""
    if encoding or any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data, name, encoding)
    declared = _declared_charset(data[:2048])
    if declared is not None:
        try:
            return _normalise_newlines(data.decode(declared))
        except UnicodeError:
            pass  # the declaration is wrong; guess instead
    return decode_bytes(data, name)


def _declared_charset(head: bytes) -> str | None:
    """The codec named by <meta charset> or http-equiv Content-Type, if Python knows it."""
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return text_codec(_HTML_CHARSET_ALIASES.get(label, label))  # None for <meta charset=rot13>: guess instead


# --- DOCX -------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCX_BODY = "word/document.xml"
_WORD = "Word document"


def docx_to_text(path: Path) -> str:
    """The paragraphs of a .docx (tables and text boxes included), one per line.

    word/document.xml is parsed as it is inflated, each element let go once it has ended, so memory holds
    the text, not the XML tree (a 190 MB document.xml at a modest compression ratio is read, not a
    MemoryError)."""
    from .files import zipguard
    from .files.safexml import XmlError, iterparse

    limits = zipguard.Limits(MAX_DOCX_XML_BYTES, MAX_DOCX_RATIO, DOCX_RATIO_FLOOR)
    with zipguard.open_archive(path, _WORD, UnreadableDocument) as archive:
        try:
            info = archive.getinfo(_DOCX_BODY)
        except KeyError:
            raise UnreadableDocument(f"{shown(path)}: not a Word document (no {_DOCX_BODY} inside)") from None
        zipguard.check_members(path, [info], limits, UnreadableDocument)
        try:
            with zipguard.inflating(path, _WORD, UnreadableDocument), archive.open(info) as member:
                paragraphs = _docx_paragraphs(iterparse(member))
        except XmlError as error:
            raise UnreadableDocument(f"{shown(path)}: broken Word document ({error})") from None
    return _normalise_newlines("\n".join("".join(parts) for parts in paragraphs))


# The elements of a paragraph that stand for text; None: the element's own text (w:t).
_DOCX_PIECES = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_paragraphs(events: Iterable[tuple[str, Any]]) -> list[list[str]]:
    """One list of text pieces per w:p, in document order, from the parse events of document.xml.

    A paragraph nested in another (in a text box) gets its own line, after its host's; mc:Fallback (the
    same content as mc:Choice, for older readers) and whatever sits inside a piece of text are skipped.
    Each element is detached from its parent once it has ended, so that the tree never grows."""
    paragraphs: list[list[str]] = []
    open_paragraphs: list[list[str]] = []
    elements: list[Any] = []  # the elements open at this point, the root first
    skipped = 0  # how deep inside an element whose content does not count
    for event, element in events:
        tag = element.tag
        if event == "start":
            elements.append(element)
            if skipped:
                skipped += 1
            elif tag == _MC_FALLBACK or (open_paragraphs and tag in _DOCX_PIECES):
                skipped = 1
            elif tag == _W + "p":
                paragraphs.append([])
                open_paragraphs.append(paragraphs[-1])
            continue
        elements.pop()
        if skipped:
            skipped -= 1
            if not skipped and tag in _DOCX_PIECES:
                piece = _DOCX_PIECES[tag]
                open_paragraphs[-1].append((element.text or "") if piece is None else piece)
        elif tag == _W + "p":
            open_paragraphs.pop()
        if elements:
            elements[-1].remove(element)  # its earlier siblings are gone already: this is the only child
    return paragraphs


# --- PDF --------------------------------------------------------------------------------------


def pdf_to_text(path: Path) -> str:
    """The text of every page of a PDF, pages joined by a newline."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(f"{shown(path)}: encrypted PDF (save an unprotected copy to read it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many unrelated types on malformed files
        raise UnreadableDocument(f"{shown(path)}: broken PDF ({_first_line(error) or type(error).__name__})") from None
    return _normalise_newlines("\n".join(pages))


def _first_line(error: BaseException) -> str:
    """An exception's message cut to one line, for one-line error messages."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# --- documents --------------------------------------------------------------------------------


def read_document(path: Path, encoding: str | None = None) -> Document:
    """One file as a Document, its text extracted according to its suffix; the Document's name is the path
    as messages show it (on one line, a name that is not UTF-8 escaped), so any output can hold it."""
    path = Path(path)
    name = shown(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return Document(name, docx_to_text(_document_file(path)))
    if suffix == ".pdf":
        return Document(name, pdf_to_text(_document_file(path)))
    data = read_file_bytes(path)
    if suffix in (".html", ".htm"):
        return Document(name, html_to_text(decode_html(data, name, encoding)))
    text = decode_bytes(data, name, encoding)
    if suffix in (".md", ".markdown"):
        text = strip_markdown(text)
    return Document(name, text)


def _document_file(path: Path) -> Path:
    """The path of a document to read. Missing or a folder → GlossaryError (the input is wrong); a device,
    a pipe (which would never end) or a broken link → UnreadableDocument (skipped like any unreadable file)."""
    if not os.path.lexists(path):
        raise GlossaryError(f"{shown(path)}: no such file or folder")
    if Path(path).is_dir():
        raise GlossaryError(f"{shown(path)}: is a folder, not a file")
    try:
        return regular_file(path)
    except GlossaryError as error:
        raise UnreadableDocument(str(error)) from None


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes; missing → GlossaryError; a device, pipe or unreadable file → UnreadableDocument."""
    try:
        return _document_file(path).read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"{shown(path)}: cannot read ({os_reason(error)})") from None


def read_stdin(encoding: str | None = None) -> Document:
    """Standard input as a Document named <stdin>."""
    return Document(STDIN_NAME, decode_bytes(sys.stdin.buffer.read(), STDIN_NAME, encoding))


def iter_documents(
    inputs: Iterable[str | Path],
    encoding: str | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Each input's documents, one at a time; unreadable ones go to on_skip (or raise without it)."""
    if encoding:
        check_encoding(encoding)
    for item in inputs:
        paths = expand_input(item)
        for path in [None] if paths is None else paths:
            try:
                yield read_stdin(encoding) if path is None else read_document(path, encoding)
            except UnreadableDocument as error:
                if on_skip is None:
                    raise
                on_skip(str(error))


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many files iter_documents would read (some may be skipped); None with stdin; missing paths raise."""
    total = 0
    for item in inputs:
        paths = expand_input(item)
        if paths is None:
            return None
        total += len(paths)
    return total


def expand_input(item: str | Path) -> list[Path] | None:
    """The files one input names: itself, a folder's documents, a glob's matches; None for stdin."""
    if isinstance(item, str) and item == STDIN:
        return None
    path = Path(item)
    if path.is_dir():
        return documents_in_folder(path)
    if path.exists():
        return [path]
    if isinstance(item, str) and _GLOB_CHARS.search(item):
        return _glob_matches(item)
    raise GlossaryError(f"{shown(item)}: no such file or folder")


def documents_in_folder(folder: Path) -> list[Path]:
    """Every file with a supported suffix under folder, recursively, sorted; hidden ones left out."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _is_hidden_name(name)]
        found.extend(
            Path(root) / name for name in files
            if not _is_hidden_name(name) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    return sorted(found, key=lambda path: path.parts)


def _is_hidden_name(name: str) -> bool:
    """Dot files and folders, and Office's ~$ lock files."""
    return name.startswith((".", "~$"))


def _glob_matches(pattern: str) -> list[Path]:
    """A glob pattern's files, sorted; matched folders contribute their documents."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise GlossaryError(f"{shown(pattern)}: no file matches")
    paths: list[Path] = []
    for match in matches:
        path = Path(match)
        paths.extend(documents_in_folder(path) if path.is_dir() else [path])
    return paths
