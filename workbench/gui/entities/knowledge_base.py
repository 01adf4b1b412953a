"""The window's knowledge-base family: the link dialog, Entities and Search docks, annotate all.

One controller the window creates and hooks in three places (its docks, Ctrl+K through
the tagger, Ctrl+Shift+F). It uses only a narrow part of the window -- the open project,
the undo stack, the tagger (to show a document, choose a mention, reload after a change,
report errors) and the source and translation panes -- and is the
:class:`~.entity_commands.EntityTarget` of the commands it pushes. Beside a linked
mention at the cursor, the translation pane shows the entity's English name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

from workbench.gui.annotation.commands import SetStatusCommand, push
from workbench.gui.common import dialogs
from workbench.gui.entities.annotate_all import AnnotateAllDialog
from workbench.gui.entities.entities_panel import EntitiesPanel
from workbench.gui.entities.entity_commands import (
    AnnotateAllCommand,
    LinkCommand,
    MergeCommand,
    SplitCommand,
)
from workbench.gui.entities.link_dialog import LINK, NEW, LinkDialog
from workbench.gui.entities.search_panel import SearchPanel
from workbench.ops import occurrences, searching
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage import entities as store
from workbench.storage.project import Project

if TYPE_CHECKING:
    from workbench.gui.window.main_window import MainWindow


class KnowledgeBase(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.entities = EntitiesPanel(self)
        self.search = SearchPanel(self)
        self.entity_dock: QDockWidget = window._dock("Entities", "entityDock", self.entities)
        self.search_dock: QDockWidget = window._dock("Search", "searchDock", self.search)
        # Tabs beside the annotation list: stacked docks would raise the window's minimum height.
        window.tabifyDockWidget(window.annotation_dock, self.entity_dock)
        window.tabifyDockWidget(self.entity_dock, self.search_dock)
        window.annotation_dock.raise_()
        self.entity_note = dialogs.plain_label("", window.translation)
        self.entity_note.setObjectName("entityNote")
        self.entity_note.hide()
        layout = window.translation.layout()
        if layout is not None:
            layout.addWidget(self.entity_note)
        window.source.cursorPositionChanged.connect(self.show_entity_note)
        window.undo_stack.indexChanged.connect(lambda _i: self.entities.refresh())
        self.dialog: LinkDialog | None = None
        self.checklist: AnnotateAllDialog | None = None

    @property
    def project(self) -> Project | None:
        return self.window.project

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def project_opened(self) -> None:
        self.entities.refresh()
        self.search.results.clear()

    # -- the command target -------------------------------------------------------------------
    def entities_changed(self, doc_ids: Sequence[int]) -> None:
        shown = self.window.document
        if shown is not None and shown.id in doc_ids:
            self.window.tagger.reload()
        for doc_id in doc_ids:
            self.window.document_changed(doc_id)
        self.entities.refresh()
        self.show_entity_note()

    def report(self, exc: BaseException) -> None:
        self.window.tagger.report(exc)

    # -- navigation ---------------------------------------------------------------------------
    def jump(self, doc_id: int, start: int, end: int, mention_id: int | None = None) -> None:
        """Open ``doc_id`` with the span (or the mention) selected and in view."""
        tagger = self.window.tagger
        tagger.show_document(doc_id)
        if mention_id is not None and mention_id in tagger.annotations.rows:
            tagger.choose(("mention", mention_id))
            return
        view = self.window.source
        view.setTextCursor(view.cursor_for(start, end))
        view.reveal_offset(start)
        view.setFocus()

    def show_entities(self) -> None:
        self.entity_dock.show()
        self.entity_dock.raise_()

    def open_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.query.setFocus()
        self.search.query.selectAll()

    def find_entity(self, entity_id: int) -> None:
        project = self.project
        entity = store.get_entity(project.conn, entity_id) if project else None
        if entity is not None:
            self.search_dock.show()
            self.search_dock.raise_()
            self.search.search_entity(entity_id, entity.name)

    # -- linking ------------------------------------------------------------------------------
    def link_mention(self, mention_id: int) -> None:
        """Ctrl+K: the link dialog for a mention of the shown document."""
        project, tagger = self.project, self.window.tagger
        mention = store_ann.get_mention(project.conn, mention_id) if project else None
        if project is None or mention is None:
            return
        text = " ".join(tagger.annotations.text[mention.start : mention.end].split())
        if self.dialog is not None:
            self.dialog.close()  # one link dialog at a time
        self.dialog = LinkDialog(project, text, mention.label, mention.entity_id, self.window)
        lang = self.window.document.lang if self.window.document else None

        def chosen(kind: str, value: object) -> None:
            kwargs: dict[str, object] = {}
            if kind == LINK:
                if value == mention.entity_id:
                    return
                kwargs["entity_id"] = value
            elif kind == NEW:
                kwargs["new"] = (mention.label, str(value), lang)
            elif mention.entity_id is None:
                return
            command = LinkCommand(
                project,
                [mention_id],
                [mention.document_id],
                self,
                **kwargs,  # type: ignore[arg-type]
            )
            push(self.window.undo_stack, command)

        self.dialog.chosen.connect(chosen)
        self.dialog.open()

    def merge(self, keep_id: int, gone_id: int) -> None:
        project = self.project
        if project is None:
            return
        keep, gone = (
            store.get_entity(project.conn, keep_id),
            store.get_entity(project.conn, gone_id),
        )
        if keep is not None and gone is not None:
            push(self.window.undo_stack, MergeCommand(project, keep, gone, self))

    def split(self, entity_id: int, mention_ids: list[int], doc_ids: list[int]) -> None:
        project = self.project
        entity = store.get_entity(project.conn, entity_id) if project else None
        if project is None or entity is None:
            return
        name, ok = dialogs.ask_text(
            self.window, "Split Entity", f"Name of the new entity split off {entity.name}:",
            text=entity.name,
        )  # fmt: skip
        if ok and name.strip():
            command = SplitCommand(project, entity, mention_ids, doc_ids, name.strip(), self)
            push(self.window.undo_stack, command)

    # -- annotate all -------------------------------------------------------------------------
    def annotate_all(
        self,
        *,
        mention_id: int | None = None,
        query: str | None = None,
        entity_id: int | None = None,
    ) -> None:
        project = self.project
        if project is None:
            return
        mention = store_ann.get_mention(project.conn, mention_id) if mention_id else None
        if mention is not None:
            entity_id = mention.entity_id
        entity = store.get_entity(project.conn, entity_id) if entity_id else None
        name = entity.name if entity else query or ""
        if mention is not None:
            name = project.conn.execute(
                "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                (mention.start, mention.end, mention.start, mention.document_id),
            ).fetchone()[0]

        shown = self.window.document.id if self.window.document else None

        def find(include_done: bool, whole_project: bool) -> list[searching.Hit]:
            return occurrences.occurrences(
                project, mention=mention, query=query, entity_id=entity_id,
                include_done=include_done, document=None if whole_project else shown,
            )  # fmt: skip

        labels = [x.name for x in self.window.tagger.schema.entities]
        label = mention.label if mention else entity.type if entity else (labels or [""])[0]
        linked = f", linked to {entity.name}" if entity else ""
        if self.checklist is not None:
            self.checklist.close()  # one checklist at a time
        self.checklist = AnnotateAllDialog(
            f"Other occurrences of “{name}”{linked}:",
            find,
            labels,
            label,
            self.window,
            has_document=shown is not None,
        )

        def applied(places: list[tuple[int, int, int]], chosen_label: str) -> None:
            who = self.window.tagger.annotator()
            if who is None:
                return
            command = AnnotateAllCommand(project, places, chosen_label, entity_id, who, self)
            # Documents still "to do" go "in progress", in the same undo step.
            todo = [
                SetStatusCommand(
                    project, d.id, "in_progress", self.window.status_changed, self.report
                )
                for d in store_docs.list_documents(project.conn, list(command.doc_ids))
                if d.status == "todo"
            ]
            push(self.window.undo_stack, command, *todo)

        self.checklist.applied.connect(applied)
        self.checklist.open()

    def annotate_all_at_cursor(self) -> None:
        tagger = self.window.tagger
        target = tagger.target() or tagger.active
        if target is None or target[0] != "mention":
            self.say("Put the cursor on a mention (or click one) first")
            return
        self.annotate_all(mention_id=target[1])

    # -- the translation pane -----------------------------------------------------------------
    def show_entity_note(self) -> None:
        """Beside a linked mention at the cursor: its entity's English (or preferred) name."""
        tagger, project = self.window.tagger, self.project
        target = tagger.target() if project is not None else None
        mention = (
            store_ann.get_mention(project.conn, target[1])
            if project is not None and target is not None and target[0] == "mention"
            else None
        )
        if project is None or mention is None or mention.entity_id is None:
            self.entity_note.hide()
            return
        entity = store.get_entity(project.conn, mention.entity_id)
        if entity is None:
            self.entity_note.hide()
            return
        english = next(
            (a.alias for a in store.aliases_of(project.conn, entity.id) if a.lang == "en"),
            entity.name,
        )
        text = tagger.annotations.text[mention.start : mention.end]
        self.entity_note.setText(f"{text} = {english} ({entity.type})")
        self.entity_note.show()
