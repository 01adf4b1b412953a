"""Mention highlights: drawn where the words are, never breaking shaping, only near the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from tests.gui.driving import qt_pos, select_by_keys, show, stored_mentions
from tests.gui.test_rendering import flat, glyphs
from workbench.ops import annotating as ops
from workbench.storage.project import Project


def test_a_mention_on_arabic_keeps_every_glyph(window, qtbot, annotator: str) -> None:  # type: ignore[no-untyped-def]
    show(window, "004")
    view = window.source
    word = "ألاسكا"  # hamza-alef, then lam-alef: a ligature
    start = view.text.index(word)
    block = view.document().findBlock(qt_pos(view.text, start))
    plain = glyphs(view, block)
    select_by_keys(qtbot, view, start, start + len(word))
    qtbot.keyClick(view, Qt.Key.Key_G)
    lam = start + word.index("لا")
    # And an exact (Alt) mention ending between lam and alef, over the first one.
    select_by_keys(qtbot, view, start, lam + 1)
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    spans = [(d[2], d[3]) for d in window.tagger.highlights.drawn if d[0] == "mention"]
    assert (start, start + len(word)) in spans and (start, lam + 1) in spans
    view.setTextCursor(view.cursor_for(0))  # no selection drawn over it
    assert flat(glyphs(view, block)) == flat(plain)
    # Extra selections only: the characters' own formats carry no background.
    cursor = view.cursor_for(start + 1)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush


def reddish(view, offset: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the top of the character at ``offset`` is tinted red (PER's colour)."""
    image = view.viewport().grab().toImage()
    here, after = view.cursor_for(offset), view.cursor_for(offset + 1)
    a, b = view.cursorRect(here), view.cursorRect(after)
    x = (a.center().x() + b.center().x()) // 2
    for y in range(a.top() + 1, a.top() + 4):
        color = image.pixelColor(QPoint(x, y))
        if color.red() - color.green() > 15:
            return True
    return False


def test_a_mention_across_a_direction_change_is_drawn_on_both_sides(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    show(window, "002")
    view = window.source
    text = view.text
    # "2025-08-16 دونالد": Latin digits laid out left to right inside a Persian line.
    start = text.index("2025-08-16")
    end = text.index("دونالد") + len("دونالد")
    select_by_keys(qtbot, view, start, end)
    qtbot.keyClick(view, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    ((_, _, s, e, _, _),) = stored_mentions(seeded_path)
    assert (s, e) == (start, end)
    # The mention, and the dotted mark of the active annotation over it.
    ends = [
        x.cursor.selectionEnd()
        for x in view.extraSelections()
        if x.cursor.selectionStart() == qt_pos(text, start)
    ]
    assert ends == [qt_pos(text, end)] * 2
    view.setTextCursor(view.cursor_for(len(text)))  # cursor and its sentence out of the way
    view.scroll_offset_to(start)
    assert reddish(view, start + 1)  # a digit
    assert reddish(view, end - 3)  # a Persian letter
    assert not reddish(view, text.index("ترامپ") + 1)  # not spilling past the end


def test_only_annotations_near_the_screen_become_selections(
    window, qtbot, seeded_path: Path, annotator: str
) -> None:  # type: ignore[no-untyped-def]
    window.close()
    with Project.open(seeded_path, create=False) as project:
        text = project.conn.execute("SELECT text FROM documents WHERE id = 2").fetchone()[0]
        spans = [(i, i + 3) for i in range(0, len(text) - 3, 6) if text[i : i + 3].strip()]
        for start, end in spans:
            ops.add_mention(project, 2, start, end, "ORG")
    from workbench.gui.window.main_window import MainWindow

    again = MainWindow(seeded_path, online=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    show(again, "001")
    view, highlights = again.source, again.tagger.highlights
    assert again.tagger.panel.model.rowCount() == len(spans) > 700
    drawn = [d for d in highlights.drawn if d[0] == "mention"]
    assert 0 < len(drawn) < len(spans) / 3
    visible = highlights.visible_range()
    assert all(d[2] < highlights.window[1] and d[3] > highlights.window[0] for d in drawn)
    assert highlights.window[0] <= visible[0] and visible[1] <= highlights.window[1]
    # Scrolling to the end draws the last ones.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    last = spans[-1]
    assert any((d[2], d[3]) == last for d in highlights.drawn)
    assert not any((d[2], d[3]) == spans[0] for d in highlights.drawn)
    # Choosing the first mention in the panel scrolls back and draws it.
    first_id = stored_mentions(seeded_path, 2)[0][0]
    again.tagger.panel.mentionChosen.emit(first_id)
    assert any(d[1] == first_id and d[0] == "mention" for d in highlights.drawn)
    assert view.textCursor().selectedText() == text[spans[0][0] : spans[0][1]]
    again.close()
