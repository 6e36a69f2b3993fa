"""Acronym definitions: 'large language model (LLM)' links the acronym to the words that spell it."""

from __future__ import annotations

from typing import Iterator

from ..occurrences import ACRONYM, Occurrence, term_key
from ..text import NAME_CONNECTORS, Token


def acronym_definitions(text: str, span: tuple[int, int], tokens: list[Token]) -> Iterator[Occurrence]:
    """Each bracketed acronym whose initials the words before it spell, linked to that long form."""
    for position, token in enumerate(tokens):
        if token.shape not in ("upper", "mixed") or not 2 <= len(token.text) <= 8 or position == 0:
            continue
        if text[token.start - 1:token.start] != "(" or text[token.end:token.end + 1] != ")":
            continue
        long_form = spelled_by(token.text, tokens, position)
        if long_form:
            words = [t.text for t in long_form]
            yield Occurrence(ACRONYM, term_key([token.text]), token.text, token.start, span,
                             link=term_key(words), extra={"long_form": " ".join(words)})


def spelled_by(acronym: str, tokens: list[Token], end: int) -> list[Token] | None:
    """The words just before tokens[end], an acronym, whose initials spell it (connectors such as 'of' may be
    skipped). Walks back by index: a copy of the tokens before every acronym made a line of them quadratic."""
    letters = [ch.lower() for ch in acronym if ch.isalpha()]
    words: list[Token] = []  # last word first
    index = len(letters) - 1
    for position in range(end - 1, -1, -1):
        if index < 0:
            break
        token = tokens[position]
        if token.lower[0] == letters[index]:
            words.append(token)
            index -= 1
        elif token.lower in NAME_CONNECTORS and words:
            words.append(token)
        else:
            return None
    words.reverse()
    return words if index < 0 and words[0].lower not in NAME_CONNECTORS else None
