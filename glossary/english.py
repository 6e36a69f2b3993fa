"""English word forms: plural folding, stop words and general-English word frequency (wordfreq)."""

from __future__ import annotations

import functools

from .lexicons import Lexicon, package_version

# Function words: never at the edge of a term, and breaking runs of content words.
STOPWORDS = frozenset("""
a about above across after again against all almost along already also although always am among an and another
any anyone anything are around as at away back be became because become becomes been before being below between
both but by can cannot could did do does doing done down during each either else enough even ever every few for
from further had has have having he her here hers herself him himself his how however i if in into is it its
itself just least less like many may me might more most much must my myself neither no nor not now of off often on
once one only onto or other others otherwise our ours ourselves out over own per perhaps quite rather same shall
she should since so some something such than that the their theirs them themselves then there these they this
those though through thus to too toward towards under until up upon us very via was we were what whatever when
whenever where whereas whether which while who whom whose why will with within without would yet you your yours
yourself yourselves said says say saying told tells asked according also including included includes new
hundreds thousands millions billions dozens tens several various numerous lot lots kind sort
despite amid amidst amongst versus atop whilst
""".split())


@functools.lru_cache(maxsize=100_000)
def singular(key: str) -> str:
    """The key with its last word made singular ('business groups' → 'business group', 'companies' → 'company')."""
    head, _, last = key.rpartition(" ")
    if len(last) <= 3 or not last.isalpha():
        return key
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes", "zzes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is", "os")):
        last = last[:-1]
    return f"{head} {last}" if head else last


@functools.lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    """wordfreq's English word frequencies (about 320,000 words)."""
    import wordfreq

    return wordfreq.get_frequency_dict("en")


def zipf(word: str) -> float:
    """How common a word is in general English on the Zipf scale (7 'the' … 1 rare, 0 unseen)."""
    hundredths = _ZIPF.get(word.lower())
    return hundredths / 100 if hundredths else 0.0


def _zipf_hundredths() -> dict[str, int]:
    """Every English word's Zipf value in hundredths (what zipf() gives, times 100)."""
    import math

    return {word: round(round(math.log10(frequency) + 9, 2) * 100)
            for word, frequency in _english_frequencies().items() if frequency > 0}


def _word_classes_source() -> dict[str, str]:
    """Every word lemminflect's lexicon knows, with its parts of speech ('NOUN VERB'): the keys getAllLemmas gives
    (its lemma table's and its overrides', read without getAllLemmas' copy of each)."""
    from lemminflect import getAllLemmas  # noqa: F401  (sets lemminflect up)
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    lemmas, overrides = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    return {word: " ".join(sorted(set(lemmas.get(word, ())) | set(overrides.get(word, ()))))
            for word in set(lemmas) | set(overrides) if word == word.lower()}


@functools.lru_cache(maxsize=200_000)
def word_classes(word: str) -> frozenset[str]:
    """The parts of speech a word can have (lemminflect's lexicon: NOUN, VERB, ADJ, ADV…); empty if unknown."""
    classes = _CLASSES.get(word.lower())
    return frozenset(classes.split()) if classes else frozenset()


def _lemma_forms_source() -> dict[str, int]:
    """What lemminflect's lemmas say of each lower-case word it knows as a verb or as an adjective ending in -er or
    -est: its verb form (1 'base', 2 's', 3 'other', as verb_form) plus 4 when it is a comparison (is_comparison);
    words of neither kind left out. The same lemmas getAllLemmas and getLemma read, overrides applied."""
    from lemminflect import getAllLemmas  # noqa: F401  (sets lemminflect up)
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()
    lemmas, overrides = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    codes: dict[str, int] = {}
    for word in set(lemmas) | set(overrides):
        if word != word.lower():
            continue
        merged = dict(lemmas.get(word, {}))
        merged.update(overrides.get(word, {}))
        verbs = [lemma.lower() for lemma in merged.get("VERB", ())]
        code = (1 if word in verbs else 2 if word.endswith("s") else 3) if verbs else 0
        adjectives = [lemma.lower() for lemma in merged.get("ADJ", ())]
        if word.endswith(("er", "est")) and adjectives and adjectives[0] != word:
            code |= 4
        if code:
            codes[word] = code
    return codes


# Read word by word from prepared files in the cache folder, the sources loaded only for long runs (lexicons.py).
_ZIPF = Lexicon("english-zipf", lambda: f"wordfreq {package_version('wordfreq')}", _zipf_hundredths, int,
                weight=1.2)
_CLASSES = Lexicon("english-classes", lambda: f"lemminflect {package_version('lemminflect')}", _word_classes_source,
                   weight=0.7)
_LEMMA_FORMS = Lexicon("english-lemma-forms", lambda: f"lemminflect {package_version('lemminflect')}",
                       _lemma_forms_source, int, weight=0.7)
_VERB_FORMS = ("", "base", "s", "other")


def load_lexicons() -> None:
    """Load the English lexicons whole now, for a long input that would come to it after reading thousands of
    words one by one (the same values either way)."""
    for lexicon in (_ZIPF, _CLASSES, _LEMMA_FORMS):
        lexicon.full()


@functools.lru_cache(maxsize=200_000)
def may_be_verb(word: str) -> bool:
    """Whether the lexicon lets a word be a verb (face, calls, urged): then only its context can tell."""
    return "VERB" in word_classes(word)


@functools.lru_cache(maxsize=100_000)
def verb_form(word: str) -> str:
    """'base' (face, raise), 's' (calls, goes), 'other' (tightened, rising) for a word the lexicon lets be
    a verb; '' otherwise (lemminflect's verb lemmas, read from a prepared lexicon)."""
    return _VERB_FORMS[(_LEMMA_FORMS.get(word.lower()) or 0) & 3]


@functools.lru_cache(maxsize=200_000)
def can_end_term(word: str, alone: bool = False) -> bool:
    """A term ends in a noun (or a word the lexicon does not know: names, acronyms, jargon); a one-word
    term may also be an adjective (myocardial, renal)."""
    classes = word_classes(word)
    if alone and "ADJ" in classes and not is_comparison(word):
        return True
    if "VERB" in classes and word.lower().endswith("ing") and verb_form(word) == "other":
        return True  # a gerund names an activity: cloud computing, livestream selling
    return not classes or "NOUN" in classes or "PROPN" in classes


@functools.lru_cache(maxsize=100_000)
def is_comparison(word: str) -> bool:
    """Comparatives and superlatives (bigger, largest, cheaper) grade things; they do not name them."""
    lower = word.lower()
    if not lower.endswith(("er", "est")) or "ADJ" not in word_classes(lower):
        return False
    return bool((_LEMMA_FORMS.get(lower) or 0) & 4)  # its adjective lemma is another word (big for bigger)


@functools.lru_cache(maxsize=200_000)
def can_be_inside_term(word: str, position: int) -> bool:
    """Premodifiers are nouns or adjectives; a participle may open a term (reduced ejection fraction)."""
    if is_comparison(word) or (word.endswith("ly") and "ADV" in word_classes(word)):
        return False
    classes = word_classes(word)
    if not classes or classes & {"NOUN", "ADJ", "PROPN"}:
        return True
    participle = word.lower().endswith(("ed", "ing", "en"))
    return position == 0 and "VERB" in classes and participle
