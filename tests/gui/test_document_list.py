"""The document list: paged out of SQL, sorted by header clicks, columns never cut short."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle

from workbench.gui.window.document_list import COLUMNS, ID_ROLE, PAGE_ROWS, DocumentList
from workbench.storage import documents as store_docs
from workbench.storage import listing
from workbench.storage.project import Project


def _many(path: Path, count: int) -> Project:
    project = Project.open(path)
    with project.transaction() as conn:
        store_docs.insert_documents(
            conn,
            [
                store_docs.NewDocument(
                    f"haber-{i:04d}.txt" if i % 3 else f"خبر-{i:04d}.txt",
                    f"h{i}",
                    "Bir cümle. İki cümle.",
                    ["tr", "fa", "ar"][i % 3],
                    0.9,
                    sentences=[(0, 10), (11, 21)][: 1 + i % 2],
                )
                for i in range(count)
            ],
        )
    return project


def test_rows_are_read_a_page_at_a_time(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = _many(tmp_path / "many.wbproj", 3 * PAGE_ROWS + 5)
    statements: list[str] = []
    project.conn.set_trace_callback(statements.append)
    documents = DocumentList()
    qtbot.addWidget(documents)
    documents.resize(500, 400)
    documents.set_connection(project.conn)
    documents.show()
    qtbot.waitExposed(documents)
    documents.table.viewport().grab()  # painted
    model = documents.model
    assert model.rowCount() == 3 * PAGE_ROWS + 5
    pages = [s for s in statements if "OFFSET" in s]
    assert len(pages) == 1  # the rows on screen: one page, one query
    statements.clear()
    last = model.rowCount() - 1
    documents.table.scrollToBottom()
    documents.table.viewport().grab()
    assert model.index(last, 0).data() == model.document(last).source
    offsets = sorted(int(s.rsplit("OFFSET", 1)[1]) for s in statements if "OFFSET" in s)
    assert offsets and offsets[0] >= 2 * PAGE_ROWS  # the pages in between are never read
    documents.set_connection(None)
    project.close()


def test_a_header_click_sorts_in_sql_and_keeps_the_chosen_row(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    project = _many(tmp_path / "many.wbproj", 300)
    documents = DocumentList()
    qtbot.addWidget(documents)
    documents.set_connection(project.conn)
    documents.show()
    assert documents.select(7, emit=False)
    documents.table.horizontalHeader().sectionClicked.emit(0)  # as a click on "Source"
    documents.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    model = documents.model
    every = sorted(
        listing.infos(project.conn),
        key=lambda i: listing.python_key(i, "source"),
        reverse=True,
    )
    assert [model.document(r).id for r in range(model.rowCount())] == [i.id for i in every]
    assert documents.current_id() == 7  # the chosen document moved with its row
    assert model.index(documents.table.currentIndex().row(), 0).data(ID_ROLE) == 7
    documents.filter_edit.setText("خبر")
    assert model.rowCount() == 100
    assert documents.current_id() == 7  # "خبر-0006.txt": still shown, still chosen
    documents.filter_edit.setText("HABER persian")
    assert model.rowCount() == 100 and documents.current_id() is None
    documents.filter_edit.setText("")  # cleared: the chosen document is chosen again
    assert model.rowCount() == 300 and documents.current_id() == 7
    documents.set_connection(None)
    project.close()


def _fits(documents: DocumentList, column: int, text: str) -> bool:
    table = documents.table
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    return table.fontMetrics().horizontalAdvance(text) + margin <= table.columnWidth(column)


def test_columns_fit_every_value_after_each_refresh(window) -> None:  # type: ignore[no-untyped-def]
    documents = window.documents
    header = documents.table.horizontalHeader()
    for column in range(1, len(COLUMNS)):  # titles never cut ("Se" for "Sent.")
        assert header.sectionSizeFromContents(column).width() <= header.sectionSize(column)
    assert _fits(documents, 2, "to do")
    window.set_status("in_progress", 3)  # a longer status title than any listed so far
    window.refresh_documents()
    model = documents.model
    for row in range(model.rowCount()):
        for column in range(1, len(COLUMNS)):
            text = model.index(row, column).data()
            assert _fits(documents, column, text), (row, column, text)
    assert _fits(documents, 2, "in progress")
    # at the width the list asks for, every column is in view beside the source name
    window.splitter.setSizes([documents.sizeHint().width(), 900])
    table = documents.table
    last = len(COLUMNS) - 1
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("000_7d63036d")
