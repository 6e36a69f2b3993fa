"""A seeded generator of Chinese business news for the mining speed benchmark, from the vocabulary of our
Chinese sample articles (samples/zh/) and the glossary's Chinese terms.

Each sentence is one of the samples' sentences (simplified; a few of every document in traditional
characters, as the samples are) with some of its nouns, names and numbers swapped for others of the same
part of speech from the samples or, for nouns, the glossary's Chinese terms of the same kind. The same seed
gives the same documents, so a smaller corpus is a prefix of a larger one; documents are written one at a
time. One megabyte here is 1,000,000 bytes of UTF-8 (about 330,000 Chinese characters).
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path

import corpus
from corpus import TERMS_CSV

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "zh"
DOCUMENT_BYTES = (3_900, 7_400)
SWAP_SHARE = 0.35  # share of swappable words replaced in each sentence
SWAPPED_TAGS = ("n", "nr", "ns", "nt", "nz", "vn", "m", "eng")
TRADITIONAL_SHARE = 0.1  # share of documents written in traditional characters
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")


@dataclass(frozen=True)
class Vocabulary:
    """Sentences as (word, tag) lists, and words by tag to swap in."""

    sentences: tuple[tuple[tuple[str, str], ...], ...]
    words: dict[str, tuple[str, ...]]


def load_vocabulary(samples: Path = SAMPLES, terms: Path = TERMS_CSV) -> Vocabulary:
    """The samples' sentences, segmented and tagged, and the words to swap (glossary terms among the nouns)."""
    import rjieba

    from glossary.chinese import to_simplified

    jieba = rjieba.Jieba()
    sentences, words = [], {tag: set() for tag in SWAPPED_TAGS}
    for path in sorted(samples.glob("*.txt")):
        for match in _SENTENCE.finditer(to_simplified(path.read_text(encoding="utf-8"))):
            tagged = tuple(jieba.tag(match.group().strip(), True))
            if len(tagged) >= 4:
                sentences.append(tagged)
                for word, tag in tagged:
                    if tag in words and word.strip():
                        words[tag].add(word)
    with terms.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["chinese"]:
                words["nz" if row["category"] in ("product", "event") else
                      "nt" if row["category"] in ("organization", "business unit") else
                      "nr" if row["category"] == "person" else "ns" if row["category"] == "place" else "n"
                      ].add(row["chinese"])
    return Vocabulary(tuple(sentences), {tag: tuple(sorted(found)) for tag, found in words.items() if found})


def sentence(rng: random.Random, vocabulary: Vocabulary) -> str:
    """One sample sentence with some of its words swapped."""
    out = []
    for word, tag in rng.choice(vocabulary.sentences):
        choices = vocabulary.words.get(tag)
        out.append(rng.choice(choices) if choices and rng.random() < SWAP_SHARE else word)
    return "".join(out)


def document(rng: random.Random, vocabulary: Vocabulary) -> str:
    """One news item of roughly 4-8 KB: paragraphs of three to six sentences."""
    target = rng.randint(*DOCUMENT_BYTES)
    parts: list[str] = []
    size = 0
    while size < target:
        parts.append("".join(sentence(rng, vocabulary) for _ in range(rng.randint(3, 6))))
        size += len(parts[-1].encode("utf-8")) + 1
    text = "\n".join(parts) + "\n"
    if rng.random() < TRADITIONAL_SHARE:
        from glossary.chinese import to_traditional

        text = to_traditional(text)
    return text


def write_corpus(folder: Path | str, megabytes: float, seed: int = 0) -> list[Path]:
    """Write Chinese documents into `folder` until they total `megabytes`; returns their paths in order."""
    vocabulary = load_vocabulary()
    rng = random.Random(seed)
    stream = (document(rng, vocabulary) for _ in iter(int, 1))
    return corpus.write_corpus(folder, megabytes, seed, stream=stream, name="zh_news")
