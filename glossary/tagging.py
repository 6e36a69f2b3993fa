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
from array import array
from importlib import resources
from typing import Sequence

MODEL_FILE = "pos-ud-ewt.json.gz"
# Word forms whose summed rows are kept (about 0.2 KB each, three per form): past this the rows are rebuilt.
ROWS_KEPT = 50_000
START, END = "<s>", "</s>"
LAYOUT_VERSION = 2  # of the prepared model kept in the cache folder (a Tagger's state: see Tagger.__getstate__)


class Tagger:
    """Greedy left-to-right tagging with an averaged perceptron (weights per feature string).

    The sums are those of the sparse model, laid out for speed: a word's own features (the word, its
    affixes, its shape) are summed once per word form, and so are its features as a neighbour one or two
    words away; the two labels before a word add one precomputed row per label pair; only the
    'label before + word' feature is looked up per word."""

    def __init__(self, weights: dict[str, dict[str, float]], tagdict: dict[str, str], classes: Sequence[str],
                 vocabulary: frozenset[str]) -> None:
        self.classes = sorted(classes)
        self._position = position = {label: index for index, label in enumerate(self.classes)}
        self._weights = {feature: tuple(sorted((position[label], weight) for label, weight in row.items()))
                         for feature, row in weights.items()}
        labels = self.classes + [START]
        self._start = len(self.classes)
        # the two labels before a word: t-1, t-2 and t-1t-2 summed into one row per pair
        self._pairs = [[self._dense([f"t-1 {prev}", f"t-2 {prev2}", f"t-1t-2 {prev} {prev2}"]) for prev2 in labels]
                       for prev in labels]
        self._own: dict[str, Sequence[float]] = {}  # word as written → its own features' row
        self._near: dict[tuple[str, str], Sequence[float]] = {}  # (offset, lower) → row as a neighbour
        self.tagdict = tagdict
        self.vocabulary = vocabulary

    def __getstate__(self) -> dict:
        """What the prepared model keeps: each feature's weights packed as one bytes value (reading 66,000 small
        tuples back costs several times more), the rows worked out so far left out."""
        state = dict(self.__dict__, _own={}, _near={})
        state["_weights"] = {feature: array("d", [number for pair in row for number in pair]).tobytes()
                             for feature, row in self._weights.items()}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._weights = _PackedWeights(state["_weights"])

    def _dense(self, feature_list: list[str]) -> Sequence[float]:
        """The summed weights of some features, one value per class (a compact array: many are kept)."""
        values = array("d", bytes(8 * len(self.classes)))
        for feature in feature_list:
            for column, weight in self._weights.get(feature, ()):
                values[column] += weight
        return values

    def _own_row(self, word: str, lower: str) -> Sequence[float]:
        """The summed weights of a word's own features (bias, affixes, shape, the word)."""
        row = self._own.get(word)
        if row is None:
            if len(self._own) > ROWS_KEPT:
                self._own.clear()
            shape = "X" if word[:1].isupper() else "x"
            if any(ch.isdigit() for ch in word):
                shape += "d"
            row = self._own[word] = self._dense([
                "bias", f"suf3 {lower[-3:]}", f"suf2 {lower[-2:]}", f"suf1 {lower[-1:]}", f"pre1 {lower[:1]}",
                f"shape {shape}", f"w {lower}"])
        return row

    def _near_row(self, offset: str, lower: str) -> Sequence[float]:
        """The weights of a word seen one or two places away ('w-1', 'w+2' …)."""
        key = (offset, lower)
        row = self._near.get(key)
        if row is None:
            if len(self._near) > 2 * ROWS_KEPT:
                self._near.clear()
            row = self._near[key] = self._dense([f"{offset} {lower}"])
        return row

    def tag(self, words: Sequence[str]) -> list[str]:
        """One label per word, left to right (a label's features read the two labels before it)."""
        context = [word.lower() for word in words]
        padded = [START, START] + context + [END, END]
        near, own, pairs, weights = self._near_row, self._own_row, self._pairs, self._weights
        classes, tagdict, position = self.classes, self.tagdict, self._position
        last = len(classes) - 1
        labels: list[str] = []
        prev = prev2 = self._start
        for index, lower in enumerate(context):
            label = tagdict.get(lower)
            if label is None:
                scores = [a + b + c + d + e + f for a, b, c, d, e, f in zip(
                    own(words[index], lower), near("w-1", padded[index + 1]), near("w-2", padded[index]),
                    near("w+1", padded[index + 3]), near("w+2", padded[index + 4]), pairs[prev][prev2])]
                for column, weight in weights.get(f"t-1 w {labels[-1] if labels else START} {lower}", ()):
                    scores[column] += weight
                best = max(scores)
                label_index = last - scores[::-1].index(best)  # ties go to the label sorting last, as trained
                label = classes[label_index]
            else:
                label_index = position[label]
            labels.append(label)
            prev2, prev = prev, label_index
        return labels


class _PackedWeights:
    """A feature's (column, weight) pairs, unpacked from the prepared model when first asked for (a short input
    meets a few hundred of its 66,000 features); the same pairs, in the same order, as the model's own."""

    __slots__ = ("packed", "rows")

    def __init__(self, packed: dict[str, bytes]) -> None:
        self.packed, self.rows = packed, {}

    def get(self, feature: str, default: tuple = ()) -> tuple:
        row = self.rows.get(feature)
        if row is None:
            data = self.packed.get(feature)
            if data is None:
                return default
            numbers = array("d")
            numbers.frombytes(data)
            row = self.rows[feature] = tuple(zip(map(int, numbers[0::2]), numbers[1::2]))
        return row

    def items(self):
        return ((feature, self.get(feature)) for feature in self.packed)


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
    """The shipped model, read once: from its prepared form in the cache folder (a fifth of the time of reading
    the JSON model and laying it out), made on the first run."""
    from .cache import cached_pickle, data_stamp

    return cached_pickle("tagger", data_stamp(MODEL_FILE, LAYOUT_VERSION), _read_model)


def _read_model() -> Tagger:
    """The shipped model read from its JSON file and laid out for tagging."""
    data = resources.files("glossary").joinpath("data").joinpath(MODEL_FILE).read_bytes()
    raw = json.loads(gzip.decompress(data).decode("utf-8"))
    return Tagger(raw["weights"], raw["tagdict"], raw["classes"], frozenset(raw["vocabulary"]))


def tag(words: Sequence[str]) -> list[str]:
    """The labels of a sentence's words ('NOUN|-', 'VERB|Fin' …), punctuation left out as in training."""
    return tagger().tag(words)


def is_verb_here(label: str) -> bool:
    """A label that says the word acts as a verb (finite or infinitive; not a participle or gerund, which
    premodify nouns as adjectives do: reduced ejection fraction, operating system)."""
    return label in ("VERB|Fin", "VERB|Inf") or label.startswith("AUX")
