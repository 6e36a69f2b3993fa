"""Bilingual mining: the English side of translation pairs mined as any document is, and each row's Chinese
taken from the translations (the rendering aligned most often), with every rendering seen and how sure.

Pairs come from two documents that translate each other (`parallel_pairs`: line by line when both have as
many non-empty lines, else sentences aligned by alignment.sentences) or from one bilingual file
(`file_pairs`: TMX, XLIFF, two-column CSV/TSV/xlsx through the segment readers `check` uses). Known glossary
terms are checked against the translations the same way: the consistency report.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..cache import fewer_collections
from ..errors import GlossaryError
from ..schema import CHINESE, CONFIDENCE, PINYIN, STATUS, SUGGESTION, TermEntry
from ..scripts import has_han
from ..dictionary import gloss_senses, proper_noun_renderings
from ..english import STOPWORDS, word_classes, zipf
from .occurrences import ACRONYM, CHINESE_KINDS, KNOWN, NAME, PINYIN as PINYIN_KIND, TERM
from .tally import Tally

ALIGNMENTS = "alignments"
ALIGNMENT_CONFIDENCE = "alignment_confidence"
CONSISTENCY = "consistency"
BILINGUAL_COLUMNS = (ALIGNMENTS, ALIGNMENT_CONFIDENCE, CONSISTENCY)
MAX_OCCURRENCES = 30  # occurrences of one row that are aligned (the first ones, in file order)
MIN_CONFIDENCE = 0.25  # below this the aligned rendering is listed but does not fill the Chinese column
RESCUE_CONFIDENCE = 0.6  # how surely the translations must render a candidate the miner alone drops
EVERYDAY_ZIPF = 5.0  # a dropped term with a word this common (extent, case) stays dropped
COMPOUND_CONFIDENCE = 0.9  # how surely the translations must render a compound of everyday words
EVERYDAY_WORD_ZIPF = 4.5  # a dropped one-word term this common (demand, spring, workers) stays dropped
MIN_SUPPORT = 0.2  # a pair whose Chinese side writes fewer of its English anchor words is no translation
MOST_SKIPPED = 0.5  # above this share of skipped pairs the input is not a translation: a monolingual table
SUPPORT_SAMPLE = 1000  # pairs looked at to decide whether two line-aligned files translate each other
# A translation memory mixes documents: a bare surname ('Wu said') counts for a full name ('Eddie Wu') only in
# the same run of this many segments (as the file has them), not anywhere in the memory.
NEARBY_SEGMENTS = 40
# Suffixes of bilingual files (read through glossary.segments), and language codes as file extensions.
BILINGUAL_SUFFIXES = (".tmx", ".xlf", ".xliff", ".sdlxliff", ".csv", ".tsv", ".tab", ".xlsx")
_LANGUAGE_SUFFIX = re.compile(r"^\.(en|eng|zh|zho|chi|cmn)(?:[-_][a-z0-9]+)*$", re.IGNORECASE)


@dataclass(frozen=True)
class TranslationPair:
    """An English segment, its Chinese translation, and where it is (file:line or file:unit)."""

    english: str
    chinese: str
    where: str

    def __post_init__(self) -> None:
        # sentences a tool glued together ('worldwide.The United Kingdom') are read as two
        object.__setattr__(self, "english", _GLUED_SENTENCES.sub(". ", self.english))


_GLUED_SENTENCES = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z])")


@dataclass
class PairSet:
    """The pairs of one input, named as the input, and how many pairs were skipped as no translation."""

    name: str
    pairs: list[TranslationPair]
    skipped: int = 0
    total: int = 0
    notes: list[str] = field(default_factory=list)
    source: str = "en"  # the language the pairs were translated from ('zh': its Chinese side is mined too)
    window: int | None = None  # a bare surname counts for a full name this many pairs around (None: anywhere)


def language_of_suffix(path: str | os.PathLike) -> str | None:
    """'en' or 'zh' for a file named by its language (news.en, news.zh_Hans, news.zh-CN), else None."""
    match = _LANGUAGE_SUFFIX.match(Path(path).suffix)
    if not match:
        return None
    return "en" if match.group(1).lower() in ("en", "eng") else "zh"


def parallel_hint(paths: Sequence[str]) -> str | None:
    """A message saying how to pair two files named by language given without --parallel, else None."""
    if len(paths) != 2:
        return None
    languages = [language_of_suffix(path) for path in paths]
    if sorted(filter(None, languages)) != ["en", "zh"]:
        return None
    english, chinese = paths if languages[0] == "en" else paths[::-1]
    return (f"{english} and {chinese} look like a translation pair: mine them together with "
            f"`glossary mine {english} --parallel {chinese}` (or mine each alone in two runs)")


def is_bilingual_file(path: str | os.PathLike) -> bool:
    """Whether `mine` reads this file as translation pairs (TMX, XLIFF, CSV/TSV/xlsx)."""
    return Path(path).suffix.lower() in BILINGUAL_SUFFIXES and Path(path).is_file()


def file_pairs(path: str | os.PathLike) -> PairSet:
    """The pairs of one bilingual file (TMX, XLIFF 1.2/2.x, two-column CSV/TSV/xlsx), English side first
    whichever side the file puts first."""
    from ..segments import read_segments

    path = Path(path)
    segments = read_segments([path])
    sides = [(segment.source, segment.target, segment.where) for segment in segments]
    source = "en"
    if sum(_han_share(s) for s, _, _ in sides) > sum(_han_share(t) for _, t, _ in sides):
        sides = [(target, source, where) for source, target, where in sides]  # a Chinese → English file
        source = "zh"
    pairs = [TranslationPair(english, chinese, where) for english, chinese, where in sides if english and chinese]
    if segments and not pairs:
        raise GlossaryError(f"{path}: no segment has both a source and a target")
    if pairs and not any(has_han(pair.chinese) for pair in pairs):
        raise GlossaryError(f"{path}: neither side of its {len(pairs)} segments is Chinese")
    return PairSet(str(path), pairs, total=len(pairs), source=source, window=NEARBY_SEGMENTS)


def _han_share(text: str) -> float:
    """The share of a text's letters that are Han characters."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if has_han(ch)) / len(letters) if letters else 0.0


