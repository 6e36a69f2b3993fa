"""Benchmark: how lookup finds substrings, ours against SQLite FTS5's trigram tokenizer, on the same text keys.

Run:  python benchmarks/substring_index.py [--entries 1000000] [--runs 5]

The text keys of a generated glossary (benchmarks/lookup.py; folded English, Chinese in both scripts, pinyin)
are indexed twice, each in its own SQLite file: by our grams table (each later word of a Latin key, each
character and pair of characters of a Chinese key → the numbers of the keys holding it, in checked chunks,
glossary/search.py), and by an FTS5 table with the trigram tokenizer (contentless: the keys themselves live in
the texts table both need; detail=full, which substring matching needs). Printed: each one's size an entry and build
time, and the median time of finding the candidate keys for substring queries, in this process. FTS5's
trigram tokenizer matches queries of three characters or more; a Chinese query of one or two characters
(most Chinese words) needs another path: here LIKE on a plain table of the keys (not counted in FTS5's size),
a scan of every key.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

QUERIES = {"later word (Latin)": "qianwen", "inside a word (Latin)": "ianwen", "Chinese, 3 characters": "通义千",
           "Chinese, 2 characters": "千问", "Chinese, 1 character": "问"}


def median_ms(work, runs: int) -> float:
    """Median milliseconds of a call."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    """Build both indexes and print sizes, build times and query times."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    from lookup import generate_glossary

    from glossary import search, store
    from glossary.cache import CheckedFile, write_checked

    work = Path(tempfile.mkdtemp(prefix="glossary-substrings-"))
    count = generate_glossary(work / "big.csv", options.entries)
    with (work / "big.csv").open("a", encoding="utf-8") as out:  # the entry the queries are about
        out.write("Z000001,Tongyi Qianwen,通义千问,通義千問,Tōngyì Qiānwèn,product,approved,Qwen,,,,,2026-11-24\n")
    tables = search._index_tables(store.read_entries(work / "big.csv"))
    texts = tables[search._TEXTS][1]
    print(f"{count:,} entries, {len(texts):,} text keys\n")

    start = time.perf_counter()
    grams = search._gram_rows(texts)
    ours_path = work / "ours.sqlite3"
    with contextlib.closing(sqlite3.connect(ours_path)) as connection:
        write_checked(connection, {name: tables[name] if name != search._GRAMS else (tables[name][0], grams)
                                   for name in (search._TEXTS, search._GRAMS)}, {})
    ours_build = time.perf_counter() - start
    texts_only = work / "texts.sqlite3"
    start = time.perf_counter()
    with contextlib.closing(sqlite3.connect(texts_only)) as connection:
        write_checked(connection, {search._TEXTS: tables[search._TEXTS]}, {})
    ours_build -= time.perf_counter() - start  # the texts table, which both need
    ours_size = ours_path.stat().st_size - texts_only.stat().st_size

    start = time.perf_counter()
    fts_path = work / "fts.sqlite3"
    with contextlib.closing(sqlite3.connect(fts_path)) as connection:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                 "CREATE VIRTUAL TABLE keys USING fts5(key, tokenize='trigram', content='')")
        connection.executemany("INSERT INTO keys (rowid, key) VALUES (?, ?)",
                               ((number, key) for number, (key, _, _) in enumerate(texts)))
        connection.execute("INSERT INTO keys (keys) VALUES ('optimize')")
        connection.commit()
    fts_build = time.perf_counter() - start
    fts_size = fts_path.stat().st_size
    with contextlib.closing(sqlite3.connect(fts_path)) as connection:
        connection.execute("CREATE TABLE plain (key TEXT)")
        connection.executemany("INSERT INTO plain VALUES (?)", ((key,) for key, _, _ in texts))
        connection.commit()

    print(f"  ours (grams table):  {ours_size / count:6.0f} bytes an entry, built in {ours_build:5.1f} s")
    print(f"  FTS5 trigram:        {fts_size / count:6.0f} bytes an entry, built in {fts_build:5.1f} s "
          f"({fts_size / ours_size:.1f}x ours in size)\n")

    index = CheckedFile(sqlite3.connect(ours_path), {name: search._TABLES[name]
                                                     for name in (search._TEXTS, search._GRAMS)})
    fts = sqlite3.connect(fts_path)
    for label, query in QUERIES.items():
        def ours() -> int:
            if label.startswith("inside"):
                return len(index.all(search._TEXTS).containing("key", query))
            numbers = search._holding_all(index, search.cjk_grams(query))
            if not search.is_cjk(query):
                numbers |= set(index.range(search._GRAMS, (query,), (query + search._LAST_CHARACTER,)).column("text"))
            return len(numbers)

        def theirs() -> int:
            if len(query) >= 3:
                return len(fts.execute("SELECT rowid FROM keys WHERE keys MATCH ?", (f'"{query}"',)).fetchall())
            return len(fts.execute("SELECT rowid FROM plain WHERE key LIKE ?", (f"%{query}%",)).fetchall())

        print(f"  {label:24} ours {median_ms(ours, options.runs):8.1f} ms ({ours():,} candidates)   "
              f"FTS5 {median_ms(theirs, options.runs):8.1f} ms ({theirs():,} keys"
              f"{', LIKE: a scan' if len(query) < 3 else ''})")


if __name__ == "__main__":
    main()
