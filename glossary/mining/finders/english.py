"""The English finders of one sentence, in the order their evidence needs: generations, quoted coinages,
acronym definitions, names (whose words n-grams then skip), n-gram terms (not again where quoted).

Web addresses, e-mail addresses and page debris are no candidates of any kind."""

from __future__ import annotations

import re

from ..occurrences import Occurrence
from ..text import DocumentText, Sentence, Token
from .acronyms import acronym_definitions
from .cues import name_cues
from .generations import generations
from .names import is_debris, name_occurrence, name_runs
from .ngrams import term_ngrams
from .quoted import quoted_coinages

# Each alternative starts on a word character not preceded by one it could have started on, and repeats
# possessively: a line of a million full stops is scanned once, not from each of its characters.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S++|(?<![\w.+-])[\w+-][\w.+-]*+@[\w-]++(?:\.[\w-]++)++"
                      r"|(?<![\w.-])[a-z0-9-]++(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w-])(?:/\S*+)?"
                      # a user's handle (@ritaswc, also after Chinese: 用户@ritaswc提供); not an address's @ (a@b.cn)
                      r"|(?<![A-Za-z0-9_.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")


# What any address has: a dot between letters or digits (jd.com, mi.example), or a scheme.
_MAY_BE_ADDRESS = re.compile(r"[\w-]\.[a-z]|://")


def english_candidates(sentence: Sentence, document: DocumentText) -> list[Occurrence]:
    """Every English candidate occurrence of a sentence outside its known terms."""
    text, span, tokens = document.text, sentence.span, sentence.free_tokens
    sentence_text = sentence.text
    covered = [(hit.start, hit.end) for hit in sentence.hits] if sentence.hits else []
    found: list[Occurrence] = []
    if "born" in sentence_text:
        found.extend(generations(text, span, covered))
    quoted: set[tuple[str, int]] = set()
    if '"' in sentence_text or "“" in sentence_text:
        for occurrence in quoted_coinages(text, span, covered, document.read_verbs):
            quoted.add((occurrence.key, occurrence.start))
            found.append(occurrence)
    if "(" in sentence_text:
        found.extend(acronym_definitions(text, span, tokens))
    if document.addresses is None:  # whether any sentence can hold an address: asked of the document once
        document.addresses = _may_hold_addresses(document.text)
    unusable = _address_tokens(sentence) if document.addresses else set()
    headline = sentence.headline
    name_tokens: set[int] = set(unusable)
    known = _known_name_tokens(sentence, headline)
    if known or unusable:
        usable = {id(t) for t in tokens} | known  # not a word only partly inside a known term (Shenzhen-based)
        all_tokens = [t for t in sentence.tokens if id(t) in usable and id(t) not in unusable]
    else:
        all_tokens = tokens  # (most sentences) the tokens outside known terms, all usable
    for run in name_runs(all_tokens, sentence.opener_start, document.mid_sentence_capitals,
                         document.lower_words, known, headline):
        if not run or all(id(t) in known for t in run):
            continue  # a glossary name alone: counted as known
        name_tokens.update(id(t) for t in run)
        if is_debris(run, text, document.mid_sentence_capitals):
            continue
        occurrence = name_occurrence(run, span, text, sentence.opener_start)
        extra = name_cues(run, sentence, text)
        if any(id(t) in known for t in run):
            extra["contains"] = _known_form(sentence, run)
        occurrence.extra = extra or None
        found.append(occurrence)
    if name_tokens:
        tokens = [t for t in tokens if id(t) not in name_tokens]
    if quoted:  # a quoted coinage is counted once, as quoted, not again as an n-gram
        terms: list[Occurrence] = []
        term_ngrams(terms, tokens, span, sentence.opener_start, headline, text if document.read_verbs else "")
        found.extend(o for o in terms if (o.key, o.start) not in quoted)
    else:
        term_ngrams(found, tokens, span, sentence.opener_start, headline, text if document.read_verbs else "")
    return found


def _known_form(sentence: Sentence, run: list[Token]) -> str:
    """The glossary form of the first known name inside a run (Hunyuan in Hunyuan Compass)."""
    return next((hit.form for hit in sentence.hits if run[0].start <= hit.start and hit.end <= run[-1].end), "")


def _known_name_tokens(sentence: Sentence, headline: bool = False) -> frozenset[int]:
    """Ids of the tokens inside glossary names written with a capital (Taobao, Hunyuan), which a longer
    unknown name may contain; a lower-case glossary term is part of a name only where it is written
    capitalised outside a headline (Consumer Business Group, not Home Ecosystem in a title)."""
    if not sentence.hits:
        return frozenset()
    text = sentence.text
    offset = sentence.span[0]
    # a glossary name (Taobao), or a lower-case glossary term written with capitals (Consumer Business Group)
    spans = [(hit.start, hit.end) for hit in sentence.hits
             if hit.form[:1].isupper() or (not headline and text[hit.start - offset].isupper()
                                           and _capitalised(text[hit.start - offset:hit.end - offset]))]
    if not spans:
        return frozenset()
    inside, position = [], 0
    for token in sentence.tokens:  # hits and tokens both in text order: one pass
        while position < len(spans) and spans[position][1] <= token.start:
            position += 1
        if position < len(spans) and spans[position][0] <= token.start and token.end <= spans[position][1]:
            inside.append(id(token))
    return frozenset(inside)


def _capitalised(words: str) -> bool:
    """Every word capitalised (Business Group), as inside a name."""
    return words[:1].isupper() and all(word[:1].isupper() for word in words.split())


def _may_hold_addresses(text: str) -> bool:
    """Whether a text has what any address or slug has (a dot between letters or digits, a scheme, @ or _)."""
    return "_" in text or "@" in text or _MAY_BE_ADDRESS.search(text) is not None


def _address_tokens(sentence: Sentence) -> set[int]:
    """Ids of the tokens inside web and e-mail addresses (harbourwire.example/technology, pr@mi.example), users'
    handles (@ritaswc) and page slugs (tencent_hunyuan_compass_launch)."""
    sentence_text = sentence.text
    slug = "_" in sentence_text
    if not slug and "@" not in sentence_text and not _MAY_BE_ADDRESS.search(sentence_text):
        return set()  # most sentences: no dot inside a word, no @, no underscore
    offset = sentence.span[0]
    spans = [(m.start() + offset, m.end() + offset) for m in _ADDRESS.finditer(sentence_text)]
    if not spans and not slug:
        return set()
    return {id(t) for t in sentence.tokens if (slug and "_" in t.text) or _inside(t, spans)}


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    """True when the token lies in one of the spans."""
    return any(start <= token.start and token.end <= end for start, end in spans)
