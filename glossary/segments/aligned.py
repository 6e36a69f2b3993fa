"""Two plain-text files that translate each other line by line, each in its own encoding."""

from __future__ import annotations

from pathlib import Path

from ..documents.paths import document_bytes
from ..errors import GlossaryError
from ..files.decode import decode_bytes
from . import Segment, numbered


def read_aligned_text(source_path: Path, target_path: Path) -> list[Segment]:
    """Line n of the source file paired with line n of the target file, each file in its own encoding."""
    source_lines = _text_lines(source_path)
    target_lines = _text_lines(target_path)
    if len(source_lines) != len(target_lines):
        raise GlossaryError(
            f"{source_path} has {len(source_lines)} lines but {target_path} has {len(target_lines)}; "
            "aligned files need one line per segment on each side")
    lines = enumerate(zip(source_lines, target_lines), start=1)
    return numbered(source_path, ((source, target, line, "") for line, (source, target) in lines))


def _text_lines(path: Path) -> list[str]:
    """A text file's lines (a final line break ends the last line; it does not start another)."""
    text = decode_bytes(document_bytes(path), str(path))
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
