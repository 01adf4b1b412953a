"""File › Back up project..., File › Restore from backup..., and rolling backups.

Each opening of a project starts a backup into ``NAME.backups/`` beside it (the newest
few are kept; File › Keep a Backup at Each Opening turns it off), on a thread of its
own so that it neither delays the window nor waits for a running import. Back up and
Restore run as ordinary jobs with the progress dialog. Restore never overwrites: it
copies the chosen backup to a new project file and opens that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from workbench.errors import KnownError
from workbench.gui.common import app as gui_app
from workbench.gui.common import dialogs
from workbench.gui.common.workers import JobRunner
from workbench.storage.backup import backup_project, backups_folder, rolling_backup

ROLLING_KEY = "backups/rolling"
PROJECT_FILTER = "Workbench projects (*.wbproj);;All files (*)"


def rolling_enabled() -> bool:
    return str(gui_app.settings().value(ROLLING_KEY, "true")).lower() == "true"


def set_rolling_enabled(enabled: bool) -> None:
    gui_app.settings().setValue(ROLLING_KEY, "true" if enabled else "false")


class RollingBackup(QThread):
    """One rolling backup of a project on its own thread; ``done`` carries the result."""

    done = Signal(str, str)  # backup path ("" if it failed), error message

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project

    def run(self) -> None:
        try:
            target = rolling_backup(self.project)
        except KnownError as exc:
            self.done.emit("", str(exc))
        else:
            self.done.emit(str(target), "")


class Backups(QObject):
    """What the window's File menu and project opening need for backups."""

    def __init__(
        self,
        parent: QWidget,
        runner: JobRunner,
        open_project: Callable[[Path], bool],
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.runner = runner
        self.open_project = open_project
        self.show_message = show_message
        self.rolling: RollingBackup | None = None

    def project_opened(self, project: Path) -> None:
        """Start this opening's rolling backup, unless turned off or one is running."""
        if not rolling_enabled() or (self.rolling is not None and self.rolling.isRunning()):
            return
        self.rolling = RollingBackup(project, self)
        self.rolling.done.connect(self._rolled)
        self.rolling.start()

    def _rolled(self, path: str, error: str) -> None:
        if error:
            self.show_message(f"No backup was made at opening: {error}")

    def wait(self) -> None:
        if self.rolling is not None:
            self.rolling.wait()

    def back_up_dialog(self, project: Path | None) -> None:
        if project is None:
            return
        suggested = project.with_name(f"{project.stem}-backup{project.suffix or '.wbproj'}")
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "Back up project", str(suggested), PROJECT_FILTER
        )
        if name:
            self.back_up(project, Path(name))

    def back_up(self, project: Path, target: Path) -> None:
        self._run(
            "Backing up",
            project,
            target,
            lambda _: self.show_message(f"Backed up to {target}"),
        )

    def restore_dialog(self, project: Path | None) -> None:
        start = backups_folder(project) if project is not None else Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget, "Restore from backup", str(start), PROJECT_FILTER
        )
        if not name:
            return
        backup = Path(name)
        suggested = backup.with_name(f"{backup.stem}-restored{backup.suffix or '.wbproj'}")
        if project is not None:
            suggested = project.with_name(suggested.name)
        target, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "Save the restored project as", str(suggested), PROJECT_FILTER
        )
        if target:
            self.restore(backup, Path(target))

    def restore(self, backup: Path, target: Path) -> None:
        """Copy ``backup`` to the new project ``target`` and open it."""
        if target.exists():
            dialogs.show_error(
                self.parent_widget,
                f"{target} exists; restoring never overwrites a project: choose a new name",
            )
            return
        self._run("Restoring", backup, target, lambda _: self._restored(target))

    def _restored(self, target: Path) -> None:
        if self.open_project(target):
            self.show_message(f"Restored as {target}")

    def _run(self, title: str, source: Path, target: Path, then: Callable[[object], None]) -> None:
        try:
            self.runner.start(title, None, lambda _p: backup_project(source, target), then)
        except KnownError as exc:
            dialogs.show_error(self.parent_widget, str(exc))
