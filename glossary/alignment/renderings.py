"""The Chinese span an English term is rendered by in one sentence pair, and a term's renderings over many.

Each pair gets a link matrix (English word × Chinese word, 0 … 1) from every free signal: a token kept alike
(COVID-19, 2020), a glossary pair found on both sides, CC-CEDICT, pinyin equal to the romanised English
(Wuhan ↔ 武汉), IBM Model 1 posteriors in both directions, Dice. A term's rendering is the run of Chinese words
that its words link to and that no other English word explains; a name seen once, with no link at all, gets
the Chinese words left over where the term stands, once every explained word is set aside.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..scripts import has_han
from .lexicon import (
    Lexicon, dictionary_renderings, english_key, phrase_renderings, romanised, same_token, toneless_pinyin,
)
from .tokens import FUNCTION_WORDS, Word, chinese_words, english_words

MAX_SPAN_WORDS = 8
SHARED = 0.5
LINKED_FLOOR = 0.8  # a span word the term links to at all, and more than anything else does, is owed this much
PRECISION = 0.7  # how much what the span's words owe the term counts beside how much of the term they cover
POSITION = 0.5  # how much a span far from where the term stands in its sentence (relatively) loses
ADJACENT = 0.25  # a next word linked to the term more than this (and than to the rest) belongs in its span
PRE_EMPTED = 0.2  # at most this much of a learned link to or from a word a sure link explains
SURE = 0.8  # a link this strong to a word outside the term keeps a Chinese word out of its rendering
DICE_MIN_PAIRS = 3  # Dice of words seen together fewer times is chance
MODIFIER_LINK = 0.5  # a dictionary word that only modifies a gloss's head ('large' of 'large bowl')
MIN_SCORE = 0.45  # below this an occurrence is not counted as rendered at all
NOISE = 0.2  # what a name seen once is linked by, at most, when the pairs do not tell where it goes
UNDECIDED = 1.5  # … that is, when its best learned link is less than this many times its second
WEAK = 0.25  # a link weaker than this is noise (IBM spreads a rare word's mass thin)
SOUNDS_ALIKE = 0.5  # below this, a name and a span's pinyin have nothing in common
UNLINKED_COVER = 0.8  # how far a span's unexplained words cover a term word nothing explains
LEFTOVER = 0.3  # what an unexplained Chinese word inside a span is worth (a name's transliteration)
SURNAME_SOUND = 0.9  # a Chinese name of two or three characters read at first as the English name's surname
# Characters that may sit between two words of one rendering (约翰·霍普金斯, COVID-19 疫苗, 5G手机).
_JOINERS = re.compile(r"^[\s·・\-‐–—/．.&]*$")
SIGNALS = ("same", "glossary", "dictionary", "pinyin", "ibm", "dice")


@dataclass(frozen=True)
class Pair:
    """One sentence pair, tokenised once."""

    english: str
    chinese: str
    english_words: tuple[Word, ...]
    chinese_words: tuple[Word, ...]


def make_pair(english: str, chinese: str) -> Pair:
    """A pair of sentences with the words of each side."""
    return Pair(english, chinese, tuple(english_words(english)), tuple(chinese_words(chinese)))


@dataclass(frozen=True)
class Rendering:
    """A term's Chinese in one pair and how surely it is that (0 … ~2)."""

    chinese: str
    score: float


