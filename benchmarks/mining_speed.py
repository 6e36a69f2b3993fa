"""Benchmark: mining throughput and peak memory of glossary.mine on generated news, against YAKE; and
on generated Chinese news.

Run:  python benchmarks/mining_speed.py [--megabytes 20] [--yake-megabytes 1] [--acter PATH]
      [--acter-megabytes 1] [--zh-megabytes 20] [--memory-megabytes 100] [--jobs-megabytes 10]
      [--big-file-megabytes 100] [--startup [--startup-baseline PATH]] [--floor] [--skip-yake] [--workdir PATH]
      [--keep] [--seed 0]

Generates a seeded news-like corpus (corpus.py; 1 MB = 1,000,000 bytes, documents of ~4-8 KB) in a temporary
folder, then runs each measurement in a fresh subprocess so its peak memory (ru_maxrss) is its own:
- our miner, `glossary.mine(paths, glossary=None)` (the shipped glossary), on the whole corpus (--megabytes);
- YAKE (settings in systems.py, run per document as in the quality benchmark) on the first documents
  totalling --yake-megabytes, because it is too slow for the whole corpus; our miner on that same prefix too;
- YAKE and our miner on the same --acter-megabytes of ACTER's English texts (the four domains' files taken in
  turn, one of each domain, then the next; from --acter, by default <repo>/../shared/eval/acter; skipped, saying
  so, when it is missing or --acter-megabytes is 0);
- our miner on a generated Chinese corpus (corpus_zh.py: the vocabulary of samples/zh/ and the glossary's
  Chinese terms; --zh-megabytes, 0 to skip; target ≥ 1 MB/s);
- with --memory-megabytes, our miner once more on an English and on a Chinese corpus of that size, for its
  peak memory (target < 1 GB);
- with --jobs-megabytes, our miner on that prefix with --jobs 1, then --jobs 2, then on a Dask LocalCluster of
  two worker processes (cluster start-up shown apart), printing the ratios and whether the three tables are
  identical (a digest of the whole table);
- with --startup, `glossary mine` on a file of one sentence in fresh interpreters: the first run with an empty
  cache folder (it builds the caches), then the median of 5 warm runs, beside `python -c pass`; with
  --startup-baseline PATH, the same for the checkout at PATH (e.g. the main branch) in the same run;
- with --big-file-megabytes, the corpus written as ONE file of that size, mined once (jobs 2) for peak memory:
  the largest process and all processes together, sampled from /proc (target: under 500 MB);
- with --floor, a floor for any n-gram term miner written in Python, on the same text as our miner: every run of
  one to three words (English, split by one regex) or of one to three segments (Chinese, rjieba's segments with
  their parts of speech, as our miner asks for them) joined and counted in a dict, nothing else; printed in MB
  per CPU-second beside our miner's and the per-core targets.
Throughput is input bytes / wall-clock seconds of the extraction call (interpreter start and imports
excluded, though imports the miner makes lazily inside the call count; the whole process time is shown
too). Everything runs single-threaded (BLAS/OpenMP threads set to 1) on this machine; CPU/wall near 1.0
confirms one core was used.
The generated corpus is deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import corpus_zh
from acter import DOMAINS, default_acter_folder, domain_texts
from corpus import MEGABYTE, write_corpus

OURS = "glossary.mine"
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                         "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS")}
MEMORY_TARGET_MB = 1000
ZH_THROUGHPUT_TARGET = 1.0  # MB/s on Chinese (issue 11)
ENGLISH_CPU_TARGET = 3.0  # MB per CPU-second on English (issue 15)
BIG_FILE_TARGET_MB = 500


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
    total_peak_mb: float = 0.0
    digest: str = ""
    start_seconds: float = 0.0

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
    return lambda paths: len(mine(paths, glossary=None, jobs=1))  # one core, as YAKE


def prepare_yake() -> Callable[[list[Path]], int]:
    """YAKE per document, merged, returning the number of distinct terms (imported before timing)."""
    import yake  # noqa: F401  (loaded here so the import is not timed)
    from systems import yake_terms

    return lambda paths: len(yake_terms(path.read_text(encoding="utf-8") for path in paths))


def prepare_parallel(jobs: int) -> Callable[[], Callable[[list[Path]], int]]:
    """Mining with --jobs N, the digest of the whole table kept for comparing runs."""
    def prepare() -> Callable[[list[Path]], int]:
        import glossary

        def run(paths: list[Path]) -> int:
            frame = glossary.mine(paths, glossary=None, top=None, details=True, jobs=jobs)
            DIGEST.append(hashlib.sha256(frame.to_csv().encode()).hexdigest()[:16])
            return len(frame)
        return run
    return prepare


def prepare_dask() -> Callable[[list[Path]], int]:
    """Mining on a Dask LocalCluster of two worker processes (started before timing, its start-up kept)."""
    import glossary
    from distributed import LocalCluster

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    START.append(time.perf_counter() - start)

    def run(paths: list[Path]) -> int:
        frame = glossary.mine(paths, glossary=None, top=None, details=True, scheduler=cluster.scheduler_address)
        DIGEST.append(hashlib.sha256(frame.to_csv().encode()).hexdigest()[:16])
        return len(frame)
    return run


def prepare_floor(chinese: bool) -> Callable[[list[Path]], int]:
    """Every run of one to three words (or of rjieba's segments) counted in a dict: the least per word that an
    n-gram term miner in Python does; returns the number of distinct runs."""
    import re

    if chinese:
        import rjieba

        def units(text: str) -> list[str]:
            return [word for word, _ in rjieba.tag(text)]
        joiner = ""
    else:
        words = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
        units, joiner = words.findall, " "

    def run(paths: list[Path]) -> int:
        counts: dict[str, int] = {}
        for path in paths:
            found = units(path.read_text(encoding="utf-8"))
            for size in (1, 2, 3):
                for start in range(len(found) - size + 1):
                    gram = joiner.join(found[start:start + size])
                    counts[gram] = counts.get(gram, 0) + 1
        return len(counts)
    return run


DIGEST: list[str] = []
START: list[float] = []
EXTRACTORS: dict[str, Callable[[], Callable[[list[Path]], int]]] = {
    OURS: prepare_miner, "YAKE": prepare_yake, "jobs=1": prepare_parallel(1), "jobs=2": prepare_parallel(2),
    "dask=2": prepare_dask, "floor": lambda: prepare_floor(chinese=False),
    "floor-zh": lambda: prepare_floor(chinese=True),
}


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (from /proc) in a thread."""

    def __init__(self) -> None:
        self.peak_total_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak_total_kb = max(self.peak_total_kb, sum(_rss_kb(pid) for pid in _tree(os.getpid())))


def _tree(root: int) -> list[int]:
    """A process and its descendants."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    """A process's resident memory in kB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


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
    with TreeMemory() as memory:
        outputs = extract(paths)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu_before, "outputs": outputs,
        "megabytes": sum(path.stat().st_size for path in paths) / MEGABYTE, "documents": len(paths),
        "peak_rss_mb": peak_rss_mb(), "total_peak_mb": memory.peak_total_kb * 1024 / MEGABYTE,
        "digest": DIGEST[0] if DIGEST else "", "start_seconds": START[0] if START else 0.0,
    }))


