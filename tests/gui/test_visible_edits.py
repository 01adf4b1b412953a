"""Edits act on what the annotator sees: the selection, or a visibly selected mention.

Each test replays, with keys and the mouse on the real window, a surprise met in an
hour of annotating the seeds, and reads the outcome from the project file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.gui.driving import (
    click,
    drag_select,
    place,
    select_by_keys,
    show,
    stored_mentions,
)
from workbench.gui.document.annotation_highlights import ACTIVE_COLOR

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def nth(text: str, word: str, n: int = 0) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.index(word, at + 1)
    return at


def labelled(path: Path, text: str) -> list[tuple[str, str]]:
    """(text, label) of every stored mention, in id order."""
    return [(text[m[2] : m[3]], m[4]) for m in stored_mentions(path)]


def shown(window) -> str:  # type: ignore[no-untyped-def]
    """What the status bar's line shows: a passing message, else what is selected."""
    return str(window.status_bar.shown())


def test_after_find_a_label_key_tags_the_hit_not_the_mention_selected_before(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "000")
    view, tagger = window.source, window.tagger
    abd = view.text.index("ABD'nin")
    select_by_keys(qtbot, view, abd, abd + 3)
    qtbot.keyClick(view, Qt.Key.Key_G)
    # ABD stays selected, the caret after it, shown in the status bar.
    assert tagger.active is not None and "GPE “ABD”" in shown(window)
    # Find "zelenski", go to the third hit, Escape, press p.
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    qtbot.keyClicks(bar.edit, "zelenski")
    for _ in range(len(bar.hits)):
        if bar.count.text().startswith("3 of"):
            break
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text().startswith("3 of")
    hit = bar.hits[2]
    assert tagger.active is None  # the hit is the selection: ABD is no longer selected
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert view.hasFocus() and view.textCursor().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_P)
    ids = [m for m in stored_mentions(seeded_path) if m[1] == window.document.id]
    assert [(view.text[m[2] : m[3]], m[4]) for m in ids] == [("ABD", "GPE"), ("Zelenski", "PER")]
    assert (ids[1][2], ids[1][3]) == hit


def test_ctrl_alt_m_inside_wabutin_never_moves_the_time_mention_far_away(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "004")
    view, tagger = window.source, window.tagger
    text = view.text
    year = text.index("2025")
    select_by_keys(qtbot, view, year, year + 4)
    qtbot.keyClick(view, Qt.Key.Key_T)
    word = text.index("وبوتين")
    select_by_keys(qtbot, view, word + 2, word + 6)  # "وتين", as in the report
    assert tagger.active is None  # selecting elsewhere deselected 2025
    qtbot.keyClick(view, Qt.Key.Key_M, CTRL_ALT)
    assert labelled(seeded_path, text) == [("2025", "TIME")]
    assert "overlaps no annotation" in window.statusBar().currentMessage()


def test_buteen_inside_wabutin_with_a_rough_drag_and_one_key(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "004")
    view = window.source
    text = view.text
    word = text.index("وبوتين")
    # The press lands in the ب's neighbour و+1, the release inside the last letter.
    drag_select(qtbot, view, word + 2, word + 6)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert labelled(seeded_path, text) == [("بوتين", "PER")]
    assert "بوتين" in view.text[word + 1 : word + 6]


def test_the_whole_word_then_a_second_press_leaves_the_clitic_out(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "004")
    view, tagger = window.source, window.tagger
    text = view.text
    for n in range(4):  # every وترامب of the seed
        word = nth(text, "وترامب", n)
        select_by_keys(qtbot, view, word, word + 6)
        qtbot.keyClick(view, Qt.Key.Key_P)
        assert labelled(seeded_path, text)[-1] == ("وترامب", "PER")
        assert "P again: “ترامب”" in tagger.status.state()
        qtbot.keyClick(view, Qt.Key.Key_P)
        assert labelled(seeded_path, text)[-1] == ("ترامب", "PER")
    qtbot.keyClick(view, Qt.Key.Key_P)  # a third press gives the whole word back
    assert labelled(seeded_path, text)[-1] == ("وترامب", "PER")
    window.menu_actions.undo.trigger()
    assert labelled(seeded_path, text)[-1] == ("ترامب", "PER")
    assert window.statusBar().currentMessage() == "Undone: Move Mention “وترامب”"


