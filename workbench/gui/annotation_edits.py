"""Changing existing annotations in the source pane: label, knowledge-base id and span.

A mixin of :class:`~.tagger.Tagger`, like :class:`~.event_tagging.EventTagging`, kept
apart so the tagger stays about keys and new annotations. Each change is an undo command
that calls :func:`workbench.ops.annotating.update_mention` (or ``update_event``) and, to
undo, the same function with the values it returned. It also holds the rule that a
document still "to do" becomes "in progress" with its first new annotation, in the same
undo step, so one undo takes both back.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand

from workbench.gui import annotation_commands as commands
from workbench.gui.commands import SetStatusCommand
from workbench.gui.tagger_base import TaggerBase, Target
from workbench.storage.project import Project

# Adding one of these to a document still "to do" puts it "in progress".
_ADDING = (commands.AddMentionCommand, commands.AddEventCommand)


class AnnotationEdits(TaggerBase):
    """Relabelling, knowledge-base ids and moving spans, for the tagger."""

    def relabel(self, mention_id: int, label: str) -> None:
        mention = self._mention(mention_id)
        if mention is not None and mention.label != label:
            self._push(
                lambda p, _d, who: commands.UpdateMentionCommand(
                    p, replace(mention, label=label, annotator=who), self
                )
            )

    # -- knowledge-base ids ---------------------------------------------------------------
    def kb_id_at_cursor(self) -> None:
        """Ctrl+K: the knowledge-base id of the mention at the cursor (or the active one)."""
        target = self.target()
        if target is None and self.active is not None and self._exists(self.active):
            target = self.active
        if target is None or target[0] != "mention":
            self.say("Put the cursor on a mention (or click one) first")
            return
        self.set_kb_id(target[1])

    def set_kb_id(self, mention_id: int) -> None:
        """Link the mention to an entity of the knowledge base (the link dialog, with
        candidates, "New Entity" and "Not in the Knowledge Base"), one undo step."""
        if self._mention(mention_id) is not None:
            self.window.knowledge.link_mention(mention_id)

    # -- spans -------------------------------------------------------------------------------
    def span_to_selection(self, target: Target | None = None) -> None:
        """Ctrl+M: move ``target`` (by default the active annotation, else the one where
        the selection starts) to the selection, snapped to words unless Alt is held."""
        raw = self.selection(exact=True)
        if raw is None:
            self.say("Select the new span first, then choose Set Span to Selection")
            return
        if target is None:
            target = self.active if self.active is not None and self._exists(self.active) else None
        if target is None:
            at = self.annotations.mentions_at(raw[0])
            events = self.annotations.events_at(raw[0])
            target = ("mention", at[0][0]) if at else ("event", events[0].id) if events else None
        if target is None or not self._exists(target):
            self.say("Click the mention or trigger to move first, then select its new span")
            return
        exact = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        start, end = self.selection(exact) or raw
        if start >= end:
            self.say("The selection holds no word: nothing was moved")
            return
        if self.span_of(target) == (start, end):
            return
        if target[0] == "event":
            event = self.annotations.events[target[1]]
            new = replace(event, trigger_start=start, trigger_end=end)
            self._push(
                lambda p, _d, _who: commands.UpdateEventCommand(p, new, self, "Move Event Trigger"),
                named=False,
            )
            return
        mention = self._mention(target[1])
        if mention is not None:
            self._push(
                lambda p, _d, who: commands.UpdateMentionCommand(
                    p, replace(mention, start=start, end=end, annotator=who), self, "Move Mention"
                )
            )

    # -- document status ---------------------------------------------------------------------
    def status_followers(self, project: Project, command: QUndoCommand) -> list[QUndoCommand]:
        """What goes in the same undo step as ``command``: "in progress" for a document
        still "to do" that gets a new annotation."""
        doc = self.window.document
        if not isinstance(command, _ADDING) or doc is None or doc.id != command.doc_id:
            return []
        if doc.status != "todo":
            return []
        return [
            SetStatusCommand(
                project, doc.id, "in_progress", self.window.status_changed, self.report
            )
        ]
