"""Downloading models in the window: nothing connects until the user says so.

The "network" is a local https server holding an index (argospm's format) and a test
package, with a log of every request, so the dialog's promise -- name the host, then
connect only on Connect -- is checked against what the server saw.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.argos_model import build_package
from tests.support.https_server import https_server
from workbench.gui.common.workers import CANCELLED, FAILED, SUCCEEDED
from workbench.gui.translation.model_download import INDEX_AT_START, DownloadDialog
from workbench.gui.window.main_window import MainWindow


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """An https index offering ar -> en; yields the log of requested paths."""
    root = tmp_path / "served"
    root.mkdir()
    build_package(root, "ar")
    log: list[str] = []
    with https_server(root, monkeypatch, log) as base:
        entry = {
            "package_version": "1.0",
            "from_code": "ar",
            "from_name": "Arabic",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "links": [f"{base}ar_en.argosmodel"],
        }
        (root / "index.json").write_text(json.dumps([entry]), encoding="utf-8")
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"{base}index.json")
        yield log


def test_the_dialog_names_the_host_and_connects_only_when_asked(
    qtbot, served: list[str], seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(seeded_path)  # as `workbench open` makes it
    qtbot.addWidget(window)
    window.show()
    window.documents.select(5)  # seed 004, Arabic
    pane = window.translation
    assert pane.download_button.isVisible() and pane.install_button.isVisible()
    assert window.index is None

    pane.download_button.click()
    dialog = window.findChild(DownloadDialog)
    assert isinstance(dialog, DownloadDialog) and dialog.isVisible()
    assert "connect to 127.0.0.1 (https://127.0.0.1:" in dialog.intro.text()
    assert dialog.connect_button.text() == "Connect to 127.0.0.1"
    assert dialog.table.rowCount() == 0 and not dialog.download_button.isEnabled()
    assert served == []  # named, not contacted

    with qtbot.waitSignal(dialog.runner.finished, timeout=30_000) as finished:
        dialog.connect_button.click()
    assert finished.args[0] == SUCCEEDED, finished.args
    assert served == ["/index.json"]
    assert dialog.table.item(0, 0).text() == "Arabic → English"
    assert dialog.note.text() == "Arabic → English 1.0 downloads from 127.0.0.1."

    # Cancel while the bytes come in (a slow link): nothing is installed or left behind.
    entry = dialog.rows[0].raw  # the index entry, its link made slow
    slow_link = entry.links[0].replace("/ar_en", "/slow/ar_en")
    slow_row = replace(dialog.rows[0], raw=replace(entry, links=(slow_link,)))
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000) as finished:
        with qtbot.waitSignal(
            dialog.runner.progressed,
            timeout=60_000,
            check_params_cb=lambda done, total, message: done > 0,
        ):
            assert dialog.download(slow_row)
        dialog.runner.cancel()
    assert finished.args[0] == CANCELLED, finished.args
    assert dialog.note.text() == "Cancelled."
    assert pane.install_button.isVisible()
    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    assert list(packages.iterdir()) == []

    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000) as finished:
        dialog.download_button.click()
    assert finished.args[0] == SUCCEEDED, finished.args
    assert served == ["/index.json", "/slow/ar_en.argosmodel", "/ar_en.argosmodel"]
    # The banner follows at once, with the dialog still open.
    assert dialog.isVisible()
    assert pane.translate_button.isVisible() and not pane.install_button.isVisible()
    assert errors == []
    dialog.close()
    window.close()


def test_offline_the_dialog_says_how_to_install_from_a_file(
    qtbot, monkeypatch: pytest.MonkeyPatch, errors: list[str], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "https://127.0.0.1:9/index.json")  # none listens
    dialog = DownloadDialog(tmp_path / "packages")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.runner.finished, timeout=30_000) as finished:
        assert dialog.read_index()
    assert finished.args[0] == FAILED
    assert "cannot reach the Argos package index" in errors[0]
    assert "workbench models install FILE.argosmodel" in dialog.note.text()
    assert dialog.connect_button.isEnabled() and dialog.table.rowCount() == 0


def test_reading_the_index_at_start_is_opt_in(
    qtbot, served: list[str], seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(seeded_path)
    qtbot.addWidget(first)
    assert first._probe is None and served == []  # off by default
    dialog = first.download_model()
    assert not dialog.at_start.isChecked()
    dialog.at_start.setChecked(True)  # the user opts in
    dialog.close()
    first.close()

    from workbench.gui.common.app import settings

    assert settings().value(INDEX_AT_START, False, type=bool)
    window = MainWindow(seeded_path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.index_probed, timeout=30_000)
    assert served == ["/index.json"]
    [row] = window.index
    assert (row.from_code, row.to_code, row.version) == ("ar", "en", "1.0")
    again = window.download_model("ar")  # lists at once, without connecting again
    assert again.table.rowCount() == 1 and served == ["/index.json"]
    again.close()
    never = MainWindow(seeded_path, online=False)  # tests and benchmarks: never
    qtbot.addWidget(never)
    assert never._probe is None
    never.close()
    window.close()
    assert errors == []
