"""The main window on the five seeds: list, panes, menus, find, undo, settings, drops."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QHelpEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip

from workbench.gui.common.workers import SUCCEEDED
from workbench.gui.window.main_window import MainWindow
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"


def test_opens_on_the_seeds(window) -> None:  # type: ignore[no-untyped-def]
    model = window.documents.model
    assert model.rowCount() == 5
    assert [model.document(r).source for r in range(5)][0] == "000_7d63036d73f712df.txt"
    assert window.document is not None and window.document.id == 1  # the first is shown
    assert window.source.toPlainText().startswith(" Trump'ın Putin")
    assert "000_7d63036d73f712df.txt" in window.windowTitle()
    assert "63 sentences" in window.status_label.text()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Source", "Lang", "Status", "Sent.", "Transl.", "Annot."]
    row = [model.index(2, c).data() for c in range(model.columnCount())]
    assert row == ["002_cd534f5e258f1d2c.txt", "fa", "to do", "31", "0/31", "0"]


def test_the_list_filters_and_chooses(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = window.documents
    documents.filter_edit.setText("fa")
    assert documents.model.rowCount() == 1
    documents.filter_edit.setText("turkish")
    assert documents.model.rowCount() == 3
    documents.filter_edit.setText("004 arabic")
    assert documents.model.rowCount() == 1
    documents.filter_edit.setText("")
    assert documents.model.rowCount() == 5
    index = documents.model.index(4, 0)
    documents.table.setCurrentIndex(index)
    assert window.document.source == "004_ca61b40399ea37bd.txt"
    assert window.source.document().begin().textDirection() == Qt.LayoutDirection.RightToLeft


def test_menus_have_standard_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Annotation", "Translation", "Help"]
    actions = window.menu_actions
    expected = {
        actions.open_project: QKeySequence.StandardKey.Open,
        actions.new_project: QKeySequence.StandardKey.New,
        actions.find: QKeySequence.StandardKey.Find,
        actions.undo: QKeySequence.StandardKey.Undo,
        actions.redo: QKeySequence.StandardKey.Redo,
        actions.zoom_in: QKeySequence.StandardKey.ZoomIn,
        actions.zoom_out: QKeySequence.StandardKey.ZoomOut,
    }
    for action, key in expected.items():
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()
    assert actions.quit.shortcut() == QKeySequence("Ctrl+Q")
    rows = dict(actions.shortcut_rows())
    assert rows["Find"].startswith("Ctrl+F") and rows["Quit"] == "Ctrl+Q"
    assert rows["Import Documents"] == "Ctrl+I"


def test_find_highlights_hits_without_touching_formats(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.menu_actions.find.trigger()
    bar = window.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "trump")
    text = window.source.text
    expected = [m.span() for m in re.finditer("trump", text, re.IGNORECASE)]
    assert len(expected) > 3
    assert window.source.layer_spans("find") == expected
    assert window.source.layer_spans("find-current") == [expected[0]]
    assert bar.count.text() == f"1 of {len(expected)}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.source.layer_spans("find-current") == [expected[1]]
    window.menu_actions.find_previous.trigger()
    assert window.source.layer_spans("find-current") == [expected[0]]
    # Extra selections only: the text's own character formats are untouched.
    cursor = window.source.cursor_for(expected[0][0] + 1)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.source.layer_spans("find") == []


def test_status_changes_undo_and_redo(window, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    def stored() -> str:
        with Project.open(seeded_path, create=False) as project:
            return store_docs.get_document(project.conn, 1, annotations=False).status

    window.menu_actions.statuses[2].trigger()  # Mark as done
    assert stored() == "done"
    assert window.documents.model.index(0, 2).data() == "done"
    assert window.menu_actions.undo.isEnabled()
    window.menu_actions.undo.trigger()
    assert stored() == "todo"
    assert window.documents.model.index(0, 2).data() == "to do"
    window.menu_actions.redo.trigger()
    assert stored() == "done"


def test_zoom_swap_hide_and_settings_are_remembered(window, qtbot, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    size = window.source.point_size()
    window.menu_actions.zoom_in.trigger()
    window.menu_actions.zoom_in.trigger()
    assert window.source.point_size() == size + 2
    assert window.translation.view.point_size() == size + 2
    window.menu_actions.swap_panes.trigger()
    assert window.panes.widget(0) is window.translation
    window.menu_actions.show_translation.setChecked(False)
    assert not window.translation.isVisible()
    window.resize(700, 500)  # within the offscreen screen (800x800)
    window.close()

    again = MainWindow(seeded_path, online=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.panes_swapped
    assert not again.translation.isVisible()
    assert not again.menu_actions.show_translation.isChecked()
    assert again.source.point_size() == size + 2
    assert (again.width(), again.height()) == (700, 500)
    again.menu_actions.zoom_reset.trigger()
    assert again.source.point_size() == size
    again.close()


def test_dropping_files_imports_them(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "dropped.txt"
    note.write_text("Bu bir deneme haberidir. İkinci cümle de var.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(note))])
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.dropEvent(drop)
    assert finished.args[0] == SUCCEEDED
    sources = [
        window.documents.model.document(r).source for r in range(window.documents.model.rowCount())
    ]
    assert "dropped.txt" in sources


def test_export_runs_as_a_job(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.jsonl"
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.export_dialog(target)
    assert finished.args[0] == SUCCEEDED
    assert len(target.read_text(encoding="utf-8").splitlines()) == 5


def test_broken_pdf_lines_are_marked_with_a_tooltip(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = window.source
    assert len(view.broken) == 2  # seed 000's verse lines
    line = view.broken[-1]
    view.scroll_offset_to(line.start)
    assert view.paragraph_shade(line.start) is not None  # a band behind the line
    assert view.paragraph_shade(line.start - 3) is None
    gutter = view.gutter()
    point = view.mark_point(line).toPoint()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, gutter.mapToGlobal(point))
    QApplication.sendEvent(gutter, event)
    assert QToolTip.isVisible()
    assert "detached" in QToolTip.text() and "PDF" in QToolTip.text()
    QToolTip.hideText()
    # Over the line's text as well.
    rect = view.cursorRect(view.cursor_for(line.start + 5))
    inside = rect.center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, inside, view.viewport().mapToGlobal(inside))
    QApplication.sendEvent(view.viewport(), event)
    assert "detached" in QToolTip.text()
    QToolTip.hideText()
    assert (
        gutter.grab().toImage().pixelColor(QPoint(gutter.width() - 3, int(point.y()))).red() > 150
    )


def test_no_process_events_in_product_code() -> None:
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.py")
        if "processEvents" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_new_open_and_recent_projects(
    window, tmp_path: Path, seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "fresh.wbproj"
    assert window.open_project(fresh, create=True)
    assert window.documents.model.rowCount() == 0
    assert window.document is None and window.source.toPlainText() == ""
    assert "fresh.wbproj" in window.windowTitle()
    window.fill_recent_menu()
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[:2] == [str(fresh.resolve()), str(seeded_path.resolve())]
    window.recent_menu.actions()[1].trigger()
    assert window.documents.model.rowCount() == 5

    not_a_project = tmp_path / "notes.wbproj"
    not_a_project.write_text("hello", encoding="utf-8")
    assert not window.open_project(not_a_project, create=False)
    assert errors and "not a workbench project" in errors[0]
    assert window.documents.model.rowCount() == 5  # the open project stays open
