"""Annotation › Curate Document...: settle the annotators' differences into a gold layer.

One row per item of the document (a distinct mention span and label, or event trigger
and type; see :mod:`workbench.ops.curation`), the annotators side by side in columns:
which of them has it, whether the curated layer has it, and its state -- agreed by all,
or a difference (named: "only ayşe"), marked in colour as well as in words. Accept All
Agreed copies everything all annotators agree on into the curated layer in one undo
step; Accept Selected takes the chosen rows as they are; Remove from Curated takes
a curated annotation out again; Relabel Curated... and Knowledge-Base ID... edit one,
keeping it curated. Curated annotations are ordinary ones of the annotator ``curated``
and show in the document view (where an edit makes an annotation the editor's own).

Every change is an undo command on the window's stack that only calls the operations
and their inverses, naming the rows it expects (like :mod:`.annotation_commands`). The
progress (settled items of all) is shown here and in the window's status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QEvent
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.model import Event, Mention
from workbench.gui.annotation.commands import OperationCommand, Report, push
from workbench.gui.common import dialogs
from workbench.ops import annotating, curation
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

AGREED = QColor("#d9f2d9")
DIFFERS = QColor("#fde2c8")


class CurationWindow(Protocol):
    """What the curation view needs of the main window."""

    project: Project | None
    undo_stack: QUndoStack

    def curation_changed(self, doc_id: int) -> None: ...

    def report_error(self, exc: BaseException) -> None: ...


class AcceptCommand(OperationCommand):
    """Copy annotations into the curated layer; undo removes exactly those copies."""

    def __init__(
        self,
        project: Project,
        doc_id: int,
        mentions: list[Mention],
        events: list[Event],
        changed: Callable[[int], None],
        report: Report,
        text: str = "Accept into Curated",
    ) -> None:
        super().__init__(text, report)
        self.project, self.doc_id, self.changed = project, doc_id, changed
        self.mentions, self.events = mentions, events
        self.accepted: curation.Accepted | None = None

    def run(self) -> None:
        if self.accepted is None:
            self.accepted = curation.accept(self.project, self.doc_id, self.mentions, self.events)
        else:
            curation.reaccept(self.project, self.accepted)

    def revert(self) -> None:
        assert self.accepted is not None
        curation.unaccept(self.project, self.accepted)

    def done(self, result: object) -> None:
        self.changed(self.doc_id)


class RemoveCuratedCommand(OperationCommand):
    """Take one curated mention or event out of the curated layer; undo brings it back."""

    def __init__(
        self,
        project: Project,
        annotation: Mention | Event,
        changed: Callable[[int], None],
        report: Report,
    ) -> None:
        super().__init__("Remove from Curated", report)
        self.project, self.annotation, self.changed = project, annotation, changed
        self.removed: annotating.RemovedMention | None = None

    def run(self) -> None:
        a = self.annotation
        if isinstance(a, Mention):
            self.removed = annotating.delete_mention(self.project, a.id, expected=a)
        else:
            annotating.delete_event(self.project, a.id, expected=a)

    def revert(self) -> None:
        if isinstance(self.annotation, Mention):
            assert self.removed is not None
            annotating.undelete_mention(self.project, self.removed)
        else:
            annotating.restore_event(self.project, self.annotation)

    def done(self, result: object) -> None:
        self.changed(self.annotation.document_id)


class EditCuratedCommand(OperationCommand):
    """A new label (or type) or knowledge-base id for a curated annotation; it stays curated."""

    def __init__(
        self,
        project: Project,
        new: Mention | Event,
        changed: Callable[[int], None],
        report: Report,
        text: str,
    ) -> None:
        super().__init__(text, report)
        self.project, self.new, self.changed = project, new, changed
        self.old: Mention | Event | None = None

    def run(self) -> None:
        # A redo expects the row as the undo left it.
        if isinstance(self.new, Mention):
            assert self.old is None or isinstance(self.old, Mention)
            self.old = annotating.update_mention(self.project, self.new, expected=self.old)
        else:
            assert self.old is None or isinstance(self.old, Event)
            self.old = annotating.update_event(self.project, self.new, expected=self.old)

    def revert(self) -> None:
        if isinstance(self.old, Mention):
            assert isinstance(self.new, Mention)
            annotating.update_mention(self.project, self.old, expected=self.new)
        elif isinstance(self.old, Event):
            assert isinstance(self.new, Event)
            annotating.update_event(self.project, self.old, expected=self.new)

    def done(self, result: object) -> None:
        self.changed(self.new.document_id)


class CurationView(QDialog):
    """The curation of one document; :meth:`refresh` rereads it from the project."""

    def __init__(self, window: CurationWindow, doc_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = window
        self.doc_id = doc_id
        self.state: curation.Curation | None = None
        self.title = dialogs.plain_label("", self)
        self.progress = dialogs.plain_label("", self)
        self.table = QTableWidget(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.accept_agreed_button = QPushButton("Accept All &Agreed", self)
        self.accept_button = QPushButton("Accept &Selected", self)
        self.remove_button = QPushButton("&Remove Selected from Curated", self)
        self.relabel_button = QPushButton("Re&label Curated...", self)
        self.kb_button = QPushButton("&Knowledge-Base ID...", self)
        self.relabel_button.clicked.connect(lambda: self.relabel_selected())
        self.kb_button.clicked.connect(lambda: self.set_kb_id_selected())
        self.accept_agreed_button.clicked.connect(lambda: self.accept_agreed())
        self.accept_button.clicked.connect(lambda: self.accept_selected())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        row = QHBoxLayout()
        for button in (
            self.accept_agreed_button,
            self.accept_button,
            self.remove_button,
            self.relabel_button,
            self.kb_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.setWindowTitle("Curation")
        self.resize(860, 520)
        self.refresh()

    @property
    def project(self) -> Project | None:
        return self.host.project

    def changeEvent(self, event: QEvent) -> None:
        # Back from the document view, where curated annotations are edited: reread.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        project = self.project
        if project is None:
            return
        doc = store_docs.get_document(project.conn, self.doc_id, annotations=False)
        self.state = state = curation.curation_of(project.conn, self.doc_id)
        self.title.setText(
            f"#{doc.id} {doc.source} — annotators: {', '.join(state.annotators) or 'none'}"
        )
        settled, total = state.progress
        self.progress.setText(f"Curation: {settled} of {total} item(s) settled")
        columns = ["kind", "text", "span", "label", *state.annotators, "curated", "state"]
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(state.items))
        for r, item in enumerate(state.items):
            if item.agreed:
                word = "agreed"
            else:
                word = "differs: only " + ", ".join(item.annotators)
            if item.settled and not item.curated:
                word += "; settled by an overlapping curated annotation"
            values = [
                item.kind,
                doc.text[item.start : item.end],
                f"{item.start}-{item.end}",
                item.label,
                *("✓" if n in item.annotators else "–" for n in state.annotators),
                "✓" if item.curated else "–",
                word,
            ]
            colour = AGREED if item.agreed else DIFFERS
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if c == len(values) - 1:
                    cell.setBackground(QBrush(colour))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()

    # -- actions ---------------------------------------------------------------------------
    def _selected(self) -> list[curation.Item]:
        if self.state is None:
            return []
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.state.items[r] for r in rows]

    def _push(self, command: OperationCommand, *more: OperationCommand) -> None:
        push(self.host.undo_stack, command, *more)

    def accept_agreed(self) -> None:
        project = self.project
        if project is None:
            return
        mentions, events = curation.agreed(project.conn, self.doc_id)
        if not mentions and not events:
            self.progress.setText(self.progress.text() + " — nothing agreed is left to accept")
            return
        self._push(
            AcceptCommand(
                project,
                self.doc_id,
                mentions,
                events,
                self.host.curation_changed,
                self.host.report_error,
                "Accept All Agreed",
            )
        )

    def accept_selected(self) -> None:
        project, state = self.project, self.state
        if project is None or state is None:
            return
        mentions: list[Mention] = []
        events: list[Event] = []
        for item in self._selected():
            if item.curated:
                continue
            who = item.annotators[0]
            if item.kind == "mention":
                mentions += [
                    m for m in state.mentions[who] if (m.start, m.end, m.label) == (item.start, item.end, item.label)
                ][:1]  # fmt: skip
            else:
                events += [
                    e for e in state.events[who] if (e.trigger_start, e.trigger_end, e.type) == (item.start, item.end, item.label)
                ][:1]  # fmt: skip
        if mentions or events:
            self._push(
                AcceptCommand(
                    project,
                    self.doc_id,
                    mentions,
                    events,
                    self.host.curation_changed,
                    self.host.report_error,
                )
            )

    def _gold(self) -> list[Mention | Event]:
        """The curated annotations of the selected rows."""
        state = self.state
        if state is None:
            return []
        gold: list[Mention | Event] = []
        for item in self._selected():
            if not item.curated:
                continue
            if item.kind == "mention":
                gold += [
                    m for m in state.mentions.get(curation.CURATED, []) if (m.start, m.end, m.label) == (item.start, item.end, item.label)
                ]  # fmt: skip
            else:
                gold += [
                    e for e in state.events.get(curation.CURATED, []) if (e.trigger_start, e.trigger_end, e.type) == (item.start, item.end, item.label)
                ]  # fmt: skip
        return gold

    def _edit(self, new: Mention | Event, text: str) -> None:
        project = self.project
        if project is not None:
            changed, report = self.host.curation_changed, self.host.report_error
            self._push(EditCuratedCommand(project, new, changed, report, text))

    def relabel_selected(self, label: str | None = None) -> None:
        """A new label (a mention) or type (an event) for the first selected curated row."""
        gold = self._gold()
        if not gold:
            return
        first = gold[0]
        if label is None:
            current = first.label if isinstance(first, Mention) else first.type
            answer, ok = dialogs.ask_text(self, "Relabel curated", "New label:", text=current)
            if not ok or not answer.strip():
                return
            label = answer.strip()
        if isinstance(first, Mention):
            self._edit(replace(first, label=label), f"Relabel Curated as {label}")
        else:
            self._edit(replace(first, type=label), f"Retype Curated Event as {label}")

    def set_kb_id_selected(self, kb_id: str | None = None, *, ask: bool = True) -> None:
        """The knowledge-base id of the first selected curated mention (empty clears it)."""
        mention = next((a for a in self._gold() if isinstance(a, Mention)), None)
        if mention is None:
            return
        if ask and kb_id is None:
            answer, ok = dialogs.ask_text(
                self,
                "Knowledge-base id",
                "Knowledge-base id (empty clears it):",
                text=mention.kb_id or "",
            )
            if not ok:
                return
            kb_id = answer.strip() or None
        self._edit(replace(mention, kb_id=kb_id), "Set Curated Knowledge-Base ID")

    def remove_selected(self) -> None:
        project = self.project
        if project is None:
            return
        gold = self._gold()
        # Events first: a curated event's arguments point at curated mentions.
        gold.sort(key=lambda a: isinstance(a, Mention))
        commands = [
            RemoveCuratedCommand(project, a, self.host.curation_changed, self.host.report_error)
            for a in gold
        ]
        if commands:
            self._push(commands[0], *commands[1:])
