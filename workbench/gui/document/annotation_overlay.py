"""What is drawn over the source text, not in it: the selected annotation's frame and the
arcs that join an event's trigger to its arguments.

Extra selections can only colour characters, so a selected mention used to differ from
the others by a dotted underline that nobody saw. The frame is painted on the viewport
after the text, around the laid-out lines the span covers. The event under the caret
(or the one taking arguments) gets a frame in its colour round the trigger and each
argument, and an arc from the trigger to each argument with the argument's role
written beside it: the Events tab is not the only place to see an event. Only spans
on screen are measured, so painting costs the same in a 1 MB document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTextLine

from workbench.gui.common import app as gui_app
from workbench.gui.document.annotation_highlights import (
    ACTIVE_COLOR,
    UNKNOWN_COLOR,
    AnnotationHighlights,
)
from workbench.gui.document.text_pane import TextPane

FRAME_WIDTH = 2.0
LINK_WIDTH = 1.6


@dataclass(frozen=True, slots=True)
class Link:
    """One arc: from the trigger's rectangle to an argument's, in viewport coordinates."""

    trigger: QRectF
    argument: QRectF
    role: str
    below: bool = False  # arcs under the lines (on the first line there is no room above)

    def rise(self) -> float:
        start, end = self.trigger.center(), self.argument.center()
        return min(60.0, 14.0 + abs(end.x() - start.x()) / 6 + abs(end.y() - start.y()) / 4)

    def ends(self) -> tuple[QPointF, QPointF]:
        return _anchor(self.trigger, self.below), _anchor(self.argument, self.below)

    def path(self) -> QPainterPath:
        start, end = self.ends()
        if self.below:
            control = QPointF((start.x() + end.x()) / 2, max(start.y(), end.y()) + self.rise())
        else:
            control = QPointF((start.x() + end.x()) / 2, min(start.y(), end.y()) - self.rise())
        path = QPainterPath(start)
        path.quadTo(control, end)
        return path

    def middle(self) -> QPointF:
        return self.path().pointAtPercent(0.5)


def _anchor(rect: QRectF, below: bool = False) -> QPointF:
    return QPointF(rect.center().x(), rect.bottom() if below else rect.top())


def span_rects(view: TextPane, start: int, end: int) -> list[QRectF]:
    """The parts of laid-out lines that code points ``start``-``end`` cover, in viewport
    coordinates (one rectangle per line; a right-to-left word's too)."""
    if start >= end or end > view.offsets.length:
        return []
    document = view.document()
    qt_start, qt_end = view.offsets.span_to_qt(start, end)
    dx, dy = -view.horizontalScrollBar().value(), -view.verticalScrollBar().value()
    out: list[QRectF] = []
    block = document.findBlock(qt_start)
    while block.isValid() and block.position() < qt_end:
        layout = block.layout()
        origin = layout.position() if layout is not None else QPointF()
        base = block.position()
        for n in range(layout.lineCount() if layout is not None else 0):
            line = layout.lineAt(n)
            first, last = base + line.textStart(), base + line.textStart() + line.textLength()
            a, b = max(qt_start, first), min(qt_end, last)
            if a >= b:
                continue
            x1, x2 = _x(line, a - base), _x(line, b - base)
            left, right = min(x1, x2), max(x1, x2)
            out.append(
                QRectF(
                    origin.x() + left + dx, origin.y() + line.y() + dy, right - left, line.height()
                )
            )
        block = block.next()
    return out


def _x(line: QTextLine, position: int) -> float:
    found: Any = line.cursorToX(position)  # PySide returns (x, position)
    return float(found[0])


class AnnotationOverlay:
    """Paints frames and arcs for an :class:`AnnotationHighlights`' emphasis."""

    def __init__(self, view: TextPane, highlights: AnnotationHighlights) -> None:
        self.view = view
        self.highlights = highlights

    def frames(self) -> list[QRectF]:
        """The selected annotation's frame, one rectangle per line it covers."""
        active = self.highlights.active
        if active is None:
            return []
        span = self._span(*active)
        return self._visible(span) if span is not None else []

    def links(self) -> list[Link]:
        """Arcs of the event shown joined (the highlights' ``current_event``) on screen."""
        data = self.highlights.annotations
        event = data.events.get(self.highlights.current_event or -1)
        if event is None:
            return []
        trigger = self._visible((event.trigger_start, event.trigger_end))
        if not trigger:
            return []
        out = []
        for argument in event.arguments:
            row = data.rows.get(argument.mention_id)
            rects = self._visible((row[1], row[2])) if row is not None else []
            if rects:
                out.append(Link(trigger[0], rects[0], argument.role))
        # Arcs rise above the lines, unless that would leave the top of the pane.
        if any(min(x.trigger.top(), x.argument.top()) - x.rise() / 2 - 16 < 0 for x in out):
            out = [Link(x.trigger, x.argument, x.role, below=True) for x in out]
        return out

    def event_color(self) -> QColor:
        data = self.highlights.annotations
        event = data.events.get(self.highlights.current_event or -1)
        name = event.type if event is not None else ""
        return QColor(self.highlights.colors.get(("event", name), UNKNOWN_COLOR)).darker(130)

    def paint(self, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        links = self.links()
        if links:
            self._paint_links(painter, links)
        pen = QPen(ACTIVE_COLOR, FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.frames():
            painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
        painter.restore()

    def _paint_links(self, painter: QPainter, links: list[Link]) -> None:
        color = self.event_color()
        painter.setPen(QPen(color, 1.2, Qt.PenStyle.SolidLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(links[0].trigger.adjusted(-2, 0, 2, 0), 3, 3)
        font = QFont(gui_app.text_font(8))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        for link in links:
            painter.setPen(QPen(color, 1.2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(link.argument.adjusted(-2, 0, 2, 0), 3, 3)
            painter.setPen(QPen(color, LINK_WIDTH))
            painter.drawPath(link.path())
            end = link.ends()[1]
            painter.setBrush(color)
            painter.drawEllipse(end, 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            middle = link.path().pointAtPercent(0.8)  # near its argument: labels stay apart
            width = metrics.horizontalAdvance(link.role) + 6
            top = middle.y() + 1 if link.below else middle.y() - metrics.height() - 1
            box = QRectF(middle.x() - width / 2, top, width, metrics.height())
            painter.fillRect(box, QColor(255, 255, 255, 220))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, link.role)

    def _span(self, what: str, ident: int) -> tuple[int, int] | None:
        data = self.highlights.annotations
        if what == "mention" and ident in data.rows:
            row = data.rows[ident]
            return row[1], row[2]
        if what == "event" and ident in data.events:
            event = data.events[ident]
            return event.trigger_start, event.trigger_end
        return None

    def _visible(self, span: tuple[int, int]) -> list[QRectF]:
        shown = self.highlights.window
        if shown is None or span[1] < shown[0] or span[0] > shown[1]:
            return []  # far off screen: not worth laying out
        height = self.view.viewport().height()
        return [r for r in span_rects(self.view, *span) if r.bottom() >= 0 and r.top() <= height]