def parallel_pairs(source: str | os.PathLike, target: str | os.PathLike, encoding: str | None = None) -> PairSet:
    """The pairs of two documents that translate each other (any format `mine` reads; either may be the
    Chinese one): line by line when both have as many non-empty lines, else aligned sentence by sentence,
    beads that are no translation skipped and counted."""
    from ..alignment.sentences import MIN_BEAD_SCORE, align_sentences
    from ..alignment.tokens import sentences
    from ..documents import read_document
    from ..documents.paths import document_file

    documents = [read_document(document_file(Path(path)), encoding) for path in (source, target)]
    language = "en"
    if _han_share(documents[0].text) > _han_share(documents[1].text):
        documents.reverse()
        language = "zh"
    english, chinese = documents
    if not has_han(chinese.text):
        raise GlossaryError(f"{chinese.name}: no Chinese in either document ({english.name}, {chinese.name})")
    en_lines = [(number, line.strip()) for number, line in enumerate(english.text.split("\n"), 1) if line.strip()]
    zh_lines = [line.strip() for line in chinese.text.split("\n") if line.strip()]
    name = english.name
    if len(en_lines) == len(zh_lines):
        pairs = [TranslationPair(text, zh, f"{name}:{number}") for (number, text), zh in zip(en_lines, zh_lines)]
        return PairSet(name, pairs, total=len(pairs), source=language)
    en_sentences = [(number, s) for number, line in en_lines for s in sentences(line)]
    zh_sentences = [s for line in zh_lines for s in sentences(line)]
    pairs: list[TranslationPair] = []
    skipped = 0
    beads = align_sentences([s for _, s in en_sentences], zh_sentences)
    for bead in beads:
        if bead.en_start == bead.en_end or bead.zh_start == bead.zh_end or bead.score < MIN_BEAD_SCORE:
            skipped += 1
            continue
        text = " ".join(s for _, s in en_sentences[bead.en_start:bead.en_end])
        zh = "".join(zh_sentences[bead.zh_start:bead.zh_end])
        pairs.append(TranslationPair(text, zh, f"{name}:{en_sentences[bead.en_start][0]}"))
    pair_set = PairSet(name, pairs, skipped=skipped, total=len(beads), source=language)
    pair_set.notes.append(f"{name} and {chinese.name} are not aligned line by line ({len(en_lines)} and "
                          f"{len(zh_lines)} lines): {len(beads)} sentence pairs aligned by length and dictionary "
                          f"anchors, {skipped} with a low score skipped")
    return pair_set


