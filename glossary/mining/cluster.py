"""Mining on a Dask distributed cluster: the same map (a batch of documents into a Part, on a worker) and combine
(parts merged in document order, here) as on local cores, so the table is one process's.

Dask is an optional extra (`pip install "glossary[dask]"`), imported only here and only when a scheduler is
given. The workers need glossary installed too (same version); the documents are read here and sent to them,
so the workers need no access to the files."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable

from ..errors import GlossaryError
from .parallel import Payload, Reporter, batches, combine, describe_batches, mine_part, payload

if TYPE_CHECKING:
    from ..documents import DocumentStream

CONNECT_SECONDS = 5  # how long to try to reach a scheduler before saying it cannot be reached
TASKS_PER_WORKER = 2  # batches in flight per worker: enough to keep it busy, few enough to bound memory

_KNOWN: tuple[object, object] | None = None  # (the glossary entries a worker was sent, their automaton)


def connect(scheduler):
    """A distributed.Client for a scheduler address (or the Client given) and whether it is ours to close."""
    if hasattr(scheduler, "submit") and hasattr(scheduler, "scatter"):
        return scheduler, False
    if not isinstance(scheduler, str) or not scheduler.strip():
        raise GlossaryError(f"a Dask scheduler is an address such as tcp://host:8786, not {scheduler!r}")
    try:
        from distributed import Client
    except ImportError:
        raise GlossaryError('mining on a Dask cluster needs Dask: pip install "glossary[dask]"') from None
    address = scheduler.strip()
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False), True
    except (OSError, TimeoutError, ValueError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise GlossaryError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _mine_on_worker(miner_class: type["Miner"], entries, settings: "MinerSettings", work: Payload) -> "Part":
    """A Dask task: mine one batch, building the glossary's automaton once per worker process."""
    global _KNOWN
    from ..matching import KnownTerms

    if _KNOWN is None or _KNOWN[0] is not entries:
        _KNOWN = (entries, KnownTerms(entries))
    return mine_part(miner_class, entries, _KNOWN[1], settings, work)


def mine_on_cluster(miner: "Miner", streams: Iterable["DocumentStream"], scheduler,
                    progress: Callable[[str], None] | None = None, advance: Callable[[int], None] | None = None) -> None:
    """Map the documents' batches over the cluster's workers, combine the parts here in document order."""
    client, ours = connect(scheduler)
    report = Reporter(progress, advance)
    pending: deque = deque()
    try:
        from distributed.scheduler import KilledWorker

        workers = max(1, len(client.scheduler_info().get("workers", {})))
        settings = miner.settings()
        entries = client.scatter({"glossary-entries": miner.entries}, broadcast=True, hash=False)["glossary-entries"]
        try:
            for batch in batches(streams):
                pending.append((batch, client.submit(_mine_on_worker, type(miner), entries, settings, payload(batch),
                                                     pure=False)))
                while len(pending) > TASKS_PER_WORKER * workers:
                    combine(miner, pending[0][1].result(), pending.popleft()[0], report)
            while pending:
                combine(miner, pending[0][1].result(), pending.popleft()[0], report)
        except KilledWorker:
            raise GlossaryError(f"a Dask worker died while mining {describe_batches(b for b, _ in pending)}: "
                                "no table was made") from None
        except ImportError as error:
            raise GlossaryError(f"the Dask workers cannot run the miner ({error}): install glossary on them") \
                from None
        except OSError as error:  # the connection to the scheduler was lost
            raise GlossaryError(f"lost the Dask cluster while mining {describe_batches(b for b, _ in pending)} "
                                f"({' '.join(str(error).split()) or type(error).__name__}): no table was made") \
                from None
    finally:
        for _, future in pending:
            future.cancel()
        if ours:
            client.close()
