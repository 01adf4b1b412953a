"""The source pane: one document's canonical text, each paragraph in its own direction.

The text goes to Qt exactly as stored. Each paragraph's direction comes from
:func:`workbench.text.direction.paragraphs`, or from the user: the context menu's
Paragraph Direction submenu (and View › Flip Paragraph Direction) ask for a change with
:attr:`SourceView.directionRequested`, and the window makes it an undoable operation. Lines that a PDF extraction has broken (Arabic
in reversed word order with detached harakat, see
:func:`workbench.text.direction.broken_lines`) get a faint full-width band and a mark
in the left margin; hovering either explains why, so an annotator knows the text
itself is damaged rather than the display.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from workbench.core.model import DirectionOverride, Document
from workbench.gui.common.dialogs import plain_tooltip
from workbench.gui.document.offsets import OffsetMap
from workbench.gui.document.text_pane import TextPane, apply_directions, batched, block_format
from workbench.text.direction import (
    BrokenLine,
    Paragraph,
    broken_lines,
    paragraph_at,
    paragraphs,
    prose_direction,
)
from workbench.text.reflow import join_soft_wraps

GUTTER_WIDTH = 18
MARK_COLOR = QColor(214, 110, 0)
BROKEN_SHADE = QColor(255, 241, 224)


def paint_marks(painter: QPainter, rects: list[QRectF], x: float, width: float) -> None:
    """Draw the broken-line marks: a bar beside each line and a "!" at its top."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("Noto Sans")
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    for rect in rects:
        bar = QRectF(x + width - 5, rect.top() + 2, 3, max(4.0, rect.height() - 4))
        painter.fillRect(bar, MARK_COLOR)
        badge = QRectF(x + 1, rect.top() + 2, width - 8, width - 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARK_COLOR)
        painter.drawEllipse(badge)
        painter.setPen(QPen(QColor("white")))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


