"""Sentence segmentation of canonical document text (Turkish, Persian, Arabic, some English).

``split_sentences`` is the one entry point: it returns trimmed ``(start, end)`` code-point
spans that the rest of the workbench uses as its sentence units (annotation, translation,
navigation). A text is cut (1) at every blank line, (2) at every line end that is not a
soft wrap, and (3) after terminal punctuation (``. ! ? ؟ ۔ …`` and runs of them, plus any
closing quotes/brackets) when whitespace and a plausible sentence start follow, unless the
dot belongs to an abbreviation, an initial, a Roman numeral or a Turkish ordinal. Soft wraps
are only recognised in documents that have the shape of hard-wrapped text (see
``_newline_cuts``). The module is pure Python (``re`` only); regexes are compiled once and
possessive quantifiers keep every scan linear (a megabyte of news text takes ~0.1 s).
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

_T = re.escape(TERMINALS)
_C = re.escape(CLOSERS)
_STARTERS = frozenset(OPENERS + BULLETS)

# A candidate end: a maximal run of terminal punctuation (matching the first character
# before the lookbehind keeps the scan cheap; the lookbehind stops matches from starting
# inside a run, which with possessive quantifiers keeps "....." linear), its closers,
# optionally a short bracketed citation ("koymuştur.” [Talak 3]"), then whitespace;
# group 2 captures the first visible character after that whitespace.
_CANDIDATE = re.compile(
    rf"([{_T}](?<![{_T}][{_T}])[{_T}]*+)[{_C}]*+(?:[^\S\n]*+\[[^\[\]\n]{{1,40}}\])?"
    rf"(?=[{_FMT}]*+\s[\s{_FMT}]*+(.))"
)
# Combining marks (Arabic harakat and tanween, Latin diacritics) and ZWNJ/ZWJ belong to
# the word before a dot; without them "جدًا." would look like the one-letter token "ا".
_MARKS = frozenset(
    chr(c)
    for lo, hi in (
        (0x300, 0x36F),
        (0x610, 0x61A),
        (0x64B, 0x65F),
        (0x670, 0x670),
        (0x6D6, 0x6ED),
        (0x200C, 0x200D),
    )
    for c in range(lo, hi + 1)
)
_TOKEN_SEPARATORS = frozenset(".'’")
_TOKEN_MAX = 32  # longer than any abbreviation or initialism we recognise
_ROMAN = re.compile(r"(?=[IVXLCDM])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

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
_SOFT_ABBREVIATIONS = frozenset("vb vs vd etc Etc".split())

# A line break: a newline plus the indentation of the next line; group 1 is present when
# a blank (whitespace-only) line follows, and then holds the whole blank run.
_BREAK = re.compile(r"\n[^\S\n]*+(\n\s*+)?")
# Span content inside a segment: leading whitespace and bullets skipped, trailing trimmed.
_CONTENT = re.compile(rf"\s*+(?:[{re.escape(BULLETS)}]\s++)*+(\S(?:.*\S)?)?", re.S)

_WRAP_MIN_LINES = 3  # line-length statistics mean nothing on fewer inner lines
_WRAP_WIDTH_SHARE = 0.6  # a line this much shorter than usual ended its paragraph
_WRAP_LOWER_SHARE = 0.4  # share of line ends followed by lowercase in wrapped plain text


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
    # Walk back over the word before the dot, with its internal dots and apostrophes
    # ("U.S", "A.Ş", "Irak'a"); a plain loop is cheaper than a backwards regex search.
    low = max(0, dot - _TOKEN_MAX - 1)
    i = dot
    while i > low and (
        text[i - 1].isalnum() or text[i - 1] in _MARKS or text[i - 1] in _TOKEN_SEPARATORS
    ):
        i -= 1
    if dot - i > _TOKEN_MAX:
        return False  # longer than any abbreviation
    token = text[i:dot].lstrip(".'’")
    if not token or token[-1] in _TOKEN_SEPARATORS:
        return False
    if token in _ABBREVIATIONS:
        return True
    if token in _SOFT_ABBREVIATIONS:
        return not nxt.isupper()
    if "'" in token or "’" in token:
        return False  # a suffixed word: "Irak'a.", "2025'e."
    if len(token) == 1 and token.isalpha():
        return True  # initials "G. W. Bush", "s. 45", Arabic "د. محمد"
    if "." in token:
        # Dotted initialisms: "U.S.", "A.Ş.", "T.C.", "e.g."
        return all(part.isalpha() and len(part) <= 2 for part in token.split("."))
    if _ROMAN.fullmatch(token):
        return True  # "II. Alexander", "XIV. Louis"
    # Turkish ordinals: "2. Dünya Savaşı" (a lowercase word after "15." never cuts anyway).
    return token.isdigit() and len(token) <= 3 and nxt.isupper()


def _newline_cuts(text: str) -> list[int]:
    """Positions of the line breaks that end a sentence.

    Blank lines always cut. In ordinary text (one paragraph, headline or bullet per line)
    every line end cuts. A document counts as hard-wrapped (PDF extraction, e-mail) when at
    least half of its inner line ends -- between two non-blank lines -- have trailing
    spaces, or, with at least three of them, when at least 40 % are followed by a line
    starting in lowercase. There a line end is a soft wrap (read as a space, so punctuation
    alone decides) when the next line does not start with a bullet and either starts in
    lowercase, or the line is at least 60 % as long as the median inner line (a shorter
    line ended its paragraph: a headline). When trailing spaces are what marked the
    document, a line without them stays hard: in PDF text that is a line the extractor
    emitted whole (in seed 000, a line of Arabic verse).
    """
    cuts = []
    inner = []  # (position, has trailing space, first character of the next line)
    size = len(text)
    first_visible = size - len(text.lstrip())  # a line end before it has no line above
    for m in _BREAK.finditer(text):
        pos, end = m.span()
        cuts.append(pos)
        if m.group(1) is None and end < size and pos > first_visible:
            inner.append((pos, text[pos - 1].isspace(), text[end]))
    n = len(inner)
    if not n:
        return cuts
    trailing_mode = 2 * sum(1 for _, trailing, _ in inner if trailing) >= n
    lower = sum(1 for _, _, nxt in inner if nxt.islower())
    if not trailing_mode and not (n >= _WRAP_MIN_LINES and lower >= _WRAP_LOWER_SHARE * n):
        return cuts
    lengths = [pos - text.rfind("\n", 0, pos) - 1 for pos, _, _ in inner]
    min_length = _WRAP_WIDTH_SHARE * sorted(lengths)[n // 2] if n >= _WRAP_MIN_LINES else None
    soft = set()
    for (pos, trailing, nxt), length in zip(inner, lengths, strict=True):
        if (trailing_mode and not trailing) or nxt in BULLETS:
            continue
        if nxt.islower() or (min_length is not None and length >= min_length):
            soft.add(pos)
    return [pos for pos in cuts if pos not in soft]
