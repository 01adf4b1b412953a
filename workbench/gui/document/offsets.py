"""The one place that converts between our offsets and Qt's positions.

The project stores offsets as Python code points; Qt counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (emoji, some CJK, mathematical letters)
takes two Qt positions. Every widget that moves a cursor or draws a highlight converts
through an :class:`OffsetMap` built once per document text. Text without astral
characters -- nearly every news article -- maps one to one and costs nothing; otherwise
the sorted positions of the astral characters are kept and each conversion is a
bisection. A Qt position that falls between the two halves of a surrogate pair is
rounded down to the character it belongs to.

This module imports no Qt, so it can be tested (with hypothesis) on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Code point offsets <-> UTF-16 positions for one text."""

    __slots__ = ("_astral", "_qt_starts", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Encoding to UTF-16 runs in C: a megabyte takes about 2 ms (max() would take 30).
        if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            self._astral: list[int] = []
            self._qt_starts: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
            # The UTF-16 position of the n-th astral character is its code point offset
            # plus the n astral characters (one extra unit each) before it.
            self._qt_starts = [cp + n for n, cp in enumerate(self._astral)]
        self.qt_length = self.length + len(self._astral)

    @property
    def identity(self) -> bool:
        """True when code points and UTF-16 positions coincide (no astral characters)."""
        return not self._astral

    def to_qt(self, offset: int) -> int:
        """The Qt position of code point ``offset`` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"offset {offset} outside the text (0..{self.length})")
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code point offset of Qt ``position``; inside a surrogate pair, its start."""
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"Qt position {position} outside the text (0..{self.qt_length})")
        if not self._astral:
            return position
        return position - bisect_left(self._qt_starts, position)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def spans_to_qt(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Many spans at once (the highlights of a screen): no checks, one loop, local names."""
        if not self._astral:
            return list(spans)
        astral = self._astral
        return [(s + bisect_left(astral, s), e + bisect_left(astral, e)) for s, e in spans]

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """A Qt selection as code points; an end inside a surrogate pair includes the pair."""
        first = self.from_qt(start)
        last = self.from_qt(end)
        if self.to_qt(last) < end:  # the end split a pair: keep the whole character
            last += 1
        return first, last
