"""Names: runs of capitalised, all-capital and mixed-case words (DingTalk, MIIT, Ministry of Industry and
Information Technology), company suffixes kept, possessives folded; pinyin names marked as such.

Boundaries: a middle initial stays inside a person's name (Grace Y. Zhou); a version number inside a
product's (Pura 80 Ultra, HarmonyOS 6); a known glossary name inside a longer unknown one (Hunyuan
Compass) makes the longer one a candidate of its own, linked to the known part; 'of', 'in' and 'and'
do not glue a name to a known name after it unless the first is an institution that needs them
(Pearl Delta Securities | in | Hong Kong, but Bank of China). Page debris is no name: tickers (0700.HK),
currency glued to numbers (RMB100), navigation words glued together (HomeNewsMarkets), slugs, URLs.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...chinese import pinyin_syllable_split
from ...english import STOPWORDS, zipf
from ..occurrences import ACRONYM, NAME, PINYIN, Occurrence, term_key
from ..text import NAME_CONNECTORS, Token, is_headline  # noqa: F401 (is_headline: the finders' import)

# Words that look like names but are titles or calendar words: they end a name (CEO Eddie Wu → Eddie Wu).
NOT_NAMES = frozenset("""
ceo cfo cto coo cmo cio cso evp svp vp gm md mr mrs ms dr prof sir madam chairman chairwoman chair president
vice chief executive officer founder cofounder co-founder director minister premier secretary governor mayor
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec i am pm a.m p.m
""".split())
# Stop words that open a name when written capitalised inside a sentence (New Zealand, New York, New Delhi).
NAME_OPENING_STOPWORDS = frozenset({"new"})
OPENER_NAME_ZIPF = 4.5  # a sentence opener this common (Media 4.9, Outside 5.0) starts no name; Pearl 3.9 may
ABBREVIATED_SUFFIXES = frozenset({"ltd", "inc", "co", "corp", "plc", "bhd", "llc"})
# Last words of names that take a complement with 'of', 'for', 'in' or 'on' (Bank of China, Forum on
# China-Africa Cooperation, Court of Final Appeal): only after them may a connector lead to a known name.
INSTITUTION_HEADS = frozenset("""
ministry bank university college school academy institute administration commission bureau department office
council committee association federation chamber league union court forum conference congress summit festival
expo fair museum society foundation fund centre center board republic province state city people's law act
programme program alliance day
""".split())
# A version or model number inside a product name (Pura 80 Ultra, Seed 1.6); years (4 digits) are not.
_VERSION = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_TICKER = re.compile(r"(?:\d{3,6}|[A-Z]{1,5})\.[A-Z]{1,2}")
_CURRENCY_AMOUNT = re.compile(r"(?:RMB|CNY|HKD|USD|EUR|GBP|JPY|HK|US|NT|S)\$?\d[\d.,]*[A-Za-z]{0,2}")
_PRICE_AFTER = re.compile(r"\s+[-+]?\d+\.\d+|\s*[▲▼]")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")


def is_name_token(token: Token, first: bool, mid_capitals: set[str], lower_words: set[str]) -> bool:
    """Capitalised words are names, except titles and calendar words and common words opening a sentence."""
    if token.shape not in ("title", "upper", "mixed") or token.lower in NOT_NAMES:
        return False
    if token.shape == "upper" and len(token.text) >= 4 and token.lower not in mid_capitals and zipf(token.lower) >= 4.0:
        return False  # a common word in capitals (SOURCE, UPDATE) is a label, not an acronym
    if not first or token.shape != "title":
        return True
    word = token.lower
    if word in mid_capitals:
        return True
    if word in STOPWORDS or word in lower_words:
        return False
    if "-" in word and all(zipf(part) >= 3.0 for part in word.split("-") if part):
        return False  # everyday words joined by a hyphen (Food-delivery platforms …)
    return zipf(word) < 3.0 or (pinyin_syllable_split(word) is not None and zipf(word) < 4.5)


# Last words of an institution a person is 'of' (Maciej Boni of Penn State University: two names).
AFFILIATION_HEADS = frozenset("""
university college school academy institute bank group company corporation hospital foundation laboratory
centre center council commission ministry
""".split())


def name_runs(tokens: list[Token], opener_start: int, mid_capitals: set[str],
              lower_words: set[str], known: frozenset[int] = frozenset(), headline: bool = False) -> Iterator[list[Token]]:
    """Maximal runs of name words (see _joined_runs), a person and the institution they are 'of' apart."""
    for run in _joined_runs(tokens, opener_start, mid_capitals, lower_words, known, headline):
        yield from _affiliation_split(run)


def _affiliation_split(run: list[Token]) -> list[list[Token]]:
    """A run 'Given Family of … University' as the person and the institution (not Bank of China, whose first
    part is an institution, nor Church of England, whose second is none)."""
    of = next((i for i, token in enumerate(run) if token.lower == "of"), None)
    if of is None or not 1 <= of <= 3 or run[-1].lower not in AFFILIATION_HEADS or of + 1 == len(run):
        return [run]
    person = run[:of]
    if any(token.shape != "title" or token.lower in INSTITUTION_HEADS or token.lower in AFFILIATION_HEADS
           for token in person):
        return [run]
    if len(person) == 1 and zipf(person[0].lower) >= 3.0:
        return [run]  # one word names a person only when it is no everyday word (Schaffner, not Friends)
    return [person, run[of + 1:]]


def _joined_runs(tokens: list[Token], opener_start: int, mid_capitals: set[str],
                 lower_words: set[str], known: frozenset[int] = frozenset(),
                 headline: bool = False) -> Iterator[list[Token]]:
    """Maximal runs of name words, joined by connectors (Ministry of Industry and Information Technology).
    `known` holds the ids of tokens inside capitalised glossary names: they are name words too, so that a
    longer name around one is seen whole. In a `headline` (a title-case line, a byline) every word is
    judged as a sentence's first word is: capitals there say nothing, so only words the document writes
    capitalised elsewhere, or that are not common English, are names (By Wen Jiali and Peter Marsh)."""
    run: list[Token] = []
    pending: list[Token] = []  # connectors waiting for a following name word
    for position, token in enumerate(tokens):
        if not run and (token.shape == "lower" or token.shape == "digit"):
            continue  # most words: nothing to start or extend
        first = headline or token.start == opener_start
        if first and not headline and _opens_a_name(token, tokens, position, lower_words, known):
            first = False  # Pearl Delta Securities said …: an opener that a name word follows is part of it
        # a middle initial follows a given name (Grace Y. Zhou), not an arena letter or a list label (at X. Halt)
        initial_ok = not pending and len(run) >= 2 and run[-2].shape == "title" and len(run[-2].text) > 1
        adjacent = bool(run) and _adjacent((pending or run)[-1], token, initial_ok)
        if token.shape == "digit":
            if adjacent and not pending and _VERSION.fullmatch(token.text):
                if _takes_version(run, token, known):
                    run.append(token)  # HarmonyOS 6, Seed 1.6, Xiaomi Smart Band 10
                else:
                    pending = [token]  # taken only if a name word follows: Pura 80 Ultra
                continue
            if run:
                yield _without_trailing_digits(run)
            run, pending = [], []
            continue
        if not run and token.shape == "title" and token.lower in STOPWORDS and (
                first or token.lower not in NAME_OPENING_STOPWORDS):
            continue  # a capitalised 'The' or 'Our' opens no name (Our Standards: The Harbour Wire …)
        if id(token) in known or is_name_token(token, first, mid_capitals, lower_words):
            if run and adjacent and pending and id(token) in known and (
                    run[-1].lower not in INSTITUTION_HEADS or pending[-1].lower == "in"):
                yield _without_trailing_digits(run)  # Pearl Delta Securities | in | Hong Kong: two names
                run = [token]
            elif run and adjacent:
                run.extend(pending)
                run.append(token)
            else:
                if run:
                    yield run
                run = [token]
            pending = []
            if token.possessive:
                yield run
                run = []
        elif run and adjacent and _may_connect(token, run, pending):
            pending.append(token)
        else:
            if run:
                yield _without_trailing_digits(run)
            run, pending = [], []
    if run:
        yield _without_trailing_digits(run)


def _opens_a_name(token: Token, tokens: list[Token], position: int, lower_words: set[str],
                  known: frozenset[int]) -> bool:
    """Whether a capitalised sentence opener is the first word of a longer name: a name word that is no
    glossary name follows it directly, and it is not everyday English and the document never writes it in
    lower case (Pearl Delta Securities said …, but not Shares of …, Media Contact, Outside China …), or
    CC-CEDICT gives the two words as one proper noun (North Korea claimed …)."""
    if token.shape != "title" or token.lower in NOT_NAMES or id(token) in known:
        return False
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if not (following is not None and _adjacent(token, following) and following.shape in ("title", "upper", "mixed")
            and following.lower not in NOT_NAMES and following.lower not in STOPWORDS and id(following) not in known):
        return False
    if (token.lower not in STOPWORDS or token.lower in NAME_OPENING_STOPWORDS) and _listed_proper_noun(
            f"{token.lower} {following.lower}"):
        return True  # North Korea claimed …, New Zealand said …: the two words name one place
    return not (token.lower in STOPWORDS or token.lower in lower_words or zipf(token.lower) >= OPENER_NAME_ZIPF)


def _listed_proper_noun(phrase: str) -> bool:
    """Whether CC-CEDICT renders the English phrase as a proper noun (north korea: 朝鲜, read Chao2 xian3)."""
    from ...dictionary import gloss_senses, proper_noun_renderings

    return bool(proper_noun_renderings(gloss_senses(phrase)))


def _takes_version(run: list[Token], number: Token, known: frozenset[int]) -> bool:
    """Whether a number after a name is a version or model number (HarmonyOS 6, Seed 1.6, Pura 80 Ultra,
    Xiaomi Smart Band 10) rather than a count, a clause or a figure number after an ordinary name (Article 5,
    Figure 2.1): the name holds a mixed-case or all-capital word or a known name. Any other number joins
    only when a name word follows it (Pura 80 Ultra)."""
    return any(t.shape in ("mixed", "upper") or id(t) in known for t in run)


def _without_trailing_digits(run: list[Token]) -> list[Token]:
    """A run as it is; a number alone is no name (its words were digits only)."""
    return run if any(t.shape != "digit" for t in run) else []


def _may_connect(token: Token, run: list[Token], pending: list[Token]) -> bool:
    """Connectors inside a name; 'and' only after 'of'/'for' (Ministry of Industry and Information Technology),
    so that two names in a row (the United States and Europe) stay apart."""
    if token.lower not in NAME_CONNECTORS or token.possessive or len(pending) >= 2:
        return False
    if pending and pending[0].shape == "digit":
        return False  # a number waiting for a name word (Pura 80 Ultra) takes no connector
    if token.lower in ("and", "&"):  # a second 'and' starts the next name (… of Communication and Technology
        # and Ministry of Health)
        return any(t.lower in ("of", "for") for t in run) and not any(t.lower in ("and", "&") for t in run)
    if token.lower in ("in", "on"):  # Xiaomi Smart Factory | in | Changping, but Forum on China-Africa …
        return run[-1].lower in INSTITUTION_HEADS
    return True


def _adjacent(left: Token, right: Token, initial_ok: bool = False) -> bool:
    """True when right follows left directly, only spaces between (no comma, bracket, full stop or
    known term between them); a middle initial's full stop does not part them (Grace Y. Zhou)."""
    if right.index != left.index + 1:
        return False
    return right.joined or (initial_ok and len(left.text) == 1 and left.text.isupper() and right.start - left.end == 2)


