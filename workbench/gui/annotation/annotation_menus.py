"""Context menus for annotations: in the source pane, and on the side panel's entries.

Right-clicking the text offers the labels for the selection, and for the mention or
trigger under the mouse what can be done to it: relabel it (the labels listed directly,
the current one ticked, each with its key), set a knowledge-base id, move it to the
selection, use it as an argument of the event being filled in, or delete it. With one
annotation under the mouse these entries are in the menu itself; with nested ones, in a
submenu each (innermost first). Menu entries quote document text: it is cut to one
short line and its ampersands doubled, since Qt would read "&" as a mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from workbench.core.model import Argument
from workbench.gui.annotation.annotation_panel import one_line
from workbench.gui.annotation.picker import swatch

if TYPE_CHECKING:
    from workbench.gui.annotation.tagger import Tagger


def menu_text(text: str, limit: int = 32) -> str:
    return one_line(text, limit).replace("&", "&&")


def context_menu(tagger: Tagger, offset: int | None) -> QMenu:
    view = tagger.view
    menu = QMenu(view)
    menu.setObjectName("annotationMenu")
    if view.textCursor().hasSelection():
        labels = menu.addMenu("Label Selection As")
        for label in tagger.schema.entities:
            key = f"\t{label.shortcut.upper()}" if label.shortcut else ""
            action = labels.addAction(swatch(label.color), menu_text(label.name) + key)
            action.triggered.connect(lambda _=False, n=label.name: tagger.label_selection(n))
        menu.addAction("Mark as Event Trigger...", lambda: tagger.mark_event())
        menu.addSeparator()
    if offset is not None:
        data = tagger.annotations
        rows, events = data.mentions_at(offset), data.events_at(offset)
        entries = [("mention", r[0], r[3], data.mention_text(r)) for r in rows]
        entries += [
            ("event", e.id, e.type, data.text[e.trigger_start : e.trigger_end]) for e in events
        ]
        for what, ident, name, text in entries:
            title = f"{name}: {menu_text(text)}"
            kind = "entity" if what == "mention" else "event"
            icon = swatch(tagger.highlights.colors.get((kind, name)))
            if len(entries) == 1:
                menu.addSection(icon, title)
                annotation_menu(tagger, what, ident, menu)
            else:
                annotation_menu(tagger, what, ident, menu.addMenu(icon, title))
        if entries:
            menu.addSeparator()
    copy = menu.addAction("Copy", view.copy)
    copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    copy.setEnabled(view.textCursor().hasSelection())
    menu.addAction("Select All", view.selectAll)
    return menu


def annotation_menu(tagger: Tagger, what: str, ident: int, menu: QMenu) -> QMenu:
    """Fill ``menu`` with what can be done to one mention or event."""
    data = tagger.annotations
    if what == "mention":
        current = data.rows[ident][3] if ident in data.rows else None
        for label in tagger.schema.entities:
            key = f"\t{label.shortcut.upper()}" if label.shortcut else ""
            action = menu.addAction(swatch(label.color), menu_text(label.name) + key)
            action.setCheckable(True)
            action.setChecked(label.name == current)
            action.triggered.connect(
                lambda _=False, n=label.name: tagger.relabel(ident, n, step=False)
            )
        menu.addSeparator()
        event = data.events.get(tagger.current_event or -1)
        if event is not None:
            menu.addAction(
                f"Add as Argument of {menu_text(event.type)}...",
                lambda: _as_argument(tagger, event.id, ident),
            )
        for user in data.events_using(ident):
            for argument in user.arguments:
                if argument.mention_id == ident:
                    action = menu.addAction(
                        f"Remove as {menu_text(argument.role)} of {menu_text(user.type)}"
                    )
                    action.triggered.connect(_remover(tagger, user.id, argument))
        menu.addAction("Link to Knowledge Base...", lambda: tagger.set_kb_id(ident))
        menu.addAction("Annotate All...", lambda: tagger.window.annotate_all(ident))
        _span_action(tagger, menu, ("mention", ident), "Set Span to Selection")
        menu.addAction("Delete Mention", lambda: tagger.delete_mention(ident))
    else:
        menu.addAction("Add Arguments...", lambda: tagger.start_arguments(ident))
        menu.addAction("Change Type...", lambda: tagger.change_event_type(ident))
        _span_action(tagger, menu, ("event", ident), "Set Trigger to Selection")
        menu.addAction("Delete Event", lambda: tagger.delete_event(ident))
    return menu


def _span_action(tagger: Tagger, menu: QMenu, target: tuple[str, int], text: str) -> None:
    """Move the annotation to the selected text (snapped to words unless Alt is held)."""
    action = menu.addAction(text, lambda: tagger.span_to_selection(target))
    action.setEnabled(tagger.view.textCursor().hasSelection())


def _remover(tagger: Tagger, event_id: int, argument: Argument) -> Callable[[], None]:
    return lambda: tagger.remove_argument(event_id, argument)


def _as_argument(tagger: Tagger, event_id: int, mention_id: int) -> None:
    tagger.current_event = event_id
    tagger.add_argument(mention_id)
