"""Benchmark: mining throughput and peak memory of glossary.mine on generated news, against YAKE; and
on generated Chinese news.

Run:  python benchmarks/mining_speed.py [--megabytes 20] [--yake-megabytes 1] [--zh-megabytes 20]
      [--memory-megabytes 100] [--workdir PATH] [--keep] [--seed 0]

Generates a seeded news-like corpus (corpus.py; 1 MB = 1,000,000 bytes, documents of ~4-8 KB) in a temporary
folder, then runs each measurement in a fresh subprocess so its peak memory (ru_maxrss) is its own:
- our miner, `glossary.mine(paths, glossary=None)` (the shipped glossary), on the whole corpus (--megabytes);
- YAKE (settings in systems.py, run per document as in the quality benchmark) on the first documents
  totalling --yake-megabytes, because it is too slow for the whole corpus; our miner on that same prefix too;
- our miner on a generated Chinese corpus (corpus_zh.py: the vocabulary of samples/zh/ and the glossary's
  Chinese terms; --zh-megabytes, 0 to skip; target ≥ 1 MB/s);
- with --memory-megabytes, our miner once more on an English and on a Chinese corpus of that size, for its
  peak memory (target < 1 GB).
Throughput is input bytes / wall-clock seconds of the extraction call (interpreter start and imports
excluded, though imports the miner makes lazily inside the call count; the whole process time is shown
too). Everything runs single-threaded (BLAS/OpenMP threads set to 1) on this machine; CPU/wall near 1.0
confirms one core was used.
The generated corpus is deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import corpus_zh
from corpus import MEGABYTE, write_corpus

OURS = "glossary.mine"
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                         "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS")}
MEMORY_TARGET_MB = 1000
ZH_THROUGHPUT_TARGET = 1.0  # MB/s on Chinese (issue 11)


@dataclass(frozen=True)
class Measurement:
    """What one subprocess run reported."""

    seconds: float
    process_seconds: float
    cpu_seconds: float
    megabytes: float
    documents: int
    outputs: int
    peak_rss_mb: float

    @property
    def throughput(self) -> float:
        """Megabytes of input per wall-clock second of extraction."""
        return self.megabytes / self.seconds if self.seconds else float("inf")


# --- inside the measuring subprocess ------------------------------------------------------------


def prepare_miner() -> Callable[[list[Path]], int]:
    """Mining with the shipped glossary, returning the number of rows (imported before timing)."""
    from systems import load_miner

    mine = load_miner()
    if mine is None:
        raise LookupError("glossary.mine not available yet")
    return lambda paths: len(mine(paths, glossary=None))


def prepare_yake() -> Callable[[list[Path]], int]:
    """YAKE per document, merged, returning the number of distinct terms (imported before timing)."""
    import yake  # noqa: F401  (loaded here so the import is not timed)
    from systems import yake_terms

    return lambda paths: len(yake_terms(path.read_text(encoding="utf-8") for path in paths))


EXTRACTORS: dict[str, Callable[[], Callable[[list[Path]], int]]] = {OURS: prepare_miner, "YAKE": prepare_yake}


def peak_rss_mb() -> float:
    """This process's peak resident memory, or its largest child's if larger, in MB."""
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak_kb * 1024 / MEGABYTE


def cpu_seconds() -> float:
    """User and system CPU time of this process and its children."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(item.ru_utime + item.ru_stime for item in usage)


def run_child(system: str, list_file: Path) -> None:
    """Measure one extraction and print its figures as one JSON line."""
    paths = [Path(line) for line in list_file.read_text(encoding="utf-8").splitlines() if line]
    try:
        extract = EXTRACTORS[system]()
    except LookupError as reason:
        print(json.dumps({"unavailable": str(reason)}))
        return
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    outputs = extract(paths)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu_before, "outputs": outputs,
        "megabytes": sum(path.stat().st_size for path in paths) / MEGABYTE, "documents": len(paths),
        "peak_rss_mb": peak_rss_mb(),
    }))


# --- in the benchmark process -------------------------------------------------------------------


def child_environment() -> dict[str, str]:
    """The environment for measuring: single-threaded, no glossary file chosen by the caller."""
    env = dict(os.environ, **SINGLE_THREAD)
    env.pop("GLOSSARY_FILE", None)
    return env


def measure(system: str, paths: list[Path], work: Path) -> Measurement | None:
    """Run one extraction in a fresh interpreter; None (after saying why) if it could not run."""
    list_file = work / f"{system}-{len(paths)}.list"
    list_file.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", system, str(list_file)]
    start = time.perf_counter()
    # cwd is the work folder, so no ./terms.csv there overrides the shipped glossary
    done = subprocess.run(command, cwd=work, env=child_environment(), capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"  {system}: failed (exit {done.returncode}):\n{done.stderr.strip()[-2000:]}")
        return None
    report = json.loads(lines[-1])
    if "unavailable" in report:
        print(f"  {system}: {report['unavailable']}")
        return None
    return Measurement(process_seconds=process_seconds, **report)


def prefix(paths: list[Path], megabytes: float) -> list[Path]:
    """The first documents totalling at least `megabytes` (all of them if the corpus is smaller)."""
    total, chosen = 0, []
    for path in paths:
        if total >= megabytes * MEGABYTE:
            break
        chosen.append(path)
        total += path.stat().st_size
    return chosen