# --- in the benchmark process -------------------------------------------------------------------


def child_environment() -> dict[str, str]:
    """The environment for measuring: single-threaded, no glossary file chosen by the caller."""
    env = dict(os.environ, **SINGLE_THREAD)
    env.pop("GLOSSARY_FILE", None)
    return env


def measure(system: str, paths: list[Path], work: Path) -> Measurement | None:
    """Run one extraction in a fresh interpreter; None (after saying why) if it could not run."""
    list_file = work / f"{system.replace('=', '-')}-{len(paths)}.list"
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
          f"{cpu_rate(result):.3f} MB per CPU-second, {result.outputs} terms")


def run_measurement(label: str, system: str, paths: list[Path], work: Path) -> Measurement | None:
    """Measure, print and return."""
    result = measure(system, paths, work)
    if result is not None:
        describe(label, result)
    return result


def one_file(paths: list[Path], megabytes: float, target: Path) -> Path:
    """The corpus's first documents written as one file of about `megabytes`, paragraphs between them."""
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for path in paths:
            if written >= megabytes * MEGABYTE:
                break
            text = path.read_text(encoding="utf-8")
            out.write(text.rstrip("\n") + "\n\n")
            written += len(text.encode("utf-8")) + 2
    return target


def compare_jobs(options: argparse.Namespace, paths: list[Path], work: Path) -> None:
    """--jobs 1, --jobs 2 and a 2-worker Dask LocalCluster on the same text, in this run."""
    chosen = prefix(paths, options.jobs_megabytes)
    print(f"\nall cores: the same {options.jobs_megabytes:g} MB, one process, two processes, Dask (2 workers)")
    one = run_measurement("--jobs 1", "jobs=1", chosen, work)
    two = run_measurement("--jobs 2", "jobs=2", chosen, work)
    dask = run_measurement("Dask LocalCluster, 2 workers", "dask=2", chosen, work)
    if one and two:
        print(f"  --jobs 2 / --jobs 1 throughput: {two.throughput / one.throughput:.2f}x"
              f"   tables identical: {'yes' if one.digest == two.digest else 'NO'}")
    if one and dask:
        print(f"  Dask (2 workers) / --jobs 1 throughput: {dask.throughput / one.throughput:.2f}x"
              f" (cluster start-up {dask.start_seconds:.1f} s, not counted)"
              f"   tables identical: {'yes' if one.digest == dask.digest else 'NO'}")


