"""The knowledge base in the window, on the seeds: Trump (000), ترامپ (002) and ترامب
(004) linked to one entity with Ctrl+K; the entity found in every seed that names it;
annotate all in one undo step; the Entities panel, merge and split, the English name
beside a linked mention."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.gui.driving import click, select_by_keys, show
from tests.gui.test_tagger import span_of
from workbench.gui.entities.link_dialog import LinkDialog


def links(path: Path) -> list[tuple[str, int | None]]:
    """(mention text, entity id) of every mention, in id order."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT substr(d.text, m.start + 1, m."end" - m.start), m.entity_id'
            " FROM mentions m JOIN documents d ON d.id = m.document_id ORDER BY m.id"
        ).fetchall()


def mention_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM mentions").fetchone()[0])


def statuses(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT status FROM documents WHERE id != 2")}


def tag_and_open_link(window: Any, qtbot: Any, prefix: str, word: str) -> LinkDialog:
    show(window, prefix)
    view = window.source
    start, end = span_of(view.text, word)
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)  # PER
    click(qtbot, view, start + 1)
    window.menu_actions.kb_id.trigger()  # Ctrl+K
    dialog = window.knowledge.dialog
    assert isinstance(dialog, LinkDialog) and dialog.isVisible()
    return dialog


def link_trump_in_three_scripts(window: Any, qtbot: Any, path: Path) -> int:
    # 000: no entity yet; "New Entity" takes the mention's name and label.
    dialog = tag_and_open_link(window, qtbot, "000", "Trump")
    assert dialog.list.count() == 0 and dialog.name.text() == "Trump"
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    ((text, entity_id),) = links(path)
    assert text == "Trump" and entity_id is not None
    assert window.undo_stack.undoText() == "New Entity and Link"

    # 002: the Persian spelling meets nothing; typing the Latin name finds the entity.
    dialog = tag_and_open_link(window, qtbot, "002", "ترامپ")
    assert dialog.candidate_ids() == []
    dialog.name.setText("TRUMP")
    dialog.rank()
    assert dialog.candidate_ids() == [entity_id]
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)

    # 004: the Arabic spelling is one letter from the Persian alias the link just taught.
    dialog = tag_and_open_link(window, qtbot, "004", "ترامب")
    assert dialog.candidate_ids() == [entity_id]
    assert "ترامپ" in dialog.list.item(0).text() and "1 mentions" not in dialog.list.item(0).text()
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert links(path) == [("Trump", entity_id), ("ترامپ", entity_id), ("ترامب", entity_id)]
    return int(entity_id)


