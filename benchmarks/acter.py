"""The ACTER term-extraction dataset and its TermEval 2020 evaluation, shared by the mining benchmarks.

Convention (TermEval 2020): extracted and gold terms are lower-cased and de-duplicated, then matched
exactly as strings against the domain's full gold list. Precision at a cut of N divides the hits by the
number of candidates actually kept (fewer than N when a system proposes fewer).

Layout expected under the ACTER folder (see its SOURCE.txt): `<domain>/texts/*.txt` (the annotated
texts), `<domain>/gold_terms.tsv` (no named entities) and `<domain>/gold_terms_nes.tsv` (with them),
one `term<TAB>label` a line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Iterable

DOMAINS: tuple[str, ...] = ("corruption", "dressage", "heart_failure", "wind_energy")
GOLD_FILES: dict[str, str] = {"without NEs": "gold_terms.tsv", "with NEs": "gold_terms_nes.tsv"}
BEST_F1_FROM = 50  # smallest cut-off tried by best_f1; every N from here to the full list is tried


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of a ranked list at one cut-off."""

    precision: float
    recall: float
    f1: float


def default_acter_folder() -> Path:
    """`<repo>/../shared/eval/acter`, the dataset's place beside the working tree."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "acter"


def missing_parts(folder: Path, domains: Iterable[str]) -> list[str]:
    """The files and folders the benchmark needs but cannot find under `folder`."""
    if not folder.is_dir():
        return [str(folder)]
    missing = []
    for domain in domains:
        needed = [folder / domain / "texts", *(folder / domain / name for name in GOLD_FILES.values())]
        missing += [str(path) for path in needed if not path.exists()]
        if (folder / domain / "texts").is_dir() and not domain_texts(folder, domain):
            missing.append(str(folder / domain / "texts" / "*.txt"))
    return missing


def domain_texts(folder: Path, domain: str) -> list[Path]:
    """The annotated texts of one domain, in file-name order."""
    return sorted((folder / domain / "texts").glob("*.txt"))


def normalise_term(term: str) -> str:
    """A term as compared: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", term).lower().split())


def normalise_ranking(ranked: Iterable[str]) -> list[str]:
    """Normalised terms in their original order, first occurrence kept, empty ones dropped."""
    seen: set[str] = set()
    result = []
    for term in ranked:
        key = normalise_term(term)
        if key and key not in seen:
            seen.add(key)
            result.append(key)
    return result


def load_gold(path: Path | str) -> set[str]:
    """The normalised terms of an ACTER `term<TAB>label` list."""
    with Path(path).open(encoding="utf-8") as lines:
        return {normalise_term(line.split("\t")[0]) for line in lines if line.strip()}


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(ranked: Iterable[str], gold: set[str], cut: int) -> Score:
    """Scores of the first `cut` distinct normalised terms of a ranking against a gold set."""
    kept = normalise_ranking(ranked)[:cut]
    hits = sum(term in gold for term in kept)
    precision = hits / len(kept) if kept else 0.0
    recall = hits / len(gold) if gold else 0.0
    return Score(precision, recall, f1_score(precision, recall))


def best_f1(ranked: Iterable[str], gold: set[str], start: int = BEST_F1_FROM) -> tuple[float, int]:
    """The highest F1 over every cut-off N from `start` to the full list, and the smallest N reaching it."""
    kept = normalise_ranking(ranked)
    if not kept or not gold:
        return 0.0, len(kept)
    hits = list(accumulate(term in gold for term in kept))
    best, best_n = -1.0, 0
    for n in range(min(start, len(kept)), len(kept) + 1):
        score = f1_score(hits[n - 1] / n, hits[n - 1] / len(gold))
        if score > best:
            best, best_n = score, n
    return best, best_n
