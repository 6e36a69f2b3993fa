"""Why the miner kept a candidate and how it scored, in words: so that a user can tell a bug from a judgement."""

from __future__ import annotations

from typing import Callable

from ..english import STOPWORDS, singular, zipf
from .occurrences import KNOWN, TERM
from .pipeline import Input, mined, shown_score
from .scoring import candidate_score, general_english
from .suggestions import suggest_chinese, best_display, CATEGORY_CUES


def explain(inputs: Input | list[Input], term: str, glossary=None, *, encoding: str | None = None,
            on_skip: Callable[[str], None] | None = None) -> list[str]:
    """Lines that say how a term fared in the documents: its row, rank, evidence, score and proposal, or
    that no finder kept it (and the likeliest reasons)."""
    miner = mined(inputs, glossary, encoding, None, on_skip)
    ranked = miner.ranked()
    wanted = singular(" ".join(term.lower().split()))
    for rank, (raw, key, tally) in enumerate(ranked, 1):
        row = miner.describe(raw, key, tally)
        if key == wanted or str(row["english"]).lower() == term.lower() or term in tally.displays:
            return _row_lines(miner, rank, len(ranked), raw, key, tally, row)
    tally = miner.tallies.get(wanted)
    if tally is not None:  # found, then scored 0: say which judgement dropped it
        nested = miner.nested()
        evidence = miner.evidence(wanted, tally, nested)
        inside = tally.kind == TERM and evidence.c_value == 0 and nested.get(wanted)
        reason = general_english(evidence) or (
            "seen only inside longer candidates, which C-value counts instead" if inside else
            "not worth showing (no two letters, or an everyday capitalised word)" if candidate_score(evidence) == 0
            else "")
        return [f"{term!r}: found {tally.count} time(s) as a {tally.kind} candidate, then left out: {reason}.",
                f"  first at {tally.found_in}: {tally.context}"]
    return [f"{term!r}: not a candidate in {miner.documents} document(s).",
            "No finder kept it. Likely reasons: a word in it reads as a verb in its sentence (the tagger), it "
            "begins or ends with a stop word, it is page debris (a ticker, an address, a slug), its words lie "
            "inside a known glossary term, or it scored 0 (an everyday capitalised word).",
            f"Nearest rows: {', '.join(_nearest(ranked, wanted)) or 'none'}."]


def _row_lines(miner, rank: int, total: int, raw: float, key: str, tally, row: dict) -> list[str]:
    """The explanation of one row."""
    evidence = miner.evidence(key, tally, {})
    lines = [f"{row['english'] or row['chinese']}: rank {rank} of {total}, score {shown_score(raw):.3f} "
             f"(raw {raw:.2f}), kind {tally.kind} (why the row exists)",
             f"  seen {tally.count} time(s) in {tally.documents} document(s); written "
             + ", ".join(f"{form!r}×{count}" for form, count in tally.displays.items())
             + f"; occurrences by finder: {dict(tally.kinds)}",
             f"  first at {tally.found_in}: {tally.context}"]
    if tally.kind == KNOWN:
        lines.append(f"  known: glossary entry {row['english']!r} ({row['status']}), Chinese {row['chinese']}")
        return lines
    words = [w for w in key.split() if w not in STOPWORDS]
    lines.append("  general-English frequency (Zipf, 7 = 'the', 0 = unseen): "
                 + ", ".join(f"{w} {zipf(w):.1f}" for w in words)
                 + f"; specificity {evidence.specificity:.2f}")
    if tally.kind == TERM:
        lines.append(f"  weirdness {evidence.weirdness:.2f} over {miner.words} words (above 0: this text overuses"
                     f" it); C-value {evidence.c_value:.2f}")
    extra = tally.extra or {}
    votes = {c: extra.get(f"cue:{c}", 0) for c in CATEGORY_CUES if extra.get(f"cue:{c}")}
    contains = f"; contains the known name {extra['contains']!r}" if extra.get("contains") else ""
    lines.append(f"  category {row['category']}: context votes {votes or 'none'}{contains}")
    chinese, suggestion, gloss, confidence, _ = suggest_chinese(key, best_display(key, tally), tally)
    why = "" if chinese else (" (a longer name around a known one: its Chinese is the translator's call)"
                              if extra.get("contains") else " (no CC-CEDICT entry renders it whole, in its sense)")
    lines.append(f"  Chinese: {chinese or '(none)'} from {suggestion or 'nothing'}, confidence {confidence:.2f}"
                 + (f" (gloss: {gloss[:80]})" if gloss else why))
    return lines


def _nearest(ranked, wanted: str) -> list[str]:
    """Up to five row keys sharing a word with the term."""
    words = set(wanted.split())
    return [key for _, key, _ in ranked if words & set(key.split())][:5]
