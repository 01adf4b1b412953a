"""Sentence segmentation of canonical document text (Turkish, Persian, Arabic, some English).

``split_sentences`` is the one entry point: it returns trimmed ``(start, end)`` code-point
spans that the rest of the workbench uses as its sentence units (annotation, translation,
navigation). A text is cut (1) at every blank line, (2) at every line end that is not a
soft wrap, and (3) after terminal punctuation (``. ! ? ؟ ۔ …`` and runs of them, plus any
closing quotes/brackets) when whitespace and a plausible sentence start follow, unless the
dot belongs to an abbreviation, an initial, a Roman numeral or a Turkish ordinal. Soft wraps
are only recognised in documents that have the shape of hard-wrapped text (see
``_newline_cuts``). The module is pure Python (``re`` only); regexes are compiled once and
possessive quantifiers keep every scan linear, so a megabyte takes a few dozen milliseconds.
"""

from __future__ import annotations

import re

__all__ = ["BULLETS", "split_sentences"]

TERMINALS = ".!?؟۔…"
# Closers belong to the sentence they close: «… dedi.» / “…olacak.”
CLOSERS = "»\"”’')]›"
# Characters that may open a sentence besides letters and digits.
OPENERS = "“\"«‘'„‚‹(¿¡"
# List bullets. A bullet followed by whitespace at the start of a span is left out of the
# span (it is layout, not sentence text); this is the ONLY non-space text ever left out.
BULLETS = "•‣◦▪▫●○■□⁃∙►▶➢"
# Invisible format characters (ZWSP..RLM, bidi embeddings/isolates, word joiner, BOM)
# that may sit between a sentence end and the next sentence's first letter.
_FMT = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
# Combining marks (Arabic harakat, tanween, Latin diacritics) and ZWNJ/ZWJ are part of a
# word but are not ``\w`` in ``re``; without them "جدًا." would look like a 1-letter token.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"

_T = re.escape(TERMINALS)
_C = re.escape(CLOSERS)
_STARTERS = frozenset(OPENERS + BULLETS)