class _Gutter(QWidget):
    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(GUTTER_WIDTH, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        top = self.view.viewport().y() - self.y()
        rects = [r.translated(0, top) for r, _ in self.view.broken_rects(visible_only=True)]
        paint_marks(painter, rects, 0, self.width())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            top = self.view.viewport().y() - self.y()
            for rect, line in self.view.broken_rects(visible_only=True):
                if rect.top() + top <= event.pos().y() <= rect.bottom() + top:
                    QToolTip.showText(event.globalPos(), plain_tooltip(line.reason), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)


class AnnotationHandler(Protocol):
    """What the view asks about keys, clicks and menus (the window's tagger answers)."""

    def claims(self, event: QKeyEvent) -> bool: ...

    def key_pressed(self, event: QKeyEvent) -> bool: ...

    def clicked(self, offset: int, where: QPoint) -> None: ...

    def context_menu(self, offset: int | None) -> QMenu | None: ...


class SourceView(TextPane):
    """The document's text; sentences, broken-line marks, and the highlight layers.

    Keys, clicks and the context menu go to ``handler`` first, so annotating needs no
    subclass here: a label key pressed over a selection never reaches Qt's text control,
    and with ``claims`` the view takes Alt+key (keep the exact selection) before the
    menu bar's mnemonics can.
    """

    # A paragraph's start and end (code points) and "auto", "rtl" or "ltr".
    directionRequested = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.document_id: int | None = None
        self.paragraphs: list[Paragraph] = []
        self.join_wrapped = True  # show PDF-wrapped paragraphs as paragraphs
        self.broken: list[BrokenLine] = []
        self.handler: AnnotationHandler | None = None
        self._pressed_at: QPoint | None = None
        # Painted over the text (the selected annotation's frame, an event's arcs).
        self.overlay: Callable[[QPainter], None] | None = None
        self._gutter = _Gutter(self)
        self.setViewportMargins(GUTTER_WIDTH, 0, 0, 0)
        self.verticalScrollBar().valueChanged.connect(self._gutter.update)
        self.document().documentLayout().update.connect(self._gutter.update)

    def show_document(self, doc: Document) -> None:
        """Replace the pane's content with ``doc`` (text, directions, sentences, marks)."""
        self.document_id = doc.id
        self.clear_content()
        text = doc.text
        spans = [(s.start, s.end) for s in doc.sentences]
        # Joined or not, the shown text has the canonical text's length character for
        # character, so every offset means the same in both.
        shown = join_soft_wraps(text, spans) if self.join_wrapped else text
        self._text = shown
        self.offsets = OffsetMap(shown)
        self.setPlainText(shown)
        self.paragraphs = paragraphs(shown, doc.directions)
        apply_directions(self.document(), self.paragraphs, self.offsets)
        self.set_sentences(spans)
        self.broken = broken_lines(text)
        self.shade_paragraphs([b.start for b in self.broken], BROKEN_SHADE)
        self.verticalScrollBar().setValue(0)
        self._gutter.update()

    def clear_document(self) -> None:
        self.document_id = None
        self.paragraphs = []
        self.broken = []
        self.clear_content()
        self._gutter.update()

    # -- paragraph directions -------------------------------------------------------------
    def set_directions(self, overrides: Sequence[DirectionOverride]) -> None:
        """Lay the paragraphs out again with ``overrides``; only those that turn move."""
        new = paragraphs(self._text, overrides)
        changed = [p for p, old in zip(new, self.paragraphs, strict=True) if p.rtl != old.rtl]
        self.paragraphs = new
        document = self.document()
        with batched(document) as cursor:
            for para in changed:
                # A paragraph is one block unless it holds a U+2029: format them all.
                block = document.findBlock(self.offsets.to_qt(para.start))
                last = self.offsets.to_qt(para.end)
                while block.isValid() and block.position() <= last:
                    cursor.setPosition(block.position())
                    cursor.mergeBlockFormat(block_format(para.rtl))
                    block = block.next()

    def paragraph_for(self, offset: int | None = None) -> Paragraph | None:
        """The paragraph holding ``offset`` (default: the text cursor's)."""
        if not self.paragraphs:
            return None
        if offset is None:
            offset = self.offsets.from_qt(self.textCursor().position())
        return paragraph_at(self.paragraphs, offset)

    def request_flip(self, offset: int | None = None) -> None:
        """Ask for the other direction for a paragraph; for Auto again if it was set."""
        para = self.paragraph_for(offset)
        if para is not None:
            wanted = "auto" if para.overridden else "ltr" if para.rtl else "rtl"
            self.directionRequested.emit(para.start, para.end, wanted)

    def add_direction_menu(self, menu: QMenu, offset: int | None) -> None:
        """The Paragraph Direction submenu: Automatic, Right to Left, Left to Right."""
        para = self.paragraph_for(offset)
        if para is None:
            return
        guess = prose_direction(self._text[para.start : para.end])
        auto = (
            "as the paragraph before"
            if guess is None
            else "right to left"
            if guess
            else "left to right"
        )
        current = "auto" if not para.overridden else "rtl" if para.rtl else "ltr"
        menu.addSeparator()
        sub = menu.addMenu("Paragraph &Direction")
        sub.setObjectName("directionMenu")
        group = QActionGroup(sub)
        for value, title in (
            ("auto", f"&Automatic ({auto})"),
            ("rtl", "&Right to Left"),
            ("ltr", "&Left to Right"),
        ):
            action = sub.addAction(title)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.setData(value)
            group.addAction(action)
            action.triggered.connect(
                lambda _=False, v=value: self.directionRequested.emit(para.start, para.end, v)
            )

    # -- broken lines ------------------------------------------------------------------
    def broken_rects(self, *, visible_only: bool = False) -> list[tuple[QRectF, BrokenLine]]:
        """Each broken line's block rectangle, in viewport coordinates.

        With ``visible_only`` only lines on screen are measured, so painting the margin
        never forces Qt to lay out the rest of a long document.
        """
        lines = self.broken
        if visible_only and lines:
            first = self.offsets.from_qt(self.cursorForPosition(QPoint(0, 0)).position())
            bottom = QPoint(self.viewport().width(), self.viewport().height())
            last = self.offsets.from_qt(self.cursorForPosition(bottom).position())
            lines = [b for b in lines if b.end >= first and b.start <= last]
        out = []
        layout = self.document().documentLayout()
        scroll = self.verticalScrollBar().value()
        for line in lines:
            block = self.document().findBlock(self.offsets.to_qt(line.start))
            out.append((layout.blockBoundingRect(block).translated(0, -scroll), line))
        return out

    def broken_line_at(self, offset: int) -> BrokenLine | None:
        for line in self.broken:
            if line.start <= offset <= line.end:
                return line
        return None

    # -- annotating --------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.handler is not None:
            assert isinstance(event, QKeyEvent)
            if self.handler.claims(event):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handler is not None and self.handler.key_pressed(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        point = event.position().toPoint()
        if (
            self.handler is None
            or event.button() != Qt.MouseButton.LeftButton
            or pressed is None
            or (point - pressed).manhattanLength() >= QApplication.startDragDistance()
            or self.textCursor().hasSelection()
        ):
            return
        offset = self.offset_at(point)
        if offset is not None:
            self.handler.clicked(offset, self.viewport().mapToGlobal(point))

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right click at viewport point ``pos``: the handler's (or Qt's
        standard one), then the paragraph's direction."""
        offset = self.offset_at(pos)
        menu = self.handler.context_menu(offset) if self.handler else None
        if menu is None:
            menu = self.createStandardContextMenu(pos)
        if self.document_id is not None:
            self.add_direction_menu(menu, offset)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.overlay is not None:
            painter = QPainter(self.viewport())
            self.overlay(painter)
            painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            offset = self.offset_at(event.pos())
            line = self.broken_line_at(offset) if offset is not None else None
            if line is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(line.reason), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), GUTTER_WIDTH, rect.height()))

    def gutter(self) -> QWidget:
        return self._gutter

    def mark_point(self, line: BrokenLine) -> QPointF:
        """Where a line's mark is drawn, in gutter coordinates (for tests and tooltips)."""
        for rect, candidate in self.broken_rects():
            if candidate == line:
                top = self.viewport().y() - self._gutter.y()
                return QPointF(GUTTER_WIDTH / 2, rect.top() + top + 6)
        raise ValueError("line not in this document")
