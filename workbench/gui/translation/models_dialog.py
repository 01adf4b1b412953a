"""The Models dialog: installed translation packages; install, download, remove.

Installing goes through the same function as ``workbench models install`` -- a file
that is not a valid Argos package, or a hostile one (paths escaping the folder, links,
oversized members), is refused with the translation layer's own message. Several files
can be chosen at once, and the file dialog reopens in the folder used last. Installing
unpacks hundreds of megabytes, so it runs as a job on a worker thread with a progress
dialog; the dialog (and, through ``changed``, the window's banner) refreshes as soon as
a package is in place. "Download..." opens the Download models dialog
(:mod:`.model_download`), which names the host before anything connects. A model that a
running translation uses cannot be removed: the translation layer refuses, and the
message says to wait for the translation or cancel it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from workbench.gui.common import dialogs
from workbench.gui.common.app import settings
from workbench.gui.common.workers import CRASHED, FAILED, SUCCEEDED, JobRunner
from workbench.gui.translation import translation_api
from workbench.gui.translation.model_download import DownloadDialog, pair_title
from workbench.gui.translation.translation_api import PackageRow
from workbench.progress import Progress

MODEL_FILTER = "Argos Translate packages (*.argosmodel);;All files (*)"
FOLDER_KEY = "models/last_folder"


@dataclass
class InstallReport:
    installed: list[PackageRow] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one message per refused file


class InstallJob:
    """Install ``.argosmodel`` files one by one; a refused file does not stop the others.

    ``report`` says what was installed and refused; when every file is refused the job
    fails with their messages, so a single bad file is an error like on the command line.
    """

    def __init__(self, archives: list[Path], packages_dir: Path | None) -> None:
        self.archives = archives
        self.packages_dir = packages_dir
        self.report = InstallReport()

    def run(self) -> Iterator[Progress]:
        total = len(self.archives)
        for n, archive in enumerate(self.archives):
            yield Progress(n, total, f"Installing {archive.name}", "packages")
            try:
                self.report.installed.append(translation_api.install(archive, self.packages_dir))
            except KnownError as exc:
                self.report.refused.append(str(exc))
        yield Progress(total, total, f"Installed {len(self.report.installed)} model(s)", "packages")
        if not self.report.installed:
            raise KnownError("\n".join(self.report.refused))


def choose_model_files(parent: QWidget | None) -> list[Path]:
    """Ask for one or more package files, starting in the folder used last."""
    store = settings()
    folder = str(store.value(FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = str(Path.home())
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Install translation models", folder, MODEL_FILTER
    )
    if names:
        store.setValue(FOLDER_KEY, str(Path(names[0]).parent))
    return [Path(name) for name in names]


def install_from_file(
    runner: JobRunner,
    packages_dir: Path | None,
    paths: Path | list[Path] | None = None,
    on_installed: Callable[[Any], None] | None = None,
) -> bool:
    """Install ``paths`` (asked for when None) on ``runner``; False if nothing started.

    ``on_installed`` runs once the job is done and at least one package is installed;
    files that were refused beside installed ones are then shown in one message.
    """
    parent = runner.parent_widget
    problem = translation_api.problem()
    if problem is not None:
        dialogs.show_error(parent, f"Translation is not available: {problem}")
        return False
    if paths is None:
        paths = choose_model_files(parent)
    archives = [paths] if isinstance(paths, Path) else list(paths)
    if not archives:
        return False

    def installed(report: InstallReport) -> None:
        if on_installed is not None:
            on_installed(report)
        if report.refused:
            dialogs.show_error(parent, "Some files were not installed.", "\n".join(report.refused))

    try:
        runner.start(
            "Installing models", None, lambda _p: InstallJob(archives, packages_dir), installed
        )
    except KnownError as exc:
        dialogs.show_error(parent, str(exc))
        return False
    return True


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
        self.index = index  # the index's packages when read at start (opted in), else None
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
        self.download_button.clicked.connect(lambda: self.open_download())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.download_button.setVisible(translation_api.can_download())
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
                    "model from an .argosmodel file, or download one (Download... asks "
                    "before it connects)."
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
        self.download_button.setEnabled(ready)
        self.remove_button.setEnabled(ready and self.selected() is not None)

    # -- actions ---------------------------------------------------------------------------
    def install_file(self, paths: Path | list[Path] | None = None) -> bool:
        return install_from_file(self.runner, self.packages_dir, paths)

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

    def open_download(self, lang: str = "") -> DownloadDialog:
        """The Download models dialog (``lang``'s models first); installs refresh this one."""
        dialog = DownloadDialog(self.packages_dir, index=self.index, lang=lang, parent=self)
        dialog.changed.connect(self.refresh)
        dialog.changed.connect(self.changed)
        dialog.open()
        return dialog

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