def describe(label: str, result: Measurement) -> None:
    """Print one measurement."""
    print(f"  {label:36} {result.throughput:7.3f} MB/s   peak RSS {result.peak_rss_mb:6.0f} MB")
    print(f"  {'':36} {result.megabytes:.2f} MB in {result.documents} documents: {result.seconds:.2f} s extracting "
          f"(whole process {result.process_seconds:.2f} s), CPU/wall {result.cpu_seconds / result.seconds:.2f}, "
          f"{result.outputs} terms")


def run_measurement(label: str, system: str, paths: list[Path], work: Path) -> Measurement | None:
    """Measure, print and return."""
    result = measure(system, paths, work)
    if result is not None:
        describe(label, result)
    return result


def print_ratio(ours: Measurement | None, yake: Measurement | None, what: str) -> None:
    """Our throughput over YAKE's."""
    if ours is not None and yake is not None:
        print(f"  {OURS} throughput / YAKE throughput ({what}): {ours.throughput / yake.throughput:.1f}x")


def benchmark(options: argparse.Namespace, work: Path) -> None:
    """Generate the corpus, take every measurement and print it."""
    largest = max(options.megabytes, options.yake_megabytes, options.memory_megabytes or 0)
    start = time.perf_counter()
    paths = write_corpus(work / "corpus", largest, seed=options.seed)
    print(f"corpus: {len(paths)} documents, {largest:g} MB (seed {options.seed}) written to {work / 'corpus'}"
          f" in {time.perf_counter() - start:.1f} s")
    print("figures: wall-clock on this machine, one process, single-threaded; 1 MB = 1,000,000 bytes\n")

    main_paths, yake_paths = prefix(paths, options.megabytes), prefix(paths, options.yake_megabytes)
    ours = run_measurement(f"{OURS} on {options.megabytes:g} MB", OURS, main_paths, work)
    yake = run_measurement(f"YAKE on first {options.yake_megabytes:g} MB only", "YAKE", yake_paths, work)
    ours_small = run_measurement(f"{OURS} on the same {options.yake_megabytes:g} MB", OURS, yake_paths, work)
    print_ratio(ours, yake, f"ours on {options.megabytes:g} MB, YAKE on {options.yake_megabytes:g} MB")
    print_ratio(ours_small, yake, f"both on the same {options.yake_megabytes:g} MB")

    zh_paths: list[Path] = []
    zh_largest = max(options.zh_megabytes, options.memory_megabytes or 0) if options.zh_megabytes else 0
    if zh_largest:
        start = time.perf_counter()
        zh_paths = corpus_zh.write_corpus(work / "corpus-zh", zh_largest, seed=options.seed)
        print(f"\nChinese corpus: {len(zh_paths)} documents, {zh_largest:g} MB (seed {options.seed}) in "
              f"{time.perf_counter() - start:.1f} s")
        zh = run_measurement(f"{OURS} on {options.zh_megabytes:g} MB of Chinese", OURS,
                             prefix(zh_paths, options.zh_megabytes), work)
        if zh is not None and ours is not None:
            verdict = "ok" if zh.throughput >= ZH_THROUGHPUT_TARGET else "UNDER"
            print(f"  Chinese {zh.throughput:.3f} MB/s beside English {ours.throughput:.3f} MB/s "
                  f"(ratio {zh.throughput / ours.throughput:.2f}); target ≥ {ZH_THROUGHPUT_TARGET} MB/s: {verdict}")

    if options.memory_megabytes:
        for label, corpus_paths in (("English", paths), ("Chinese", zh_paths)):
            if not corpus_paths:
                continue
            print(f"\nmemory: {OURS} once on {options.memory_megabytes:g} MB of {label}")
            big = run_measurement(f"{OURS} on {options.memory_megabytes:g} MB ({label})", OURS,
                                  prefix(corpus_paths, options.memory_megabytes), work)
            if big is not None:
                verdict = "ok" if big.peak_rss_mb < MEMORY_TARGET_MB else "OVER"
                print(f"  peak RSS {big.peak_rss_mb:.0f} MB against a target under {MEMORY_TARGET_MB} MB: {verdict}")


def parse_options() -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=20, help="corpus for our miner (default: %(default)s)")
    parser.add_argument("--yake-megabytes", type=float, default=1,
                        help="prefix of the corpus YAKE runs on (default: %(default)s)")
    parser.add_argument("--zh-megabytes", type=float, default=20,
                        help="Chinese corpus for our miner, 0 to skip (default: %(default)s)")
    parser.add_argument("--memory-megabytes", type=float,
                        help="also run our miner once on an English and a Chinese corpus this big")
    parser.add_argument("--workdir", type=Path, help="where to generate corpora (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=2, metavar=("SYSTEM", "LIST"), help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Run the benchmark, or one measurement when called as the measuring subprocess."""
    options = parse_options()
    if options.child:
        run_child(options.child[0], Path(options.child[1]))
        return
    if options.workdir:
        options.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="glossary-speed-", dir=options.workdir))
    try:
        benchmark(options, work)
    finally:
        if options.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