def is_debris(run: list[Token], text: str, mid_capitals: set[str]) -> bool:
    """Page furniture that looks like a name: tickers (0700.HK, BABA 131.40), currency glued to a number
    (RMB76.8), slugs with underscores, navigation words glued together (HomeTechnologyMarkets), a bare
    company suffix (Inc.)."""
    if all(t.lower in ABBREVIATED_SUFFIXES or t.shape == "digit" for t in run):
        return True
    for token in run:
        word = token.text
        if "_" in word or _TICKER.fullmatch(word) or _CURRENCY_AMOUNT.fullmatch(word):
            return True
        if token.shape == "upper" and _PRICE_AFTER.match(text, token.end):
            return True
        if token.shape == "mixed" and _glued_words(word, mid_capitals):
            return True
    return False


def _glued_words(word: str, mid_capitals: set[str]) -> bool:
    """Common words run together by a page's markup (HomeNewsMarkets): three or more capitalised parts of
    everyday English, or two that the document also writes apart."""
    parts = _CAMEL_PART.findall(word)
    if len(parts) < 2 or "".join(parts) != word or any(zipf(p) < 3.5 for p in parts):
        return False
    return len(parts) >= 3 or all(p.lower() in mid_capitals for p in parts)


def name_occurrence(run: list[Token], span: tuple[int, int], text: str, opener_start: int) -> Occurrence:
    """An occurrence for a run of name words (a pinyin name when every word is pinyin)."""
    words = [t.text + "." if len(t.text) == 1 and t.text.isupper() and text[t.end:t.end + 1] == "." else t.text
             for t in run]
    display = " ".join(words)
    last = run[-1]
    if last.lower in ABBREVIATED_SUFFIXES and text[last.end:last.end + 1] == ".":
        display += "."
    is_pinyin = all(t.shape == "title" and len(t.text) > 1 and zipf(t.text) < 4.0
                    and pinyin_syllable_split(t.text) is not None for t in run)
    kind = PINYIN if is_pinyin else (ACRONYM if len(run) == 1 and run[0].shape == "upper" else NAME)
    return Occurrence(kind, term_key(display.rstrip(".").split()), display, run[0].start, span, words=len(run),
                      sentence_initial=run[0].start == opener_start)
