"""Carrying offsets between the units other tools count in and our code points.

Other tools count differently: doccano's annotation widget uses JavaScript string
lengths (UTF-16 code units, so an emoji counts two) unless a project counts grapheme
clusters; spaCy, brat and our own files count code points. And input text is made
canonical (leading BOM dropped, ``\\r\\n`` and ``\\r`` turned into ``\\n``), so offsets
into the raw text are carried over to the canonical one. Each conversion here is
exact where it can be and says so where it cannot (an edge inside a surrogate pair or
inside a grapheme cluster), so no caller shifts a span silently.
"""

from __future__ import annotations

import bisect
import itertools

from workbench.text.canonical import canonical_text

UNITS = ("utf16", "codepoints", "graphemes")
DEFAULT_UNIT = "utf16"


class OffsetError(ValueError):
    """An offset in foreign units that falls inside a character (or cluster)."""


class CanonicalMap:
    """Canonical text of ``raw`` and the carrying of raw offsets over to it.

    A start on the ``\\r`` of a ``\\r\\n`` lands on the ``\\n`` that replaces the pair,
    and an end between the two covers that ``\\n``: a span holding just the ``\\r`` of
    a CRLF becomes the line break it stood for instead of an empty span.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = canonical_text(raw)
        self._bom = raw.startswith("\ufeff")
        first = 1 if self._bom else 0
        # Positions in raw of the \r of each \r\n: that \r is dropped, its \n stays.
        self._cr: list[int] = []
        if len(self.text) != len(raw) - first:
            find = raw.find
            i = find("\r\n", first)
            while i != -1:
                self._cr.append(i)
                i = find("\r\n", i + 2)

    def start(self, offset: int) -> int:
        return self._carry(offset, bisect.bisect_left(self._cr, offset))

    def end(self, offset: int) -> int:
        # An end right after a dropped \r keeps the \n that stands in for the pair.
        return self._carry(offset, bisect.bisect_left(self._cr, offset - 1))

    def _carry(self, offset: int, crs_before: int) -> int:
        bom = 1 if self._bom and offset > 0 else 0
        return offset - bom - crs_before


class UnitScale:
    """Code point offsets of ``text`` to and from ``unit`` (one of :data:`UNITS`)."""

    def __init__(self, text: str, unit: str = DEFAULT_UNIT) -> None:
        if unit not in UNITS:
            raise ValueError(f"unknown offset unit {unit!r}; choose one of {', '.join(UNITS)}")
        self.unit = unit
        self.length = len(text)
        # _starts[k]: the code point where unit k starts, for every k (plus the end).
        self._starts: list[int] | None = None
        if unit == "utf16" and not text.isascii() and any(ord(c) > 0xFFFF for c in text):
            widths = (2 if ord(c) > 0xFFFF else 1 for c in text)
            self._units = [0, *itertools.accumulate(widths)]  # cp -> utf16
            self._index = {u: cp for cp, u in enumerate(self._units)}
        elif unit == "graphemes":
            import regex  # a dependency already (through sacremoses); imported lazily

            starts = [m.start() for m in regex.finditer(r"\X", text)]
            self._starts = [*starts, len(text)]
            self._units = []
            self._index = {}
        else:
            self._units = []
            self._index = {}

    @property
    def exact(self) -> bool:
        """True when units and code points are the same numbers for this text."""
        if self._starts is not None:
            return len(self._starts) == self.length + 1
        return not self._units

    def to_units(self, cp: int) -> int:
        """The unit offset at code point ``cp``; a grapheme edge inside a cluster raises."""
        if self._starts is not None:
            k = bisect.bisect_left(self._starts, cp)
            if k >= len(self._starts) or self._starts[k] != cp:
                raise OffsetError(f"offset {cp} falls inside a grapheme cluster")
            return k
        return self._units[cp] if self._units else cp

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """Unit offsets of the smallest whole-unit span covering code points start..end."""
        if self._starts is None:
            return self.to_units(start), self.to_units(end)
        s = bisect.bisect_right(self._starts, start) - 1
        e = bisect.bisect_left(self._starts, end)
        return s, e

    def from_units(self, unit_offset: int) -> int:
        """The code point at ``unit_offset``; one inside a surrogate pair raises."""
        if unit_offset < 0:
            raise OffsetError(f"offset {unit_offset} is negative")
        if self._starts is not None:
            if unit_offset >= len(self._starts):
                raise OffsetError(
                    f"offset {unit_offset} is beyond the text "
                    f"({len(self._starts) - 1} grapheme clusters)"
                )
            return self._starts[unit_offset]
        if not self._units:
            if unit_offset > self.length:
                raise OffsetError(f"offset {unit_offset} is beyond the text (length {self.length})")
            return unit_offset
        if unit_offset > self._units[-1]:
            raise OffsetError(
                f"offset {unit_offset} is beyond the text ({self._units[-1]} UTF-16 units)"
            )
        found = self._index.get(unit_offset)
        if found is None:
            raise OffsetError(f"offset {unit_offset} falls inside a UTF-16 surrogate pair")
        return found
