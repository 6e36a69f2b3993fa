"""Benchmark: Chinese mining quality on our sample articles (samples/zh/), against jieba.analyse TF-IDF and
TextRank in the same run.

Run:  python benchmarks/mining_quality_zh.py [--top-new 30] [--top 60]

- Junk in the top new candidates: the six samples mined together with the shipped glossary; the first 30
  rows the glossary does not know (ours), or the first 30 keywords that are none of the glossary's Chinese
  forms (baselines, run on the same six texts joined), each labelled good or junk by hand in
  samples/zh/labels.tsv (a term not labelled there is counted as junk and listed, to be labelled).
- Recall of the gold lists (tests/sample_gold_zh.py) in the top 60: each sample mined alone (known rows
  included) against each baseline's top 60 keywords of that sample; a gold term counts when a row's Chinese
  (simplified) is exactly it, or, for a Latin term (996.ICU), a row's English is.
Baselines: `jieba.analyse.extract_tags(text, topK=N)` (TF-IDF with jieba's IDF table) and
`jieba.analyse.textrank(text, topK=N)` (its default parts of speech), plain jieba (pip install jieba: the
`bench` extra); they get the same text, traditional included.
Targets (issue 11): recall ≥ 0.85, junk ≤ 20 %, both ahead of both baselines.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "zh"
LABELS = SAMPLES / "labels.tsv"
OURS = "glossary.mine"
RECALL_TARGET, JUNK_TARGET = 0.85, 0.20


def load_gold() -> dict[str, list[tuple[str, str | None]]]:
    """The hand-made gold lists the tests use."""
    spec = importlib.util.spec_from_file_location("sample_gold_zh", ROOT / "tests" / "sample_gold_zh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.GOLD_ZH


def load_labels() -> dict[str, str]:
    """term (simplified) → good | junk."""
    labels = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, label = line.split("\t")[:2]
            labels[term] = label.strip()
    return labels


def simplified(text: str) -> str:
    """Text in simplified characters (the glossary's and the gold lists' script)."""
    from glossary.chinese import to_simplified

    return to_simplified(text)


def shipped_glossary():
    """The glossary the package ships."""
    from glossary import store

    return store.Glossary(store.read_entries(store.embedded_path()))


def glossary_forms(entries) -> set[str]:
    """Every Chinese form of the glossary, simplified."""
    return {simplified(form) for entry in entries for form in entry.chinese_forms()}


# --- the systems: each gives ranked terms for some texts ------------------------------------------


def ours_ranked(paths: list[Path], glossary, new_only: bool, top: int) -> list[str]:
    """Our rows, best first: the Chinese (simplified), or the English of a row without Chinese."""
    import glossary as package

    frame = package.mine(paths, glossary=glossary, new_only=new_only, top=top)
    return [simplified(row["chinese"]) if row["chinese"] else row["english"] for row in frame.to_dict("records")]


def jieba_system(kind: str) -> Callable[[str, int], list[str]]:
    """jieba.analyse's TF-IDF (extract_tags) or TextRank keywords of a text."""
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    extract = jieba.analyse.extract_tags if kind == "tfidf" else jieba.analyse.textrank
    return lambda text, top: [simplified(word) for word in extract(text, topK=top)]


BASELINES = {"jieba TF-IDF": "tfidf", "jieba TextRank": "textrank"}


# --- the figures ----------------------------------------------------------------------------------


def junk_share(terms: list[str], labels: dict[str, str]) -> tuple[float, list[str]]:
    """The share of terms labelled junk (unlabelled count as junk), and the unlabelled ones."""
    unlabelled = [term for term in terms if term not in labels]
    junk = sum(1 for term in terms if labels.get(term, "junk") != "good")
    return (junk / len(terms) if terms else 0.0), unlabelled


def recall(gold: dict[str, list[tuple[str, str | None]]], found: dict[str, list[str]]) -> tuple[float, list[str]]:
    """The share of gold terms found, over all samples, and the ones missed."""
    missed, total = [], 0
    for sample, terms in gold.items():
        ranked = set(found[sample])
        for chinese, _ in terms:
            total += 1
            if chinese not in ranked:
                missed.append(f"{sample}:{chinese}")
    return (1 - len(missed) / total if total else 0.0), missed


def main() -> None:
    """Measure every system and print the figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top-new", type=int, default=30, help="new candidates judged (default: %(default)s)")
    parser.add_argument("--top", type=int, default=60, help="rows searched for gold terms (default: %(default)s)")
    options = parser.parse_args()

    gold, labels, glossary = load_gold(), load_labels(), shipped_glossary()
    known_forms = glossary_forms(glossary.entries())
    paths = sorted(SAMPLES / name for name in gold)
    joined = "\n\n".join(path.read_text(encoding="utf-8") for path in paths)
    results: dict[str, tuple[float, float]] = {}

    print(f"samples: {len(paths)} articles in {SAMPLES.relative_to(ROOT)}, {len(joined):,} characters; "
          f"gold terms: {sum(len(t) for t in gold.values())}; labels: {len(labels)}\n")
    systems: dict[str, tuple[Callable[[], list[str]], Callable[[Path], list[str]]]] = {
        OURS: (lambda: ours_ranked(paths, glossary, True, options.top_new),
               lambda path: ours_ranked([path], glossary, False, options.top)),
    }
    for name, kind in BASELINES.items():
        try:
            extract = jieba_system(kind)
        except ImportError:
            print(f"{name}: jieba is not installed (pip install jieba), skipped")
            continue
        systems[name] = (
            lambda extract=extract: [w for w in extract(joined, 10 * options.top_new) if w not in known_forms]
            [:options.top_new],
            lambda path, extract=extract: extract(path.read_text(encoding="utf-8"), options.top),
        )
    for name, (new_terms, per_sample) in systems.items():
        new = new_terms()
        junk, unlabelled = junk_share(new, labels)
        found = {path.name: per_sample(path) for path in paths}
        share, missed = recall(gold, found)
        results[name] = (share, junk)
        print(f"{name}")
        print(f"  recall of gold in top {options.top}: {share:.3f}   missed: {', '.join(missed) or '-'}")
        print(f"  junk in top {options.top_new} new candidates: {junk:.0%} "
              f"({round(junk * len(new))} of {len(new)}): {', '.join(t for t in new if labels.get(t) != 'good')}")
        if unlabelled:
            print(f"  unlabelled (counted as junk): {', '.join(unlabelled)}")
    if OURS in results:
        share, junk = results[OURS]
        print(f"\ntargets: recall ≥ {RECALL_TARGET} → {'ok' if share >= RECALL_TARGET else 'MISSED'}; "
              f"junk ≤ {JUNK_TARGET:.0%} → {'ok' if junk <= JUNK_TARGET else 'MISSED'}")
        for name, (other_share, other_junk) in results.items():
            if name != OURS:
                ratio = f"{share / other_share:.2f}x" if other_share else "inf"
                print(f"vs {name}: recall {share:.3f} / {other_share:.3f} = {ratio}; "
                      f"junk {junk:.0%} vs {other_junk:.0%}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
