"""View › Join Wrapped Lines: a PDF's hard-wrapped paragraphs read as paragraphs.

Only the display changes: the shown text keeps the stored text's length, so a word
tagged in the joined view is stored at its exact code points in the canonical text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.driving import select_by_keys, show, stored_mentions
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def test_joined_by_default_and_toggled_from_the_view_menu(window, seeded_path: Path) -> None:  # type: ignore[no-untyped-def]
    show(window, "000")
    action = window.menu_actions.join_wrapped
    assert action.isChecked() == window.source.join_wrapped
    if not action.isChecked():
        action.setChecked(True)
    joined_blocks = window.source.document().blockCount()
    with Project.open(seeded_path) as project:
        text = store_docs.get_document(project.conn, window.document.id).text
    assert joined_blocks < text.count("\n") / 2
    action.setChecked(False)
    assert window.source.document().blockCount() == text.count("\n") + 1
    assert window.source.text == text
    action.setChecked(True)
    assert window.source.document().blockCount() == joined_blocks


def test_a_word_tagged_across_a_joined_line_end_keeps_its_offsets(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    window.menu_actions.join_wrapped.setChecked(True)
    doc_id = show(window, "000")
    view = window.source
    with Project.open(seeded_path) as project:
        text = store_docs.get_document(project.conn, doc_id).text
    # "olarak \nbir" is one line in the view; tag the word after the wrap.
    start = text.index("olarak \nbir") + len("olarak \n")
    select_by_keys(qtbot, view, start, start + 3)
    qtbot.keyClick(view, Qt.Key.Key_P)
    ((_, doc, s, e, label, _who),) = stored_mentions(seeded_path)
    assert (doc, text[s:e], label) == (doc_id, "bir", "PER")
    assert (s, e) == (start, start + 3)
