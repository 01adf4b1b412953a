"""The fault suite: other programs on the same file, kill -9, full disks, changed data.

These tests use real processes and real SQLite files, no mocks. The window's fixtures
(headless Qt, isolated settings, a seeded project) are the GUI tests' own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import (  # noqa: F401 - fixtures used by the tests here
    OFFSCREEN_NOISE,
    annotator,
    errors,
    gui_app,
    seeded_path,
    window,
)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def all_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packages folder with the tiny real tr, fa and ar test models installed."""
    from tests.support.argos_model import build_package
    from workbench.translation.packages import install_package

    built = tmp_path_factory.mktemp("fault-models")
    folder = tmp_path_factory.mktemp("fault-packages")
    for lang in ("tr", "fa", "ar"):
        prefix = "__en__" if lang == "fa" else ""
        install_package(build_package(built, lang, eos_after=10.0, target_prefix=prefix), folder)
    return folder
