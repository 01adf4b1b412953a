"""Jobs on a worker thread: progress and results by signal, Cancel between items."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.conftest import SEEDS
from workbench.errors import KnownError
from workbench.gui.common.workers import CANCELLED, CRASHED, FAILED, SUCCEEDED, JobRunner
from workbench.ops.importing import ImportJob
from workbench.progress import Progress
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


@pytest.fixture
def runner(qtbot) -> JobRunner:  # type: ignore[no-untyped-def]
    runner = JobRunner(None, show_dialog=False)
    yield runner
    runner.wait()


def test_import_runs_off_the_gui_thread_and_reports(
    runner: JobRunner, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbproj"
    Project.open(path).close()
    seen_threads = []
    progress = []
    runner.progressed.connect(lambda done, total, message: progress.append((done, total)))

    def build(project: Project) -> ImportJob:
        seen_threads.append(threading.get_ident())
        return ImportJob(project, [SEEDS])

    with qtbot.waitSignal(runner.finished, timeout=60_000) as finished:
        runner.start("Importing", path, build)
        assert runner.busy
    outcome, report = finished.args
    assert outcome == SUCCEEDED
    assert len(report.imported) == 5
    assert seen_threads and seen_threads[0] != threading.get_ident()
    assert progress[-1] == (5, 5)
    assert not runner.busy
    with Project.open(path, create=False) as project:
        assert len(store_docs.list_documents(project.conn)) == 5


def test_cancel_closes_the_job_between_items(runner: JobRunner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbproj"
    Project.open(path).close()
    release = threading.Event()
    state = {"items": 0, "closed": False}

    def endless(project: Project | None) -> Iterator[Progress]:
        try:
            for n in range(1_000_000):
                state["items"] = n
                yield Progress(n, None, f"item {n}")
                release.wait(5)  # the first item waits until the test has pressed Cancel
        finally:
            state["closed"] = True

    with qtbot.waitSignal(runner.progressed, timeout=10_000):
        runner.start("Endless", path, endless)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.cancel()
        release.set()
    assert finished.args[0] == CANCELLED
    assert state["closed"]  # the generator was closed: its cleanup ran
    assert state["items"] < 5


def test_known_errors_and_bugs_are_told_apart(runner: JobRunner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbproj"
    Project.open(path).close()

    def refused(project: Project | None) -> Iterator[Progress]:
        yield Progress(0, 1)
        raise KnownError("that file is not a text file")

    def buggy(project: Project | None) -> Iterator[Progress]:
        yield Progress(0, 1)
        raise ZeroDivisionError("oops")

    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.start("Refused", path, refused)
    assert finished.args == [FAILED, "that file is not a text file"]
    with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
        runner.start("Buggy", path, buggy)
    outcome, (summary, text) = finished.args
    assert outcome == CRASHED and summary == "ZeroDivisionError: oops" and "Traceback" in text


def test_one_job_at_a_time(runner: JobRunner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def waiting(project: Project | None) -> Iterator[Progress]:
        release.wait(5)
        yield Progress(1, 1)

    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.start("First", None, waiting)
        with pytest.raises(KnownError):
            runner.start("Second", None, waiting)
        release.set()


def test_window_import_shows_progress_and_refreshes_the_list(
    window, qtbot, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text(
        "Yeni bir haber metni. İkinci cümle burada.\n", encoding="utf-8"
    )
    (extra / "empty.txt").write_bytes(b"")
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.import_paths([extra])
        assert window.runner.dialog is not None  # progress with a Cancel button
        assert window.runner.dialog.labelText()
        assert not window.menu_actions.import_documents.isEnabled()  # one job at a time
    assert finished.args[0] == SUCCEEDED
    assert window.documents.model.rowCount() == 6
    assert window.menu_actions.import_documents.isEnabled()
    assert errors and "empty.txt" in errors[0]  # the refused file is reported, plainly
