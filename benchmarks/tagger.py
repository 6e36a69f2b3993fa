"""Benchmark: accuracy and speed of the part-of-speech tagger (glossary/tagging.py) on held-out treebank text.

Run:  python benchmarks/tagger.py --conllu PATH/en_ewt-ud-test.conllu

Data: the test split of Universal Dependencies English-EWT (CC BY-SA 4.0; the repository
UniversalDependencies/UD_English-EWT), which the shipped model did not see in training (it was trained on
the train split, its settings chosen on dev). As in training, punctuation tokens are dropped and
multi-word and empty tokens skipped; a word's gold label is its UPOS joined to its VerbForm ('VERB|Fin',
'NOUN|-'). Printed: UPOS accuracy, joint accuracy (UPOS and verb form), precision and recall of the one
decision the miner asks of the tagger (does this word act as a verb here: a finite or infinitive verb or
an auxiliary, glossary.tagging.is_verb_here), and speed in words per second, tagging whole sentences and
tagging the short windows the miner tags (a run of words with three before and two after), after the
model is loaded (its load time is printed apart); the first pass over the text also builds each new word
form's summed weights, so it is shown apart from a second pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

VERB_FORMS = ("Fin", "Inf", "Part", "Ger")


def read_conllu(path: Path) -> list[tuple[list[str], list[str]]]:
    """(words, gold labels) of each sentence, punctuation dropped."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append((words, labels))
            words, labels = [], []
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if "-" in columns[0] or "." in columns[0] or columns[3] == "PUNCT":
            continue
        features = dict(item.split("=", 1) for item in columns[5].split("|") if "=" in item)
        form = features.get("VerbForm", "-") if columns[3] in ("VERB", "AUX") else "-"
        words.append(columns[1])
        labels.append(f"{columns[3]}|{form if form in VERB_FORMS else '-'}")
    if words:
        sentences.append((words, labels))
    return sentences


def windows(sentences: list[tuple[list[str], list[str]]], size: int = 7) -> list[list[str]]:
    """Consecutive word windows of about the size the miner tags (a run with its context)."""
    return [words[start:start + size] for words, _ in sentences for start in range(0, len(words), size)]


def main() -> None:
    """Print the tagger's accuracy and speed on the given CoNLL-U file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, required=True, help="en_ewt-ud-test.conllu")
    options = parser.parse_args()
    if not options.conllu.is_file():
        print(f"not found: {options.conllu}", file=sys.stderr)
        sys.exit(1)
    from glossary import tagging

    start = time.perf_counter()
    tagging.tagger()
    load = time.perf_counter() - start
    sentences = read_conllu(options.conllu)
    start = time.perf_counter()
    predicted = [tagging.tag(words) for words, _ in sentences]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    predicted = [tagging.tag(words) for words, _ in sentences]
    seconds = time.perf_counter() - start
    pieces = windows(sentences)
    start = time.perf_counter()
    for piece in pieces:
        tagging.tag(piece)
    window_seconds = time.perf_counter() - start

    pairs = [(gold, guess) for (_, golds), guesses in zip(sentences, predicted) for gold, guess in zip(golds, guesses)]
    total = len(pairs)
    upos = sum(gold.split("|")[0] == guess.split("|")[0] for gold, guess in pairs) / total
    joint = sum(gold == guess for gold, guess in pairs) / total
    verb_gold = [tagging.is_verb_here(gold) for gold, _ in pairs]
    verb_guess = [tagging.is_verb_here(guess) for _, guess in pairs]
    hits = sum(g and p for g, p in zip(verb_gold, verb_guess))
    precision, recall = hits / max(1, sum(verb_guess)), hits / max(1, sum(verb_gold))
    print(f"UD English-EWT test split: {len(sentences)} sentences, {total} words (punctuation dropped)")
    print(f"  UPOS accuracy                      {upos:.4f}")
    print(f"  UPOS + verb form accuracy          {joint:.4f}")
    print(f"  'acts as a verb here' precision    {precision:.4f}   recall {recall:.4f}   "
          f"F1 {2 * precision * recall / (precision + recall):.4f}")
    print(f"  speed, whole sentences, first pass {total / cold:,.0f} words/s (each word form's rows built once)")
    print(f"  speed, whole sentences, again      {total / seconds:,.0f} words/s")
    print(f"  speed, {len(pieces)} windows of <= 7 words  {total / window_seconds:,.0f} words/s")
    print(f"  model load                         {load:.2f} s (once per process)")


if __name__ == "__main__":
    main()
