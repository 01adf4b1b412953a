"""Adding, changing and removing entity mentions and events.

Each function is one transaction and returns what an undo needs: the created value,
or the value as it was before. Undo in the GUI calls only these functions and their
inverses (``restore_*`` brings a deleted row back under its old id and uid), so the CLI
and the window change annotations the same way.

Another program may change the file between a change and its undo (the CLI beside the
window, a colleague's script). Every inverse therefore says what it expects to find
(``expected``): the row as the change left it. If the row is gone, different, or its id
taken, :class:`StaleChange` is raised and nothing is written, so an undo never removes
or overwrites what somebody else made.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace

from workbench.core.model import Argument, Event, Mention
from workbench.errors import KnownError
from workbench.storage import annotations as store
from workbench.storage.entities import adopt_kb_ids
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


class StaleChange(KnownError):
    """An undo or redo found the project changed under it; it wrote nothing."""


def _stale(what: str) -> StaleChange:
    return StaleChange(
        f"cannot undo or redo this step: {what} was changed by another program since; "
        "nothing was written"
    )


def _key(row: Mention | Event) -> tuple[object, ...]:
    if isinstance(row, Mention):
        # A linked mention's kb_id is its entity's (a new external id changes no mention).
        kb_id = row.kb_id if row.entity_id is None else None
        return (row.document_id, row.start, row.end, row.label, kb_id, row.entity_id)
    return (row.document_id, row.type, row.trigger_start, row.trigger_end)


def _same(found: Mention | Event, expected: Mention | Event) -> bool:
    """Whether the stored row is still the one an undo or redo expects."""
    if expected.uid and found.uid != expected.uid:
        return False
    return _key(found) == _key(expected)


def _expect_mention(found: Mention | None, expected: Mention | None, mention_id: int) -> Mention:
    if expected is not None and (found is None or not _same(found, expected)):
        raise _stale(f"the mention {expected.start}-{expected.end} ({expected.label})")
    if found is None:
        raise KnownError(f"no mention with id {mention_id}")
    return found


def _insert_again(insert: Callable[[], object], what: str) -> None:
    """Run ``insert`` (a restore under an old id); a clash means the file moved on."""
    try:
        insert()
    except sqlite3.IntegrityError:
        raise _stale(what) from None


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
    entity_id: int | None = None,
) -> Mention:
    label = _label(label, "a mention")
    with project.transaction() as conn:
        _check_span(project, doc_id, start, end, "the mention")
        mention = Mention(
            0, doc_id, start, end, label, kb_id, annotator, store.new_uid(), entity_id
        )
        mention = replace(mention, id=store.insert_mention(conn, mention))
        if kb_id is not None and entity_id is None:  # a free-text id names an entity
            adopt_kb_ids(conn, [doc_id])
        if kb_id is not None or entity_id is not None:  # as stored: the entity's kb_id
            mention = store.get_mention(conn, mention.id) or mention
        return mention


def restore_mention(project: Project, mention: Mention) -> Mention:
    """Bring back a mention removed by an undo, under its old id and uid."""
    with project.transaction() as conn:
        _insert_again(lambda: store.insert_mention(conn, mention), "the mention's place")
    return mention


def update_mention(
    project: Project, mention: Mention, *, expected: Mention | None = None
) -> Mention:
    """Store the new values of ``mention``; returns the old ones.

    With ``expected`` (an undo or redo), the stored row must still be that one.
    """
    with project.transaction() as conn:
        old = _expect_mention(store.get_mention(conn, mention.id), expected, mention.id)
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


def delete_mention(
    project: Project, mention_id: int, *, expected: Mention | None = None
) -> RemovedMention:
    """Delete a mention; with ``expected`` (an undo), only if it is still that one."""
    with project.transaction() as conn:
        mention = _expect_mention(store.get_mention(conn, mention_id), expected, mention_id)
        before = tuple(store.events_using(conn, mention_id))
        store.delete_mention(conn, mention_id)  # arguments go with it (ON DELETE CASCADE)
    return RemovedMention(mention, before)


def undelete_mention(project: Project, removed: RemovedMention) -> None:
    def insert() -> None:
        store.insert_mention(conn, removed.mention)
        for event in removed.events_before:
            if store.get_event(conn, event.id) is None:
                raise sqlite3.IntegrityError("the event is gone")
            store.set_arguments(conn, event.id, event.arguments)

    with project.transaction() as conn:
        _insert_again(insert, "the mention's place or one of its events")


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
        event = Event(
            0, doc_id, event_type, trigger_start, trigger_end, arguments, annotator, store.new_uid()
        )
        return replace(event, id=store.insert_event(conn, event))


def _check_arguments(project: Project, doc_id: int, arguments: tuple[Argument, ...]) -> None:
    for arg in arguments:
        mention = store.get_mention(project.conn, arg.mention_id)
        if mention is None or mention.document_id != doc_id:
            raise KnownError(f"argument {arg.role!r} points at no mention of this document")
        _label(arg.role, "an argument")


def _expect_event(found: Event | None, expected: Event | None, event_id: int) -> Event:
    if expected is not None and (found is None or not _same(found, expected)):
        raise _stale(f"the {expected.type} event")
    if found is None:
        raise KnownError(f"no event with id {event_id}")
    return found


def restore_event(project: Project, event: Event) -> Event:
    """Bring back an event removed by an undo, under its old id and uid."""
    with project.transaction() as conn:
        _check_arguments(project, event.document_id, event.arguments)
        _insert_again(lambda: store.insert_event(conn, event), "the event's place")
    return event


def update_event(project: Project, event: Event, *, expected: Event | None = None) -> Event:
    """Store the new type, trigger and arguments of ``event``; returns the old event.

    With ``expected`` (an undo or redo), the stored event must still be that one.
    """
    with project.transaction() as conn:
        old = _expect_event(store.get_event(conn, event.id), expected, event.id)
        _check_span(project, old.document_id, event.trigger_start, event.trigger_end, "the trigger")
        _check_arguments(project, old.document_id, event.arguments)
        store.update_event(conn, replace(event, type=_label(event.type, "an event")))
    return old


def delete_event(project: Project, event_id: int, *, expected: Event | None = None) -> Event:
    """Delete an event; with ``expected`` (an undo), only if it is still that one."""
    with project.transaction() as conn:
        event = _expect_event(store.get_event(conn, event_id), expected, event_id)
        store.delete_event(conn, event_id)
    return event