class BilingualMiner:
    """Aligns the rows of a Miner with the translations of the pairs it read, filling each row's Chinese."""

    def __init__(self, pair_sets: Sequence[PairSet], entries: list[TermEntry]) -> None:
        from ..alignment.lexicon import learn
        from ..alignment.renderings import Aligner, make_pair
        from ..matching import KnownTerms

        self.entries = entries
        self.pairs = [pair for pair_set in pair_sets for pair in pair_set.pairs]
        self.aligned = [make_pair(pair.english, pair.chinese) for pair in self.pairs]
        lexicon = learn((pair.english_words, pair.chinese_words) for pair in self.aligned)
        self.aligner = Aligner(self.aligned, lexicon, KnownTerms(entries) if entries else None)
        self._words: dict[str, list[int]] | None = None
        self._characters: dict[str, list[int]] | None = None
        self._renderings: dict[str, list] = {}
        self._support: dict[int, bool] = {}

    # --- which pairs translate each other ---------------------------------------------------------------

    def translates(self, index: int) -> bool:
        """Whether pair `index` looks like a translation (its Chinese writes enough of its English anchors)."""
        known = self._support.get(index)
        if known is None:
            from ..alignment.sentences import anchor_share

            pair = self.pairs[index]
            share = anchor_share(pair.english, pair.chinese)
            known = self._support[index] = share is None or share >= MIN_SUPPORT
        return known

    def unrelated_share(self) -> float:
        """The share of a sample of the pairs (evenly spaced, at most SUPPORT_SAMPLE) that translate nothing."""
        if not self.pairs:
            return 0.0
        step = max(1, len(self.pairs) // SUPPORT_SAMPLE)
        sample = range(0, len(self.pairs), step)
        return sum(1 for index in sample if not self.translates(index)) / len(sample)

    # --- where a row's forms occur ------------------------------------------------------------------------

    def occurrences(self, forms: Iterable[str]) -> list[tuple[int, int, int]]:
        """(pair, start, end) of the first MAX_OCCURRENCES occurrences of any of the English forms, in order."""
        if self._words is None:
            self._words = {}
            for index, pair in enumerate(self.aligned):
                for key in {word.key for word in pair.english_words}:
                    self._words.setdefault(key, []).append(index)
        from ..alignment.tokens import english_words

        found: dict[tuple[int, int], int] = {}
        for form in forms:
            words = [w.key for w in english_words(form)]
            if not words:
                continue
            candidates = min((self._words.get(w, []) for w in words), key=len)
            pattern = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-]|[-'’][^\W_]{2})",
                                 0 if form != form.lower() else re.IGNORECASE)
            for index in candidates:
                for match in pattern.finditer(self.pairs[index].english):
                    found.setdefault((index, match.start()), match.end())
            if len(found) >= 4 * MAX_OCCURRENCES:
                break
        return [(index, start, end) for (index, start), end in sorted(found.items())][:MAX_OCCURRENCES]

    def renderings(self, forms: Sequence[str]) -> list:
        """The Rendering (or None) of each aligned occurrence of a row's forms, computed once per row: those of
        its first form (the one the row shows) when any is rendered, else those of all its forms (a bare
        'Alibaba' grouped under 'Alibaba Cloud' does not outvote it)."""
        key = "\x00".join(forms)
        if key not in self._renderings:
            def render(chosen: Sequence[str]) -> list:
                return [self.aligner.render(index, start, end)
                        for index, start, end in self.occurrences(chosen) if self.translates(index)]

            first = render(forms[:1])
            self._renderings[key] = first if any(first) or len(forms) == 1 else render(forms)
        return self._renderings[key]

    @staticmethod
    def forms_of(row: dict, key: str, tally: Tally) -> list[str]:
        """A row's English forms, the one it shows first, then the others most frequent first."""
        shown = str(row.get("english") or "")
        others = sorted(tally.displays, key=lambda form: (-tally.displays[form], form)) or [key]
        return ([shown] if shown else []) + [form for form in others if form != shown]

    # --- the hooks of pipeline.table --------------------------------------------------------------------

    def rescue(self, key: str, tally: Tally) -> float:
        """A low score for a candidate the miner alone drops when the translations render it surely: a name
        written like an everyday word (Japan, France, Facebook), a term of uncommon words seen only inside a
        longer phrase (mutation in 'the extent of mutation', which C-value does not count), or a compound of
        everyday words rendered as one Chinese noun phrase (border controls 边境管制)."""
        if tally.words > 3 or tally.kind not in (NAME, ACRONYM, PINYIN_KIND, TERM):
            return 0.0
        content = [word for word in key.split() if word not in STOPWORDS]
        # one word alone must be rarer than a word of a phrase (demand, workers: translated, yet no terms)
        everyday = tally.kind == TERM and any(zipf(word) >= (EVERYDAY_ZIPF if len(content) > 1 else EVERYDAY_WORD_ZIPF)
                                              for word in content)
        if everyday and len(content) > 1 and not _may_be_lexical(content):
            return 0.0
        summary = _summary(self.renderings(self.forms_of({}, key, tally)))
        if summary is None or summary[2] < MIN_CONFIDENCE:
            return 0.0
        _, best, confidence = summary
        senses = gloss_senses(key) if tally.kind == TERM else ()
        # the dictionary giving the aligned rendering for the whole phrase is evidence of its own (one ordinary
        # word and its usual rendering are not: analysis 分析)
        listed = tally.words > 1 and any(sense[0] == best for sense in senses)
        if everyday and not listed and not (len(content) == 1 and best in proper_noun_renderings(senses)) and not (
                len(content) > 1 and _rendered_compound(key, tally, best, confidence)):
            return 0.0  # everyday words: only where the dictionary gives their rendering as one word for them,
            # or (a name written like an everyday word: Russia 俄罗斯) gives it as the proper noun the word names,
            # or where a compound's translations are surely one Chinese noun phrase
        if confidence < (MIN_CONFIDENCE if listed else RESCUE_CONFIDENCE):
            return 0.0
        return 0.5 * confidence

    def amend(self, row: dict, key: str, tally: Tally) -> None:
        """Fill a row's bilingual fields from the translations: the rendering most often aligned (new rows),
        or how the translations render a known term (the consistency report)."""
        row.update({ALIGNMENTS: "", ALIGNMENT_CONFIDENCE: None, CONSISTENCY: ""})
        if tally.kind == KNOWN and tally.entry is not None:
            self._check_known(row, self.entries[tally.entry])
            return
        if tally.kind in CHINESE_KINDS:
            if not row.get("english") or row.get(SUGGESTION) != "in text":
                self._align_chinese(row, key, tally)
            return
        if not row.get("english"):
            return
        forms = self.forms_of(row, key, tally)
        guess = str(row.get(CHINESE) or "")
        if guess and row.get(SUGGESTION) in ("dictionary", "pinyin") and not any(
                guess in self.pairs[index].chinese for index, _, _ in self.occurrences(forms)):
            row.update({CHINESE: "", PINYIN: "", SUGGESTION: ""})  # the translations never write the guess
        _fill(row, self.renderings(forms), lambda best, _: _aligned_fields(row, best))

    def chinese_occurrences(self, forms: Iterable[str]) -> list[tuple[int, int, int]]:
        """(pair, start, end) of the first MAX_OCCURRENCES occurrences of any of the Chinese forms, in order."""
        if self._characters is None:
            self._characters = {}
            for index, pair in enumerate(self.pairs):
                for character in set(pair.chinese):
                    self._characters.setdefault(character, []).append(index)
        found: dict[tuple[int, int], int] = {}
        for form in forms:
            if not form:
                continue
            candidates = min((self._characters.get(character, []) for character in form), key=len)
            for index in candidates:
                chinese = self.pairs[index].chinese
                at = chinese.find(form)
                while at >= 0:
                    found.setdefault((index, at), at + len(form))
                    at = chinese.find(form, at + len(form))
            if len(found) >= 4 * MAX_OCCURRENCES:
                break
        return [(index, start, end) for (index, start), end in sorted(found.items())][:MAX_OCCURRENCES]

    def _align_chinese(self, row: dict, key: str, tally: Tally) -> None:
        """A Chinese candidate's English from the translations: the English span aligned most often, as for an
        English candidate's Chinese; a dictionary or pinyin guess the translations never write is dropped."""
        forms = [str(row.get(CHINESE) or "")] + sorted(tally.displays, key=lambda form: (-tally.displays[form], form))
        occurrences = self.chinese_occurrences(dict.fromkeys(form for form in forms + [key] if has_han(form)))
        guess = str(row.get("english") or "")
        if guess and not any(guess.lower() in self.pairs[index].english.lower() for index, _, _ in occurrences):
            row.update({"english": "", SUGGESTION: ""})
        renderings = [self.aligner.render_english(index, start, end)
                      for index, start, end in occurrences if self.translates(index)]
        _fill(row, renderings, lambda best, confidence: {"english": best, SUGGESTION: "aligned",
                                                         CONFIDENCE: confidence})

    def split_forms(self, frame, top: int | None = None):
        """The table with each longer form a row grouped under a shorter one (Government of China under China,
        Iranian Parliament under Iranian) made a row of its own, just after it, when the translations render
        that form surely and otherwise than the row: two terms, as the translators read them."""
        import pandas as pd

        rows = frame.to_dict(orient="records")
        result = []
        for row in rows:
            result.append(row)
            if row.get("kind") == KNOWN or not row.get(SUGGESTION) == "aligned":
                continue
            shown = str(row.get("english") or "")
            forms = [form for form in str(row.get("forms") or "").split("|") if form]
            for form in forms:
                if len(form.split()) <= len(shown.split()) or shown.casefold() not in form.casefold():
                    continue
                split = self._form_row(row, form)
                if split is not None:
                    result.append(split)
                    forms.remove(form)
                    row["forms"] = "|".join(forms)
                    row["frequency"] = max(1, int(row["frequency"]) - int(split["frequency"]))
        if len(result) == len(rows):
            return frame
        split_frame = pd.DataFrame(result, columns=frame.columns)
        split_frame.attrs = dict(frame.attrs)
        return split_frame.head(top) if top else split_frame

    def _form_row(self, row: dict, form: str) -> dict | None:
        """A row of its own for one form of a row, when the translations render it surely and otherwise."""
        from ..chinese import to_pinyin

        summary = _summary(self.renderings([form]))
        if summary is None:
            return None
        counts, best, confidence = summary
        if confidence < RESCUE_CONFIDENCE or best == row.get(CHINESE) or sum(counts.values()) < 1:
            return None
        occurrences = self.occurrences([form])
        index = occurrences[0][0]
        return {**row, "english": form, CHINESE: best, PINYIN: to_pinyin(best, str(row.get("category", "")))
                if has_han(best) else "", SUGGESTION: "aligned", ALIGNMENTS: _listing(counts),
                ALIGNMENT_CONFIDENCE: confidence, "frequency": len(occurrences), "forms": form,
                "context": " ".join(self.pairs[index].english.split())[:300], "found_in": self.pairs[index].where}

    def _check_known(self, row: dict, entry: TermEntry) -> None:
        """How the translations render a glossary term: its own forms where the target has them, else the
        aligned rendering; `consistency` says whether they agree with the glossary."""
        from ..chinese import to_simplified

        forms = [form for form in entry.chinese_forms() if form]
        if not forms:
            return
        counts: Counter[str] = Counter()
        differ = 0
        for index, start, end in self.occurrences(entry.english_forms()):
            if not self.translates(index):
                continue
            chinese = self.pairs[index].chinese
            written = next((form for form in forms if form in chinese), None)
            if written is None:
                simplified = to_simplified(chinese)
                written = next((form for form in forms if form in simplified), None)
            if written is not None:
                counts[written] += 1
                continue
            rendering = self.aligner.render(index, start, end)
            if rendering is not None:
                counts[rendering.chinese] += 1
                differ += 1
        if not counts:
            return
        row[ALIGNMENTS] = _listing(counts)
        row[ALIGNMENT_CONFIDENCE] = round(1.0 - differ / sum(counts.values()), 2)
        row[CONSISTENCY] = "agrees" if not differ else ("differs" if differ == sum(counts.values()) else "mixed")
        if entry.status in ("deprecated", "forbidden") and any(counts[form] for form in forms):
            row[CONSISTENCY] = f"uses {row[STATUS]}"


