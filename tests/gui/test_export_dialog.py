"""File › Export offers every format the CLI has, opens in the project's folder, and says
what the format left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from tests.support.seed_annotations import annotate_seeds
from workbench.gui.common.workers import SUCCEEDED
from workbench.gui.window.main_window import MainWindow
from workbench.gui.window.window_jobs import EXPORT_FILTERS
from workbench.io.formats import FORMATS
from workbench.storage.project import Project


def test_export_action_dialog_and_report(qtbot, seeded_path: Path, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    with Project.open(seeded_path) as project:  # before the window opens its connection
        annotate_seeds(project)
    window = MainWindow(seeded_path, online=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Export..." in [a.text() for a in file_menu.actions()]

    dialog = window.export_file_dialog()
    assert isinstance(dialog, QFileDialog)
    assert Path(dialog.directory().absolutePath()) == seeded_path.parent
    assert sorted(EXPORT_FILTERS.values()) == sorted(FORMATS)
    assert dialog.nameFilters() == list(EXPORT_FILTERS)
    dialog.deleteLater()

    target = seeded_path.parent / "out.conll"
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.export_dialog(target, "conll")
    assert finished.args[0] == SUCCEEDED
    assert target.read_text(encoding="utf-8").startswith("-DOCSTART-")
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Exported to {target}.") and "5 events" in message

    folder = seeded_path.parent / "brat"
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.export_dialog(folder, "brat")
    assert finished.args[0] == SUCCEEDED
    assert (folder / "annotation.conf").is_file() and len(list(folder.glob("*.ann"))) == 5
    assert errors == []
    window.close()
