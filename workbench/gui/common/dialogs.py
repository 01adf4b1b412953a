"""Plain-text labels, tooltips and message boxes; the About and shortcuts dialogs.

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) in labels, tooltips
and message boxes, so a document called ``<b>x</b>.txt`` or containing
``<img src=...>`` would be interpreted as HTML. Everything that may carry document
text or file names goes through the helpers here, which force plain text: labels and
message boxes get ``Qt.PlainText``; tooltips (which have no format switch) are escaped
and wrapped so Qt shows the characters literally.

Window text that may quote a document is drawn in the text families (Noto Sans, then
Noto Naskh Arabic), and Arabic script in it at :data:`ARABIC_SCALE` times the size of
the Latin around it: at a UI's 9 points Naskh letters are half the height of Latin
ones, tiny in a status bar or a table cell. :func:`arabic_runs` finds the stretches
to enlarge -- whole runs of Arabic-script words, so no word is split between two fonts.
"""

from __future__ import annotations

import html
import re
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
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
from workbench.gui.common import app as gui_app

ARABIC_SCALE = 1.3  # Naskh beside Latin of the same point size looks a third smaller
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u00a0\u200c\u200d]+[{_ARABIC}]+)*")


def arabic_runs(text: str) -> list[tuple[int, int]]:
    """Spans (code points) of Arabic-script words and the spaces between them."""
    return [m.span() for m in _ARABIC_RUN.finditer(text)]


def ui_point_size() -> float:
    size = QApplication.font().pointSizeF()
    return size if size > 0 else gui_app.DEFAULT_POINT_SIZE - 3


def ui_font(scale: float = 1.0) -> QFont:
    """The text families at the window's own size (times ``scale``)."""
    return gui_app.text_font(ui_point_size() * scale)


def font_for(text: str) -> QFont:
    """A font to show ``text`` in a cell or a box: larger if it holds Arabic script."""
    return ui_font(ARABIC_SCALE if _ARABIC_RUN.search(text) else 1.0)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, whatever it contains (Arabic enlarged)."""
    if not text:
        return ""
    # A tooltip starting with <qt> is always rich text, so the escaped text is shown as is;
    # pre-wrap keeps line breaks and runs of spaces.
    size = ui_point_size() * ARABIC_SCALE
    pieces, at = [], 0
    for start, end in arabic_runs(text):
        pieces.append(html.escape(text[at:start]))
        pieces.append(f"<span style='font-size:{size:.1f}pt'>{html.escape(text[start:end])}</span>")
        at = end
    pieces.append(html.escape(text[at:]))
    return "<qt><div style='white-space:pre-wrap'>" + "".join(pieces) + "</div></qt>"


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
    box.setFont(font_for(text))
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


def text_dialog(parent: QWidget | None, title: str, label: str, text: str = "") -> QInputDialog:
    """A one-line question whose label may quote the document: plain, and readable."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setFont(font_for(label))
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    return dialog


def ask_text(parent: QWidget | None, title: str, label: str, *, text: str = "") -> tuple[str, bool]:
    """Like ``QInputDialog.getText``: the answer, and whether it was given (OK)."""
    dialog = text_dialog(parent, title, label, text)
    given = dialog.exec() == QDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer, given


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
    """Every action that has a shortcut, read from the actions themselves.

    Resizable, sized to its rows when it opens (up to most of the screen), the action
    names wrapped rather than cut, the keys never wrapped or cut.
    """

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setSizeGripEnabled(True)
        self.setFont(ui_font())
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Action", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, (name, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(keys))
        # Rows follow the wrapped names whenever the width changes.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        metrics = table.fontMetrics()
        name_width = max((metrics.horizontalAdvance(n) for n, _ in rows), default=200)
        key_width = max((metrics.horizontalAdvance(k) for _, k in rows), default=80)
        width = min(name_width, 420) + key_width + 80
        height = table.verticalHeader().length() + header.height() + 90
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 8 // 10)
        self.resize(max(width, 420), max(height, 300))


# Alternatives some platforms add that nobody types: F13-F35 (Sun keys, "F14" for Undo),
# the Insert-key copy/paste of old terminals, Alt+Backspace undo.
_CLUTTER = re.compile(
    r"(^|\+)(F(1[3-9]|[2-3]\d)|Ins|Insert)$|^Alt\+(Shift\+)?Backspace$|^Shift\+Del$"
)


def shortcut_text(sequences: list[QKeySequence]) -> str:
    """The key combinations a user can type; dedicated keys ("Open", "Undo") and the
    platform's rarely typed alternatives ("F14", "Ctrl+Ins") are left out."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    typed = [t for t in texts if t and ("+" in t or re.fullmatch(r"F\d+|Del|Backspace|Space", t))]
    return ", ".join(t for t in typed if not _CLUTTER.search(t))
