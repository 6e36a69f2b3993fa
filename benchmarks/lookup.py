"""Benchmark: whole `glossary lookup` processes against a bare interpreter start, in the same virtual environment.

Run:  python benchmarks/lookup.py [--runs 15] [--entries 100000] [--baseline OTHER/.venv/bin/glossary]

Prints the median wall time of `python -c pass`, of lookups on the shipped glossary and on a generated
glossary of N entries (built from the CC-CEDICT data the package ships), and the ratios. The index of
each glossary is built once before timing (a cold build is reported separately), as a user's second
lookup would find it. Output is piped, as in a script (plain text, no rich).
With --baseline, another install's glossary command (say, a checkout of main) is timed in the same run
on the same glossaries, its runs taking turns with ours, each with its own index cache; the last
column is our time over its time.
The size of each index on disk is printed per entry.
Targets (issue 2): shipped glossary within 8x a bare start; 100,000 entries within 12x. Issue 15, at a
million entries: the index under 1 KB an entry and built in under 30 s; fuzzy lookup within 10x a bare start.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

QUERIES = {
    "english exact": ["qwen"],
    "chinese prefix": ["通义"],
    "pinyin": ["tongyi qianwen"],
    "short prefix": ["ch"],  # thousands of keys and entries read (and checked)
    "substring": ["qianwen"],  # a later word of a key
    "chinese substring": ["千问"],  # inside a Chinese key
    "inside a word": ["ianwen"],  # no word starts so: every Latin key is scanned
    "fuzzy": ["alibaba clod"],
}


def glossary_command() -> list[str]:
    """The `glossary` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("glossary")
    if not script.exists():
        sys.exit(f"no glossary script beside {sys.executable}: pip install . first")
    return [str(script)]


