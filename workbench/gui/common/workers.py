"""Running long jobs (import, translate, export) off the GUI thread, with Cancel.

A job is the same generator the CLI drives: it yields :class:`~workbench.progress.Progress`
after each unit of work. :class:`JobThread` runs it in a ``QThread`` on the thread's
*own* :class:`~workbench.storage.project.Project` (an SQLite connection belongs to the
thread that opened it) and reports through queued signals only; cancelling sets a flag
that the thread checks between items and answers by closing the generator, which rolls
back the job's open transaction. :class:`JobRunner` keeps at most one job running,
shows the progress dialog and turns the outcome into one ``finished`` signal.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.errors import KnownError
from workbench.gui.common.dialogs import plain_label
from workbench.progress import Progress
from workbench.storage.project import Project


class RunnableJob(Protocol):
    def run(self) -> Iterator[Progress]: ...


# What a job builder returns: a job object (``run()`` and maybe ``report``) or a bare
# progress generator such as ``export_jsonl(...)``.
# Jobs that need no project (installing a model) get None.
JobBuilder = Callable[[Project | None], "RunnableJob | Iterator[Progress]"]

SUCCEEDED, FAILED, CANCELLED, CRASHED = "succeeded", "failed", "cancelled", "crashed"


class JobThread(QThread):
    """One job on its own thread and its own project connection."""

    progressed = Signal(int, int, str)  # done, total (-1: unknown), message
    succeeded = Signal(object)  # the job's report, or None
    failed = Signal(str)  # a KnownError's message
    crashed = Signal(str, str)  # a bug: summary, traceback
    cancelled = Signal()

    def __init__(
        self, project_path: Path | None, build: JobBuilder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.build = build
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop after its current item (safe from any thread)."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        project = None
        try:
            if self.project_path is not None:
                project = Project.open(self.project_path, create=False)
                project.patient = True  # a job waits for the command line's writes
            job = self.build(project)
            steps = job.run() if hasattr(job, "run") else job
            assert isinstance(steps, Iterator)
            for progress in self._steps(steps):
                total = -1 if progress.total is None else progress.total
                self.progressed.emit(progress.done, total, progress.message)
            if self._cancel.is_set():
                self.cancelled.emit()
                return
            report = getattr(job, "report", None)
        except KnownError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: loud, with its traceback, never swallowed
            text = traceback.format_exc()
            print(text, flush=True)
            self.crashed.emit(f"{type(exc).__name__}: {exc}", text)
        else:
            self.succeeded.emit(report)
        finally:
            if project is not None:
                project.close()

    def _steps(self, steps: Iterator[Progress]) -> Iterator[Progress]:
        try:
            for progress in steps:
                yield progress
                if self._cancel.is_set():
                    break
        finally:
            # Closing between items raises GeneratorExit inside the job, which rolls
            # back its open transaction and deletes temporary files.
            close = getattr(steps, "close", None)
            if close is not None:
                close()


class JobRunner(QObject):
    """At most one job at a time, with a progress dialog that has a Cancel button."""

    started = Signal(str)  # title
    progressed = Signal(int, int, str)
    finished = Signal(str, object)  # outcome (SUCCEEDED...), report or message
    busyChanged = Signal(bool)

    def __init__(self, parent_widget: QWidget | None = None, *, show_dialog: bool = True) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.show_dialog = show_dialog
        self.running: JobThread | None = None  # the job now running, if any
        self._live: set[JobThread] = set()  # started and not yet finished
        self.dialog: QProgressDialog | None = None
        self._on_success: Callable[[Any], None] | None = None

    @property
    def busy(self) -> bool:
        return self.running is not None

    def start(
        self,
        title: str,
        project_path: Path | None,
        build: JobBuilder,
        on_success: Callable[[Any], None] | None = None,
    ) -> JobThread:
        if self.running is not None:
            raise KnownError("another job is still running; wait for it or cancel it")
        # No Qt parent: the thread object lives exactly as long as this set holds it, and
        # it leaves the set only once its OS thread has ended (see _thread_ended).
        thread = JobThread(project_path, build)
        self.running = thread
        self._on_success = on_success
        # Bound methods of this QObject: queued into the GUI thread, never lambdas that
        # would keep the thread object alive or run in the worker.
        thread.progressed.connect(self._progressed)
        thread.succeeded.connect(self._succeeded)
        thread.failed.connect(self._failed)
        thread.crashed.connect(self._crashed)
        thread.cancelled.connect(self._cancelled)
        thread.finished.connect(self._thread_ended)
        self._live.add(thread)
        if self.show_dialog:
            self.dialog = self._make_dialog(title, thread)
        self.busyChanged.emit(True)
        self.started.emit(title)
        thread.start()
        return thread

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText("Cancelling after the current item...")

    def wait(self) -> None:
        """Cancel the job and block until its thread has stopped (the window is closing)."""
        for thread in list(self._live):
            thread.cancel()
            thread.wait()

    def _make_dialog(self, title: str, thread: JobThread) -> QProgressDialog:
        dialog = QProgressDialog(self.parent_widget)
        dialog.setWindowTitle(title)
        # Messages name files and documents: never let Qt read them as rich text.
        dialog.setLabel(plain_label(title))
        dialog.setCancelButtonText("Cancel")
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(300)  # quick jobs finish before it would flash
        dialog.setRange(0, 0)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _current(self) -> bool:
        return self.sender() is self.running and self.running is not None

    def _succeeded(self, report: object) -> None:
        if self._current():
            self._done(SUCCEEDED, report)

    def _failed(self, message: str) -> None:
        if self._current():
            self._done(FAILED, message)

    def _crashed(self, summary: str, text: str) -> None:
        if self._current():
            self._done(CRASHED, (summary, text))

    def _cancelled(self) -> None:
        if self._current():
            self._done(CANCELLED, None)

    def _thread_ended(self) -> None:
        thread = self.sender()
        if isinstance(thread, JobThread):
            thread.wait()  # QThread.finished comes just before the OS thread exits
            self._live.discard(thread)

    def _progressed(self, done: int, total: int, message: str) -> None:
        if not self._current():
            return
        if self.dialog is not None:
            if total > 0:
                self.dialog.setRange(0, total)
                self.dialog.setValue(min(done, total))
            if message and not (self.running and self.running.cancel_requested):
                self.dialog.setLabelText(message)
        self.progressed.emit(done, total, message)

    def _done(self, outcome: str, payload: object) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        callback = self._on_success
        self.running = None
        self._on_success = None
        self.busyChanged.emit(False)
        if outcome == SUCCEEDED and callback is not None:
            callback(payload)
        self.finished.emit(outcome, payload)


class IndexProbe(QThread):
    """Read the Argos package index at start, off the GUI thread: only when the user
    opted in (see :mod:`.model_download`), never by default.

    ``answered`` carries the index's packages (a list of PackageRow), or None offline;
    the Download models dialog then lists them without connecting again.
    """

    answered = Signal(object)

    def __init__(self, timeout: float = 5.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout = timeout

    def run(self) -> None:
        from workbench.gui.translation import translation_api

        try:
            rows = translation_api.available(self.timeout)
        except KnownError:
            rows = None
        except Exception:  # a bug in the probe must not take the window down; say it
            traceback.print_exc()
            rows = None
        self.answered.emit(rows)
