"""Termhood: how strongly a candidate looks like a term a translator must render consistently.

Multi-word terms are scored C-value style (a phrase's frequency minus that of longer candidates it is
nested in, weighted by length) and for specificity against general English (wordfreq: rare words make
terms). Names, quoted coinages and glossary terms have their own evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable

from ..english import STOPWORDS, may_be_verb, word_classes, zipf
from .occurrences import ACRONYM, CHINESE_TERM, GENERATION, KNOWN, NAME, PINYIN, QUOTED, TERM

# Above this Zipf frequency a word is everyday English (e.g. 'company' 5.3, 'cloud' 4.5, 'ejection' 2.6).
COMMON_ZIPF = 6.0


def specificity(words: Iterable[str]) -> float:
    """0 (everyday English) … 1 (words general English hardly uses), averaged over content words."""
    values = [_word_specificity(w) for w in words if w not in STOPWORDS]
    return sum(values) / len(values) if values else 0.0


def _word_specificity(word: str) -> float:
    """One word's specificity; a hyphenated compound general English lacks counts by its parts."""
    value = max(0.0, min(1.0, (COMMON_ZIPF - zipf(word)) / COMMON_ZIPF))
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1 and zipf(word) == 0.0:
        return sum(_word_specificity(p) for p in parts) / len(parts)
    return value


def nested_frequencies(frequencies: dict[str, int]) -> dict[str, tuple[int, int]]:
    """For each phrase: (summed frequency, number) of longer candidate phrases that contain it."""
    nested: dict[str, list[int]] = {}
    for phrase, count in frequencies.items():
        words = phrase.split()
        for size in range(1, len(words)):
            for first in range(0, len(words) - size + 1):
                inner = " ".join(words[first:first + size])
                if inner in frequencies:
                    total = nested.setdefault(inner, [0, 0])
                    total[0] += count
                    total[1] += 1
    return {phrase: (total[0], total[1]) for phrase, total in nested.items()}


def c_value(phrase: str, frequency: int, nested: tuple[int, int] | None) -> float:
    """C-value: log2(1 + words) × (frequency − mean frequency of the longer candidates containing it)."""
    length_weight = math.log2(1 + len(phrase.split()))
    if nested and nested[1]:
        return length_weight * max(0.0, frequency - nested[0] / nested[1])
    return length_weight * frequency


_GREEK_OR_MATHS = re.compile("[\u0370-\u03ff\u2200-\u22ff]")


def readable(key: str) -> bool:
    """Whether a key is made of words worth showing: two Latin letters at least, or Chinese; no Greek/maths."""
    if _GREEK_OR_MATHS.search(key):
        return False
    letters = 0
    for ch in key:
        if ch.isalpha():
            letters += 1
            if letters == 2:
                return True
    return False


@dataclass(frozen=True)
class Evidence:
    """What the corpus says about one candidate."""

    kind: str
    key: str
    frequency: int
    documents: int
    c_value: float = 0.0
    words: int = 1
    sentence_initial_share: float = 0.0
    quoted: bool = False
    corpus_words: int = 0

    @property
    def specificity(self) -> float:
        """How unusual the words are in general English (0–1)."""
        return specificity(self.key.split())

    @property
    def weirdness(self) -> float:
        """log10 of (relative frequency here ÷ frequency in general English); > 0 when the corpus overuses it."""
        content = [w for w in self.key.split() if w not in STOPWORDS]
        if not content or not self.corpus_words:
            return 0.0
        general = sum(zipf(w) or 1.0 for w in content) / len(content)
        return math.log10(self.frequency / self.corpus_words) + 9.0 - general


def candidate_score(evidence: Evidence) -> float:
    """A raw score: higher means more term-like. Comparable across kinds, unbounded above."""
    kind, key, frequency = evidence.kind, evidence.key, evidence.frequency
    if kind != KNOWN and not readable(key):
        return 0.0
    spec = evidence.specificity
    spread = 1.0 + 0.25 * math.log2(max(1, evidence.documents))
    quote_bonus = 1.3 if evidence.quoted else 1.0
    if kind == KNOWN:
        return (2.0 + math.log2(1 + frequency)) * (0.6 + spec) * spread
    if kind == QUOTED:
        return (1.5 + math.log2(1 + frequency)) * (0.8 + spec) * spread
    if kind == GENERATION:
        return (2.0 + math.log2(1 + frequency)) * spread
    if kind == NAME and evidence.words == 1 and zipf(key) >= 4.8:
        return 0.0  # a capitalised everyday word (Chinese, Internet, President): not a name to translate
    if kind == NAME and general_english(evidence):
        return 0.0
    if kind in (NAME, PINYIN, ACRONYM):
        shape_bonus = 1.2 if kind == PINYIN or evidence.words > 1 else 1.0
        initial_penalty = 1.0 - 0.6 * evidence.sentence_initial_share
        return (1.0 + math.log2(1 + frequency)) * (0.5 + spec) * shape_bonus * initial_penalty * spread * quote_bonus
    unithood = math.log2(1 + evidence.c_value)
    if kind == CHINESE_TERM:
        return unithood * 0.8 * spread
    # TERM: unithood (C-value) × termhood (rare in general English, and overused in this corpus)
    # overuse needs repetition: in a short text every rare word seen once would look overused
    overuse = (1.0 + max(0.0, evidence.weirdness)) ** 0.5 if frequency >= 2 else 1.0
    single_word = 0.5 if evidence.words == 1 else 1.0  # one ordinary word is less often a term than a phrase
    if general_english(evidence):
        return 0.0
    return unithood * (0.15 + spec) ** 1.5 * 2.0 * spread * quote_bonus * overuse * single_word


