"""Code point offsets <-> Qt UTF-16 positions, against Python's own UTF-16 and against Qt.

Astral characters (emoji) take two UTF-16 units; ZWNJ, harakat and RLM/LRM take one and
must not shift anything. Every highlight and cursor in the window goes through this map.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.gui.document.offsets import OffsetMap

# Arabic letters, harakat, ZWNJ, RLM/LRM, Latin, newlines and astral characters.
PIECES = st.sampled_from(
    [
        "ل",
        "ا",
        "م",
        "\u064e",
        "\u0651",
        "\u200c",
        "\u200f",
        "\u200e",
        "a",
        "İ",
        " ",
        "\n",
        "\u2028",
        "\u2029",
        "😀",
        "𝐀",
        "\U0010fffd",
        "👍🏽",
        "۲",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=60)


def utf16_position(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data())
def test_to_qt_counts_utf16_units(text: str, data: st.DataObject) -> None:
    offsets = OffsetMap(text)
    offset = data.draw(st.integers(0, len(text)))
    assert offsets.to_qt(offset) == utf16_position(text, offset)
    assert offsets.from_qt(offsets.to_qt(offset)) == offset
    assert offsets.qt_length == len(text.encode("utf-16-le")) // 2


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.data())
def test_from_qt_rounds_a_split_pair_down(text: str, data: st.DataObject) -> None:
    offsets = OffsetMap(text)
    position = data.draw(st.integers(0, offsets.qt_length))
    offset = offsets.from_qt(position)
    # The character at `offset` starts at or before `position` and ends after it.
    assert offsets.to_qt(offset) <= position
    assert offset == len(text) or position < offsets.to_qt(offset + 1)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_spans_round_trip_and_cover_split_pairs(text: str, data: st.DataObject) -> None:
    offsets = OffsetMap(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert offsets.span_from_qt(*offsets.span_to_qt(start, end)) == (start, end)
    qt_start = data.draw(st.integers(0, offsets.qt_length))
    qt_end = data.draw(st.integers(qt_start, offsets.qt_length))
    first, last = offsets.span_from_qt(qt_start, qt_end)
    assert offsets.to_qt(first) <= qt_start and offsets.to_qt(last) >= qt_end


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_matches_positions_in_a_qt_document(text: str) -> None:
    from PySide6.QtGui import QTextCursor, QTextDocument

    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap(text)
    assert document.characterCount() - 1 == offsets.qt_length
    cursor = QTextCursor(document)
    for offset in range(len(text) + 1):
        cursor.setPosition(offsets.to_qt(offset))
        cursor.setPosition(offsets.qt_length, QTextCursor.MoveMode.KeepAnchor)
        # What Qt selects from there to the end is our text from that offset, with
        # Qt's paragraph separators for newlines.
        expected = text[offset:].replace("\n", "\u2029").replace("\r", "\u2029")
        assert cursor.selectedText() == expected


def test_out_of_range_is_an_error() -> None:
    offsets = OffsetMap("a😀")
    for bad in (-1, 3):
        try:
            offsets.to_qt(bad)
        except ValueError:
            continue
        raise AssertionError(f"to_qt({bad}) accepted")


def test_a_megabyte_is_fast() -> None:
    plain = ("دونالد ترامپ\u200cها gün\n" * 50_000)[:1_000_000]
    astral = plain[:-1] + "😀"
    started = time.perf_counter()
    offsets_plain = OffsetMap(plain)
    offsets_astral = OffsetMap(astral)
    for offset in range(0, 1_000_000, 97):
        offsets_plain.to_qt(offset)
        offsets_astral.from_qt(offsets_astral.to_qt(offset))
    assert offsets_plain.identity and not offsets_astral.identity
    assert time.perf_counter() - started < 0.5
