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

Arabic writes its proclitics -- the conjunctions و ف, the prepositions ب ل ك and the
article ال, alone or combined (وب, بال, وبال, لل = ل + ال) -- as part of the next word,
so "وبوتين" is "and Putin". A selection that starts right after such a prefix is kept as
it is (the annotator chose "بوتين"), and one that starts a little further in (a mouse is
never that precise: "وتين") goes back to the nearest prefix end whose rest occurs as a
word of its own in the document (``known``). A whole word that begins with a prefix is
kept whole; :func:`proclitic_choices` lists the names without it, for the caller to
offer on request. Without a lexicon this cannot tell "واشنطن" (Washington) from "و" +
"اشنطن": that is why a prefix is never dropped from a whole word unasked, and why the
document's own words decide between two readings. Words holding a Persian letter
(پ چ ژ گ ک ی) are never split: Persian writes و and به apart.

A selection holding no word character at all snaps to the empty span ``(start, start)``;
the caller must then create no mention. Only the local characters around the two ends
are looked at (and ``known``, if given), so snapping costs the same in a 1 MB document
as in a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Between two word characters these keep one word together (Persian, Urdu, soft hyphen).
_JOINERS = frozenset("\u200c\u200d\u00ad")
# U+02BC is a letter to Unicode but Turkish writers use it as the suffix apostrophe.
_APOSTROPHES = frozenset("'\u2019\u02bc")


# Proclitic prefixes: conjunction, then preposition, then article; ل + ال is written لل.
# Value: whether the prefix holds the article (dropping it changes a name: "القاهرة").
_PROCLITICS: dict[str, bool] = {}
for _c in ("", "\u0648", "\u0641"):  # و ف
    for _p in ("", "\u0628", "\u0644", "\u0643"):  # ب ل ك
        for _a in ("", "\u0627\u0644"):  # ال
            _prefix = _c + ("\u0644\u0644" if _p == "\u0644" and _a else _p + _a)
            if _prefix:
                _PROCLITICS[_prefix] = bool(_a)
_LONGEST_PROCLITIC = max(map(len, _PROCLITICS))
# Letters only Persian (and Urdu) use: a word with one of them is not Arabic.
_PERSIAN_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی
MIN_STEM = 2  # letters left after a prefix: "وب" is not و + ب

Known = Callable[[str], bool]


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


def word_start(text: str, offset: int) -> int:
    """Start of the word holding ``text[offset]`` (``offset`` itself outside a word)."""
    if not (0 <= offset < len(text)) or not _in_word(text, offset):
        return offset
    return _run_start(text, offset)


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


def proclitic_ends(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """Where an Arabic proclitic prefix of the word ``text[start:end]`` could end.

    Ascending ``(offset, holds the article)`` pairs, each leaving at least
    :data:`MIN_STEM` letters; empty for a word that is not Arabic.
    """
    word = text[start:end]
    if not word or not _is_arabic(word[0]) or any(c in _PERSIAN_LETTERS for c in word):
        return []
    out = []
    for n in range(1, min(_LONGEST_PROCLITIC, len(word)) + 1):
        article = _PROCLITICS.get(word[:n])
        if article is None:
            continue
        if sum(1 for c in word[n:] if _is_base(c)) >= MIN_STEM and _is_base(word[n]):
            out.append((start + n, article))
    return out


def proclitic_choices(
    text: str, start: int, end: int, known: Known | None = None
) -> list[tuple[int, int]]:
    """The span ``start``-``end`` without a proclitic prefix of its first word.

    The names the document also writes on their own ("بوتين" of "وبوتين"); if it
    writes none, the word without its conjunction and preposition (the article stays:
    "بالقاهرة" -> "القاهرة"), shortest prefix first. Empty when the first word has no
    prefix, or ``start`` is not where a word begins.
    """
    if not (0 <= start < end <= len(text)) or (start > 0 and _in_word(text, start - 1)):
        return []
    word_end = _run_end(text, start)
    ends = proclitic_ends(text, start, word_end)
    found = [b for b, _ in ends if known is not None and known(text[b:word_end])]
    if not found:
        found = [b for b, article in ends if not article]
    return [(b, end) for b in found]


def document_words(text: str) -> Known:
    """``known`` for :func:`snap_to_words`: whether a word occurs on its own in ``text``.

    The words are collected on the first question (about 50 ms for a megabyte).
    """
    words: list[frozenset[str]] = []

    def known(word: str) -> bool:
        if not words:
            words.append(frozenset(_WORD.findall(text)))
        return word in words[0]

    return known


_WORD = re.compile(r"[^\W\d_]+")


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def _prefix_start(text: str, word: int, chosen: int, known: Known | None) -> int:
    """Where a selection starting at ``chosen``, inside the word starting at ``word``,
    should start: after a proclitic prefix (see the module docstring), else the word."""
    ends = [b for b, _ in proclitic_ends(text, word, _run_end(text, word))]
    if known is not None:
        word_end = _run_end(text, word)
        named = [b for b in ends if b <= chosen and known(text[b:word_end])]
        if named:
            return max(named)
    return chosen if chosen in ends else word


def snap_to_words(
    text: str, start: int, end: int, known: Known | None = None, *, clitics: bool = True
) -> tuple[int, int]:
    """The whole-word span for the selection ``start``-``end`` of ``text``.

    ``start`` and ``end`` may come in either order and are clamped to the text. The
    result is ``(s, e)`` with ``s < e`` and ``text[s:e]`` starting and ending with a
    word character, or ``(start, start)`` if the selection held no word character.
    Snapping a snapped span gives it back unchanged. ``known`` tells which words the
    document writes on their own (see :func:`document_words`); ``clitics=False``
    (a Persian document) never keeps a start inside a word.
    """
    n = len(text)
    start, end = sorted((min(max(start, 0), n), min(max(end, 0), n)))
    s, e = _trim(text, start, end)
    if s == e:
        return start, start
    word = _run_start(text, s)
    s = _prefix_start(text, word, s, known) if clitics and word < s else word
    e = _run_end(text, e - 1)
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
