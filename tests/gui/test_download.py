"""Online: the window finds the package index, offers "Download...", and downloads.

The "network" is a local HTTP server holding an index (argospm's format) and a test
package, so the probe, the offer and the download all run their real code paths.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.argos_model import build_package
from workbench.gui.main_window import MainWindow
from workbench.gui.models_dialog import ModelsDialog
from workbench.gui.workers import SUCCEEDED


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def index_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    served = tmp_path / "served"
    served.mkdir()
    build_package(served, "ar")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    entry = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "ar",
        "from_name": "Arabic",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [f"{base}/ar_en.argosmodel"],
    }
    (served / "index.json").write_text(json.dumps([entry]), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"{base}/index.json")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where the index is cached
    monkeypatch.delenv("WORKBENCH_OFFLINE")
    yield base
    server.shutdown()
    server.server_close()


def test_the_window_offers_and_downloads_a_model(
    qtbot, index_server: str, seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(seeded_path)  # online unknown: it asks the index
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.index_probed, timeout=30_000)
    assert window.online
    window.documents.select(5)  # seed 004, Arabic
    pane = window.translation
    assert pane.download_button.isVisible() and pane.install_button.isVisible()

    dialog = ModelsDialog(window.packages_dir, index=window.index, parent=window)
    dialog.show()
    assert dialog.download_button.isVisible()
    [row] = window.index
    assert (row.from_code, row.to_code, row.version) == ("ar", "en", "1.0")
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000) as finished:
        assert dialog.download(row)
    assert finished.args[0] == SUCCEEDED, finished.args
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Arabic → English"
    dialog.close()
    window.models_changed()
    assert pane.translate_button.isVisible()
    assert errors == []
    window.close()


def test_offline_the_probe_says_so_quietly(
    qtbot, seeded_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/index.json")  # nothing listens
    monkeypatch.delenv("WORKBENCH_OFFLINE")
    window = MainWindow(seeded_path)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.index_probed, timeout=30_000)
    assert window.index is None and not window.online
    window.documents.select(5)
    assert not window.translation.download_button.isVisible()
    window.close()
