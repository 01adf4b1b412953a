"""The side panel listing the shown document's mentions and events.

Mentions are a table model over the tagger's :class:`~.annotation_set.AnnotationSet`
(label and text; who made it is in the tooltip) in text order: rows are read when drawn and a change inserts or
removes just its row, so a document with 20,000 mentions lists them at no cost. Events
are a tree -- each event with its trigger, its arguments below it -- rebuilt when they
change (documents have tens of events, not thousands). Clicking an entry selects it in
the text. All text, from the document or the schema, is shown as plain text, in the
text families, and cells holding Arabic script larger (see :func:`.dialogs.font_for`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from workbench.core.model import Mention
from workbench.gui.annotation.annotation_set import AnnotationSet
from workbench.gui.annotation.picker import swatch
from workbench.gui.common.dialogs import font_for, plain_tooltip, ui_font

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Label", "Text")
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        ID_ROLE,
    }
)


def one_line(text: str, limit: int = 80) -> str:
    """Document text for a list or a menu: one line, and not too long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class MentionListModel(QAbstractTableModel):
    """The mentions of an :class:`AnnotationSet`, in its order."""

    def __init__(self, annotations: AnnotationSet, parent: Any = None) -> None:
        super().__init__(parent)
        self.annotations = annotations
        self.colors: dict[str, QColor] = {}
        # The whole mention (annotator, knowledge-base id), read only for a tooltip.
        self.lookup: Callable[[int], Mention | None] = lambda _ident: None

    def reset(self, annotations: AnnotationSet) -> None:
        self.beginResetModel()
        self.annotations = annotations
        self.endResetModel()

    def set_colors(self, colors: dict[str, QColor]) -> None:
        self.colors = colors
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    # -- changes: the model is the one that changes the set, so rows stay in step -----
    def add(self, mention: Mention) -> None:
        row = self.annotations.insert_position(mention)
        self.beginInsertRows(QModelIndex(), row, row)
        self.annotations.add_mention(mention)
        self.endInsertRows()

    def remove(self, mention_id: int) -> None:
        row = self.annotations.mention_position(mention_id)
        self.beginRemoveRows(QModelIndex(), row, row)
        self.annotations.remove_mention(mention_id)
        self.endRemoveRows()

    def put(self, mention: Mention) -> None:
        """Add ``mention`` or, if it is there, replace it."""
        old = self.annotations.rows.get(mention.id)
        if old is not None and old[1:3] == (mention.start, mention.end):
            self.annotations.replace_mention(mention)  # same place in the list
            row = self.annotations.mention_position(mention.id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        if old is not None:
            self.remove(mention.id)
        self.add(mention)

    def row_of(self, mention_id: int) -> int:
        return self.annotations.mention_position(mention_id)

    # -- the model ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.annotations.mention_index)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A painted cell asks for a dozen roles: answer the unused ones before any work,
        # since this runs for every visible cell whenever a mention is added.
        if role not in _ROLES or not index.isValid():
            return None
        row = self.annotations.mention_at_position(index.row())
        ident, start, end, label = row
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return label if column == 0 else one_line(self.annotations.mention_text(row))
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.colors.get(label, QColor(140, 140, 140))
        if role == ID_ROLE:
            return ident
        if role == Qt.ItemDataRole.FontRole:
            return font_for(self.annotations.mention_text(row)) if column == 1 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            mention = self.lookup(ident)
            kb_id, annotator = (mention.kb_id, mention.annotator) if mention else (None, None)
            extra = f"\nknowledge base: {kb_id}" if kb_id else ""
            who = f"\nby {annotator}" if annotator else ""
            text = self.annotations.mention_text(row)
            return plain_tooltip(f"{label}  {start}–{end}\n{text}{who}{extra}")
        return None


class AnnotationPanel(QTabWidget):
    """Two tabs: the mentions (a table) and the events (a tree with their arguments)."""

    mentionChosen = Signal(int)
    eventChosen = Signal(int)
    argumentChosen = Signal(int, int)  # event id, mention id
    menuRequested = Signal(str, int, QPoint)  # "mention" | "event", id, global position

    def __init__(self, annotations: AnnotationSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.model = MentionListModel(annotations, self)
        self.mentions = QTableView(self)
        self.mentions.setObjectName("mentionList")
        self.setFont(ui_font())
        self.mentions.setModel(self.model)
        self.mentions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mentions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mentions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mentions.verticalHeader().hide()
        # Tall enough for the enlarged Arabic cells; one height for all rows (no measuring).
        self.mentions.verticalHeader().setDefaultSectionSize(font_for("\u0628").pointSize() * 2 + 8)
        self.mentions.setWordWrap(False)
        # Fixed widths: sizing columns to their contents reads rows on every change.
        header = self.mentions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 110)
        self.mentions.clicked.connect(self._mention_clicked)
        self.mentions.activated.connect(self._mention_clicked)
        self.mentions.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.mentions.customContextMenuRequested.connect(self._mention_menu)
        self.events = QTreeWidget(self)
        self.events.setObjectName("eventTree")
        self.events.setColumnCount(2)
        self.events.setHeaderLabels(["Event / role", "Trigger / argument"])
        self.events.itemClicked.connect(self._event_clicked)
        self.events.itemActivated.connect(self._event_clicked)
        self.events.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.events.customContextMenuRequested.connect(self._event_menu)
        self.addTab(self.mentions, "Mentions")
        self.addTab(self.events, "Events")
        self._annotations = annotations
        self._event_colors: dict[str, QColor] = {}

    def reset(self, annotations: AnnotationSet) -> None:
        self._annotations = annotations
        self.model.reset(annotations)
        self.refresh_events()

    def set_colors(self, entities: dict[str, QColor], events: dict[str, QColor]) -> None:
        self.model.set_colors(entities)
        self._event_colors = events
        self.refresh_events()

    def refresh_counts(self) -> None:
        self.setTabText(0, f"Mentions ({self.model.rowCount():,})")
        self.setTabText(1, f"Events ({len(self._annotations.events):,})")

    def refresh_events(self) -> None:
        data = self._annotations
        self.events.clear()
        for event in data.events_in_order():
            trigger = data.text[event.trigger_start : event.trigger_end]
            item = QTreeWidgetItem([event.type, one_line(trigger)])
            item.setFont(1, font_for(trigger))
            item.setIcon(0, swatch(self._event_colors.get(event.type)))
            item.setData(0, ID_ROLE, ("event", event.id, 0))
            item.setToolTip(1, plain_tooltip(f"{event.type}: {trigger}"))
            for argument in event.arguments:
                row = data.rows.get(argument.mention_id)
                text = data.mention_text(row) if row is not None else "?"
                child = QTreeWidgetItem([argument.role, one_line(text)])
                child.setFont(1, font_for(text))
                child.setData(0, ID_ROLE, ("argument", event.id, argument.mention_id))
                item.addChild(child)
            self.events.addTopLevelItem(item)
        self.events.expandAll()
        self.events.resizeColumnToContents(0)
        self.refresh_counts()

    # -- choosing ---------------------------------------------------------------------------
    def show_active(self, active: tuple[str, int] | None) -> None:
        """Select the active annotation's entry (and nothing else) in both lists."""
        if active is None or active[0] != "mention":
            self.mentions.clearSelection()
        if active is None or active[0] != "event":
            self.events.clearSelection()
        if active is not None:
            (self.select_mention if active[0] == "mention" else self.select_event)(active[1])

    def select_mention(self, mention_id: int) -> None:
        if mention_id in self._annotations.rows:
            index = self.model.index(self.model.row_of(mention_id), 0)
            self.mentions.blockSignals(True)
            self.mentions.setCurrentIndex(index)
            self.mentions.blockSignals(False)
            self.mentions.scrollTo(index)

    def select_event(self, event_id: int) -> None:
        for n in range(self.events.topLevelItemCount()):
            item = self.events.topLevelItem(n)
            if item is not None and item.data(0, ID_ROLE)[1] == event_id:
                self.events.setCurrentItem(item)
                return

    def _mention_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.mentionChosen.emit(int(self.model.data(index, ID_ROLE)))

    def _event_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        what, event_id, mention_id = item.data(0, ID_ROLE)
        if what == "event":
            self.eventChosen.emit(event_id)
        else:
            self.argumentChosen.emit(event_id, mention_id)

    def _mention_menu(self, point: QPoint) -> None:
        index = self.mentions.indexAt(point)
        if index.isValid():
            ident = int(self.model.data(index, ID_ROLE))
            self.menuRequested.emit("mention", ident, self.mentions.viewport().mapToGlobal(point))

    def _event_menu(self, point: QPoint) -> None:
        item = self.events.itemAt(point)
        if item is not None:
            what, event_id, mention_id = item.data(0, ID_ROLE)
            target = ("event", event_id) if what == "event" else ("mention", mention_id)
            self.menuRequested.emit(*target, self.events.viewport().mapToGlobal(point))
