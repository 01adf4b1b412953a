"""Matching keys for names written many ways, with a map back to the original text.

"Trump'ın", "Trump’ın", "ترامپ", "ترامب" and "وترامب" must meet, and a hit must be
proposed in the original text without its affix. :func:`normalize` gives a *key*: each
base character of the text folded one to one (NFC per character and its marks; Arabic
alef forms to ا, ى and Persian ی to ي, ک to ك, ۀ to ه, optionally ة to ه; Arabic-Indic
and Persian digits to ASCII; typographic apostrophes to '), with combining marks
(harakat), tatweel, ZWNJ, ZWJ and bidi marks left out, and case folded the Turkish way
(I to ı, İ to i: :func:`fold_case`) -- then, in the key only, ı joined with i, so a
search typed on any keyboard finds both. No character ever becomes two, so every key
character comes from exactly one place of the original: :meth:`Normalized.span` maps a
key range back to code points, covering the marks of its last letter.

:func:`words` splits a key into words and, for each, the forms it may be matched by:
the whole word, then without an Arabic proclitic (و ف, then ب ل ك, then ال, alone or
combined: وال، بال، لل، وبال ...) and without a Persian plural or ezafe ending written
after a ZWNJ (ترامپ‌ها). A Turkish suffix needs no rule here: the apostrophe ends the
word, so "Trump" is a word of "Trump'ın"; only a query or a selection drops it
(:func:`query_words`, :func:`name_span`). A stripped stem keeps at least three letters
(``MIN_STEM``): a shorter one matches too much ("ب" + "ين"). The cost: an Arabic word
that merely begins like a proclitic ("وزير") also offers its stem ("زير").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

MIN_STEM = 3

_SUBSTITUTE = {
    **dict.fromkeys("أإآٱ", "ا"),
    **dict.fromkeys("ىیۍې", "ي"),
    "ک": "ك",
    **dict.fromkeys("ۀۂ", "ه"),
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **dict.fromkeys("\u2019\u2018\u02bc\u02bb`\u00b4\u2032", "'"),
    # Turkish case first (fold_case), then ı joined with i for matching.
    **dict.fromkeys("IıİiÎî", "i"),
}
# Left out of the key: tatweel, joiners, bidi marks, soft hyphen, the Arabic letter mark.
_FORMAT = "\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\u061c\ufeff"


# Every combining mark (general category Mn or Me, or a non-zero combining class), and
# the format characters above: what the key leaves out.
_MARKS = "\\p{Mn}\\p{Me}\\P{ccc=0}"
_MARK = regex.compile(f"[{_MARKS}]")
_DROPPED = regex.compile(f"[{_MARKS}{regex.escape(_FORMAT)}]+")


class _Table(dict[int, "str | int | None"]):
    """A ``str.translate`` table that decides each character the first time it meets it.

    Walking all of Unicode up front cost 0.65 s at the first use in every process (each
    import, each window); a text meets a few hundred distinct characters.
    """

    def __missing__(self, code: int) -> str | int | None:
        value = None if _DROPPED.fullmatch(chr(code)) else code
        self[code] = value
        return value


@lru_cache(maxsize=2)
def _tables(ta_marbuta: bool) -> tuple[_Table, regex.Pattern[str]]:
    """The translation table and the pattern of what it leaves out."""
    table = _Table({ord(k): v for k, v in _SUBSTITUTE.items()})
    if ta_marbuta:
        table[ord("ة")] = "ه"
    return table, _DROPPED


_ZWNJ = "\u200c"
WORD = re.compile(r"[^\W_]+")  # a word of a key: letters and digits
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_APOSTROPHES = "'\u2019\u02bc\u2018"

# Persian plural and ezafe endings, in key form, written after a ZWNJ.
_PERSIAN_ENDINGS = frozenset(
    {"ها", "هاي", "هايي", "هايم", "هايت", "هايش", "هايمان", "هايتان", "هايشان", "اي", "ي", "ان"}
)


def _proclitics() -> tuple[str, ...]:
    found = set()
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            for article in ("", "ال"):
                if prep == "ل" and article:
                    found.add(conj + "لل")  # ل + ال writes its alef away
                else:
                    found.add(conj + prep + article)
    found.discard("")
    return tuple(sorted(found, key=len, reverse=True))


PROCLITICS = _proclitics()


def fold_case(text: str) -> str:
    """Lower case the Turkish way (I to ı, İ to i), one character for one."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def _is_mark(ch: str) -> bool:
    return _MARK.match(ch) is not None