# A corpus this large (in words) can show which of its common words are its terms; a news article cannot,
# so in a smaller one a candidate must carry its own evidence (general_english).
DOMAIN_CORPUS_WORDS = 20_000
RARE_ZIPF = 2.5  # rarer than this, a word is jargon on its own (livestreaming 2.1, intranet 2.5, automaker 2.6)
EVERYDAY_NAME_ZIPF = 3.5  # a capitalised word this common, seen once, is a heading or an opener (Critics, Editing)
# Modifiers that grade, count, place or time a thing rather than name a kind of it (tough competition,
# domestic shopping sites, first mobile system-on-chip, two people familiar, costs high).
GENERAL_MODIFIERS = frozenset("""
domestic foreign annual first second third last next previous latest recent actual official popular tough
similar steady small big huge vast major key main core top overall total whole entire certain various
other same different quick gradual rapid slow early late long short short-term long-term young old busy
constant traditional best-known well-known southwestern northwestern southeastern northeastern northern
southern eastern western strong weak good bad great poor-quality high-quality low high daily weekly monthly
yearly two three four five six seven eight nine ten million billion hundred thousand dozen half additional
possible likely important significant average typical usual specific particular outside closer familiar
growing rising alike headline evening morning record fourth fifth sixth seventh eighth ninth tenth straight
consecutive upgraded improved enhanced updated revamped redesigned
""".split())
# Heads too general to make a term of whatever precedes them (shopping event, food-delivery giant).
GENERAL_HEADS = frozenset("""
event giant arm figure show people thing way part side kind type issue matter time day year month week moment
case reason result number amount level
""".split())
_MEASURE = re.compile(r"^\d[\d.,]*-[a-z]+$")  # a number and its unit as one modifier (51-minute, 6.1-inch)
_NOT_A_WORD_ALONE = ("in", "on", "off", "mid", "non", "pre", "post", "self", "all", "out")


def general_english(evidence: Evidence) -> str:
    """Why a candidate of a small corpus is general English and no term, or '' when it may be one: an
    everyday word alone (merchants, logistics, goes), a verb's -ing form alone (outperforming), a phrase
    led or ended by a general modifier (tough competition) or led by a verb (applying similar tactics), two
    everyday words seen once (export rules) that the dictionary does not give as one sense (operating
    system, press release), an everyday capitalised word seen once (Critics). Large corpora are left to
    the scores."""
    if evidence.corpus_words >= DOMAIN_CORPUS_WORDS:
        return ""
    if evidence.kind == NAME and evidence.words == 1 and evidence.frequency == 1:
        common = _zipf(evidence.key)
        return f"a capitalised everyday word (Zipf {common:.1f}) seen once" if common >= EVERYDAY_NAME_ZIPF else ""
    if evidence.kind != TERM:
        return ""
    content = [w for w in evidence.key.split() if w not in STOPWORDS]
    if not content:
        return ""
    if content[0] in GENERAL_MODIFIERS or content[-1] in GENERAL_MODIFIERS:
        return f"'{content[0] if content[0] in GENERAL_MODIFIERS else content[-1]}' grades or counts, it names no kind"
    if _MEASURE.match(content[0]):
        return f"'{content[0]}' measures, it names no kind"  # 51-minute flight, 5-inch screen, 10-year plan
    if len(content) > 1 and content[-1] in GENERAL_HEADS:
        return f"'{content[-1]}' is too general a head to make a term"
    first = content[0]
    if first.endswith("ing") and may_be_verb(first) and (len(content) == 1 or len(content) >= 3):
        return "a verb's -ing form " + ("alone" if len(content) == 1 else "with its object: a verb phrase")
    if len(content) == 1 and "-" in first and (first.split("-")[0] in _NOT_A_WORD_ALONE
                                                or not word_classes(first.split("-")[-1]) & {"NOUN", "PROPN"}):
        return "a hyphenated modifier alone (in-house, mid-thirties, price-conscious)"
    rarest = min(_zipf(w) for w in content)
    if rarest < RARE_ZIPF:  # includes words general English lacks (0): system-on-chip, mini-program
        return ""
    if len(content) == 1:
        return f"an everyday English word alone (Zipf {rarest:.1f}) in a short text"
    if len(content) == 2 and evidence.frequency == 1 and not is_listed_phrase(evidence.key):
        return f"two everyday words seen once (rarest Zipf {rarest:.1f}), not one dictionary sense"
    return ""


def _zipf(word: str) -> float:
    """A key word's general-English frequency; a key's singular may be clipped (goes → goe), so the
    plural spellings count too."""
    return max(zipf(word), zipf(word + "s"), zipf(word + "es"))


def is_listed_phrase(key: str) -> bool:
    """Whether CC-CEDICT gives the phrase as the whole and only sense of an entry (operating system,
    press release; not 年限 'age limit; fixed number of years')."""
    from ..dictionary import gloss_key, gloss_senses

    for _, _, glosses, _ in gloss_senses(key):
        senses = [g for g in glosses.split("/") if g]
        if len(senses) == 1 and ";" not in senses[0] and gloss_key(senses[0]) == key:
            return True
    return False