def big_file(options: argparse.Namespace, paths: list[Path], work: Path) -> None:
    """One file of --big-file-megabytes, mined once with --jobs 2, for peak memory."""
    target = one_file(paths, options.big_file_megabytes, work / "one-big-file.txt")
    size = target.stat().st_size / MEGABYTE
    print(f"\none big file: {size:.0f} MB in one .txt file, mined once with --jobs 2")
    result = run_measurement(f"one {size:.0f} MB file, --jobs 2", "jobs=2", [target], work)
    if result is not None:
        verdict = "ok" if result.total_peak_mb < BIG_FILE_TARGET_MB else "OVER"
        print(f"  peak RSS: largest process {result.peak_rss_mb:.0f} MB, all processes together "
              f"{result.total_peak_mb:.0f} MB, against a target under {BIG_FILE_TARGET_MB} MB: {verdict}")


ONE_SENTENCE = "Alibaba Cloud said its Qwen model drew strong interest from developers in Hangzhou.\n"
WARM_RUNS = 5


def timed_run(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Wall-clock seconds of one command (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def startup(options: argparse.Namespace, work: Path) -> None:
    """First (cache-building) and warm runs of `glossary mine` on one sentence, for this checkout and a baseline."""
    sentence = work / "one-sentence.txt"
    sentence.write_text(ONE_SENTENCE, encoding="utf-8")
    here = str(Path(__file__).resolve().parent.parent)
    checkouts = [("this checkout", here)] + ([("baseline " + str(options.startup_baseline),
                                               str(options.startup_baseline))] if options.startup_baseline else [])
    bare = sorted(timed_run([sys.executable, "-c", "pass"], child_environment(), work) for _ in range(WARM_RUNS))
    bare_median = bare[WARM_RUNS // 2]
    print(f"\nstart-up: `glossary mine` on one sentence; python -c pass takes {bare_median:.3f} s (median of "
          f"{WARM_RUNS})")
    for label, root in checkouts:
        # as installed: the modules compiled once (pip does so), their bytecode read (PYTHONDONTWRITEBYTECODE unset)
        env = dict(child_environment(), PYTHONPATH=root, GLOSSARY_CACHE_DIR=str(work / f"cache-{len(label)}"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(root) / "glossary")], env=env, check=True,
                       capture_output=True)
        command = [sys.executable, "-m", "glossary", "mine", str(sentence)]
        first = timed_run(command, env, work)
        warm = sorted(timed_run(command, env, work) for _ in range(WARM_RUNS))[WARM_RUNS // 2]
        print(f"  {label:40} first run {first:6.2f} s   warm (median of {WARM_RUNS}) {warm:6.3f} s = "
              f"{warm / bare_median:.0f}x a bare start")


def print_ratio(ours: Measurement | None, yake: Measurement | None, what: str) -> None:
    """Our throughput over YAKE's."""
    if ours is not None and yake is not None:
        print(f"  {OURS} throughput / YAKE throughput ({what}): {ours.throughput / yake.throughput:.1f}x")
        if ours.cpu_seconds and yake.cpu_seconds:  # on a shared machine the CPU seconds are the steadier figure
            print(f"  {OURS} / YAKE, MB per CPU-second ({what}): {cpu_rate(ours):.3f} / {cpu_rate(yake):.3f} = "
                  f"{cpu_rate(ours) / cpu_rate(yake):.1f}x")


def cpu_rate(result: Measurement) -> float:
    """Megabytes of input per CPU-second of extraction (the whole process's CPU, children included)."""
    return result.megabytes / result.cpu_seconds


def benchmark(options: argparse.Namespace, work: Path) -> None:
    """Generate the corpus, take every measurement and print it."""
    largest = max(options.megabytes, options.yake_megabytes, options.memory_megabytes or 0,
                  options.jobs_megabytes or 0, options.big_file_megabytes or 0)
    start = time.perf_counter()
    paths = write_corpus(work / "corpus", largest, seed=options.seed)
    print(f"corpus: {len(paths)} documents, {largest:g} MB (seed {options.seed}) written to {work / 'corpus'}"
          f" in {time.perf_counter() - start:.1f} s")
    print("figures: wall-clock on this machine, one process, single-threaded unless --jobs/Dask; "
          "1 MB = 1,000,000 bytes\n")

    ours = run_measurement(f"{OURS} on {options.megabytes:g} MB", OURS, prefix(paths, options.megabytes), work)
    if not options.skip_yake:  # (with --skip-yake, our miner alone: the Chinese figure is still set beside it)
        yake_paths = prefix(paths, options.yake_megabytes)
        yake = run_measurement(f"YAKE on first {options.yake_megabytes:g} MB only", "YAKE", yake_paths, work)
        ours_small = run_measurement(f"{OURS} on the same {options.yake_megabytes:g} MB", OURS, yake_paths, work)
        print_ratio(ours, yake, f"ours on {options.megabytes:g} MB, YAKE on {options.yake_megabytes:g} MB")
        print_ratio(ours_small, yake, f"both on the same {options.yake_megabytes:g} MB")
        if options.acter_megabytes:
            acter_speed(options, work)

    zh_paths: list[Path] = []
    zh: Measurement | None = None
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
    if options.floor:
        floor(options, paths, zh_paths, ours, zh, work)
    if options.jobs_megabytes:
        compare_jobs(options, paths, work)
    if options.big_file_megabytes:
        big_file(options, paths, work)
    if options.startup:
        startup(options, work)


def floor(options: argparse.Namespace, paths: list[Path], zh_paths: list[Path], ours: Measurement | None,
          zh: Measurement | None, work: Path) -> None:
    """The pure-Python n-gram floor on the same English and Chinese text as our miner, in MB per CPU-second."""
    print("\nfloor: every 1-3-word (or 1-3-segment) run counted in a dict, on the same text as our miner")
    for label, corpus_paths, megabytes, mined, system, target in (
            ("English", paths, options.megabytes, ours, "floor", ENGLISH_CPU_TARGET),
            ("Chinese", zh_paths, options.zh_megabytes, zh, "floor-zh", ZH_THROUGHPUT_TARGET)):
        if not corpus_paths or not megabytes:
            continue
        result = run_measurement(f"floor on {megabytes:g} MB of {label}", system, prefix(corpus_paths, megabytes),
                                 work)
        if result is not None and mined is not None:
            print(f"  {label}: floor {cpu_rate(result):.2f} MB per CPU-second, {OURS} {cpu_rate(mined):.3f} "
                  f"({cpu_rate(result) / cpu_rate(mined):.1f}x slower than the floor); target {target:g}")


def acter_texts(folder: Path) -> list[Path]:
    """ACTER's English texts, one of each domain in turn (so that a prefix mixes the domains)."""
    per_domain = [domain_texts(folder, domain) for domain in DOMAINS if (folder / domain / "texts").is_dir()]
    mixed = []
    for position in range(max((len(texts) for texts in per_domain), default=0)):
        mixed += [texts[position] for texts in per_domain if position < len(texts)]
    return mixed


def acter_speed(options: argparse.Namespace, work: Path) -> None:
    """YAKE and our miner on the same prefix of ACTER's texts, and the ratio."""
    texts = acter_texts(options.acter)
    if not texts:
        print(f"\nACTER: no texts under {options.acter} (use --acter PATH): skipped")
        return
    paths = prefix(texts, options.acter_megabytes)
    size = sum(path.stat().st_size for path in paths) / MEGABYTE
    print(f"\nACTER: {len(paths)} texts of {options.acter}, {size:.2f} MB")
    yake = run_measurement(f"YAKE on {size:.2f} MB of ACTER", "YAKE", paths, work)
    ours = run_measurement(f"{OURS} on the same {size:.2f} MB of ACTER", OURS, paths, work)
    print_ratio(ours, yake, f"both on the same {size:.2f} MB of ACTER")


def parse_options() -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=20, help="corpus for our miner (default: %(default)s)")
    parser.add_argument("--yake-megabytes", type=float, default=1,
                        help="prefix of the corpus YAKE runs on (default: %(default)s)")
    parser.add_argument("--acter", type=Path, default=default_acter_folder(),
                        help="ACTER folder (default: %(default)s)")
    parser.add_argument("--acter-megabytes", type=float, default=1,
                        help="ACTER texts YAKE and our miner both run on, 0 to skip (default: %(default)s)")
    parser.add_argument("--zh-megabytes", type=float, default=20,
                        help="Chinese corpus for our miner, 0 to skip (default: %(default)s)")
    parser.add_argument("--memory-megabytes", type=float,
                        help="also run our miner once on an English and a Chinese corpus this big")
    parser.add_argument("--jobs-megabytes", type=float,
                        help="also compare --jobs 1, --jobs 2 and a 2-worker Dask cluster on this much")
    parser.add_argument("--big-file-megabytes", type=float, help="also mine one file this big, for peak memory")
    parser.add_argument("--startup", action="store_true", help="also time glossary mine on one sentence")
    parser.add_argument("--floor", action="store_true",
                        help="also time a pure-Python n-gram count on the same English and Chinese text")
    parser.add_argument("--startup-baseline", type=Path, help="a checkout to time beside this one (--startup)")
    parser.add_argument("--skip-yake", action="store_true", help="only the measurements asked for by the options")
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