@dataclass(frozen=True, slots=True)
class Normalized:
    """A text, its key, and where each key character came from.

    The map is kept as runs: from key index ``_at[j]`` on, original = key index +
    ``_shift[j]``; it changes only where characters were left out or composed.
    """

    text: str
    key: str
    _at: tuple[int, ...]
    _shift: tuple[int, ...]

    def start(self, k: int) -> int:
        """Original index of key character ``k`` (``len(text)`` for ``len(key)``)."""
        if k >= len(self.key):
            return len(self.text)
        j = bisect.bisect_right(self._at, k) - 1
        return k + (self._shift[j] if j >= 0 else 0)

    def end(self, k: int) -> int:
        """Original end (exclusive) of key character ``k``: it and its marks."""
        text, i = self.text, self.start(k) + 1
        while i < len(text) and _is_mark(text[i]):
            i += 1
        return i

    def span(self, kstart: int, kend: int) -> tuple[int, int]:
        """The original span of the key range ``kstart``-``kend`` (end exclusive)."""
        if kend <= kstart:
            at = self.start(kstart)
            return at, at
        return self.start(kstart), self.end(kend - 1)


def normalize(text: str, *, ta_marbuta: bool = False) -> Normalized:
    """The matching key of ``text`` and its map back (see the module docstring)."""
    table, dropped = _tables(ta_marbuta)
    key = _direct_key(text, table)
    if key is None:
        return _slow(text, table)
    if len(key) == len(text):
        return Normalized(text, key, (), ())
    at: list[int] = []
    shift: list[int] = []
    gone = 0
    for m in dropped.finditer(text):
        gone += m.end() - m.start()
        at.append(m.end() - gone)
        shift.append(gone)
    return Normalized(text, key, tuple(at), tuple(shift))


def _direct_key(text: str, table: _Table) -> str | None:
    """The key by one ``translate``, or None where composing would change it.

    Composing changes the key only where a base and a mark make a letter the key keeps
    apart (e + U+0301 -> é); in Arabic script the composed letters fold back
    (ا + U+0654 -> أ -> ا). Only then is the slow walk needed, cluster by cluster.
    """
    key = text.translate(table).lower()
    if unicodedata.is_normalized("NFC", text):
        return key
    return key if unicodedata.normalize("NFC", text).translate(table).lower() == key else None


def _slow(text: str, table: _Table) -> Normalized:
    """Character by character: NFC on each base with its marks, marks left out."""
    out: list[str] = []
    at: list[int] = []
    shift: list[int] = []
    current = 0
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _is_mark(text[j]):
            j += 1
        for ch in unicodedata.normalize("NFC", text[i:j]):
            if _is_mark(ch):
                continue
            folded = ch.translate(table).lower()
            if len(folded) != 1 or _is_mark(folded):
                continue
            k = len(out)
            if i - k != current or not at:
                at.append(k)
                shift.append(i - k)
                current = i - k
            out.append(folded)
            break  # one key character per base: the rest of its cluster is marks
        i = j
    return Normalized(text, "".join(out), tuple(at), tuple(shift))


def key_of(text: str, *, ta_marbuta: bool = False) -> str:
    """Just the key (no map): for indexes and lookups."""
    table, _ = _tables(ta_marbuta)
    key = _direct_key(text, table)
    return _slow(text, table).key if key is None else key


@dataclass(frozen=True, slots=True)
class Form:
    """One way a word may be matched: a key and the original span it proposes."""

    key: str
    start: int
    end: int
    affix: str  # "" for the whole word, else "proclitic" or "ending"


@dataclass(frozen=True, slots=True)
class Word:
    start: int  # original span of the whole word
    end: int
    forms: tuple[Form, ...]  # the whole word first, then its stems, longest first

    @property
    def key(self) -> str:
        return self.forms[0].key


