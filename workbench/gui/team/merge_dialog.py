"""File › Merge Projects...: other laptops' project files into this one, as a job.

The sources are chosen in a file dialog; the merge runs through the window's
:class:`~.workers.JobRunner` on its own connection (progress per document, Cancel keeps
nothing of the source being merged), and its report -- per source, what came in, what
was already there, what was refused -- is shown in a dialog of its own. A label clash
refuses the merge before anything is written; the job runner shows that message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.common import dialogs
from workbench.ops.merging import MergeJob, MergeReport

PROJECT_FILTER = "Workbench projects (*.wbproj);;All files (*)"


class MergeWindow(Protocol):
    """What the merge needs of the main window."""

    @property
    def project_path(self) -> Path | None: ...

    def start_job(self, title: str, build: object, on_success: Callable[..., None]) -> None: ...

    def merged(self) -> None: ...


class MergeReportDialog(QDialog):
    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge Report")
        came = report.came_in()
        summary = f"{came} row(s) came in from {len(report.sources)} project file(s)."
        self.summary = dialogs.plain_label(summary, self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText("\n".join(report.lines()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


def choose_sources(parent: QWidget, folder: Path) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Merge projects into this one", str(folder), PROJECT_FILTER
    )
    return [Path(n) for n in names]


def merge_into(window: MergeWindow, sources: list[Path], show: bool = True) -> None:
    """Merge ``sources`` into the window's project as a job; the report is shown after."""
    if not sources or window.project_path is None:
        return

    def finished(report: MergeReport) -> None:
        window.merged()
        if show and isinstance(window, QWidget):
            MergeReportDialog(report, window).open()

    window.start_job("Merging", lambda p: MergeJob(p, sources), finished)
