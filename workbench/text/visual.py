"""Visual-order text for terminals that do no bidi (``workbench show --visual``).

arabic-reshaper joins the letters, the paragraph is wrapped to the terminal's width in
logical order (so the first words of a right-to-left paragraph are on its first row),
then python-bidi reorders each row in the direction the window gives the paragraph
(:mod:`workbench.text.direction`, including a direction set by hand), and right-to-left
rows are right-aligned. Left to itself python-bidi would take the first strong
character's direction, and "date 2025-08-16 دونالد ترامپ ..." would read backwards.
This is only for terminals and reports drawn by hand: text given to Qt stays logical.
"""

from __future__ import annotations

import unicodedata


def visual_line(line: str, rtl: bool | None = None) -> str:
    """The line as a dumb terminal should print it, left to right.

    ``rtl`` is the paragraph's direction; None leaves it to the first strong character.
    """
    import arabic_reshaper
    from bidi import get_display

    base = None if rtl is None else "R" if rtl else "L"
    return str(get_display(arabic_reshaper.reshape(line), base_dir=base))


def visual(text: str) -> str:
    return "\n".join(visual_line(line) for line in text.split("\n"))


def char_width(char: str) -> int:
    """Terminal columns of one character: marks and format characters take none."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width_of(text: str) -> int:
    return sum(char_width(c) for c in text)


def wrap(line: str, width: int) -> list[str]:
    """``line`` cut into rows of at most ``width`` columns, at spaces where it can be."""
    rows: list[str] = []
    row, row_width = "", 0
    for word in line.split(" "):
        word_width = width_of(word)
        if row and row_width + 1 + word_width <= width:
            row, row_width = f"{row} {word}", row_width + 1 + word_width
            continue
        if row or rows:
            rows.append(row)
        row, row_width = word, word_width
        while row_width > width:  # a word longer than a row (a URL): cut it
            cut, used = 0, 0
            while cut < len(row) and used + char_width(row[cut]) <= width:
                used += char_width(row[cut])
                cut += 1
            cut = max(cut, 1)
            rows.append(row[:cut])
            row = row[cut:]
            row_width = width_of(row)
    rows.append(row)
    return rows


def visual_paragraph(line: str, rtl: bool, width: int) -> list[str]:
    """One paragraph as terminal rows: shaped, wrapped, reordered, RTL right-aligned."""
    import arabic_reshaper
    from bidi import get_display

    base = "R" if rtl else "L"
    out = []
    for row in wrap(arabic_reshaper.reshape(line), max(1, width)):
        shown = str(get_display(row, base_dir=base))
        out.append(" " * max(0, width - width_of(shown)) + shown if rtl else shown)
    return out
