"""Mentions and event triggers drawn over the source text, as extra selections.

A mention is a translucent background in its label's colour, so nested and overlapping
mentions stack visibly; a mention inside another one is also underlined (solid, then
dashed, then dotted, deeper in). A trigger is a fainter background in its event type's
colour with a wavy underline. The annotation the user is working on gets a dark dotted
underline, and the arguments of the event being filled in a dashed one in its colour.
Extra selections never touch the text's character formats, so Arabic shaping and
ligatures stay whole and spans crossing a direction change are drawn by Qt's own bidi.

Qt checks every extra selection against every painted block, and building one costs a
few microseconds of Python: 20,000 of them would make each repaint and each change
crawl. So only annotations intersecting the visible text plus about a screenful either
side become selections; scrolling or resizing past that window builds the next one, and
selections are cached by what they show, so adding a mention builds one new selection.
"""

from __future__ import annotations

import heapq
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QTextEdit

from workbench.core.model import Schema
from workbench.gui.annotation.annotation_set import AnnotationSet
from workbench.gui.document.text_pane import TextPane

LAYER = "annotation"
MENTION_ALPHA = 96
TRIGGER_ALPHA = 45
UNKNOWN_COLOR = QColor(140, 140, 140)
ACTIVE_COLOR = QColor(30, 30, 30)
_UNDERLINES = (
    QTextCharFormat.UnderlineStyle.SingleUnderline,
    QTextCharFormat.UnderlineStyle.DashUnderline,
    QTextCharFormat.UnderlineStyle.DotLine,
)
MARGIN_CHARS = 400  # beyond a screenful either side, for short scrolls without a rebuild

Style = tuple[str, str, int]  # (what, label or type, nesting depth)
_Cached = tuple[str, int, int, int, Style]  # (what, id, start, end, style)


def label_colors(schema: Schema) -> dict[tuple[str, str], QColor]:
    colors = {("entity", x.name): QColor(x.color) for x in schema.entities}
    colors.update({("event", x.name): QColor(x.color) for x in schema.events})
    return colors


