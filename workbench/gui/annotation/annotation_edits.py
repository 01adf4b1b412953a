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

from workbench.gui.annotation import annotation_commands as commands
from workbench.gui.annotation.commands import SetStatusCommand
from workbench.gui.annotation.tagger_base import TaggerBase, Target
from workbench.storage.project import Project

# Adding one of these to a document still "to do" puts it "in progress".
_ADDING = (commands.AddMentionCommand, commands.AddEventCommand)


class AnnotationEdits(TaggerBase):
    """Relabelling, knowledge-base ids and moving spans, for the tagger."""

    def relabel(self, mention_id: int, label: str, *, step: bool = True) -> None:
        """A new label; with ``step``, the same label again steps through the word with
        and without an Arabic proclitic ("وبوتين" -> "بوتين" -> "وبوتين"); else it says
        that nothing changed."""
        mention = self._mention(mention_id)
        if mention is None:
            return
        if mention.label != label:
            self._push(
                lambda p, _d, who: commands.UpdateMentionCommand(
                    p, replace(mention, label=label, annotator=who), self
                ),
                quote=(mention.start, mention.end),
            )
            return
        spans = self.clitic_cycle(mention_id) if step else []
        if len(spans) < 2:
            self.say(f"{self.name(('mention', mention_id))} is already {label}: nothing changed")
            return
        start, end = spans[(spans.index((mention.start, mention.end)) + 1) % len(spans)]
        self._push(
            lambda p, _d, who: commands.UpdateMentionCommand(
                p, replace(mention, start=start, end=end, annotator=who), self, "Move Mention"
            ),
            quote=(start, end),
        )

    # -- knowledge-base ids ---------------------------------------------------------------
    def kb_id_at_cursor(self) -> None:
        """Ctrl+K: the knowledge-base id of the mention at the cursor (or the active one)."""
        target = self.target() or self.under_caret()
        if target is None or target[0] != "mention":
            self.say("Click a mention first (or put the caret on one)")
            return
        self.choose(target, select=False)  # the dialog is about the framed mention
        self.set_kb_id(target[1])

    def set_kb_id(self, mention_id: int) -> None:
        """Link the mention to an entity of the knowledge base (the link dialog, with
        candidates, "New Entity" and "Not in the Knowledge Base"), one undo step."""
        if self._mention(mention_id) is not None:
            self.window.link_mention(mention_id)

    # -- spans -------------------------------------------------------------------------------
    def span_to_selection(self, target: Target | None = None) -> None:
        """Ctrl+M: move ``target`` to the selection, snapped to words unless Alt is held.

        Without ``target`` (the menu's entry names its own): the selected annotation if
        the selection lies in it, else the one annotation the selection overlaps. An
        annotation elsewhere in the text, selected minutes ago, is never moved.
        """
        raw = self.selection(exact=True)
        if raw is None:
            self.say("Select the new span first, then choose Set Span to Selection")
            return
        if target is None:
            target = self.target() or self._overlapped(*raw)
        if target is None or not self._exists(target):
            self.say(
                "The selection overlaps no annotation: select over the one to move "
                "(or right-click it: Set Span to Selection)"
            )
            return
        exact = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        start, end = self.selection(exact) or raw
        if start >= end:
            self.say("The selection holds no word: nothing was moved")
            return
        if self.span_of(target) == (start, end):
            snapped = "" if exact or (start, end) == raw else " (snapped to whole words)"
            self.say(
                f"{self.name(target)} already spans the selection{snapped}: nothing moved"
                + ("" if exact else "; Ctrl+Alt+M keeps the exact selection")
            )
            return
        if target[0] == "event":
            event = self.annotations.events[target[1]]
            new = replace(event, trigger_start=start, trigger_end=end)
            self._push(
                lambda p, _d, _who: commands.UpdateEventCommand(p, new, self, "Move Event Trigger"),
                named=False,
                quote=(start, end),
            )
            return
        mention = self._mention(target[1])
        if mention is not None:
            self._push(
                lambda p, _d, who: commands.UpdateMentionCommand(
                    p, replace(mention, start=start, end=end, annotator=who), self, "Move Mention"
                ),
                quote=(start, end),
            )

    def _overlapped(self, start: int, end: int) -> Target | None:
        """The annotation that shares the most text with ``start``-``end`` (the shorter
        on a tie); None if none does."""
        data = self.annotations
        found: list[tuple[int, int, Target]] = []
        for ident, s, e, _ in data.mentions_in(start, end):
            found.append((min(e, end) - max(s, start), -(e - s), ("mention", ident)))
        for event in data.events_in(start, end):
            s, e = event.trigger_start, event.trigger_end
            found.append((min(e, end) - max(s, start), -(e - s), ("event", event.id)))
        return max(found)[2] if found else None

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