@lru_cache(maxsize=65536)
def stems(word_key: str) -> tuple[str, ...]:
    """The proclitic-stripped stems of a word key, longest first (for indexing)."""
    if not _ARABIC.match(word_key):
        return ()
    found = []
    for prefix in PROCLITICS:
        if word_key.startswith(prefix) and len(word_key) - len(prefix) >= MIN_STEM:
            found.append(word_key[len(prefix) :])
    return tuple(sorted(set(found), key=len, reverse=True))


def word_at(norm: Normalized, a: int, b: int) -> Word:
    """The word of ``norm.key[a:b]`` with its forms."""
    key = norm.key[a:b]
    start, end = norm.span(a, b)
    forms = [Form(key, start, end, "")]
    for stem in stems(key):
        k = b - len(stem)
        forms.append(Form(stem, norm.start(k), end, "proclitic"))
    zwnj = norm.text.rfind(_ZWNJ, start, end)
    if zwnj > start:
        k = a
        while k < b and norm.start(k) < zwnj:
            k += 1
        if norm.key[k:b] in _PERSIAN_ENDINGS and k - a >= 2:
            forms.append(Form(norm.key[a:k], start, norm.end(k - 1), "ending"))
    return Word(start, end, tuple(forms))


def words(norm: Normalized) -> list[Word]:
    """The words of a normalized text with their forms (see the module docstring)."""
    return [word_at(norm, m.start(), m.end()) for m in WORD.finditer(norm.key)]


def _turkish_suffix(text: str, stem: tuple[int, int], suffix: tuple[int, int]) -> bool:
    """Whether the word ``suffix`` is a Turkish case ending written after ``stem``."""
    between = text[stem[1] : suffix[0]]
    if len(between) != 1 or between not in _APOSTROPHES:
        return False
    stem_text, suffix_text = text[stem[0] : stem[1]], text[suffix[0] : suffix[1]]
    if len(stem_text) < 2 and not stem_text.isdigit():
        return False
    if _ARABIC.search(suffix_text):
        return False
    return suffix_text.islower() or (suffix_text.isupper() and stem_text.isupper())


def query_words(query: str) -> list[Word]:
    """The words of a query, a Turkish suffix after an apostrophe left out."""
    norm = normalize(query)
    found = words(norm)
    kept: list[Word] = []
    for w in found:
        if kept and _turkish_suffix(query, (kept[-1].start, kept[-1].end), (w.start, w.end)):
            continue
        kept.append(w)
    return kept


def phrase_key(text: str) -> str:
    """The key of a name as a whole: its words' keys joined by one space, a Turkish
    suffix left out ("Trump'ın" and "TRUMP" -> "trump", "al-Assad" -> "al assad")."""
    return " ".join(w.key for w in query_words(text))


def phrase_variants(text: str) -> set[str]:
    """:func:`phrase_key` of ``text`` and of it without an Arabic proclitic on its first
    word or a Persian ending on its last: the keys a name may be known under."""
    found = query_words(text)
    if not found:
        return set()
    firsts = {f.key for f in found[0].forms if f.affix != "ending"}
    lasts = {f.key for f in found[-1].forms if f.affix != "proclitic"}
    if len(found) == 1:
        return {f.key for f in found[0].forms}
    middle = [w.key for w in found[1:-1]]
    return {" ".join([a, *middle, b]) for a in firsts for b in lasts}


def name_span(
    text: str, start: int, end: int, known: Callable[[str], bool] | None = None
) -> tuple[int, int]:
    """The span of the name itself in the selection ``start``-``end`` of ``text``.

    Leaves out a Turkish suffix after an apostrophe ("Trump'ın" -> "Trump"), an Arabic
    proclitic of the first word when its stem is ``known`` (say, "is an alias key of the
    knowledge base": "وترامب" -> "ترامب", while "وزير" and "بوتين" stay whole) and a
    Persian ending after a ZWNJ of the last ("ترامپ‌ها" -> "ترامپ"). Without ``known``
    no proclitic is taken off: the letters alone cannot tell و the conjunction from و
    the first letter. A selection without a word comes back as it is.
    """
    found = query_words(text[start:end])
    if not found:
        return start, end
    first, last = found[0], found[-1]
    s, e = first.start, last.end
    for form in first.forms:
        if form.affix == "proclitic" and known is not None and known(form.key):
            s = form.start
            break
    for form in last.forms:
        if form.affix == "ending":
            e = form.end
    return start + s, start + e