class AnnotationHighlights(QObject):
    """Keeps the "annotation" layer of a pane in step with an :class:`AnnotationSet`."""

    def __init__(self, view: TextPane, annotations: AnnotationSet) -> None:
        super().__init__(view)
        self.view = view
        self.annotations = annotations
        self.colors: dict[tuple[str, str], QColor] = {}
        self.active: tuple[str, int] | None = None
        self.current_event: int | None = None
        self.window: tuple[int, int] | None = None  # code points covered by the selections
        self._cache: dict[_Cached, list[QTextEdit.ExtraSelection]] = {}
        self._formats: dict[Style, QTextCharFormat] = {}
        self.drawn: list[_Cached] = []  # what the layer shows, in drawing order
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._moved)
        bar.rangeChanged.connect(self._moved)
        view.viewport().installEventFilter(self)

    # -- inputs --------------------------------------------------------------------------
    def set_annotations(self, annotations: AnnotationSet) -> None:
        self.annotations = annotations
        self.active = None
        self.current_event = None
        self._cache.clear()
        self.refresh()

    def set_schema(self, schema: Schema) -> None:
        self.colors = label_colors(schema)
        self._formats.clear()
        self._cache.clear()
        self.refresh()

    def set_emphasis(
        self, active: tuple[str, int] | None, current_event: int | None, *, redraw: bool = True
    ) -> None:
        """What the user works on: the active annotation, the event taking arguments."""
        if (active, current_event) != (self.active, self.current_event):
            self.active, self.current_event = active, current_event
            if redraw:
                self.refresh(keep_window=True)

    def refresh(self, *, keep_window: bool = False) -> None:
        """Rebuild the layer (after a change); the window moves only if it must."""
        if self.annotations.doc_id is None:
            self.window, self.drawn = None, []
            self.view.set_layer_selections(LAYER, [])
            return
        visible = self.visible_range()
        if not (keep_window and self.window and _covers(self.window, visible)):
            self.window = _around(visible)
        self._build()

    # -- the visible window ------------------------------------------------------------------
    def visible_range(self) -> tuple[int, int]:
        """Code points of the lines on screen (whole lines, first to last)."""
        view = self.view
        document = view.document()
        if not view.text:
            return (0, 0)
        layout = document.documentLayout()
        top = view.verticalScrollBar().value()
        margin = document.documentMargin()
        x = document.textWidth() / 2 if document.textWidth() > 0 else margin + 1
        # Points inside the text: a point in the margins or below the last line makes
        # Qt's hit test walk the whole document (and documentSize() would lay out all
        # of it: 0.2 s for a megabyte).
        first = layout.hitTest(QPointF(x, max(top, margin) + 1), _FUZZY)
        bottom = top + view.viewport().height() - margin - 1
        last = layout.hitTest(QPointF(x, max(bottom, margin + 1)), _FUZZY)
        if first < 0 or last < 0:
            # Not laid out yet (a text just set): the top of it, as much as a screen
            # holds. Laying out will move the scroll bar, and the window with it.
            metrics = view.fontMetrics()
            port = view.viewport()
            lines = port.height() // max(1, metrics.lineSpacing()) + 1
            per_line = port.width() // max(1, metrics.averageCharWidth()) + 1
            return (0, min(view.offsets.length, lines * per_line))
        start = _line_bound(document, min(first, last), end=False)
        end = _line_bound(document, max(first, last), end=True)
        return view.offsets.from_qt(start), view.offsets.from_qt(end)

    def _moved(self, *_: Any) -> None:
        if self.annotations.doc_id is None:
            return  # nothing to draw; and the pane may be filling with a new text
        if self.window is None or not _covers(self.window, self.visible_range()):
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._moved()
        return False

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        lo, hi = self.window or (0, 0)
        data = self.annotations
        wanted: list[_Cached] = []
        open_ends: list[int] = []
        for ident, start, end, label in data.mentions_in(lo, hi):
            while open_ends and open_ends[0] <= start:
                heapq.heappop(open_ends)
            depth = min(len(open_ends), len(_UNDERLINES))
            heapq.heappush(open_ends, end)
            wanted.append(("mention", ident, start, end, ("mention", label, depth)))
        for event in data.events_in(lo, hi):
            style = ("trigger", event.type, 0)
            wanted.append(("event", event.id, event.trigger_start, event.trigger_end, style))
        wanted += self._emphasis()
        missing = [w for w in wanted if w not in self._cache]
        if missing:
            positions = self.view.offsets.spans_to_qt((w[2], w[3]) for w in missing)
            for item, (qt_start, qt_end) in zip(missing, positions, strict=True):
                fmt = self._format(item[4])
                self._cache[item] = self.view.selections_for(qt_start, qt_end, fmt)
        # Keep only what this window uses: the cache never outgrows the screen.
        self._cache = {w: self._cache[w] for w in wanted}
        self.drawn = wanted
        self.view.set_layer_selections(LAYER, [s for w in wanted for s in self._cache[w]])

    def _emphasis(self) -> list[_Cached]:
        data = self.annotations
        out: list[_Cached] = []
        event = data.events.get(self.current_event) if self.current_event is not None else None
        if event is not None:
            for argument in event.arguments:
                row = data.rows.get(argument.mention_id)
                if row is not None:
                    out.append(("argument", row[0], row[1], row[2], ("argument", event.type, 0)))
        if self.active is not None:
            what, ident = self.active
            span = None
            if what == "mention" and ident in data.rows:
                span = data.rows[ident][1:3]
            elif what == "event" and ident in data.events:
                found = data.events[ident]
                span = (found.trigger_start, found.trigger_end)
            if span is not None:
                out.append(("active", ident, span[0], span[1], ("active", what, 0)))
        return out

    def _format(self, style: Style) -> QTextCharFormat:
        fmt = self._formats.get(style)
        if fmt is not None:
            return fmt
        what, name, depth = style
        fmt = QTextCharFormat()
        if what == "mention":
            color = QColor(self.colors.get(("entity", name), UNKNOWN_COLOR))
            color.setAlpha(MENTION_ALPHA)
            fmt.setBackground(color)
            if depth:
                fmt.setUnderlineStyle(_UNDERLINES[depth - 1])
                fmt.setUnderlineColor(
                    QColor(self.colors.get(("entity", name), UNKNOWN_COLOR)).darker(160)
                )
        elif what == "trigger":
            color = QColor(self.colors.get(("event", name), UNKNOWN_COLOR))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(color.darker(140))
            color.setAlpha(TRIGGER_ALPHA)
            fmt.setBackground(color)
        elif what == "argument":
            color = QColor(self.colors.get(("event", name), UNKNOWN_COLOR)).darker(140)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(color)
        else:  # the active annotation
            shade = QColor(ACTIVE_COLOR)
            shade.setAlpha(28)
            fmt.setBackground(shade)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(ACTIVE_COLOR)
        self._formats[style] = fmt
        return fmt


_FUZZY = Qt.HitTestAccuracy.FuzzyHit


def _covers(window: tuple[int, int], visible: tuple[int, int]) -> bool:
    return window[0] <= visible[0] and visible[1] <= window[1]


def _around(visible: tuple[int, int]) -> tuple[int, int]:
    start, end = visible
    extra = (end - start) + MARGIN_CHARS
    return max(0, start - extra), end + extra


def _line_bound(document: Any, position: int, *, end: bool) -> int:
    """Start (or end) of the laid-out line holding Qt ``position``."""
    block = document.findBlock(position)
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return block.position() + (block.length() - 1 if end else 0)
    line = layout.lineForTextPosition(position - block.position())
    if not line.isValid():
        return block.position() + (block.length() - 1 if end else 0)
    if end:
        return block.position() + line.textStart() + line.textLength()
    return block.position() + line.textStart()
