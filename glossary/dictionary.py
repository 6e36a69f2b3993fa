"""CC-CEDICT, the bilingual dictionary shipped with the package (CC BY-SA 4.0, see data/CEDICT-LICENSE.txt)."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def _cedict_lines():
    """The dictionary's entry lines ('Traditional Simplified [pin1 yin1] /gloss/'), comments skipped."""
    with resources.files("glossary").joinpath("data").joinpath(CEDICT_FILE).open("rb") as raw:
        with gzip.open(raw, "rt", encoding="utf-8") as text:
            for line in text:
                if not line.startswith("#"):
                    yield line


@functools.lru_cache(maxsize=1)
def headwords() -> frozenset[str]:
    """Every simplified headword in CC-CEDICT (about 119,000 words), for dividing text into words."""
    return frozenset(line.split(" ", 2)[1] for line in _cedict_lines())