def test_a_selected_mention_is_framed_named_and_deselected_by_esc_and_caret_moves(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view, tagger = window.source, window.tagger
    start = view.text.index("آلاسکا")
    select_by_keys(qtbot, view, start, start + 6)
    qtbot.keyClick(view, Qt.Key.Key_L)
    click(qtbot, view, 3)
    assert tagger.active is None and shown(window) == ""
    click(qtbot, view, start + 2)
    assert tagger.active is not None
    assert shown(window).startswith("Selected LOC “آلاسکا”")
    # A frame round it, in the selected colour, on screen.
    (frame,) = tagger.overlay.frames()
    image = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatioF()
    y = round(frame.center().y() * ratio)
    across = [QColor(image.pixel(round((frame.left() + dx) * ratio), y)) for dx in range(-4, -1)]
    darkest = min(across, key=lambda c: c.lightness())
    assert darkest.lightness() - ACTIVE_COLOR.lightness() < 40  # a dark frame, not text
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert tagger.active is None and tagger.overlay.frames() == [] and shown(window) == ""
    qtbot.keyClick(view, Qt.Key.Key_G)  # nothing is selected: the key selects, changes nothing
    assert labelled(seeded_path, view.text) == [("آلاسکا", "LOC")]
    assert "selected now" in shown(window) and tagger.active is not None
    qtbot.keyClick(view, Qt.Key.Key_G)  # now it is seen: the second press relabels
    assert labelled(seeded_path, view.text) == [("آلاسکا", "GPE")]
    # Moving the caret away deselects; a key then touches nothing.
    place(view, 0)
    assert tagger.active is None and shown(window) == ""
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert labelled(seeded_path, view.text) == [("آلاسکا", "GPE")]
    assert "Nothing is selected" in shown(window)


def test_the_status_bar_follows_deletes_documents_undo_and_redo(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    ra = nth(view.text, " را ") + 1
    select_by_keys(qtbot, view, ra, ra + 2)
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert shown(window).startswith("Selected LOC “را”")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored_mentions(seeded_path) == []
    assert shown(window) == "Deleted LOC “را”"
    assert window.status_bar.state() == ""  # nothing stale waits behind the message
    window.menu_actions.undo.trigger()
    assert shown(window) == "Undone: Delete Mention “را”"
    window.menu_actions.redo.trigger()
    assert shown(window) == "Redone: Delete Mention “را”"
    window.menu_actions.undo.trigger()
    assert "LOC" in window.status_bar.state()
    show(window, "004")  # another document: nothing of the last one is left
    assert shown(window) == ""
    assert window.status_label.text().startswith("004_ca61b40399ea37bd.txt · Arabic")


def test_commands_that_change_nothing_say_why(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "000")
    view, tagger = window.source, window.tagger
    start = view.text.index("Zelenski'nin")
    select_by_keys(qtbot, view, start, start + len("Zelenski"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    # Right-click > Set Span to Selection with a selection that snaps back to the word.
    select_by_keys(qtbot, view, start + 2, start + len("Zelenski'nin"))
    menu = tagger.context_menu(start + 1)
    (entry,) = [a for a in menu.actions() if a.text() == "Set Span to Selection"]
    entry.trigger()
    assert "already spans the selection (snapped to whole words)" in shown(window)
    # The same label again, on a word without a clitic.
    click(qtbot, view, start + 1)
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert "is already PER: nothing changed" in shown(window)
    # The current label from the context menu (ticked) changes nothing and says so.
    menu = tagger.context_menu(start + 1)
    (per,) = [a for a in menu.actions() if a.text().startswith("PER\t")]
    assert per.isChecked()
    per.trigger()
    assert "is already PER" in shown(window)
    # Selecting what is already a mention of that label.
    select_by_keys(qtbot, view, start, start + len("Zelenski"))
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert "“Zelenski” is already PER" in shown(window)
    assert len(stored_mentions(seeded_path)) == 1
    window.menu_actions.statuses[1].trigger()  # "in progress" already
    assert "Already “in progress”: nothing changed" in shown(window)
