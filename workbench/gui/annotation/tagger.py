"""The tagger: selections, keys and clicks in the source pane become annotations.

It holds the shown document's annotations (an :class:`~.annotation_set.AnnotationSet`)
and keeps three views of them in step: the highlights over the text, the side panel and
the document list's counts. Every change is an undo command on the window's stack that
calls the operations layer, which commits it to the project file at once.

Keys, with text selected in the source pane: a label's key labels the selection,
snapped to whole words (a Turkish suffix after an apostrophe left out); Alt with the key
keeps the exact selection; an event type's key, or Ctrl+T, makes the selection an
event's trigger; Space or Ctrl+L opens the label palette. With no selection the same
keys act on the selected annotation (see :mod:`~.annotation_selection`: a click selects
one, clicking again cycles through nested ones): a label key relabels it -- or, pressed
again on a word with an Arabic proclitic, steps between "وبوتين" and "بوتين" --,
Delete deletes it. While an event takes
arguments (after it is made, or Ctrl+R on its trigger) clicking a mention, or Ctrl+R
with the cursor on it, asks for its role; Escape ends that. Changing a mention's
knowledge-base id (Ctrl+K) or moving an annotation to the selection (Ctrl+M) is in
:mod:`~.annotation_edits`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from workbench.core.model import Label, Mention, Schema
from workbench.errors import KnownError
from workbench.gui.annotation import annotation_commands as commands
from workbench.gui.annotation import annotator_name
from workbench.gui.annotation.annotation_edits import AnnotationEdits
from workbench.gui.annotation.annotation_menus import annotation_menu, context_menu
from workbench.gui.annotation.annotation_panel import AnnotationPanel, one_line
from workbench.gui.annotation.annotation_selection import AnnotationSelection
from workbench.gui.annotation.annotation_set import AnnotationChange, AnnotationSet
from workbench.gui.annotation.commands import OperationCommand, push
from workbench.gui.annotation.event_tagging import EventTagging
from workbench.gui.annotation.label_palette import MODIFIERS, LabelPalette, label_for_key
from workbench.gui.annotation.picker import Choice, Picker
from workbench.gui.annotation.tagger_base import TaggerHost
from workbench.gui.common import dialogs
from workbench.gui.document.annotation_highlights import AnnotationHighlights
from workbench.gui.document.annotation_overlay import AnnotationOverlay, span_rects
from workbench.gui.document.find_bar import distinct_colors
from workbench.ops.schema import get_schema
from workbench.storage import annotations as store
from workbench.storage.project import Project
from workbench.text.snapping import Known, document_words, snap_to_words

ANNOTATOR_KEY = annotator_name.ANNOTATOR_KEY
Target = tuple[str, int]  # ("mention" | "event", id)
# Makes an undo command from the project, the shown document's id and the annotator.
Build = Callable[[Project, int, str], OperationCommand]


class Tagger(EventTagging, AnnotationEdits, AnnotationSelection, QObject):
    """Annotating the shown document; the target of annotation and schema commands."""

    schemaChanged = Signal()

    def __init__(self, window: TaggerHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.view = window.source
        self.annotations = AnnotationSet()
        self.schema = Schema()
        self.keys: dict[str, Label] = {}
        self.active: Target | None = None
        self.current_event: int | None = None
        self.adding_arguments = False
        self.known_words: Known = document_words("")
        self.highlights = AnnotationHighlights(self.view, self.annotations)
        self.overlay = AnnotationOverlay(self.view, self.highlights)
        self.view.overlay = self.overlay.paint
        self.panel = AnnotationPanel(self.annotations)
        self.palette = LabelPalette()
        self.panel.model.lookup = self._mention
        self.picker = Picker(parent)
        self.status = window.status_bar
        QToolTip.setFont(dialogs.ui_font())  # tooltips quote mentions: the text families
        self.panel_timer = QTimer(self)
        self.panel_timer.setSingleShot(True)
        self.panel_timer.setInterval(0)
        self.panel_timer.timeout.connect(self._sync_panel)
        self.view.handler = self
        self.view.cursorPositionChanged.connect(self.caret_moved)
        self.panel.mentionChosen.connect(lambda i: self.choose(("mention", i)))
        self.panel.eventChosen.connect(lambda i: self.choose(("event", i)))
        self.panel.argumentChosen.connect(lambda _e, m: self.choose(("mention", m)))
        self.panel.menuRequested.connect(self._panel_menu)
        self.palette.labelChosen.connect(self.use_label)

    @property
    def project(self) -> Project | None:
        return self.window.project

    # -- loading -------------------------------------------------------------------------
    def load(self, doc_id: int | None, text: str = "") -> None:
        """Show the annotations of ``doc_id`` (None: no document)."""
        project = self.project
        if doc_id is None or project is None:
            self.annotations = AnnotationSet()
        else:
            self.annotations = AnnotationSet(
                doc_id,
                text,
                store.mention_rows(project.conn, doc_id),
                store.events_of(project.conn, doc_id),
            )
        self.active, self.current_event, self.adding_arguments = None, None, False
        self.known_words = document_words(self.annotations.text)
        self.panel.reset(self.annotations)
        self.highlights.set_annotations(self.annotations)
        self.status.set_state("")
        self.status.clearMessage()  # it spoke of the last document

    def _mention(self, mention_id: int) -> Mention | None:
        project = self.project
        return store.get_mention(project.conn, mention_id) if project is not None else None

    def reload(self) -> None:
        self.load(self.annotations.doc_id, self.annotations.text)

    def load_schema(self) -> None:
        self.schema = get_schema(self.project) if self.project is not None else Schema()
        self.keys = {
            x.shortcut.casefold(): x
            for x in (*self.schema.entities, *self.schema.events)
            if x.shortcut
        }
        self.palette.set_schema(self.schema)
        self.highlights.set_schema(self.schema)
        self.window.set_find_colors(*distinct_colors(self.highlights.colors.values()))
        self.panel.set_colors(
            {k[1]: c for k, c in self.highlights.colors.items() if k[0] == "entity"},
            {k[1]: c for k, c in self.highlights.colors.items() if k[0] == "event"},
        )

    def schema_changed(self, annotations_renamed: bool) -> None:
        self.load_schema()
        if annotations_renamed:
            self.reload()
        self.schemaChanged.emit()

    # -- the command target ------------------------------------------------------------------
    def show_document(self, doc_id: int) -> None:
        if self.annotations.doc_id != doc_id:
            if not self.window.choose_document(doc_id):
                self.window.show_document(doc_id)

    def apply(self, change: AnnotationChange) -> None:
        if change.doc_id != self.annotations.doc_id:
            self.window.document_changed(change.doc_id)
            return
        data, model = self.annotations, self.panel.model
        for ident in change.removed_mentions:
            if ident in data.rows:
                model.remove(ident)
        for mention in change.mentions:
            model.put(mention)
        for ident in change.removed_events:
            if ident in data.events:
                data.remove_event(ident)
        for event in change.events:
            data.set_event(event)
        if change.events or change.removed_events:
            self.panel.refresh_events()
        if self.current_event not in data.events:
            self.current_event, self.adding_arguments = None, False
        focus = change.focus if change.focus is not None and self._exists(change.focus) else None
        if focus is not None and change.reveal:
            self._put_cursor_after(focus)
        self.choose(focus, select=False, redraw=False)
        self.highlights.refresh(keep_window=True)  # once, for the change and the emphasis
        self.window.annotation_counts(change.doc_id, len(data.rows), len(data.events))

    def report(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            dialogs.show_error(self.parent_widget, str(exc))
        else:
            text = "".join(traceback.format_exception(exc))
            dialogs.show_bug(self.parent_widget, f"{type(exc).__name__}: {exc}", text)
        self.reload()  # whatever half-happened, show what the file holds

    # -- the view's handler ----------------------------------------------------------------
    def label_for_key(self, event: QKeyEvent) -> Label | None:
        return label_for_key(self.keys, event)

    def claims(self, event: QKeyEvent) -> bool:
        """Whether a label key is ours before any shortcut's (Alt+F is also the File menu):
        a plain key always, Alt+key only with something to label or relabel."""
        if self.annotations.doc_id is None or self.label_for_key(event) is None:
            return False
        if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return True
        cursor = self.view.textCursor()
        return cursor.hasSelection() or self.target() is not None or self.under_caret() is not None

    def key_pressed(self, event: QKeyEvent) -> bool:
        if self.annotations.doc_id is None:
            return False
        label = self.label_for_key(event)
        if label is not None:
            exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self.use_label(label, exact=exact)
            return True
        plain = not (event.modifiers() & ~MODIFIERS)
        if event.key() == Qt.Key.Key_Space and plain:
            self.open_palette()
            return True
        if event.key() == Qt.Key.Key_Escape and plain:
            return self.escape()
        return False

    def escape(self) -> bool:
        """Esc: stop adding arguments, else deselect, else drop the text selection."""
        if self.adding_arguments:
            self.stop_arguments()
        elif self.active is not None:
            self.deselect()
        elif self.view.textCursor().hasSelection():
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
        else:
            return False
        return True

    def clicked(self, offset: int, where: QPoint) -> None:
        mentions = self.annotations.mentions_at(offset)
        if self.adding_arguments and mentions:
            self.add_argument(mentions[0][0])
            return
        if mentions:
            ids = [row[0] for row in mentions]
            # A second click on a nested mention moves to the one around it.
            if self.active and self.active[0] == "mention" and self.active[1] in ids:
                ident = ids[(ids.index(self.active[1]) + 1) % len(ids)]
            else:
                ident = ids[0]
            self.choose(("mention", ident), select=False)
            return
        events = self.annotations.events_at(offset)
        self.choose(("event", events[0].id) if events else None, select=False)

    def context_menu(self, offset: int | None) -> QMenu | None:
        if self.annotations.doc_id is None:
            return None
        return context_menu(self, offset)

    def _panel_menu(self, what: str, ident: int, where: QPoint) -> None:
        self.choose((what, ident))
        menu = annotation_menu(self, what, ident, QMenu(self.panel))
        menu.exec(where)
        menu.deleteLater()

    # -- what the user is working on (the rest in annotation_selection) ----------------------
    def _sync_panel(self) -> None:
        self.panel.refresh_counts()
        active = self.active if self.active is not None and self._exists(self.active) else None
        self.panel.show_active(active)

    def label_key(self, label: str) -> str:
        """The key that makes ``label``, as printed on the keyboard ("P"); "" if none."""
        for key, found in self.keys.items():
            if found.name == label and found.kind == "entity":
                return key.upper()
        return ""

    # -- making annotations -------------------------------------------------------------------
    def selection(self, exact: bool = False) -> tuple[int, int] | None:
        """The selected span in code points, snapped to words unless ``exact``; None if
        nothing is selected, an empty span if the selection holds no word."""
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.view.offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        if exact:
            return start, end
        doc = self.window.document
        clitics = doc is None or doc.lang != "fa"  # Persian writes و and به apart
        return snap_to_words(self.annotations.text, start, end, self.known_words, clitics=clitics)

    def use_label(self, label: Label, exact: bool = False) -> None:
        if label.kind == "event":
            self.mark_event(label.name, exact=exact)
        else:
            self.label_selection(label.name, exact=exact)

    def label_selection(self, label: str, exact: bool = False) -> None:
        """A label for the selected text; with none, for the selected mention."""
        raw = self.selection(exact=True)
        target = self.target()
        if raw is None:
            if target is not None and target[0] == "mention":
                self.relabel(target[1], label)
            elif target is not None:
                self.say(f"{self.name(target)} is an event: select words to label them")
            elif not self.select_under_caret(f"press {self.label_key(label)} again to label it"):
                self.say("Select the words to label first (drag, double-click or Shift+arrows)")
            return
        if target is not None and target[0] == "mention" and self.span_of(target) == raw:
            self.relabel(target[1], label)
            return
        span = self.selection(exact)
        assert span is not None
        if span[0] >= span[1]:
            self.say("The selection holds no word: nothing was labelled")
            return
        existing = self.annotations.find_mention(*span, label=label)
        if existing is not None:
            self.choose(("mention", existing[0]), select=False)
            self.say(
                f"“{one_line(self.annotations.text[span[0] : span[1]], 40)}” is already {label}"
            )
            return
        self._push(
            lambda p, d, who: commands.AddMentionCommand(p, d, span, label, who, self), quote=span
        )

    def _push(
        self, build: Build, *, named: bool = True, quote: tuple[int, int] | None = None
    ) -> bool:
        """Build a command for the shown document and push it; ``named`` ones carry the
        annotator's name (asked for if need be: no name, no command). ``quote``: the
        text the command is about, added to its name ("Undo Add PER “بوتين”")."""
        project, doc_id = self.project, self.annotations.doc_id
        if project is None or doc_id is None:
            return False
        who = self.annotator() if named else ""
        if who is None:
            return False
        command = build(project, doc_id, who)
        if quote is not None:
            text = one_line(self.annotations.text[quote[0] : quote[1]], 30)
            command.setText(f"{command.text()} “{text}”")
        return push(self.window.undo_stack, command, *self.status_followers(project, command))

    def announce(self, undone: bool) -> None:
        """After Undo or Redo: say what was undone or redone."""
        stack = self.window.undo_stack
        index = stack.index() if undone else stack.index() - 1
        if 0 <= index < stack.count():
            self.say(f"{'Undone' if undone else 'Redone'}: {stack.text(index)}")
        else:
            self.say(f"Nothing to {'undo' if undone else 'redo'}")

    # -- deleting ---------------------------------------------------------------------------------------
    def delete_at_cursor(self) -> None:
        target = self.target()
        if target is None:
            if not self.select_under_caret("press Delete again to delete it"):
                self.say("Nothing is selected: click the mention or trigger to delete first")
        elif target[0] == "mention":
            self.delete_mention(target[1])
        else:
            self.delete_event(target[1])

    def delete_mention(self, mention_id: int) -> None:
        data = self.annotations
        if mention_id not in data.rows or data.doc_id is None:
            return
        using = data.events_using(mention_id)
        if using:
            text = one_line(data.mention_text(data.rows[mention_id]), 40)
            kinds = ", ".join(sorted({e.type for e in using}))
            question = (
                f"“{text}” is an argument of {len(using)} event(s) ({kinds}). "
                "Delete the mention and remove it from those events?"
            )
            if not dialogs.confirm(self.parent_widget, question):
                self.say("Nothing was deleted")
                return
        row = data.rows[mention_id]
        name = self.name(("mention", mention_id))
        if self._push(
            lambda p, d, _who: commands.DeleteMentionCommand(p, d, mention_id, self),
            named=False,
            quote=(row[1], row[2]),
        ):
            self.say(f"Deleted {name}")

    # -- choosing from lists ----------------------------------------------------------------------------
    def open_palette(self) -> None:
        """Space or Ctrl+L: choose an entity label for the selection (or the active mention)."""
        if self.annotations.doc_id is None:
            return
        choices = [Choice(x.name, x.color, x.shortcut, x) for x in self.schema.entities]
        raw = self.selection(exact=True)
        near = raw if raw is not None else self.span_of(self.active) if self.active else None
        self.pick("Label", choices, lambda label: self.use_label(label), near=near)

    def pick(
        self,
        title: str,
        choices: list[Choice],
        callback: Any,
        at: QPoint | None = None,
        near: tuple[int, int] | None = None,
    ) -> None:
        """The picker beside the text ``near`` (code points) and never over it, else at
        ``at``, else under the caret."""
        avoid = None
        if near is not None:
            rects = span_rects(self.view, *near)
            if rects:
                box = rects[0]
                for rect in rects[1:]:
                    box = box.united(rect)
                port = self.view.viewport()
                avoid = QRect(port.mapToGlobal(box.topLeft().toPoint()), box.size().toSize())
        if avoid is not None:
            at = avoid.bottomLeft()
        elif at is None:
            caret = self.view.cursorRect(self.view.textCursor())
            at = self.view.viewport().mapToGlobal(caret.bottomLeft())
        self.picker.pick(title, choices, at, callback, avoid=avoid)

    # -- the annotator ------------------------------------------------------------------------
    def annotator(self) -> str | None:
        """The annotator's name, asked for the first time it is needed and then kept."""
        return annotator_name.current_name() or self.ask_annotator()

    def ask_annotator(self) -> str | None:
        name = annotator_name.ask_name(self.parent_widget)
        if name is None:
            self.say("No annotator name given: nothing was annotated")
        return name