class Aligner:
    """Renders English terms in the pairs of one corpus, from the corpus's lexicon and the free signals."""

    def __init__(self, pairs: Sequence[Pair], lexicon: Lexicon, known=None,
                 signals: Sequence[str] = SIGNALS) -> None:
        self.pairs = pairs
        self.lexicon = lexicon
        self.known = known  # a matching.KnownTerms over the glossary, or None
        self.signals = frozenset(signals)
        self._matrix = functools.lru_cache(maxsize=4096)(self._link_matrix)
        self._pair = functools.lru_cache(maxsize=4096)(self._refined_pair)

    def _refined_pair(self, index: int) -> Pair:
        """Pair `index` with its Chinese words cut where a dictionary rendering of one of its English words, or
        the pinyin of one of its names, begins or ends inside a word (湖北|省 for Hubei, 即|雷神山 for Leishenshan)."""
        pair = self.pairs[index]
        cuts: set[int] = set()
        sure_cuts: set[int] = set()  # where a name's pinyin begins and ends: always cut
        pieces: set[str] = set()  # what the other English words may be written as, to tell a word's rest by
        for word in pair.english_words:
            if not word.is_content:
                continue
            renderings = dictionary_renderings(word.text) if "dictionary" in self.signals else frozenset()
            pieces |= renderings
            if not word.text[:1].isupper():
                continue
            for start, end, strength in _found_renderings(pair.chinese, renderings):
                if strength == 1.0:
                    cuts.update((start, end))
            if "pinyin" in self.signals and len(word.text) >= 4:
                sure_cuts.update(_pinyin_run(pair.chinese, romanised(word.text)))
        cuts |= sure_cuts
        if not cuts:
            return pair
        words: list[Word] = []
        for word in pair.chinese_words:
            inner = sorted(cut for cut in cuts if word.start < cut < word.end)
            edges = [word.start, *inner, word.end]
            # cut only where every piece is one character (湖北|省) or another word's rendering (伊朗|议会):
            # 蚂蚁金服 stays whole for Ant Group
            if inner and not all(end - start == 1 or pair.chinese[start:end] in pieces
                                 or pair.chinese[start:end] in _headwords() for start, end in zip(edges, edges[1:])):
                edges = [word.start, *sorted(cut for cut in sure_cuts if word.start < cut < word.end), word.end]
            for start, end in zip(edges, edges[1:]):
                text = pair.chinese[start:end]
                words.append(Word(text, start, end, text.lower()))
        return Pair(pair.english, pair.chinese, pair.english_words, tuple(words))

    # --- one pair -------------------------------------------------------------------------------------

    def _link_matrix(self, index: int) -> list[list[float]]:
        """Link strengths of every English word to every Chinese word of pair `index`."""
        pair = self._pair(index)
        en, zh = pair.english_words, pair.chinese_words
        matrix = [[0.0] * len(zh) for _ in en]
        signals, lexicon = self.signals, self.lexicon
        keys = [english_key(w.key) for w in en]
        function_word = [z.text in FUNCTION_WORDS for z in zh]
        content = [w.is_content for w in en]
        if "ibm" in signals:
            forward, backward = lexicon.forward, lexicon.backward
            # posterior of each English word for each Chinese word (t(zh|en)), and the other way round
            columns = []
            for z in zh:
                row = [forward.get((k, z.key), 0.0) if c else 0.0 for k, c in zip(keys, content)]
                total = sum(row) + forward.get(("", z.key), 0.0) + 1e-9
                columns.append([value / total for value in row])
            rows = []
            for k, c in zip(keys, content):
                row = [backward.get((k, z.key), 0.0) if c else 0.0 for z in zh]
                total = sum(row) + 1e-9
                rows.append([value / total for value in row])
        learned = [[0.0] * len(zh) for _ in en]  # what the pairs taught (IBM Model 1, Dice)
        for i, (word, key) in enumerate(zip(en, keys)):
            if not content[i] and not word.is_latin:
                continue
            letters = romanised(word.text)
            for j, z in enumerate(zh):
                if "same" in signals and same_token(word.text, z.text):
                    matrix[i][j] = 1.0
                elif content[i] and not function_word[j]:
                    if "pinyin" in signals and len(letters) >= 3 and has_han(z.text) \
                            and word.text[:1].isupper() and toneless_pinyin(z.text) == letters:
                        matrix[i][j] = 1.0
                    if "ibm" in signals:
                        learned[i][j] = (columns[j][i] * rows[i][j]) ** 0.5
                    if "dice" in signals and lexicon.pair_counts.get((key, z.key), 0) >= DICE_MIN_PAIRS:
                        learned[i][j] = max(learned[i][j], 0.8 * lexicon.dice(key, z.key))
            if word.text[:1].isupper() and lexicon.english_counts.get(key, 0) <= 1 and _undecided(learned[i]):
                learned[i] = [min(value, NOISE) for value in learned[i]]
            if "dictionary" in signals and content[i]:
                for weight, modifier in ((1.0, False), (MODIFIER_LINK, True)):
                    for start, end, strength in _found_renderings(pair.chinese,
                                                                  dictionary_renderings(word.text, modifier)):
                        for j, z in enumerate(zh):
                            if z.start < end and z.end > start:
                                inside = z.start >= start and z.end <= end
                                matrix[i][j] = max(matrix[i][j], weight * (strength if inside else 0.6 * strength))
        if "glossary" in signals and self.known is not None:
            self._glossary_links(pair, matrix)
        # a Chinese word a sure link explains (dictionary, glossary, pinyin, kept alike), and a name with a sure
        # link of its own, keep little of what the pairs taught about other links: 'chips' is 芯片, so Nvidia,
        # always beside it, is not; Taipei is 台北, so not 辉达 beside it
        sure_rows = {i for i, row in enumerate(matrix) if max(row, default=0.0) >= 0.9}
        sure_columns = {j for j in range(len(zh)) if any(row[j] >= 0.9 for row in matrix)}
        for i, row in enumerate(learned):
            for j, value in enumerate(row):
                if value and matrix[i][j] < 0.9 and (j in sure_columns or (i in sure_rows and en[i].text[:1].isupper())):
                    value = min(value, PRE_EMPTED)
                if value > matrix[i][j]:
                    matrix[i][j] = value
        return matrix

    def _glossary_links(self, pair: Pair, matrix: list[list[float]]) -> None:
        """Full links between the words of a glossary term and those of its Chinese found in the same pair."""
        for hit in self.known.find(pair.english):
            entry = self.known.entries[hit.entry]
            for form in entry.chinese_forms():
                at = pair.chinese.find(form)
                if at < 0:
                    continue
                en = [i for i, w in enumerate(pair.english_words) if w.start < hit.end and w.end > hit.start]
                zh = [j for j, w in enumerate(pair.chinese_words) if w.start < at + len(form) and w.end > at]
                for i in en:
                    for j in zh:
                        matrix[i][j] = 1.0
                break

    def render(self, index: int, start: int, end: int) -> Rendering | None:
        """The Chinese rendering of the English text at [start, end) of pair `index`, or None when no span
        of the Chinese side scores MIN_SCORE."""
        pair = self._pair(index)
        en, zh = pair.english_words, pair.chinese_words
        inside = [i for i, w in enumerate(en) if w.start >= start and w.end <= end]
        if not inside or not zh:
            return None
        matrix = self._matrix(index)
        content = [i for i in inside if en[i].is_content or en[i].is_latin] or inside
        outside = [i for i in range(len(en)) if i not in inside]
        term_in = [max(matrix[i][j] for i in inside) for j in range(len(zh))]
        term_out = [max((matrix[i][j] for i in outside), default=0.0) for j in range(len(zh))]
        # English words of the term nothing links anywhere: a name's parts, rendered by sound (or kept)
        unlinked = [i for i in content if max(matrix[i]) < WEAK]
        linked = [i for i in content if i not in unlinked]
        unlinked_letters = "".join(romanised(en[i].text) for i in unlinked)
        # an English given name before a Chinese surname (Eddie Wu, Robin Li): the Chinese name reads so at first
        last_word = en[content[-1]].text
        surname = romanised(last_word) if (len(content) > 1 and content[-1] in unlinked and last_word[:1].isupper()
                                           and _is_pinyin(last_word) and not _is_pinyin(en[content[0]].text)) else ""
        surname = surname if len(surname) <= 6 else ""
        # a romanised Chinese name (Wu, Zhengfei) is rendered by characters read so, never by whatever is left
        by_sound = bool(unlinked) and all(en[i].text[:1].isupper() and _is_pinyin(en[i].text) for i in unlinked)
        term = pair.english[start:end]
        wholes = phrase_renderings(term) if "dictionary" in self.signals else frozenset()
        name_letters = romanised(term) if "pinyin" in self.signals and term[:1].isupper() else ""
        position = (sum(inside) / len(inside) + 0.5) / len(en)
        size = len(zh)
        joined = [bool(_JOINERS.match(pair.chinese[zh[k].end:zh[k + 1].start])) for k in range(size - 1)] + [False]
        function = [w.text in FUNCTION_WORDS for w in zh]
        leftover = [term_in[j] < WEAK and term_out[j] < WEAK and not function[j] for j in range(size)]
        blocked = [term_out[j] >= SURE and term_in[j] < term_out[j] / 2 for j in range(size)]
        rows = [matrix[i] for i in content]
        before = [_running_max(row) for row in rows]  # best link of each term word up to j
        after = [_running_max(row[::-1])[::-1] for row in rows]  # … from j on
        best: tuple[float, int, int] | None = None
        for first in range(size):
            if function[first] and term_in[first] < SURE:
                continue
            covered = [0.0] * len(content)
            linked_precision = 0.0
            leftovers = 0
            leftover_pinyin = ""
            for last in range(first, min(size, first + MAX_SPAN_WORDS)):
                if last > first and not joined[last - 1]:
                    break
                for k, row in enumerate(rows):
                    if row[last] > covered[k]:
                        covered[k] = row[last]
                if blocked[last]:
                    break  # a word another English word surely explains is never part of this term's rendering
                if leftover[last]:
                    leftovers += 1
                    if unlinked:
                        leftover_pinyin += toneless_pinyin(zh[last].text)
                else:  # a word the term shares with another English word (Eddie Wu: 吴泳铭) is half its own
                    owed = term_in[last] if term_in[last] < WEAK or term_out[last] >= term_in[last] \
                        else max(term_in[last], LINKED_FLOOR)
                    linked_precision += owed - (term_out[last] if term_out[last] > term_in[last]
                                                else SHARED * term_out[last])
                if function[last] and (term_in[last] < SURE or all(function[first:last + 1])):
                    continue
                sound = _sounds_like(unlinked_letters, leftover_pinyin) if unlinked and leftovers else 0.0
                if surname and leftovers == last - first + 1:
                    text = pair.chinese[zh[first].start:zh[last].end]
                    if 2 <= len(text) <= 3 and all(map(has_han, text)) and toneless_pinyin(text[0]) == surname:
                        sound = max(sound, SURNAME_SOUND)
                if by_sound:
                    precision = linked_precision + leftovers * sound
                    unlinked_cover = sound
                else:
                    precision = linked_precision + leftovers * max(LEFTOVER, sound)
                    unlinked_cover = max(sound, UNLINKED_COVER if leftovers else 0.0)
                cover = (sum(c for c, i in zip(covered, content) if i in linked)
                         + unlinked_cover * len(unlinked)) / len(content)
                conflict = 0.0
                for k, c in enumerate(covered):
                    outside_best = max(before[k][first - 1] if first else 0.0, after[k][last + 1] if last + 1 < size
                                       else 0.0)
                    if outside_best > c:
                        conflict += outside_best - c
                conflict /= len(content)
                # a word next to the span that the term explains and nothing else does belongs in it
                left_out = 0.0
                if first and joined[first - 1]:
                    left_out += max(0.0, term_in[first - 1] - term_out[first - 1] - ADJACENT)
                if last + 1 < size and joined[last]:
                    left_out += max(0.0, term_in[last + 1] - term_out[last + 1] - ADJACENT)
                where = ((first + last) / 2 + 0.5) / size
                text = pair.chinese[zh[first].start:zh[last].end]
                score = cover + PRECISION * precision / (last - first + 1) - conflict - left_out \
                    - POSITION * abs(where - position) \
                    + (0.5 if text in wholes or (name_letters and toneless_pinyin(text) == name_letters) else 0.0)
                if best is None or score > best[0] + 1e-9:
                    best = (score, first, last)
        if best is None or best[0] < MIN_SCORE:
            return None
        _, first, last = best
        return Rendering(pair.chinese[zh[first].start:zh[last].end], round(best[0], 4))


    def render_english(self, index: int, start: int, end: int) -> Rendering | None:
        """The English rendering of the Chinese text at [start, end) of pair `index` (a Chinese candidate), or
        None: the run of English words (function words only inside it) that the term's Chinese words link to,
        scored by how much of the term it covers, how much of it the term explains, and how little of it other
        Chinese words explain."""
        pair = self._pair(index)
        en, zh = pair.english_words, pair.chinese_words
        inside = [j for j, w in enumerate(zh) if w.start < end and w.end > start]
        if not inside or not en:
            return None
        matrix = self._matrix(index)
        content = [j for j in inside if zh[j].text not in FUNCTION_WORDS] or inside
        outside = [j for j in range(len(zh)) if j not in inside]
        term_in = [max(row[j] for j in inside) for row in matrix]
        term_out = [max((row[j] for j in outside), default=0.0) for row in matrix]
        joined = [not pair.english[en[k].end:en[k + 1].start].strip(" -") for k in range(len(en) - 1)] + [False]
        position = (sum(inside) / len(inside) + 0.5) / len(zh)
        best: tuple[float, int, int] | None = None
        for first in range(len(en)):
            if not en[first].is_content or term_in[first] < WEAK:
                continue
            precision = 0.0
            for last in range(first, min(len(en), first + MAX_SPAN_WORDS)):
                if last > first and not joined[last - 1]:
                    break
                if term_out[last] >= SURE and term_in[last] < term_out[last] / 2:
                    break
                if en[last].is_content:
                    precision += (1.0 if term_in[last] >= WEAK and term_in[last] >= term_out[last] else term_in[last]) \
                        - (term_out[last] if term_out[last] > term_in[last] else SHARED * term_out[last])
                if not en[last].is_content or term_in[last] < WEAK:
                    continue
                # words of the run that render parts of one Chinese word add up (data + centre: 数据中心)
                cover = sum(min(1.0, sum(matrix[i][j] for i in range(first, last + 1) if matrix[i][j] >= WEAK))
                            for j in content) / len(content)
                where = ((first + last) / 2 + 0.5) / len(en)
                words = sum(1 for i in range(first, last + 1) if en[i].is_content)
                score = cover + PRECISION * precision / words - POSITION * abs(where - position)
                if best is None or score > best[0] + 1e-9:
                    best = (score, first, last)
        if best is None or best[0] < MIN_SCORE:
            return None
        _, first, last = best
        # a name is all of its capitalised words that nothing else explains (Eddie Wu, Alibaba Cloud)
        def free_name_word(k: int) -> bool:
            return en[k].text[:1].isupper() and term_out[k] < SURE and term_out[k] <= max(term_in[k], WEAK)

        if en[first].text[:1].isupper() or en[last].text[:1].isupper():
            while first and joined[first - 1] and free_name_word(first - 1):
                first -= 1
            while last + 1 < len(en) and joined[last] and free_name_word(last + 1):
                last += 1
        return Rendering(pair.english[en[first].start:en[last].end], round(best[0], 4))


