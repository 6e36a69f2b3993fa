"""The mine() pipeline: documents in, a ranked bilingual candidate table out."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Union

from ..cache import fewer_collections
from ..errors import GlossaryError
from ..matching import KnownTerms
from ..schema import MINED_COLUMNS, TermEntry
from .candidates import document_occurrences
from .grouping import SurnameLinker, merge_acronyms
from .occurrences import ACRONYM, CHINESE_KINDS, CHINESE_TERM, GENERATION, KNOWN, PAIR, QUOTED, TERM, known_key
from .scoring import Evidence, c_value, candidate_score, nested_frequencies, readable
from .suggestions import describe_known, describe_new
from .tally import PartTally, Tally, settle_kind
from .zh_pairs import merge_pairs
from .zh_scoring import ChineseScorer

# Inputs up to about this many words have the tagger read their doubtful words (a few dozen articles: at
# most a few tenths of a second); larger corpora rank verb fragments low by frequency alone. Decided once
# from the whole input, so every worker process reads as one process would.
TAGGED_WORDS = 60_000
# Above this many distinct candidates, rare n-grams are dropped as the corpus streams by (lossy counting), checked
# after each batch of documents (parallel.BATCH_CHARS), so one process and many prune at the same points.
PRUNE_ABOVE = 400_000
CONTEXT_CHARS = 300

if TYPE_CHECKING:
    from ..documents import Document

Input = Union[str, os.PathLike, "Document"]


@dataclass
class Part:
    """What a Miner counted in one part of a corpus, to be merged in order into the whole (picklable, no glossary):
    `continues` when its first document is the last one of the part before (a document mined in sections)."""

    tallies: dict[str, Tally]
    links: dict[str, str]
    definitions: dict[str, int]
    documents: int
    words: int
    continues: bool
    pairs: dict[str, str]
    chinese_words: int
    settings: "MinerSettings"
    warnings: list[str]


@dataclass(frozen=True)
class MinerSettings:
    """How a Miner reads, decided once from the whole input: what a worker's Miner is built with (picklable)."""

    language: str
    read_verbs: bool


