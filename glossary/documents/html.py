"""HTML documents: the visible text (scripts, styles and hidden elements left out), blocks as lines; the
encoding from a BOM, the page's own declaration, or detection."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..files.decode import BOMS, decode_bytes, normalise_newlines, text_codec
from .paths import document_bytes

NAME = "html"
SUFFIXES = (".html", ".htm")

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
    if encoding or any(data.startswith(bom) for bom, _ in BOMS):
        return decode_bytes(data, name, encoding)
    declared = _declared_charset(data[:2048])
    if declared is not None:
        try:
            return normalise_newlines(data.decode(declared))
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


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """An HTML file's visible text."""
    return html_to_text(decode_html(document_bytes(path), name, encoding))
