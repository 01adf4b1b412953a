"""Translation > Download models...: the one place where the window uses the network.

The workbench never connects by itself. This dialog first says which host it would
contact for the list of models (the Argos package index) and connects only when the
user presses Connect; the chosen model's download host is named before it is fetched.
Fetching the list and downloading both run as jobs with a progress dialog and Cancel;
a download is validated like an installed file (see
:class:`~workbench.translation.index.DownloadJob`). A user may opt in to reading the
list at every start (:func:`index_at_start`, off by default), so the window can offer
the models of the index at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import KnownError
from workbench.gui.common import dialogs
from workbench.gui.common.app import settings
from workbench.gui.common.workers import CRASHED, FAILED, SUCCEEDED, JobRunner
from workbench.gui.translation import translation_api
from workbench.gui.translation.translation_api import PackageRow
from workbench.gui.translation.translation_pane import language_name
from workbench.progress import Progress

INDEX_AT_START = "models/read_index_at_start"


def index_at_start() -> bool:
    """Whether the user asked the window to read the model list at every start."""
    return bool(settings().value(INDEX_AT_START, False, type=bool))


def pair_title(row: PackageRow) -> str:
    return f"{language_name(row.from_code)} → {language_name(row.to_code)}"


class IndexJob:
    """Read the list of models from the index; ``report`` is its rows into English."""

    def __init__(self) -> None:
        self.report: list[PackageRow] = []

    def run(self) -> Iterator[Progress]:
        yield Progress(0, None, f"Connecting to {translation_api.index_host()}...", "requests")
        self.report = [r for r in translation_api.available() if r.to_code == "en"]


class DownloadDialog(QDialog):
    """Name the host, connect when asked, list the models, download the chosen one."""

    changed = Signal()  # a model was installed

    def __init__(
        self,
        packages_dir: Path | None = None,
        *,
        index: list[PackageRow] | None = None,
        lang: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Download translation models")
        self.packages_dir = packages_dir
        self.lang = lang
        self.rows: list[PackageRow] = []
        self.runner = JobRunner(self)
        self.runner.busyChanged.connect(self._update_buttons)
        self.runner.finished.connect(self._job_finished)
        host = translation_api.index_host()
        self.intro = dialogs.plain_label(
            "Workbench works offline and never connects by itself. To list the models "
            f"you can download, it will connect to {host} "
            f"({translation_api.index_address()}). That host learns your address and "
            "that you use Argos models; nothing else is sent.",
            self,
        )
        self.intro.setWordWrap(True)
        self.connect_button = QPushButton(f"Connect to {host}", self)
        self.connect_button.clicked.connect(lambda: self.read_index())
        self.at_start = QCheckBox("Read this list each time Workbench starts", self)
        self.at_start.setChecked(index_at_start())
        self.at_start.toggled.connect(lambda on: settings().setValue(INDEX_AT_START, on))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Languages", "Version"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.download_selected())
        self.note = dialogs.plain_label("", self)
        self.note.setWordWrap(True)
        self.download_button = QPushButton("Download", self)
        self.download_button.clicked.connect(lambda: self.download_selected())
        top = QHBoxLayout()
        top.addWidget(self.connect_button)
        top.addWidget(self.at_start)
        top.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.addButton(self.download_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.resize(560, 420)
        if index is not None:  # read at start, as the user asked
            self._index_read(index)
        self._update_buttons()

    # -- the list ------------------------------------------------------------------------
    def read_index(self) -> bool:
        """Connect to the index host and list its models; False if nothing started."""
        try:
            self.runner.start(
                "Reading the model list", None, lambda _p: IndexJob(), self._index_read
            )
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.note.setText(f"Connecting to {translation_api.index_host()}...")
        return True

    def _index_read(self, rows: list[PackageRow]) -> None:
        self.rows = sorted(rows, key=lambda r: (r.from_code != self.lang, r.from_code))
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            self.table.setItem(n, 0, QTableWidgetItem(pair_title(row)))
            self.table.setItem(n, 1, QTableWidgetItem(row.version))
        self.note.setText(f"{len(self.rows)} model(s) into English on the index.")
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> PackageRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_: object) -> None:
        idle = not self.runner.busy
        self.connect_button.setEnabled(idle)
        row = self.selected()
        self.download_button.setEnabled(idle and row is not None)
        if row is not None and idle:
            hosts = ", ".join(translation_api.download_hosts(row)) or "no https address"
            self.note.setText(f"{pair_title(row)} {row.version} downloads from {hosts}.")

    # -- downloading -----------------------------------------------------------------------
    def download_selected(self) -> bool:
        row = self.selected()
        return row is not None and self.download(row)

    def download(self, row: PackageRow) -> bool:
        """Download and install ``row`` as a job; False if none started."""
        directory = self.packages_dir
        try:
            self.runner.start(
                f"Downloading {pair_title(row)}",
                None,
                lambda _p: translation_api.download_job(row, directory),
                lambda _r: self._downloaded(row),
            )
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return False
        return True

    def _downloaded(self, row: PackageRow) -> None:
        self.note.setText(f"Installed {pair_title(row)} {row.version}.")
        self.changed.emit()

    def _job_finished(self, outcome: str, payload: object) -> None:
        if outcome == FAILED:
            self.note.setText(str(payload))
            dialogs.show_error(self, str(payload))
        elif outcome == CRASHED:
            assert isinstance(payload, tuple)
            dialogs.show_bug(self, str(payload[0]), str(payload[1]))
        elif outcome != SUCCEEDED:
            self.note.setText("Cancelled.")

    def done(self, result: int) -> None:
        if self.runner.busy:
            self.runner.cancel()
            return  # close once the job has stopped
        super().done(result)