class Miner:
    """Streams documents through candidate extraction into tallies, then ranks them."""

    def __init__(self, entries: list[TermEntry], language: str = "auto",
                 on_warning: Callable[[str], None] | None = None, read_verbs: bool = True, *,
                 known: KnownTerms | None = None, part: bool = False) -> None:
        from .segmented import ChineseReader
        from .zh_suggestions import ChineseProposals

        self.entries = entries
        # A short input cannot tell a verb fragment (sites face tough competition) from a term by frequency,
        # so the tagger reads the doubtful words; a large one ranks fragments low by itself, and is spared
        # the tagger's cost (TAGGED_WORDS).
        self.read_verbs = read_verbs
        self.known = known if known is not None else KnownTerms(entries)
        # a part's miner (in a worker) keeps its warnings for the Miner it is merged into, which tells them
        self.warnings: list[str] = []
        self._on_warning = on_warning
        self.chinese = ChineseReader(entries, language, self.warnings.append if part else on_warning)
        self.chinese_proposals = ChineseProposals(entries, self.chinese.split)
        self.pairs: dict[str, str] = {}  # Chinese key → English written beside it (Tongyi Qianwen (通义千问))
        self.tallies: dict[str, Tally] = {}
        self.links: dict[str, str] = {}  # acronym key → long-form key
        self.definitions: dict[str, int] = {}  # acronym key → times it was defined in brackets
        self.documents = 0
        self.words = 0
        self.continues = False  # (a part's miner) its first document began in the part before
        self._tally = PartTally if part else Tally
        self._prune_level = 1
        self._form_categories: dict[str, str] | None = None

    def add_document(self, name: str, text: str, line_offset: int = 0, continues: bool = False) -> None:
        """Extract and count every candidate of one document, or of one section of it: `continues` for a section
        after the first (same document), `line_offset` the number of lines before the section."""
        from ..documents import LineIndex

        if continues and not self.documents:
            self.continues = True
        if not continues or not self.documents:
            self.documents += 1
        document = self.documents - 1
        # about the number of words, without splitting
        self.words += text.count(" ") + text.count("\n") + (0 if continues else 1)
        lines = LineIndex(text)
        linker = SurnameLinker(self.entries)
        seen: set[tuple[str, int]] = set()
        contexts: dict[tuple[int, int], str] = {}
        tallies = self.tallies
        for occurrence in document_occurrences(text, self.known, self.chinese, name, self.read_verbs):
            if occurrence.kind is PAIR:  # not a mention: links the two scripts of one term
                self.pairs.setdefault(occurrence.key, occurrence.link)
                continue
            # n-grams, English or Chinese (most occurrences): unique per place, counted on a short path
            if occurrence.kind is TERM or occurrence.kind is CHINESE_TERM:
                key = occurrence.key
                tally = tallies.get(key)
                if tally is not None and tally.context:
                    tally.count_one(occurrence.kind, occurrence.display, document)
                    continue
            else:
                key = linker.key_for(occurrence)
                place = (key, occurrence.start)
                if place in seen:
                    continue
                seen.add(place)
                if occurrence.kind is KNOWN:  # a glossary term seen before: counted as Tally.add would
                    tally = tallies.get(key)
                    if tally is not None and tally.context:
                        tally.count_one(KNOWN, occurrence.display, document)
                        tally.entry = occurrence.entry
                        continue
            if occurrence.link and occurrence.kind == ACRONYM:
                self.links.setdefault(key, occurrence.link)
                self.definitions[key] = self.definitions.get(key, 0) + 1
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = self._tally(occurrence.kind, words=occurrence.words)
            if not tally.context:
                span = occurrence.sentence
                if span not in contexts:
                    contexts[span] = _context(text[span[0]:span[1]])
                tally.context = contexts[span]
                tally.found_in = f"{name}:{lines.line_of(occurrence.start) + line_offset}"
            tally.add(occurrence, document)

    def part(self) -> Part:
        """What this miner counted, to merge into another (see merge)."""
        return Part(self.tallies, self.links, self.definitions, self.documents, self.words, self.continues,
                    self.pairs, self.chinese.chinese_words, self.settings(), self.warnings)

    def settings(self) -> MinerSettings:
        """How this miner reads (its language and whether the tagger reads doubtful words), for its workers."""
        return MinerSettings(self.chinese.language, self.read_verbs)

    def merge(self, part: Part) -> None:
        """Count a later part of the corpus in, as if its documents had been added here one after the other."""
        if part.settings != self.settings():
            raise ValueError(f"a part mined with {part.settings} cannot be merged into a miner with {self.settings()}")
        shared = part.continues and self.documents > 0
        offset = self.documents - 1 if shared else self.documents
        tallies = self.tallies
        for key, later in part.tallies.items():
            tally = tallies.get(key)
            if tally is None:
                tallies[key] = later.shifted(offset)
            else:
                tally.merge(later, offset, shared)
        for key, link in part.links.items():
            self.links.setdefault(key, link)
        for key, number in part.definitions.items():
            self.definitions[key] = self.definitions.get(key, 0) + number
        for key, english in part.pairs.items():
            self.pairs.setdefault(key, english)
        self.chinese.chinese_words += part.chinese_words
        for warning in part.warnings:
            if self._on_warning is not None:
                self._on_warning(warning)
            else:
                self.warnings.append(warning)
        self.documents = offset + part.documents
        self.words += part.words

    def prune_if_large(self) -> None:
        """Past PRUNE_ABOVE candidates, drop the rarest n-grams (called between batches of documents)."""
        if len(self.tallies) > PRUNE_ABOVE:
            self._prune()

    def _prune(self) -> None:
        """Drop n-grams seen no more than the current level (they cannot rank), then raise the level."""
        prunable = (TERM, CHINESE_TERM)
        for key in [k for k, t in self.tallies.items() if t.count <= self._prune_level and set(t.kinds) <= set(prunable)]:
            del self.tallies[key]
        self._prune_level += 1

    def ranked(self, rescue: Callable[[str, Tally], float] | None = None) -> list[tuple[float, str, Tally]]:
        """Every candidate (variants grouped) with its raw score, best first. `rescue` may give a candidate
        that scores nothing on its own a score from other evidence (its translations, in bilingual mining)."""
        for tally in self.tallies.values():
            tally.kind = settle_kind(tally)
        merge_acronyms(self.tallies, self.links, self.definitions)
        self._fold_generations()
        merge_pairs(self.tallies, self.pairs)
        chinese = ChineseScorer(self.tallies, self.chinese.chinese_words, self.chinese.split)
        nested = self.nested()
        scored = []
        for key, tally in self.tallies.items():
            if tally.kind in CHINESE_KINDS:
                raw = chinese.score(key, tally)
            else:
                raw = candidate_score(self.evidence(key, tally, nested))
                if raw <= 0 and rescue is not None and readable(key):
                    raw = rescue(key, tally)
            if raw > 0:
                scored.append((raw, key, tally))
        scored.sort(key=lambda item: (-item[0], -item[2].count, item[1]))
        return scored

    def nested(self) -> dict[str, tuple[int, int]]:
        """C-value's nesting counts: for each term candidate, the longer candidates holding it."""
        return nested_frequencies({k: t.count for k, t in self.tallies.items() if t.kind in (TERM, CHINESE_TERM)})

    def evidence(self, key: str, tally: Tally, nested: dict[str, tuple[int, int]]) -> Evidence:
        """The scoring evidence of one candidate."""
        is_term = tally.kind in (TERM, CHINESE_TERM)
        return Evidence(
            kind=tally.kind, key=_score_key(key, tally, self.entries), frequency=tally.count,
            documents=tally.documents, c_value=c_value(key, tally.count, nested.get(key)) if is_term else 0.0,
            words=tally.words, sentence_initial_share=tally.initial / tally.count if tally.count else 0.0,
            quoted=bool(tally.kinds.get(QUOTED)), corpus_words=self.words,
        )

    def describe(self, raw: float, key: str, tally: Tally) -> dict[str, object]:
        """The output row of one candidate: bilingual fields, counts, score, first context."""
        if tally.kind == KNOWN:
            row = describe_known(self.entries[tally.entry])
        elif tally.kind in CHINESE_KINDS:
            row = self.chinese_proposals.describe(key, tally)
        else:
            row = describe_new(key, tally, self._known_category(tally))
        row.update(
            known=tally.kind == KNOWN, frequency=tally.count, documents=tally.documents,
            score=shown_score(raw), context=tally.context, found_in=tally.found_in, kind=tally.kind,
            forms="|".join(sorted(tally.displays, key=lambda form: -tally.displays[form])),
        )
        return row

    def _known_category(self, tally: Tally) -> str:
        """The category of the glossary name inside a new name (Hunyuan in Hunyuan Compass), if any."""
        form = (tally.extra or {}).get("contains")
        if not form:
            return ""
        if self._form_categories is None:
            self._form_categories = {}
            for entry in reversed(self.entries):  # the first entry with a form wins
                self._form_categories.update((f, entry.category) for f in entry.english_forms())
        return self._form_categories.get(form, "")

    def _fold_generations(self) -> None:
        """'born after 1985' counts toward the glossary's post-85s entry when there is one."""
        owners = {form.lower(): index for index, entry in enumerate(self.entries) for form in entry.english_forms()}
        for key in [k for k, t in self.tallies.items() if t.kind == GENERATION]:
            index = owners.get(key)
            if index is None:
                continue
            tally = self.tallies.pop(key)
            target = self.tallies.setdefault(known_key(index), Tally(KNOWN, entry=index))
            target.count += tally.count
            target.documents = max(target.documents, tally.documents)
            if not target.context:
                target.context, target.found_in = tally.context, tally.found_in


