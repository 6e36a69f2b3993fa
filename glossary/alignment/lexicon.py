"""Word links between English and Chinese words: what CC-CEDICT and the glossary say, what the pairs teach
(IBM Model 1 in both directions, Dice co-occurrence), pinyin against romanised English, and tokens kept alike.

Everything is deterministic: the same pairs give the same tables (EM starts uniform, no sampling).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..english import STOPWORDS, singular
from ..scripts import has_han
from .tokens import Word

IBM_ITERATIONS = 5
# Training reads at most this many pairs (the lexicon of frequent words is settled long before; the rest of a
# large corpus only costs time). Words of a pair beyond MAX_WORDS are left out of training.
MAX_TRAINING_PAIRS = 60_000
MAX_WORDS = 60
DICTIONARY_WORDS_VERSION = 6
MODIFIER = "~"  # dictionary_words keys for a word that only modifies its gloss's head ('large' of 'large bowl')
_NOT_LETTER = re.compile(r"[^a-z0-9]")
# An inline cross-reference to another headword: 聯合王國|联合王国[Lian2 he2 Wang2 guo2]
_CROSS_REFERENCE = re.compile(r"[^\s\[\]]*\|?[^\s\[\]]*\[[^\]]*\]")
_SPELLINGS = (("tre", "ter"), ("our", "or"), ("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("ae", "e"),
              ("ogue", "og"), ("lled", "led"), ("lling", "ling"))
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?")
_GLOSS_WORD = re.compile(r"[a-z][a-z'-]*")
# Gloss words too general to link a Chinese word to an English one.
_GLOSS_STOP = STOPWORDS | frozenset("to sb sth something someone one's oneself etc kind type used variant also".split())


@dataclass
class Lexicon:
    """Word-translation tables of one corpus of pairs: t(zh|en) and t(en|zh) from IBM Model 1, and sentence
    counts for Dice."""

    forward: dict[tuple[str, str], float] = field(default_factory=dict)  # t(zh | en)
    backward: dict[tuple[str, str], float] = field(default_factory=dict)  # t(en | zh)
    english_counts: dict[str, int] = field(default_factory=dict)
    chinese_counts: dict[str, int] = field(default_factory=dict)
    pair_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    pairs: int = 0

    def dice(self, english: str, chinese: str) -> float:
        """Dice co-occurrence of two words over the pairs (0 … 1)."""
        both = self.pair_counts.get((english, chinese), 0)
        if not both:
            return 0.0
        return 2.0 * both / (self.english_counts[english] + self.chinese_counts[chinese])


def english_key(word: str) -> str:
    """The key an English word is counted under: lower case, plural folded."""
    return singular(word.lower())


def content_english(words: Sequence[Word]) -> list[str]:
    """Keys of an English sentence's words that can carry a translation (function words left out)."""
    return [english_key(w.key) for w in words if w.is_content]


def learn(pairs: Iterable[tuple[Sequence[Word], Sequence[Word]]], iterations: int = IBM_ITERATIONS) -> Lexicon:
    """IBM Model 1 in both directions and Dice counts, learned from tokenised pairs (English, Chinese)."""
    lexicon = Lexicon()
    english_sides: list[list[str]] = []
    chinese_sides: list[list[str]] = []
    for number, (english, chinese) in enumerate(pairs):
        if number >= MAX_TRAINING_PAIRS:
            break
        en = content_english(english)[:MAX_WORDS]
        zh = [w.key for w in chinese][:MAX_WORDS]
        english_sides.append(en)
        chinese_sides.append(zh)
        _count(lexicon, en, zh)
    lexicon.pairs = len(english_sides)
    lexicon.forward = ibm_model_1(english_sides, chinese_sides, iterations)
    lexicon.backward = {(e, z): p for (z, e), p in ibm_model_1(chinese_sides, english_sides, iterations).items()}
    return lexicon


def _count(lexicon: Lexicon, english: list[str], chinese: list[str]) -> None:
    """Sentence counts of each word and word pair, for Dice."""
    en, zh = set(english), set(chinese)
    for word in en:
        lexicon.english_counts[word] = lexicon.english_counts.get(word, 0) + 1
    for word in zh:
        lexicon.chinese_counts[word] = lexicon.chinese_counts.get(word, 0) + 1
    counts = lexicon.pair_counts
    for e in en:
        for z in zh:
            counts[(e, z)] = counts.get((e, z), 0) + 1


