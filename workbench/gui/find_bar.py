"""The find bar (Ctrl+F): every hit highlighted in the source pane, the current one stronger.

Matching runs on the stored text in code points (``re`` with IGNORECASE folds case one
character at a time, so match offsets are offsets into the stored text, unlike
``str.casefold`` which can change lengths). Hits are shown as extra selections, never as
character formats, so a hit that ends inside a lam-alef does not break the ligature.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from workbench.gui.dialogs import plain_label
from workbench.gui.text_pane import TextPane

MAX_HITS = 10_000


def find_all(text: str, query: str, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits = []
    for match in pattern.finditer(text):
        hits.append(match.span())
        if len(hits) >= limit:
            break
    return hits


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, target: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.target = target
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.find_next)
        self.count = plain_label("", self)
        self.count.setMinimumWidth(90)
        previous = QToolButton(self)
        previous.setText("Previous")
        previous.clicked.connect(self.find_previous)
        following = QToolButton(self)
        following.setText("Next")
        following.clicked.connect(self.find_next)
        close = QToolButton(self)
        close.setText("Close")
        close.clicked.connect(self.close_bar)
        shift_enter = QShortcut(QKeySequence("Shift+Return"), self.edit)
        shift_enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        shift_enter.activated.connect(self.find_previous)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        selected = self.target.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.target.clear_layer("find")
        self.target.clear_layer("find-current")
        self.target.setFocus()
        self.closed.emit()

    def refresh(self) -> None:
        """The target's text changed (another document): search it again."""
        if self.isVisible():
            self._search(self.edit.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def _search(self, query: str) -> None:
        self.hits = find_all(self.target.text, query)
        self.target.set_layer("find", self.hits)
        self.current = -1
        if self.hits:
            self._go(0)
        else:
            self.target.clear_layer("find-current")
            self._show_count()

    def find_next(self) -> None:
        if self.hits:
            self._go((self.current + 1) % len(self.hits))

    def find_previous(self) -> None:
        if self.hits:
            self._go((self.current - 1) % len(self.hits))

    def _go(self, index: int) -> None:
        self.current = index
        start, end = self.hits[index]
        self.target.set_layer("find-current", [(start, end)])
        self.target.reveal_offset(start)
        self._show_count()

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif not self.hits:
            self.count.setText("no match")
        else:
            more = "+" if len(self.hits) >= MAX_HITS else ""
            self.count.setText(f"{self.current + 1} of {len(self.hits)}{more}")