def shown_score(raw: float) -> float:
    """A raw score as the table shows it, 0–1."""
    return round(1.0 - math.exp(-raw / 8.0), 4)


def _score_key(key: str, tally: Tally, entries: list[TermEntry]) -> str:
    """The words whose specificity scores a row: the glossary term for known rows, else the key."""
    if tally.kind == KNOWN and tally.entry is not None:
        return entries[tally.entry].english.lower() or key
    return key


def _context(sentence: str) -> str:
    """A sentence on one line, cut to a readable length."""
    text = " ".join(sentence.split())
    return text if len(text) <= CONTEXT_CHARS else text[: CONTEXT_CHARS - 1].rstrip() + "…"


def _documents(inputs: Iterable[Input], encoding: str | None, on_skip: Callable[[str], None] | None):
    """Documents from paths (files, folders, globs, '-') and Document objects, in order, as DocumentStreams. A
    string is always a path: a mistyped one is an error, never mined as text (text goes in as Document("<text>", text))."""
    from ..documents import Document, DocumentStream, iter_streams

    paths: list[str | os.PathLike] = []
    for item in inputs:
        if isinstance(item, Document):
            yield from iter_streams(paths, encoding=encoding, on_skip=on_skip)
            paths = []
            yield DocumentStream(item.name, [item.text])
        elif isinstance(item, (str, os.PathLike)):
            paths.append(item)
        else:
            raise GlossaryError(f"cannot mine {type(item).__name__!s} {str(item)[:40]!r}: give paths or Document objects")
    yield from iter_streams(paths, encoding=encoding, on_skip=on_skip)