def test_link_three_scripts_search_and_annotate_all_in_one_step(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    entity_id = link_trump_in_three_scripts(window, qtbot, seeded_path)

    # Search the entity: every seed that names Trump, the name without its affix.
    window.knowledge.find_entity(entity_id)
    hits = window.knowledge.search.hits
    assert {h.source[:3] for h in hits} == {"000", "002", "003", "004"}
    assert {h.text for h in hits} == {"Trump", "ترامپ", "ترامب"}
    assert any(h.before.endswith("و") and h.text == "ترامب" for h in hits)  # وترامب
    assert any(h.after.startswith("’ın") for h in hits)  # Trump’ın (003)
    assert any(h.after.startswith("'ın") for h in hits)  # Trump'ın (000)

    # Clicking a hit opens its document with the hit selected.
    results = window.knowledge.search.results
    last = results.topLevelItem(results.topLevelItemCount() - 1)
    results.itemClicked.emit(last, 0)
    assert window.document.id == hits[-1].document
    assert window.source.textCursor().selectedText() == hits[-1].text

    # Annotate all from the Entities panel: a checklist, applied as one undo step.
    before = mention_count(seeded_path)
    window.knowledge.annotate_all(entity_id=entity_id)
    checklist = window.knowledge.checklist
    assert checklist.list.count() == len(hits) - 3  # the three linked ones are annotated
    checklist.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    checklist.apply()
    added = len(hits) - 4
    assert mention_count(seeded_path) == before + added
    assert {e for _t, e in links(seeded_path)} == {entity_id}
    assert window.undo_stack.undoText() == f"Annotate All ({added})"
    assert statuses(seeded_path) == {"in_progress"}  # in the same step
    window.menu_actions.undo.trigger()
    assert mention_count(seeded_path) == before
    assert statuses(seeded_path) == {"todo", "in_progress"}  # as the links left them
    window.menu_actions.redo.trigger()
    assert mention_count(seeded_path) == before + added

    # The scope: only the shown document.
    window.knowledge.annotate_all(entity_id=entity_id)
    checklist = window.knowledge.checklist
    checklist.scope.setCurrentIndex(1)
    assert checklist.list.count() == 0  # every Trump of the shown document is annotated
    checklist.reject()
    show(window, "002")
    window.knowledge.annotate_all(query="پوتين")  # Arabic yeh: finds the Persian spelling
    checklist = window.knowledge.checklist
    checklist.scope.setCurrentIndex(1)
    assert checklist.list.count() > 0
    assert all("002_" in checklist.list.item(i).text() for i in range(checklist.list.count()))
    checklist.reject()  # a window-modal dialog left open would block later tests' input
    assert not checklist.isVisible()
    assert errors == []


def test_entities_panel_filter_jump_merge_split_and_english_name(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.common import dialogs

    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: ("ترامب الآخر", True))
    entity_id = link_trump_in_three_scripts(window, qtbot, seeded_path)
    kb = window.knowledge
    panel = kb.entities
    kb.show_entities()
    assert panel.tree.topLevelItemCount() == 1
    item = panel.item_of(entity_id)
    assert item is not None and item.text(2) == "3" and item.text(3) == "3"
    panel.filter.setText("ترامب")  # normalized, any alias
    assert panel.tree.topLevelItemCount() == 1
    panel.filter.setText("Putin")
    assert panel.tree.topLevelItemCount() == 0
    panel.filter.setText("")

    # Expanding lists the mentions; clicking one opens its document on it.
    item = panel.item_of(entity_id)
    item.setExpanded(True)
    names = [
        item.child(i).text(0).split()[0].strip("\u2068\u2069") for i in range(item.childCount())
    ]
    assert names == ["Trump", "ترامپ", "ترامب"]
    panel.tree.itemClicked.emit(item.child(1), 0)
    assert window.document.source.startswith("002")
    assert window.source.textCursor().selectedText() == "ترامپ"
    note = kb.entity_note
    assert note.isVisible() and note.text() == "ترامپ = Trump (PER)"

    # Split the Arabic mention off, undo; then merge a second entity in, undo.
    item = panel.item_of(entity_id)
    item.setExpanded(True)
    item.child(2).setSelected(True)
    kb.split(entity_id, [m for _e, m, _d in panel.selected_mentions()], [5])
    texts = links(seeded_path)
    assert texts[2][1] not in (None, entity_id) and texts[0][1] == entity_id
    assert panel.tree.topLevelItemCount() == 2
    window.menu_actions.undo.trigger()
    assert {e for _t, e in links(seeded_path)} == {entity_id}
    window.menu_actions.redo.trigger()
    other = links(seeded_path)[2][1]
    kb.merge(entity_id, other)
    assert {e for _t, e in links(seeded_path)} == {entity_id}
    window.menu_actions.undo.trigger()
    assert links(seeded_path)[2][1] == other
    assert errors == []


def test_not_in_the_knowledge_base_unlinks_in_one_undo_step(
    window, qtbot, seeded_path: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    dialog = tag_and_open_link(window, qtbot, "000", "Trump")
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    entity = links(seeded_path)[0][1]
    dialog = tag_and_open_link(window, qtbot, "000", "Trump")  # the same mention again
    assert dialog.candidate_ids() == [entity] and "(linked now)" in dialog.list.item(0).text()
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert links(seeded_path)[0][1] is None
    window.menu_actions.undo.trigger()
    assert links(seeded_path)[0][1] == entity
    assert errors == []
