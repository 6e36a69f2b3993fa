"""Our own small, deterministic EN–ZH aligner: sentences of two documents paired (Gale–Church anchored by
dictionary word pairs), a word lexicon learned from the pairs (IBM Model 1 both ways, Dice) joined with the
free signals (glossary pairs, CC-CEDICT, pinyin of Chinese words against romanised English, numbers and
Latin tokens kept across languages), and the Chinese span an English term is rendered by in one pair.

tokens: words of each side; sentences: Gale–Church; lexicon: word links; renderings: a term's Chinese span.
"""
