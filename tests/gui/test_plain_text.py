"""Document text is plain text everywhere: lists, tooltips, labels, panes, dialogs.

Qt guesses rich text from a leading tag; a file called ``<b>bold</b>.txt`` or text with
``<img src=...>`` must be shown as those characters, never interpreted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from workbench.gui.common import dialogs
from workbench.gui.window.document_list import ID_ROLE
from workbench.gui.window.main_window import MainWindow
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

NAME = "<b>bold<img src=x onerror=alert(1)>.txt"  # no "/": it is a file name
TEXT = '<img src="file:///etc/passwd"> <b>not bold</b> <i>x</i> &amp; متن <u>فارسی</u>.\n'
TRANSLATION = "<b>Translated</b> <img src=x> &lt;"


def shown_as(tooltip: str) -> str:
    """What a tooltip displays: Qt renders it as rich text if it looks like rich text."""
    if not QtGui.Qt.mightBeRichText(tooltip):  # the Qt namespace as extended by QtGui
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


@pytest.fixture
def hostile(qtbot, tmp_path: Path, errors: list[str]) -> MainWindow:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / NAME).write_text(TEXT, encoding="utf-8")
    path = tmp_path / "p.wbproj"
    with Project.open(path) as project:
        job = ImportJob(project, [folder])
        for _ in job.run():
            pass
        doc_id = job.report.imported[0][0]
        sentences = store_docs.sentences_of(project.conn, doc_id)
        with project.transaction() as conn:
            store_docs.store_translations(conn, [(sentences[0].id, TRANSLATION, "ok")], "t", "1")
    window = MainWindow(path, online=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_list_and_its_tooltips(hostile: MainWindow) -> None:
    model = hostile.documents.model
    index = model.index(0, 0)
    assert index.data() == NAME
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert NAME in shown_as(tooltip)
    assert hostile.documents.model.index(0, 0).data(ID_ROLE) == hostile.document.id


def test_the_panes_title_and_labels(hostile: MainWindow) -> None:
    assert hostile.source.toPlainText() == TEXT
    assert hostile.translation.view.toPlainText().startswith(TRANSLATION)
    assert "&lt;b&gt;" in hostile.translation.view.document().toHtml()
    assert NAME in hostile.windowTitle()
    labels = hostile.findChildren(QLabel)
    assert labels
    for label in labels:
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_messages_and_progress_are_plain(hostile: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = dialogs.message_box(hostile, QMessageBox.Icon.Warning, "t", f"{NAME}: refused")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == f"{NAME}: refused"
    assert shown_as(dialogs.plain_tooltip(TEXT)) == TEXT.rstrip("\n")
    with qtbot.waitSignal(hostile.runner.finished, timeout=30_000):
        hostile.import_paths([Path(__file__)])  # any file: the label is what matters
        label = hostile.runner.dialog.findChild(QLabel)
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_input_dialog_prompts_are_plain_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A label or a mention's text quoted in a prompt is shown, never drawn as HTML."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

    from workbench.gui.common import dialogs

    prompt = 'New name for <b>bold</b><img src="x.png">:'
    seen: list[tuple[str, Qt.TextFormat]] = []

    def inspect() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog))
        seen.extend((x.text(), x.textFormat()) for x in dialog.findChildren(QLabel) if x.text())
        dialog.reject()

    QTimer.singleShot(50, inspect)
    assert dialogs.ask_text(None, "Rename label", prompt, text="x") == ("x", False)
    assert seen == [(prompt, Qt.TextFormat.PlainText)]