def add_kept_names(miner, pair_sets: Sequence[PairSet]) -> None:
    """Count as candidates the runs of Latin words a Chinese side keeps from its English side (names and
    acronyms left untranslated: Meerjady Sabrina Flora, IEDCR, SARS-CoV-2) that the miner has no row for;
    the documents are the pair sets' English sides as mine_pairs fed them."""
    from .occurrences import Occurrence

    for document, pair_set in enumerate(pair_sets, start=miner.documents - len(pair_sets)):
        offset = 0
        for line, pair in enumerate(pair_set.pairs, start=1):
            english = pair.english.replace("\n", " ")
            for run in sorted(set(_LATIN_RUN.findall(pair.chinese))):
                if sum(ch.isalpha() for ch in run) < 2 or not (any(ch.isupper() for ch in run[1:]) or " " in run
                                                                or any(ch.isdigit() for ch in run) or "-" in run):
                    continue
                match = re.search(r"(?<![\w-])" + re.escape(run) + r"(?![\w-])", english)
                key = run.lower()
                if key in miner.links:  # an acronym the miner counts toward its long form: kept, it is a row too
                    key = f"kept:{key}"
                if match is None or key in miner.tallies:
                    continue
                kind = ACRONYM if run.replace("-", "").isupper() else NAME
                tally = miner.tallies[key] = Tally(kind, words=len(run.split()))
                tally.context = " ".join(english.split())[:300]
                tally.found_in = f"{pair_set.name}:{line}"
                tally.add(Occurrence(kind, key, run, offset + match.start(), (offset, offset + len(english)),
                                     words=len(run.split())), document)
            offset += len(english) + 1


