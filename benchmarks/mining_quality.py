"""Benchmark: term-mining quality on ACTER (English), our miner against YAKE and a weirdness baseline.

Run:  python benchmarks/mining_quality.py [--acter PATH] [--domains corruption ...] [--cut 1000]
      [--systems glossary.mine YAKE weirdness]

Data: the ACTER 1.5 annotated texts of each domain and its two gold lists (without / with named entities),
by default from <repo>/../shared/eval/acter. Evaluation follows TermEval 2020: terms lower-cased and
de-duplicated, exact string match against the full gold list (see acter.py). For each domain, gold list
and system it prints precision, recall and F1 at the top-N cut (--cut), the best F1 over every cut-off
N from 50 to the full candidate list with the N reaching it, and the number of candidates; then a summary
over domains and the ratios of our miner's F1 to each baseline's. Baselines are described in systems.py.
Our miner runs with an empty glossary, so the shipped China-news glossary does not interfere; each of
its rows contributes its English term, then the other surface forms the row grouped (singular and
plural, spellings), since TermEval lists such forms as separate terms.

Then, in the same run, the junk rate in the top 30 new candidates of each labelled sample article
(samples/new_candidate_labels.tsv), for our miner with the shipped glossary and for YAKE (sample_labels.py).

A further system is one function `(domain_texts: list[Path]) -> list[str]` (ranked terms, best first),
registered in SYSTEMS.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from acter import (
    DOMAINS, GOLD_FILES, Score, best_f1, default_acter_folder, domain_texts, load_gold, missing_parts,
    normalise_ranking, precision_recall_f1,
)
from sample_labels import print_junk_table
from systems import load_miner, weirdness_terms, yake_terms

OURS = "glossary.mine"


class SystemUnavailable(Exception):
    """A system that cannot run in this checkout (for instance, not written yet)."""


@dataclass(frozen=True)
class Result:
    """One system's figures on one domain and gold list."""

    at_cut: Score
    best_f1: float
    best_n: int
    candidates: int


def read_texts(paths: list[Path]) -> list[str]:
    """The texts of the given files (ACTER texts are UTF-8)."""
    return [path.read_text(encoding="utf-8") for path in paths]


def mine_terms(paths: list[Path]) -> list[str]:
    """Our miner's English terms in rank order, mined with an empty glossary."""
    mine = load_miner()
    if mine is None:
        raise SystemUnavailable("glossary.mine not available yet")
    from glossary.store import Glossary

    table = mine(paths, glossary=Glossary([]), details=True)
    ranked = []
    for english, forms in zip(table["english"].tolist(), table["forms"].tolist()):
        # A row groups the singular and plural (and other spellings) of one term; TermEval lists them apart,
        # so each row contributes its canonical form, then the other forms it grouped.
        for term in [english] + str(forms or "").split("|"):
            if isinstance(term, str) and term.strip():
                ranked.append(str(term))
    return ranked


def yake_ranking(paths: list[Path]) -> list[str]:
    """YAKE baseline terms, best first."""
    return yake_terms(read_texts(paths))


def weirdness_ranking(paths: list[Path]) -> list[str]:
    """Weirdness baseline terms, best first."""
    return weirdness_terms(read_texts(paths))


SYSTEMS: dict[str, Callable[[list[Path]], list[str]]] = {
    OURS: mine_terms,
    "YAKE": yake_ranking,
    "weirdness": weirdness_ranking,
}


def evaluate(ranked: list[str], gold: set[str], cut: int) -> Result:
    """All figures for one ranking against one gold set."""
    best, best_n = best_f1(ranked, gold)
    return Result(precision_recall_f1(ranked, gold, cut), best, best_n, len(ranked))


def run_system(name: str, paths: list[Path]) -> tuple[list[str] | None, float]:
    """A system's normalised ranking (None if unavailable) and the seconds it took."""
    start = time.perf_counter()
    try:
        ranked = normalise_ranking(SYSTEMS[name](paths))
    except SystemUnavailable as reason:
        print(f"  {name}: {reason}")
        return None, 0.0
    except Exception:  # a system under construction must not stop the others
        print(f"  {name}: failed, skipped:", file=sys.stderr)
        traceback.print_exc()
        return None, 0.0
    return ranked, time.perf_counter() - start


def print_domain_header(domain: str, paths: list[Path], golds: dict[str, set[str]]) -> None:
    """The heading of a domain's block."""
    sizes = ", ".join(f"{len(gold)} {label}" for label, gold in golds.items())
    print(f"\n== {domain}: {len(paths)} texts, gold terms: {sizes}")


def print_result_row(system: str, label: str, result: Result, seconds: float | None) -> None:
    """One line of a domain's block."""
    score = result.at_cut
    timing = f"{seconds:7.1f}" if seconds is not None else " " * 7
    print(f"  {system:15} {label:12} {score.precision:7.3f} {score.recall:7.3f} {score.f1:7.3f}"
          f"   {result.best_f1:6.3f} {result.best_n:6d}  {result.candidates:7d} {timing}")


