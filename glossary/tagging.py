"""English parts of speech in context: an averaged-perceptron tagger over a shipped model.

The model (data/pos-ud-ewt.json.gz, CC BY-SA 4.0, see data/POS-MODEL-LICENSE.txt) was trained on the
Universal Dependencies English Web Treebank with Honnibal's feature set; this module is its inference,
written here so that nothing but the weights comes from outside. Labels are UD tags joined to a verb
form: 'NOUN|-', 'VERB|Fin', 'VERB|Part', 'VERB|Ger', 'VERB|Inf', 'ADJ|-' …

The miner asks for tags only where the lexicon leaves a doubt (a word that can be a verb inside a
candidate phrase), and only for a few words around it: tagging every word would cost more than the
whole miner does.
"""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import Sequence

MODEL_FILE = "pos-ud-ewt.json.gz"
START, END = "<s>", "</s>"


class Tagger:
    """Greedy left-to-right tagging with an averaged perceptron (weights per feature string)."""

    def __init__(self, weights: dict[str, dict[str, float]], tagdict: dict[str, str], classes: Sequence[str],
                 vocabulary: frozenset[str]) -> None:
        self.classes = sorted(classes)
        position = {label: index for index, label in enumerate(self.classes)}
        # each feature's weights as (class index, weight) pairs: summing them is the whole prediction
        self._rows = {feature: tuple((position[label], weight) for label, weight in row.items())
                      for feature, row in weights.items()}
        self.tagdict = tagdict
        self.vocabulary = vocabulary

    def tag(self, words: Sequence[str]) -> list[str]:
        """One label per word, left to right (a label's features read the two labels before it)."""
        context = [word.lower() for word in words]
        labels: list[str] = []
        prev = prev2 = START
        for index, word in enumerate(words):
            label = self.tagdict.get(context[index]) or self._predict(features(index, word, context, prev, prev2))
            labels.append(label)
            prev2, prev = prev, label
        return labels

    def _predict(self, feature_list: list[str]) -> str:
        """The best-scoring label; ties go to the label sorting last, as the model was trained."""
        scores = [0.0] * len(self.classes)
        rows = self._rows
        for feature in feature_list:
            row = rows.get(feature)
            if row is not None:
                for index, weight in row:
                    scores[index] += weight
        best = max(range(len(scores)), key=lambda index: (scores[index], index))
        return self.classes[best]


def features(index: int, word: str, context: Sequence[str], prev: str, prev2: str) -> list[str]:
    """The feature strings of one word, exactly as the model was trained on them."""
    lower = context[index]
    shape = "X" if word[:1].isupper() else "x"
    if any(ch.isdigit() for ch in word):
        shape += "d"
    size = len(context)
    return [
        "bias", f"suf3 {lower[-3:]}", f"suf2 {lower[-2:]}", f"suf1 {lower[-1:]}", f"pre1 {lower[:1]}",
        f"shape {shape}", f"w {lower}", f"t-1 {prev}", f"t-2 {prev2}", f"t-1t-2 {prev} {prev2}",
        f"w-1 {context[index - 1] if index else START}", f"w-2 {context[index - 2] if index > 1 else START}",
        f"w+1 {context[index + 1] if index + 1 < size else END}",
        f"w+2 {context[index + 2] if index + 2 < size else END}", f"t-1 w {prev} {lower}",
    ]


@functools.lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped model, read once (about 0.2 s)."""
    data = resources.files("glossary").joinpath("data").joinpath(MODEL_FILE).read_bytes()
    raw = json.loads(gzip.decompress(data).decode("utf-8"))
    return Tagger(raw["weights"], raw["tagdict"], raw["classes"], frozenset(raw["vocabulary"]))


def tag(words: Sequence[str]) -> list[str]:
    """The labels of a sentence's words ('NOUN|-', 'VERB|Fin' …), punctuation left out as in training."""
    return tagger().tag(words) if words else []


def is_verb_here(label: str) -> bool:
    """A label that says the word acts as a verb (finite or infinitive; not a participle or gerund, which
    premodify nouns as adjectives do: reduced ejection fraction, operating system)."""
    return label in ("VERB|Fin", "VERB|Inf") or label.startswith("AUX")