_LATIN_RUN = re.compile(r"[A-Za-z][\w.&'’-]*[\w](?: [A-Za-z0-9][\w.&'’-]*[\w])*")


def _rendered_compound(key: str, tally: Tally, best: str, confidence: float) -> bool:
    """Whether a phrase of everyday words (no stop word) is a compound its translations name as one: a whole
    noun phrase where it occurs, rendered surely (COMPOUND_CONFIDENCE) as a Chinese noun phrase of more
    characters than it has words (border controls 边境管制, remote controls 遥控器; not national state 国家)."""
    words = key.split()
    return (confidence >= COMPOUND_CONFIDENCE and not any(word in STOPWORDS for word in words)
            and len(best) > len(words) and _noun_phrase_here(tally) and _chinese_noun_phrase(best))


def _noun_phrase_here(tally: Tally) -> bool:
    """Whether the tagger reads a phrase where it first occurs as a whole noun phrase: nouns, with adjectives
    or participles before the last, no -ing verb first (using location) and no noun after it (building
    contact | tracing: the modifier of a longer compound)."""
    from .finders.ngrams import phrase_labels

    form = tally.first_display or next(iter(tally.displays), "")
    found = phrase_labels(tally.context, form)
    if found is None:
        return False
    labels, after = found
    leading_verb = labels[0].startswith("VERB") and form.lower().endswith("ing", 0, len(form.split()[0]))
    return (labels[-1].startswith(("NOUN", "PROPN")) and not leading_verb and not after.startswith(("NOUN", "PROPN"))
            and all(label.startswith(("NOUN", "PROPN", "ADJ", "VERB|Part")) for label in labels[:-1]))