def _input_size(inputs: list) -> int | None:
    """The bytes of text the inputs hold (files' sizes, Documents' lengths); None with standard input."""
    from ..documents import Document, input_bytes

    documents = [item for item in inputs if isinstance(item, Document)]
    paths = [item for item in inputs if not isinstance(item, Document)]
    size = input_bytes(paths)
    return None if size is None else size + sum(len(document.text) for document in documents)


def _estimated_words(inputs: list[Input]) -> float:
    """About how many words the inputs hold, from their sizes (six bytes a word; stdin counts as short)."""
    from ..documents import Document, expand_input

    size = 0
    for item in inputs:
        if isinstance(item, Document):
            size += len(item.text)
        elif isinstance(item, (str, os.PathLike)):
            try:
                size += sum(path.stat().st_size for path in expand_input(item) or ())
            except (OSError, GlossaryError):
                pass  # reading it will say what is wrong
    return size / 6


def _glossary_matcher(glossary) -> tuple[list[TermEntry], KnownTerms | None]:
    """The entries and, for a glossary file, its matcher, from its compiled form (compiled.py: neither validated
    nor folded again while the file is unchanged); (entries, None) for a Glossary in hand or none."""
    from ..store import Glossary, resolve

    if isinstance(glossary, Glossary) or glossary is False:
        return _glossary_entries(glossary), None
    from ..compiled import load_compiled

    compiled = load_compiled(resolve(glossary).path)
    return list(compiled.entries), compiled.known_terms()


def _glossary_entries(glossary) -> list[TermEntry]:
    """The entries of a Glossary, a path, or the default glossary (None)."""
    from ..store import Glossary, load

    if isinstance(glossary, Glossary):
        return glossary.entries()
    if glossary is False:
        return []
    return load(glossary).entries()


def mine(
    inputs: Iterable[Input] | Input,
    glossary=None,
    *,
    top: int | None = None,
    min_freq: int = 1,
    category: str | None = None,
    new_only: bool = False,
    encoding: str | None = None,
    progress: Callable[[str], None] | None = None,
    on_skip: Callable[[str], None] | None = None,
    details: bool = False,
    min_score: float = 0.0,
    lang: str = "auto",
    on_warning: Callable[[str], None] | None = None,
    jobs: int | None = None,
    scheduler=None,
    advance: Callable[[int], None] | None = None,
    records: bool = False,
):
    """Mine documents for names and jargon: a pandas DataFrame ranked best first.

    `inputs`: file or folder paths, globs, '-' (standard input), or Document objects
    (`glossary.Document("<text>", text)` for a text in hand); a path that does not exist is an error.
    `glossary`: a Glossary, a path, None for the default glossary (as the CLI picks it), False for none.
    Known terms carry the glossary's Chinese; new candidates get proposed Chinese from the dictionary or
    pinyin readings, never 'approved'. `details=True` adds a `kind` column (known, name, pinyin, quoted,
    acronym, generation, term, chinese, zh-organization, zh-person, …: why the row exists) and `forms` (the
    surface forms grouped into the row, most frequent first, '|'-separated). `min_score` (0–1) leaves out
    rows scored below it. `confidence` (0–1) says how sure a Chinese proposal is: 0 with `suggestion`
    'none' when nothing honest can be proposed. In inputs under about 60,000 words (a list of them, sized
    before reading) the tagger reads the words that may be verbs; under 20,000 words (a short text)
    general English is left out.
    `lang`: 'auto' (each document by its script), 'zh' or 'en' (read every document so); `on_warning` is
    told when a Chinese document is mined as English.
    `jobs`: worker processes (None: every core when the inputs total PARALLEL_ABOVE_BYTES or more, else 1);
    `scheduler`: a Dask distributed scheduler's address ('tcp://host:8786') or a distributed.Client, to mine
    on that cluster instead (needs `pip install "glossary[dask]"`). The table is the same either way.
    `progress` is called with each document's name once it is mined, `advance` with the input bytes mined.
    `records=True` gives the rows as a list of dicts (MinedRows, JSON-ready) without loading pandas.
    """
    miner = mined(inputs, glossary, encoding, progress, on_skip, lang, on_warning, jobs=jobs, scheduler=scheduler,
                  advance=advance)
    return table(miner, top=top, min_freq=min_freq, category=category, new_only=new_only, details=details,
                 min_score=min_score, records=records)


