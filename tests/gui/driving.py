"""Driving the source pane as a user does: keys, drags and clicks; reading the file back.

Positions handed to Qt are computed here from Python's own UTF-16 encoding, not through
:mod:`workbench.gui.document.offsets`, so a test that selects a word this way and finds the right
code points in the project file checks the window's conversion rather than repeating it.
Stored annotations are read through a second SQLite connection, as another program (or
the next session after a crash) would see them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from workbench.gui.document.document_view import SourceView


def qt_pos(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def show(window: Any, prefix: str) -> int:
    """Choose the document whose source starts with ``prefix`` in the list; its id."""
    model = window.documents.model
    for row in range(model.rowCount()):
        info = model.document(row)
        if info.source.startswith(prefix):
            window.documents.select(info.id)
            assert window.document.id == info.id
            return int(info.id)
    raise AssertionError(f"no document {prefix}")


def place(view: SourceView, offset: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos(view.text, offset))
    view.setTextCursor(cursor)
    view.setFocus()


def select_by_keys(qtbot: Any, view: SourceView, start: int, end: int) -> None:
    """Cursor to ``start``, then Shift+arrow (forward in the paragraph's direction) to ``end``."""
    place(view, start)
    text = view.text
    block = view.document().findBlock(qt_pos(text, start))
    rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
    forward = Qt.Key.Key_Left if rtl else Qt.Key.Key_Right
    for _ in range(qt_pos(text, end) - qt_pos(text, start)):
        qtbot.keyClick(view, forward, Qt.KeyboardModifier.ShiftModifier)
    selected = view.textCursor().selectedText()
    assert selected == text[start:end].replace("\u00a0", " "), (selected, text[start:end])


def char_point(view: SourceView, offset: int) -> QPoint:
    """The middle of the character at ``offset``, in viewport coordinates."""
    text = view.text
    here = QTextCursor(view.document())
    here.setPosition(qt_pos(text, offset))
    after = QTextCursor(view.document())
    after.setPosition(qt_pos(text, offset + 1))
    a, b = view.cursorRect(here), view.cursorRect(after)
    assert abs(a.center().y() - b.center().y()) < 2, "character split across lines"
    return QPoint((a.center().x() + b.center().x()) // 2, a.center().y())


def drag_select(qtbot: Any, view: SourceView, start: int, end: int) -> None:
    """Press in the middle of the first character, drag to the middle of the last one."""
    view.reveal_offset(start)
    first, last = char_point(view, start), char_point(view, end - 1)
    port = view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=first)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(last),
        port.mapToGlobal(QPointF(last)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(port, move)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=last)
    assert view.textCursor().hasSelection()


def click(qtbot: Any, view: SourceView, offset: int) -> None:
    view.reveal_offset(offset)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(view, offset))


def stored_mentions(path: Path, doc_id: int | None = None) -> list[tuple[Any, ...]]:
    """(id, document_id, start, end, label, annotator) rows, straight from the file."""
    with sqlite3.connect(path) as conn:
        sql = 'SELECT id, document_id, start, "end", label, annotator FROM mentions'
        if doc_id is None:
            return conn.execute(sql + " ORDER BY id").fetchall()
        return conn.execute(sql + " WHERE document_id = ? ORDER BY id", (doc_id,)).fetchall()


def stored_events(path: Path) -> list[tuple[Any, ...]]:
    """(id, type, trigger_start, trigger_end, annotator, ((role, mention_id), ...)) rows."""
    with sqlite3.connect(path) as conn:
        events = conn.execute(
            "SELECT id, type, trigger_start, trigger_end, annotator FROM events ORDER BY id"
        ).fetchall()
        out = []
        for row in events:
            args = conn.execute(
                "SELECT role, mention_id FROM event_arguments WHERE event_id = ? ORDER BY id",
                (row[0],),
            ).fetchall()
            out.append((*row, tuple(args)))
        return out
