"""Plain-text labels, tooltips and message boxes; the About and shortcuts dialogs.

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) in labels, tooltips
and message boxes, so a document called ``<b>x</b>.txt`` or containing
``<img src=...>`` would be interpreted as HTML. Everything that may carry document
text or file names goes through the helpers here, which force plain text: labels and
message boxes get ``Qt.PlainText``; tooltips (which have no format switch) are escaped
and wrapped so Qt shows the characters literally.
"""

from __future__ import annotations

import html
import re
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import workbench
from workbench.errors import KnownError


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, whatever it contains."""
    if not text:
        return ""
    # A tooltip starting with <qt> is always rich text, so the escaped text is shown as is;
    # pre-wrap keeps line breaks and runs of spaces.
    return "<qt><div style='white-space:pre-wrap'>" + html.escape(text) + "</div></qt>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str | None = None,
) -> QMessageBox:
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)  # the detailed text is always plain
    return box


def show_error(parent: QWidget | None, text: str, details: str | None = None) -> None:
    """A user-caused problem (a KnownError): one plain message."""
    message_box(parent, QMessageBox.Icon.Warning, "Workbench", text, details).exec()


def show_bug(parent: QWidget | None, summary: str, traceback_text: str) -> None:
    """An unexpected exception: loud, with the traceback to copy into a report."""
    message_box(
        parent,
        QMessageBox.Icon.Critical,
        "Workbench: internal error",
        f"An internal error happened; please report it.\n\n{summary}",
        traceback_text,
    ).exec()


def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "") -> tuple[str, bool]:
    """``QInputDialog.getText`` with its prompt drawn as plain text.

    The prompt often quotes a label name or document text, which Qt's automatic format
    detection would draw as HTML (``<img>``, ``<b>``).
    """
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setTextValue(text)
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), accepted


def install_excepthook() -> None:
    """Every exception nobody caught (in a slot, a timer, an event handler) shows the
    internal-error dialog as well as its traceback on stderr; none vanishes.

    The hook before it (Python's own, or a test runner's) still runs first. A failure
    while showing the dialog is printed, never raised again from the hook.
    """
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        previous(kind, exc, tb)
        if showing or not issubclass(kind, Exception):
            return
        showing = True
        try:
            from PySide6.QtWidgets import QApplication

            if QApplication.instance() is not None:
                text = "".join(traceback.format_exception(kind, exc, tb))
                parent = QApplication.activeWindow()
                if isinstance(exc, KnownError):
                    show_error(parent, str(exc))
                else:
                    show_bug(parent, f"{kind.__name__}: {exc}", text)
        except Exception:  # noqa: BLE001 - the hook must not raise; the traceback is out
            traceback.print_exc()
        finally:
            showing = False

    sys.excepthook = hook


def confirm(parent: QWidget | None, text: str, action: str = "Delete") -> bool:
    """Ask before a destructive step; True if the user chose ``action`` (Cancel is default)."""
    box = message_box(parent, QMessageBox.Icon.Question, "Workbench", text)
    yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
    box.setStandardButtons(yes | cancel)
    box.setDefaultButton(cancel)
    button = box.button(yes)
    if button is not None:
        button.setText(action)
    return QMessageBox.StandardButton(box.exec()) == yes


def show_about(parent: QWidget | None) -> None:
    message_box(
        parent,
        QMessageBox.Icon.Information,
        "About Workbench",
        f"Workbench {workbench.__version__}\n\n"
        "Annotate and translate Turkish, Persian and Arabic news, offline.\n\n"
        "Fonts: Noto Sans and Noto Naskh Arabic, SIL Open Font License 1.1.\n"
        "Qt for Python (PySide6), LGPL 3. Translation: Argos Translate, CTranslate2.",
    ).exec()


class ShortcutsDialog(QDialog):
    """Every action that has a shortcut, read from the actions themselves."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(460, 480)


def shortcut_text(sequences: list[QKeySequence]) -> str:
    """The key combinations a user can type; dedicated keys ("Open", "Undo") are left out."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    typed = [t for t in texts if t and ("+" in t or re.fullmatch(r"F\d+|Del|Backspace|Space", t))]
    return ", ".join(typed)
