"""The document list: a table model paging rows out of SQL, a filter field, and its widget.

The model never holds the project: it knows the number of rows the filter lets through
and keeps a few pages of rows around the ones on screen, read from ``document_list``
(:mod:`workbench.storage.listing`) one query per page as the view scrolls. Sorting and
filtering are SQL over an index per column, so a click on a header or a keystroke in the
filter costs the same at 100,000 documents as at five; the row of a document is a count
in SQL too. A row's values change in place after an annotation or a status change (the
row does not jump while the annotator works); the next refresh puts it in order. Source
names are file names chosen by whoever wrote the files, so they are shown as plain
text everywhere, tooltips included.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
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
from workbench.gui.common.dialogs import plain_tooltip
from workbench.gui.translation.translation_pane import language_name
from workbench.storage import listing

COLUMNS = ("Source", "Lang", "Status", "Sent.", "Transl.", "Annot.")
COLUMN_TITLES = (
    "Source file",
    "Language",
    "Status",
    "Sentences",
    "Translated sentences",
    "Annotations (mentions and events)",
)
SORTS = ("source", "lang", "status", "sentences", "translated", "annotations")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_ROWS = 128
KEPT_PAGES = 16  # about 2,000 rows around the ones on screen

_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._conn: sqlite3.Connection | None = None
        self._query = listing.ListQuery()
        self._count = 0
        self._pages: OrderedDict[int, list[DocumentInfo]] = OrderedDict()  # most recent last
        self._filter = ""

    # -- what it lists ---------------------------------------------------------------
    def set_connection(self, conn: sqlite3.Connection | None) -> None:
        """List the documents of the project on ``conn`` (None: nothing)."""
        self._conn = conn
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (documents added, counts changed by a job)."""
        self.beginResetModel()
        self._pages.clear()
        if self._conn is not None and self._filter:
            self._query = replace(self._query, words=self._words(self._filter))
        self._count = 0 if self._conn is None else listing.count(self._conn, self._query)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._filter = text
        self._query = replace(self._query, words=())
        self.refresh()

    def _words(self, text: str) -> tuple[listing.Word, ...]:
        assert self._conn is not None
        langs = listing.languages(self._conn)
        return listing.filter_words(text, langs, {lang: language_name(lang) for lang in langs})

    @property
    def conn(self) -> sqlite3.Connection | None:
        return self._conn

    @property
    def query(self) -> listing.ListQuery:
        return self._query

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; rows shown selected stay selected, wherever they move."""
        name = SORTS[column] if 0 <= column < len(SORTS) else "id"
        descending = order == Qt.SortOrder.DescendingOrder and name != "id"
        query = replace(self._query, column=name, descending=descending)
        if query == self._query:
            return
        self.layoutAboutToBeChanged.emit()
        moved = [
            (index, self.document(index.row()).id if index.row() < self._count else None)
            for index in self.persistentIndexList()
        ]
        self._query = query
        self._pages.clear()
        rows: dict[int | None, int] = {None: -1}  # one count per document, not per cell
        for index, doc_id in moved:
            if doc_id not in rows:
                rows[doc_id] = self.row_of(doc_id) if doc_id is not None else -1
            row = rows[doc_id]
            new = self.index(row, index.column()) if row >= 0 else QModelIndex()
            self.changePersistentIndex(index, new)
        self.layoutChanged.emit()

    # -- rows ---------------------------------------------------------------------------
    def _page(self, number: int) -> list[DocumentInfo]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        assert self._conn is not None
        rows = listing.page(self._conn, self._query, number * PAGE_ROWS, PAGE_ROWS)
        self._pages[number] = rows
        if len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return rows

    def document(self, row: int) -> DocumentInfo:
        rows = self._page(row // PAGE_ROWS)
        return rows[row % PAGE_ROWS]

    def kept_row(self, doc_id: int) -> int:
        """The row of a document among the rows kept (on screen and near), else -1."""
        for number, rows in self._pages.items():
            for offset, info in enumerate(rows):
                if info.id == doc_id:
                    return number * PAGE_ROWS + offset
        return -1

    def row_of(self, doc_id: int) -> int:
        """The row of a document as listed now, -1 if the filter hides it."""
        row = self.kept_row(doc_id)
        if row >= 0 or self._conn is None:
            return row
        return listing.row_of(self._conn, self._query, doc_id)

    def reread(self) -> None:
        """Read again the rows kept (those on screen and near), in place: counts that a
        running job changed show without a reset of the list."""
        if self._conn is None:
            return
        ids = [info.id for rows in self._pages.values() for info in rows]
        self.update_documents(listing.infos(self._conn, ids))

    def update_documents(self, rows: Sequence[DocumentInfo]) -> None:
        """New values for rows already listed (counts after annotating, a status); only
        the rows kept change, the others are read with their new values when needed."""
        where = {
            info.id: (number, offset)
            for number, page in self._pages.items()
            for offset, info in enumerate(page)
        }
        for info in rows:
            spot = where.get(info.id)
            if spot is None or self._pages[spot[0]][spot[1]] == info:
                continue
            self._pages[spot[0]][spot[1]] = info
            row = spot[0] * PAGE_ROWS + spot[1]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def set_counts(self, doc_id: int, mentions: int, events: int) -> None:
        """A document's annotation counts, as the tagger knows them (no query needed)."""
        for rows in self._pages.values():
            for info in rows:
                if info.id == doc_id:
                    self.update_documents([replace(info, mentions=mentions, events=events)])
                    return

    # -- Qt's model interface --------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

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
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        info = self.document(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(info, column)
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


def display(info: DocumentInfo, column: int) -> str:
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


class DocumentList(QWidget):
    """Filter field above a sortable table; emits the id of the chosen document."""

    documentChosen = Signal(int)
    statusRequested = Signal(str, int)  # status, document id (from the context menu)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.model = DocumentListModel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter documents (name, language, status)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        # Every row is one line: Qt need not ask the model for each row's height.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            # Sized by fit_columns() from the widest value any row can hold, not by
            # ResizeToContents, which would measure rows each time a count changes.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sortIndicatorChanged.connect(lambda *_: self._show_current())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        self._wanted = 0
        self._chosen: int | None = None  # the document last chosen, even while filtered out
        self.fit_columns()

    # -- filling -----------------------------------------------------------------------
    def set_connection(self, conn: sqlite3.Connection | None) -> None:
        """List the project on ``conn``: its documents as the list is sorted and filtered."""
        self.model.set_connection(conn)
        self.fit_columns()

    def refresh(self) -> None:
        """Read the list again after a change of many rows; the current row stays chosen."""
        current = self.current_id()
        self.model.refresh()
        self.fit_columns()
        if current is not None:
            self.select(current, emit=False)

    def update_documents(self, rows: Sequence[DocumentInfo]) -> None:
        self.model.update_documents(rows)
        self.fit_columns()

    def _filter(self, text: str) -> None:
        """Filter in SQL. The chosen document stays chosen when it is among the first
        rows (a keystroke pays no count of rows for it), or when the filter is cleared."""
        self.model.set_filter(text)
        self.fit_columns()
        chosen = self._chosen
        if chosen is None or not self.model.rowCount():
            return
        self.model.document(0)  # the first page, which the view paints next anyway
        row = self.model.kept_row(chosen) if text else self.model.row_of(chosen)
        if row >= 0:
            self._set_current(row)

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index)

    def fit_columns(self) -> None:
        """Every column wide enough for its title and for the widest value a row can
        hold (any status title, the largest counts), so nothing is cut short; the
        list's size hint asks for room for them beside a readable part of the name."""
        conn = self.model.conn
        widest = listing.widest(conn) if conn is not None else (0, 0, ["?"])
        sentences, annotations, langs = widest
        samples = {
            1: ["?", *langs],
            2: list(STATUS_TITLES.values()),
            3: [str(sentences)],
            4: [f"{sentences}/{sentences}"],
            5: [str(annotations)],
        }
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        padding = (
            2
            * (
                self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin)
                + 1
            )
            + 8
        )
        total = 0
        for column, texts in samples.items():
            width = max(
                header.sectionSizeFromContents(column).width(),
                max(metrics.horizontalAdvance(t) for t in texts) + padding,
            )
            self.table.setColumnWidth(column, width)
            total += width
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        source = metrics.horizontalAdvance("0" * 16) + padding
        self._wanted = total + source + scrollbar + 2 * self.table.frameWidth()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Wide enough for every column beside a readable part of the source name."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._wanted), hint.height())

    # -- choosing ----------------------------------------------------------------------
    def step(self, step: int) -> bool:
        """Choose the document ``step`` rows below (or above) the current one, as shown."""
        count = self.model.rowCount()
        if not count:
            return False
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if not 0 <= row < count:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
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
            menu = self.status_menu(int(self.model.data(index, ID_ROLE)))
            menu.exec(self.table.viewport().mapToGlobal(point))
            menu.deleteLater()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.data(index, ID_ROLE))

    def select(self, doc_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_of(doc_id)
        if row < 0 and self.filter_edit.text():  # filtered out: show it anyway
            self.filter_edit.clear()
            row = self.model.row_of(doc_id)
        if row < 0:
            return False
        self._set_current(row, emit=emit)
        self._chosen = doc_id
        return True

    def _set_current(self, row: int, *, emit: bool = False) -> None:
        index = self.model.index(row, 0)
        blocker = None if emit else self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if blocker is not None:
            self.table.selectionModel().blockSignals(blocker)
        self.table.scrollTo(index)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._chosen = int(self.model.data(current, ID_ROLE))
            self.documentChosen.emit(self._chosen)
