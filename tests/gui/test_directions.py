"""Setting a paragraph's direction by hand in the window: menu, shortcut, undo, render."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QMenu

from tests.gui.driving import place, show
from workbench.gui.document.render import render_document
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def stored(path: Path) -> list[tuple[int, int, int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT document_id, start, "end", direction FROM paragraph_directions'
        ).fetchall()


def direction_of(window, offset: int) -> Qt.LayoutDirection:  # type: ignore[no-untyped-def]
    view = window.source
    return view.document().findBlock(view.offsets.to_qt(offset)).textDirection()


def menu_actions(window, offset: int) -> dict[str, QAction]:  # type: ignore[no-untyped-def]
    menu = QMenu(window)
    window.source.add_direction_menu(menu, offset)
    sub = menu.findChild(QMenu, "directionMenu")
    assert sub is not None
    return {str(a.data()): a for a in sub.actions()}


RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def test_the_context_menu_sets_undo_and_redo(window, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "002")
    text = window.source.text
    assert direction_of(window, 5) == RTL
    actions = menu_actions(window, 5)
    assert actions["auto"].isChecked() and "right to left" in actions["auto"].text()
    actions["ltr"].trigger()
    assert direction_of(window, 5) == LTR
    assert direction_of(window, 300) == RTL  # the next paragraph is untouched
    assert stored(seeded_path) == [(doc_id, 0, 220, "ltr")]
    assert menu_actions(window, 5)["ltr"].isChecked()
    assert window.source.text == text  # display only
    window.undo_stack.undo()
    assert direction_of(window, 5) == RTL and stored(seeded_path) == []
    window.undo_stack.redo()
    assert direction_of(window, 5) == LTR and stored(seeded_path) == [(doc_id, 0, 220, "ltr")]


def test_the_right_click_menu_offers_the_submenu(window) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    menu = view.context_menu(view.cursorRect(view.cursor_for(10)).center())
    titles = [a.text() for a in menu.actions()]
    assert "Copy" in titles and titles[-1] == "Paragraph &Direction"
    menu.deleteLater()


def test_the_shortcut_flips_and_flips_back(window, qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "001")
    assert direction_of(window, 3) == LTR
    place(window.source, 3)
    qtbot.keyClick(
        window.source,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert direction_of(window, 3) == RTL
    assert [row[0] for row in stored(seeded_path)] == [doc_id]
    qtbot.keyClick(
        window.source,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert direction_of(window, 3) == LTR and stored(seeded_path) == []


def test_undo_in_another_document_shows_the_paragraph_turning_back(window) -> None:  # type: ignore[no-untyped-def]
    first = show(window, "002")
    window.menu_actions.flip_direction.trigger()  # the cursor is at the start
    assert direction_of(window, 5) == LTR
    show(window, "001")
    window.undo_stack.undo()
    assert window.document.id == first
    assert direction_of(window, 5) == RTL


def test_the_shortcut_is_listed_and_used_once(window) -> None:  # type: ignore[no-untyped-def]
    rows = dict(window.menu_actions.shortcut_rows())
    assert rows["Flip Paragraph Direction"] == "Ctrl+Shift+D"
    keys = [seq.toString() for action in window.menu_actions.all for seq in action.shortcuts()]
    assert len(keys) == len(set(keys))


def ink(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    xs = [
        x
        for y in range(top, bottom)
        for x in range(30, image.width())
        if image.pixelColor(x, y).lightness() < 100
    ]
    return min(xs), max(xs)


def test_render_lays_out_a_paragraph_as_set(seeded_path: Path) -> None:
    from workbench.ops.directions import set_direction

    with Project.open(seeded_path, create=False) as project:
        doc_id = store_docs.find_document(project.conn, "003_2bccc7ab1963331b")  # Turkish
        auto = store_docs.get_document(project.conn, doc_id)
        text = auto.text
        first_end = text.index("\n") if "\n" in text else len(text)
        set_direction(project, doc_id, 0, first_end, "rtl")
        turned = store_docs.get_document(project.conn, doc_id)
    before, _ = render_document(auto, 900)
    after, _ = render_document(turned, 900)
    # The first line of the first paragraph: against the left edge, then the right.
    left, right = ink(before, 12, 30)
    assert left < 80 and right < 700  # a short title line
    left, right = ink(after, 12, 30)
    assert left > 200 and right > 900 - 40


def test_set_on_a_joined_paragraph_holds_for_each_of_its_pdf_lines(window) -> None:  # type: ignore[no-untyped-def]
    show(window, "000")
    view = window.source
    canonical = window.document.text
    para = next(p for p in view.paragraphs if "\n" in canonical[p.start : p.end])
    assert direction_of(window, para.start) == LTR
    view.directionRequested.emit(para.start, para.end, "rtl")
    assert direction_of(window, para.start) == RTL
    window.set_join_wrapped(False)  # each PDF line is a paragraph of its own now
    starts = [para.start] + [i + 1 for i in range(para.start, para.end) if canonical[i] == "\n"]
    assert len(starts) > 1
    assert all(direction_of(window, start) == RTL for start in starts)
    after = next(
        p for p in view.paragraphs if p.start > para.end and canonical[p.start : p.end].strip()
    )
    assert direction_of(window, after.start) == LTR  # the next prose is its own again