def time_command(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall-clock seconds of a command over several runs (output discarded, as through a pipe)."""
    return time_commands([(command, env)], runs)[0]


def time_commands(commands: list[tuple[list[str], dict[str, str]]], runs: int) -> list[float]:
    """Median wall-clock seconds of each (command, environment), their runs taking turns so that both see the
    same machine."""
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, env), times in zip(commands, samples):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, check=False)
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def numbered_to_marks(numbered: str) -> str:
    """CC-CEDICT's 'tong1 yi4' as 'tōngyì' (tone marks, one word)."""
    from pypinyin.contrib.tone_convert import to_tone

    return "".join(to_tone(syllable.lower().replace("u:", "v")) for syllable in numbered.split())


def generate_glossary(path: Path, size: int) -> int:
    """Write a valid glossary of `size` entries from CC-CEDICT headwords and glosses; returns the count. Past its
    123,000 headwords, entries join two of them (English glosses, Chinese words and pinyin alike), as compound
    terms do."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from glossary.schema import COLUMNS, english_identity

    words = cedict_words()
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        count, step = 0, 0
        while count < size and step <= 50:
            for position, (traditional, simplified, pinyin, gloss) in enumerate(words):
                if count >= size:
                    break
                if step:  # a compound of this headword and one further on
                    other = words[(position * 7919 + step * 104_729) % len(words)]
                    traditional, simplified = traditional + other[0], simplified + other[1]
                    pinyin, gloss = f"{pinyin} {other[2]}", f"{gloss} {other[3]}"
                english = gloss if english_identity(gloss) not in seen else f"{gloss} ({pinyin})"
                if english_identity(english) in seen:
                    continue
                seen.add(english_identity(english))
                count += 1
                writer.writerow(row(id=f"B{count:07d}", english=english, chinese=simplified, traditional=traditional,
                                    pinyin=pinyin, category="jargon", status="approved", source="CC-CEDICT"))
            step += 1
    return count


def row(**cells: str) -> list[str]:
    """A glossary row: these cells, the others empty, dated."""
    from glossary.schema import COLUMNS

    cells.setdefault("updated", "2026-11-24")
    return [cells.get(name, "") for name in COLUMNS]


def cedict_words() -> list[tuple[str, str, str, str]]:
    """(traditional, simplified, pinyin with tone marks, first gloss) of each usable CC-CEDICT headword."""
    from glossary.scripts import has_han

    words = []
    data = resources.files("glossary").joinpath("data").joinpath("cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" /")
            traditional, simplified, reading = head.split(" ", 2)
            gloss = rest.split("/")[0].strip()
            if gloss and "|" not in gloss and not has_han(gloss):  # Chinese goes in the Chinese cells
                words.append((traditional, simplified, numbered_to_marks(reading.strip("[]")), gloss))
    return words


def index_bytes(cache: Path) -> int:
    """The size of the index a cache folder got last (the one the lookup just built)."""
    files = sorted(cache.glob("index-*.sqlite3"), key=lambda file: file.stat().st_mtime)
    return files[-1].stat().st_size if files else 0


def main() -> None:
    """Run the benchmark and print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path, help="another install's glossary command to time alongside")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(work / "cache"))
    env.pop("GLOSSARY_FILE", None)
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode: compiling is no lookup's cost
    glossary = glossary_command()
    commands = [(glossary, env)]
    if options.baseline:  # its own cache: two index formats under one name would rebuild each other
        commands.append(([str(options.baseline)], dict(env, GLOSSARY_CACHE_DIR=str(work / "baseline-cache"))))

    big = work / "big.csv"
    count = generate_glossary(big, options.entries)
    # make sure the probes hit: one known entry in the big file too
    with big.open("a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow(
            row(id="Z000001", english="Tongyi Qianwen", chinese="通义千问", traditional="通義千問", pinyin="Tōngyì Qiānwèn",
                category="product", status="approved", variants="Qwen"))

    bare = time_command([sys.executable, "-c", "pass"], options.runs, env)
    print(f"python -c pass: {bare * 1000:.1f} ms (median of {options.runs})\n")

    for label, target, extra in (("shipped glossary", None, []), (f"{count + 1:,} entries", big, ["-g", str(big)])):
        builds = []
        for command, command_env in commands:
            start = time.perf_counter()
            subprocess.run(command + extra + ["lookup", "qwen"], capture_output=True, env=command_env, check=True)
            builds.append(time.perf_counter() - start)
        entries = count + 1 if target is not None else sum(1 for _ in csv.reader(
            resources.files("glossary").joinpath("data").joinpath("terms.csv").open(encoding="utf-8"))) - 1
        sizes = [index_bytes(Path(command_env["GLOSSARY_CACHE_DIR"])) for _, command_env in commands]
        print(f"{label}: first lookup, building the index: {builds[0]:.2f} s"
              + (f" (baseline {builds[1]:.2f} s, {builds[0] / builds[1]:.2f}x)" if options.baseline else ""))
        print(f"  index on disk: {sizes[0] / 1e6:,.1f} MB, {sizes[0] / entries:,.0f} bytes an entry"
              + (f" (baseline {sizes[1] / 1e6:,.1f} MB, {sizes[1] / entries:,.0f} bytes an entry)"
                 if options.baseline else ""))
        limit = 8 if target is None else 12
        for kind, query in QUERIES.items():
            medians = time_commands([(command + extra + ["lookup", *query], command_env)
                                     for command, command_env in commands], options.runs)
            ratio = medians[0] / bare
            verdict = "ok" if ratio <= limit else f"OVER the {limit}x target"
            line = f"  {kind:15} {medians[0] * 1000:7.1f} ms  {ratio:5.1f}x bare start  ({verdict})"
            if options.baseline:
                line += (f"   baseline {medians[1] * 1000:7.1f} ms  {medians[1] / bare:5.1f}x"
                         f"   ours/baseline {medians[0] / medians[1]:.2f}")
            print(line)
        print()


if __name__ == "__main__":
    main()
