"""Reading and writing entity mentions, events, their arguments and the label schema.

Plain functions over a connection; the operations layer owns transactions and undo.
Inserts accept an explicit id and uid so that undoing a deletion brings back the very
same row and everything that referred to it stays valid. Ids are never reused (the
tables are AUTOINCREMENT), so a row under a remembered id is that row or nothing.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable

from workbench.core.model import Argument, Event, Label, Mention, Schema
from workbench.storage.project import now


def document_length(conn: sqlite3.Connection, doc_id: int) -> int | None:
    """Length in code points of a document's text (None if there is no such document)."""
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return None if row is None else len(row[0])


# A linked mention's kb_id is its entity's public id (storage/entities.public_id): the
# column holds a free-text id only for a mention not linked to an entity.
_MENTION_COLUMNS = (
    'id, document_id, start, "end", label, coalesce((SELECT coalesce(e.external_id,'
    " 'wb:' || e.uid) FROM entities e WHERE e.id = mentions.entity_id), kb_id),"
    " annotator, uid, entity_id"
)


def new_uid() -> str:
    """A stable identity for an annotation, the same in every file it travels to."""
    return uuid.uuid4().hex


def mentions_of(conn: sqlite3.Connection, doc_id: int) -> list[Mention]:
    rows = conn.execute(
        f'SELECT {_MENTION_COLUMNS} FROM mentions WHERE document_id = ? ORDER BY start, "end", id',
        (doc_id,),
    ).fetchall()
    return [Mention(*row) for row in rows]


def mention_rows(conn: sqlite3.Connection, doc_id: int) -> list[tuple[int, int, int, str]]:
    """The mentions of a document as plain (id, start, end, label) rows, in no order.

    For the window, which draws and lists tens of thousands of them: tuples straight
    from SQLite without a Mention for each, only the columns drawing needs, and no
    ORDER BY (the window sorts them its own way) -- together half the reading time.
    """
    return conn.execute(
        'SELECT id, start, "end", label FROM mentions WHERE document_id = ?', (doc_id,)
    ).fetchall()


def get_mention(conn: sqlite3.Connection, mention_id: int) -> Mention | None:
    row = conn.execute(
        f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE id = ?", (mention_id,)
    ).fetchone()
    return None if row is None else Mention(*row)


def insert_mention(conn: sqlite3.Connection, m: Mention) -> int:
    """Insert ``m`` (under its id and uid when it has them); returns its id."""
    cur = conn.execute(
        'INSERT INTO mentions (id, document_id, start, "end", label, kb_id, annotator,'
        " created_at, uid, entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            m.id or None,
            m.document_id,
            m.start,
            m.end,
            m.label,
            None if m.entity_id else m.kb_id,
            m.annotator,
            now(),
            m.uid or new_uid(),
            m.entity_id,
        ),
    )
    return int(cur.lastrowid or 0)


def _next_ids(conn: sqlite3.Connection, table: str, count: int) -> list[int]:
    """The ids AUTOINCREMENT would give the next ``count`` rows (the caller's
    transaction holds the write lock, so nobody else takes them meanwhile)."""
    first = conn.execute(
        f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0),"
        " coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) + 1",
        (table,),
    ).fetchone()[0]
    return list(range(first, first + count))


def insert_mentions(conn: sqlite3.Connection, mentions: list[Mention]) -> list[int]:
    """Many new mentions in one statement (an import batch); their ids, in order."""
    ids = _next_ids(conn, "mentions", len(mentions))
    stamp = now()
    conn.executemany(
        'INSERT INTO mentions (id, document_id, start, "end", label, kb_id, annotator,'
        " created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i,
                m.document_id,
                m.start,
                m.end,
                m.label,
                m.kb_id,
                m.annotator,
                stamp,
                m.uid or new_uid(),
            )
            for i, m in zip(ids, mentions, strict=True)
        ],
    )
    return ids


def update_mention(conn: sqlite3.Connection, m: Mention) -> None:
    conn.execute(
        'UPDATE mentions SET start = ?, "end" = ?, label = ?, kb_id = ?, annotator = ?,'
        " entity_id = ? WHERE id = ?",
        (m.start, m.end, m.label, None if m.entity_id else m.kb_id, m.annotator, m.entity_id, m.id),
    )


def delete_mention(conn: sqlite3.Connection, mention_id: int) -> None:
    conn.execute("DELETE FROM mentions WHERE id = ?", (mention_id,))


def _arguments(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, list[Argument]]:
    out: dict[int, list[Argument]] = {i: [] for i in event_ids}
    if not event_ids:
        return out
    marks = ",".join("?" * len(event_ids))
    for event_id, role, mention_id in conn.execute(
        f"SELECT event_id, role, mention_id FROM event_arguments WHERE event_id IN ({marks})"
        " ORDER BY event_id, id",
        event_ids,
    ):
        out[event_id].append(Argument(role, mention_id))
    return out


