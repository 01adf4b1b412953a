"""The schema editor: rename, recolour, re-key, add, remove, presets; stored and undoable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from tests.gui.driving import select_by_keys, show, stored_mentions
from workbench.gui.common import dialogs


def label_row(path: Path, name: str) -> tuple[str, str | None] | None:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT color, shortcut FROM labels WHERE kind = 'entity' AND name = ?", (name,)
        ).fetchone()


def test_rename_recolour_and_rekey_through_the_dialog(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    start = view.text.index("ترامپ")
    select_by_keys(qtbot, view, start, start + 5)
    qtbot.keyClick(view, Qt.Key.Key_P)

    window.menu_actions.edit_schema.trigger()
    editor = window.schema_editor
    assert editor.isVisible()
    assert editor.select("entity", "PER")

    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: ("PERSON", True))
    assert editor.rename_selected()
    assert label_row(seeded_path, "PERSON") is not None and label_row(seeded_path, "PER") is None
    assert [m[4] for m in stored_mentions(seeded_path)] == ["PERSON"]  # the mention too
    assert window.tagger.panel.model.index(0, 0).data() == "PERSON"
    assert editor.selected().name == "PERSON"

    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    assert editor.recolour_selected()
    assert label_row(seeded_path, "PERSON")[0] == "#123456"
    assert window.tagger.highlights.colors[("entity", "PERSON")] == QColor("#123456")

    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: ("x", True))
    assert editor.rekey_selected()
    assert label_row(seeded_path, "PERSON")[1] == "x"
    assert window.tagger.palette.item_for("PERSON").text(1) == "X"

    # ORG has "o": refused with the operation's message, nothing changed, nothing to undo.
    depth = window.undo_stack.count()
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: ("O", True))
    assert not editor.rekey_selected()
    assert errors and "taken by ORG" in errors[-1]
    assert label_row(seeded_path, "PERSON")[1] == "x" and window.undo_stack.count() == depth

    # The new key labels; then undo everything back to PER with its old colour and key.
    select_by_keys(qtbot, view, view.text.index("پوتین"), view.text.index("پوتین") + 5)
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert [m[4] for m in stored_mentions(seeded_path)] == ["PERSON", "PERSON"]
    for _ in range(4):
        window.menu_actions.undo.trigger()
    assert label_row(seeded_path, "PER") == ("#e15759", "p")
    assert [m[4] for m in stored_mentions(seeded_path)] == ["PER"]
    assert editor.select("entity", "PER")
    editor.close()


def test_add_and_remove_labels_and_apply_a_preset(
    window, seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    window.show_schema_editor()
    editor = window.schema_editor
    assert editor.add_label("entity", "NORP")
    assert label_row(seeded_path, "NORP") is not None
    assert "NORP" in [x.name for x in window.tagger.palette.labels()]
    assert editor.select("event", "Contact.Meet")
    assert editor.add_label("role", "Topic")
    assert window.tagger.schema.roles_of("Contact.Meet")[-1].name == "Topic"
    assert editor.select("entity", "NORP") and editor.remove_selected()
    assert label_row(seeded_path, "NORP") is None

    assert editor.apply_preset("plover")
    names = {x.name for x in window.tagger.schema.events}
    assert "AGREE" in names and "Contact.Meet" not in names
    window.menu_actions.undo.trigger()
    assert "Contact.Meet" in {x.name for x in window.tagger.schema.events}
    assert errors == []
