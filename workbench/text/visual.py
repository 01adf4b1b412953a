"""Visual-order text for terminals that do no bidi (``workbench show --visual``).

python-bidi reorders and arabic-reshaper joins letters, one line at a time. This is
only for terminals, plots and reports drawn by hand: text given to Qt stays logical.
"""

from __future__ import annotations


def visual_line(line: str) -> str:
    """The line as a dumb terminal should print it, left to right."""
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(line)))


def visual(text: str) -> str:
    return "\n".join(visual_line(line) for line in text.split("\n"))
