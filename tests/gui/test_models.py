"""Translation models in the window: the Models dialog, the pane's banner, translating.

Packages are real Argos packages made by ``tests.support.argos_model`` (random weights,
real files); installing goes through the same validation as ``workbench models install``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.support.argos_model import build_package
from workbench.gui.common.workers import FAILED, SUCCEEDED
from workbench.gui.translation.models_dialog import ModelsDialog
from workbench.gui.translation.translation_pane import NOT_YET


@pytest.fixture(scope="module")
def fa_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("packages"), "fa")


@pytest.fixture
def dialog(qtbot, tmp_path: Path, errors: list[str]) -> ModelsDialog:  # type: ignore[no-untyped-def]
    dialog = ModelsDialog(tmp_path / "installed")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def install(qtbot, dialog: ModelsDialog, path: Path) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000) as finished:
        assert dialog.install_file(path)
    return str(finished.args[0])


def test_install_and_remove_through_the_dialog(
    qtbot, dialog: ModelsDialog, fa_package: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(dialog.changed):
        assert install(qtbot, dialog, fa_package) == SUCCEEDED
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "Persian → English"
    assert dialog.table.item(0, 1).text() == "1.0"
    assert "1 model(s) installed" in dialog.note.text()
    dialog.table.selectRow(0)
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(dialog.changed):
        assert dialog.remove_selected(confirm=False)
    assert dialog.table.rowCount() == 0
    assert [p for p in (tmp_path / "installed").iterdir() if not p.name.startswith(".")] == []


def hostile_zip(path: Path) -> Path:
    top = "translate-fa_en-1_0"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps({"from_code": "fa", "to_code": "en"}))
        zf.writestr(f"{top}/model/model.bin", b"\0" * 16)
        zf.writestr(f"{top}/sentencepiece.model", b"x")
        zf.writestr(f"{top}/../../escaped.txt", "this must never be written")
    return path


def test_a_hostile_package_is_refused_with_a_message(
    qtbot, dialog: ModelsDialog, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    archive = hostile_zip(tmp_path / "evil.argosmodel")
    assert install(qtbot, dialog, archive) == FAILED
    assert len(errors) == 1 and "refused" in errors[0] and "outside the package" in errors[0]
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path.parent / "escaped.txt").exists()
    assert dialog.table.rowCount() == 0


def test_a_file_that_is_no_package_is_refused(
    qtbot, dialog: ModelsDialog, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "notes.argosmodel"
    fake.write_text("just text", encoding="utf-8")
    assert install(qtbot, dialog, fake) == FAILED
    assert "not a zip archive" in errors[0]


def test_the_pane_offers_a_model_then_translation(window, qtbot, fa_package: Path) -> None:  # type: ignore[no-untyped-def]
    pane = window.translation
    window.documents.select(3)  # seed 002, Persian
    assert window.document.lang == "fa"
    assert pane.banner.isVisible()
    assert "No translation model for Persian" in pane.message.text()
    assert pane.install_button.isVisible()
    # "Download..." opens a dialog that asks before connecting: offered offline too.
    assert pane.download_button.isVisible()
    assert not pane.translate_button.isVisible()

    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.install_model_from_file(fa_package)
    assert finished.args[0] == SUCCEEDED
    assert "31 of 31 sentences are not translated yet" in pane.message.text()
    assert pane.translate_button.isVisible() and not pane.install_button.isVisible()

    with qtbot.waitSignal(window.runner.finished, timeout=180_000) as finished:
        pane.translate_button.click()
    assert finished.args[0] == SUCCEEDED, finished.args
    assert pane.view.untranslated == []
    assert NOT_YET not in pane.view.toPlainText()
    assert not pane.banner.isVisible()
    row = window.documents.model.row_of(3)
    assert window.documents.model.document(row).translated == 31


def test_translating_without_a_model_says_what_to_do(window, qtbot, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    window.documents.select(5)  # seed 004, Arabic; no model installed
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.menu_actions.translate_document.trigger()
    assert finished.args[0] == SUCCEEDED
    assert len(errors) == 1
    assert "no model is installed for Arabic" in errors[0] and "Models" in errors[0]


def test_several_files_at_once_and_the_folder_is_remembered(
    qtbot, dialog: ModelsDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "downloads"
    folder.mkdir()
    files = [build_package(folder, "tr"), build_package(folder, "ar")]
    bad = hostile_zip(folder / "evil.argosmodel")
    asked: list[str] = []
    answers = [[str(p) for p in [*files, bad]], []]  # then: the user cancels

    def choose(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)  # the folder the dialog opens in
        return answers.pop(0), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000) as finished:
        dialog.install_button.click()
    assert finished.args[0] == SUCCEEDED
    assert [dialog.table.item(n, 0).text() for n in range(2)] == [
        "Arabic → English",
        "Turkish → English",
    ]
    # The refused file is named, the others are installed all the same.
    assert len(errors) == 1 and "evil.argosmodel: refused" in errors[0]
    assert not dialog.install_file()  # asked again, cancelled
    assert asked == [str(Path.home()), str(folder)]


def test_the_banner_follows_an_install_while_the_models_dialog_is_open(
    window, qtbot, fa_package: Path
) -> None:  # type: ignore[no-untyped-def]
    pane = window.translation
    window.documents.select(3)  # Persian, no model yet
    assert pane.install_button.isVisible()
    dialog = window.show_models()
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
        assert dialog.install_file(fa_package)
    assert dialog.isVisible()
    assert pane.translate_button.isVisible() and not pane.install_button.isVisible()
    dialog.table.selectRow(0)
    assert dialog.remove_selected(confirm=False)
    assert pane.install_button.isVisible() and not pane.translate_button.isVisible()
    dialog.close()


def test_a_model_in_use_by_a_translation_cannot_be_removed(
    window, qtbot, tmp_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.common.workers import CANCELLED

    # A model that never ends a sentence (decodes to the cap): the job runs for a while.
    slow = build_package(tmp_path, "fa", eos_bias=-50.0)
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.install_model_from_file(slow)
    window.documents.select(3)
    with qtbot.waitSignal(
        window.runner.progressed,
        timeout=60_000,
        check_params_cb=lambda done, total, message: message.startswith("Translating"),
    ):
        window.translate_document()
    dialog = window.show_models()
    dialog.table.selectRow(0)
    assert window.runner.busy
    assert not dialog.remove_selected(confirm=False)
    assert errors == [
        "the fa → en model is in use by a running translation; wait for it to finish or "
        "cancel it, then remove the model"
    ]
    assert dialog.table.rowCount() == 1
    with qtbot.waitSignal(window.runner.finished, timeout=60_000) as finished:
        window.runner.cancel()
    assert finished.args[0] == CANCELLED
    assert dialog.remove_selected(confirm=False)
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_translate_all_shows_translations_as_they_are_stored(  # type: ignore[no-untyped-def]
    window, qtbot, fa_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from workbench.gui.window import window_jobs
    from workbench.translation import translator
    from workbench.translation.translator import PackageTranslator

    monkeypatch.setattr(window_jobs, "LIVE_EVERY", 0.0)
    monkeypatch.setattr(translator, "CHUNK_TOKENS", 40)  # many small chunks, each stored
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.install_model_from_file(fa_package)
    window.documents.select(3)  # seed 002, Persian: 31 sentences
    # The job waits before its third chunk until the window has shown part of the work,
    # however busy the machine: what is checked is the window, not a race.
    seen_part = threading.Event()
    real = PackageTranslator.translate_tokens
    calls: list[int] = []

    def held(self: PackageTranslator, sources: list[list[str]], *, beam_size: int = 4) -> list[str]:
        calls.append(len(sources))
        if len(calls) == 3:
            seen_part.wait(60)
        return real(self, sources, beam_size=beam_size)

    monkeypatch.setattr(PackageTranslator, "translate_tokens", held)
    seen: list[tuple[int, int]] = []  # (listed as translated, shown translated) while running
    model = window.documents.model

    def look(*_: object) -> None:
        listed = model.document(model.row_of(3)).translated
        shown = 31 - len(window.translation.view.untranslated)
        seen.append((listed, shown))
        if 0 < listed < 31 and shown == listed:
            seen_part.set()

    window.runner.progressed.connect(look)  # after the window's own handler
    with qtbot.waitSignal(window.runner.finished, timeout=180_000) as finished:
        window.translate_all()
    assert finished.args[0] == SUCCEEDED
    assert seen_part.is_set(), seen  # part of the document listed and shown before the end
    assert all(shown >= listed for listed, shown in seen)
