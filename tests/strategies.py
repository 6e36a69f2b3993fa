"""The one hypothesis strategy for a valid glossary, shared by every round-trip and property test."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import strategies as st

from glossary.schema import CATEGORIES, STATUSES, TermEntry, check_entries
from glossary.scripts import HAN_CLASS

# Any text a glossary may hold: no NUL, no lone surrogate, no U+FFFE/U+FFFF (schema.check_text refuses them);
# control characters, emoji, CJK Extension B, quotes, commas, pipes, leading = and ＝ included.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"),
               max_size=30).map(str.strip)
FORMULA_STARTS = st.sampled_from(["", "=", "＝", "+", "-", "@", "'"])


def _without_han(text: str) -> str:
    """English as the schema takes it: no Chinese characters (they belong in chinese or traditional)."""
    return re.sub(f"[{HAN_CLASS}]", "", text).strip()


@st.composite
def glossaries(draw, text=TEXT, max_entries: int = 8) -> list[TermEntry]:
    """Valid glossaries (schema checks pass, no English form owned twice), ids unique and sorted, fields trimmed
    as the store keeps them; `text` draws the free cells (a format that cannot hold some characters passes
    a narrower strategy)."""
    entries = []
    for n in range(draw(st.integers(0, max_entries))):
        status = draw(st.sampled_from(STATUSES))
        english = _without_han(f"term {n} {draw(text)}".strip().replace("|", "/"))
        chinese = (draw(FORMULA_STARTS) + draw(text)).strip() or "词"
        variants = [_without_han(f"variant {n}.{k} {draw(text)}".strip().replace("|", "/"))
                    for k in range(draw(st.integers(0, 2)))]
        chinese_variants = [form for form in dict.fromkeys(draw(text).replace("|", "/") for _ in range(draw(st.integers(0, 2))))
                            if form]
        entries.append(TermEntry(
            id=f"R{n:03d}", english=english, chinese=chinese, traditional=draw(text).replace("|", "/"),
            pinyin=draw(text), category=draw(st.sampled_from(CATEGORIES)), status=status, variants="|".join(variants),
            chinese_variants="|".join(chinese_variants),
            note=draw(text), context=draw(text), source=draw(text),
            updated=draw(st.just("") | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat)),
        ))
    assert not check_entries(entries), check_entries(entries)
    return entries
