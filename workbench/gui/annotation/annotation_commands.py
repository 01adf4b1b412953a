"""Undoable annotation changes: mentions, events and event arguments.

Each command calls one function of :mod:`workbench.ops.annotating` and, to undo, its
inverse (``restore_*`` brings a deleted row back under its old id and uid, so arguments
that pointed at it stay valid). Each inverse names the row it expects to find, so an
undo never removes or overwrites a row another program changed meanwhile. The result goes to the target -- the window's tagger -- as an
:class:`~.annotation_set.AnnotationChange`. Before a later undo or redo the target shows
the document concerned: undoing in one document a change made in another brings that
document back on screen first, so the user sees what is undone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from workbench.core.model import Event, Mention
from workbench.gui.annotation.annotation_set import AnnotationChange
from workbench.gui.annotation.commands import OperationCommand
from workbench.ops import annotating as ops
from workbench.storage.project import Project


class AnnotationTarget(Protocol):
    def show_document(self, doc_id: int) -> None: ...

    def apply(self, change: AnnotationChange) -> None: ...

    def report(self, exc: BaseException) -> None: ...


class AnnotationCommand(OperationCommand):
    def __init__(self, text: str, project: Project, doc_id: int, target: AnnotationTarget) -> None:
        super().__init__(text, target.report)
        self.project = project
        self.doc_id = doc_id
        self.target = target

    def before(self) -> None:
        self.target.show_document(self.doc_id)

    def done(self, result: AnnotationChange) -> None:
        self.target.apply(result)


class AddMentionCommand(AnnotationCommand):
    def __init__(
        self,
        project: Project,
        doc_id: int,
        span: tuple[int, int],
        label: str,
        annotator: str | None,
        target: AnnotationTarget,
    ) -> None:
        super().__init__(f"Add {label} Mention", project, doc_id, target)
        self.span, self.label, self.annotator = span, label, annotator
        self.mention: Mention | None = None

    def run(self) -> AnnotationChange:
        if self.mention is None:
            start, end = self.span
            self.mention = ops.add_mention(
                self.project, self.doc_id, start, end, self.label, annotator=self.annotator
            )
        else:
            ops.restore_mention(self.project, self.mention)
        return AnnotationChange(
            self.doc_id, mentions=(self.mention,), focus=("mention", self.mention.id)
        )

    def revert(self) -> AnnotationChange:
        assert self.mention is not None
        ops.delete_mention(self.project, self.mention.id, expected=self.mention)
        return AnnotationChange(self.doc_id, removed_mentions=(self.mention.id,))


class UpdateMentionCommand(AnnotationCommand):
    """A new label, knowledge-base id or span for a mention."""

    def __init__(
        self, project: Project, new: Mention, target: AnnotationTarget, text: str = ""
    ) -> None:
        text = text or f"Relabel Mention as {new.label}"
        super().__init__(text, project, new.document_id, target)
        self.new = new
        self.old: Mention | None = None

    def run(self) -> AnnotationChange:
        # A redo expects the mention as the undo left it.
        self.old = ops.update_mention(self.project, self.new, expected=self.old)
        return AnnotationChange(self.doc_id, mentions=(self.new,), focus=("mention", self.new.id))

    def revert(self) -> AnnotationChange:
        assert self.old is not None
        ops.update_mention(self.project, self.old, expected=self.new)
        return AnnotationChange(self.doc_id, mentions=(self.old,), focus=("mention", self.old.id))


class DeleteMentionCommand(AnnotationCommand):
    """Delete a mention; the arguments that pointed at it go with it and come back on undo."""

    def __init__(
        self, project: Project, doc_id: int, mention_id: int, target: AnnotationTarget
    ) -> None:
        super().__init__("Delete Mention", project, doc_id, target)
        self.mention_id = mention_id
        self.removed: ops.RemovedMention | None = None

    def run(self) -> AnnotationChange:
        expected = None if self.removed is None else self.removed.mention
        self.removed = ops.delete_mention(self.project, self.mention_id, expected=expected)
        events = tuple(
            replace(e, arguments=tuple(a for a in e.arguments if a.mention_id != self.mention_id))
            for e in self.removed.events_before
        )
        return AnnotationChange(self.doc_id, removed_mentions=(self.mention_id,), events=events)

    def revert(self) -> AnnotationChange:
        assert self.removed is not None
        ops.undelete_mention(self.project, self.removed)
        return AnnotationChange(
            self.doc_id,
            mentions=(self.removed.mention,),
            events=self.removed.events_before,
            focus=("mention", self.mention_id),
        )


class AddEventCommand(AnnotationCommand):
    def __init__(
        self,
        project: Project,
        doc_id: int,
        event_type: str,
        trigger: tuple[int, int],
        annotator: str | None,
        target: AnnotationTarget,
    ) -> None:
        super().__init__(f"Add {event_type} Event", project, doc_id, target)
        self.event_type, self.trigger, self.annotator = event_type, trigger, annotator
        self.event: Event | None = None

    def run(self) -> AnnotationChange:
        if self.event is None:
            start, end = self.trigger
            self.event = ops.add_event(
                self.project, self.doc_id, self.event_type, start, end, annotator=self.annotator
            )
        else:
            ops.restore_event(self.project, self.event)
        return AnnotationChange(self.doc_id, events=(self.event,), focus=("event", self.event.id))

    def revert(self) -> AnnotationChange:
        assert self.event is not None
        ops.delete_event(self.project, self.event.id, expected=self.event)
        return AnnotationChange(self.doc_id, removed_events=(self.event.id,))


class UpdateEventCommand(AnnotationCommand):
    """A new type, trigger or argument list for an event."""

    def __init__(
        self, project: Project, new: Event, target: AnnotationTarget, text: str = "Change Event"
    ) -> None:
        super().__init__(text, project, new.document_id, target)
        self.new = new
        self.old: Event | None = None

    def run(self) -> AnnotationChange:
        first = self.old is None
        self.old = ops.update_event(self.project, self.new, expected=self.old)
        # The first time, the user is clicking mentions to add: the view stays put.
        return AnnotationChange(
            self.doc_id, events=(self.new,), focus=("event", self.new.id), reveal=not first
        )

    def revert(self) -> AnnotationChange:
        assert self.old is not None
        ops.update_event(self.project, self.old, expected=self.new)
        return AnnotationChange(self.doc_id, events=(self.old,), focus=("event", self.old.id))


class DeleteEventCommand(AnnotationCommand):
    def __init__(
        self, project: Project, doc_id: int, event_id: int, target: AnnotationTarget
    ) -> None:
        super().__init__("Delete Event", project, doc_id, target)
        self.event_id = event_id
        self.event: Event | None = None

    def run(self) -> AnnotationChange:
        self.event = ops.delete_event(self.project, self.event_id, expected=self.event)
        return AnnotationChange(self.doc_id, removed_events=(self.event_id,))

    def revert(self) -> AnnotationChange:
        assert self.event is not None
        ops.restore_event(self.project, self.event)
        return AnnotationChange(self.doc_id, events=(self.event,), focus=("event", self.event.id))
