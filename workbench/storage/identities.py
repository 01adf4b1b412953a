"""Annotations found by their stable ``uid``, and rows written under a given identity.

Ids are local to one project file; ``uid`` is what an annotation keeps when it travels
(export, import, merge). The merge uses these to tell "already here" from "new" and to
write a row exactly as it was in the other file (uid, annotator, creation time).
"""

from __future__ import annotations

import sqlite3

from workbench.core.model import Event, Mention
from workbench.storage.annotations import get_event, get_mention, set_arguments


def mention_by_uid(conn: sqlite3.Connection, uid: str) -> Mention | None:
    row = conn.execute("SELECT id FROM mentions WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else get_mention(conn, int(row[0]))


def event_by_uid(conn: sqlite3.Connection, uid: str) -> Event | None:
    row = conn.execute("SELECT id FROM events WHERE uid = ?", (uid,)).fetchone()
    return None if row is None else get_event(conn, int(row[0]))


def uid_taken(conn: sqlite3.Connection, table: str, uid: str) -> bool:
    """Whether a mention (``table="mentions"``) or an event already carries ``uid``."""
    assert table in ("mentions", "events")
    return conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone() is not None


def created_times(conn: sqlite3.Connection, table: str, doc_id: int) -> dict[str, str]:
    """uid -> creation time of the mentions (or events) of a document."""
    assert table in ("mentions", "events")
    rows = conn.execute(f"SELECT uid, created_at FROM {table} WHERE document_id = ?", (doc_id,))
    return {str(uid): str(stamp) for uid, stamp in rows}


def document_rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """(id, source, content_hash, lang, lang_confidence, lang_source, status) per document."""
    return conn.execute(
        "SELECT id, source, content_hash, lang, lang_confidence, lang_source, status"
        " FROM documents ORDER BY id"
    ).fetchall()


def documents_by_hash(conn: sqlite3.Connection) -> dict[str, int]:
    """content hash -> the lowest id of a document with that text."""
    rows = conn.execute("SELECT content_hash, min(id) FROM documents GROUP BY content_hash")
    return {str(h): int(i) for h, i in rows}


def copy_mention(conn: sqlite3.Connection, m: Mention, doc_id: int, created: str) -> int:
    """Insert ``m`` into document ``doc_id`` under a new id, keeping uid and creation time."""
    cur = conn.execute(
        'INSERT INTO mentions (document_id, start, "end", label, kb_id, annotator, created_at,'
        " uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (doc_id, m.start, m.end, m.label, m.kb_id, m.annotator, created, m.uid),
    )
    return int(cur.lastrowid or 0)


def copy_event(conn: sqlite3.Connection, e: Event, doc_id: int, created: str) -> int:
    """Insert ``e`` (arguments already pointing at this file's mentions) under a new id."""
    cur = conn.execute(
        "INSERT INTO events (document_id, type, trigger_start, trigger_end, annotator,"
        " created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (doc_id, e.type, e.trigger_start, e.trigger_end, e.annotator, created, e.uid),
    )
    event_id = int(cur.lastrowid or 0)
    set_arguments(conn, event_id, e.arguments)
    return event_id


def add_arguments(conn: sqlite3.Connection, event_id: int, args: list[tuple[str, int]]) -> None:
    """Add (role, mention id) arguments to an event, keeping those it has."""
    conn.executemany(
        "INSERT OR IGNORE INTO event_arguments (event_id, role, mention_id) VALUES (?, ?, ?)",
        [(event_id, role, mention_id) for role, mention_id in args],
    )


Translation = tuple[int, str | None, str | None, str | None, str | None, str | None]


def translations_of(conn: sqlite3.Connection, doc_id: int) -> dict[tuple[int, int], Translation]:
    """(start, end) -> (sentence id, text, status, model, model_version, translated_at).

    Every sentence is there; the last five are None where it has no translation.
    """
    rows = conn.execute(
        'SELECT s.start, s."end", s.id, t.text, t.status, t.model, t.model_version,'
        " t.translated_at FROM sentences s LEFT JOIN translations t ON t.sentence_id = s.id"
        " WHERE s.document_id = ?",
        (doc_id,),
    )
    return {(r[0], r[1]): (r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows}


def copy_translation(
    conn: sqlite3.Connection,
    sentence_id: int,
    text: str | None,
    status: str,
    model: str,
    model_version: str,
    translated_at: str,
) -> None:
    conn.execute(
        "INSERT INTO translations (sentence_id, text, status, model, model_version,"
        " translated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (sentence_id, text, status, model, model_version, translated_at),
    )
