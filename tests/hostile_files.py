"""Hypothesis strategies for hostile files: random bytes, random XML trees over a format's own vocabulary
(well-formed or cut short), and random zip archives made of a real package's members, some of them
replaced, damaged or left out. The readers' fuzz tests (test_readers, test_bilingual, test_handover) draw
from them; the only outcomes a reader may have are a result or a GlossaryError.

This module holds strategies and one checker only.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from glossary.errors import GlossaryError

# Few examples, no deadline: the suite stays fast, and one slow example (a cold import) is no failure.
# GLOSSARY_FUZZ_EXAMPLES=5000 in the environment fuzzes for longer.
FUZZ = settings(max_examples=int(os.environ.get("GLOSSARY_FUZZ_EXAMPLES", "40")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text for elements and attributes (what XML forbids is spoiled in afterwards, into some documents only).
_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=6) | st.sampled_from(
    ["", " ", "Alibaba Cloud", "阿里云", "D800", "41", "zh-CN", "en", "2.0", "1.2", "&amp;"])
# Mostly nothing: else cut the document short at a byte, or put something XML forbids there.
_SPOIL = st.none() | st.none() | st.none() | st.tuples(st.integers(0, 600),
                                                       st.sampled_from([b"", b"\x01", b"<", b"&"]))
_HEADS = st.sampled_from(['<?xml version="1.0" encoding="UTF-8"?>'] * 6 + [
    "", '<?xml version="1.0" encoding="GBK"?>', '<?xml version="1.0" encoding="base64"?>', "<!DOCTYPE x>"])


def xml_documents(tags: Sequence[str], attributes: Sequence[str], roots: Sequence[str], declarations: str = "",
                  skeletons: Sequence[str] = ()) -> st.SearchStrategy[bytes]:
    """XML documents over a format's vocabulary: a root from `roots` (with the `declarations`, namespace
    attributes) around random elements from `tags` with attributes from `attributes`; or one of the
    `skeletons`, a real document with "{}" where random elements go (so that the reader reaches its inline
    markup). Some are spoiled (cut short, a control character put in), some declare an encoding the
    parser cannot use."""
    attribute_sets = st.dictionaries(st.sampled_from(attributes), _TEXT, max_size=3)
    leaf = st.tuples(st.sampled_from(tags), attribute_sets, _TEXT, st.just(()), _TEXT)
    tree = st.recursive(leaf, lambda children: st.tuples(
        st.sampled_from(tags), attribute_sets, _TEXT, st.lists(children, max_size=4), _TEXT), max_leaves=25)
    fragments = st.lists(tree, max_size=4).map(lambda nodes: "".join(map(_element, nodes)))
    root = st.tuples(st.sampled_from(roots), attribute_sets, _TEXT, st.lists(tree, max_size=4), st.just(""))
    documents = st.builds(lambda node: _element(node, declarations), root)
    for skeleton in skeletons:
        slots = skeleton.count("{}")
        documents |= st.lists(fragments, min_size=slots, max_size=slots).map(lambda drawn, s=skeleton: s.format(*drawn))
    return st.builds(_document, _HEADS, documents, _SPOIL)


def _document(head: str, body: str, spoil: tuple[int, bytes] | None) -> bytes:
    """One XML document as bytes; spoiled at a byte when asked: cut there (b""), or a byte put in."""
    data = (head + body).encode("utf-8", "surrogatepass")
    if spoil is None:
        return data
    at, bad = spoil
    return data[:at] + bad + (data[at:] if bad else b"")


def _element(node: tuple, declarations: str = "") -> str:
    """One element and its descendants as XML text (written by hand: ElementTree refuses what is drawn)."""
    tag, attributes, text, children, tail = node
    written = "".join(f" {name}={quoteattr(value)}" for name, value in attributes.items())
    inside = escape(text) + "".join(_element(child) for child in children)
    return f"<{tag}{declarations}{written}>{inside}</{tag}>{escape(tail)}"


def zip_archives(members: dict[str, bytes], replacements: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Zip archives of a real package's `members`: some members replaced by drawn content, some left out,
    some stored rather than deflated, flagged encrypted, or the archive cut or scribbled on."""
    names = sorted(members)
    changes = st.dictionaries(st.sampled_from(names), replacements, max_size=2)
    left_out = st.sets(st.sampled_from(names), max_size=2)
    damage = st.none() | st.tuples(st.integers(0, 4000), st.binary(min_size=1, max_size=8))
    return st.builds(_archive, st.just(members), changes, left_out, st.booleans(), st.booleans(), damage)


def _archive(members: dict[str, bytes], changes: dict[str, bytes], left_out: set[str], stored: bool,
             encrypted: bool, damage: tuple[int, bytes] | None) -> bytes:
    """The zip bytes of the package with the drawn changes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name not in left_out:
                archive.writestr(name, changes.get(name, data))
    data = bytearray(buffer.getvalue())
    if encrypted:
        data[6] |= 0x1  # the first member's local header
    if damage is not None:
        at, scribble = damage
        data[at % len(data):at % len(data) + len(scribble)] = scribble
    return bytes(data)


def package_members(build: Callable[[io.BytesIO], None]) -> dict[str, bytes]:
    """The members of a real zip package that `build` writes into a buffer (a workbook, a document)."""
    buffer = io.BytesIO()
    build(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def reads_cleanly(path: Path, data: bytes, read: Callable[[Path], object]) -> None:
    """Write drawn bytes to path and read it: a result or a one-line GlossaryError is fine, any other
    exception fails the test."""
    path.write_bytes(data)
    try:
        read(path)
    except GlossaryError as error:
        assert "\n" not in str(error), str(error)


def _real_workbook(buffer: io.BytesIO) -> None:
    """A small real workbook: a Glossary sheet with a header and two rows, and a Segments sheet."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Glossary"
    for row in (["english", "chinese", "source"], ["Alibaba Cloud", "阿里云", "Alibaba Cloud"], [2026, "2026", None]):
        book.active.append(row)
    book.create_sheet("Segments").append(["source", "target"])
    book.save(buffer)


_SHEET_TAGS = ["sheetData", "row", "c", "v", "is", "t", "f", "x:c", "x:row", "dimension", "mergeCells", "mergeCell"]
_SHEET = ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="urn:x"'
SHEET_XML = xml_documents(_SHEET_TAGS, ["r", "t", "s", "ref", "spans"], ["worksheet"], _SHEET, [
    f'<worksheet{_SHEET}><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>english</t>'
    '</is></c><c r="B1" t="inlineStr"><is><t>chinese</t></is></c></row>{}</sheetData></worksheet>'])


def workbook_archives() -> st.SearchStrategy[bytes]:
    """Workbooks: a real one with members replaced by random sheet XML or bytes, left out or damaged."""
    return zip_archives(package_members(_real_workbook), SHEET_XML | st.binary(max_size=300))