Amend = Callable[[dict, str, Tally], None]


@fewer_collections()
def table(miner: Miner, *, top: int | None = None, min_freq: int = 1, category: str | None = None,
          new_only: bool = False, details: bool = False, rescue: Callable[[str, Tally], float] | None = None,
          amend: Amend | None = None, extra_columns: tuple[str, ...] = (), min_score: float = 0.0,
          records: bool = False):
    """The ranked DataFrame of what a Miner has read: rows filtered (min_freq, new_only, category, rows scored
    below `min_score`, 0-1) and cut to `top`; `amend(row, key, tally)` may change a row before it is filtered by
    category (bilingual mining fills the Chinese from translations there), and adds `extra_columns`.
    `records=True`: the rows as MinedRows (dicts in column order) without loading pandas."""
    rows = []
    for raw, key, tally in miner.ranked(rescue):
        if tally.count < min_freq or (new_only and tally.kind == KNOWN) or shown_score(raw) < min_score:
            continue
        row = miner.describe(raw, key, tally)
        if amend is not None:
            amend(row, key, tally)
        if category and row["category"] != category:
            continue
        rows.append(row)
        if top and len(rows) >= top:
            break
    details_columns = ["kind", "forms"]
    if records:
        columns = list(MINED_COLUMNS) + list(extra_columns) + (details_columns if details else [])
        return MinedRows([{column: row.get(column) for column in columns} for row in rows], columns, miner.documents)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(MINED_COLUMNS) + list(extra_columns) + details_columns)
    frame.attrs["documents"] = miner.documents
    return frame if details else frame.drop(columns=details_columns)


@fewer_collections()
def mined(inputs, glossary, encoding: str | None = None, progress: Callable[[str], None] | None = None,
          on_skip: Callable[[str], None] | None = None, lang: str = "auto",
          on_warning: Callable[[str], None] | None = None, *, jobs: int | None = None, scheduler=None,
          advance: Callable[[int], None] | None = None) -> Miner:
    """A Miner that has read every document of the inputs, in this process, in `jobs` worker processes or on a
    Dask cluster (`scheduler`); how it reads (language, tagger) is decided here once and given to the workers."""
    from .parallel import choose_jobs, mine_units

    if isinstance(inputs, (str, os.PathLike)) or not isinstance(inputs, Iterable):
        inputs = [inputs]
    # an iterator is read as it comes: it counts as a large input (its size is not known before), and is not
    # drawn twice to measure it
    listed = isinstance(inputs, (list, tuple))
    short = listed and _estimated_words(inputs) < TAGGED_WORDS
    if jobs is None and scheduler is None:
        jobs = choose_jobs(_input_size(list(inputs))) if listed else 1
    entries, known = _glossary_matcher(glossary)
    miner = Miner(entries, lang, on_warning, read_verbs=short, known=known)
    if listed and not short:  # a long input reads thousands of words' frequencies and classes: load them at once
        from ..english import load_lexicons

        load_lexicons()
    streams = _documents(inputs, encoding, on_skip)
    if scheduler is not None:
        from .cluster import mine_on_cluster

        mine_on_cluster(miner, streams, scheduler, progress=progress, advance=advance)
    else:
        mine_units(miner, streams, jobs=1 if jobs is None else jobs, progress=progress, advance=advance)
    return miner


class MinedRows(list):
    """mine(records=True): the rows as dicts in column order, with the columns and the number of documents mined
    (read like a DataFrame by mining.output: `columns`, `attrs`, `to_dict(orient="records")`)."""

    def __init__(self, rows: list[dict[str, object]], columns: list[str], documents: int) -> None:
        super().__init__(rows)
        self.columns = columns
        self.attrs = {"documents": documents}

    def to_dict(self, orient: str = "records") -> list[dict[str, object]]:
        """The rows (the one orientation there is)."""
        return list(self)
