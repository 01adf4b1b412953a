"""Tokens cut so that every annotation's edges fall between tokens.

Token-based tools (spaCy, Prodigy, CoNLL trainers) can only label whole tokens. A
tokenizer that knows nothing of our spans keeps ``Trump'ın`` or ``وترامب`` whole, and the
span ``Trump`` / ``ترامب`` inside it then aligns to no token: spaCy drops it (W030) and
trains those tokens as "not a name". So tokens here are cut at whitespace, around
punctuation (but not inside ``3.5`` or ``e-posta``, where it stands between letters or
digits), and at every span edge given. Whitespace follows spaCy's convention so that
``Doc(words, spaces)`` rebuilds the text exactly: one plain space after a token is that
token's ``ws``, any other whitespace is a token of its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    ws: bool  # followed by one space that belongs to no token

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


def _kind(ch: str) -> int:
    """0 whitespace, 1 punctuation or symbol, 2 anything else (letters, digits, marks)."""
    if ch.isspace():
        return 0
    cat = unicodedata.category(ch)
    return 1 if cat[0] in "PS" else 2


def boundaries(text: str) -> set[int]:
    """Where whitespace and punctuation cut ``text`` (always 0 and its length)."""
    kinds = [_kind(ch) for ch in text]
    cuts = {0, len(text)}
    n = len(text)
    for i in range(1, n):
        a, b = kinds[i - 1], kinds[i]
        if (a == 0) != (b == 0):
            cuts.add(i)
        elif a == 1 or b == 1:
            # Punctuation stands alone unless it sits between two word characters.
            inner_left = a == 1 and i >= 2 and kinds[i - 2] == 2 and b == 2
            inner_right = b == 1 and a == 2 and i + 1 < n and kinds[i + 1] == 2
            if a == 0 or not (inner_left or inner_right):
                cuts.add(i)
    return cuts


def tokenize(text: str, spans: Iterable[tuple[int, int]] = ()) -> list[Token]:
    """Tokens of ``text``, cut also at the start and end of every one of ``spans``."""
    starts: set[int] = set()
    ends: set[int] = set()
    for start, end in spans:
        starts.add(start)
        ends.add(end)
    forced = {e for e in starts | ends if 0 < e < len(text)}
    cuts = sorted(boundaries(text) | forced)
    tokens: list[Token] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if text[start].isspace():
            previous = tokens[-1] if tokens else None
            if (
                text[start] == " "
                and previous is not None
                and previous.end == start
                and not previous.ws
                and not text[previous.start].isspace()
                and start not in starts  # a span starting on the space needs it as a token
                and start + 1 not in ends
            ):
                # The first plain space after a word is that word's trailing space.
                tokens[-1] = Token(previous.start, previous.end, True)
                start += 1
                if start == end:
                    continue
        tokens.append(Token(start, end, False))
    return tokens


def token_index(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    """Maps from a start offset to its token and from an end offset to its token."""
    return ({t.start: i for i, t in enumerate(tokens)}, {t.end: i for i, t in enumerate(tokens)})
