"""Making events in the source pane: a trigger and a type, then arguments with roles.

A mixin of :class:`~.tagger.Tagger`, kept apart so that module stays about mentions and
keys. The flow: select the trigger word and choose the event type (its key, Ctrl+T and
the type palette, or the label dock); the new event then takes arguments -- each click
on a mention, or Ctrl+R with the cursor in one, asks for a role from that type's roles
-- until Escape. Every step is an undo command like any annotation change.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.core.model import Argument
from workbench.gui.annotation import annotation_commands as commands
from workbench.gui.annotation.picker import Choice
from workbench.gui.annotation.tagger_base import TaggerBase


class EventTagging(TaggerBase):
    """Events and their arguments, for the tagger."""

    def mark_event(self, event_type: str | None = None, exact: bool = False) -> None:
        span = self.selection(exact)
        target = self.target()
        if (
            event_type is not None
            and target is not None
            and target[0] == "event"
            and (span is None or self.span_of(target) == span)
        ):
            self.change_event_type(target[1], event_type)
            return
        if span is None:
            self.say("Select the event's trigger word first")
            return
        if span[0] >= span[1]:
            self.say("The selection holds no word: no event was made")
            return
        if event_type is None:
            choices = [Choice(x.name, x.color, x.shortcut) for x in self.schema.events]
            self.pick("Event type", choices, lambda name: self._add_event(name, span), near=span)
            return
        self._add_event(event_type, span)

    def _add_event(self, event_type: str, span: tuple[int, int]) -> None:
        made = self._push(
            lambda p, d, who: commands.AddEventCommand(p, d, event_type, span, who, self),
            quote=span,
        )
        if made and self.active and self.active[0] == "event":
            self.start_arguments(self.active[1])

    def change_event_type(self, event_id: int, event_type: str | None = None) -> None:
        event = self.annotations.events.get(event_id)
        if event is None:
            return
        if event_type is None:
            choices = [Choice(x.name, x.color, x.shortcut) for x in self.schema.events]
            self.pick("Event type", choices, lambda name: self.change_event_type(event_id, name))
            return
        if event_type == event.type:
            self.say(f"{self.name(('event', event_id))} is already {event_type}: nothing changed")
            return
        self._push(
            lambda p, _d, who: commands.UpdateEventCommand(
                p,
                replace(event, type=event_type, annotator=who),
                self,
                f"Change Event Type to {event_type}",
            )
        )

    # -- arguments ----------------------------------------------------------------------------------
    def start_arguments(self, event_id: int) -> None:
        self.current_event, self.adding_arguments = event_id, True
        self.choose(("event", event_id), select=False)

    def stop_arguments(self) -> None:
        self.adding_arguments = False
        self.choose(self.active, select=False)  # the status bar and the arcs follow
        self.say("Done adding arguments")

    def argument_key(self) -> None:
        """Ctrl+R: a role for the mention at the cursor, or arguments for the event there."""
        target = self.target() or self.under_caret()
        if target is not None and target[0] == "event":
            self.start_arguments(target[1])
        elif target is not None and self.current_event is not None:
            self.add_argument(target[1])
        elif self.current_event is None:
            self.say("Put the cursor on an event's trigger (or pick it in the Events list) first")
        else:
            self.say("Put the cursor on a mention, or click one, to add it as an argument")

    def add_argument(self, mention_id: int, role: str | None = None) -> None:
        event = self.annotations.events.get(self.current_event or -1)
        if event is None or mention_id not in self.annotations.rows:
            return
        if role is None:
            roles = self.schema.roles_of(event.type)
            if not roles:
                self.say(f"{event.type} has no roles in the schema: add some with Edit Schema")
                return
            choices = [Choice(x.name, x.color, x.shortcut) for x in roles]
            row = self.annotations.rows[mention_id]
            title = f"Role of {self.name(('mention', mention_id))} in {event.type}"
            self.pick(
                title, choices, lambda r: self.add_argument(mention_id, r), near=(row[1], row[2])
            )
            return
        argument = Argument(role, mention_id)
        if argument in event.arguments:
            self.say(f"That mention is already the {role} of this event")
            return
        new = replace(event, arguments=(*event.arguments, argument))
        row = self.annotations.rows[mention_id]
        self._push(
            lambda p, _d, _who: commands.UpdateEventCommand(p, new, self, f"Add {role} Argument"),
            named=False,
            quote=(row[1], row[2]),
        )

    def remove_argument(self, event_id: int, argument: Argument) -> None:
        event = self.annotations.events.get(event_id)
        if event is not None and argument in event.arguments:
            new = replace(event, arguments=tuple(a for a in event.arguments if a != argument))
            text = f"Remove {argument.role} Argument"
            self._push(
                lambda p, _d, _who: commands.UpdateEventCommand(p, new, self, text), named=False
            )

    def delete_event(self, event_id: int) -> None:
        if event_id in self.annotations.events:
            self._push(
                lambda p, d, _who: commands.DeleteEventCommand(p, d, event_id, self), named=False
            )
