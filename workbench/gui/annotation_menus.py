"""Context menus for annotations: in the source pane, and on the side panel's entries.

Right-clicking the text offers the labels for the selection, and for each mention and
trigger under the mouse (innermost first) a submenu to relabel, set a knowledge-base id,
move to the selection, use as an argument of the event being filled in, or delete it. Menu entries quote document text: it is cut to
one short line and its ampersands doubled, since Qt would read "&" as a mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from workbench.core.model import Argument
from workbench.gui.annotation_panel import one_line
from workbench.gui.picker import swatch

if TYPE_CHECKING:
    from workbench.gui.tagger import Tagger


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
        for row in data.mentions_at(offset):
            title = f"{row[3]}: {menu_text(data.mention_text(row))}"
            sub = menu.addMenu(swatch(tagger.highlights.colors.get(("entity", row[3]))), title)
            annotation_menu(tagger, "mention", row[0], sub)
        for event in data.events_at(offset):
            trigger = data.text[event.trigger_start : event.trigger_end]
            title = f"{event.type}: {menu_text(trigger)}"
            sub = menu.addMenu(swatch(tagger.highlights.colors.get(("event", event.type))), title)
            annotation_menu(tagger, "event", event.id, sub)
        if data.mentions_at(offset) or data.events_at(offset):
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
        relabel = menu.addMenu("Change Label")
        for label in tagger.schema.entities:
            action = relabel.addAction(swatch(label.color), menu_text(label.name))
            action.triggered.connect(lambda _=False, n=label.name: tagger.relabel(ident, n))
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
        menu.addAction(
            "Annotate All...", lambda: tagger.window.knowledge.annotate_all(mention_id=ident)
        )
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
