"""Selections snap to the word the annotator meant, on the real seed documents."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.text.snapping import document_words, proclitic_choices, snap_to_words

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def snapped(text: str, start: int, end: int) -> str:
    s, e = snap_to_words(text, start, end)
    return text[s:e]


def occurrence(text: str, word: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return at


# -- Turkish suffixes after an apostrophe --------------------------------------------
@pytest.mark.parametrize(
    ("prefix", "token", "stem"),
    [
        ("000", "Trump'ın", "Trump"),
        ("000", "Putin'e", "Putin"),
        ("000", "ABD'nin", "ABD"),
        ("001", "PUTİN'İN", "PUTİN"),
        ("001", "ABD'DEN", "ABD"),
        ("003", "Kazakistan'ın", "Kazakistan"),
        ("003", "Kazakistan’ın", "Kazakistan"),  # typographic apostrophe
        ("003", "Anlaşmaları’na", "Anlaşmaları"),
        ("000", "2025'te", "2025"),  # "15/8/2025'te": a date's last number
    ],
)
def test_suffix_is_left_out(prefix: str, token: str, stem: str) -> None:
    text = seed(prefix)
    at = occurrence(text, token)
    end = at + len(token)
    assert snap_to_words(text, at, end) == (at, at + len(stem))
    # A sloppy drag that covers only part of the stem or the suffix means the same word.
    assert snapped(text, at + 1, end - 1) == stem
    assert snapped(text, at + 2, at + len(stem) + 2) == stem
    # So does one that grabs the quote or space around it.
    assert snapped(text, max(at - 1, 0), min(end + 1, len(text))) == stem


def test_selection_starting_in_a_suffix_drops_it() -> None:
    text = seed("000")
    at = occurrence(text, "Trump'ın Putin")
    assert snapped(text, at + 6, at + 14) == "Putin"


def test_a_suffix_alone_is_kept_as_selected() -> None:
    text = "Trump'ın"
    assert snap_to_words(text, 6, 8) == (6, 8)


@pytest.mark.parametrize("word", ["O'Brien", "rock'n'roll", "l'amour", "Elmendorf-Richardson"])
def test_apostrophes_and_hyphens_that_are_not_turkish_suffixes_stay(word: str) -> None:
    text = f"« {word} »"
    assert snapped(text, 0, len(text)) == word


def test_expanding_stops_at_a_hyphen_but_keeps_one_inside() -> None:
    text = "üs Elmendorf-Richardson da"
    at = text.index("Elmendorf")
    assert snapped(text, at + 2, at + 6) == "Elmendorf"
    assert snapped(text, at + 2, at + 12) == "Elmendorf-Richardson"


# -- right-to-left scripts -----------------------------------------------------------
def test_persian_seed_trump() -> None:
    text = seed("002")
    at = occurrence(text, "ترامپ،")  # "ترامپ،" with the Persian comma after it
    assert snap_to_words(text, at, at + 6) == (at, at + 5)
    assert snap_to_words(text, at + 1, at + 3) == (at, at + 5)
    assert text[at : at + 5] == "ترامپ"


def test_arabic_seed_trump() -> None:
    text = seed("004")
    for nth in range(3):
        at = occurrence(text, "ترامب", nth)
        assert snapped(text, at + 2, at + 3) in ("ترامب", "وترامب")
        s, e = snap_to_words(text, at, at + 5)
        assert (s, e) == (at, at + 5) or text[s:e] == "وترامب"


def test_arabic_marks_stay_with_their_word() -> None:
    text = seed("004")
    at = occurrence(text, "وجّهت")  # shadda on the jeem
    assert snapped(text, at, at + 2) == "وجّهت"
    at = occurrence(text, "رسميًا..")  # tanwin, then two dots
    assert snapped(text, at, at + 8) == "رسميًا"


def test_zwnj_keeps_a_persian_word_whole() -> None:
    text = seed("002").replace("می توانم", "می\u200cتوانم", 1)
    at = occurrence(text, "می\u200cتوانم")
    assert snap_to_words(text, at, at + 1) == (at, at + 8)
    assert snap_to_words(text, at + 4, at + 5) == (at, at + 8)


def test_zwnj_at_a_word_edge_is_trimmed() -> None:
    text = "گفت\u200c «ترامپ»"
    assert snapped(text, 0, 5) == "گفت"


def test_bidi_marks_are_trimmed() -> None:
    text = "قال \u200fترامب\u200f و\u200eTrump\u200e."
    assert snapped(text, 4, 11) == "ترامب"
    at = text.index("\u200eTrump")
    assert snapped(text, at, at + 7) == "Trump"


# -- emoji and code points -------------------------------------------------------------
@pytest.mark.parametrize("emoji", ["🇺🇸", "👍🏽", "❤️", "👨\u200d👩\u200d👧"])
def test_emoji_before_a_word(emoji: str) -> None:
    text = seed("002")
    at = occurrence(text, "ترامپ", 3)
    text = text[:at] + emoji + text[at:]
    start = at + len(emoji)  # code points, not UTF-16 units
    assert snap_to_words(text, at, start + 5) == (start, start + 5)
    assert snap_to_words(text, start + 2, start + 3) == (start, start + 5)
    latin = f"x {emoji}Trump'ın"
    assert snapped(latin, 2, len(latin)) == "Trump"


@pytest.mark.parametrize("selection", [" ", "، ", "«»", "\u200f", "...", "🇺🇸"])
def test_a_selection_without_a_word_snaps_to_nothing(selection: str) -> None:
    text = f"Putin{selection}Trump"
    assert snap_to_words(text, 5, 5 + len(selection)) == (5, 5)


def test_ends_may_come_reversed_or_out_of_range() -> None:
    text = "Putin ve Bush"
    assert snap_to_words(text, 11, 10) == (9, 13)
    assert snap_to_words(text, -4, 2) == (0, 5)
    assert snap_to_words(text, 10, 99) == (9, 13)


# -- properties -------------------------------------------------------------------------
_ALPHABET = st.sampled_from(
    list("abcıİIŞşTr'’-  .,«»\"“”")
    + ["\u200c", "\u200d", "\u200f", "\u200e", "\u0651", "\u064b", "\ufe0f", "🇺", "🏽"]
    + list("ترامپبو٤2")
)
_TEXTS = st.lists(_ALPHABET, max_size=40).map("".join)


def _word_char(text: str, i: int) -> bool:
    # An independent, simpler notion: letters and digits; edges must be one of these
    # or a combining mark (which the snapper keeps only after a letter).
    return unicodedata.category(text[i])[0] in "LNM"


@settings(max_examples=400)
@given(_TEXTS, st.integers(-3, 45), st.integers(-3, 45))
def test_snapping_is_bounded_and_idempotent(text: str, a: int, b: int) -> None:
    s, e = snap_to_words(text, a, b)
    assert 0 <= s <= e <= len(text)
    assert snap_to_words(text, s, e) == (s, e)
    if s < e:
        assert _word_char(text, s) and _word_char(text, e - 1)
        assert text[s] not in "'’\u200c\u200d" and text[e - 1] not in "'’\u200c\u200d"


@settings(max_examples=400)
@given(_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_a_selection_with_a_letter_keeps_a_word_it_touched(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    s, e = snap_to_words(text, a, b)
    kinds = {unicodedata.category(c)[0] for c in text[a:b] if c not in "'’"}
    if kinds & {"L", "N"}:
        # Ends move to word edges, or past a suffix the selection began in, but the
        # word stays one the selection touched.
        assert s < e and s < b and e > a
    elif "M" not in kinds and not set(text[a:b]) & set("\u200c\u200d"):
        # A lone mark belongs to the word before it, if any; so does a joiner (ZWNJ,
        # ZWJ), which only ever stands inside a word.
        assert s == e


def test_fast_on_a_megabyte() -> None:
    import time

    text = seed("004") * 300  # about 1 M code points
    started = time.perf_counter()
    for i in range(0, len(text) - 10, len(text) // 1000):
        snap_to_words(text, i, i + 7)
    assert time.perf_counter() - started < 0.5


# -- Arabic proclitics -----------------------------------------------------------------
def clitic_names() -> list[tuple[str, int]]:
    """Every name of seed 004 written with a proclitic: (the whole word, its start)."""
    text = seed("004")
    found = [(m.group(), m.start()) for m in re.finditer(r"(?<!\w)و(?:ترامب|بوتين)(?!\w)", text)]
    assert sorted(w for w, _ in found) == ["وبوتين"] + ["وترامب"] * 4
    return found


@pytest.mark.parametrize(("word", "at"), clitic_names())
def test_a_name_after_a_proclitic_in_seed_004(word: str, at: int) -> None:
    text = seed("004")
    known = document_words(text)
    name_start, end = at + 1, at + len(word)
    name = text[name_start:end]
    assert name in ("ترامب", "بوتين")
    # The exact name, selected after the و: kept, with or without the document's words.
    assert snap_to_words(text, name_start, end) == (name_start, end)
    assert snap_to_words(text, name_start, end, known) == (name_start, end)
    # A rough drag: from one or two letters into the name, to inside its last letter.
    for start in (name_start + 1, name_start + 2):
        assert snap_to_words(text, start, end - 1, known) == (name_start, end)
    # The whole word is kept whole; the name alone is what is offered instead.
    assert snap_to_words(text, at, end, known) == (at, end)
    assert proclitic_choices(text, at, end, known) == [(name_start, end)]
    # A Persian document never splits a word.
    assert snap_to_words(text, name_start, end, known, clitics=False) == (at, end)


@pytest.mark.parametrize(
    ("sentence", "selected", "expected"),
    [
        ("قال والرئيس إن", "الرئيس", "الرئيس"),  # و + the article: the article kept
        ("قال والرئيس إن", "رئيس", "رئيس"),  # و + ال, as selected
        ("ذهب بالقاهرة أمس", "القاهرة", "القاهرة"),  # ب
        ("ذهب للقاهرة أمس", "قاهرة", "قاهرة"),  # لل = ل + ال
        ("وكالرئيس هنا", "الرئيس", "الرئيس"),  # و + ك
        ("فبالتأكيد نعم", "التأكيد", "التأكيد"),  # ف + ب
        ("زار واشنطن أمس", "شنطن", "واشنطن"),  # not after a prefix: the whole word
        ("زار واشنطن أمس", "واشنطن", "واشنطن"),
        ("وب لا", "ب", "وب"),  # a stem of one letter is no stem
    ],
)
def test_arabic_proclitic_table(sentence: str, selected: str, expected: str) -> None:
    at = sentence.rindex(selected)
    assert snapped(sentence, at, at + len(selected)) == expected


@pytest.mark.parametrize(
    ("sentence", "selected", "expected"),
    [
        ("او می‌گوید که", "گوید", "می‌گوید"),  # ZWNJ keeps the word whole
        ("او می‌گوید که", "می", "می‌گوید"),
        ("نخست‌وزیر ایران", "وزیر", "نخست‌وزیر"),  # و after a ZWNJ is no conjunction
        ("دولت ایالات‌متحده و روسیه", "متحده", "ایالات‌متحده"),
        ("سفر ولادیمیر پوتین", "لادیمیر", "ولادیمیر"),  # a Persian letter: never split
        ("بین‌المللی است", "المللی", "بین‌المللی"),
    ],
)
def test_persian_words_with_zwnj_are_never_split(
    sentence: str, selected: str, expected: str
) -> None:
    at = sentence.index(selected)
    assert snapped(sentence, at, at + len(selected)) == expected
    start = sentence.index(expected)
    assert proclitic_choices(sentence, start, start + len(expected)) == []


def test_choices_without_the_documents_words() -> None:
    text = "وبالقاهرة وواشنطن"
    # No word of the document helps: the conjunction and preposition go, the article stays.
    assert [text[s:e] for s, e in proclitic_choices(text, 0, 9)] == ["بالقاهرة", "القاهرة"]
    assert proclitic_choices(text, 1, 9) == []  # not where a word begins
