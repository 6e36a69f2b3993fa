"""Generational jargon: 'born after 1985 and the 1990s' → post-85s, post-90s (85后, 90后)."""

from __future__ import annotations

import re
from typing import Iterator

from ..occurrences import GENERATION, Occurrence, overlaps

_GENERATION = re.compile(
    r"\bborn (?:after|since|in) (?:the )?((?:19|20)\d\d)s?((?:,? (?:and|or) (?:in )?(?:the )?(?:19|20)\d\ds?)*)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)(\d\d)")


def generations(text: str, span: tuple[int, int], covered: list[tuple[int, int]]) -> Iterator[Occurrence]:
    """Each year of a 'born after …' phrase not already inside a known term, as its post-NNs generation."""
    start, end = span
    for match in _GENERATION.finditer(text, start, end):
        for year in _YEAR.finditer(text, match.start(), match.end()):
            if overlaps(year.start(), year.end(), covered):
                continue
            canonical = f"post-{year.group(1)}s"
            yield Occurrence(GENERATION, canonical, canonical, year.start(), span, link=canonical,
                             extra={"chinese": f"{year.group(1)}后"})
