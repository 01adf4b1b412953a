"""Entity mentions made in the window by selecting and pressing keys, on the seeds.

Each test reads what it expects from the project file through a second connection, the
moment after the key press: what is on screen is already on disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import SEEDS
from tests.gui.driving import (
    click,
    drag_select,
    place,
    qt_pos,
    select_by_keys,
    show,
    stored_mentions,
)
from workbench.storage.project import Project

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def span_of(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("prefix", "word"), [("002", "ترامپ"), ("004", "ترامب")], ids=["persian", "arabic"]
)
def test_keyboard_selection_and_key_store_the_exact_word(
    window, qtbot, seeded_path: Path, annotator: str, prefix: str, word: str
) -> None:  # type: ignore[no-untyped-def]
    doc_id = show(window, prefix)
    view = window.source
    start, end = span_of(view.text, word)
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)
    ((_, doc, s, e, label, who),) = stored_mentions(seeded_path)
    assert (doc, s, e, label, who) == (doc_id, start, end, "PER", annotator)
    assert view.text[s:e] == word
    assert not view.textCursor().hasSelection()  # ready for the next one


@pytest.mark.parametrize(
    ("prefix", "word", "nth"),
    [("002", "ترامپ", 1), ("004", "ترامب", 2), ("002", "پوتین", 0)],
    ids=["persian", "arabic", "persian-2"],
)
def test_a_rough_drag_inside_a_right_to_left_word_snaps_to_it(
    window, qtbot, seeded_path: Path, annotator: str, prefix: str, word: str, nth: int
) -> None:  # type: ignore[no-untyped-def]
    show(window, prefix)
    view = window.source
    start, end = span_of(view.text, word, nth)
    drag_select(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)
    ((_, _, s, e, label, _),) = stored_mentions(seeded_path)
    assert (s, e, label) == (start, end, "PER")


def test_emoji_before_the_word_and_the_turkish_suffix(emoji_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = emoji_window
    view = window.source
    text = view.text
    path = window.project.path
    start, end = span_of(text, "Trump'ın")
    assert qt_pos(text, start) == start + 2  # the emoji shift Qt's positions
    drag_select(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)
    ((_, _, s, e, _, _),) = stored_mentions(path)
    assert text[s:e] == "Trump" and (s, e) == (start, start + 5)

    # Alt keeps the exact selection, suffix and all; the keyboard selects here.
    start, end = span_of(text, "Putin'e")
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P, ALT)
    s, e = stored_mentions(path)[-1][2:4]
    assert text[s:e] == "Putin'e" and (s, e) == (start, end)

    # A word after the second emoji (a skin-toned thumb: two astral characters).
    start, end = span_of(text, "Ankara'da")
    drag_select(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_L)
    s, e, label = stored_mentions(path)[-1][2:5]
    assert (text[s:e], label) == ("Ankara", "LOC")
    assert qt_pos(text, s) == s + 4


def test_alt_keeps_the_selection_even_on_a_menu_mnemonic(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "000")
    view = window.source
    start, end = span_of(view.text, "Trump'ın")
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_F, ALT)  # FAC; Alt+F is also the File menu's mnemonic
    ((_, _, s, e, label, _),) = stored_mentions(seeded_path)
    assert (s, e, label) == (start, end, "FAC")
    assert window.menuBar().activeAction() is None  # the menu did not open
    # With nothing selected and no mention at the cursor, Alt+F is the menu's again.
    probe = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F, ALT, "f")
    assert window.tagger.claims(probe)  # the cursor is at the new mention's end
    place(view, 0)
    assert not window.tagger.claims(probe)
    assert window.tagger.claims(QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_F, NONE, "f"))


def test_a_selection_without_words_makes_nothing(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    comma = view.text.index("، ")
    select_by_keys(qtbot, view, comma, comma + 2)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert stored_mentions(seeded_path) == []
    assert "no word" in window.statusBar().currentMessage()


def test_the_annotator_is_asked_once_and_kept(
    window, qtbot, seeded_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.common import dialogs

    asked: list[str] = []

    def answer(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs.get("text", ""))
        return ("  leyla ", True) if len(asked) > 1 else ("", False)

    monkeypatch.setattr(dialogs, "ask_text", answer)
    show(window, "002")
    view = window.source
    start, end = span_of(view.text, "ترامپ")
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P)  # cancelled: nothing is made
    assert stored_mentions(seeded_path) == [] and len(asked) == 1
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view, Qt.Key.Key_O)  # relabels the new mention: not asked again
    assert len(asked) == 2
    ((_, _, _, _, label, who),) = stored_mentions(seeded_path)
    assert (label, who) == ("ORG", "leyla")


def test_click_a_mention_to_relabel_or_delete_it_and_undo(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    start, end = span_of(view.text, "آلاسکا")
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_L)
    click(qtbot, view, 3)  # somewhere else
    assert window.tagger.active is None
    click(qtbot, view, start + 2)
    assert window.tagger.active is not None and window.tagger.active[0] == "mention"
    qtbot.keyClick(view, Qt.Key.Key_G)
    assert [m[4] for m in stored_mentions(seeded_path)] == ["GPE"]
    drawn = [d[4] for d in window.tagger.highlights.drawn if d[0] == "mention"]
    assert drawn == [("mention", "GPE", 0)]  # redrawn in the new label's colour
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored_mentions(seeded_path) == []
    window.menu_actions.undo.trigger()
    assert [m[4] for m in stored_mentions(seeded_path)] == ["GPE"]
    window.menu_actions.undo.trigger()
    assert [m[2:5] for m in stored_mentions(seeded_path)] == [(start, end, "LOC")]
    assert window.tagger.panel.model.rowCount() == 1


def test_nested_mentions_are_both_drawn_and_a_second_click_reaches_the_outer(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    outer = span_of(view.text, "ولادیمیر پوتین")
    inner = (outer[1] - len("پوتین"), outer[1])
    select_by_keys(qtbot, view, *outer)
    qtbot.keyClick(view, Qt.Key.Key_P)
    select_by_keys(qtbot, view, *inner)
    qtbot.keyClick(view, Qt.Key.Key_P)
    drawn = {(d[2], d[3]): d[4] for d in tagger.highlights.drawn if d[0] == "mention"}
    assert drawn[outer] == ("mention", "PER", 0)
    assert drawn[inner] == ("mention", "PER", 1)  # underlined inside the other
    ids = {(m[2], m[3]): m[0] for m in stored_mentions(seeded_path)}
    click(qtbot, view, 3)  # away from both
    assert tagger.active is None
    click(qtbot, view, inner[0] + 1)
    assert tagger.active == ("mention", ids[inner])
    click(qtbot, view, inner[0] + 1)
    assert tagger.active == ("mention", ids[outer])


def test_undo_reaches_back_into_another_document(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    persian = show(window, "002")
    view = window.source
    select_by_keys(qtbot, view, *span_of(view.text, "ترامپ"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    arabic = show(window, "004")
    select_by_keys(qtbot, view, *span_of(view.text, "ترامب"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert [m[1] for m in stored_mentions(seeded_path)] == [persian, arabic]
    show(window, "000")
    window.menu_actions.undo.trigger()
    assert window.document.id == arabic  # shown, so the user sees what is undone
    assert [m[1] for m in stored_mentions(seeded_path)] == [persian]
    window.menu_actions.undo.trigger()
    assert window.document.id == persian and stored_mentions(seeded_path) == []
    assert window.tagger.panel.model.rowCount() == 0
    window.menu_actions.redo.trigger()
    assert [m[1] for m in stored_mentions(seeded_path)] == [persian]
    row = window.documents.model.row_of(persian)
    assert window.documents.model.index(row, 5).data() == "1"  # the list's count follows


def test_palette_popup_dock_and_context_menu_label_the_selection(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    text = view.text
    select_by_keys(qtbot, view, *span_of(text, "روسیه"))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert tagger.picker.isVisible()
    assert tagger.picker.names()[:3] == ["PER", "ORG", "GPE"]
    qtbot.keyClicks(tagger.picker.filter, "gp")
    assert tagger.picker.names() == ["GPE"]
    qtbot.keyClick(tagger.picker.filter, Qt.Key.Key_Return)
    assert not tagger.picker.isVisible()
    # The dock's palette, clicked with the mouse.
    select_by_keys(qtbot, view, *span_of(text, "اوکراین"))
    item = tagger.palette.item_for("LOC")
    assert item is not None and item.text(1) == "L"
    tagger.palette.itemClicked.emit(item, 0)
    # The context menu.
    select_by_keys(qtbot, view, *span_of(text, "ایالات متحده"))
    menu = tagger.context_menu(None)
    (labels,) = [a.menu() for a in menu.actions() if a.text() == "Label Selection As"]
    (org,) = [a for a in labels.actions() if a.text().startswith("ORG")]
    org.trigger()
    got = {(text[m[2] : m[3]], m[4]) for m in stored_mentions(seeded_path)}
    assert got == {("روسیه", "GPE"), ("اوکراین", "LOC"), ("ایالات متحده", "ORG")}


def test_next_unannotated_sentence_next_document_and_status(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    first = view.sentence_span(0)
    select_by_keys(qtbot, view, *span_of(view.text, "ترامپ"))  # in sentence 1
    qtbot.keyClick(view, Qt.Key.Key_P)
    place(view, first[0])
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert view.current_sentence == 1
    place(view, view.sentence_span(view.sentence_count() - 1)[0])
    qtbot.keyClick(view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert view.current_sentence == 1  # wrapped past the annotated first sentence
    assert "from the top" in window.statusBar().currentMessage()

    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert window.document.source.startswith("003")
    qtbot.keyClick(window.source, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(window.source, Qt.Key.Key_Up, ALT)
    assert window.document.source.startswith("001")

    # Status from the list's context menu (any row) and from the keyboard (the shown one).
    persian = window.documents.model.row_of(3)
    menu = window.documents.status_menu(3)
    menu.actions()[2].trigger()
    assert window.documents.model.index(persian, 2).data() == "done"
    qtbot.keyClick(window.source, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert "in progress" in window.status_label.text()
    with Project.open(seeded_path, create=False) as project:
        statuses = dict(project.conn.execute("SELECT id, status FROM documents"))
    assert (statuses[3], statuses[2]) == ("done", "in_progress")


def test_help_lists_the_label_keys_and_the_exact_modifier(window) -> None:  # type: ignore[no-untyped-def]
    rows = dict(window.menu_actions.shortcut_rows())
    assert rows["Label the selection PER (snapped to whole words)"] == "P"
    assert rows["Label keeping the exact selection (no snapping)"] == "Alt+label key"
    assert rows["Next Document"] == "Alt+Down"
    assert rows["Next Unannotated Sentence"] == "Ctrl+J"
    assert rows["Delete Annotation"] == "Del, Backspace"


def test_a_new_project_gets_the_ace_schema(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_project(tmp_path / "new.wbproj", create=True)
    names = [label.name for label in window.tagger.palette.labels()]
    assert names[:7] == ["PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA"]
    assert "Contact.Meet" in names
    assert SEEDS.is_dir()


def test_label_keys_work_on_a_persian_keyboard_layout(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    """On a Persian layout the key marked P types "ح": its place on the keyboard counts."""
    import sys

    doc_id = show(window, "002")
    view = window.source
    start, end = span_of(view.text, "پوتین")
    select_by_keys(qtbot, view, start, end)
    if sys.platform == "darwin":
        scan, virtual = 0, 0x23  # kVK_ANSI_P
    else:
        scan, virtual = (0x19 if sys.platform == "win32" else 0x19 + 8), 0
    event = QKeyEvent(QEvent.Type.KeyPress, 0x062D, NONE, scan, virtual, 0, "ح")
    QApplication.sendEvent(view, event)
    ((_, doc, s, e, label, _who),) = stored_mentions(seeded_path)
    assert (doc, s, e, label) == (doc_id, start, end, "PER")


def test_a_key_re_bound_to_a_persian_letter_wins_over_the_key_place(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    from workbench.ops.schema import rekey

    rekey(window.project, "entity", "GPE", "ح")
    window.tagger.load_schema()
    show(window, "002")
    view = window.source
    start, end = span_of(view.text, "آلاسکا")
    select_by_keys(qtbot, view, start, end)
    event = QKeyEvent(QEvent.Type.KeyPress, 0x062D, NONE, 0x19 + 8, 0, 0, "ح")
    QApplication.sendEvent(view, event)
    ((_, _doc, s, e, label, _who),) = stored_mentions(seeded_path)
    assert (s, e, label) == (start, end, "GPE")
