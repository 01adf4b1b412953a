"""The source and translation panes, linked sentence by sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication

from workbench.gui.document.text_pane import TextPane
from workbench.gui.translation.translation_pane import NOT_YET, UNTRANSLATABLE
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

DOC = "000_7d63036d73f712df"  # 63 sentences: both panes scroll


def translate_by_hand(path: Path, source: str, skip: set[int], odd: set[int]) -> int:
    """Store a made-up translation for every sentence but ``skip`` (``odd``: untranslatable)."""
    with Project.open(path, create=False) as project:
        doc_id = store_docs.find_document(project.conn, source)
        rows = []
        for s in store_docs.sentences_of(project.conn, doc_id):
            if s.seq in skip:
                continue
            if s.seq in odd:
                rows.append((s.id, None, "untranslatable"))
            else:
                rows.append((s.id, f"English sentence number {s.seq + 1}.", "ok"))
        with project.transaction() as conn:
            store_docs.store_translations(conn, rows, "test:tr-en", "1")
    return doc_id


@pytest.fixture
def linked(window, seeded_path: Path):  # type: ignore[no-untyped-def]
    doc_id = translate_by_hand(seeded_path, DOC, skip={5}, odd={6})
    window.refresh_documents()
    window.show_document(doc_id)
    return window


def middle_of(pane: TextPane, index: int) -> QPoint:
    start, end = pane.sentence_span(index)
    rect = pane.cursorRect(pane.cursor_for((start + end) // 2))
    return rect.center()


def test_translations_are_shown_one_per_sentence(linked) -> None:  # type: ignore[no-untyped-def]
    view = linked.translation.view
    assert view.sentence_count() == linked.source.sentence_count() == len(linked.document.sentences)
    texts = view.toPlainText().split("\n")
    assert texts[0] == "English sentence number 1."
    assert texts[5] == NOT_YET and texts[6] == UNTRANSLATABLE
    assert view.untranslated == [5, 6]
    # Untranslated sentences are visibly different: grey band and grey italic text.
    assert view.paragraph_shade(view.sentence_span(5)[0]) is not None
    assert view.paragraph_shade(view.sentence_span(6)[0]) is not None
    assert view.paragraph_shade(view.sentence_span(4)[0]) is None
    fmt = view.cursor_for(*view.sentence_span(5)).charFormat()
    assert fmt.fontItalic()
    assert "5" not in linked.translation.message.text() or linked.translation.banner.isVisible()


def test_hovering_a_source_sentence_highlights_and_aligns_its_translation(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    source, target = linked.source, linked.translation.view
    index = 30
    source.scroll_to_sentence(index)
    with qtbot.waitSignal(source.sentenceHovered) as hovered:
        qtbot.mouseMove(source.viewport(), middle_of(source, index))
    assert hovered.args == [index]
    assert source.layer_spans("hover") == [source.sentence_span(index)]
    assert target.layer_spans("hover") == [target.sentence_span(index)]
    # The other pane scrolled so the two sentences start at the same height.
    assert target.verticalScrollBar().value() > 0
    assert abs(target.sentence_top(index) - source.sentence_top(index)) <= 2

    QApplication.sendEvent(source.viewport(), QEvent(QEvent.Type.Leave))
    assert source.layer_spans("hover") == [] and target.layer_spans("hover") == []


def test_clicking_a_translation_selects_and_scrolls_to_its_source(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    source, target = linked.source, linked.translation.view
    index = 40
    target.scroll_to_sentence(index)
    with qtbot.waitSignal(target.sentenceActivated) as activated:
        qtbot.mouseClick(target.viewport(), Qt.MouseButton.LeftButton, pos=middle_of(target, index))
    assert activated.args == [index]
    assert target.layer_spans("current") == [target.sentence_span(index)]
    assert source.layer_spans("current") == [source.sentence_span(index)]
    assert source.verticalScrollBar().value() > 0
    assert abs(source.sentence_top(index) - target.sentence_top(index)) <= 2


def test_clicking_a_source_sentence_marks_both(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    source, target = linked.source, linked.translation.view
    index = 2
    qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton, pos=middle_of(source, index))
    assert source.current_sentence == index
    assert target.layer_spans("current") == [target.sentence_span(index)]


def test_hidden_translation_pane_is_left_alone(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    linked.menu_actions.show_translation.setChecked(False)
    assert not linked.translation.isVisible()
    source, target = linked.source, linked.translation.view
    source.scroll_to_sentence(30)
    qtbot.mouseMove(source.viewport(), middle_of(source, 30))
    assert target.verticalScrollBar().value() == 0


def test_hovering_right_of_a_short_line_still_finds_its_sentence(linked, qtbot) -> None:  # type: ignore[no-untyped-def]
    linked.set_join_wrapped(False)  # the PDF's own short lines, as extracted
    source = linked.source
    source.resize(900, source.height())
    width = source.viewport().width()
    for index in range(10, source.sentence_count()):
        start, end = source.sentence_span(index)
        block = source.document().findBlock(source.offsets.to_qt(start))
        block_end = source.offsets.from_qt(block.position() + block.length() - 1)
        source.document().documentLayout().blockBoundingRect(block)
        line = block.layout().lineAt(block.layout().lineCount() - 1)
        ltr = block.textDirection() == Qt.LayoutDirection.LeftToRight  # its end is on the right
        if ltr and start <= block_end <= end and line.naturalTextWidth() + 80 < width:
            break
    else:
        pytest.fail("no short line in the seed")
    source.scroll_to_sentence(index)
    rect = source.cursorRect(source.cursor_for(block_end))
    with qtbot.waitSignal(source.sentenceHovered) as hovered:
        qtbot.mouseMove(source.viewport(), QPoint(rect.right() + 40, rect.center().y()))
    assert hovered.args == [index]
