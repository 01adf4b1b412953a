"""Undo and redo never touch a row that is not theirs, whatever other programs did.

The reproduction from the issue: tag a mention, undo, let another program import a
doccano file that adds a mention to another document, then redo and undo. Before, the
import took the freed id, redo failed on a UNIQUE constraint while the stack moved on,
and the next undo deleted the imported mention. Ids now never come back, and every
inverse names the row it expects; a step that finds the file changed writes nothing,
says so, and clears the history.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.driving import select_by_keys, show, stored_mentions


def _import_doccano(tmp_path: Path, project: Path, text: str, span: tuple[int, int]) -> None:
    line = {"text": text, "label": [[span[0], span[1], "ORG"]]}
    source = tmp_path / "colleague.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "workbench", "import", str(project), str(source)],
        check=True,
        capture_output=True,
    )


def _tag(qtbot, window, prefix: str, word: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    doc_id = show(window, prefix)
    view = window.source
    start = view.text.index(word)
    select_by_keys(qtbot, view, start, start + len(word))
    qtbot.keyClick(view, Qt.Key.Key_P)
    return doc_id, start, start + len(word)


def test_redo_after_an_external_import_and_undo_deletes_only_its_own(
    window, qtbot, tmp_path: Path, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    doc_id, start, end = _tag(qtbot, window, "002", "ترامپ")
    ((mine, *_),) = stored_mentions(seeded_path)
    window.undo_stack.undo()
    assert stored_mentions(seeded_path) == []

    _import_doccano(tmp_path, seeded_path, "Reuters reported it.", (0, 7))
    ((theirs, their_doc, *_),) = stored_mentions(seeded_path)
    assert theirs != mine, "the import took the id of the undone mention"

    window.undo_stack.redo()
    assert errors == []
    assert {(r[0], r[1], r[2], r[3]) for r in stored_mentions(seeded_path)} == {
        (mine, doc_id, start, end),
        (theirs, their_doc, 0, 7),
    }
    window.undo_stack.undo()
    assert [r[0] for r in stored_mentions(seeded_path)] == [theirs]


def test_undo_of_a_mention_another_program_changed_writes_nothing_and_says_why(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    _tag(qtbot, window, "002", "ترامپ")
    ((mine, *_),) = stored_mentions(seeded_path)
    with sqlite3.connect(seeded_path) as other:  # a colleague's script relabels it
        other.execute("UPDATE mentions SET label = 'ORG' WHERE id = ?", (mine,))
    assert window.undo_stack.canUndo()

    window.undo_stack.undo()
    assert [(r[0], r[4]) for r in stored_mentions(seeded_path)] == [(mine, "ORG")]
    assert len(errors) == 1 and "changed by another program" in errors[0]
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)  # stack and file agree again
    assert not window.undo_stack.canRedo()


def test_a_failed_redo_leaves_stack_and_file_in_agreement(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    doc_id, *_ = _tag(qtbot, window, "004", "ترامب")
    window.undo_stack.undo()
    with sqlite3.connect(seeded_path) as other:  # the document goes away meanwhile
        other.execute("PRAGMA foreign_keys = ON")
        other.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    window.undo_stack.redo()
    assert stored_mentions(seeded_path) == []
    assert errors and "BUG" not in errors[0]
    qtbot.waitUntil(lambda: window.undo_stack.count() == 0)
