"""A small popup list to choose a label, an event type or a role, by keyboard or mouse.

It opens beside the text it is about (below it, else above, else to one side), never
over it, with a filter field that has the focus: typing narrows
the list (by name, or exactly by a label's key), Up/Down move, Enter or a click
chooses, Escape closes. The popup never blocks: the choice arrives through a callback,
so the rest of the window (and a test) keeps running while it is open. Names are shown
as plain text, as everything in the window is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.gui.common.dialogs import font_for, ui_font
from workbench.gui.common.status_bar import ReadableLine


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    color: str | None = None
    key: str | None = None
    value: Any = None  # what the callback receives; the name if None


def swatch(color: str | QColor | None, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class Picker(QFrame):
    """The popup; :meth:`pick` fills and shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("picker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFont(ui_font())
        # The title may quote the document ("Role of PER “بوتين”"): Arabic enlarged.
        self.title = ReadableLine(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to filter")
        self.filter.textChanged.connect(self._refilter)
        self.filter.installEventFilter(self)
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(12, 12))
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self._choices: list[Choice] = []
        self._callback: Callable[[Any], None] | None = None
        self.resize(260, 320)

    def pick(
        self,
        title: str,
        choices: Sequence[Choice],
        at: QPoint,
        callback: Callable[[Any], None],
        avoid: QRect | None = None,
    ) -> None:
        """Show ``choices`` at global point ``at`` (or beside ``avoid``, a global rectangle
        the popup must not cover); ``callback`` gets the chosen value."""
        self.title.setText(title)
        self._choices = list(choices)
        self._callback = callback
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self._refilter("")
        rows = min(len(self._choices), 14)
        self.resize(max(220, self.width()), 70 + rows * (self.list.sizeHintForRow(0) + 1))
        screen = self.screen().availableGeometry() if self.screen() else None
        point = QPoint(at) if avoid is None or screen is None else self._beside(avoid, screen)
        if screen is not None:
            point.setX(max(screen.left(), min(point.x(), screen.right() - self.width())))
            point.setY(max(screen.top(), min(point.y(), screen.bottom() - self.height())))
        self.move(point)
        self.show()
        self.filter.setFocus()

    def _beside(self, avoid: QRect, screen: QRect) -> QPoint:
        gap = 4
        if avoid.bottom() + gap + self.height() <= screen.bottom():
            return QPoint(avoid.left(), avoid.bottom() + gap)
        if avoid.top() - gap - self.height() >= screen.top():
            return QPoint(avoid.left(), avoid.top() - gap - self.height())
        if avoid.right() + gap + self.width() <= screen.right():
            return QPoint(avoid.right() + gap, avoid.top())
        return QPoint(avoid.left() - gap - self.width(), avoid.top())

    def names(self) -> list[str]:
        """The names listed now (after filtering)."""
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole).name for i in range(self.list.count())
        ]

    def _refilter(self, text: str) -> None:
        needle = text.strip().casefold()
        self.list.clear()
        # A label's own key typed alone puts that label first.
        keyed = [c for c in self._choices if needle and c.key and c.key.casefold() == needle]
        named = [c for c in self._choices if needle in c.name.casefold() and c not in keyed]
        for choice in keyed + named:
            text = choice.name + (f"   [{choice.key}]" if choice.key else "")
            item = QListWidgetItem(swatch(choice.color), text)
            item.setFont(font_for(text))
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                row = self.list.currentRow()
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(key), 0) or (
                    8 if key == Qt.Key.Key_PageDown else -8
                )
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._chosen(item)
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return False

    def _chosen(self, item: QListWidgetItem) -> None:
        choice: Choice = item.data(Qt.ItemDataRole.UserRole)
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback(choice.name if choice.value is None else choice.value)
