"""Readable script, distinct colours and the smaller frictions of an annotator's hour.

Fonts and colours are read from the real widgets; menus, popups, arcs, hovering and
reopening are driven with keys and the mouse on the real window.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from tests.gui.driving import click, place, select_by_keys, show, stored_mentions
from tests.gui.test_events import make_meeting
from tests.gui.test_linking import DOC, middle_of, translate_by_hand
from workbench.gui.common import dialogs
from workbench.gui.common.app import TEXT_FAMILIES
from workbench.gui.common.dialogs import ARABIC_SCALE, ShortcutsDialog, shortcut_text, ui_point_size
from workbench.gui.document.annotation_overlay import span_rects
from workbench.gui.document.find_bar import (
    MIN_DISTANCE,
    color_distance,
    distinct_colors,
    drawn_shades,
)
from workbench.gui.window.main_window import MainWindow
from workbench.resources import resources_dir

PRESETS = sorted((resources_dir() / "schemas").glob("*.json"))


def families(font) -> list[str]:  # type: ignore[no-untyped-def]
    return list(font.families())[: len(TEXT_FAMILIES)]


# -- colours ----------------------------------------------------------------------------
@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.stem)
def test_search_and_selection_colours_are_never_label_colours(preset: Path) -> None:
    data = json.loads(preset.read_text(encoding="utf-8"))
    labels = [QColor(x["color"]) for x in (*data["entities"], *data["events"])]
    for ours in distinct_colors(labels):
        for shade in drawn_shades(labels):
            assert color_distance(ours, shade) >= MIN_DISTANCE, (ours.name(), shade.name())


def test_a_schema_using_our_colour_makes_us_choose_another() -> None:
    selection, hit = distinct_colors([])
    again = distinct_colors([QColor(selection), QColor(hit)])
    assert again[0] != selection and again[1] != hit
    assert color_distance(again[0], selection) >= MIN_DISTANCE


def test_the_window_draws_hits_and_the_selection_in_those_colours(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    labels = list(window.tagger.highlights.colors.values())
    assert len(labels) > 30  # ACE 2005: entities and events
    selection, hit = distinct_colors(labels)
    view = window.source
    assert view.palette().highlight().color() == selection
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.edit, "trump")
    assert window.find_bar.hit_format.background().color() == hit
    assert window.find_bar.current_format.background().color() == selection
    for color in (hit, selection):
        assert min(color_distance(color, s) for s in drawn_shades(labels)) >= MIN_DISTANCE


# -- readable script ------------------------------------------------------------------------
def test_document_text_is_readable_in_every_widget(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    size = ui_point_size()
    show(window, "004")
    view, tagger = window.source, window.tagger
    start = view.text.index("بوتين")
    select_by_keys(qtbot, view, start, start + 5)
    qtbot.keyClick(view, Qt.Key.Key_P)
    # The status bar: the text families, the Arabic run larger than the Latin words.
    line = window.status_bar.line
    assert "“بوتين”" in line.text()
    assert families(line.font()) == TEXT_FAMILIES
    layout = line.layout_for(line.text())
    runs = {line.text()[f.start : f.start + f.length]: f for f in layout.formats()}
    assert set(runs) == {"بوتين", "وبوتين"}  # the name, and the word offered instead
    for run in runs.values():
        assert run.format.font().pointSizeF() == pytest.approx(size * ARABIC_SCALE)
    assert line.font().pointSizeF() == pytest.approx(size)
    assert line.height() >= line.sizeHint().height()  # the larger line is not clipped
    # The Mentions table: the text families, the Arabic cell as large.
    model = tagger.panel.model
    cell = model.index(0, 1)
    assert cell.data() == "بوتين"
    font = cell.data(Qt.ItemDataRole.FontRole)
    assert families(font) == TEXT_FAMILIES
    assert font.pointSizeF() == pytest.approx(size * ARABIC_SCALE)
    assert families(tagger.panel.mentions.font()) == TEXT_FAMILIES
    assert tagger.panel.mentions.rowHeight(0) >= tagger.panel.mentions.fontMetrics().height()
    # Tooltips, the label palette, the picker, message boxes.
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"font-size:{size * ARABIC_SCALE:.1f}pt'>بوتين</span>" in tip
    assert families(QToolTip.font()) == TEXT_FAMILIES
    assert families(tagger.palette.font()) == TEXT_FAMILIES
    assert families(tagger.picker.font()) == TEXT_FAMILIES
    box = dialogs.message_box(window, QMessageBox.Icon.Question, "t", "Delete “بوتين”?")
    assert families(box.font()) == TEXT_FAMILIES
    assert box.font().pointSizeF() == pytest.approx(size * ARABIC_SCALE)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_the_events_tree_shows_arabic_as_large(window, qtbot, annotator: str) -> None:  # type: ignore[no-untyped-def]
    make_meeting(window, qtbot)
    tree = window.tagger.panel.events
    event = tree.topLevelItem(0)
    assert families(event.font(1)) == TEXT_FAMILIES
    assert event.font(1).pointSizeF() == pytest.approx(ui_point_size() * ARABIC_SCALE)
    assert event.child(0).font(1).pointSizeF() == pytest.approx(ui_point_size() * ARABIC_SCALE)


# -- the relabel menu ------------------------------------------------------------------------
def test_relabel_from_the_context_menu_is_one_level_with_the_current_ticked(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    start = view.text.index("آلاسکا")
    select_by_keys(qtbot, view, start, start + 6)
    qtbot.keyClick(view, Qt.Key.Key_L)
    place(view, 0)
    menu = tagger.context_menu(start + 2)
    labels = {a.text(): a for a in menu.actions() if "\t" in a.text()}
    assert list(labels)[:3] == ["PER\tP", "ORG\tO", "GPE\tG"]  # in the menu, keys shown
    assert [t for t, a in labels.items() if a.isChecked()] == ["LOC\tL"]
    assert not any(a.menu() for a in menu.actions() if "Label" in a.text())
    labels["GPE\tG"].trigger()
    assert [m[4] for m in stored_mentions(seeded_path)] == ["GPE"]


# -- events ----------------------------------------------------------------------------------
def test_the_role_popup_opens_beside_the_clicked_mention(window, qtbot, annotator: str) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    trump = view.text.index("ترامپ")
    select_by_keys(qtbot, view, trump, trump + 5)
    qtbot.keyClick(view, Qt.Key.Key_P)
    trigger = view.text.index("نشست")
    select_by_keys(qtbot, view, trigger, trigger + 4)
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tagger.picker.filter, "meet")
    qtbot.keyClick(tagger.picker.filter, Qt.Key.Key_Return)
    click(qtbot, view, trump + 1)
    assert tagger.picker.isVisible() and "ترامپ" in tagger.picker.title.text()
    (rect,) = span_rects(view, trump, trump + 5)
    port = view.viewport()
    mention = QRect(port.mapToGlobal(rect.topLeft().toPoint()), rect.size().toSize())
    assert not tagger.picker.frameGeometry().intersects(mention)
    assert tagger.picker.frameGeometry().top() >= mention.bottom()  # just below it
    tagger.picker.hide()


def test_the_event_under_the_caret_is_joined_to_its_arguments(
    window, qtbot, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    spans, _ = make_meeting(window, qtbot)  # ends with Esc: no longer adding arguments
    view, overlay = window.source, window.tagger.overlay
    assert "Adding arguments" not in window.status_bar.state()
    place(view, spans["trump"][0] - 3)  # away from the event
    assert overlay.links() == []
    place(view, spans["summit"][0] + 1)  # the caret on the trigger, by keyboard
    links = overlay.links()
    assert sorted(link.role for link in links) == ["Entity", "Place"]
    # The arcs are on screen, in the event's colour.
    image = view.viewport().grab().toImage()
    color = overlay.event_color()
    ratio = view.viewport().devicePixelRatioF()
    for link in links:
        middle = link.middle() * ratio
        around = [
            QColor(image.pixel(round(middle.x()) + dx, round(middle.y()) + dy))
            for dx in range(-3, 4)
            for dy in range(-3, 4)
        ]
        assert min(color_distance(c, color) for c in around) < 25, link.role
    # Clicking an argument shows its event too.
    click(qtbot, view, spans["alaska"][0] + 1)
    assert sorted(link.role for link in overlay.links()) == ["Entity", "Place"]


# -- where things are -------------------------------------------------------------------------
def test_reopening_the_project_returns_to_the_last_document_and_caret(
    window, qtbot, seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "003")
    offset = len(window.source.text) // 2
    place(window.source, offset)
    window.close()
    again = MainWindow(seeded_path, online=False)
    qtbot.addWidget(again)
    again.show()
    assert again.document is not None and again.document.id == doc_id
    view = again.source
    assert view.offsets.from_qt(view.textCursor().position()) == offset
    assert 0 <= view.offset_top(offset) <= view.viewport().height()  # and on screen
    again.close()


def test_hovering_the_translation_does_not_scroll_the_source_but_clicking_does(
    window, seeded_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    doc_id = translate_by_hand(seeded_path, DOC, skip=set(), odd=set())
    window.refresh_documents()
    window.show_document(doc_id)
    source, target = window.source, window.translation.view
    index = 40
    target.scroll_to_sentence(index)
    before = source.verticalScrollBar().value()
    # A move event straight to the pane: the offscreen screen is 800 px wide, and a
    # moved cursor would not reach a pane beyond it.
    point = QPointF(middle_of(target, index))
    port = target.viewport()
    QApplication.sendEvent(
        port,
        QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            port.mapToGlobal(point),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    qtbot.waitUntil(lambda: target.hovered_sentence >= index)
    hovered = target.hovered_sentence
    assert source.layer_spans("hover") == [source.sentence_span(hovered)]  # highlighted
    assert source.verticalScrollBar().value() == before  # not scrolled
    qtbot.mouseClick(target.viewport(), Qt.MouseButton.LeftButton, pos=middle_of(target, index))
    assert source.verticalScrollBar().value() != before


# -- the shortcuts list --------------------------------------------------------------------------
def test_platform_clutter_is_left_out_of_the_shortcuts() -> None:
    keys = [QKeySequence(k) for k in ("Ctrl+Z", "F14", "Alt+Backspace", "Ctrl+Ins", "F1")]
    assert shortcut_text(keys) == "Ctrl+Z, F1"


def test_the_shortcuts_list_is_readable_resizable_and_never_cut(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog(window.menu_actions.shortcut_rows(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    assert families(table.font()) == TEXT_FAMILIES
    assert dialog.isSizeGripEnabled()

    def nothing_cut() -> None:
        metrics = table.fontMetrics()
        for row in range(table.rowCount()):
            name, keys = table.item(row, 0).text(), table.item(row, 1).text()
            assert not any(bad in keys for bad in ("F14", "F16", "Ins")), keys
            assert metrics.horizontalAdvance(keys) + 6 <= table.columnWidth(1), keys
            width = table.columnWidth(0) - 8
            needed = metrics.boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, name
            )
            assert needed.height() <= table.rowHeight(row), name

    nothing_cut()
    dialog.resize(360, 400)  # narrow: the names wrap, the rows grow (once laid out)
    qtbot.waitUntil(nothing_cut)
    assert any(
        table.rowHeight(r) > table.fontMetrics().height() + 8 for r in range(table.rowCount())
    )
