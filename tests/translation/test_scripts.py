"""Cutting sentences into pieces by script, and choosing the model for each piece."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from workbench.translation.scripts import Piece, plan_pieces, script_of, script_runs

VERSE = "قَدْرًا شَيْءٍ لِكُل ِ جَعلََ اللََّّ قَدْ أمَْرِهِ بَالِغُ"


def test_script_of_letters_only() -> None:
    assert script_of("ş") == "LATIN"
    assert script_of("ژ") == "ARABIC"
    assert script_of("ً") is None  # a tanween mark rides with its letter
    assert script_of("7") is None and script_of("«") is None


def test_runs_cut_where_the_script_changes() -> None:
    runs = script_runs(f"Biz ise diyoruz ki: {VERSE} Şüphesiz Allah, emrini")
    assert runs == [
        ("LATIN", "Biz ise diyoruz ki:"),
        ("ARABIC", VERSE),
        ("LATIN", "Şüphesiz Allah, emrini"),
    ]


def test_quoted_verse_goes_to_the_arabic_model_when_installed() -> None:
    sentence = f"Biz ise diyoruz ki:\n{VERSE}  Şüphesiz Allah, emrini"
    assert plan_pieces(sentence, "tr", ["tr", "ar"]) == [
        Piece("Biz ise diyoruz ki:", "tr"),
        Piece(VERSE, "ar"),
        Piece("Şüphesiz Allah, emrini", "tr"),
    ]
    assert plan_pieces(sentence, "tr", ["tr"])[1] == Piece(VERSE, None)


def test_whole_sentence_in_a_foreign_script() -> None:
    assert plan_pieces(VERSE, "tr", ["tr"]) == [Piece(VERSE, None)]
    assert plan_pieces(VERSE, "tr", ["tr", "ar"]) == [Piece(VERSE, "ar")]
    # Both Arabic-script models installed: detection decides; this is Arabic.
    assert plan_pieces(VERSE, "tr", ["tr", "fa", "ar"]) == [Piece(VERSE, "ar")]
    persian = "ترامپ گفت که نقاط بسیاری وجود داشت که ما در مورد آن ها توافق کردیم"
    assert plan_pieces(persian, "tr", ["tr", "fa", "ar"]) == [Piece(persian, "fa")]


def test_short_foreign_runs_stay_with_the_document_model() -> None:
    sentence = "date 2025-08-16 دونالد ترامپ، رئیس جمهور ایالات متحده گفت"
    assert plan_pieces(sentence, "fa", ["fa"]) == [Piece(sentence, "fa")]
    assert plan_pieces("Hz. محمد dedi ki geleceğiz.", "tr", ["tr"]) == [
        Piece("Hz. محمد dedi ki geleceğiz.", "tr")
    ]


def test_english_inside_a_persian_document_is_kept() -> None:
    line = "Copyright 2025 Reuters. All rights reserved for everyone."
    assert plan_pieces(line, "fa", ["fa"]) == [Piece(line, "en")]


def test_line_breaks_become_spaces() -> None:
    wrapped = "Toplantıdan önce Putin'e bu savaşı bitirmesi \ngerektiğini söyleyeceğim"
    assert plan_pieces(wrapped, "tr", ["tr"]) == [
        Piece("Toplantıdan önce Putin'e bu savaşı bitirmesi gerektiğini söyleyeceğim", "tr")
    ]
    assert plan_pieces("11/8/2025", "tr", ["tr"]) == [Piece("11/8/2025", "tr")]
    assert plan_pieces(" \n ", "tr", ["tr"]) == []


@given(st.text(alphabet="abcğş ابجژپ \n.,«»0َ", max_size=80), st.sampled_from(["tr", "fa"]))
def test_pieces_keep_every_character(text: str, lang: str) -> None:
    pieces = plan_pieces(text, lang, ["tr", "fa", "ar"])
    assert "".join("".join(p.text for p in pieces).split()) == "".join(text.split())
    assert all(p.text and p.text == p.text.strip() for p in pieces)
    assert all(a.lang != b.lang for a, b in itertools.pairwise(pieces))  # neighbours merged
