"""Bilingual files in: one module per format (tables: CSV/TSV/xlsx; xliff: XLIFF 1.2/2.x; tmx: TMX; aligned:
two text files line by line) behind `read_segments`, as formats/ is for glossary files and documents/
for documents.

Every reader returns `Segment`s in file order, numbered 1, 2, 3 … among the segments read; pairs blank on
both sides are skipped. Where each one is stays apart: `line`, the row or line of a table or text file, or
`unit`, the unit's id in an XML file; and `where`, the file and either ("file:row", "file:unit-id").

A segment module defines:
    NAME: str
    SUFFIXES: tuple[str, ...]
    read(path, sides) -> list[Segment]     # sides: the Sides asked for (column names, languages)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import GlossaryError
from ..files.reading import shown

MODULES = ("tables", "xliff", "tmx")
SOURCE, TARGET = "source", "target"


@dataclass(frozen=True)
class Segment:
    """One source/target pair of a bilingual file, and where it is (for messages)."""

    number: int  # 1, 2, 3 … in the order read (blank pairs are not segments and take no number)
    source: str
    target: str
    where: str  # "file:row" or "file:unit-id"
    line: int | None = None  # the row or line of a table or text file
    unit: str = ""  # the id of the unit (XLIFF unit/segment, TMX tu) in an XML file


@dataclass(frozen=True)
class Sides:
    """Which side is which: the column names a user gave (tables), and the languages of source and target."""

    source_column: str | None = None
    target_column: str | None = None
    source_language: str = "en"
    target_language: str = "zh"

    @property
    def names(self) -> tuple[str | None, str | None]:
        return self.source_column, self.target_column

    @property
    def languages(self) -> tuple[str, str]:
        return self.source_language, self.target_language


def _suffix_modules() -> dict[str, str]:
    """Suffix → segment module, from the modules' own SUFFIXES (the one registry)."""
    return {suffix: name for name in MODULES for suffix in importlib.import_module(f"{__name__}.{name}").SUFFIXES}


def supported() -> str:
    """What read_segments reads, for messages."""
    return "two aligned plain-text files, or one " + ", ".join(_SUFFIX_MODULES) + " file"


def read_segments(paths: Sequence[str | Path], *, source_column: str | None = None,
                  target_column: str | None = None, source_language: str = "en",
                  target_language: str = "zh") -> list[Segment]:
    """The segments of one bilingual file, or of two plain-text files aligned line by line."""
    from .aligned import read_aligned_text

    paths = [Path(path) for path in paths]
    if len(paths) == 2:
        return read_aligned_text(paths[0], paths[1])
    if len(paths) != 1:
        raise GlossaryError(f"expected one bilingual file or two aligned text files, got {len(paths)} paths")
    path = paths[0]
    suffix = path.suffix.lower()
    if suffix not in _SUFFIX_MODULES:
        raise GlossaryError(f"{shown(path)}: cannot read {suffix or 'a file without a suffix'} as a bilingual "
                            f"file (supported: {supported()})")
    module = importlib.import_module(f"{__name__}.{_SUFFIX_MODULES[suffix]}")
    return module.read(path, Sides(source_column, target_column, source_language, target_language))


def numbered(path: Path, pairs: Iterable[tuple[str, str, int | None, str]]) -> list[Segment]:
    """Segments of a file from (source, target, line, unit) in file order: both sides trimmed, pairs blank
    on both sides skipped, the rest numbered 1, 2, 3 …"""
    segments: list[Segment] = []
    for source, target, line, unit in pairs:
        source, target = source.strip(), target.strip()
        if source or target:
            where = f"{path}:{line if line is not None else unit}"
            segments.append(Segment(len(segments) + 1, source, target, where, line, unit))
    return segments


_SUFFIX_MODULES = _suffix_modules()
