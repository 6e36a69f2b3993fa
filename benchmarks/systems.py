"""Term extractors the mining benchmarks compare: our miner (when it exists) and two baselines.

YAKE: PyPI `yake`, English, n-grams up to 3, deduplication off, every valid candidate kept; run per
document, candidates merged across documents keeping each term's lowest (best) score, ranked ascending.

Weirdness: candidate n-grams of 1-3 tokens (alphabetic words with inner hyphens; an n-gram never crosses
punctuation, digits or other non-space characters; no stopword at either end), kept when seen at least
twice; score = (count / tokens in the domain) / wordfreq frequency of the n-gram (floor 1e-9) * log(1 + count),
ranked descending.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Callable, Iterable, Iterator

YAKE_SETTINGS: dict[str, object] = {"lan": "en", "n": 3, "dedup_lim": 1.0, "top": 10**9}
WEIRDNESS_MIN_COUNT = 2
WEIRDNESS_MAX_TOKENS = 3
WORDFREQ_FLOOR = 1e-9

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
STOPWORDS: frozenset[str] = frozenset("""
a about above according across after afterwards again against all almost along already also although always
am among an and another any anyone anything are around as at back be became because become becomes been before
being below besides between beyond both but by can cannot could did do does doing done down due during each
eg either else etc even ever every few first for former from further get gets got had has have having he hence
her here hers herself him himself his how however i ie if in indeed into is it its itself just last latter
least less like made make many may me meanwhile might more moreover most mostly much must my myself namely
neither never nevertheless next no nor not now of off often on once one only onto or other others otherwise
our ours ourselves out over own per perhaps rather s same second see seem seemed seems several shall she should
since so some still such t than that the their theirs them themselves then thence there thereby therefore these
they this those though three through throughout thus to together too toward towards two under unless until up
upon us use used using very via was we well were what whatever when whenever where whereas wherever whether
which while who whoever whole whom whose why will with within without would yet you your yours yourself
yourselves
""".split())


def yake_extractor() -> object:
    """A YAKE keyword extractor with the benchmark settings."""
    import yake

    return yake.KeywordExtractor(**YAKE_SETTINGS)


def yake_terms(texts: Iterable[str]) -> list[str]:
    """YAKE run per document, merged by each lower-cased term's best score, best first."""
    extractor = yake_extractor()
    best: dict[str, float] = {}
    for text in texts:
        for term, score in extractor.extract_keywords(text):  # type: ignore[attr-defined]
            key = " ".join(term.lower().split())
            if score < best.get(key, math.inf):
                best[key] = score
    return sorted(best, key=lambda term: (best[term], term))


def word_runs(text: str) -> Iterator[list[str]]:
    """Lower-cased words in runs that only whitespace separates (punctuation and digits end a run)."""
    run: list[str] = []
    end = 0
    for match in WORD.finditer(text):
        if run and not text[end:match.start()].isspace():
            yield run
            run = []
        run.append(match.group().lower())
        end = match.end()
    if run:
        yield run


def count_ngrams(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """Counts of candidate n-grams (no stopword at either end) and the total number of words."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        for run in word_runs(text):
            total += len(run)
            for size in range(1, WEIRDNESS_MAX_TOKENS + 1):
                for start in range(len(run) - size + 1):
                    if run[start] not in STOPWORDS and run[start + size - 1] not in STOPWORDS:
                        counts[" ".join(run[start:start + size])] += 1
    return counts, total


def weirdness_terms(texts: Iterable[str]) -> list[str]:
    """N-grams ranked by domain frequency over general-English frequency, weighted by log(1 + count)."""
    from wordfreq import word_frequency

    counts, total = count_ngrams(texts)
    scores = {
        term: (count / total) / max(word_frequency(term, "en"), WORDFREQ_FLOOR) * math.log1p(count)
        for term, count in counts.items() if count >= WEIRDNESS_MIN_COUNT
    }
    return sorted(scores, key=lambda term: (-scores[term], term))


def load_miner() -> Callable | None:
    """`glossary.mine` if the package has it yet, else None."""
    try:
        import glossary
    except ImportError:
        return None
    try:
        return glossary.mine
    except AttributeError:
        pass
    try:
        from glossary.mining import mine
    except ImportError:
        return None
    return mine
