"""The window's status bar: a steady line saying what is selected, and passing messages
saying what a command did (or why it did nothing), both readable in any script.

QStatusBar draws its messages itself, as plain text in one font, where a quoted Arabic
name at the UI's size is a smudge beside the Latin words. Here the line is a
:class:`ReadableLine`, which lays its text out with Qt's own shaping and bidi, and
gives the Arabic-script runs (see :func:`.dialogs.arabic_runs`) a larger size. The
message API is QStatusBar's -- ``showMessage`` with a timeout, ``currentMessage``,
``clearMessage``, ``messageChanged`` -- so every caller stays as it was; when a message
ends, the steady line (``set_state``) shows again. Text is never parsed as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QStatusBar, QWidget

from workbench.gui.common import dialogs
from workbench.gui.document.offsets import OffsetMap


class ReadableLine(QWidget):
    """One line of plain text; Arabic-script runs drawn at :data:`dialogs.ARABIC_SCALE`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setFont(dialogs.ui_font())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(dialogs.plain_tooltip(text) if text else "")
            self.updateGeometry()
            self.update()

    def layout_for(self, text: str) -> QTextLayout:
        """``text`` laid out on one line, left to right, the Arabic runs enlarged."""
        layout = QTextLayout(text, self.font())
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option)
        bigger = QTextCharFormat()
        bigger.setFont(dialogs.ui_font(dialogs.ARABIC_SCALE))
        offsets = OffsetMap(text)
        ranges = []
        for start, end in dialogs.arabic_runs(text):
            found = QTextLayout.FormatRange()
            qt_start, qt_end = offsets.span_to_qt(start, end)
            found.start, found.length, found.format = qt_start, qt_end - qt_start, bigger
            ranges.append(found)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(1_000_000)
        layout.endLayout()
        return layout

    def sizeHint(self) -> QSize:
        tall = QFontMetricsF(dialogs.ui_font(dialogs.ARABIC_SCALE)).height()
        width = 0.0
        if self._text:
            layout = self.layout_for(self._text)  # kept alive: its lines point into it
            width = layout.lineAt(0).naturalTextWidth()
        return QSize(int(width) + 4, int(tall) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        layout = self.layout_for(self._text)
        line = layout.lineAt(0)
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.setClipRect(self.rect())
        top = (self.height() - line.height()) / 2
        layout.draw(painter, QPointF(2, top))
        painter.end()


class StatusBar(QStatusBar):
    """A QStatusBar whose messages and steady line are :class:`ReadableLine` text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setFont(dialogs.ui_font())
        self.line = ReadableLine(self)
        self.line.setObjectName("statusLine")
        self.addWidget(self.line, 1)
        self._message = ""
        self._state = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        self._message = text
        if timeout:
            self._timer.start(timeout)
        else:
            self._timer.stop()
        self._show()
        self.messageChanged.emit(text)

    def clearMessage(self) -> None:
        self._timer.stop()
        if self._message:
            self._message = ""
            self._show()
            self.messageChanged.emit("")

    def currentMessage(self) -> str:
        return self._message

    def set_state(self, text: str) -> None:
        """The steady line (what is selected), shown whenever no message is."""
        self._state = text
        self._show()

    def state(self) -> str:
        return self._state

    def shown(self) -> str:
        """What the bar's line shows now."""
        return self.line.text()

    def _show(self) -> None:
        self.line.setText(self._message or self._state)
