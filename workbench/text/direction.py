"""Writing direction of paragraphs, and lines that a PDF extraction has broken.

Qt guesses a paragraph's direction from its first strong character, which is wrong for
a Persian paragraph that opens with "date 2025-08-16". Here a paragraph's direction is
the majority of its strong characters (Unicode bidi classes L versus R/AL), so the
document view can set it explicitly. The classes come from :mod:`unicodedata` through a
translation table built once, which counts a megabyte in milliseconds.

PDF extractors often emit Arabic lines in reversed word order with their harakat
detached from the letters they belong to; :func:`broken_lines` flags such lines so the
annotator knows the text itself is damaged. Nothing here reorders or reshapes text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _strong_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        klass = unicodedata.bidirectional(chr(cp))
        table[cp] = "L" if klass == "L" else "R" if klass in ("R", "AL") else "N"
    return table


def _classes(text: str) -> str:
    """One of L, R or N per code point (astral characters pass through as themselves)."""
    return text.translate(_strong_table())


def strong_counts(text: str) -> tuple[int, int]:
    """(left-to-right, right-to-left) strong characters in ``text`` (BMP only)."""
    classes = _classes(text)
    return classes.count("L"), classes.count("R")


def is_rtl(text: str) -> bool:
    """True when right-to-left strong characters are the majority (ties go LTR)."""
    ltr, rtl = strong_counts(text)
    return rtl > ltr


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    rtl: bool


def paragraphs(text: str) -> list[Paragraph]:
    """One entry per ``\\n``-separated line (Qt's paragraphs), with its direction.

    Empty and neutral-only lines inherit the direction of the previous paragraph so a
    blank line inside an Arabic document does not flip the caret to the left.
    """
    classes = _classes(text)  # same length as text: offsets carry over
    out: list[Paragraph] = []
    pos = 0
    previous = False
    for line in text.split("\n"):
        end = pos + len(line)
        ltr, rtl = classes.count("L", pos, end), classes.count("R", pos, end)
        direction = previous if ltr == rtl == 0 else rtl > ltr
        out.append(Paragraph(pos, end, direction))
        previous = direction
        pos = end + 1
    return out


# An Arabic combining mark (harakat, shadda, sukun, superscript alef) that does not
# follow a letter: after a space, at the start of the line, or after another space-led mark.
_DETACHED_MARK = re.compile(r"(?:^|[\s\u201c\u201d\"])[\u064b-\u065f\u0670]")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3]")


@dataclass(frozen=True, slots=True)
class BrokenLine:
    start: int
    end: int
    reason: str


def broken_lines(text: str) -> list[BrokenLine]:
    """Lines whose Arabic-script text shows the marks of a broken PDF extraction."""
    out: list[BrokenLine] = []
    pos = 0
    for line in text.split("\n"):
        if _ARABIC_LETTER.search(line):
            detached = len(_DETACHED_MARK.findall(line))
            if detached:
                out.append(
                    BrokenLine(
                        pos,
                        pos + len(line),
                        f"{detached} diacritic mark(s) detached from their letters: this "
                        "line was probably extracted from a PDF in the wrong word order, "
                        "so the text itself is damaged",
                    )
                )
        pos += len(line) + 1
    return out
