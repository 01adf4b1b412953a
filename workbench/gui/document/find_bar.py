"""The find bar (Ctrl+F): every hit highlighted in the source pane, the current one selected.

The current hit *is* the text selection (so a label key tags it, and Esc leaves it
selected), and the other hits are shaded. Both colours are chosen far from every colour
the schema draws mentions and triggers in -- solid, and as the translucent fills they
are drawn with -- so a hit never looks like a LOC or a TIME mention.

Matching runs on the stored text in code points (``re`` with IGNORECASE folds case one
character at a time, so match offsets are offsets into the stored text, unlike
``str.casefold`` which can change lengths). Hits are shown as extra selections, never as
character formats, so a hit that ends inside a lam-alef does not break the ligature.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from workbench.gui.common.dialogs import plain_label
from workbench.gui.document.annotation_highlights import MENTION_ALPHA, TRIGGER_ALPHA
from workbench.gui.document.text_pane import LAYER_COLORS, TextPane

MAX_HITS = 10_000
# Dark, unsaturated: label colours are mid-tone and saturated, or pale when translucent.
SELECTION_CANDIDATES = ("#202124", "#1d3b34", "#3b1d34", "#1d2b4b")
HIT_CANDIDATES = ("#6b7078", "#4f6b5f", "#6b4f63", "#5d5d80")
MIN_DISTANCE = 20.0  # CIE76 delta E: 2.3 is "just noticeable", 20 plainly another colour


def _lab(color: QColor) -> tuple[float, float, float]:
    def linear(u: float) -> float:
        return ((u + 0.055) / 1.055) ** 2.4 if u > 0.04045 else u / 12.92

    r, g, b = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def color_distance(a: QColor, b: QColor) -> float:
    """CIE76 delta E between two colours."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def drawn_shades(colors: Iterable[QColor]) -> list[QColor]:
    """Each label colour solid and as the translucent fills mentions and triggers are
    drawn with on white paper."""
    out = []
    for color in colors:
        out.append(QColor(color))
        for alpha in (MENTION_ALPHA, TRIGGER_ALPHA):
            k = alpha / 255
            out.append(
                QColor(
                    *(
                        round(v * k + 255 * (1 - k))
                        for v in (color.red(), color.green(), color.blue())
                    )
                )
            )
    return out


def distinct_colors(label_colors: Iterable[QColor]) -> tuple[QColor, QColor]:
    """(selection, find hit) colours, each the first candidate at least
    :data:`MIN_DISTANCE` from every shade of ``label_colors`` (else the farthest)."""
    shades = drawn_shades(label_colors)

    def pick(candidates: tuple[str, ...]) -> QColor:
        def nearest(name: str) -> float:
            return min((color_distance(QColor(name), s) for s in shades), default=100.0)

        for name in candidates:
            if nearest(name) >= MIN_DISTANCE:
                return QColor(name)
        return QColor(max(candidates, key=nearest))

    return pick(SELECTION_CANDIDATES), pick(HIT_CANDIDATES)


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
        self.origin = 0  # where the search starts: the caret when the bar opened
        self.hit_format = QTextCharFormat()
        self.current_format = QTextCharFormat()
        self.set_colors(LAYER_COLORS["find-current"], LAYER_COLORS["find"])
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

    def set_colors(self, selection: QColor, hit: QColor) -> None:
        """The selection's colour (in the pane, focused or not) and the hits' colour."""
        white = QColor("white")
        self.current_format.setBackground(selection)
        self.current_format.setForeground(white)
        self.hit_format.setBackground(hit)
        self.hit_format.setForeground(white)
        palette = self.target.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, selection)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, white)
        self.target.setPalette(palette)
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self) -> None:
        cursor = self.target.textCursor()
        self.origin = self.target.offsets.from_qt(cursor.selectionStart())
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
        self.target.set_layer("find", self.hits, self.hit_format)
        self.current = -1
        if self.hits:
            after = [n for n, (start, _) in enumerate(self.hits) if start >= self.origin]
            self._go(after[0] if after else 0)
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
        self.target.set_layer("find-current", [(start, end)], self.current_format)
        self.target.setTextCursor(self.target.cursor_for(start, end))  # a label key tags it
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
