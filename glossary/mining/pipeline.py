"""The mine() pipeline: documents in, a ranked bilingual candidate table out."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Union

from ..errors import GlossaryError
from ..matching import KnownTerms
from ..schema import MINED_COLUMNS, TermEntry
from .candidates import document_occurrences
from .grouping import SurnameLinker, merge_acronyms
from .occurrences import ACRONYM, CHINESE_TERM, GENERATION, KNOWN, QUOTED, TERM, known_key
from .scoring import Evidence, c_value, candidate_score, nested_frequencies
from .suggestions import describe_known, describe_new
from .tally import PartTally, Tally, settle_kind

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


class Miner:
    """Streams documents through candidate extraction into tallies, then ranks them."""

    def __init__(self, entries: list[TermEntry], known: KnownTerms | None = None, part: bool = False) -> None:
        self.entries = entries
        self.known = known if known is not None else KnownTerms(entries)
        self.tallies: dict[str, Tally] = {}
        self.links: dict[str, str] = {}  # acronym key → long-form key
        self.definitions: dict[str, int] = {}  # acronym key → times it was defined in brackets
        self.documents = 0
        self.words = 0
        self.continues = False  # (a part's miner) its first document began in the part before
        self._tally = PartTally if part else Tally
        self._prune_level = 1

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
        for occurrence in document_occurrences(text, self.known):
            if occurrence.kind is TERM:  # n-grams (most occurrences): unique per place, counted on a short path
                key = occurrence.key
                tally = tallies.get(key)
                if tally is not None and tally.context:
                    tally.count_one(TERM, occurrence.display, document)
                    continue
            else:
                key = linker.key_for(occurrence)
                place = (key, occurrence.start)
                if place in seen:
                    continue
                seen.add(place)
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
        return Part(self.tallies, self.links, self.definitions, self.documents, self.words, self.continues)

    def merge(self, part: Part) -> None:
        """Count a later part of the corpus in, as if its documents had been added here one after the other."""
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

    def ranked(self) -> list[tuple[float, str, Tally]]:
        """Every candidate (variants grouped) with its raw score, best first."""
        for tally in self.tallies.values():
            tally.kind = settle_kind(tally)
        merge_acronyms(self.tallies, self.links, self.definitions)
        self._fold_generations()
        term_counts = {k: t.count for k, t in self.tallies.items() if t.kind in (TERM, CHINESE_TERM)}
        nested = nested_frequencies(term_counts)
        scored = []
        for key, tally in self.tallies.items():
            evidence = self.evidence(key, tally, nested)
            raw = candidate_score(evidence)
            if raw > 0:
                scored.append((raw, key, tally))
        scored.sort(key=lambda item: (-item[0], -item[2].count, item[1]))
        return scored

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
        row = describe_known(self.entries[tally.entry]) if tally.kind == KNOWN else describe_new(key, tally)
        row.update(
            known=tally.kind == KNOWN, frequency=tally.count, documents=tally.documents,
            score=round(1.0 - math.exp(-raw / 8.0), 4), context=tally.context, found_in=tally.found_in, kind=tally.kind,
            forms="|".join(sorted(tally.displays, key=lambda form: -tally.displays[form])),
        )
        return row

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
    acronym, generation, term, chinese: why the row exists) and `forms` (the surface forms grouped into the
    row, most frequent first, '|'-separated).
    `jobs`: worker processes (None: every core when the inputs total PARALLEL_ABOVE_BYTES or more, else 1);
    `scheduler`: a Dask distributed scheduler's address ('tcp://host:8786') or a distributed.Client, to mine
    on that cluster instead (needs `pip install "glossary[dask]"`). The table is the same either way.
    `progress` is called with each document's name once it is mined, `advance` with the input bytes mined.
    `records=True` gives the rows as a list of dicts (MinedRows, JSON-ready) without loading pandas.
    """
    from .parallel import choose_jobs, mine_units

    if isinstance(inputs, (str, os.PathLike)) or not isinstance(inputs, Iterable):
        inputs = [inputs]
    if jobs is None and scheduler is None:  # a generator of documents is not drawn twice to measure it
        jobs = choose_jobs(_input_size(list(inputs))) if isinstance(inputs, (list, tuple)) else 1
    miner = Miner(_glossary_entries(glossary))
    streams = _documents(inputs, encoding, on_skip)
    if scheduler is not None:
        from .cluster import mine_on_cluster

        mine_on_cluster(miner, streams, scheduler, progress=progress, advance=advance)
    else:
        mine_units(miner, streams, jobs=1 if jobs is None else jobs, progress=progress, advance=advance)
    rows = []
    for raw, key, tally in miner.ranked():
        if tally.count < min_freq or (new_only and tally.kind == KNOWN):
            continue
        row = miner.describe(raw, key, tally)
        if category and row["category"] != category:
            continue
        rows.append(row)
        if top and len(rows) >= top:
            break
    details_columns = ["kind", "forms"]
    if records:
        columns = list(MINED_COLUMNS) + (details_columns if details else [])
        return MinedRows([{column: row[column] for column in columns} for row in rows], columns, miner.documents)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(MINED_COLUMNS) + details_columns)
    frame.attrs["documents"] = miner.documents
    return frame if details else frame.drop(columns=details_columns)


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
