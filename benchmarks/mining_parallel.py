"""Bilingual mining quality on real translations: ../shared/eval/parallel (350 TICO-19 EN→ZH sentence pairs,
459 gold term pairs). For each gold English term: is it among the mined rows (found), and is the row's Chinese
a gold rendering of it (right)? Printed for our miner and, in the same run, for baselines that fill the Chinese
of the monolingual miner's rows by Dice co-occurrence alone and by IBM Model 1 alone (both our own code), and
eflomal where it is installed.

    python benchmarks/mining_parallel.py [--glossary shipped|none] [--misses N]

Gold terms are compared case-insensitively with a row's English and the forms it grouped; every rendering
the gold lists for an English term (pandemic: 大流行, 疫情 …) counts as right. Tune on this set only; do not
fit to it (the tool is measured on a set from another source too).
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "eval" / "parallel"
STEM = "tico19_test_news_apps_pandemic"


def load_gold(folder: Path) -> dict[str, set[str]]:
    """Gold English term → its gold Chinese renderings."""
    gold: dict[str, set[str]] = {}
    with (folder / f"{STEM}.gold.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold.setdefault(row["english"], set()).add(row["chinese"])
    return gold


def rows_by_form(frame) -> dict[str, dict]:
    """Mined rows by every English form they hold (case folded); the first (best-ranked) row wins."""
    rows: dict[str, dict] = {}
    for row in frame.to_dict(orient="records"):
        for form in [row["english"], *str(row.get("forms") or "").split("|")]:
            if form:
                rows.setdefault(form.casefold(), row)
    return rows


def score(gold: dict[str, set[str]], chinese_of: dict[str, str]) -> tuple[float, float, float, list]:
    """(found, right among found, right overall, misses) for a mapping gold English → proposed Chinese."""
    found = [term for term in gold if term.casefold() in chinese_of]
    right = [term for term in found if chinese_of[term.casefold()] in gold[term]]
    misses = [(term, chinese_of.get(term.casefold(), "—"), "/".join(sorted(gold[term])))
              for term in gold if term not in right]
    return len(found) / len(gold), len(right) / max(1, len(found)), len(right) / len(gold), misses


def dice_baseline(pairs, terms: list[str]) -> dict[str, str]:
    """Each term's Chinese by Dice alone: the run of 1–4 Chinese words (rjieba) of the pairs holding the term
    that co-occurs with it most exclusively over all pairs (ties: more co-occurrences, then longer)."""
    from glossary.alignment.tokens import chinese_words

    chinese = [p.chinese for p in pairs]
    words = [chinese_words(text) for text in chinese]
    result = {}
    for term in terms:
        pattern = _pattern(term)
        holding = [i for i, p in enumerate(pairs) if pattern.search(p.english)]
        if not holding:
            continue
        candidates: set[str] = set()
        for i in holding:
            ws = words[i]
            for first in range(len(ws)):
                for last in range(first, min(len(ws), first + 4)):
                    candidates.add(chinese[i][ws[first].start:ws[last].end])
        best = None
        for candidate in sorted(candidates):
            together = sum(1 for i in holding if candidate in chinese[i])
            alone = sum(1 for text in chinese if candidate in text)
            value = (2 * together / (len(holding) + alone), together, len(candidate))
            if best is None or value > best[0]:
                best = (value, candidate)
        result[term.casefold()] = best[1]
    return result


def aligner_baseline(pairs, terms: list[str], signals: tuple[str, ...]) -> dict[str, str]:
    """Each term's Chinese from our span scorer fed by the given link signals only (('ibm',): IBM Model 1 in
    both directions, nothing else), the rendering aligned most often over the term's occurrences."""
    from glossary.alignment.lexicon import learn
    from glossary.alignment.renderings import Aligner, make_pair, tally_renderings

    aligned = [make_pair(p.english, p.chinese) for p in pairs]
    aligner = Aligner(aligned, learn((a.english_words, a.chinese_words) for a in aligned), None, signals)
    result = {}
    for term in terms:
        pattern = _pattern(term)
        renderings = [aligner.render(i, m.start(), m.end()) for i, p in enumerate(pairs)
                      for m in pattern.finditer(p.english)]
        tallied = tally_renderings(renderings)
        if tallied:
            result[term.casefold()] = tallied[0][0]
    return result


def _pattern(term: str) -> re.Pattern:
    """A term on word boundaries, case-insensitive."""
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--glossary", choices=["none", "shipped"], default="none")
    parser.add_argument("--misses", type=int, default=0, help="print the first N misses of our miner")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / f"{STEM}.en").exists():
        print(f"{args.data}: the parallel evaluation set is missing; nothing measured")
        return 1
    from glossary.mining.bilingual import mine_pairs, parallel_pairs
    from glossary.mining.pipeline import mine

    glossary = False if args.glossary == "none" else None
    gold = load_gold(args.data)
    english, chinese = args.data / f"{STEM}.en", args.data / f"{STEM}.zh"
    started = time.perf_counter()
    pair_set = parallel_pairs(english, chinese)
    ours = mine_pairs([pair_set], glossary, top=None, details=True)
    seconds = time.perf_counter() - started
    our_rows = rows_by_form(ours)
    print(f"{len(pair_set.pairs)} pairs, {len(gold)} gold English terms ({sum(map(len, gold.values()))} gold pairs), "
          f"glossary: {args.glossary}; our miner {seconds:.1f} s, {len(ours)} rows")
    results = [("glossary mine --parallel (ours)", score(gold, {f: str(r["chinese"]) for f, r in our_rows.items()}))]
    monolingual = rows_by_form(mine([english], glossary=glossary, top=None, details=True))
    found_terms = [term for term in gold if term.casefold() in monolingual]
    for name, proposals in (
        ("monolingual miner, Chinese as today (dictionary/pinyin)", {f: str(r["chinese"]) for f, r in monolingual.items()}),
        ("monolingual rows + Dice co-occurrence alone", dice_baseline(pair_set.pairs, found_terms)),
        ("monolingual rows + IBM Model 1 alone (both directions)", aligner_baseline(pair_set.pairs, found_terms, ("ibm",))),
    ):
        found = {f: proposals.get(f, "") for f in monolingual}
        results.append((name, score(gold, found)))
    print(f"{'system':58} {'found':>6} {'Chinese right among found':>26} {'pairs right':>12}")
    for name, (found, right, overall, _) in results:
        print(f"{name:58} {found:6.3f} {right:26.3f} {overall:12.3f}")
    if shutil.which("eflomal") or _importable("eflomal"):
        print("eflomal: installed, but not run here (GPLv3: run it by hand as an external command to compare)")
    else:
        print("eflomal: not installed")
    for term, got, wanted in results[0][1][3][:args.misses]:
        print(f"  miss: {term!r}: {got} (gold {wanted})")
    return 0


def _importable(name: str) -> bool:
    """Whether a module can be imported."""
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    raise SystemExit(main())
