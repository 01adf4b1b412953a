"""The window commands: ``render`` (a PNG without a screen), ``open``, and the default."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import SEEDS
from workbench.cli.common import Group
from workbench.cli.window import COMMANDS
from workbench.gui.window.main_window import MainWindow


def cli() -> click.Group:
    group = Group("workbench")
    for command in COMMANDS:
        group.add_command(command)
    return group


def ink_columns(image: QImage, top: int, bottom: int) -> tuple[int, int]:
    """Leftmost and rightmost columns with dark pixels between rows top and bottom."""
    xs = [
        x
        for y in range(top, bottom)
        for x in range(30, image.width())
        if image.pixelColor(x, y).lightness() < 100
    ]
    return min(xs), max(xs)


def test_render_writes_a_png_of_the_asked_width(seeded_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "002.png"
    result = CliRunner().invoke(
        cli(),
        ["render", str(seeded_path), "002_cd534f5e258f1d2c", "-o", str(out), "--width", "640"],
    )
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert image.width() == 640 and image.height() > 500
    # The Persian document's first line hugs the right edge, as in the window.
    left, right = ink_columns(image, 14, 40)
    assert right > 640 - 40 and left < 200

    out = tmp_path / "000.png"
    result = CliRunner().invoke(cli(), ["render", str(seeded_path), "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert image.width() == 900
    left, right = ink_columns(image, 14, 40)  # the Turkish title starts at the left
    assert left < 60 and right < 600


def test_render_refuses_unknown_documents(seeded_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli(), ["render", str(seeded_path), "nope", "-o", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 1
    assert "no document 'nope'" in result.output


def test_commands_have_help() -> None:
    for command in COMMANDS:
        assert command.help and len(command.help) > 40


def run_until_idle(qtbot, seen: list) -> Callable[[QApplication], int]:  # type: ignore[no-untyped-def]
    """Stands in for QApplication.exec: waits for the window's jobs, notes it, closes it."""

    def exec_(app: QApplication) -> int:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        assert len(windows) == 1
        window = windows[0]
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
        seen.append((window.project.path, window.documents.model.rowCount()))
        window.close()
        window.deleteLater()
        return 0

    return exec_


def test_open_imports_paths_into_the_window(qtbot, tmp_path: Path, monkeypatch, errors) -> None:  # type: ignore[no-untyped-def]
    seen: list = []
    monkeypatch.setattr(QApplication, "exec", run_until_idle(qtbot, seen))
    project = tmp_path / "new.wbproj"
    result = CliRunner().invoke(cli(), ["open", str(project), str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert seen == [(project, 5)]
    assert errors == []


def test_open_default_reopens_the_last_project(
    qtbot, tmp_path: Path, monkeypatch, seeded_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from workbench.cli.window import open_default
    from workbench.gui.common.app import default_project_path, remember_project

    seen: list = []
    monkeypatch.setattr(QApplication, "exec", run_until_idle(qtbot, seen))
    with pytest.raises(SystemExit) as exit_:
        open_default()  # no project used yet: a new default one
    assert exit_.value.code == 0
    assert seen[-1] == (default_project_path(), 0)
    remember_project(seeded_path)
    with pytest.raises(SystemExit):
        open_default()
    assert seen[-1] == (seeded_path.resolve(), 5)
