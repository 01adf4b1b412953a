"""Reading text extracted from a PDF without its hard line wraps.

PDF extractions (seed 000) break every line at the page width, so a paragraph arrives
as a column of fragments. The segmenter already knows which line ends are soft wraps:
those left inside a sentence. Replacing each of them by a space gives text of exactly
the same length, so every offset (code points and UTF-16 alike) still points at the
same character, and the stored canonical text stays untouched: this is a way to show
the document, not a change to it.
"""

from __future__ import annotations

from collections.abc import Iterable


def join_soft_wraps(text: str, sentences: Iterable[tuple[int, int]]) -> str:
    """``text`` with each line end inside a sentence turned into a space."""
    if "\n" not in text:
        return text
    chars: list[str] | None = None
    for start, end in sentences:
        at = text.find("\n", start, end)
        while at != -1:
            if chars is None:
                chars = list(text)
            chars[at] = " "
            at = text.find("\n", at + 1, end)
    return text if chars is None else "".join(chars)
