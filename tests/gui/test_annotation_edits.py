"""Changing annotations already made: knowledge-base ids, spans, and the document status
that follows the first annotation. Each test reads the project file through a second
connection and undoes what it did.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu

from tests.gui.driving import select_by_keys, show, stored_events, stored_mentions
from tests.gui.test_tagger import span_of
from workbench.gui.common import dialogs

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def stored_status(path: Path, doc_id: int) -> str:
    with sqlite3.connect(path) as conn:
        return str(
            conn.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        )


def entry(menu: QMenu, text: str) -> Any:
    """The action of ``menu`` (or of its submenus) called ``text``."""
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            found = entry(action.menu(), text)
            if found is not None:
                return found
    return None


def status_of(window: Any, doc_id: int) -> str:
    model = window.documents.model
    return str(model.index(model.row_of(doc_id), 2).data())


def test_the_first_annotation_puts_the_document_in_progress_in_one_undo_step(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "002")
    view = window.source
    assert stored_status(seeded_path, doc_id) == "todo"
    select_by_keys(qtbot, view, *span_of(view.text, "ترامپ"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert stored_status(seeded_path, doc_id) == "in_progress"
    assert status_of(window, doc_id) == "in progress"
    assert "in progress" in window.status_label.text()
    select_by_keys(qtbot, view, *span_of(view.text, "پوتین"))
    qtbot.keyClick(view, Qt.Key.Key_P)  # no second status change
    assert window.undo_stack.count() == 2
    assert window.undo_stack.undoText() == "Add PER Mention “پوتین”"

    window.menu_actions.undo.trigger()
    window.menu_actions.undo.trigger()  # the mention and the status, in one step
    assert stored_mentions(seeded_path) == []
    assert stored_status(seeded_path, doc_id) == "todo"
    assert status_of(window, doc_id) == "to do"
    assert "to do" in window.status_label.text()
    window.menu_actions.redo.trigger()
    assert len(stored_mentions(seeded_path)) == 1
    assert stored_status(seeded_path, doc_id) == "in_progress"


def test_an_event_also_starts_the_document_and_done_stays_done(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, "002")
    window.menu_actions.statuses[2].trigger()  # done before any annotation
    view = window.source
    select_by_keys(qtbot, view, *span_of(view.text, "ترامپ"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert stored_status(seeded_path, doc_id) == "done"

    other = show(window, "004")
    select_by_keys(qtbot, view, *span_of(view.text, "ترامب"))
    window.tagger.mark_event("Contact.Meet")
    assert len(stored_events(seeded_path)) == 1
    assert stored_status(seeded_path, other) == "in_progress"
    window.menu_actions.undo.trigger()
    assert stored_events(seeded_path) == []
    assert stored_status(seeded_path, other) == "todo"


def test_the_knowledge_base_question_is_plain_and_readable(window) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.common.app import TEXT_FAMILIES

    label = "Knowledge-base id of PER “<b>بوتين</b>” (empty clears it):"
    dialog = dialogs.text_dialog(window, "Knowledge-base id", label, "Q1")
    shown = [x for x in dialog.findChildren(QLabel) if x.text()]
    assert [x.text() for x in shown] == [label]
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert list(dialog.font().families())[: len(TEXT_FAMILIES)] == TEXT_FAMILIES
    assert dialog.font().pointSizeF() > dialogs.ui_point_size()  # the Arabic enlarged
    assert dialog.textValue() == "Q1"


def test_set_span_to_selection_snaps_and_undoes(emoji_window, qtbot, annotator: str) -> None:  # type: ignore[no-untyped-def]
    window = emoji_window
    view, tagger = window.source, window.tagger
    path = window.project.path
    text = view.text
    start, end = span_of(text, "Putin'e")
    select_by_keys(qtbot, view, start, start + 3)  # "Put", labelled exactly
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    ((ident, _, s, e, _, _),) = stored_mentions(path)
    assert text[s:e] == "Put"

    # The context menu's entry moves it to the selection, snapped without the suffix.
    select_by_keys(qtbot, view, start + 1, end)
    menu = tagger.context_menu(start + 1)
    entry(menu, "Set Span to Selection").trigger()
    ((same, _, s, e, _, _),) = stored_mentions(path)
    assert (same, text[s:e]) == (ident, "Putin")
    window.menu_actions.undo.trigger()
    assert text[slice(*stored_mentions(path)[0][2:4])] == "Put"
    window.menu_actions.redo.trigger()
    assert text[slice(*stored_mentions(path)[0][2:4])] == "Putin"

    # The Annotation menu's action moves only what the selection overlaps. A selection
    # elsewhere moves nothing -- not the mention selected last, out of sight -- and says so.
    a, b = span_of(text, "Ankara'da")
    select_by_keys(qtbot, view, a, b)
    assert tagger.active is None  # the caret left the mention: it is no longer selected
    window.menu_actions.span_to_selection.trigger()
    assert text[slice(*stored_mentions(path)[0][2:4])] == "Putin"
    assert "overlaps no annotation" in window.statusBar().currentMessage()
    # Over the mention, "Putin'e" snaps back to "Putin", which it already spans: said so.
    select_by_keys(qtbot, view, start, end)
    window.menu_actions.span_to_selection.trigger()
    message = window.statusBar().currentMessage()
    assert "already spans the selection (snapped to whole words)" in message
    assert "Ctrl+Alt+M" in message
    # Ctrl+Alt+M keeps the exact selection, suffix and all.
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL_ALT)
    assert text[slice(*stored_mentions(path)[0][2:4])] == "Putin'e"
    window.menu_actions.undo.trigger()
    assert text[slice(*stored_mentions(path)[0][2:4])] == "Putin"
    assert window.statusBar().currentMessage() == "Undone: Move Mention “Putin'e”"
    view.setTextCursor(view.cursor_for(a))
    window.menu_actions.span_to_selection.trigger()
    assert "Select the new span" in window.statusBar().currentMessage()


def test_set_trigger_to_selection(window, qtbot, seeded_path: Path, annotator: str) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    text = view.text
    select_by_keys(qtbot, view, *span_of(text, "ترامپ"))
    tagger.mark_event("Contact.Meet")
    tagger.stop_arguments()
    start, end = span_of(text, "پوتین")
    select_by_keys(qtbot, view, start, end)
    trigger = span_of(text, "ترامپ")[0]
    entry(tagger.context_menu(trigger), "Set Trigger to Selection").trigger()
    ((_, kind, s, e, _, _),) = stored_events(seeded_path)
    assert (kind, s, e) == ("Contact.Meet", start, end)
    window.menu_actions.undo.trigger()
    assert stored_events(seeded_path)[0][2:4] == span_of(text, "ترامپ")
