"""Decoding input bytes into canonical text, and refusing what cannot be text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import ImportRefused
from workbench.text.canonical import canonical_text, decode_bytes

SAMPLE = "Trump'ın Putin ile görüşmesi\r\nترامپ و پوتین\rقمة ألاسكا\n"
EXPECTED = "Trump'ın Putin ile görüşmesi\nترامپ و پوتین\nقمة ألاسكا\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_supported_encodings_give_the_same_canonical_text(data: bytes) -> None:
    assert decode_bytes(data, "x.txt") == EXPECTED


def test_nothing_else_changes() -> None:
    # Decomposed é, trailing spaces, tabs, ZWNJ and bidi marks all survive.
    text = "Cafe\u0301  \t\nمی\u200cخواهم \u200f(ABD)\u200e  \n\n"
    assert decode_bytes(text.encode(), "x.txt") == text


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\t\n", "no text"),
        (b"abc\x00def", "NUL"),
        ("hello".encode("utf-16-le"), "NUL"),  # UTF-16 without a BOM
        (bytes(range(256)) * 4, "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) * 3, "binary|not UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),  # lone surrogate
    ],
)
def test_refusals_name_the_file_and_the_problem(data: bytes, message: str) -> None:
    with pytest.raises(ImportRefused, match=message) as info:
        decode_bytes(data, "bad.txt")
    assert str(info.value).startswith("bad.txt: ")


def test_legacy_turkish_codepage_is_detected_with_confidence() -> None:
    text = (
        "Cumhurbaşkanı Erdoğan, Şanlıurfa'da çiftçilerle görüştü ve "
        "ağır kış şartlarında üretimin sürmesi gerektiğini söyledi. "
    ) * 6
    assert decode_bytes(text.encode("cp1254"), "eski.txt") == text


def test_undetectable_bytes_are_refused() -> None:
    with pytest.raises(ImportRefused, match="not UTF-8"):
        decode_bytes(b"ok \xff\xfe\xfd\x81\x8d\x8f\x90\x9d", "mixed.txt")


@given(st.text())
def test_canonical_text_has_no_carriage_returns(text: str) -> None:
    out = canonical_text(text)
    assert "\r" not in out
    assert out.count("\n") == text.count("\n") + text.count("\r") - text.count("\r\n")


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip)
)
def test_utf8_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "x.txt") == canonical_text(text)


def test_legacy_arabic_codepage_is_detected_with_confidence() -> None:
    text = "اجتمعت روسيا والولايات المتحدة في قمة ألاسكا، حيث جرى اللقاء بين بوتين وترامب. " * 3
    assert decode_bytes(text.encode("cp1256"), "qadim.txt") == text
