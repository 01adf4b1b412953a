"""Writing direction of paragraphs, and lines that a PDF extraction has broken.

Qt guesses a paragraph's direction from its first strong character, which is wrong for
a Persian paragraph that opens with "date 2025-08-16". Here a paragraph's direction is
decided by its *prose*: the majority of its strong characters (Unicode bidi classes L
versus R/AL), after leaving out what the writer did not write in the sentence's
language -- URLs, e-mail addresses, @handles, file paths and shell commands, text
inside bidi isolates (LRI/RLI/FSI ... PDI), and quoted spans when prose remains outside
them. So a Persian sentence announcing a long download URL stays right-to-left and a
Turkish sentence quoting an Arabic verse stays left-to-right. A paragraph with nothing
left inherits the direction of the one before, as blank lines do. The cost: the
patterns run only around their marks (a slash, an at sign, a program's name), so a
megabyte takes about 70 ms, 1.8 times the plain count (benchmarks/direction_report.py);
the classes come from :mod:`unicodedata` through a translation table built once. A direction set
by hand (:class:`~workbench.core.model.DirectionOverride`) wins over the rule.

PDF extractors often emit Arabic lines in reversed word order with their harakat
detached from the letters they belong to; :func:`broken_lines` flags such lines so the
annotator knows the text itself is damaged. Nothing here reorders or reshapes text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.core.model import DirectionOverride
from workbench.text.reflow import join_soft_wraps


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
    """True when right-to-left strong characters are the majority (ties go LTR).

    The plain majority rule, for short pieces of text (a sentence, a name); whole
    paragraphs go through :func:`paragraphs`, which counts only their prose.
    """
    ltr, rtl = strong_counts(text)
    return rtl > ltr


# -- what is not prose ------------------------------------------------------------------
# Each kind is looked for only where its mark is (a slash, an at sign, a backslash,
# "www."), in the whitespace-delimited token around it: one pass over the whole text
# with every pattern would cost ten times the counting it refines.
_TOKEN_NOT_PROSE = re.compile(
    "|".join(
        [
            # URLs, with or without a scheme; they end at a closing quote or bracket.
            r"(?:https?|ftp|file)://[^«»\"“”<>()\[\]]+",
            r"www\.[A-Za-z0-9-]+\.[^«»\"“”<>()\[\]]+",
            # An e-mail address, an @handle (Latin letters, as the services allow).
            r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
            r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?",
            # Paths: /usr/bin, ~/x, ./x, src/app/main.py, C:\x -- ASCII only, so "/خبر"
            # and "و/یا" stay prose, and one slash ("km/h", "Dolar/TL") is not a path.
            r"(?<![\w/.~])(?:~|\.{1,2})?/[A-Za-z0-9_.~-]+(?:/[A-Za-z0-9_.~-]*)*",
            r"(?<![\w/.~])\.?[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+){2,}",
            r"[A-Za-z]:\\[^\\]+(?:\\[^\\]+)*",
        ]
    )
)
_MARKS = ("/", "@", "\\", "www.")
_SPACES = (" ", "\n", "\t", "\u00a0")

_ASCII_ARG = r"[-A-Za-z0-9_.=/:@~+%,\[\]<>|*&;'\"]+"
# Commands as they are typed: a program and its ASCII arguments. A program whose name
# is also an English word ("brew", "cargo", "git") counts only with a subcommand, so
# "brew coffee" stays prose; a shell prompt ("$ ") only at the start of a line.
_PROGRAMS = (
    *"pip pip3 python3 sudo apt-get npm npx conda kubectl wget chmod mkdir ssh scp".split(),
    "python -m",
    "apt install",
    "apt update",
    "brew install",
    "yarn add",
    "cargo install",
    "cargo build",
    "docker run",
    "docker pull",
    "docker compose",
    "curl -",
    "git clone",
    "git pull",
    "git push",
    "git commit",
    "git checkout",
)
_COMMAND = re.compile(rf"[^\s$]+(?:[ \t]+{_ASCII_ARG})+")
_PROMPT = re.compile(rf"^[ \t]*\$(?:[ \t]+{_ASCII_ARG})+", re.MULTILINE)
_BACKTICKS = re.compile(r"`[^`\n]+`")
_WINDOW = 2000  # no token is longer: bounds the search for its ends


def _token(text: str, at: int) -> tuple[int, int]:
    """The whitespace-delimited token holding position ``at``."""
    low, high = max(0, at - _WINDOW), min(len(text), at + _WINDOW)
    start = max(text.rfind(space, low, at) for space in _SPACES)
    ends = [e for e in (text.find(space, at, high) for space in _SPACES) if e != -1]
    return (low if start == -1 else start + 1), min(ends, default=high)


def _code(text: str) -> list[tuple[int, int]]:
    """Commands, shell prompts and text in backticks."""
    spans = []
    for program in _PROGRAMS:
        at = text.find(program + " ")
        while at != -1:
            # A whole word ("npm" but not "xnpm"), at a token's start.
            if at == 0 or text[at - 1] in _SPACES or text[at - 1] in "(«\"“'":
                match = _COMMAND.match(text, at)
                if match is not None:
                    spans.append(match.span())
            at = text.find(program + " ", at + 1)
    if "$" in text:
        spans += [m.span() for m in _PROMPT.finditer(text)]
    if "`" in text:
        spans += [m.span() for m in _BACKTICKS.finditer(text)]
    return spans


def _not_prose(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, @handles, paths and code in ``text``."""
    tokens: set[tuple[int, int]] = set()
    for mark in _MARKS:
        at = text.find(mark)
        while at != -1:
            token = _token(text, at)
            tokens.add(token)
            at = text.find(mark, max(token[1], at + 1))
    spans = [
        (start + m.start(), start + m.end())
        for start, end in tokens
        for m in _TOKEN_NOT_PROSE.finditer(text[start:end])
    ]
    return spans + _code(text)


