"""XLIFF 1.2 (SDLXLIFF too) and 2.x files: each unit's (or segment's) source and target. The language
attributes never swap the sides: the source is the source."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import FormatError
from . import Segment, Sides, numbered
from .markup import inline_text, parse_xml, split_tag

NAME = "xliff"
SUFFIXES = (".xlf", ".xliff", ".sdlxliff")
XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"  # XLIFF 2.1 and 2.2 keep the 2.0 core namespace


def read(path: Path, sides: Sides) -> list[Segment]:
    """The segments of an XLIFF file (its own sides, whatever was asked)."""
    return read_xliff(path)


def read_xliff(path: Path) -> list[Segment]:
    """The units of an XLIFF 1.2 file (SDLXLIFF too) or the segments of an XLIFF 2.x file."""
    root = parse_xml(path)
    namespace, name = split_tag(root.tag)
    if name != "xliff":
        raise FormatError(f"{path}: not an XLIFF file (the root element is <{name}>, not <xliff>)")
    if namespace == XLIFF_2 or (not namespace and root.get("version", "").startswith("2")):
        pairs = _xliff2_pairs(root, namespace)
    elif namespace in (XLIFF_1, ""):
        pairs = _xliff1_pairs(root, namespace)
    else:
        raise FormatError(f"{path}: unknown XLIFF namespace {namespace!r} (expected {XLIFF_1} or {XLIFF_2})")
    return numbered(path, ((source, target, None, unit_id or f"unit {number}")
                            for number, (unit_id, source, target) in enumerate(pairs, start=1)))


def _xliff1_pairs(root, namespace: str) -> Iterator[tuple[str, str, str]]:
    """(id, source, target) for each trans-unit; alt-trans and seg-source are not the unit's text."""
    prefix = f"{{{namespace}}}" if namespace else ""
    for unit in root.iter(prefix + "trans-unit"):
        source = unit.find(prefix + "source")
        target = unit.find(prefix + "target")
        yield unit.get("id", ""), inline_text(source), inline_text(target)


def _xliff2_pairs(root, namespace: str) -> Iterator[tuple[str, str, str]]:
    """(where, source, target) for each segment of each unit; `ignorable` parts are left out."""
    prefix = f"{{{namespace}}}" if namespace else ""
    for unit in root.iter(prefix + "unit"):
        unit_id = unit.get("id", "")
        segments = unit.findall(prefix + "segment")
        for index, segment in enumerate(segments, start=1):
            where = unit_id if len(segments) == 1 else f"{unit_id}/{segment.get('id') or index}"
            yield where, inline_text(segment.find(prefix + "source")), inline_text(segment.find(prefix + "target"))
