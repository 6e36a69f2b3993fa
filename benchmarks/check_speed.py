"""Benchmark: term QA on 20,000 segment pairs against a 100,000-entry glossary, against a naive checker; and
whole `glossary check` runs, cold and warm, against a glossary of a million entries.

Run:  python benchmarks/check_speed.py [--segments 20000] [--entries 100000] [--naive-segments 200]
      python benchmarks/check_speed.py --entries 1000000 --cli-only [--baseline-root OTHER_CHECKOUT]

The glossary is generated from the CC-CEDICT data the package ships (benchmarks/lookup.py); segments are
made of filler words and two to four glossary terms each, their Chinese present in the target most of
the time. Our checker (glossary.check.TermChecker: one Aho-Corasick automaton for all terms) runs on
all segments; the naive baseline, in the same run, compiles one regular expression per English form
(word boundaries, ignoring case) and tries every one on every segment, looking for the Chinese by
substring. The naive checker is slow, so it runs on the first --naive-segments segments and its
segments per second are reported from that (said in the output). Target (issue 5): at least 50x.

Then the command line is timed end to end on the same segments (written as a two-column CSV file):
`glossary -g BIG.csv check SEGMENTS.csv --json` in a fresh process, first with an empty cache (cold: the
glossary is read, validated and compiled, and the compiled form kept), then again (warm: the compiled form
is read back). With --baseline-root, the same command run with another checkout's code (PYTHONPATH) in the
same run, on the same files, for a before/after ratio. --cli-only skips the in-process comparison (its
naive checker compiles a regular expression per form: minutes at a million entries).
Target (issue 15): 20,000 segments against 1,000,000 entries under 15 s end to end.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

FILLER = ("the company said on Monday that its new plan for the market would help customers and "
          "investors in the coming year while rivals kept prices low").split()


def make_segments(entries, count: int, seed: int = 0) -> list:
    """Segments with two to four glossary terms each; the Chinese is left out of one target in ten."""
    from glossary.segments import Segment

    rng = random.Random(seed)
    usable = [e for e in entries if e.english and e.chinese and len(e.english) < 30]
    pairs = []
    for number in range(1, count + 1):
        words, target = rng.sample(FILLER, 12), []
        for entry in rng.sample(usable, rng.randint(2, 4)):
            words.insert(rng.randrange(len(words)), entry.english)
            if rng.random() > 0.1:
                target.append(entry.chinese)
        pairs.append(Segment(number, " ".join(words) + ".", "，".join(target) + "。", f"bench:{number}", number))
    return pairs


class NaiveChecker:
    """One compiled regular expression per English form; every one tried on every segment."""

    def __init__(self, entries) -> None:
        self.patterns = [(re.compile(r"\b" + re.escape(form) + r"\b", re.IGNORECASE), entry)
                         for entry in entries for form in entry.english_forms()]

    def check(self, segments) -> int:
        """The number of missing renderings found."""
        missing = 0
        for segment in segments:
            for pattern, entry in self.patterns:
                if pattern.search(segment.source) and entry.chinese not in segment.target:
                    missing += 1
        return missing


def main() -> None:
    """Generate, run both checkers, print segments per second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--naive-segments", type=int, default=200)
    parser.add_argument("--cli-only", action="store_true", help="time only whole `glossary check` runs")
    parser.add_argument("--baseline-root", type=Path, help="another checkout whose code is timed alongside")
    options = parser.parse_args()
    from lookup import generate_glossary

    from glossary import store

    work = Path(tempfile.mkdtemp(prefix="glossary-check-"))
    path = work / "big.csv"
    generate_glossary(path, options.entries)
    entries = store.load(path).entries()
    segments = make_segments(entries, options.segments)
    print(f"{len(entries):,} entries, {len(segments):,} segment pairs; wall clock\n")
    if not options.cli_only:
        in_process(entries, segments, options.naive_segments)
    time_the_command_line(work, path, segments, options.baseline_root)


def time_the_command_line(work: Path, glossary: Path, segments: list, baseline: Path | None) -> None:
    """Whole `glossary check` runs on the segments as a CSV file, cold then warm (and another checkout's)."""
    pairs = work / "segments.csv"
    with pairs.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["source", "target"])
        writer.writerows((segment.source, segment.target) for segment in segments)
    roots = [("ours", HERE.parent)] + ([("baseline", baseline.resolve())] if baseline else [])
    times: dict[str, list[float]] = {}
    for label, root in roots:
        env = dict(os.environ, PYTHONPATH=str(root), GLOSSARY_CACHE_DIR=str(work / f"cache-{label}"))
        env.pop("GLOSSARY_FILE", None)
        command = [sys.executable, "-m", "glossary", "-g", str(glossary), "check", str(pairs), "--json"]
        times[label] = []
        for run in ("cold", "warm"):
            start, cpu = time.perf_counter(), children_cpu()
            # run from the work folder: `python -m` puts the current folder first on the path, before PYTHONPATH
            result = subprocess.run(command, capture_output=True, env=env, cwd=work, check=False)
            times[label].append(time.perf_counter() - start)
            cpu = children_cpu() - cpu
            if result.returncode not in (0, 1):
                raise SystemExit(f"{label} check failed:\n{result.stderr.decode()}")
            findings = len(__import__("json").loads(result.stdout)["findings"])
            verdict = "ok" if times[label][-1] < 15 else "OVER the 15 s target"
            print(f"  glossary check ({label}, {run} cache): {times[label][-1]:6.1f} s  ({cpu:.1f} s of CPU; "
                  f"{findings:,} findings; {verdict})")
    if baseline:
        print(f"  ours / baseline: cold {times['ours'][0] / times['baseline'][0]:.2f}, "
              f"warm {times['ours'][1] / times['baseline'][1]:.2f}")


def children_cpu() -> float:
    """CPU seconds (user and system) of the child processes waited for so far: on a shared machine, what a run cost
    when its wall time also holds the waits for other work."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def in_process(entries: list, segments: list, naive_segments: int) -> None:
    """Our checker and the naive one in this process, on the same segments."""
    from glossary.check import TermChecker

    start = time.perf_counter()
    checker = TermChecker(entries)
    built = time.perf_counter() - start
    start = time.perf_counter()
    findings = checker.check(segments)
    ours = time.perf_counter() - start
    print(f"  glossary check: {len(segments) / ours:10,.0f} segments/s  ({ours:.2f} s, automaton built in "
          f"{built:.2f} s, {len(findings):,} findings)")

    start = time.perf_counter()
    naive = NaiveChecker(entries)
    naive_built = time.perf_counter() - start
    subset = segments[:naive_segments]
    start = time.perf_counter()
    naive.check(subset)
    naive_time = time.perf_counter() - start
    naive_rate = len(subset) / naive_time
    print(f"  naive regexes:  {naive_rate:10,.1f} segments/s  (on the first {len(subset)} segments: "
          f"{naive_time:.2f} s; {len(naive.patterns):,} patterns compiled in {naive_built:.2f} s)")
    print(f"  ratio: {len(segments) / ours / naive_rate:,.0f}x (target >= 50x)\n")


if __name__ == "__main__":
    main()