# Quoted spans, each kind with its own closing mark; none crosses a line end.
_QUOTED = re.compile(
    "|".join(
        [
            r"«[^«»\n]*»",
            r"‹[^‹›\n]*›",
            r"“[^“”\n]*”",
            r"„[^„“”\n]*[“”]",
            r"‘[^‘’\n]*’",
            r'"[^"\n]*"',
            "\ufd3f[^\ufd3e\ufd3f\n]*\ufd3e",  # Quranic ornate parentheses ﴿ ... ﴾
            "\ufd3e[^\ufd3e\ufd3f\n]*\ufd3f",
        ]
    )
)

_ISOLATE_MARKS = re.compile("[\u2066-\u2069\n]")


def _isolated(text: str) -> list[tuple[int, int]]:
    """Spans from an isolate initiator to its matching PDI (or the paragraph's end)."""
    if not any(c in text for c in "\u2066\u2067\u2068"):
        return []
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for mark in _ISOLATE_MARKS.finditer(text):
        char, at = mark.group(), mark.start()
        if char == "\n":
            if opened:
                spans.append((opened[0], at))
            opened = []
        elif char == "\u2069":
            if opened:
                start = opened.pop()
                if not opened:
                    spans.append((start, at + 1))
        else:
            opened.append(at)
    if opened:
        spans.append((opened[0], len(text)))
    return spans


def _masked(classes: str, spans: Iterable[tuple[int, int]]) -> str:
    """``classes`` with every span turned neutral (N), same length."""
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end <= start:
            continue
        pieces += [classes[done:start], "N" * (end - start)]
        done = end
    if not pieces:
        return classes
    pieces.append(classes[done:])
    return "".join(pieces)


class _Prose:
    """Strong-character classes of a text, with non-prose and quotes left out."""

    def __init__(self, text: str) -> None:
        classes = _classes(text)
        excluded = _not_prose(text) + _isolated(text)
        self.prose = _masked(classes, excluded)
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        self.outside = _masked(self.prose, quoted) if quoted else self.prose

    def direction(self, start: int, end: int) -> bool | None:
        """True for RTL, False for LTR, None when the span has no prose at all."""
        ltr = self.outside.count("L", start, end)
        rtl = self.outside.count("R", start, end)
        if ltr == rtl == 0 and self.outside is not self.prose:
            # Nothing outside the quotes: the quotes are the prose.
            ltr = self.prose.count("L", start, end)
            rtl = self.prose.count("R", start, end)
        if ltr == rtl == 0:
            return None
        return rtl > ltr


def prose_direction(text: str) -> bool | None:
    """The direction of one paragraph by its prose: True RTL, False LTR, None if none."""
    return _Prose(text).direction(0, len(text))


def majority_direction(text: str) -> bool | None:
    """The earlier rule, every strong character counted (for comparison)."""
    ltr, rtl = strong_counts(text)
    return None if ltr == rtl == 0 else rtl > ltr


def first_strong_direction(text: str) -> bool | None:
    """UAX #9 rules P2-P3: the first strong character outside isolates decides."""
    classes = _masked(_classes(text), _isolated(text))
    match = re.search("[LR]", classes)
    return None if match is None else match.group() == "R"


# -- paragraphs -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    rtl: bool
    overridden: bool = False  # set by hand rather than by the rule


def overlaps(override: DirectionOverride, start: int, end: int) -> bool:
    """Whether a direction set on ``override``'s span applies to paragraph start-end.

    Closed intervals: paragraphs are separated by at least one line end, so two never
    share a position, while a paragraph shown with its PDF line wraps joined still
    meets a direction set on any one of its lines, and the other way round.
    """
    return override.start <= end and start <= override.end


def paragraphs(text: str, overrides: Sequence[DirectionOverride] = ()) -> list[Paragraph]:
    """One entry per ``\\n``-separated line (Qt's paragraphs), with its direction.

    Empty and prose-less lines inherit the direction of the previous paragraph so a
    blank line inside an Arabic document does not flip the caret to the left. A
    direction set by hand on a span applies to every paragraph it meets.
    """
    prose = _Prose(text)
    # Stored overrides never overlap (setting one replaces those it meets), so sorted
    # by start they are sorted by end too: the first ending at or after a line's start
    # is the only one that can meet it.
    ordered = sorted(overrides, key=lambda o: o.start)
    ends = [o.end for o in ordered]
    out: list[Paragraph] = []
    pos = 0
    previous = False
    for line in text.split("\n"):
        end = pos + len(line)
        found = bisect_left(ends, pos) if ordered else 0
        if found < len(ordered) and overlaps(ordered[found], pos, end):
            out.append(Paragraph(pos, end, ordered[found].rtl, True))
        else:
            decided = prose.direction(pos, end)
            out.append(Paragraph(pos, end, previous if decided is None else decided))
        previous = out[-1].rtl
        pos = end + 1
    return out


def shown_paragraphs(
    text: str,
    sentences: Iterable[tuple[int, int]],
    overrides: Sequence[DirectionOverride] = (),
) -> list[Paragraph]:
    """The paragraphs as the window shows them, PDF line wraps joined (the default)."""
    return paragraphs(join_soft_wraps(text, sentences), overrides)


def paragraph_at(paras: Sequence[Paragraph], offset: int) -> Paragraph:
    """The paragraph holding code point ``offset`` (a line end belongs to its line)."""
    starts = [p.start for p in paras]
    return paras[max(0, bisect_left(starts, offset + 1) - 1)]


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
