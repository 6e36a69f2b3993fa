"""XML documents (RSS and Atom news feeds, other tools' XML): the text of their elements, each element a line, the
HTML a feed carries in its descriptions as the visible text of that HTML; what a feed says about itself (links,
dates, ids, addresses, authors, categories) left out. The encoding from a BOM, the XML declaration, or
detection. A file that is not well-formed XML (feeds often are not) is read as tag soup, the same elements left
out."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..files.decode import BOMS, decode_bytes, normalise_newlines, text_codec
from .html import html_to_text
from .paths import document_bytes

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

NAME = "xml"
SUFFIXES = (".xml", ".rss", ".atom")

# Elements (by local name, any namespace, lower case) that hold a feed's or an item's particulars, not its text.
_PARTICULARS = frozenset("""
link guid pubdate lastbuilddate managingeditor webmaster url width height language ttl docs generator id updated
published uri email enclosure comments cloud rating skiphours skipdays textinput category author contributor
copyright rights icon logo image date creator publisher source thumbnail
""".split())
# Elements whose text is HTML (escaped or in CDATA, as RSS puts it), and the content types that say so (Atom).
_HTML_ELEMENTS = frozenset({"description", "encoded", "content", "summary", "subtitle"})
_HTML_TYPES = frozenset({"html", "xhtml", "text/html", "application/xhtml+xml"})
_DECLARATION = re.compile(r"""\A\s*<\?xml\b[^>]*\?>""")
_DECLARED_ENCODING = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# The wider encodings readers take these labels for (a file declaring GB2312 holds GBK characters); a declaration
# read as ASCII cannot be true when it names UTF-16 (a BOM would have said so first).
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950",
                     "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_SOUP_HTML_ELEMENT = re.compile(r"(<(?:\w+:)?(" + "|".join(sorted(_HTML_ELEMENTS)) + r")\b[^>]*>)(.*?)(</(?:\w+:)?\2\s*>)",
                                re.IGNORECASE | re.DOTALL)
_SOUP_BLOCK = re.compile(r"<(/?)(?:\w+:)?(?:title|item|entry|channel|feed|" + "|".join(sorted(_HTML_ELEMENTS))
                         + r")\b[^>]*>", re.IGNORECASE)
_SOUP_PARTICULARS = re.compile(r"<((?:\w+:)?(?:" + "|".join(sorted(_PARTICULARS)) + r"))\b[^>]*?(?:/>|>.*?</\1\s*>)",
                               re.IGNORECASE | re.DOTALL)


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """An XML file's text."""
    return xml_to_text(decode_xml(document_bytes(path), name, encoding))


def decode_xml(data: bytes, name: str, encoding: str | None = None) -> str:
    """XML bytes as text: the encoding forced, else a BOM's, else the XML declaration's, else a guess."""
    if encoding or any(data.startswith(bom) for bom, _ in BOMS):
        return decode_bytes(data, name, encoding)
    declared = _DECLARED_ENCODING.match(data[:512])
    if declared is not None:
        label = declared.group(1).decode("ascii").lower()
        codec = text_codec(_ENCODING_ALIASES.get(label, label))
        if codec is not None:
            try:
                return normalise_newlines(data.decode(codec))
            except UnicodeError:
                pass  # the declaration is wrong: guess instead
    return decode_bytes(data, name)


def xml_to_text(markup: str) -> str:
    """The text of an XML document, one element a line (tag soup when it is not well-formed XML)."""
    from ..errors import XmlError
    from ..files.safexml import parse

    try:  # decoded already: parsed as UTF-8, whatever its declaration said
        root = parse(_DECLARATION.sub("", markup, count=1).encode("utf-8"))
    except XmlError:
        return html_to_text(_soup_as_html(markup))
    return html_to_text("".join(_as_html(root)))


def _soup_as_html(markup: str) -> str:
    """Tag soup as HTML for html_to_text: CDATA opened, the particulars left out, escaped HTML in descriptions
    unescaped, and a feed's own elements (a title is hidden in HTML) made blocks."""
    markup = _SOUP_PARTICULARS.sub(" ", _CDATA.sub(lambda found: found.group(1), markup))
    markup = _SOUP_HTML_ELEMENT.sub(lambda found: found.group(1) + _unescaped(found.group(3)) + found.group(4), markup)
    return _SOUP_BLOCK.sub(lambda found: f"<{found.group(1)}div>", markup)


def _unescaped(inner: str) -> str:
    """A description's HTML as HTML: unescaped when it was escaped (no tag in it, an escaped one), else as it is."""
    return html.unescape(inner) if "&lt;" in inner and "<" not in inner else inner


def _as_html(root: ET.Element) -> list[str]:
    """The document as HTML for html_to_text: each element a block (a span inside text that runs around it), text
    escaped but where it is HTML, the particulars left out. Walked with a stack, not recursion (deep files)."""
    import xml.etree.ElementTree as ET

    parts: list[str] = []
    stack: list[tuple[ET.Element, bool] | str] = [(root, False)]  # an element (inline or not), or finished HTML
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        element, inline = item
        local = _local(element.tag)
        if local in _PARTICULARS:
            continue
        is_html = local in _HTML_ELEMENTS or (element.get("type") or "").lower() in _HTML_TYPES
        wrapper = "span" if inline else "div"
        children = list(element)
        mixed = bool((element.text or "").strip()) or any((child.tail or "").strip() for child in children)
        parts.append(f"<{wrapper}>" + _html(element.text, is_html))
        stack.append(f"</{wrapper}>")
        for child in reversed(children):
            stack.append(_html(child.tail, is_html))
            if is_html:  # XHTML inside a feed's content: its elements read as HTML, by their own names
                child.tail = None  # (said apart, just above)
                stack.append(ET.tostring(_without_namespaces(child), encoding="unicode", method="html"))
            else:
                stack.append((child, mixed))
    return parts


def _html(text: str | None, is_html: bool) -> str:
    """A text as HTML: as it is where it is HTML already, else escaped."""
    return (text or "") if is_html else html.escape(text or "", quote=False)


def _local(tag: object) -> str:
    """An element's name without its namespace, lower case ('' for a comment or processing instruction)."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _without_namespaces(element: ET.Element) -> ET.Element:
    """The element with every tag in it by its local name (so that HTML reads <div>, not <ns0:div>)."""
    for inner in element.iter():
        if isinstance(inner.tag, str):
            inner.tag = inner.tag.rsplit("}", 1)[-1]
    return element