def _events(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[Event]:
    rows = conn.execute(
        "SELECT id, document_id, type, trigger_start, trigger_end, annotator, uid FROM events"
        f" WHERE {where} ORDER BY trigger_start, trigger_end, id",
        params,
    ).fetchall()
    args = _arguments(conn, [r[0] for r in rows])
    return [
        Event(r[0], r[1], r[2], r[3], r[4], tuple(args[r[0]]), annotator=r[5], uid=r[6])
        for r in rows
    ]


def events_of(conn: sqlite3.Connection, doc_id: int) -> list[Event]:
    return _events(conn, "document_id = ?", (doc_id,))


def get_event(conn: sqlite3.Connection, event_id: int) -> Event | None:
    found = _events(conn, "id = ?", (event_id,))
    return found[0] if found else None


def events_using(conn: sqlite3.Connection, mention_id: int) -> list[Event]:
    return _events(
        conn,
        "id IN (SELECT event_id FROM event_arguments WHERE mention_id = ?)",
        (mention_id,),
    )


def insert_event(conn: sqlite3.Connection, e: Event) -> int:
    cur = conn.execute(
        "INSERT INTO events (id, document_id, type, trigger_start, trigger_end, annotator,"
        " created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            e.id or None,
            e.document_id,
            e.type,
            e.trigger_start,
            e.trigger_end,
            e.annotator,
            now(),
            e.uid or new_uid(),
        ),
    )
    event_id = int(cur.lastrowid or 0)
    set_arguments(conn, event_id, e.arguments)
    return event_id


def insert_events(conn: sqlite3.Connection, events: list[Event]) -> list[int]:
    """Many new events with their arguments in two statements; their ids, in order."""
    ids = _next_ids(conn, "events", len(events))
    stamp = now()
    conn.executemany(
        "INSERT INTO events (id, document_id, type, trigger_start, trigger_end, annotator,"
        " created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i,
                e.document_id,
                e.type,
                e.trigger_start,
                e.trigger_end,
                e.annotator,
                stamp,
                e.uid or new_uid(),
            )
            for i, e in zip(ids, events, strict=True)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_arguments (event_id, role, mention_id) VALUES (?, ?, ?)",
        [(i, a.role, a.mention_id) for i, e in zip(ids, events, strict=True) for a in e.arguments],
    )
    return ids


def update_event(conn: sqlite3.Connection, e: Event) -> None:
    conn.execute(
        "UPDATE events SET type = ?, trigger_start = ?, trigger_end = ?, annotator = ? WHERE id = ?",
        (e.type, e.trigger_start, e.trigger_end, e.annotator, e.id),
    )
    set_arguments(conn, e.id, e.arguments)


def set_arguments(conn: sqlite3.Connection, event_id: int, args: Iterable[Argument]) -> None:
    conn.execute("DELETE FROM event_arguments WHERE event_id = ?", (event_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO event_arguments (event_id, role, mention_id) VALUES (?, ?, ?)",
        [(event_id, a.role, a.mention_id) for a in args],
    )


def delete_event(conn: sqlite3.Connection, event_id: int) -> None:
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def annotators(conn: sqlite3.Connection) -> list[str]:
    """The names on mentions and events, sorted (unnamed annotations have none)."""
    rows = conn.execute(
        "SELECT annotator FROM mentions WHERE annotator IS NOT NULL"
        " UNION SELECT annotator FROM events WHERE annotator IS NOT NULL ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


# -- the label schema ------------------------------------------------------------
def load_schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute(
        "SELECT kind, name, color, shortcut, parent FROM labels ORDER BY position, id"
    ).fetchall()
    labels = [Label(*row) for row in rows]
    return Schema(
        entities=tuple(x for x in labels if x.kind == "entity"),
        events=tuple(x for x in labels if x.kind == "event"),
        roles=tuple(x for x in labels if x.kind == "role"),
    )


def replace_schema(conn: sqlite3.Connection, schema: Schema) -> None:
    conn.execute("DELETE FROM labels")
    conn.executemany(
        "INSERT INTO labels (kind, name, parent, color, shortcut, position)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (x.kind, x.name, x.parent, x.color, x.shortcut, i)
            for i, x in enumerate((*schema.entities, *schema.events, *schema.roles))
        ],
    )


def rename_label(conn: sqlite3.Connection, kind: str, old: str, new: str, parent: str = "") -> None:
    """Rename a label and every annotation that carries it, in one go."""
    conn.execute(
        "UPDATE labels SET name = ? WHERE kind = ? AND name = ? AND parent = ?",
        (new, kind, old, parent),
    )
    if kind == "entity":
        conn.execute("UPDATE mentions SET label = ? WHERE label = ?", (new, old))
    elif kind == "event":
        conn.execute("UPDATE events SET type = ? WHERE type = ?", (new, old))
        conn.execute("UPDATE labels SET parent = ? WHERE kind = 'role' AND parent = ?", (new, old))
    else:
        conn.execute(
            "UPDATE event_arguments SET role = ? WHERE role = ? AND event_id IN"
            " (SELECT id FROM events WHERE type = ?)",
            (new, old, parent),
        )