def evaluate_domain(folder: Path, domain: str, systems: list[str], cut: int) -> dict[tuple[str, str], Result]:
    """Run every system on one domain, print its block and return results by (system, gold label)."""
    paths = domain_texts(folder, domain)
    golds = {label: load_gold(folder / domain / name) for label, name in GOLD_FILES.items()}
    print_domain_header(domain, paths, golds)
    print(f"  {'system':15} {'gold list':12} {'P@' + str(cut):>7} {'R@' + str(cut):>7} {'F1@' + str(cut):>7}"
          f"   {'bestF1':>6} {'at N':>6}  {'cands':>7} {'seconds':>7}")
    results = {}
    for system in systems:
        ranked, seconds = run_system(system, paths)
        if ranked is None:
            continue
        for index, (label, gold) in enumerate(golds.items()):
            results[system, label] = evaluate(ranked, gold, cut)
            print_result_row(system, label, results[system, label], seconds if index == 0 else None)
    return results


def mean_result(results: list[Result]) -> Result:
    """The macro mean of F1 at the cut and of best F1 (other fields are not meaningful)."""
    f1 = statistics.fmean(result.at_cut.f1 for result in results)
    return Result(Score(0.0, 0.0, f1), statistics.fmean(result.best_f1 for result in results), 0, 0)


def print_summary(results: dict[tuple[str, str, str], Result], systems: list[str], domains: list[str],
                  cut: int) -> None:
    """F1 at the cut and best F1 for every system and domain, with the macro mean over domains."""
    print(f"\n== Summary: F1@{cut} / best F1, per domain and macro mean")
    header = "".join(f"{domain[:13]:>15}" for domain in domains) + f"{'mean':>15}"
    for label in GOLD_FILES:
        print(f"\n  {label:26}{header}")
        for system in systems:
            cells = [results.get((system, domain, label)) for domain in domains]
            if any(cell is None for cell in cells):
                continue
            text = "".join(f"{cell.at_cut.f1:8.3f} /{cell.best_f1:5.3f}" for cell in [*cells, mean_result(cells)])
            print(f"  {system:26}{text}")


def ratio(ours: float, theirs: float) -> str:
    """Our figure over a baseline's, printed."""
    return f"{ours / theirs:5.2f}x" if theirs else "   n/a"


def ratio_cell(ours: Result, theirs: Result) -> str:
    """Ratios of F1 at the cut and of best F1, as one table cell."""
    return f"{ratio(ours.at_cut.f1, theirs.at_cut.f1)} /{ratio(ours.best_f1, theirs.best_f1)}"


def print_ratios(results: dict[tuple[str, str, str], Result], systems: list[str], domains: list[str],
                 cut: int) -> None:
    """Our miner's F1 divided by each baseline's, per domain and on the macro mean."""
    if not all((OURS, domain, label) in results for domain in domains for label in GOLD_FILES):
        print(f"\n== Ratios: {OURS} did not run, no ratios")
        return
    print(f"\n== Ratios: {OURS} F1 / baseline F1 (F1@{cut} and best F1)")
    header = "".join(f"{domain[:13]:>16}" for domain in domains) + f"{'mean':>16}"
    for label in GOLD_FILES:
        print(f"\n  {label:26}{header}")
        for baseline in (system for system in systems if system != OURS):
            if not all((baseline, domain, label) in results for domain in domains):
                continue
            pairs = [(results[OURS, domain, label], results[baseline, domain, label]) for domain in domains]
            cells = [ratio_cell(ours, theirs) for ours, theirs in pairs]
            means = [mean_result([pair[side] for pair in pairs]) for side in (0, 1)]
            cells.append(ratio_cell(*means))
            print(f"  vs {baseline:23}{''.join(f'{cell:>16}' for cell in cells)}")


def parse_options() -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--acter", type=Path, default=default_acter_folder(),
                        help="ACTER folder (default: %(default)s)")
    parser.add_argument("--domains", nargs="+", choices=DOMAINS, default=list(DOMAINS))
    parser.add_argument("--cut", type=int, default=1000, help="top-N cut for P/R/F1 (default: %(default)s)")
    parser.add_argument("--systems", nargs="+", choices=list(SYSTEMS), default=list(SYSTEMS))
    return parser.parse_args()


def main() -> None:
    """Run every system on every domain and print figures, a summary and ratios."""
    options = parse_options()
    missing = missing_parts(options.acter, options.domains)
    if missing:
        print(f"ACTER data not found (use --acter PATH); missing: {', '.join(missing)}", file=sys.stderr)
        sys.exit(1)
    print(f"ACTER: {options.acter}; TermEval 2020 matching (lower-cased, de-duplicated, exact);"
          f" best F1 over every cut-off N from 50 to the full list; seconds are wall-clock on this machine")
    results: dict[tuple[str, str, str], Result] = {}
    for domain in options.domains:
        for (system, label), result in evaluate_domain(options.acter, domain, options.systems, options.cut).items():
            results[system, domain, label] = result
    print_summary(results, options.systems, options.domains, options.cut)
    print_ratios(results, options.systems, options.domains, options.cut)
    print_junk_table()


if __name__ == "__main__":
    main()
