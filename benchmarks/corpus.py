"""A seeded generator of business-news-like English for the mining speed benchmark.

Sentences come from templates mixing names, places, titles, events and jargon from terms.csv (its
`english` and `variants` columns) with common words, numbers, dates, quoted slogans and acronyms defined in
parentheses. The same seed gives the same documents, so a smaller corpus is a prefix of a larger one.
Documents are generated and written one at a time; the corpus never sits in memory.
One megabyte here is 1,000,000 bytes of UTF-8.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TERMS_CSV = Path(__file__).resolve().parent.parent / "terms.csv"
MEGABYTE = 1_000_000
DOCUMENT_BYTES = (3_900, 7_400)  # paragraphs are added until past the target, so items land near 4-8 KB

# terms.csv categories feeding each template slot
SLOT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "org": ("organization", "business unit"),
    "product": ("product",),
    "person": ("person",),
    "place": ("place",),
    "title": ("title",),
    "event": ("event", "other"),
    "jargon": ("jargon",),
}

COMMON: dict[str, tuple[str, ...]] = {
    "metric": ("revenue", "operating margin", "net profit", "sales", "traffic", "order volume", "ad revenue",
               "cloud revenue", "free cash flow", "spending", "capital expenditure", "market share", "inventory",
               "user growth", "export volume", "average order value", "retention", "loan book", "profit"),
    "noun": ("market", "platform", "supply chain", "subscription plan", "logistics network", "data centre",
             "payment system", "strategy", "budget", "partnership", "marketplace", "licensing deal",
             "price war", "survey", "loyalty programme", "recommendation engine", "delivery fleet"),
    "things": ("merchants", "developers", "stores", "warehouses", "users", "servers", "chips", "partners",
               "shipments", "factories", "contracts", "licences", "subscribers", "drivers", "sellers",
               "couriers", "households", "small businesses", "start-ups", "brands", "creators"),
    "adjective": ("strong", "weak", "steady", "modest", "sharp", "record", "cautious", "aggressive", "new",
                  "overseas", "domestic", "digital", "rural", "urban", "bold", "uneven", "solid", "brisk",
                  "sluggish", "surprising", "fierce", "seasonal", "cross-border", "premium", "low-cost"),
    "interest": ("strong", "modest", "cautious", "little", "unexpected", "lukewarm", "keen", "wide"),
    "rose": ("rose", "climbed", "jumped", "edged up", "surged", "fell", "slipped", "dropped", "declined",
             "rebounded", "grew", "shrank"),
    "said": ("said", "told reporters", "wrote in a memo", "noted", "added", "stressed", "argued", "explained",
             "said on a call with analysts", "told a conference"),
    "plans": ("plans to", "aims to", "expects to", "has pledged to", "is preparing to", "hopes to",
              "will try to", "declined to say whether it would"),
    "verb": ("expand", "cut", "invest in", "launch", "test", "open", "acquire", "spin off", "upgrade",
             "integrate", "restructure", "close", "promote", "export", "localise", "reprice"),
    "month": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"),
}

METRIC_ACRONYMS: tuple[tuple[str, str], ...] = (
    ("gross merchandise volume", "GMV"), ("annual active consumers", "AAC"), ("customer management revenue", "CMR"),
    ("average revenue per user", "ARPU"), ("return on equity", "ROE"), ("earnings per share", "EPS"),
    ("monthly active users", "MAU"), ("daily active users", "DAU"), ("net promoter score", "NPS"),
    ("purchasing managers' index", "PMI"), ("annual recurring revenue", "ARR"), ("cost per click", "CPC"),
    ("gross domestic product", "GDP"), ("consumer price index", "CPI"), ("total addressable market", "TAM"),
)

SLOGANS: tuple[str, ...] = (
    "{adjective} {noun}s for {things} everywhere", "make it easy to do business anywhere",
    "one {noun}, many {things}", "{things} first, always", "from {place} to the world",
    "the {adjective} way to reach {things}", "less waiting, more {metric}", "built for {things}, trusted by {things}",
    "every {noun} counts", "smarter {noun}, happier {things}",
)

TEMPLATES: tuple[str, ...] = (
    "{org} said on {date} that {metric} {rose} {percent} in the {quarter}, helped by {adjective} demand from {things}.",
    "\"{slogan},\" {person}, {title} of {org}, {said}.",
    "{person} {said} that {org} {plans} {verb} its {jargon} business in {place} before {year}.",
    "The company reported {metric} of {money}, against the {money} that analysts had expected.",
    "Shares of {org} {rose} {percent} in {place} after the {event}, where {product} drew {interest} interest.",
    "Analysts cut their {metric} forecast for {org} to {money}, citing {adjective} competition and {jargon}.",
    "Under the slogan \"{slogan}\", {product} will {verb} {number} {things} across {place} by {date}.",
    "{org} now reports {metric_acronym}, which {rose} {percent} from a year earlier to {money}.",
    "{title} {person} told staff that {jargon} remains the priority for {org} this {year_period}.",
    "In {place}, {number} {things} signed up for {product} in the week of the {event}.",
    "The {metric} of {product} {rose} {percent}, while its {metric} held at {money}.",
    "The {org_acronym} asked {org} to explain its {noun} by {date}, according to a notice seen by reporters.",
    "{person}, who became {title} in {year}, {plans} {verb} {product} and {product}.",
    "Investors will watch {metric_acronym} closely, {person} {said}, after {metric} {rose} for a {ordinal} quarter.",
    "{org} and {org} agreed to {verb} a {adjective} {noun} in {place}, worth about {money}.",
    "The {event} brought {number} {things} to {place}, {percent} more than last year.",
    "A spokesperson for the {org_acronym} declined to comment on {product} or on {jargon}.",
)

HEADLINES: tuple[str, ...] = (
    "{org} {metric} {rose} as {product} grows", "{person} bets on {jargon}", "{product} comes to {place}",
    "What the {event} means for {org}", "{org} to {verb} {noun} in {place}",
)


@dataclass(frozen=True)
class Vocabulary:
    """Words for every template slot."""

    words: dict[str, tuple[str, ...]]
    metric_acronyms: tuple[tuple[str, str], ...]
    org_acronyms: tuple[tuple[str, str], ...]


def initials(phrase: str) -> str:
    """The capitals of a phrase's content words: 'World Internet Conference' → 'WIC'."""
    words = phrase.replace("-", " ").split()
    return "".join(word[0].upper() for word in words if word.lower() not in {"and", "of", "the", "for"})


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of terms.csv."""
    with path.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def names(row: dict[str, str]) -> list[str]:
    """A row's English term and its variants."""
    return [name.strip() for name in [row["english"], *(row["variants"] or "").split("|")] if name.strip()]


