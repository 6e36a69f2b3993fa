"""Checked cache files: every read is whole and as written, or it raises DatabaseError (issue 9 §4)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cache import CheckedFile, Table, write_checked

WORDS = st.text(alphabet="abc", max_size=3)  # few letters: many equal values, which must not split a range


def written(layout: Table, rows: list[tuple]) -> CheckedFile:
    """A checked file in memory holding these rows (sorted by their search values)."""
    connection = sqlite3.connect(":memory:")
    write_checked(connection, {"words": (layout, rows)}, {"what": "test"})
    return CheckedFile(connection, {"words": layout})


def sorted_rows(words: list[str]) -> list[tuple]:
    """(word, number, note) rows in search order."""
    return sorted(((word, number, f"note {number}") for number, word in enumerate(words)), key=lambda row: row[0])


LAYOUTS = [Table({"word": str, "number": int, "note": str}, searched_by=1, chunk_rows=size) for size in (1, 2, 3, 7)]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(WORDS, max_size=40), low=WORDS, width=st.integers(0, 2), size=st.sampled_from([0, 1, 2, 3]))
def test_a_range_read_returns_exactly_the_rows_in_range(words: list[str], low: str, width: int, size: int):
    rows = sorted_rows(words)
    high = low + "c" * width + "\U0010ffff"
    found = list(written(LAYOUTS[size], rows).range("words", (low,), (high,)))
    assert found == [row for row in rows if low <= row[0] < high]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(WORDS, max_size=40), low=WORDS)
def test_a_grouped_range_read_returns_exactly_the_rows_in_range(words: list[str], low: str):
    layout = Table({"word": str, "number": int, "note": str}, searched_by=1, grouped=True)
    rows = sorted_rows(words)
    found = list(written(layout, rows).range("words", (low,), (low + "\U0010ffff",)))
    assert found == [row for row in rows if low <= row[0] < low + "\U0010ffff"]


def test_rows_by_number_and_every_row_are_read_back_as_written():
    rows = [(f"text {n}", f"note\nwith a line break {n}") for n in range(50)]
    layout = Table({"text": str, "note": str}, chunk_rows=4, by_row=True)
    checked = written(layout, rows)
    assert checked.rows("words", [49, 0, 17]) == {0: rows[0], 17: rows[17], 49: rows[49]}
    assert list(checked.all("words")) == rows


def damaged_copies(layout: Table, rows: list[tuple]):
    """For each chunk: the file with that chunk deleted, with a byte of it changed, and with its first row's search
    value (which the SQL index of chunk starts holds) made to sort first or last."""
    connection = sqlite3.connect(":memory:")
    write_checked(connection, {"words": (layout, rows)}, {})
    chunks = [pos for (pos,) in connection.execute("SELECT pos FROM words")]
    blob = [name for _, name, kind, *_ in connection.execute("PRAGMA table_info(words)") if kind == "BLOB"][0]
    for pos in chunks:
        for change in (f"DELETE FROM words WHERE pos = {pos}",
                       f"UPDATE words SET {blob} = CAST(substr({blob}, 1, 1) || 'x' || substr({blob}, 3) AS BLOB)"
                       f" WHERE pos = {pos}",
                       f"UPDATE words SET first_word = '' WHERE pos = {pos}",
                       f"UPDATE words SET first_word = 'zzz' WHERE pos = {pos}"):
            copy = sqlite3.connect(":memory:")
            connection.backup(copy)
            copy.execute(change)
            yield pos, change.split()[0], CheckedFile(copy, {"words": layout})


@pytest.mark.parametrize("layout", LAYOUTS[1:], ids=lambda layout: f"{layout.chunk_rows} rows a chunk")
def test_a_chunk_missing_or_changed_fails_every_read_that_needs_it_and_no_read_goes_wrong(layout: Table):
    rows = sorted_rows(["a", "ab", "abc", "b", "b", "b", "ba", "bb", "c", "ca", "cab", "cc", "cc", "ccc"])
    for pos, change, checked in damaged_copies(layout, rows):
        for low in ("", "a", "b", "ba", "c", "cc", "d"):
            high = low + "\U0010ffff"
            try:
                found = list(checked.range("words", (low,), (high,)))
            except sqlite3.DatabaseError:
                continue
            assert found == [row for row in rows if low <= row[0] < high], (pos, change, low)
        with pytest.raises(sqlite3.DatabaseError):
            checked.all("words")


def test_a_meta_table_changed_or_written_for_another_layout_is_damage():
    layout = LAYOUTS[1]
    connection = sqlite3.connect(":memory:")
    write_checked(connection, {"words": (layout, sorted_rows(["a", "b"]))}, {"signature": "1"})
    assert CheckedFile(connection, {"words": layout}).meta["signature"] == "1"
    with pytest.raises(sqlite3.DatabaseError, match="laid out otherwise"):
        CheckedFile(connection, {"words": LAYOUTS[2]})
    connection.execute("UPDATE meta SET value = '2' WHERE name = 'signature'")
    with pytest.raises(sqlite3.DatabaseError, match="meta table fails its check"):
        CheckedFile(connection, {"words": layout})


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: f"{layout.chunk_rows} rows a chunk")
def test_the_rows_containing_a_text_are_found_in_every_chunk_and_only_in_range(layout: Table):
    rows = sorted_rows(["abc", "bca", "bab", "cab", "ccc", "abab", "b"])
    checked = written(layout, rows)
    every = checked.all("words")
    assert [every[position][0] for position in every.containing("word", "ab")] == ["abab", "abc", "bab", "cab"]
    in_range = checked.range("words", ("b",), ("c",))
    assert [in_range[position][0] for position in in_range.containing("word", "ab")] == ["bab"]


def test_the_collector_s_thresholds_come_back_when_the_last_of_two_threads_mining_at_once_leaves():
    """Two threads inside fewer_collections at once (a Dask worker runs tasks in threads): the first to leave
    keeps the thresholds raised for the other, the last gives the caller's back."""
    import gc
    import threading

    from glossary.cache import fewer_collections

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
        seen: list[tuple[int, int, int]] = []

        def first() -> None:
            with fewer_collections():
                first_in.set()
                second_in.wait(10)
            first_out.set()

        def second() -> None:
            first_in.wait(10)
            with fewer_collections():
                second_in.set()
                first_out.wait(10)
                seen.append(gc.get_threshold())  # the first thread has left, this one is still inside

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(20)
        assert len(seen) == 1 and seen[0][0] >= 50_000
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
