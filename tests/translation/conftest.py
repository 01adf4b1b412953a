"""Fixtures for translation tests: real (tiny) Argos packages, isolated folders, no network.

The packages are built once per session (a SentencePiece model trained on the seeds and
a random-weight CTranslate2 Transformer, see ``tests/support/argos_model.py``) and
installed with our own ``install_package``. Every test runs with ``ARGOS_PACKAGES_DIR``
and the XDG folders pointing into its temporary directory, so nothing reads or writes
the real ``~/.local/share/argos-translate``.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.argos_model import build_package
from workbench.ops.translating import TranslateJob
from workbench.storage.project import Project
from workbench.translation.packages import install_package

LANGS = ("tr", "fa", "ar")
# Short outputs keep a full translation of the five seeds around a second.
EOS_AFTER = 10.0


@pytest.fixture(autouse=True)
def argos_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default packages folder of this test (not created)."""
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    for name in ("SNAP", "ARGOS_PACKAGE_INDEX"):
        monkeypatch.delenv(name, raising=False)
    return packages


@pytest.fixture(scope="session")
def argos_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``.argosmodel`` files for tr, fa and ar into English (fa uses a target prefix)."""
    out = tmp_path_factory.mktemp("argosmodels")
    return {
        lang: build_package(
            out, lang, eos_after=EOS_AFTER, target_prefix="__en__" if lang == "fa" else ""
        )
        for lang in LANGS
    }


@pytest.fixture(scope="session")
def tr_v2_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tr -> en package again, as version 1.1 (other weights)."""
    return build_package(
        tmp_path_factory.mktemp("argosmodels-v2"), "tr", version="1.1", eos_after=EOS_AFTER, seed=5
    )


@pytest.fixture(scope="session")
def all_models(argos_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A packages folder with tr, fa and ar installed; tests must not change it."""
    folder = tmp_path_factory.mktemp("packages-all")
    for path in argos_files.values():
        install_package(path, folder)
    return folder


@pytest.fixture
def tr_only(argos_files: dict[str, Path], tmp_path: Path) -> Path:
    """A packages folder of this test's own, with only tr -> en installed."""
    folder = tmp_path / "packages-tr"
    install_package(argos_files["tr"], folder)
    return folder


class NetworkLog:
    def __init__(self) -> None:
        self.attempts: list[str] = []


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> NetworkLog:
    """Every Python socket refused and recorded."""
    log = NetworkLog()

    def refuse(*args: object, **kwargs: object) -> None:
        log.attempts.append(repr(args)[:80])
        raise OSError(101, "Network is unreachable (disabled in tests)")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return log


@pytest.fixture(scope="session")
def translated_seeds(all_models: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed project file holding the five seeds, translated with all three models."""
    from workbench.ops.importing import ImportJob

    path = tmp_path_factory.mktemp("translated") / "seeds.wbproj"
    with Project.open(path) as project:
        list(ImportJob(project, [Path(__file__).resolve().parents[2] / "seeds"]).run())
        list(TranslateJob(project, packages_dir=all_models, beam_size=2).run())
    return path


@pytest.fixture
def translated(translated_seeds: Path, tmp_path: Path) -> Iterator[Project]:
    """This test's own copy of the translated seeds project."""
    path = tmp_path / "translated.wbproj"
    shutil.copyfile(translated_seeds, path)
    with Project.open(path) as project:
        yield project
