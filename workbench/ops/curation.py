"""Curation: settling annotators' differences into a gold layer of its own.

The curated layer is an annotator like any other, named ``curated``: accepting an
annotation copies it there (a new row with its own uid; the annotator's own row stays
as it was), so the gold version merges, exports (``workbench export --annotator
curated``) and is measured against each annotator like any layer. Accepting an event
accepts the mentions its arguments point at too, unless the curated layer has them.

An item of a document is a distinct (span, label) among the annotators' mentions, or
(trigger, type) among their events. It is *agreed* when every annotator of the document
has it, and *settled* once a curated annotation overlaps it: accepted as it was, or
replaced by an edit of the curator's. Progress is settled items over items.

Each change is one transaction and returns what its undo needs; the inverse
(:func:`unaccept`) names the rows it expects, and writes nothing if another program
changed any of them (:class:`~workbench.ops.annotating.StaleChange`), like every undo.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from workbench.core.model import Argument, Event, Mention
from workbench.ops.annotating import _check_span, _expect_event, _expect_mention, _stale
from workbench.storage import annotations as store
from workbench.storage.project import Project

CURATED = "curated"


@dataclass(frozen=True, slots=True)
class Accepted:
    """The curated rows one acceptance created (what its undo removes)."""

    doc_id: int
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """A distinct mention (kind "mention": label, span) or event (type, trigger)."""

    kind: str
    start: int
    end: int
    label: str
    annotators: tuple[str, ...]
    agreed: bool
    curated: bool  # the curated layer has exactly this
    settled: bool  # a curated annotation of the same kind overlaps it


@dataclass(frozen=True, slots=True)
class Curation:
    """A document as the curation view shows it."""

    doc_id: int
    annotators: tuple[str, ...]
    mentions: dict[str, list[Mention]]  # by annotator, the curated layer included
    events: dict[str, list[Event]]
    items: tuple[Item, ...]

    @property
    def progress(self) -> tuple[int, int]:
        return sum(i.settled for i in self.items), len(self.items)


def _name(annotator: str | None) -> str:
    return annotator or "(unnamed)"


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def curation_of(conn: sqlite3.Connection, doc_id: int) -> Curation:
    mentions: dict[str, list[Mention]] = {}
    events: dict[str, list[Event]] = {}
    for m in store.mentions_of(conn, doc_id):
        mentions.setdefault(_name(m.annotator), []).append(m)
    for e in store.events_of(conn, doc_id):
        events.setdefault(_name(e.annotator), []).append(e)
    names = tuple(sorted((set(mentions) | set(events)) - {CURATED}))
    gold_m = mentions.get(CURATED, [])
    gold_e = events.get(CURATED, [])
    items: list[Item] = []
    seen: dict[tuple[int, int, str], set[str]] = {}
    for name in names:
        for m in mentions.get(name, []):
            seen.setdefault((m.start, m.end, m.label), set()).add(name)
    exact = {(m.start, m.end, m.label) for m in gold_m}
    spans = [(m.start, m.end) for m in gold_m]
    for (start, end, label), who in sorted(seen.items()):
        items.append(
            Item(
                "mention", start, end, label, tuple(sorted(who)), len(who) == len(names),
                (start, end, label) in exact, _overlaps((start, end), spans),
            )
        )  # fmt: skip
    seen = {}
    for name in names:
        for e in events.get(name, []):
            seen.setdefault((e.trigger_start, e.trigger_end, e.type), set()).add(name)
    exact = {(e.trigger_start, e.trigger_end, e.type) for e in gold_e}
    spans = [(e.trigger_start, e.trigger_end) for e in gold_e]
    for (start, end, label), who in sorted(seen.items()):
        items.append(
            Item(
                "event", start, end, label, tuple(sorted(who)), len(who) == len(names),
                (start, end, label) in exact, _overlaps((start, end), spans),
            )
        )  # fmt: skip
    return Curation(doc_id, names, mentions, events, tuple(items))


def progress(conn: sqlite3.Connection, doc_id: int) -> tuple[int, int]:
    """(settled items, items) of a document."""
    return curation_of(conn, doc_id).progress


def team_progress(conn: sqlite3.Connection, doc_id: int) -> tuple[int, int] | None:
    """:func:`progress` of a document two or more annotators worked on, else None.

    Counting the annotators first is one indexed query, so a document of one analyst
    (the usual case) costs the window nothing when it is shown.
    """
    row = conn.execute(
        "SELECT count(DISTINCT coalesce(annotator, '')) FROM ("
        " SELECT annotator FROM mentions WHERE document_id = ?"
        " UNION SELECT annotator FROM events WHERE document_id = ?)"
        " WHERE coalesce(annotator, '') != ?",
        (doc_id, doc_id, CURATED),
    ).fetchone()
    return progress(conn, doc_id) if row[0] >= 2 else None


# -- accepting ---------------------------------------------------------------------------
def _argument_key(e: Event, by_id: dict[int, Mention]) -> frozenset[tuple[str, int, int, str]]:
    keys = set()
    for a in e.arguments:
        m = by_id.get(a.mention_id)
        if m is not None:
            keys.add((a.role, m.start, m.end, m.label))
    return frozenset(keys)


def agreed(conn: sqlite3.Connection, doc_id: int) -> tuple[list[Mention], list[Event]]:
    """One copy of each mention and event that every annotator of the document has,
    the same way (events: same trigger, type and arguments), and the curated layer lacks.
    """
    state = curation_of(conn, doc_id)
    mentions = [
        next(m for m in state.mentions[i.annotators[0]] if (m.start, m.end, m.label) == (i.start, i.end, i.label))
        for i in state.items
        if i.kind == "mention" and i.agreed and not i.curated
    ]  # fmt: skip
    by_id = {m.id: m for ms in state.mentions.values() for m in ms}
    events: list[Event] = []
    for item in state.items:
        if item.kind != "event" or not item.agreed or item.curated:
            continue
        same = [
            [e for e in state.events.get(n, []) if (e.trigger_start, e.trigger_end, e.type) == (item.start, item.end, item.label)]
            for n in state.annotators
        ]  # fmt: skip
        keys = {_argument_key(e, by_id) for group in same for e in group}
        if len(keys) == 1:
            events.append(same[0][0])
    return mentions, events


def accept(
    project: Project,
    doc_id: int,
    mentions: Sequence[Mention] = (),
    events: Sequence[Event] = (),
    *,
    curator: str = CURATED,
) -> Accepted:
    """Copy ``mentions`` and ``events`` into the curated layer, in one transaction."""
    created_m: list[Mention] = []
    created_e: list[Event] = []
    with project.transaction() as conn:
        gold = {
            (m.start, m.end, m.label): m
            for m in store.mentions_of(conn, doc_id)
            if m.annotator == curator
        }

        def curated(m: Mention) -> Mention:
            key = (m.start, m.end, m.label)
            if key not in gold:
                _check_span(project, doc_id, m.start, m.end, "the mention")
                new = Mention(0, doc_id, m.start, m.end, m.label, m.kb_id, curator, store.new_uid())
                gold[key] = replace(new, id=store.insert_mention(conn, new))
                created_m.append(gold[key])
            return gold[key]

        for m in mentions:
            curated(m)
        have = {
            (e.trigger_start, e.trigger_end, e.type)
            for e in store.events_of(conn, doc_id)
            if e.annotator == curator
        }
        for e in events:
            if (e.trigger_start, e.trigger_end, e.type) in have:
                continue
            args = []
            for a in e.arguments:
                filler = store.get_mention(conn, a.mention_id)
                if filler is not None:
                    args.append(Argument(a.role, curated(filler).id))
            new_e = Event(
                0,
                doc_id,
                e.type,
                e.trigger_start,
                e.trigger_end,
                tuple(args),
                curator,
                store.new_uid(),
            )
            created_e.append(replace(new_e, id=store.insert_event(conn, new_e)))
            have.add((e.trigger_start, e.trigger_end, e.type))
    return Accepted(doc_id, tuple(created_m), tuple(created_e))


def accept_agreed(project: Project, doc_id: int, *, curator: str = CURATED) -> Accepted:
    """Accept, in one step, everything all the document's annotators agree on."""
    mentions, events = agreed(project.conn, doc_id)
    return accept(project, doc_id, mentions, events, curator=curator)


def unaccept(project: Project, accepted: Accepted) -> None:
    """Remove what :func:`accept` created, only if every row is still as it made it."""
    with project.transaction() as conn:
        for e in accepted.events:
            _expect_event(store.get_event(conn, e.id), e, e.id)
            store.delete_event(conn, e.id)
        for m in accepted.mentions:
            _expect_mention(store.get_mention(conn, m.id), m, m.id)
            if store.events_using(conn, m.id):
                raise _stale(f"the curated mention {m.start}-{m.end}, used by an event since")
            store.delete_mention(conn, m.id)


def reaccept(project: Project, accepted: Accepted) -> None:
    """Bring back (redo) what :func:`unaccept` removed, under the same ids and uids."""
    with project.transaction() as conn:
        try:
            for m in accepted.mentions:
                store.insert_mention(conn, m)
            for e in accepted.events:
                store.insert_event(conn, e)
        except sqlite3.IntegrityError:
            raise _stale("a curated annotation's place") from None