def ibm_model_1(sources: list[list[str]], targets: list[list[str]], iterations: int) -> dict[tuple[str, str], float]:
    """t(target word | source word) by IBM Model 1's EM (a NULL source word included), vectorised with numpy:
    every (source, target) pair of a sentence pair is one cell of a flat array."""
    import numpy as np

    source_ids: dict[str, int] = {"": 0}  # "" is NULL
    target_ids: dict[str, int] = {}
    cell_source: list[int] = []
    cell_target: list[int] = []
    block_lengths: list[int] = []
    for source, target in zip(sources, targets):
        if not target:
            continue
        s = [0] + [source_ids.setdefault(word, len(source_ids)) for word in source]
        for word in target:
            t = target_ids.setdefault(word, len(target_ids))
            cell_source.extend(s)
            cell_target.extend([t] * len(s))
            block_lengths.append(len(s))
    if not block_lengths:
        return {}
    width = len(target_ids)
    keys = np.asarray(cell_source, dtype=np.int64) * width + np.asarray(cell_target, dtype=np.int64)
    parameters, cells = np.unique(keys, return_inverse=True)
    parameter_source = parameters // width
    lengths = np.asarray(block_lengths, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    table = np.ones(len(parameters), dtype=np.float64)  # uniform start (normalising per source is not needed)
    for _ in range(iterations):
        values = table[cells]
        sums = np.add.reduceat(values, starts)
        posterior = values / np.repeat(sums, lengths)
        counts = np.bincount(cells, weights=posterior, minlength=len(parameters))
        totals = np.bincount(parameter_source, weights=counts)
        table = counts / totals[parameter_source]
    source_words = {index: word for word, index in source_ids.items()}
    target_words = {index: word for word, index in target_ids.items()}
    return {(source_words[int(key // width)], target_words[int(key % width)]): float(p)
            for key, p in zip(parameters, table) if key // width and p > 1e-4}


@functools.lru_cache(maxsize=1)
def dictionary_words() -> dict[str, frozenset[str]]:
    """English word → the simplified Chinese words CC-CEDICT glosses with it: a word of a short gloss (at most
    three words; of a gloss with commas, its first piece: 'Canberra, capital of Australia'), built once and
    kept in the cache folder."""
    from ..dictionary import cached_build

    return cached_build("cedict-words", DICTIONARY_WORDS_VERSION, _build_dictionary_words)


def _build_dictionary_words() -> dict[str, frozenset[str]]:
    """dictionary_words() built from CC-CEDICT (a few seconds): the word of a one-word gloss, the last word
    (the head) of a gloss of two or three words, and every word of a name's gloss (Nvidia Corporation)."""
    from ..dictionary import entries, gloss_key

    index: dict[str, set[str]] = {}
    for entry in entries():
        for gloss in entry.glosses:
            if gloss.startswith(("see ", "variant of", "old variant", "CL:", "surname ", "abbr. for")):
                continue
            for part in _CROSS_REFERENCE.sub(" ", gloss).split(";"):
                for original in {part, part.split(",")[0]}:
                    last = original.split()[-1] if original.split() else ""
                    if _CAPITALS.fullmatch(last) and len(original.split()) <= 3:
                        index.setdefault(last, set()).add(entry.simplified)  # US, WHO, IT: apart from us, who, it
                    words = [w for w in _GLOSS_WORD.findall(gloss_key(original)) if w not in _GLOSS_STOP]
                    if not words or len(gloss_key(original).split()) > 3:
                        continue
                    named = entry.is_proper_noun and original.strip()[:1].isupper()
                    for position, word in enumerate(words):
                        head = named or position == len(words) - 1
                        index.setdefault(word if head else MODIFIER + word, set()).add(entry.simplified)
    return {word: frozenset(found) for word, found in index.items()}


@functools.lru_cache(maxsize=100_000)
def dictionary_renderings(word: str, modifier: bool = False) -> frozenset[str]:
    """The CC-CEDICT renderings of an English word and of its lemmas (vomiting → vomit, cases → case): as the
    head of a gloss, or (modifier=True) as a word modifying another ('large' in 海碗 'large bowl')."""
    from lemminflect import getAllLemmas

    words = dictionary_words()
    if "." in word and _DOTTED.fullmatch(word):  # U.S, U.K, E.U: the acronym written with stops
        word = word.replace(".", "")
    lower = word.lower()
    if len(word) >= 2 and word.isupper() and not modifier:
        return words.get(word, frozenset()) | (frozenset() if lower in STOPWORDS else dictionary_renderings(lower))
    keys = {lower, singular(lower)} | {lemma.lower() for lemmas in getAllLemmas(lower).values() for lemma in lemmas}
    if lower.endswith("es") and len(lower) > 4:
        keys.add(lower[:-2])  # viruses, coronaviruses
    if lower.endswith(("ian", "ese", "ish")) and len(lower) > 5:  # Iranian → Iran, Italian → Italy, Chinese → China
        stem = lower[:-3]
        keys |= {stem, stem + "y", stem + "a", lower[:-1]}
    for british, american in _SPELLINGS:  # centre → center, colour → color, organise → organize
        if british in lower:
            keys.add(lower.replace(british, american))
    if "-" in lower:
        keys |= {part for part in lower.split("-") if len(part) > 2}  # self-isolate: self, isolate
    found: set[str] = set()
    for key in keys:
        found |= words.get(MODIFIER + key if modifier else key, frozenset())
    return frozenset(found)


@functools.lru_cache(maxsize=100_000)
def phrase_renderings(term: str) -> frozenset[str]:
    """CC-CEDICT's renderings of a whole English term given as one gloss ('World Health Organization' →
    世界卫生组织, 世卫组织…), its singular too."""
    from ..dictionary import gloss_key, whole_gloss_renderings

    key = gloss_key(term)
    return frozenset().union(*map(whole_gloss_renderings, {key, singular(key)}))


@functools.lru_cache(maxsize=200_000)
def toneless_pinyin(chinese: str) -> str:
    """A Chinese word's reading as lower-case toneless letters ('武汉' → 'wuhan'); Latin kept as it is."""
    from pypinyin import lazy_pinyin

    return _NOT_LETTER.sub("", "".join(lazy_pinyin(chinese)).lower().replace("ü", "v"))


def romanised(english: str) -> str:
    """An English word or name as bare lower-case letters, to compare with pinyin ('Wu Yongming' → 'wuyongming')."""
    return _NOT_LETTER.sub("", english.lower())


def same_token(english: str, chinese: str) -> bool:
    """A Latin or number token kept across languages (COVID-19, IEDCR, 2020), in any case."""
    return not has_han(chinese) and english.lower() == chinese.lower()
