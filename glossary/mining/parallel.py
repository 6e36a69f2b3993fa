"""Mining on every core: map, then combine. The documents (and the sections of a large one) are grouped into
batches in order; each batch is mined into a Part by a Miner in a worker process (map), and the parts are
merged into one Miner in document order (combine), which then ranks once. The merged counts, first contexts,
sources, spellings and links are those one process would have counted, and rare n-grams are pruned at the same
points (after each batch), so the ranked table is one process's, whatever the number of processes.

Worker processes are started with `spawn` (safe beside threads such as a progress bar's): a script that calls
glossary.mine(jobs=2) must do so under `if __name__ == "__main__":`. A Dask cluster runs the same map and
combine (cluster.py)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from ..cache import fewer_collections
from ..errors import GlossaryError
from ..processes import ctrl_c_ignored, deaf_to_ctrl_c
from .sections import Unit, document_units

# The pipeline calls this module: its Miner, MinerSettings and Part (names in quotes below) come in as arguments, never imported.
if TYPE_CHECKING:
    from ..documents import DocumentStream
    from ..matching import KnownTerms
    from ..schema import TermEntry

BATCH_CHARS = 3_000_000  # one task: documents (or sections) of about this many characters
PARALLEL_ABOVE_BYTES = 4_000_000  # below this much input, starting worker processes costs more than it saves
Payload = list[tuple[str, str, int, bool]]  # (name, text, line offset, continues) of each unit of a batch


def cores() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def choose_jobs(size: int | None) -> int:
    """Every core for PARALLEL_ABOVE_BYTES of input or more (many documents or a big file), else one process."""
    return cores() if size is not None and size >= PARALLEL_ABOVE_BYTES else 1


def batches(streams: Iterable["DocumentStream"], limit: int | None = None) -> Iterator[list[Unit]]:
    """The units of every document in order, grouped into batches of about `limit` (BATCH_CHARS) characters."""
    limit = limit or BATCH_CHARS
    batch: list[Unit] = []
    size = 0
    for stream in streams:
        for unit in document_units(stream.name, stream.pieces, stream.size):
            batch.append(unit)
            size += len(unit.text)
            if size >= limit:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def payload(batch: list[Unit]) -> Payload:
    """What a worker needs of a batch."""
    return [(unit.name, unit.text, unit.line_offset, unit.continues) for unit in batch]


@fewer_collections()
def mine_part(miner_class: type["Miner"], entries: list["TermEntry"], known: "KnownTerms", settings: "MinerSettings",
              work: Payload) -> "Part":
    """Mine one batch into a Part (the map step), with a Miner built as the whole input's (its settings)."""
    miner = miner_class(entries, settings.language, None, settings.read_verbs, known=known, part=True)
    for name, text, line_offset, continues in work:
        miner.add_document(name, text, line_offset, continues)
    return miner.part()


class Reporter:
    """Progress after each unit: the document's name when its last unit is in, and the bytes it stood for."""

    def __init__(self, progress: Callable[[str], None] | None, advance: Callable[[int], None] | None) -> None:
        self.progress, self.advance = progress, advance

    def __call__(self, batch: list[Unit]) -> None:
        for unit in batch:
            if self.advance and unit.size:
                self.advance(unit.size)
            if self.progress and unit.last:
                self.progress(unit.name)


def mine_units(miner: "Miner", streams: Iterable["DocumentStream"], jobs: int = 1,
               progress: Callable[[str], None] | None = None, advance: Callable[[int], None] | None = None) -> None:
    """Mine every document into `miner`, in this process or in `jobs` worker processes."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise GlossaryError(f"jobs must be a whole number of processes, 1 or more (not {jobs!r})")
    report = Reporter(progress, advance)
    work = batches(streams)
    if jobs > 1:
        _mine_in_processes(miner, work, jobs, report)
    else:
        for batch in work:
            for unit in batch:
                miner.add_document(unit.name, unit.text, unit.line_offset, unit.continues)
                report([unit])
            miner.prune_if_large()


def combine(miner: "Miner", part: "Part", batch: list[Unit], report: Reporter) -> None:
    """Merge one batch's part in (the combine step), prune as one process would, report progress."""
    miner.merge(part)
    miner.prune_if_large()
    report(batch)


def describe_batches(batches: Iterable[list[Unit]]) -> str:
    """The documents of some batches, for an error message: 'a.txt', 'a.txt … d.txt (4 documents)'."""
    names = list(dict.fromkeys(unit.name for batch in batches for unit in batch))
    if len(names) <= 1:
        return names[0] if names else "the documents"
    return f"{names[0]} … {names[-1]} ({len(names)} documents)"


# --- worker processes -----------------------------------------------------------------------------

_WORKER: tuple[type["Miner"], list["TermEntry"], "KnownTerms", "MinerSettings"] | None = None


def _start_worker(start: str | tuple) -> None:
    """In a new worker process: ignore Ctrl-C (the parent stops the pool) and build the glossary's automaton once.
    `start` is (miner class, entries, settings), or the path of a file holding them pickled (_start_file)."""
    global _WORKER
    from .. import lexicons
    from ..matching import KnownTerms

    deaf_to_ctrl_c()
    lexicons.KEEP_FILES = False  # word lists are read here, written by the parent (one writer, not one per worker)
    if isinstance(start, str):
        import pickle

        with open(start, "rb") as handle:
            start = pickle.load(handle)
    miner_class, entries, settings = start
    _WORKER = (miner_class, entries, KnownTerms(entries), settings)


def _start_file(folder: str, start: tuple) -> str | None:
    """The workers' start (miner class, entries, settings) pickled once into a file in `folder`, its path; None when
    it cannot be written (the workers then get it through their start pipe, as a spawned process's arguments).
    Through a file, a worker starts in about a millisecond, while Ctrl-C is ignored here (processes.py): through
    the pipe, the parent would wait, ignoring it, until the worker had imported its modules and read the glossary."""
    import pickle

    path = os.path.join(folder, "worker-start.pickle")
    try:
        with open(path, "wb") as handle:
            pickle.dump(start, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return None
    return path


def _mine_in_worker(work: Payload) -> "Part":
    """A worker process's task."""
    assert _WORKER is not None, "worker not started"
    return mine_part(*_WORKER, work)


def _mine_in_processes(miner: "Miner", work: Iterator[list[Unit]], jobs: int, report: Reporter) -> None:
    """Map the batches over a pool of `jobs` processes (at most two batches each in flight), combine in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    start = (type(miner), miner.entries, miner.settings())
    try:
        folder: tempfile.TemporaryDirectory | None = tempfile.TemporaryDirectory(prefix="glossary-workers-")
    except OSError:  # no usable temporary folder: the start goes through the pipe
        folder = None
    start_file = _start_file(folder.name, start) if folder is not None else None
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                               initargs=(start_file or start,))
    # a submit starts a worker while there are fewer than `jobs`: with Ctrl-C ignored (for good, in the worker)
    starting = ctrl_c_ignored if start_file else contextlib.nullcontext
    pending: deque = deque()
    try:
        for batch in work:
            with starting():
                pending.append((batch, pool.submit(_mine_in_worker, payload(batch))))
            while len(pending) > 2 * jobs:
                combine(miner, pending[0][1].result(), pending.popleft()[0], report)
        while pending:
            combine(miner, pending[0][1].result(), pending.popleft()[0], report)
    except BrokenProcessPool:
        raise GlossaryError(f"a mining worker process died (killed, or out of memory?) while mining "
                            f"{describe_batches(batch for batch, _ in pending)}: no table was made") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if folder is not None:
            folder.cleanup()
