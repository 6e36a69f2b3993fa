"""The miner's whole ranked table on the samples, every column of every row, against a snapshot that the code
before the speed work produced (tests/data/mined_samples.json): a faster miner must find the same rows.

Regenerate the snapshot only on purpose (a change of behaviour, said so in the commit):
    PYTHONPATH=$PWD python -m tests.test_mining_identical --write
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

import glossary
from glossary import store
from glossary.documents import Document
from glossary.mining.pipeline import Miner, table

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SNAPSHOT = Path(__file__).resolve().parent / "data" / "mined_samples.json"
ENGLISH = sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html"))
CHINESE = sorted(f"zh/{p.name}" for p in (SAMPLES / "zh").iterdir() if p.suffix == ".txt")


def _shipped() -> store.Glossary:
    """The glossary shipped in the package."""
    return store.Glossary(store.read_entries(store.embedded_path()))


def _plain(value: object) -> object:
    """A cell as JSON keeps it (NaN as None)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _rows(frame) -> list[dict[str, object]]:
    """Every row of a table, every column."""
    return [{column: _plain(value) for column, value in row.items()} for row in frame.to_dict(orient="records")]


def _documents(names: list[str]) -> list[Document]:
    """The samples as Documents named by their path under samples/ (found_in does not depend on the checkout)."""
    return [Document(name, (SAMPLES / name).read_text(encoding="utf-8")) for name in names]


def _untagged(names: list[str], entries) -> list[dict[str, object]]:
    """The table of the samples read as a large input is (the tagger not asked), in one process."""
    miner = Miner(entries, "auto", read_verbs=False)
    for document in _documents(names):
        miner.add_document(document.name, document.text)
    return _rows(table(miner, details=True))


def tables() -> dict[str, list[dict[str, object]]]:
    """Each table the snapshot holds: every sample alone, all together (tagged and untagged), and the English
    samples with no glossary (every name is then new)."""
    shipped = _shipped()
    result: dict[str, list[dict[str, object]]] = {}
    for name in ENGLISH + CHINESE:
        result[name] = _rows(glossary.mine(_documents([name]), glossary=shipped, details=True, jobs=1))
    result["all samples"] = _rows(glossary.mine(_documents(ENGLISH + CHINESE), glossary=shipped, details=True, jobs=1))
    result["all samples, untagged"] = _untagged(ENGLISH + CHINESE, shipped.entries())
    result["English samples, no glossary"] = _rows(glossary.mine(_documents(ENGLISH), glossary=False, details=True,
                                                                 jobs=1))
    return result


@pytest.fixture(scope="module")
def mined() -> dict[str, list[dict[str, object]]]:
    """The tables as this checkout mines them."""
    return tables()


@pytest.fixture(scope="module")
def snapshot() -> dict[str, list[dict[str, object]]]:
    """The tables as the snapshot holds them."""
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_snapshot_covers_every_sample_and_holds_real_tables(snapshot):
    assert set(snapshot) == set(ENGLISH + CHINESE) | {"all samples", "all samples, untagged",
                                                       "English samples, no glossary"}
    assert all(snapshot[name] for name in snapshot)
    assert len(snapshot["all samples"]) > 300
    kinds = {row["kind"] for row in snapshot["all samples"]}
    assert {"known", "name", "term", "acronym", "chinese"} <= kinds


@pytest.mark.parametrize("name", ENGLISH + CHINESE + ["all samples", "all samples, untagged",
                                                      "English samples, no glossary"])
def test_the_ranked_table_is_the_snapshot_s_row_for_row_and_column_for_column(name, mined, snapshot):
    got, want = mined[name], snapshot[name]
    for position, (row, expected) in enumerate(zip(got, want)):
        assert row == expected, f"{name}: row {position} differs"
    assert len(got) == len(want), f"{name}: {len(got)} rows, the snapshot has {len(want)}"


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(tables(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
