"""Junk in the top new candidates of our sample articles: our miner against YAKE, on hand-made labels.

The labels (samples/new_candidate_labels.tsv: sample, candidate in lower case, keep or junk, the right
categories for a kept one, '|' between alternatives) say which new candidates a terminologist would keep.
Both systems are read the same way: each sample article alone, the top N candidates that are not glossary
terms (our miner with the shipped glossary and new_only; YAKE's keyphrases less those whose lower-cased
text, made singular, is a glossary form's). A candidate without a label is counted apart ('unlabelled'), never as keep.

Run alone:  python benchmarks/sample_labels.py [--top 30]   (mining_quality.py prints it too)
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

from systems import yake_terms

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LABELS = SAMPLES / "new_candidate_labels.tsv"
TOP = 30


@dataclass(frozen=True)
class JunkCount:
    """One system's labels over the top candidates of one sample (or all of them)."""

    candidates: int
    junk: int
    unlabelled: int

    @property
    def rate(self) -> float:
        """Junk among the labelled candidates."""
        labelled = self.candidates - self.unlabelled
        return self.junk / labelled if labelled else 0.0


def load_labels(path: Path = LABELS) -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """sample → candidate → (keep or junk, right categories)."""
    labels: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            categories = tuple(c for c in row["category"].split("|") if c)
            labels.setdefault(row["sample"], {})[row["candidate"]] = (row["label"], categories)
    return labels


def ours_top_rows(sample: Path, top: int = TOP) -> list[dict]:
    """Our miner's top new rows of one sample (with the kind of each)."""
    import glossary

    return glossary.mine([sample], new_only=True, top=top, details=True).to_dict(orient="records")


def ours_top_new(sample: Path, top: int = TOP) -> list[str]:
    """Our miner's top new candidates of one sample, lower case."""
    return [str(row["english"]).lower() for row in ours_top_rows(sample, top)]


def category_accuracy(top: int = TOP) -> tuple[int, int, int, int]:
    """(right, kept) over our kept new candidates, and (right, kept) over the names among them."""
    labels = load_labels()
    right = kept = names_right = names = 0
    for sample in sorted(labels):
        for row in ours_top_rows(SAMPLES / sample, top):
            label, categories = labels[sample].get(str(row["english"]).lower(), ("", ()))
            if label != "keep":
                continue
            ok = row["category"] in categories
            right, kept = right + ok, kept + 1
            if row["kind"] in ("name", "pinyin", "acronym"):
                names_right, names = names_right + ok, names + 1
    return right, kept, names_right, names


def yake_top_new(sample: Path, top: int = TOP) -> list[str]:
    """YAKE's top keyphrases of one sample that are not glossary forms."""
    from glossary.documents import read_document
    from glossary.english import singular
    from glossary.store import embedded_path, read_entries

    known = {singular(form.lower()) for entry in read_entries(embedded_path()) for form in entry.english_forms()}
    ranked = [term for term in yake_terms([read_document(sample).text]) if singular(term) not in known]
    return ranked[:top]


def count_junk(candidates: list[str], labels: dict[str, tuple[str, tuple[str, ...]]]) -> JunkCount:
    """How many candidates are labelled junk, and how many have no label."""
    junk = sum(1 for c in candidates if labels.get(c, ("",))[0] == "junk")
    unlabelled = sum(1 for c in candidates if c not in labels)
    return JunkCount(len(candidates), junk, unlabelled)


def junk_table(top: int = TOP) -> dict[str, dict[str, JunkCount]]:
    """system → sample (and 'all') → junk count."""
    labels = load_labels()
    systems = {"glossary.mine": ours_top_new, "YAKE": yake_top_new}
    table: dict[str, dict[str, JunkCount]] = {}
    for system, top_new in systems.items():
        counts = {sample: count_junk(top_new(SAMPLES / sample, top), labels[sample]) for sample in sorted(labels)}
        counts["all"] = JunkCount(*(sum(getattr(c, f) for c in counts.values())
                                    for f in ("candidates", "junk", "unlabelled")))
        table[system] = counts
    return table


def print_junk_table(top: int = TOP) -> None:
    """Junk rate per sample and overall, both systems side by side."""
    table = junk_table(top)
    print(f"\n== Junk in the top {top} new candidates of the labelled sample articles ({LABELS.name})")
    print(f"  {'sample':32}" + "".join(f"{system:>28}" for system in table))
    for sample in table["glossary.mine"]:
        cells = [table[system][sample] for system in table]
        print(f"  {sample:32}" + "".join(
            f"{c.junk:>5}/{c.candidates:<3} junk {c.rate:6.1%}" + (f" ({c.unlabelled} unl.)" if c.unlabelled else " " * 9)
            for c in cells))
    right, kept, names_right, names = category_accuracy(top)
    print(f"  glossary.mine categories of kept new candidates: {right}/{kept} right ({right / max(1, kept):.1%}); "
          f"of new names: {names_right}/{names} ({names_right / max(1, names):.1%})")


def main() -> None:
    """Print the junk table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=TOP)
    print_junk_table(parser.parse_args().top)


if __name__ == "__main__":
    main()
