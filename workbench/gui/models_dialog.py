"""The Models dialog: installed translation packages; install, download, remove.

Installing goes through the same function as ``workbench models install`` -- a file
that is not a valid Argos package, or a hostile one (paths escaping the folder, links,
oversized members), is refused with the translation layer's own message. Installing
and downloading unpack hundreds of megabytes, so both run as jobs on a worker thread
with a progress dialog; the dialog refreshes its list when they finish.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import KnownError
from workbench.gui import dialogs, translation_api
from workbench.gui.translation_api import PackageRow
from workbench.gui.translation_pane import language_name
from workbench.gui.workers import CRASHED, FAILED, SUCCEEDED, JobRunner
from workbench.progress import Progress

MODEL_FILTER = "Argos Translate packages (*.argosmodel);;All files (*)"


class InstallJob:
    """Install one ``.argosmodel`` file; ``report`` is the installed package."""

    def __init__(self, archive: Path, packages_dir: Path | None) -> None:
        self.archive = archive
        self.packages_dir = packages_dir
        self.report: PackageRow | None = None

    def run(self) -> Iterator[Progress]:
        yield Progress(0, 1, f"Installing {self.archive.name}", "packages")
        self.report = translation_api.install(self.archive, self.packages_dir)
        yield Progress(
            1, 1, f"Installed {self.report.from_code} → {self.report.to_code}", "packages"
        )


def choose_model_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Install translation model", str(Path.home()), MODEL_FILTER
    )
    return Path(name) if name else None


def install_from_file(
    runner: JobRunner,
    packages_dir: Path | None,
    path: Path | None = None,
    on_installed: Any = None,
) -> bool:
    """Install ``path`` (asked for when None) on ``runner``; False if nothing started."""
    parent = runner.parent_widget
    problem = translation_api.problem()
    if problem is not None:
        dialogs.show_error(parent, f"Translation is not available: {problem}")
        return False
    if path is None:
        path = choose_model_file(parent)
        if path is None:
            return False
    try:
        runner.start(
            "Installing model", None, lambda _p: InstallJob(path, packages_dir), on_installed
        )
    except KnownError as exc:
        dialogs.show_error(parent, str(exc))
        return False
    return True


def pair_title(row: PackageRow) -> str:
    return f"{language_name(row.from_code)} → {language_name(row.to_code)}"


class ModelsDialog(QDialog):
    changed = Signal()  # a package was installed or removed

    def __init__(
        self,
        packages_dir: Path | None = None,
        *,
        index: list[PackageRow] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Translation models")
        self.packages_dir = packages_dir
        self.index = index  # the online index's packages; None when offline
        self.online = index is not None
        self.rows: list[PackageRow] = []
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._job_finished)
        self.runner.busyChanged.connect(self._update_buttons)
        self.note = dialogs.plain_label("", self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Languages", "Version", "Folder"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.install_button = QPushButton("Install from file...", self)
        self.download_button = QPushButton("Download...", self)
        self.remove_button = QPushButton("Remove", self)
        self.install_button.clicked.connect(lambda: self.install_file())
        self.download_button.clicked.connect(lambda: self.open_download(""))
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.download_button.setVisible(self.online)
        buttons = QHBoxLayout()
        for button in (self.install_button, self.download_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(640, 360)
        self.refresh()

    def refresh(self) -> None:
        problem = translation_api.problem()
        self.rows = []
        if problem is not None:
            self.note.setText(f"Translation is not available: {problem}")
        else:
            try:
                self.rows = translation_api.installed(self.packages_dir)
            except KnownError as exc:
                self.note.setText(str(exc))
            else:
                count = len(self.rows)
                self.note.setText(
                    f"{count} model(s) installed. Models translate into English; install a "
                    "model from an .argosmodel file"
                    + (
                        " or download one."
                        if self.online
                        else " (offline: downloading is not available)."
                    )
                )
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            for column, value in enumerate((pair_title(row), row.version, str(row.path or ""))):
                item = QTableWidgetItem(value)
                item.setToolTip(dialogs.plain_tooltip(value))
                self.table.setItem(n, column, item)
        self._update_buttons()

    def selected(self) -> PackageRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_: object) -> None:
        ready = translation_api.problem() is None and not self.runner.busy
        self.install_button.setEnabled(ready)
        self.download_button.setEnabled(ready and self.online)
        self.remove_button.setEnabled(ready and self.selected() is not None)

    # -- actions ---------------------------------------------------------------------------
    def install_file(self, path: Path | None = None) -> bool:
        return install_from_file(self.runner, self.packages_dir, path)

    def remove_selected(self, *, confirm: bool = True) -> bool:
        row = self.selected()
        if row is None:
            return False
        if confirm:
            box = dialogs.message_box(
                self,
                QMessageBox.Icon.Question,
                "Remove model",
                f"Remove the {pair_title(row)} model (version {row.version})?",
            )
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
        try:
            translation_api.remove(row, self.packages_dir)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.refresh()
        self.changed.emit()
        return True

    def open_download(self, lang: str) -> None:
        """Offer the index's packages (for ``lang`` first) and download the chosen one."""
        if self.index is None:
            dialogs.show_error(
                self, "Downloading needs a network connection; install a model from a file instead."
            )
            return
        offered = [r for r in self.index if r.to_code == "en"]
        offered.sort(key=lambda r: (r.from_code != lang, r.from_code))
        chooser = _Chooser(offered, self)
        if chooser.exec() == QDialog.DialogCode.Accepted and chooser.choice is not None:
            self.download(chooser.choice)

    def download(self, row: PackageRow) -> bool:
        """Download and install ``row`` from the index as a job; False if none started."""
        directory = self.packages_dir
        try:
            self.runner.start(
                f"Downloading {pair_title(row)}",
                None,
                lambda _p: translation_api.download_job(row, directory),
            )
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return False
        return True

    def _job_finished(self, outcome: str, payload: object) -> None:
        if outcome == FAILED:
            dialogs.show_error(self, str(payload))
        elif outcome == CRASHED:
            assert isinstance(payload, tuple)
            dialogs.show_bug(self, str(payload[0]), str(payload[1]))
        self.refresh()
        if outcome == SUCCEEDED:
            self.changed.emit()

    def done(self, result: int) -> None:
        if self.runner.busy:
            self.runner.cancel()
            return  # close once the job has stopped
        super().done(result)


class _Chooser(QDialog):
    def __init__(self, rows: list[PackageRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Download a model")
        self.rows = rows
        self.choice: PackageRow | None = None
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Languages", "Version"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for n, row in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(pair_title(row)))
            self.table.setItem(n, 1, QTableWidgetItem(row.version))
        if rows:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Download")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(dialogs.plain_label("Models on the Argos Translate index:", self))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.doubleClicked.connect(lambda _i: self._accept())
        self.resize(420, 380)

    def _accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.choice = self.rows[rows[0].row()]
            self.accept()