# A candidate end: a maximal run of terminal punctuation (the lookbehind stops matches from
# starting inside a run, which with the possessive ``++`` keeps "....." scans linear), its
# closers, optionally a short bracketed citation ("koymuştur.” [Talak 3]"), and then
# whitespace; group 2 captures the first visible character after that whitespace.
_CANDIDATE = re.compile(
    rf"(?<![{_T}])([{_T}]++)[{_C}]*+(?:[^\S\n]*+\[[^\[\]\n]{{1,40}}\])?"
    rf"(?=[{_FMT}]*+\s[\s{_FMT}]*+(.))"
)
# The word just before a dot, with its internal dots/apostrophes ("U.S", "A.Ş", "Irak'a").
_WORD = rf"(?:[^\W_]|[{_MARKS}])++"
_TAIL = re.compile(rf"(?:{_WORD}['’.])*+{_WORD}\Z")
_TAIL_WINDOW = 32
_WORD_CHAR = re.compile(rf"[^\W_]|[{_MARKS}.'’]")
_ROMAN = re.compile(r"(?=[IVXLCDM])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_MARK_CHARS = re.compile(rf"[{_MARKS}]")

# Abbreviations after which a single dot never ends a sentence (exact spelling).
_ABBREVIATIONS = frozenset(
    """
    Dr Prof Doç Yrd Yard Av Sn Alb Gen Org Orgen Korg Tümg Tuğg Tuğa Bnb Yzb Ütğm Tğm Ord
    Müh Uzm Op Öğr Gör Arş Okt Hz Md Müd Bşk Mah Cad Sok Sk Bul Blv Apt No Nr St Ltd Şti
    bkz Bkz krş Krş örn Örn yy ss sf sy haz Haz çev Çev yay Yay der Der ed Ed vol Vol
    Mr Mrs Ms Messrs Jr Sr Mt Inc Corp Co Fig fig pp Jan Feb Aug Sep Sept Oct Nov Dec
    """.split()
)
# "vb." / "vs." / "etc." often end a sentence: they only block a cut before a non-capital.
_SOFT_ABBREVIATIONS = frozenset("vb vs vd vb etc Etc".split())

_NEWLINE = re.compile(r"\n")
# A newline between two non-blank lines; group 1 is the trailing horizontal whitespace of
# the first line, group 2 the first visible character of the second.
_INNER_NEWLINE = re.compile(r"(?<=\S)([^\S\n]*+)\n(?=[^\S\n]*+(\S))")
# Span content inside a segment: leading whitespace and bullets skipped, trailing trimmed.
_CONTENT = re.compile(rf"\s*+(?:[{re.escape(BULLETS)}]\s++)*+(\S(?:.*\S)?)?", re.S)

_WRAP_MIN_LINES = 3  # line-length statistics mean nothing on fewer inner lines
_WRAP_WIDTH_SHARE = 0.6  # a line this much shorter than usual ended its paragraph


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in code points, end exclusive, sorted, non-overlapping.
    Each span is trimmed of surrounding whitespace (so no span starts or ends with whitespace)
    and no span is empty; whitespace-only text gives []."""
    cuts = _punctuation_cuts(text)
    if "\n" in text:
        cuts.extend(_newline_cuts(text))
        cuts.sort()
    cuts.append(len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        if cut > start:
            m = _CONTENT.match(text, start, cut)
            if m is not None and m.group(1) is not None:
                spans.append(m.span(1))
            start = cut
    return spans


def _punctuation_cuts(text: str) -> list[int]:
    cuts = []
    for m in _CANDIDATE.finditer(text):
        nxt = m.group(2)
        if not _may_start_sentence(nxt):
            continue
        if m.group(1) == "." and _dot_is_not_final(text, m.start(), nxt):
            continue
        cuts.append(m.end())
    return cuts


def _may_start_sentence(ch: str) -> bool:
    # Capitals, digits, opening quotes and bullets start sentences; so does any letter of a
    # caseless script (Arabic, Persian), where case cannot tell us anything. A lowercase
    # letter means the clause goes on ("olacak... ve", "15. yüzyıl", "Ne? dedi").
    if ch.isupper() or ch.isdigit() or ch in _STARTERS:
        return True
    return ch.isalpha() and not ch.islower()


def _dot_is_not_final(text: str, dot: int, nxt: str) -> bool:
    """True when the single dot at ``dot`` closes an abbreviation rather than a sentence."""
    window = max(0, dot - _TAIL_WINDOW)
    m = _TAIL.search(text, window, dot)
    if m is None:
        return False
    start = m.start()
    if start == window and start > 0 and _WORD_CHAR.match(text, start - 1):
        return False  # the word is longer than the window: no abbreviation is that long
    token = m.group()
    if token in _ABBREVIATIONS:
        return True
    if token in _SOFT_ABBREVIATIONS:
        return not nxt.isupper()
    letters = _MARK_CHARS.sub("", token)
    if len(letters) == 1 and letters.isalpha():
        return True  # initials "G. W. Bush", "s. 45", Arabic "د. محمد"
    if "." in token and "'" not in token and "’" not in token:
        # Dotted initialisms: "U.S.", "A.Ş.", "T.C.", "e.g."
        return all(part.isalpha() and len(part) <= 2 for part in token.split("."))
    if _ROMAN.fullmatch(token):
        return True  # "II. Alexander", "XIV. Louis"
    # Turkish ordinals: "2. Dünya Savaşı" (a lowercase word after "15." never cuts anyway).
    return token.isdigit() and len(token) <= 3 and nxt.isupper()


def _newline_cuts(text: str) -> list[int]:
    """Positions of the newlines that end a sentence.

    Blank lines always cut. In ordinary text (one paragraph, headline or bullet per line)
    every line end cuts. A document counts as hard-wrapped (PDF extraction, e-mail) when at
    least half of its inner lines -- lines followed by another non-blank line -- end with
    trailing spaces, or, with at least three inner lines, when at least 40 % of them are
    followed by a line starting in lowercase. In such a document a line end is a soft wrap
    (read as a space, so punctuation alone decides) when the next line does not start with
    a bullet and either starts in lowercase, or the line is at least 60 % as long as the
    median inner line (a short line ended its paragraph: a headline). When the trailing-space
    signal is what marked the document, a line without trailing spaces is kept hard: in PDF
    text that is a line the extractor emitted whole (e.g. a line of Arabic verse).
    """
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    inner = [
        (m.end() - 1, m.start(), bool(m.group(1)), m.group(2))
        for m in _INNER_NEWLINE.finditer(text)
    ]
    if not inner:
        return newlines
    n = len(inner)
    trailing_mode = sum(1 for item in inner if item[2]) * 2 >= n
    lower_share = sum(1 for item in inner if item[3].islower()) / n
    if not trailing_mode and not (n >= _WRAP_MIN_LINES and lower_share >= 0.4):
        return newlines
    lengths = [end - text.rfind("\n", 0, end) - 1 for _, end, _, _ in inner]
    width = sorted(lengths)[n // 2] if n >= _WRAP_MIN_LINES else None
    soft = set()
    for (newline, _, trailing, nxt), length in zip(inner, lengths):
        if (trailing_mode and not trailing) or nxt in BULLETS:
            continue
        if nxt.islower() or (width is not None and length >= _WRAP_WIDTH_SHARE * width):
            soft.add(newline)
    return [p for p in newlines if p not in soft]
