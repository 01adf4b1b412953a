"""Annotation › Agreement...: the agreement report as sortable tables, exportable.

The figures are :func:`workbench.agreement.report.agreement_report`'s, the same the
``workbench agreement`` command prints: for the pair of annotators chosen, one table
per label (F1, precision and recall with exact spans, F1 with overlap, Cohen's kappa
and Krippendorff's alpha on tokens) and one per document; above them the overall
figures, events and knowledge-base links. Clicking a header sorts by that column
(numbers as numbers; a figure that is undefined sorts first and shows as "–"). The
shown table exports to CSV, the whole report to JSON.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import KnownError
from workbench.gui.common import dialogs
from workbench.ops.exporting import write_atomically

LABEL_COLUMNS = ["label", "F1 exact", "P exact", "R exact", "F1 overlap", "kappa", "alpha"]
DOCUMENT_COLUMNS = ["id", "document", "F1 exact", "P exact", "R exact", "F1 overlap", "mentions A", "mentions B"]  # fmt: skip
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _cell(value: object) -> QStandardItem:
    item = QStandardItem()
    item.setEditable(False)
    if isinstance(value, float | int) or value is None:
        item.setText(
            "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        )
        item.setData(float("-inf") if value is None else float(value), SORT_ROLE)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    else:
        item.setText(str(value))
        item.setData(str(value).casefold(), SORT_ROLE)
    return item


def label_rows(pair: dict[str, Any], labels: list[str]) -> list[list[object]]:
    ex, ov = pair["exact"]["per_label"], pair["overlap"]["per_label"]
    rows: list[list[object]] = []
    for x in labels:
        rows.append(
            [
                x,
                ex[x]["f1"],
                ex[x]["precision"],
                ex[x]["recall"],
                ov[x]["f1"],
                pair["kappa"]["per_label"][x]["kappa"],
                pair["alpha"]["per_label"][x]["alpha"],
            ]
        )
    return rows


def document_rows(pair: dict[str, Any]) -> list[list[object]]:
    return [
        [
            d["document"],
            d["source"],
            d["exact"]["f1"],
            d["exact"]["precision"],
            d["exact"]["recall"],
            d["overlap"]["f1"],
            d["exact"]["a"],
            d["exact"]["b"],
        ]
        for d in pair["per_document"]
    ]


def summary_text(pair: dict[str, Any]) -> str:
    a, b = pair["annotators"]

    def f(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    ex, ov, ev, kb = pair["exact"], pair["overlap"], pair["events"], pair["kb"]
    return "\n".join(
        [
            f"{b} against {a}, on the {pair['documents']} document(s) both annotated.",
            f"Mentions F1: exact {f(ex['overall']['f1'])} (any label "
            f"{f(ex['unlabelled']['f1'])}), overlap {f(ov['overall']['f1'])} (any label "
            f"{f(ov['unlabelled']['f1'])}); kappa {f(pair['kappa']['overall']['kappa'])}, "
            f"alpha {f(pair['alpha']['overall']['alpha'])}.",
            f"Events F1: triggers identified {f(ev['trigger_identification']['f1'])}, "
            f"classified {f(ev['trigger_classification']['f1'])}; arguments identified "
            f"{f(ev['argument_identification']['f1'])}, classified "
            f"{f(ev['argument_classification']['f1'])}.",
            f"Knowledge-base links: {kb['agreed']} of {kb['matched']} matched mentions agree.",
        ]
    )


class AgreementDialog(QDialog):
    """The report of a project (computed once, when the dialog opens)."""

    def __init__(self, report: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement")
        self.report = report
        self.pair_box = QComboBox(self)
        for pair in report["pairs"]:
            a, b = pair["annotators"]
            self.pair_box.addItem(f"{b} against {a}")
        self.summary = dialogs.plain_label("", self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.labels_model, self.labels_view = self._table(LABEL_COLUMNS)
        self.documents_model, self.documents_view = self._table(DOCUMENT_COLUMNS)
        self.tabs.addTab(self.labels_view, "Per label")
        self.tabs.addTab(self.documents_view, "Per document")
        self.csv_button = QPushButton("Export Table as CSV...", self)
        self.json_button = QPushButton("Export Report as JSON...", self)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.json_button.clicked.connect(lambda: self.export_json())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.csv_button)
        row.addWidget(self.json_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pair_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        self.pair_box.currentIndexChanged.connect(self.show_pair)
        self.show_pair(0)
        self.resize(820, 560)

    def _table(self, columns: list[str]) -> tuple[QStandardItemModel, QTableView]:
        model = QStandardItemModel(0, len(columns), self)
        model.setHorizontalHeaderLabels(columns)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView(self)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.verticalHeader().setVisible(False)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        return model, view

    @property
    def pair(self) -> dict[str, Any]:
        return self.report["pairs"][max(0, self.pair_box.currentIndex())]

    def show_pair(self, index: int) -> None:
        pair = self.report["pairs"][max(0, index)]
        self.summary.setText(summary_text(pair))
        for model, rows in (
            (self.labels_model, label_rows(pair, self.report["labels"])),
            (self.documents_model, document_rows(pair)),
        ):
            model.removeRows(0, model.rowCount())
            for values in rows:
                model.appendRow([_cell(v) for v in values])
        for view in (self.labels_view, self.documents_view):
            view.resizeColumnsToContents()

    def current_table(self) -> tuple[list[str], list[list[str]]]:
        """The shown table's header and rows, as displayed and in the shown order."""
        view = self.tabs.currentWidget()
        assert isinstance(view, QTableView)
        model = view.model()
        header = [
            str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
        ]
        rows = [
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        return header, rows

    def export_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export table", "agreement.csv", "CSV (*.csv)"
            )
            if not name:
                return
            path = Path(name)
        header, rows = self.current_table()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v == "–" else v for v in row] for row in rows])
        self._write(path, out.getvalue())

    def export_json(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export report", "agreement.json", "JSON (*.json)"
            )
            if not name:
                return
            path = Path(name)
        self._write(path, json.dumps(self.report, ensure_ascii=False, indent=1) + "\n")

    def _write(self, path: Path, text: str) -> None:
        try:
            write_atomically(path, text)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
        except OSError as exc:
            dialogs.show_error(self, f"{path}: cannot write it ({exc.strerror})")
