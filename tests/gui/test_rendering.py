"""Right-to-left rendering rules, checked on what Qt actually lays out.

Each paragraph's direction comes from its own majority of strong characters and RTL
paragraphs sit against the right edge; highlights are extra selections that leave the
shaped glyphs untouched (a character-format boundary inside lam-alef would split the
ligature, and the last test shows this check would notice).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat

from workbench.core.model import Document
from workbench.gui.document.document_view import SourceView
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.text.direction import paragraphs
from workbench.text.reflow import join_soft_wraps


def load(path: Path, prefix: str) -> Document:
    with Project.open(path, create=False) as project:
        doc_id = store_docs.find_document(project.conn, prefix)
        return store_docs.get_document(project.conn, doc_id)


@pytest.fixture
def view(qtbot) -> SourceView:  # type: ignore[no-untyped-def]
    view = SourceView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def laid_out(view: SourceView, block: QTextBlock) -> None:
    view.document().documentLayout().blockBoundingRect(block)  # lays out up to the block


def sides(view: SourceView, block: QTextBlock) -> tuple[float, float]:
    """Gaps left and right of the block's last line (the one not filled by wrapping)."""
    laid_out(view, block)
    layout = block.layout()
    line = layout.lineAt(layout.lineCount() - 1)
    text = line.naturalTextRect()
    return text.left(), line.width() - text.right()


def check_document(view: SourceView, doc: Document) -> list[tuple[int, bool]]:
    view.show_document(doc)
    shown = view.text  # the document with its PDF line wraps joined
    assert len(shown) == len(doc.text)
    paras = paragraphs(shown)
    checked = []
    block = view.document().begin()
    for para in paras:
        expected = Qt.LayoutDirection.RightToLeft if para.rtl else Qt.LayoutDirection.LeftToRight
        assert block.textDirection() == expected, (para, block.text()[:40])
        if shown[para.start : para.end].strip():
            left, right = sides(view, block)
            line = block.text()[:40]
            if para.rtl:
                assert right < 1.0 and left > 0.0, f"RTL paragraph not right-aligned: {line}"
            else:
                assert left < 1.0, f"LTR paragraph not left-aligned: {line}"
            checked.append((para.start, para.rtl))
        block = block.next()
    assert not block.isValid()  # one block per paragraph, all checked
    return checked


def test_seed_002_opens_with_a_persian_paragraph_right_aligned(
    view: SourceView, seeded_path: Path
) -> None:
    doc = load(seeded_path, "002_cd534f5e258f1d2c")
    # Qt would guess left-to-right from the first strong character, the "d" of "date".
    assert doc.text.lstrip().startswith("date 2025-08-16")
    checked = check_document(view, doc)
    assert checked[0] == (0, True)
    first = view.document().begin()
    assert first.textDirection() == Qt.LayoutDirection.RightToLeft
    left, right = sides(view, first)
    assert right < 1.0 and left > 0


def test_seed_000_turkish_left_and_the_verse_right(view: SourceView, seeded_path: Path) -> None:
    doc = load(seeded_path, "000_7d63036d73f712df")
    checked = check_document(view, doc)
    directions = {rtl for _, rtl in checked}
    assert directions == {True, False}
    verse = doc.text.index("هُوَ الَّذِي")
    rtl_starts = [start for start, rtl in checked if rtl]
    assert any(start <= verse for start in rtl_starts)
    assert sum(1 for _, rtl in checked if not rtl) > 20  # the Turkish paragraphs


@pytest.mark.parametrize(
    "prefix", ["001_d5152aefd5127724", "003_2bccc7ab1963331b", "004_ca61b40399ea37bd"]
)
def test_every_other_seed_paragraph(view: SourceView, seeded_path: Path, prefix: str) -> None:
    checked = check_document(view, load(seeded_path, prefix))
    assert checked
    if prefix.startswith("004"):  # the Arabic seed
        assert all(rtl for _, rtl in checked[1:])


def glyphs(view: SourceView, block: QTextBlock) -> list[tuple[str, list[int]]]:
    view.viewport().grab()  # paint, as a user would see it
    laid_out(view, block)
    layout = block.layout()
    out = []
    for n in range(layout.lineCount()):
        for run in layout.lineAt(n).glyphRuns():
            out.append((run.rawFont().familyName(), list(run.glyphIndexes())))
    return out


def flat(runs: list[tuple[str, list[int]]]) -> list[int]:
    return [g for _, indexes in runs for g in indexes]


def test_highlighting_an_arabic_word_keeps_its_glyphs(view: SourceView, seeded_path: Path) -> None:
    doc = load(seeded_path, "004_ca61b40399ea37bd")
    view.show_document(doc)
    word = "ألاسكا"  # Alaska: hamza-alef, lam-alef ligature, ...
    start = doc.text.index(word)
    lam = start + word.index("لا")
    block = view.document().findBlock(view.offsets.to_qt(start))
    plain = glyphs(view, block)
    assert "Noto Naskh Arabic" in {family for family, _ in plain}

    # The whole word, and a search hit that ends between lam and alef.
    for end in (start + len(word), lam + 1):
        view.set_layer("find", [(start, end)])
        assert glyphs(view, block) == plain
    view.clear_layer("find")

    # The check has teeth: a character format over the same range splits the shaping
    # run between lam and alef, and the ligature glyph disappears.
    cursor = view.cursor_for(start, lam + 1)
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("yellow"))
    cursor.mergeCharFormat(fmt)
    assert flat(glyphs(view, block)) != flat(plain)


def test_text_reaches_qt_unchanged(view: SourceView, seeded_path: Path) -> None:
    for prefix in ("000_7d63036d73f712df", "002_cd534f5e258f1d2c", "004_ca61b40399ea37bd"):
        doc = load(seeded_path, prefix)
        # toPlainText gives back what Qt holds: same characters, same logical order;
        # with wrapped lines joined, only the line ends inside sentences became spaces.
        spans = [(s.start, s.end) for s in doc.sentences]
        view.join_wrapped = True
        view.show_document(doc)
        joined = join_soft_wraps(doc.text, spans)
        assert view.toPlainText() == joined.replace("\u00a0", " ")
        view.join_wrapped = False
        view.show_document(doc)
        assert view.toPlainText() == doc.text.replace("\u00a0", " ")
