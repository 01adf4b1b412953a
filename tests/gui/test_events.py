"""Events made in the window: trigger, type, arguments by clicking mentions, undo, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from tests.gui.driving import click, select_by_keys, show, stored_events, stored_mentions
from workbench.gui.annotation.annotation_menus import annotation_menu
from workbench.io.formats import to_workbench
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def label(qtbot, view, word: str, key: Qt.Key, nth: int = 0) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(nth + 1):
        start = view.text.index(word, start + 1)
    select_by_keys(qtbot, view, start, start + len(word))
    qtbot.keyClick(view, key)
    return start, start + len(word)


def choose(qtbot, picker, text: str) -> None:  # type: ignore[no-untyped-def]
    assert picker.isVisible()
    qtbot.keyClicks(picker.filter, text)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()


def make_meeting(window, qtbot) -> tuple[dict[str, tuple[int, int]], int]:  # type: ignore[no-untyped-def]
    """Trump (PER) and Alaska (GPE), then the summit: Contact.Meet with two arguments."""
    doc_id = show(window, "002")
    view, tagger = window.source, window.tagger
    spans = {
        "trump": label(qtbot, view, "ترامپ", Qt.Key.Key_P),
        "alaska": label(qtbot, view, "آلاسکا", Qt.Key.Key_G),
    }
    trigger = view.text.index("نشست")
    spans["summit"] = (trigger, trigger + 4)
    select_by_keys(qtbot, view, *spans["summit"])
    qtbot.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    choose(qtbot, tagger.picker, "meet")
    assert tagger.adding_arguments
    click(qtbot, view, spans["trump"][0] + 1)  # the role picker opens at the mention
    assert tagger.picker.names() == ["Entity", "Time", "Place"]
    choose(qtbot, tagger.picker, "entity")
    click(qtbot, view, spans["alaska"][0] + 2)
    choose(qtbot, tagger.picker, "place")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not tagger.adding_arguments
    return spans, doc_id


def test_an_event_with_two_arguments_undone_redone_and_exported(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    spans, doc_id = make_meeting(window, qtbot)
    ids = {(m[2], m[3]): m[0] for m in stored_mentions(seeded_path)}
    trump, alaska = ids[spans["trump"]], ids[spans["alaska"]]
    ((_, kind, start, end, who, args),) = stored_events(seeded_path)
    assert (kind, (start, end), who) == ("Contact.Meet", spans["summit"], annotator)
    assert args == (("Entity", trump), ("Place", alaska))

    # The panel shows it as plain text: the type, the trigger, the arguments below.
    tree = window.tagger.panel.events
    top = tree.topLevelItem(0)
    assert (top.text(0), top.text(1)) == ("Contact.Meet", "نشست")
    assert [(top.child(i).text(0), top.child(i).text(1)) for i in range(2)] == [
        ("Entity", "ترامپ"),
        ("Place", "آلاسکا"),
    ]

    undo, redo = window.menu_actions.undo, window.menu_actions.redo
    undo.trigger()
    assert stored_events(seeded_path)[0][5] == (("Entity", trump),)
    undo.trigger()
    assert stored_events(seeded_path)[0][5] == ()
    undo.trigger()
    assert stored_events(seeded_path) == []
    assert window.tagger.panel.events.topLevelItemCount() == 0
    for _ in range(3):
        redo.trigger()
    assert stored_events(seeded_path)[0][5] == (("Entity", trump), ("Place", alaska))

    with Project.open(seeded_path, create=False) as project:
        exported = to_workbench(store_docs.get_document(project.conn, doc_id))
    entities = {e["id"]: e for e in exported["entities"]}
    assert set(next(iter(entities.values()))) == {
        "id", "start", "end", "label", "text", "kb_id", "kb_name", "annotator", "uid",
    }  # fmt: skip
    (event,) = exported["events"]
    assert set(event) == {"id", "type", "trigger", "arguments", "annotator", "uid"}
    assert event["type"] == "Contact.Meet" and event["annotator"] == annotator
    assert event["trigger"] == {
        "start": spans["summit"][0],
        "end": spans["summit"][1],
        "text": "نشست",
    }
    roles = {a["role"]: entities[a["entity"]] for a in event["arguments"]}
    assert (roles["Entity"]["text"], roles["Entity"]["label"]) == ("ترامپ", "PER")
    assert (roles["Place"]["start"], roles["Place"]["end"]) == spans["alaska"]
    assert roles["Place"]["annotator"] == annotator and roles["Place"]["kb_id"] is None


def test_deleting_a_mention_an_event_uses_asks_first(
    window, qtbot, seeded_path: Path, annotator: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    spans, _ = make_meeting(window, qtbot)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def exec_(box: QMessageBox) -> int:
        asked.append(box.text())
        return answer[0].value

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    view = window.source
    click(qtbot, view, spans["trump"][0] + 1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "argument of 1 event(s) (Contact.Meet)" in asked[0]
    assert "ترامپ" in asked[0]
    assert len(stored_mentions(seeded_path)) == 2  # cancelled: nothing changed

    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [view.text[m[2] : m[3]] for m in stored_mentions(seeded_path)] == ["آلاسکا"]
    assert [a[0] for a in stored_events(seeded_path)[0][5]] == ["Place"]
    assert window.tagger.panel.events.topLevelItem(0).childCount() == 1

    window.menu_actions.undo.trigger()  # both come back, the mention under its old id
    mentions = stored_mentions(seeded_path)
    assert len(mentions) == 2
    trump = next(m[0] for m in mentions if (m[2], m[3]) == spans["trump"])
    assert stored_events(seeded_path)[0][5][0] == ("Entity", trump)
    assert window.tagger.panel.events.topLevelItem(0).childCount() == 2

    # Deleting the event itself asks nothing and undoes as well.
    trigger = spans["summit"][0] + 1
    click(qtbot, view, trigger)
    assert window.tagger.active is not None and window.tagger.active[0] == "event"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored_events(seeded_path) == [] and len(asked) == 2
    window.menu_actions.undo.trigger()
    assert len(stored_events(seeded_path)[0][5]) == 2


def test_arguments_by_keyboard_and_from_the_panel_menu(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    putin = label(qtbot, view, "پوتین", Qt.Key.Key_P)
    trigger = view.text.index("توافق")
    select_by_keys(qtbot, view, trigger, trigger + 5)
    tagger.mark_event("Contact.Meet")
    event_id = stored_events(seeded_path)[0][0]
    tagger.stop_arguments()
    # Ctrl+R with the cursor in the mention: the role picker, by keyboard alone.
    view.setTextCursor(view.cursor_for(putin[0] + 2))
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    choose(qtbot, tagger.picker, "ent")
    assert [a[0] for a in stored_events(seeded_path)[0][5]] == ["Entity"]
    # The panel's menu on the argument removes it.
    mention_id = stored_mentions(seeded_path)[0][0]
    menu = annotation_menu(tagger, "mention", mention_id, QMenu())
    (remove,) = [a for a in menu.actions() if a.text().startswith("Remove as Entity")]
    remove.trigger()
    assert stored_events(seeded_path)[0][5] == ()
    assert tagger.current_event == event_id


def test_changing_an_event_type_from_its_menu(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    spans, _ = make_meeting(window, qtbot)
    tagger = window.tagger
    event_id = stored_events(seeded_path)[0][0]
    menu = annotation_menu(tagger, "event", event_id, QMenu())
    (change,) = [a for a in menu.actions() if a.text() == "Change Type..."]
    change.trigger()
    choose(qtbot, tagger.picker, "phone")
    ((_, kind, start, end, _, args),) = stored_events(seeded_path)
    assert kind == "Contact.Phone-Write" and (start, end) == spans["summit"]
    assert len(args) == 2  # the arguments stay
    assert tagger.panel.events.topLevelItem(0).text(0) == "Contact.Phone-Write"
    window.menu_actions.undo.trigger()
    assert stored_events(seeded_path)[0][1] == "Contact.Meet"
