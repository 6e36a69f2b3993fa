"""Mining on a Dask distributed cluster (issue 15): a real LocalCluster of two worker processes, started once for
this module, gives the table one process gives; an unreachable scheduler and a dying worker fail in one line."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import glossary
from glossary.cli import cli
from glossary.errors import GlossaryError
from glossary.mining import parallel, sections

from .test_parallel import DOCUMENTS, SAMPLES, KillsItsMiner, big_document, mined

# worker processes read the prepared word lists from the cache folder: copies of a first run's
pytestmark = pytest.mark.usefixtures("prepared_cache")

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> str:
    """The address of a LocalCluster with two worker processes (one thread each); a task is tried once."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many small batches and sections, so that both workers get several."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 3_000)
    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)


def test_a_dask_cluster_gives_the_table_of_one_process(scheduler: str, small_parts: None, tmp_path) -> None:
    inputs = [*SAMPLES, big_document(tmp_path / "archive.txt", copies=1)]
    one = mined(inputs, jobs=1)
    on_cluster = mined(inputs, scheduler=scheduler)
    pd.testing.assert_frame_equal(one, on_cluster)
    with distributed.Client(scheduler) as client:  # a Client in hand (a notebook's) is used, not closed
        pd.testing.assert_frame_equal(one, mined(inputs, scheduler=client))
        assert client.status == "running"


def test_the_command_line_mines_on_the_scheduler_it_is_given(scheduler: str, small_parts: None) -> None:
    runner = CliRunner()
    here = runner.invoke(cli, ["mine", *DOCUMENTS, "--top", "0", "--json", "--jobs", "1"])
    there = runner.invoke(cli, ["mine", *DOCUMENTS, "--top", "0", "--json", "--scheduler", scheduler])
    assert here.exit_code == there.exit_code == 0, there.output
    assert json.loads(here.stdout) == json.loads(there.stdout)


def test_an_unreachable_scheduler_is_one_line_naming_it() -> None:
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    result = CliRunner().invoke(cli, ["mine", SAMPLES[0], "--scheduler", address])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("glossary: error: cannot reach the Dask scheduler at " + address)


def test_a_dask_worker_that_dies_fails_the_run_without_a_table(scheduler: str, small_parts: None) -> None:
    documents = [glossary.Document(f"ok-{n}.txt", "Alibaba Cloud opened a data centre in Chongqing.") for n in range(3)]
    documents.append(glossary.Document("deadly.txt", KillsItsMiner("Alibaba Cloud said so.")))
    with pytest.raises(GlossaryError, match=r"Dask worker died while mining .*deadly\.txt.*no table was made"):
        mined(documents, scheduler=scheduler)
