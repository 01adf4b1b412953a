"""Adding, changing and removing entity mentions and events.

Each function is one transaction and returns what an undo needs: the created value,
or the value as it was before. Undo in the GUI calls only these functions and their
inverses (``restore_*`` brings a deleted row back under its old id), so the CLI and
the window change annotations the same way.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from workbench.core.model import Argument, Event, Mention
from workbench.errors import KnownError
from workbench.storage import annotations as store
from workbench.storage.project import Project

# Every new annotation is checked against its document's length, and reading a
# megabyte's text to count it takes milliseconds of the 16 a keypress may cost; a text
# never changes once imported, so lengths are remembered per open project.
_lengths: weakref.WeakKeyDictionary[Project, dict[int, int]] = weakref.WeakKeyDictionary()


def _check_span(project: Project, doc_id: int, start: int, end: int, what: str) -> None:
    known = _lengths.setdefault(project, {})
    length = known.get(doc_id)
    if length is None:
        length = store.document_length(project.conn, doc_id)
        if length is None:
            raise KnownError(f"no document with id {doc_id}")
        known[doc_id] = length
    if not 0 <= start < end <= length:
        raise KnownError(f"{what} {start}-{end} is outside the document (length {length})")


def _label(label: str, what: str) -> str:
    if not label or not label.strip():
        raise KnownError(f"{what} needs a label")
    return label.strip()


# -- mentions ----------------------------------------------------------------------
def add_mention(
    project: Project,
    doc_id: int,
    start: int,
    end: int,
    label: str,
    *,
    annotator: str | None = None,
    kb_id: str | None = None,
) -> Mention:
    label = _label(label, "a mention")
    with project.transaction() as conn:
        _check_span(project, doc_id, start, end, "the mention")
        mention = Mention(0, doc_id, start, end, label, kb_id, annotator)
        return replace(mention, id=store.insert_mention(conn, mention))


def restore_mention(project: Project, mention: Mention) -> Mention:
    with project.transaction() as conn:
        store.insert_mention(conn, mention)
    return mention


def update_mention(project: Project, mention: Mention) -> Mention:
    """Store the new values of ``mention``; returns the old ones."""
    with project.transaction() as conn:
        old = store.get_mention(conn, mention.id)
        if old is None:
            raise KnownError(f"no mention with id {mention.id}")
        _check_span(project, old.document_id, mention.start, mention.end, "the mention")
        store.update_mention(conn, replace(mention, label=_label(mention.label, "a mention")))
    return old


@dataclass(frozen=True, slots=True)
class RemovedMention:
    """A deleted mention and the events that lost an argument with it."""

    mention: Mention
    events_before: tuple[Event, ...]


def events_using(project: Project, mention_id: int) -> list[Event]:
    return store.events_using(project.conn, mention_id)


def delete_mention(project: Project, mention_id: int) -> RemovedMention:
    with project.transaction() as conn:
        mention = store.get_mention(conn, mention_id)
        if mention is None:
            raise KnownError(f"no mention with id {mention_id}")
        before = tuple(store.events_using(conn, mention_id))
        store.delete_mention(conn, mention_id)  # arguments go with it (ON DELETE CASCADE)
    return RemovedMention(mention, before)


def undelete_mention(project: Project, removed: RemovedMention) -> None:
    with project.transaction() as conn:
        store.insert_mention(conn, removed.mention)
        for event in removed.events_before:
            store.set_arguments(conn, event.id, event.arguments)


# -- events ------------------------------------------------------------------------
def add_event(
    project: Project,
    doc_id: int,
    event_type: str,
    trigger_start: int,
    trigger_end: int,
    arguments: tuple[Argument, ...] = (),
    *,
    annotator: str | None = None,
) -> Event:
    event_type = _label(event_type, "an event")
    with project.transaction() as conn:
        _check_span(project, doc_id, trigger_start, trigger_end, "the trigger")
        _check_arguments(project, doc_id, arguments)
        event = Event(0, doc_id, event_type, trigger_start, trigger_end, arguments, annotator)
        return replace(event, id=store.insert_event(conn, event))


def _check_arguments(project: Project, doc_id: int, arguments: tuple[Argument, ...]) -> None:
    for arg in arguments:
        mention = store.get_mention(project.conn, arg.mention_id)
        if mention is None or mention.document_id != doc_id:
            raise KnownError(f"argument {arg.role!r} points at no mention of this document")
        _label(arg.role, "an argument")


def restore_event(project: Project, event: Event) -> Event:
    with project.transaction() as conn:
        store.insert_event(conn, event)
    return event


def update_event(project: Project, event: Event) -> Event:
    """Store the new type, trigger and arguments of ``event``; returns the old event."""
    with project.transaction() as conn:
        old = store.get_event(conn, event.id)
        if old is None:
            raise KnownError(f"no event with id {event.id}")
        _check_span(project, old.document_id, event.trigger_start, event.trigger_end, "the trigger")
        _check_arguments(project, old.document_id, event.arguments)
        store.update_event(conn, replace(event, type=_label(event.type, "an event")))
    return old


def delete_event(project: Project, event_id: int) -> Event:
    with project.transaction() as conn:
        event = store.get_event(conn, event_id)
        if event is None:
            raise KnownError(f"no event with id {event_id}")
        store.delete_event(conn, event_id)
    return event
