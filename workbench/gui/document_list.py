"""The document list: a table model over ``DocumentInfo`` rows, a filter, and its widget.

The model holds plain values read by :func:`workbench.storage.documents.list_documents`
and is refreshed whole after an import or a translation (a few thousand rows take
milliseconds). Source names are file names chosen by whoever wrote the files, so they
are shown as plain text everywhere, tooltips included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.model import STATUS_TITLES, STATUSES, DocumentInfo
from workbench.gui.dialogs import plain_tooltip
from workbench.gui.translation_pane import language_name

COLUMNS = ("Source", "Lang", "Status", "Sent.", "Transl.", "Annot.")
COLUMN_TITLES = (
    "Source file",
    "Language",
    "Status",
    "Sentences",
    "Translated sentences",
    "Annotations (mentions and events)",
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentInfo] = []

    def set_documents(self, rows: Sequence[DocumentInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_documents(self, rows: Sequence[DocumentInfo]) -> None:
        """New values for rows already listed (counts after annotating, a status)."""
        for info in rows:
            row = self.row_of(info.id)
            if row >= 0:
                self._rows[row] = info
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_counts(self, doc_id: int, mentions: int, events: int) -> None:
        """A document's annotation counts, as the tagger knows them (no query needed)."""
        row = self.row_of(doc_id)
        if row >= 0:
            self._rows[row] = replace(self._rows[row], mentions=mentions, events=events)
            self.dataChanged.emit(self.index(row, 5), self.index(row, 5))

    def document(self, row: int) -> DocumentInfo:
        return self._rows[row]

    def row_of(self, doc_id: int) -> int:
        for row, info in enumerate(self._rows):
            if info.id == doc_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TITLES[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, column)
        if role == SORT_ROLE:
            return self._sort_key(info, column)
        if role == ID_ROLE:
            return info.id
        if role == Qt.ItemDataRole.ToolTipRole:
            confidence = (
                f" (detected, {info.lang_confidence:.0%} sure)" if info.lang_confidence else ""
            )
            return plain_tooltip(
                f"{info.source}\n#{info.id} · {language_name(info.lang)}{confidence}\n"
                f"{info.sentences} sentences, {info.translated} translated, "
                f"{info.mentions} mentions, {info.events} events"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(info: DocumentInfo, column: int) -> str:
        if column == 0:
            return info.source
        if column == 1:
            return info.lang or "?"
        if column == 2:
            return STATUS_TITLES.get(info.status, info.status)
        if column == 3:
            return str(info.sentences)
        if column == 4:
            return f"{info.translated}/{info.sentences}"
        return str(info.annotations)

    @staticmethod
    def _sort_key(info: DocumentInfo, column: int) -> Any:
        if column == 3:
            return info.sentences
        if column == 4:
            return info.translated / info.sentences if info.sentences else 0.0
        if column == 5:
            return info.annotations
        return DocumentListModel._display(info, column).casefold()


class DocumentFilter(QSortFilterProxyModel):
    """Rows whose source, language code or status contain every word of the filter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, DocumentListModel)
        info = model.document(source_row)
        haystack = " ".join(
            [
                info.source,
                info.lang or "",
                language_name(info.lang),
                STATUS_TITLES.get(info.status, ""),
                info.status,
            ]
        ).casefold()
        return all(word in haystack for word in self._words)


class DocumentList(QWidget):
    """Filter field above a sortable table; emits the id of the chosen document."""

    documentChosen = Signal(int)
    statusRequested = Signal(str, int)  # status, document id (from the context menu)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.model = DocumentListModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents (name, language, status)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_filter)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            # Sized to the contents when the list is filled, not on every change:
            # ResizeToContents would measure every row each time a count changes.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)

    def set_documents(self, rows: Sequence[DocumentInfo]) -> None:
        current = self.current_id()
        self.model.set_documents(rows)
        for column in range(1, len(COLUMNS)):
            self.table.resizeColumnToContents(column)
        if current is not None:
            self.select(current, emit=False)

    def update_documents(self, rows: Sequence[DocumentInfo]) -> None:
        self.model.update_documents(rows)

    def step(self, step: int) -> bool:
        """Choose the document ``step`` rows below (or above) the current one, as shown."""
        count = self.proxy.rowCount()
        if not count:
            return False
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if not 0 <= row < count:
            return False
        self.table.setCurrentIndex(self.proxy.index(row, 0))
        return True

    def status_menu(self, doc_id: int) -> QMenu:
        menu = QMenu(self)
        for status in STATUSES:
            action = menu.addAction(f"Mark as {STATUS_TITLES[status]}")
            action.triggered.connect(lambda _=False, s=status: self.statusRequested.emit(s, doc_id))
        return menu

    def _menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if index.isValid():
            menu = self.status_menu(int(self.proxy.data(index, ID_ROLE)))
            menu.exec(self.table.viewport().mapToGlobal(point))
            menu.deleteLater()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.proxy.data(index, ID_ROLE))

    def select(self, doc_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(doc_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: show it anyway
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        blocker = None if emit else self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if blocker is not None:
            self.table.selectionModel().blockSignals(blocker)
        self.table.scrollTo(index)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.documentChosen.emit(int(self.proxy.data(current, ID_ROLE)))
