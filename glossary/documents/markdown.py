"""Markdown documents: the text a reader sees, without the markup (headings, emphasis, links, fences)."""

from __future__ import annotations

import re
from pathlib import Path

from ..files.decode import decode_bytes
from .paths import document_bytes

NAME = "markdown"
SUFFIXES = (".md", ".markdown")

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


def read(path: Path, name: str, encoding: str | None = None) -> str:
    """A Markdown file's text without its markup."""
    return strip_markdown(decode_bytes(document_bytes(path), name, encoding))