def _undecided(row: Sequence[float]) -> bool:
    """Whether what the pairs taught of a name seen once picks no Chinese word: its best link is no clearer than
    its second (IBM spreads a word of one sentence evenly over the words nothing else explains)."""
    best, second = 0.0, 0.0
    for value in row:
        if value > best:
            best, second = value, best
        elif value > second:
            second = value
    return best < UNDECIDED * second


@functools.lru_cache(maxsize=10_000)
def _is_pinyin(word: str) -> bool:
    """Whether a word is made of Hanyu Pinyin syllables (Wu, Zhengfei, Qianwen)."""
    from ..chinese import pinyin_syllable_split

    return pinyin_syllable_split(word.lower()) is not None


@functools.lru_cache(maxsize=1)
def _headwords() -> Mapping[str, int]:
    """CC-CEDICT's simplified headwords (the keys; from their prepared file): the rest of a Chinese word cut around a
    name must be a word too."""
    from ..dictionary import all_headwords

    return all_headwords()


def _running_max(values: Sequence[float]) -> list[float]:
    """The largest value up to each position."""
    result, best = [], 0.0
    for value in values:
        best = value if value > best else best
        result.append(best)
    return result


def _pinyin_run(chinese: str, letters: str) -> list[int]:
    """Offsets where a run of Chinese characters reads exactly as the letters begins and ends ('leishenshan' →
    the edges of 雷神山 in 即雷神山医院)."""
    if len(letters) < 4:
        return []
    for start, char in enumerate(chinese):
        if not has_han(char):
            continue
        read = ""
        for end in range(start, min(len(chinese), start + 8)):
            if not has_han(chinese[end]):
                break
            read += toneless_pinyin(chinese[end])
            if not letters.startswith(read):
                break
            if read == letters:
                return [start, end + 1]
    return []


