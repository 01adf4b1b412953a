"""Matching keys and proposed spans for the names of the seeds, in every script."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.text.normalize import (
    fold_case,
    key_of,
    name_span,
    normalize,
    query_words,
    words,
)

# (written form as found in the seeds, expected key, expected proposed name)
SEED_FORMS = [
    ("Trump", "trump", "Trump"),  # 000, 001, 003
    ("Trump'ın", "trump'in", "Trump"),  # 000
    ("Trump’ın", "trump'in", "Trump"),  # 003: typographic apostrophe
    ("Trump'a", "trump'a", "Trump"),  # 000
    ("Putin'e", "putin'e", "Putin"),  # 000, 001
    ("PUTİN'İN", "putin'in", "PUTİN"),  # 001: dotted capital, upper-case suffix
    ("ترامپ", "ترامپ", "ترامپ"),  # 002
    ("پوتین", "پوتين", "پوتین"),  # 002: Persian yeh
    ("ترامب", "ترامب", "ترامب"),  # 004
    ("وترامب", "وترامب", "ترامب"),  # 004: conjunction written onto the name
    ("وبوتين", "وبوتين", "بوتين"),  # 004
    ("بوتين", "بوتين", "بوتين"),  # 004: ب is its first letter, not a proclitic
    ("والرئيس", "والرئيس", "رئيس"),  # 004: و + ال
    ("بالقمة", "بالقمة", "قمة"),  # 004: ب + ال
    ("للرئيس", "للرئيس", "رئيس"),  # 004: ل + ال, the alef written away
    ("ترامپ\u200cها", "ترامپها", "ترامپ"),  # Persian plural after a ZWNJ
    ("پوتین\u200cهای", "پوتينهاي", "پوتین"),  # plural + ezafe
    ("ألاسكا", "الاسكا", "ألاسكا"),  # 004: hamza on alef
    ("آلاسکا", "الاسكا", "آلاسکا"),  # 002: madda, Persian kaf
    ("رسميًا", "رسميا", "رسميًا"),  # 004: tanwin left out of the key, kept in the span
    ("وجّهت", "وجهت", "وجّهت"),  # 004: shadda
    ("٢٠٢٥", "2025", "٢٠٢٥"),  # Arabic-Indic digits
    ("۱۴۰۴", "1404", "۱۴۰۴"),  # Persian digits
    ("ترامـــب", "ترامب", "ترامـــب"),  # tatweel
    ("مصطفى", "مصطفي", "مصطفى"),  # alef maksura
]

KNOWN = {"ترامب", "بوتين", "رئيس", "قمة"}


@pytest.mark.parametrize(("form", "key", "name"), SEED_FORMS)
def test_seed_forms(form: str, key: str, name: str) -> None:
    assert key_of(form) == key
    start, end = name_span(form, 0, len(form), known=KNOWN.__contains__)
    assert form[start:end] == name


def test_the_same_person_in_three_scripts_meets_on_one_key() -> None:
    assert key_of("Trump’ın")[:5] == key_of("Trump'ın")[:5] == key_of("TRUMP")
    assert key_of("ترامپ") != key_of("ترامب")  # پ and ب are different letters: aliases join them
    assert {w.key for w in query_words("Trump'ın")} == {"trump"}
    assert {w.key for w in query_words("O'Brien")} == {"o", "brien"}


def test_the_ta_marbuta_is_folded_only_when_asked() -> None:
    assert key_of("القمة") == "القمة"
    assert key_of("القمة", ta_marbuta=True) == "القمه"


def test_turkish_case_folding_keeps_the_length() -> None:
    assert fold_case("İSTANBUL IŞIK") == "istanbul ışık"
    assert len(fold_case("İİİ")) == 3
    assert key_of("IŞIK") == key_of("ışık") == key_of("isik".replace("s", "ş"))


def test_a_name_inside_a_longer_text_maps_back_to_its_place() -> None:
    text = "لقاء ترامب وبوتين يكشف"
    found = [(text[f.start : f.end], f.affix) for w in words(normalize(text)) for f in w.forms]
    assert ("ترامب", "") in found
    assert ("بوتين", "proclitic") in found
    assert ("وبوتين", "") in found


def test_harakat_stay_with_their_letter() -> None:
    text = "بُوتِينُ قال"
    norm = normalize(text)
    assert norm.key == "بوتين قال"
    assert text[slice(*norm.span(0, 5))] == "بُوتِينُ"


def test_text_not_in_nfc_maps_back_whole_clusters() -> None:
    text = unicodedata.normalize("NFD", "Işık İstanbul'da")
    norm = normalize(text)
    assert norm.key == "işik istanbul'da"
    start, end = norm.span(5, 13)
    assert unicodedata.normalize("NFC", text[start:end]) == "İstanbul"


ALPHABET = st.sampled_from(
    list("Trumpİıişğü'’ ")
    + list("ترامپبوتینيىکكأإآٱةـ")
    + ["\u064e", "\u0650", "\u0651", "\u064b", "\u0307", "\u0301", "\u200c", "\u200f", "\u0654"]
    + list("٠١٢۱۲۳0123 .,")
)


@given(st.text(ALPHABET, max_size=40), st.data())
def test_offset_map_stays_inside_and_round_trips(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    n, k = len(text), len(norm.key)
    previous = -1
    for i in range(k):
        start, end = norm.start(i), norm.end(i)
        assert 0 <= start < end <= n
        assert start > previous  # strictly increasing: one key character, one place
        previous = start
    if k:
        a = data.draw(st.integers(0, k - 1))
        b = data.draw(st.integers(a + 1, k))
        start, end = norm.span(a, b)
        assert 0 <= start < end <= n
        assert key_of(text[start:end]) == norm.key[a:b]


@given(st.text(ALPHABET, max_size=40))
def test_every_word_form_points_inside_its_word(text: str) -> None:
    for w in words(normalize(text)):
        for form in w.forms:
            assert w.start <= form.start < form.end <= w.end
            assert key_of(text[form.start : form.end]) == form.key


@pytest.mark.parametrize("composed", ["أحمد", "آمریکا", "café", "Şişli", "إِنَّ اللَّهَ"], ids=repr)
def test_decomposed_text_has_the_composed_key_and_a_map_inside_it(composed: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", composed)
    assert normalize(decomposed).key == normalize(composed).key
    n = normalize(decomposed)
    for k in range(len(n.key)):
        assert 0 <= n.start(k) < n.end(k) <= len(decomposed)