# jieba's tags of what a Chinese noun phrase holds no word of: particles, prepositions, conjunctions, pronouns,
# numerals, time and direction words, adverbs, measure words
_NOT_IN_A_TERM = ("u", "p", "c", "r", "m", "t", "f", "d", "q")


def _chinese_noun_phrase(chinese: str) -> bool:
    """Whether a rendering reads as a Chinese noun phrase: no particle, preposition, conjunction, pronoun,
    numeral, time or direction word, adverb or measure word, and no plain verb after its first word (边境管制,
    出行禁令; not 严格的出行, 部分数据显示)."""
    segmentation = _plain_segmenter().segment(chinese)
    words = list(zip(segmentation.words, segmentation.tags))
    return bool(words) and all(has_han(word) and not tag.startswith(_NOT_IN_A_TERM) for word, tag in words) and (
        words[-1][1] not in ("v", "vd", "a", "ad")) and all(tag != "v" for _, tag in words[1:-1])


@functools.cache
def _plain_segmenter():
    """A segmenter with no user words, to read renderings."""
    from ..segmenter import Segmenter

    return Segmenter()


def _may_be_lexical(content: list[str]) -> bool:
    """Whether a phrase of everyday words (its words but the stop words) may be one lexical unit (real estate,
    heavy industry): two or three content words, none grading or counting (last week), no general head (that day)."""
    from .scoring import GENERAL_HEADS, GENERAL_MODIFIERS

    return (2 <= len(content) <= 3 and content[0] not in GENERAL_MODIFIERS
            and content[-1] not in GENERAL_MODIFIERS | GENERAL_HEADS)


def _summary(renderings: Sequence) -> tuple[Counter, str, float] | None:
    """(counts of each rendering, the best, its confidence 0 … 1) of a row's renderings, or None."""
    from ..alignment.renderings import tally_renderings

    tallied = tally_renderings(renderings)
    if not tallied:
        return None
    best, votes, score = tallied[0]
    confidence = votes / len(renderings) * min(1.0, score / votes / 1.2)
    return Counter({text: count for text, count, _ in tallied}), best, round(confidence, 2)


def _fill(row: dict, renderings: Sequence, fields: Callable[[str, float], dict]) -> None:
    """Set a row's alignments and confidence from its renderings, and the `fields(best, confidence)` that
    carry the best rendering when it is sure enough (MIN_CONFIDENCE)."""
    summary = _summary(renderings)
    if summary is None:
        return
    counts, best, confidence = summary
    row[ALIGNMENTS] = _listing(counts)
    row[ALIGNMENT_CONFIDENCE] = confidence
    if confidence >= MIN_CONFIDENCE:
        row.update(fields(best, confidence))


