"""Benchmark: term QA on 20,000 segment pairs against a 100,000-entry glossary, against a naive checker.

Run:  python benchmarks/check_speed.py [--segments 20000] [--entries 100000] [--naive-segments 200]

The glossary is generated from the CC-CEDICT data the package ships (benchmarks/lookup.py); segments are
made of filler words and two to four glossary terms each, their Chinese present in the target most of
the time. Our checker (glossary.check.TermChecker: one Aho-Corasick automaton for all terms) runs on
all segments; the naive baseline, in the same run, compiles one regular expression per English form
(word boundaries, ignoring case) and tries every one on every segment, looking for the Chinese by
substring. The naive checker is slow, so it runs on the first --naive-segments segments and its
segments per second are reported from that (said in the output). Target (issue 5): at least 50x.
"""

from __future__ import annotations

import argparse
import random
import re
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
    options = parser.parse_args()
    from lookup import generate_glossary

    from glossary import store
    from glossary.check import TermChecker

    path = Path(tempfile.mkdtemp(prefix="glossary-check-")) / "big.csv"
    generate_glossary(path, options.entries)
    entries = store.load(path).entries()
    segments = make_segments(entries, options.segments)
    print(f"{len(entries):,} entries, {len(segments):,} segment pairs; wall clock, one process\n")

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
    subset = segments[: options.naive_segments]
    start = time.perf_counter()
    naive.check(subset)
    naive_time = time.perf_counter() - start
    naive_rate = len(subset) / naive_time
    print(f"  naive regexes:  {naive_rate:10,.1f} segments/s  (on the first {len(subset)} segments: "
          f"{naive_time:.2f} s; {len(naive.patterns):,} patterns compiled in {naive_built:.2f} s)")
    print(f"  ratio: {len(segments) / ours / naive_rate:,.0f}x (target >= 50x)")


if __name__ == "__main__":
    main()
