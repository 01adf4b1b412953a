"""The window open while the command line imports, translates and exports the same file.

Neither side may fail with "database is locked", and the window shows what the others
wrote (new documents, translations, labels) without a restart.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.driving import select_by_keys, show, stored_mentions


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"haber{i:04d}.txt").write_text(
            f"Haber {i}. Trump ve Putin Alaska'da görüştü.\n\nİkinci paragraf {i}.\n",
            encoding="utf-8",
        )
    return folder


def test_tagging_while_the_cli_imports_translates_and_exports(
    window,
    qtbot,
    tmp_path: Path,
    seeded_path: Path,
    annotator: str,
    errors: list[str],
    all_models: Path,
) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(all_models)}
    corpus = _corpus(tmp_path / "corpus", 1500)
    cli = [sys.executable, "-m", "workbench"]
    others = [
        subprocess.Popen(
            [*cli, "import", str(seeded_path), str(corpus)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        subprocess.Popen(
            [*cli, "translate", str(seeded_path), "--doc", "3"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    ]
    doc_id = show(window, "002")
    view = window.source
    words = ["ترامپ", "پوتین", "آلاسکا", "ترامپ", "پوتین"]
    tagged = 0
    position = 0
    while any(p.poll() is None for p in others) or tagged < len(words):
        if tagged < len(words):
            start = view.text.index(words[tagged], position)
            position = start + 1
            select_by_keys(qtbot, view, start, start + len(words[tagged]))
            qtbot.keyClick(view, Qt.Key.Key_P)
            tagged += 1
            exported = subprocess.run(
                [*cli, "export", str(seeded_path), "-o", "-"],
                env=env,
                capture_output=True,
                text=True,
            )
            assert exported.returncode == 0, exported.stderr
        qtbot.wait(200)
    for p in others:
        out, err = p.communicate()
        assert p.returncode == 0, err
    assert errors == []
    assert len(stored_mentions(seeded_path, doc_id)) == len(words)

    with sqlite3.connect(seeded_path) as other:  # a colleague's script adds a label
        other.execute(
            "INSERT INTO labels (kind, name, color, shortcut, position)"
            " VALUES ('entity', 'WITNESS', '#123456', NULL, 99)"
        )
    # The window shows the 1,500 new documents, the translations and the new label.
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 5 + 1500, timeout=10_000)
    qtbot.waitUntil(
        lambda: "WITNESS" in [x.name for x in window.tagger.schema.entities], timeout=5000
    )
    assert window.document.id == doc_id  # still on screen: updated in place
    qtbot.waitUntil(
        lambda: all(s.translation is not None for s in window.document.sentences), timeout=5000
    )
    assert window.translation.view.toPlainText().strip()