def organisation_acronyms(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(name, acronym) pairs of organisations whose variant is the initials of their English name."""
    return [(row["english"], variant) for row in rows if row["category"] == "organization"
            and not row["english"].startswith("The ") for variant in names(row)[1:]
            if variant.isupper() and len(variant) >= 2 and initials(row["english"]) == variant]


def load_vocabulary(path: Path = TERMS_CSV) -> Vocabulary:
    """Template words from terms.csv and the built-in lists."""
    rows = read_rows(path)
    words = {slot: tuple(name for row in rows if row["category"] in categories for name in names(row))
             for slot, categories in SLOT_CATEGORIES.items()}
    words.update(COMMON)
    return Vocabulary(words, METRIC_ACRONYMS, tuple(organisation_acronyms(rows)))


def date_text(rng: random.Random, months: tuple[str, ...]) -> str:
    """A date as news writes it."""
    return f"{rng.choice(months)} {rng.randint(1, 28)}, {rng.randint(2015, 2026)}"


def number_slots(rng: random.Random, vocabulary: Vocabulary) -> dict[str, str]:
    """Fresh numbers, money, percentages and dates for one sentence."""
    return {
        "number": f"{rng.randint(2, 90_000):,}",
        "percent": f"{rng.uniform(0.1, 60):.1f}%",
        "money": rng.choice(("US${:.1f} billion", "{:.2f} billion yuan", "HK${:.1f} million", "${:.0f} million"))
        .format(rng.uniform(1, 900)),
        "date": date_text(rng, vocabulary.words["month"]),
        "year": str(rng.randint(2015, 2030)),
        "quarter": rng.choice(("first quarter", "second quarter", "third quarter", "fourth quarter",
                               "June quarter", "December quarter", "fiscal year")),
        "year_period": rng.choice(("year", "fiscal year", "quarter", "half")),
        "ordinal": rng.choice(("second", "third", "fourth", "fifth straight")),
    }


def acronym_text(rng: random.Random, pairs: tuple[tuple[str, str], ...]) -> str:
    """An acronym, defined in parentheses on most mentions."""
    phrase, acronym = rng.choice(pairs)
    return f"{phrase} ({acronym})" if rng.random() < 0.7 else acronym


def fill(template: str, rng: random.Random, vocabulary: Vocabulary) -> str:
    """A template with every slot filled; repeated slots get different words."""
    slots = number_slots(rng, vocabulary)
    parts = template.replace("}", "{").split("{")
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(part)
        elif part == "slogan":
            out.append(fill(rng.choice(SLOGANS), rng, vocabulary))
        elif part == "metric_acronym":
            out.append(acronym_text(rng, vocabulary.metric_acronyms))
        elif part == "org_acronym":
            out.append(acronym_text(rng, vocabulary.org_acronyms))
        elif part in slots:
            out.append(slots[part])
        else:
            out.append(rng.choice(vocabulary.words[part]))
    text = "".join(out)
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, vocabulary: Vocabulary) -> str:
    """Three to six sentences."""
    return " ".join(fill(rng.choice(TEMPLATES), rng, vocabulary) for _ in range(rng.randint(3, 6)))


def document(rng: random.Random, vocabulary: Vocabulary) -> str:
    """One news item of roughly 4-8 KB: headline, dateline, paragraphs."""
    target = rng.randint(*DOCUMENT_BYTES)
    parts = [fill(rng.choice(HEADLINES), rng, vocabulary),
             f"{rng.choice(vocabulary.words['place'])}, {date_text(rng, vocabulary.words['month'])}"]
    size = sum(len(part) + 2 for part in parts)
    while size < target:
        parts.append(paragraph(rng, vocabulary))
        size += len(parts[-1].encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def documents(seed: int = 0, vocabulary: Vocabulary | None = None) -> Iterator[str]:
    """An endless, deterministic stream of documents."""
    vocabulary = vocabulary or load_vocabulary()
    rng = random.Random(seed)
    while True:
        yield document(rng, vocabulary)


def write_corpus(folder: Path | str, megabytes: float, seed: int = 0, stream: Iterator[str] | None = None,
                 name: str = "news") -> list[Path]:
    """Write documents (of `stream`, by default this module's) into `folder` until they total `megabytes`;
    returns their paths in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = megabytes * MEGABYTE
    written, paths = 0, []
    for text in documents(seed) if stream is None else stream:
        if written >= target:
            break
        path = folder / f"{name}_{len(paths):06d}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
        paths.append(path)
    return paths
