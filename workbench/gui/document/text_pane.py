"""A read-only text pane that knows paragraph directions, sentences and highlight layers.

Both the source pane and the translation pane are one of these. The rules measured on
this stack are kept here, in one place:

* a ``QTextEdit`` (``QPlainTextEdit`` ignores per-paragraph direction), holding the
  text exactly as stored -- never reshaped, never reordered;
* every paragraph's direction and alignment set explicitly from
  :func:`workbench.text.direction.paragraphs` (the majority of its prose's strong
  characters, or a direction set by hand), not left to Qt's first-strong-character
  guess; no justification, no letter spacing;
* every highlight is an *extra selection*, drawn over the text without touching its
  character formats, because a format boundary inside a word splits Arabic shaping and
  breaks ligatures such as lam-alef. Highlights come in named layers (hover, current
  sentence, search hits, later annotations) stacked in a fixed order.

Offsets in and out of this class are Python code points; :mod:`.offsets` converts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from workbench.gui.common.app import text_font
from workbench.gui.document.offsets import OffsetMap
from workbench.text.direction import Paragraph

# Bottom to top: later layers are drawn over earlier ones. Annotations are translucent
# and drawn over the (opaque) sentence highlights, so hovering never hides a mention.
LAYER_ORDER = ("hover", "current", "annotation", "find", "find-current")

# The sentence highlights are pale: label colours are drawn over them and must stay
# recognisable (a strong blue made JOB-TITLE's blue vanish).
LAYER_COLORS = {
    "hover": QColor(255, 249, 214),
    "current": QColor(228, 238, 252),
    # Far from every label colour (the find bar checks the schema's own, see find_bar).
    "find": QColor("#6b7078"),
    "find-current": QColor("#202124"),
}


def block_format(rtl: bool) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    # AlignAbsolute: "right" means the right edge whatever the paragraph direction.
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    fmt.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    return fmt


@contextmanager
def batched(document: QTextDocument) -> Iterator[QTextCursor]:
    """One edit block: the layout hears of all the changes once, at the end.

    Without it every block-format change on a document shown in a QTextEdit makes Qt
    update the layout and scroll bars at once: 3 ms each, 20 s for a 1 MB document.
    """
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        yield cursor
    finally:
        cursor.endEditBlock()


def apply_directions(
    document: QTextDocument, paragraphs: Sequence[Paragraph], offsets: OffsetMap
) -> None:
    """Give every block of ``document`` the direction of the paragraph it starts in.

    The majority direction goes into the document's default text option and only the
    other blocks get a block format: half the calls or fewer on a big document.
    """
    if not paragraphs:
        return
    rtl_count = sum(p.rtl for p in paragraphs)
    majority = rtl_count * 2 > len(paragraphs)
    option = QTextOption(document.defaultTextOption())
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if majority else Qt.LayoutDirection.LeftToRight
    )
    side = Qt.AlignmentFlag.AlignRight if majority else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    if rtl_count in (0, len(paragraphs)) and document.blockCount() == len(paragraphs):
        return
    starts = [p.start for p in paragraphs]
    formats = {True: block_format(True), False: block_format(False)}
    if offsets.identity and document.blockCount() == len(paragraphs):
        # Block n is paragraph n: format each run of minority paragraphs in one call.
        minority = [n for n, p in enumerate(paragraphs) if p.rtl != majority]
        with batched(document) as cursor:
            for first, last in runs(minority):
                cursor.setPosition(document.findBlockByNumber(first).position())
                cursor.setPosition(
                    document.findBlockByNumber(last).position(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setBlockFormat(formats[not majority])
        return
    with batched(document) as cursor:
        block = document.begin()
        while block.isValid():
            # Blocks and \n-paragraphs differ (U+2029 in the text) or positions shift
            # (astral characters): find the paragraph holding the block's start.
            start = offsets.from_qt(block.position())
            rtl = paragraphs[max(0, bisect_right(starts, start) - 1)].rtl
            if rtl != majority:
                cursor.setPosition(block.position())
                cursor.setBlockFormat(formats[rtl])
            block = block.next()


def runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


class TextPane(QTextEdit):
    """Read-only text with sentence spans, hover/click signals and highlight layers."""

    sentenceHovered = Signal(int)  # sentence index, -1 when the mouse leaves
    sentenceActivated = Signal(int)  # the text cursor moved into another sentence
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setFont(text_font())
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self.offsets = OffsetMap("")
        self._text = ""
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._layer_spans: dict[str, list[tuple[int, int]]] = {}
        self._hovered = -1
        self._current = -1
        self.cursorPositionChanged.connect(self._cursor_moved)

    # -- content -----------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def set_sentences(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = list(spans)
        self._starts = [s for s, _ in self._spans]
        self._hovered = self._current = -1

    def sentence_count(self) -> int:
        return len(self._spans)

    def sentence_span(self, index: int) -> tuple[int, int]:
        return self._spans[index]

    def clear_content(self) -> None:
        self._layers.clear()
        self._layer_spans.clear()
        self.setExtraSelections([])
        self._text = ""
        self.offsets = OffsetMap("")
        self.set_sentences([])
        self.clear()

    # -- positions ---------------------------------------------------------------
    def sentence_at_offset(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._spans[i][1]:
            return i
        # The end of the last sentence on a line still belongs to it (cursor after it).
        if i >= 0 and offset == self._spans[i][1]:
            return i
        return -1

    def offset_at(self, viewport_pos: QPoint) -> int | None:
        """The code point under a viewport point, or None when it is not over a line.

        Right of a short line's end (hard-wrapped text has many) still counts as that
        line; the margins and the space below the text do not.
        """
        content = QPointF(
            viewport_pos.x() + self.horizontalScrollBar().value(),
            viewport_pos.y() + self.verticalScrollBar().value(),
        )
        layout = self.document().documentLayout()
        position = layout.hitTest(content, Qt.HitTestAccuracy.FuzzyHit)
        if position < 0:
            return None
        block = self.document().findBlock(position)
        rect = layout.blockBoundingRect(block)
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return None
        top = rect.top() + line.y()
        inside_x = rect.left() <= content.x() <= rect.right()
        if not (inside_x and top <= content.y() < top + line.height()):
            return None
        return self.offsets.from_qt(position)

    def cursor_for(self, start: int, end: int | None = None) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        if end is not None:
            cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def offset_top(self, offset: int) -> float:
        """Top of the line holding ``offset``, in viewport coordinates."""
        position = self.offsets.to_qt(offset)
        block = self.document().findBlock(position)
        rect = self.document().documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        line_y = line.y() if line is not None and line.isValid() else 0.0
        return rect.top() + line_y - self.verticalScrollBar().value()

    def scroll_offset_to(self, offset: int, viewport_y: float | None = None) -> None:
        """Scroll so the line holding ``offset`` sits at ``viewport_y`` (default: a third down)."""
        if viewport_y is None:
            viewport_y = self.viewport().height() / 3
        bar = self.verticalScrollBar()
        target = bar.value() + self.offset_top(offset) - viewport_y
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(target))))

    def reveal_offset(self, offset: int) -> None:
        """Scroll only if the line holding ``offset`` is not comfortably in view."""
        top = self.offset_top(offset)
        margin = self.fontMetrics().height() * 2
        if top < margin or top > self.viewport().height() - margin:
            self.scroll_offset_to(offset)

    def scroll_to_sentence(self, index: int, viewport_y: float | None = None) -> None:
        if 0 <= index < len(self._spans):
            self.scroll_offset_to(self._spans[index][0], viewport_y)

    def sentence_top(self, index: int) -> float:
        return self.offset_top(self._spans[index][0])

    # -- highlight layers ----------------------------------------------------------
    def layer_format(self, layer: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(LAYER_COLORS.get(layer, QColor(230, 230, 230)))
        return fmt

    def set_layer(
        self,
        layer: str,
        spans: Sequence[tuple[int, int]],
        fmt: QTextCharFormat | None = None,
    ) -> None:
        """Replace the highlights of ``layer`` with ``spans`` (code points, end exclusive)."""
        fmt = QTextCharFormat(fmt if fmt is not None else self.layer_format(layer))
        selections = []
        for start, end in spans:
            selections += self.selections_for(*self.offsets.span_to_qt(start, end), fmt)
        self._layers[layer] = selections
        self._layer_spans[layer] = list(spans)
        self._apply_layers()

    def selections_for(
        self, start: int, end: int, fmt: QTextCharFormat
    ) -> list[QTextEdit.ExtraSelection]:
        """Extra selections for Qt positions ``start``-``end``: one per paragraph touched.

        A selection that crosses a paragraph's end makes Qt ask for the bounding box of
        the whole document, which lays all of it out at once -- half a second for a
        megabyte, the first time a sentence spanning two lines is hovered.
        """
        document = self.document()
        out = []
        while start < end:
            block = document.findBlock(start)
            if not block.isValid():
                break
            stop = min(end, block.position() + block.length() - 1)
            if stop > start:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(document)
                cursor.setPosition(start)
                cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                out.append(selection)
            start = block.position() + block.length()
        return out

    def set_layer_selections(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace ``layer`` with ready-made extra selections (the annotation highlights,
        which build and cache their own, for the visible part of the text only)."""
        self._layers[layer] = selections
        self._layer_spans.pop(layer, None)
        self._apply_layers()

    def shade_paragraphs(self, offsets: Sequence[int], color: QColor) -> None:
        """A full-width background behind the paragraphs holding ``offsets``.

        For lasting properties of whole paragraphs (a broken line, a missing
        translation). It is a block format: it cannot split a word's shaping the way a
        character format can, and it spans the pane's width, which an extra selection
        does not on a paragraph's last line.
        """
        fmt = QTextBlockFormat()
        fmt.setBackground(color)
        document = self.document()
        numbers = sorted({document.findBlock(self.offsets.to_qt(o)).blockNumber() for o in offsets})
        with batched(document) as cursor:
            # One call per run of neighbouring paragraphs (a whole untranslated document
            # is one): a call per paragraph costs 40 ms on a big document.
            for first, last in runs(numbers):
                cursor.setPosition(document.findBlockByNumber(first).position())
                cursor.setPosition(
                    document.findBlockByNumber(last).position(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.mergeBlockFormat(fmt)

    def paragraph_shade(self, offset: int) -> QColor | None:
        block = self.document().findBlock(self.offsets.to_qt(offset))
        brush = block.blockFormat().background()
        return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color()

    def clear_layer(self, layer: str) -> None:
        self._layer_spans.pop(layer, None)
        if self._layers.pop(layer, None) is not None:
            self._apply_layers()

    def layer_spans(self, layer: str) -> list[tuple[int, int]]:
        """The spans (code points) highlighted by ``layer``, as they were given."""
        return list(self._layer_spans.get(layer, []))

    def _apply_layers(self) -> None:
        ordered = [name for name in LAYER_ORDER if name in self._layers]
        ordered += [name for name in self._layers if name not in LAYER_ORDER]
        self.setExtraSelections([s for name in ordered for s in self._layers[name]])

    # -- sentence linking ------------------------------------------------------------
    def highlight_sentence(self, layer: str, index: int) -> None:
        if 0 <= index < len(self._spans):
            self.set_layer(layer, [self._spans[index]])
        else:
            self.clear_layer(layer)

    @property
    def hovered_sentence(self) -> int:
        return self._hovered

    @property
    def current_sentence(self) -> int:
        return self._current

    def set_current_sentence(self, index: int) -> None:
        """Mark sentence ``index`` current (from the other pane); emits nothing."""
        self._current = index
        self.highlight_sentence("current", index)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        offset = self.offset_at(event.position().toPoint())
        if offset is None:
            return  # keep the last hover over margins and line ends: no flicker
        index = self.sentence_at_offset(offset)
        if index != self._hovered:
            self._hovered = index
            self.highlight_sentence("hover", index)
            self.sentenceHovered.emit(index)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and self._hovered != -1:
            self._hovered = -1
            self.clear_layer("hover")
            self.sentenceHovered.emit(-1)
        return super().viewportEvent(event)

    def _cursor_moved(self) -> None:
        if not self._spans:
            return
        cursor = self.textCursor()
        offset = self.offsets.from_qt(cursor.position())
        index = self.sentence_at_offset(offset)
        if index != self._current and index >= 0:
            self.set_current_sentence(index)
            self.sentenceActivated.emit(index)

    # -- zoom --------------------------------------------------------------------------
    def set_point_size(self, size: float) -> None:
        size = max(6.0, min(48.0, size))
        font = self.font()
        if font.pointSizeF() != size:
            font.setPointSizeF(size)
            self.setFont(font)
            self.document().setDefaultFont(font)
            self.zoomChanged.emit(size)

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_point_size(self.point_size() + steps)
            event.accept()
            return
        super().wheelEvent(event)
