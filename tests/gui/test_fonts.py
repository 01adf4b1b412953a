"""Every character of the seeds and of the direction corpus is drawn from a bundled font.

Qt is asked, glyph run by glyph run, which raw font it drew with, as the text panes lay
the text out (same widget, same font, same paragraph directions). The family name alone
could be a system copy of the same family, so each raw font's ``head`` table (which
holds the font's checksum and dates) must also be that of a file in resources/fonts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QRawFont, QTextLayout

from workbench.gui.common.app import EMOJI_FAMILY, FONT_FILES, TEXT_FAMILIES, text_font
from workbench.gui.document.offsets import OffsetMap
from workbench.gui.document.text_pane import TextPane, apply_directions
from workbench.resources import resources_dir
from workbench.text.canonical import decode_bytes
from workbench.text.direction import paragraphs

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "direction_corpus.jsonl"
# Symbols and emoji of news and posts, each alone and in a sentence.
SYMBOLS = "− ≈ ▪ ● ⚽ ❤️ ❤ 📊 🔴 ✅ 📌 🇹🇷 🇮🇷 👨‍👩‍👧 🤷‍♂️ 👍🏽 👏🏻 ★ ► → ✓ • … « » “ ” № °"
SENTENCES = [
    f"Haber: {SYMBOLS} bitti.",
    f"خبر فوری: {SYMBOLS} تمام.",
    "مرحبا\u061cبالعالم و هذا\u061c٣٤ و «النص»",  # U+061C inside words
    "می\u200cخواهم، بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ\u200f ۱۴۰۴/۰۵/۲۶",
]


def bundled_heads() -> dict[bytes, str]:
    heads = {}
    for name in FONT_FILES:
        raw = QRawFont(str(resources_dir() / "fonts" / name), 12)
        assert raw.isValid(), name
        heads[bytes(raw.fontTable("head").data())] = name
    return heads


def texts() -> list[tuple[str, str]]:
    out = [(f"sentence {n}", s) for n, s in enumerate(SENTENCES, 1)]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.append((path.name, decode_bytes(path.read_bytes(), path.name)))
    records = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines()]
    out.append(("corpus", "\n".join(str(r["text"]) for r in records)))
    return out


def runs(pane: TextPane, text: str) -> list[tuple[str, bytes, str]]:
    """(family, head table, its line's text) for every glyph run Qt draws."""
    pane.setPlainText(text)
    offsets = OffsetMap(text)
    apply_directions(pane.document(), paragraphs(text), offsets)
    out = []
    block = pane.document().begin()
    while block.isValid():
        pane.document().documentLayout().blockBoundingRect(block)  # lays it out
        layout: QTextLayout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            piece = block.text()[line.textStart() : line.textStart() + line.textLength()]
            for run in line.glyphRuns():
                raw = run.rawFont()
                out.append((raw.familyName(), bytes(raw.fontTable("head").data()), piece))
        block = block.next()
    return out


@pytest.mark.parametrize("name, text", texts(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_glyph_comes_from_a_bundled_font(qtbot, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    heads = bundled_heads()
    found = runs(pane, text)
    assert len({piece for _, _, piece in found if piece.strip()}) >= min(
        len({line for line in text.split("\n") if line.strip()}), 3
    )
    strays = {(family, piece) for family, head, piece in found if head not in heads}
    assert not strays, f"{name}: drawn from fonts outside resources/fonts: {sorted(strays)[:8]}"
    assert {family for family, _, _ in found} <= set(TEXT_FAMILIES)


def test_arabic_letter_mark_does_not_switch_the_font_mid_word(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.show()
    found = runs(pane, "مرحبا\u061cبالعالم")
    assert [family for family, _, _ in found] == ["Noto Naskh Arabic"]


def test_emoji_sequences_are_one_colour_glyph_each(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert EMOJI_FAMILY in QFontDatabase.applicationEmojiFontFamilies()
    for sequence in ("🇹🇷", "👨‍👩‍👧", "🤷‍♂️", "👍🏽", "❤️"):
        layout = QTextLayout(sequence, text_font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        glyphs = [(r.rawFont().familyName(), len(r.glyphIndexes())) for r in layout.glyphRuns()]
        assert glyphs == [(EMOJI_FAMILY, 1)], sequence
    # Without the variation selector a heart is text: one colour, from the symbols font.
    layout = QTextLayout("❤", text_font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    assert [r.rawFont().familyName() for r in layout.glyphRuns()] == ["Noto Sans Symbols2"]
