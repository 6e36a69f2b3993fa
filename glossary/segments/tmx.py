"""TMX files: each translation unit's variant in the source language and in the target language."""

from __future__ import annotations

from pathlib import Path

from ..errors import FormatError
from ..languages import language_matches
from . import SOURCE, TARGET, Segment, Sides, numbered
from .markup import XML_LANG, inline_text, parse_xml, split_tag

NAME = "tmx"
SUFFIXES = (".tmx",)


def read(path: Path, sides: Sides) -> list[Segment]:
    """The segments of a TMX file in the languages asked for."""
    return read_tmx(path, sides.source_language, sides.target_language)


def read_tmx(path: Path, source_language: str, target_language: str) -> list[Segment]:
    """Each tu's variant in source_language and in target_language (the first of each, any region or
    script: en-US, zh-CN, zh-Hant…); tus lacking either are skipped."""
    root = parse_xml(path)
    if split_tag(root.tag)[1] != "tmx":
        raise FormatError(f"{path}: not a TMX file (the root element is <{split_tag(root.tag)[1]}>, not <tmx>)")
    pairs: list[tuple[str, str, None, str]] = []
    languages_seen: set[str] = set()
    units = 0
    for number, unit in enumerate((element for element in root.iter() if split_tag(element.tag)[1] == "tu"),
                                  start=1):
        units = number
        texts: dict[str, str] = {}
        for variant in unit:
            if split_tag(variant.tag)[1] != "tuv":
                continue
            language = variant.get(XML_LANG) or variant.get("lang") or ""  # TMX 1.1 used a plain lang
            languages_seen.add(language)
            seg = next((child for child in variant if split_tag(child.tag)[1] == "seg"), None)
            for role, wanted in ((SOURCE, source_language), (TARGET, target_language)):
                if role not in texts and language_matches(language, wanted):
                    texts[role] = inline_text(seg)
        if SOURCE in texts and TARGET in texts:
            pairs.append((texts[SOURCE], texts[TARGET], None, unit.get("tuid") or f"tu {number}"))
    missing = [wanted for wanted in (source_language, target_language)
               if not any(language_matches(tag, wanted) for tag in languages_seen)]
    if units and missing:
        raise FormatError(f"{path}: no translation unit has both {source_language} and {target_language} "
                          f"(languages in the file: {', '.join(sorted(languages_seen)) or 'none'})")
    return numbered(path, pairs)
