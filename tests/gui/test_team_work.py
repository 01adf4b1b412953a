"""The window's team work: File › Merge Projects..., Annotation › Agreement..., curation."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from tests.support.team import SEED_001, build_laptops
from workbench.gui.common.workers import SUCCEEDED
from workbench.gui.team.agreement_dialog import AgreementDialog
from workbench.gui.team.curation_view import CurationView
from workbench.gui.team.merge_dialog import MergeReportDialog, merge_into
from workbench.ops.curation import CURATED
from workbench.storage import documents as store_docs


@pytest.fixture
def team_window(qtbot, tmp_path: Path, errors: list[str]) -> Iterator:  # type: ignore[no-untyped-def]
    from workbench.gui.window.main_window import MainWindow

    laptops = build_laptops(tmp_path)
    win = MainWindow(laptops.a, online=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.laptops = laptops
    yield win
    win.close()


def _merge(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.runner.finished, timeout=60_000) as finished:
        merge_into(win, [win.laptops.b])
    assert finished.args[0] == SUCCEEDED


def test_merge_projects_runs_as_a_job_and_shows_its_report(qtbot, team_window, errors) -> None:  # type: ignore[no-untyped-def]
    win = team_window
    file_menu = win.menuBar().actions()[0].menu()
    assert "&Merge Projects..." in [a.text() for a in file_menu.actions()]
    _merge(qtbot, win)
    (report,) = win.findChildren(MergeReportDialog)
    text = report.text.toPlainText()
    assert "  mentions: 8 came in, 0 already there" in text
    assert "  labels: 1 came in" in text
    assert "MEDIA" in [x.name for x in win.tagger.schema.entities]  # the palette has it now
    assert errors == []


def test_a_clash_is_shown_and_nothing_is_written(qtbot, team_window, errors) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.model import Label
    from workbench.ops.schema import add_label

    win = team_window
    add_label(win.project, Label("event", "MEDIA", "#123456"))
    before = store_docs.list_documents(win.project.conn)
    with qtbot.waitSignal(win.runner.finished, timeout=60_000) as finished:
        merge_into(win, [win.laptops.b])
    assert finished.args[0] != SUCCEEDED
    assert len(errors) == 1 and "label clash: 'MEDIA'" in errors[0]
    assert store_docs.list_documents(win.project.conn) == before


def test_the_agreement_tables_sort_and_export(qtbot, team_window, tmp_path: Path, errors) -> None:  # type: ignore[no-untyped-def]
    win = team_window
    _merge(qtbot, win)
    with qtbot.waitSignal(win.runner.finished, timeout=60_000):
        win.show_agreement()
    (dialog,) = win.findChildren(AgreementDialog)
    assert "mehmet against ayşe, on the 2 document(s)" in dialog.summary.text()
    view = dialog.labels_view
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # F1 exact, best first
    header, rows = dialog.current_table()
    assert header[:2] == ["label", "F1 exact"]
    assert [r[0] for r in rows][0] == "PER" and rows[0][1] == "0.727"
    out = tmp_path / "labels.csv"
    dialog.export_csv(out)
    with out.open(encoding="utf-8") as f:
        table = list(csv.reader(f))
    assert table[0] == header and table[1][:2] == ["PER", "0.727"]
    dialog.tabs.setCurrentIndex(1)
    header, rows = dialog.current_table()
    assert {r[1] for r in rows} == {SEED_001, "002_cd534f5e258f1d2c.txt"}
    dialog.export_json(tmp_path / "report.json")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["pairs"][0]["exact"]["overall"]["f1"] == pytest.approx(8 / 15, abs=1e-6)
    assert errors == []


def test_curation_accepts_agreements_in_one_undoable_step(qtbot, team_window, errors) -> None:  # type: ignore[no-untyped-def]
    win = team_window
    _merge(qtbot, win)
    doc = store_docs.find_document(win.project.conn, SEED_001)
    win.documents.select(doc)
    assert win.status_label.text().endswith(" · curated 0 of 10")
    win.show_curation()
    view = win.curation
    assert isinstance(view, CurationView) and view.doc_id == doc
    assert view.progress.text() == "Curation: 0 of 10 item(s) settled"
    states = [view.table.item(r, view.table.columnCount() - 1).text() for r in range(10)]
    assert states.count("agreed") == 3  # Putin, Bush, and the event's trigger and type
    assert "differs: only mehmet" in states and "differs: only ayşe" in states

    view.accept_agreed_button.click()
    assert view.progress.text() == "Curation: 2 of 10 item(s) settled"
    assert "2 of 10 settled" in win.statusBar().currentMessage()
    assert win.status_label.text().endswith(" · curated 2 of 10")
    assert win.undo_stack.undoText() == "Accept All Agreed"
    win.undo_stack.undo()
    assert view.progress.text() == "Curation: 0 of 10 item(s) settled"
    win.undo_stack.redo()
    assert view.progress.text() == "Curation: 2 of 10 item(s) settled"

    # Choose Ayşe's "Vladimir Putin" and accept it; Mehmet's "Putin" is settled with it.
    row = next(r for r in range(10) if view.table.item(r, 1).text() == "Vladimir Putin")
    view.table.selectionModel().select(
        view.table.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.accept_button.click()
    assert view.progress.text() == "Curation: 4 of 10 item(s) settled"
    gold = [
        m for m in store_docs.get_document(win.project.conn, doc).mentions if m.annotator == CURATED
    ]
    assert len(gold) == 3
    row = next(r for r in range(10) if view.table.item(r, 1).text() == "Vladimir Putin")
    view.table.selectRow(row)
    view.remove_button.click()
    assert view.progress.text() == "Curation: 2 of 10 item(s) settled"
    win.undo_stack.undo()
    assert view.progress.text() == "Curation: 4 of 10 item(s) settled"
    assert errors == []


def test_agreement_with_one_annotator_says_why(qtbot, team_window, errors) -> None:  # type: ignore[no-untyped-def]
    win = team_window
    with qtbot.waitSignal(win.runner.finished, timeout=60_000):
        win.show_agreement()
    assert errors == ["agreement needs at least two annotators; this project has 1 (ayşe)"]
    assert win.findChildren(AgreementDialog) == []


def test_curated_annotations_are_edited_in_the_curation_view_and_stay_curated(
    qtbot, team_window, errors
) -> None:  # type: ignore[no-untyped-def]
    win = team_window
    _merge(qtbot, win)
    doc = store_docs.find_document(win.project.conn, SEED_001)
    win.documents.select(doc)
    win.show_curation()
    view = win.curation
    view.accept_agreed_button.click()

    def gold() -> list[tuple[str, str, str | None]]:
        d = store_docs.get_document(win.project.conn, doc)
        return sorted(
            (d.text[m.start : m.end], m.label, m.kb_id)
            for m in d.mentions
            if m.annotator == CURATED
        )

    row = next(
        r
        for r in range(view.table.rowCount())
        if view.table.item(r, 1).text() == "Putin" and view.table.item(r, 2).text() == "0-5"
    )
    view.table.selectRow(row)
    view.relabel_selected("GPE")
    assert gold() == [("Bush", "PER", None), ("Putin", "GPE", None)]
    assert win.undo_stack.undoText() == "Relabel Curated as GPE"
    win.undo_stack.undo()
    assert gold() == [("Bush", "PER", None), ("Putin", "PER", None)]
    row = next(r for r in range(view.table.rowCount()) if view.table.item(r, 2).text() == "0-5")
    view.table.selectRow(row)
    view.set_kb_id_selected("Q7747", ask=False)
    assert gold() == [("Bush", "PER", None), ("Putin", "PER", "Q7747")]
    assert errors == []