def _listing(counts: Counter) -> str:
    """Renderings with their counts, most often first: '通义千问 5, 通义 1'."""
    return ", ".join(f"{text} {count}" for text, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _add_side(miner, pair_set: PairSet, side: Callable[[TranslationPair], str]) -> None:
    """One side of a pair set read by a Miner as one document, line n its pair n: in sections of `window`
    pairs (each its own surname links) for a translation memory."""
    window = pair_set.window or max(1, len(pair_set.pairs))
    for first in range(0, max(1, len(pair_set.pairs)), window):
        text = "\n".join(side(pair).replace("\n", " ") for pair in pair_set.pairs[first:first + window])
        miner.add_document(pair_set.name, text, line_offset=first, continues=first > 0)


def _with_chinese_side(frame, pair_sets: Sequence[PairSet], entries: list[TermEntry], bilingual: BilingualMiner, *,
                       top: int | None, **options):
    """The table of a translation from Chinese: the English side's rows, and the Chinese side's candidates (mined
    as a Chinese document is) whose English the translations give and that no English row already pairs."""
    import pandas as pd

    from .pipeline import Miner, table

    miner = Miner(entries)
    for pair_set in pair_sets:
        _add_side(miner, pair_set, lambda pair: pair.chinese)
    chinese = table(miner, top=None, details=True, amend=bilingual.amend, extra_columns=BILINGUAL_COLUMNS, **options)
    paired_english = {form.casefold() for english, forms in zip(frame["english"], frame["forms"])
                      for form in [english, *str(forms or "").split("|")] if form}
    paired_chinese = set(frame["chinese"])
    keep = []
    for kind, suggestion, english, chinese_form, confidence in zip(
            chinese["kind"], chinese[SUGGESTION], chinese["english"], chinese[CHINESE], chinese[ALIGNMENT_CONFIDENCE]):
        new = (kind in CHINESE_KINDS and suggestion == "aligned" and english.casefold() not in paired_english
               and chinese_form not in paired_chinese and _names_a_term(english, chinese_form, confidence))
        keep.append(new)
        if new:  # the best-ranked Chinese row of an English rendering only
            paired_english.add(english.casefold())
    added = chinese[keep]
    joined = pd.concat([frame, added], ignore_index=True).sort_values("score", ascending=False, kind="stable")
    joined = joined.reset_index(drop=True)
    joined.attrs = dict(frame.attrs)
    return joined.head(top) if top else joined


def _aligned_fields(row: dict, chinese: str) -> dict:
    """The fields a row's aligned Chinese sets: the Chinese, its pinyin (CC-CEDICT's reading when it is a headword:
    杭州 Hángzhōu), and the category 'place' for a row of no category whose Chinese the dictionary gives as one
    (杭州: 'see 杭州市', a city)."""
    from ..chinese import to_pinyin
    from ..dictionary import headword, referred
    from .suggestions import PLACE_GLOSS_WORDS

    if not has_han(chinese):
        return {CHINESE: chinese, PINYIN: "", SUGGESTION: "aligned"}
    entry = headword(chinese)
    fields = {CHINESE: chinese, SUGGESTION: "aligned"}
    category = str(row.get("category", ""))
    if entry is not None and category == "other" and entry.is_proper_noun and any(
            marker in " ".join(referred(entry).glosses).lower() for marker in PLACE_GLOSS_WORDS):
        category = fields["category"] = "place"
    fields[PINYIN] = to_pinyin(chinese, category, entry.reading if entry is not None else "")
    return fields


def _names_a_term(english: str, chinese: str, confidence: float | None) -> bool:
    """Whether the English a Chinese candidate is aligned with is sure (RESCUE_CONFIDENCE) and reads as a term
    for it, by the rules an English candidate meets: a noun phrase with no verb in it or first (not 'The CDC
    recommends', 'inhaled into the lungs'), no stop word at its edges, no grading modifier (overall health), no
    conjunction joining common words (capacity and adapting), and not one everyday word (began, face: 单日死亡数,
    脸部), though names may be (London 伦敦)."""
    from ..tagging import is_verb_here
    from .finders.ngrams import phrase_labels
    from .scoring import GENERAL_MODIFIERS

    words = english.split()
    if not words or confidence is None or confidence < RESCUE_CONFIDENCE:
        return False
    lowers = [word.lower() for word in words]
    alone = word_classes(lowers[0]) if len(words) == 1 else None  # what one word alone can be
    # a capitalised common word alone is a heading's or a sentence's first word (Health, School), not a name
    named = all(word[:1].isupper() for word in words if word.lower() not in STOPWORDS) and not (
        alone and alone & {"NOUN", "VERB", "ADJ", "ADV"})
    if alone and not alone & {"NOUN", "PROPN"}:
        return False  # a word that is no noun (calculate, centralised)
    if lowers[0] in STOPWORDS or lowers[-1] in STOPWORDS or lowers[0] in GENERAL_MODIFIERS:
        return False
    if not named and (len(words) == 1 and zipf(lowers[0]) >= EVERYDAY_WORD_ZIPF or {"and", "or", "but"} & set(lowers)):
        return False
    found = phrase_labels(english, english)
    return found is not None and found[0][-1].startswith(("NOUN", "PROPN")) and not found[0][0].startswith("VERB") and (
        not any(map(is_verb_here, found[0])))


def mine_translations(source: str | os.PathLike, target: str | os.PathLike | None = None, glossary=None, *,
                      encoding: str | None = None, **options):
    """Mine translations: a bilingual file (TMX, XLIFF, two-column CSV/TSV/xlsx), or a document and its
    translation (`target`), as `glossary mine` does; a DataFrame like mine()'s with the bilingual columns
    alignments, alignment_confidence and consistency. Options as mine_pairs."""
    pair_set = parallel_pairs(source, target, encoding) if target is not None else file_pairs(source)
    return mine_pairs([pair_set], glossary, **options)


@fewer_collections()
def mine_pairs(pair_sets: Sequence[PairSet], glossary=None, *, top: int | None = None, min_freq: int = 1,
               category: str | None = None, new_only: bool = False, details: bool = False,
               warn: Callable[[str], None] | None = None, note: Callable[[str], None] | None = None,
               min_score: float = 0.0):
    """Mine translation pairs: the English sides as documents, each row's Chinese from its translations.

    `note` hears how pairs were made (sentence alignment, pairs skipped). When most pairs do not translate
    each other, `warn` is told so in one line and the table is the ordinary monolingual one (the translations
    are not used: never confident junk)."""
    from .pipeline import Miner, _glossary_entries, table

    entries = _glossary_entries(glossary)
    miner = Miner(entries)
    places: dict[str, str] = {}
    for pair_set in pair_sets:
        name = pair_set.name
        _add_side(miner, pair_set, lambda pair: pair.english)
        places.update({f"{name}:{number}": pair.where for number, pair in enumerate(pair_set.pairs, start=1)})
        for line in pair_set.notes:
            if note:
                note(line)
    bilingual = BilingualMiner(pair_sets, entries)
    add_kept_names(miner, pair_sets)
    skipped = sum(pair_set.skipped for pair_set in pair_sets)
    total = sum(pair_set.total for pair_set in pair_sets) or 1
    unrelated = bilingual.unrelated_share()
    if skipped / total > MOST_SKIPPED or unrelated > MOST_SKIPPED:
        if warn:
            share = max(skipped / total, unrelated)
            warn(f"most pairs were skipped ({share:.0%} do not look like translations of each other): "
                 "the table below is mined from the English alone")
        frame = table(miner, top=top, min_freq=min_freq, category=category, new_only=new_only, details=details,
                      min_score=min_score)
    else:
        frame = table(miner, top=top, min_freq=min_freq, category=category, new_only=new_only, details=True,
                      min_score=min_score, rescue=bilingual.rescue, amend=bilingual.amend,
                      extra_columns=BILINGUAL_COLUMNS)
        frame = bilingual.split_forms(frame, top)
        chinese_sources = [pair_set for pair_set in pair_sets if pair_set.source == "zh"]
        if chinese_sources:
            frame = _with_chinese_side(frame, chinese_sources, entries, bilingual, top=top, min_freq=min_freq,
                                       category=category, new_only=new_only, min_score=min_score)
        if not details:
            frame = frame.drop(columns=["kind", "forms"])
    if "found_in" in frame:
        frame["found_in"] = [places.get(place, place) for place in frame["found_in"]]
    if ALIGNMENT_CONFIDENCE in frame:  # no confidence is None (null in JSON), not NaN
        frame[ALIGNMENT_CONFIDENCE] = frame[ALIGNMENT_CONFIDENCE].astype(object).where(
            frame[ALIGNMENT_CONFIDENCE].notna(), None)
    return frame
