"""Snapping a selection to whole words before it becomes a mention.

The annotator drags roughly; :func:`snap_to_words` widens a selection that starts or ends
inside a word to the whole word, trims whitespace, punctuation, quotes, emoji and bidi
marks from both ends, and leaves out a Turkish suffix written after an apostrophe
("Trump'ın" -> "Trump", "ABD'nin" -> "ABD"). Only the two ends move: whatever lies
between them (hyphens, apostrophes, other words) is kept. Offsets are Python code
points, as everywhere in the project.

A word is a run of letters and digits, with the combining marks that follow them
(Arabic harakat, Turkish dotted capitals in NFD) and with a zero-width non-joiner or
joiner between two of them (Persian "می‌توانم" is one word). Marks that follow no letter
(an emoji's variation selector) and joiners at a word's edge are not part of it.

A selection holding no word character at all snaps to the empty span ``(start, start)``;
the caller must then create no mention. Only the local characters around the two ends
are looked at, so snapping costs the same in a 1 MB document as in a sentence.
"""

from __future__ import annotations

import unicodedata

# Between two word characters these keep one word together (Persian, Urdu, soft hyphen).
_JOINERS = frozenset("\u200c\u200d\u00ad")
# U+02BC is a letter to Unicode but Turkish writers use it as the suffix apostrophe.
_APOSTROPHES = frozenset("'\u2019\u02bc")


def _is_base(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN" and ch not in _APOSTROPHES


def _in_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to a word (see the module docstring)."""
    ch = text[i]
    if _is_base(ch):
        return True
    if unicodedata.category(ch)[0] == "M":
        j = i - 1
        while j >= 0 and unicodedata.category(text[j])[0] == "M":
            j -= 1
        return j >= 0 and _is_base(text[j])
    if ch in _JOINERS:
        return 0 < i < len(text) - 1 and _is_base(text[i + 1]) and _in_word(text, i - 1)
    return False


def _run_start(text: str, i: int) -> int:
    """Start of the word run that holds ``text[i]``."""
    while i > 0 and _in_word(text, i - 1):
        i -= 1
    return i


def _run_end(text: str, i: int) -> int:
    """End (exclusive) of the word run that holds ``text[i]``."""
    n = len(text)
    while i < n and _in_word(text, i):
        i += 1
    return i


def _turkish_suffix(text: str, start: int, end: int) -> int | None:
    """Where the apostrophe is, if the word run ``text[start:end]`` is a Turkish suffix.

    That is: the run follows an apostrophe that follows a word ("Putin'e"), the stem and
    suffix are the whole token (no second apostrophe either side, so "rock'n'roll" and
    "O'Brien" stay whole), the stem is a number or two letters or more ("l'amour" stays
    whole), and the suffix is lower case, or upper case after an upper case stem
    ("ABD'DEN"). Scripts without case never match.
    """
    apostrophe = start - 1
    if apostrophe < 1 or text[apostrophe] not in _APOSTROPHES:
        return None
    if not _in_word(text, apostrophe - 1):
        return None
    stem_start = _run_start(text, apostrophe - 1)
    before, after = stem_start - 1, end
    if before >= 1 and text[before] in _APOSTROPHES and _in_word(text, before - 1):
        return None
    if after + 1 < len(text) and text[after] in _APOSTROPHES and _in_word(text, after + 1):
        return None
    suffix, stem = text[start:end], text[stem_start:apostrophe]
    if len(stem) < 2 and not stem.isdigit():  # French "l'amour", "d'Artagnan"
        return None
    if suffix.islower():
        return apostrophe
    if suffix.isupper() and len(stem) >= 2 and not any(c.islower() for c in stem):
        return apostrophe
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _in_word(text, start):
        start += 1
    while end > start and not _in_word(text, end - 1):
        end -= 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole-word span for the selection ``start``-``end`` of ``text``.

    ``start`` and ``end`` may come in either order and are clamped to the text. The
    result is ``(s, e)`` with ``s < e`` and ``text[s:e]`` starting and ending with a
    word character, or ``(start, start)`` if the selection held no word character.
    Snapping a snapped span gives it back unchanged.
    """
    n = len(text)
    start, end = sorted((min(max(start, 0), n), min(max(end, 0), n)))
    s, e = _trim(text, start, end)
    if s == e:
        return start, start
    s, e = _run_start(text, s), _run_end(text, e - 1)
    # A selection that begins in a suffix ("ın Putin" of "Trump'ın Putin") started
    # early: drop the suffix, unless it is all there is.
    first_end = _run_end(text, s)
    if first_end < e and _turkish_suffix(text, s, first_end) is not None:
        s, e = _trim(text, first_end, e)
    last_start = _run_start(text, e - 1)
    if s < last_start:
        apostrophe = _turkish_suffix(text, last_start, e)
        if apostrophe is not None:
            e = apostrophe
    return s, e
