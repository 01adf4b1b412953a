"""Fixtures for the window tests: headless Qt, isolated settings, a project of the seeds.

``QT_QPA_PLATFORM=offscreen`` is set before anything imports Qt. Settings, standard paths
and the Argos packages folder point into the test's temporary folder, so a test never
reads or writes the user's own. Modal message boxes would block a test, so the two
functions that show them record their messages instead (``errors`` fixture).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from workbench.ops.importing import ImportJob  # noqa: E402
from workbench.storage.project import Project  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HERE = Path(__file__).resolve().parent
# The offscreen platform has no window system to pass size limits or stacking order to,
# and says so at warning level; that is the test platform talking, not the workbench.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the (keyboard|mouse))"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def gui_app(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings, QStandardPaths

    from workbench.gui.common.app import make_app

    # Test mode puts Qt's standard folders under ~/.qttest: HOME is this test's own, so a
    # default project left there by another run (or another version) is never reused.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    return make_app()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the GUI would have shown in a modal box (KnownErrors, then bugs)."""
    from workbench.gui.common import dialogs

    shown: list[str] = []
    monkeypatch.setattr(
        dialogs,
        "show_error",
        lambda parent, text, details=None: shown.append(text + (f"\n{details}" if details else "")),
    )
    monkeypatch.setattr(
        dialogs, "show_bug", lambda parent, summary, text: shown.append(f"BUG {summary}\n{text}")
    )
    return shown


def import_seeds(path: Path) -> Path:
    with Project.open(path) as project:
        job = ImportJob(project, [SEEDS])
        for _ in job.run():
            pass
        assert len(job.report.imported) == 5
    return path


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    """A project file holding the five seeds (the window opens its own connection)."""
    return import_seeds(tmp_path / "p.wbproj")


@pytest.fixture
def window(qtbot, seeded_path: Path, errors: list[str]) -> Iterator:  # type: ignore[no-untyped-def]
    from workbench.gui.window.main_window import MainWindow

    win = MainWindow(seeded_path, online=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def annotator() -> str:
    """An annotator name already in the settings, so no test is asked for one."""
    from workbench.gui.annotation.tagger import ANNOTATOR_KEY
    from workbench.gui.common.app import settings

    settings().setValue(ANNOTATOR_KEY, "ayşe")
    return "ayşe"


@pytest.fixture
def emoji_window(qtbot, tmp_path: Path, errors: list[str], annotator: str):  # type: ignore[no-untyped-def]
    """A project with one Turkish note whose words follow emoji (two UTF-16 units each)."""
    note = tmp_path / "emoji.txt"
    note.write_text(
        "😀😀 Trump'ın Putin'e yazdığı mektup 👍🏽 Ankara'da açıklandı.\n", encoding="utf-8"
    )
    path = tmp_path / "emoji.wbproj"
    with Project.open(path) as project:
        job = ImportJob(project, [note])
        for _ in job.run():
            pass
    from workbench.gui.window.main_window import MainWindow

    win = MainWindow(path, online=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