def _gap_after(pair: Pair, index: int) -> str:
    """The text between Chinese word `index` and the next one."""
    words = pair.chinese_words
    return pair.chinese[words[index].end:words[index + 1].start] if index + 1 < len(words) else "，"


def _sounds_like(letters: str, pinyin: str) -> float:
    """How much a romanised English name sounds like a Chinese span's pinyin (0 … 1; Vallance ~ walansi)."""
    if not letters or not pinyin:
        return 0.0
    from rapidfuzz.fuzz import ratio

    similarity = ratio(letters, pinyin) / 100.0
    return similarity if similarity >= SOUNDS_ALIKE else 0.0


def _found_renderings(chinese: str, renderings: frozenset[str]) -> list[tuple[int, int, float]]:
    """(start, end, strength) of each dictionary rendering found in a Chinese sentence: 1 for two characters
    or more, 0.5 for a single character (often a part of another word)."""
    found = []
    for rendering in sorted(renderings):
        at = chinese.find(rendering)
        while at >= 0:
            found.append((at, at + len(rendering), 1.0 if len(rendering) >= 2 else 0.5))
            at = chinese.find(rendering, at + 1)
    return found


def tally_renderings(renderings: Sequence[Rendering | None]) -> list[tuple[str, int, float]]:
    """(Chinese, times seen, summed score) of each rendering, most often seen first (then surest, then by text)."""
    counts: Counter[str] = Counter()
    scores: dict[str, float] = {}
    for rendering in renderings:
        if rendering is None:
            continue
        counts[rendering.chinese] += 1
        scores[rendering.chinese] = scores.get(rendering.chinese, 0.0) + rendering.score
    return sorted(((text, counts[text], scores[text]) for text in counts),
                  key=lambda item: (-item[1], -item[2], item[0]))
