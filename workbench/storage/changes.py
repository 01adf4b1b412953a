"""Noticing what other programs changed in the project file, cheaply.

The window keeps its connection open for hours while the command line, a colleague's
script or the window's own background jobs write to the same file. ``PRAGMA
data_version`` changes whenever another connection commits and costs microseconds to
read, so it is polled; only when it moved are the parts the window shows compared, each
by a small fingerprint: the document list, the label schema, and the annotations and
translations of the document on screen. The window then refreshes just those.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes when another connection commits to the file."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


@dataclass(frozen=True, slots=True)
class Fingerprint:
    documents: tuple[object, ...]
    schema: tuple[object, ...]
    annotations: tuple[object, ...]
    translations: tuple[object, ...]


def fingerprint(conn: sqlite3.Connection, doc_id: int | None) -> Fingerprint:
    """What the window shows, summed up: equal fingerprints, nothing to refresh."""
    # Not a walk over 100,000 documents: a number the document list's triggers move
    # whenever a document comes, goes, or changes name, language or status.
    documents = conn.execute(
        "SELECT (SELECT max(id) FROM documents), (SELECT max(seq) FROM sqlite_sequence"
        " WHERE name IN ('mentions', 'events')),"
        " (SELECT value FROM settings WHERE key = 'document_list.version')"
    ).fetchone()
    schema = conn.execute(
        "SELECT group_concat(kind || '/' || parent || '/' || name || '/' || color || '/'"
        " || ifnull(shortcut, '') || '/' || position, '|') FROM labels"
    ).fetchone()
    if doc_id is None:
        return Fingerprint(tuple(documents), tuple(schema), (), ())
    annotations = conn.execute(
        'SELECT count(*), total(id), total(start * 3 + "end" * 7),'
        " group_concat(label || ifnull(kb_id, '') || '#' || ifnull(entity_id, ''))"
        " FROM mentions WHERE document_id = ?",
        (doc_id,),
    ).fetchone()
    events = conn.execute(
        "SELECT count(*), total(id), total(trigger_start * 3 + trigger_end * 7),"
        " group_concat(type), (SELECT count(*) FROM event_arguments a"
        " JOIN events e ON e.id = a.event_id WHERE e.document_id = ?)"
        " FROM events WHERE document_id = ?",
        (doc_id, doc_id),
    ).fetchone()
    translations = conn.execute(
        "SELECT count(*), max(t.translated_at), group_concat(t.model_version)"
        " FROM translations t JOIN sentences s ON s.id = t.sentence_id"
        " WHERE s.document_id = ?",
        (doc_id,),
    ).fetchone()
    return Fingerprint(
        tuple(documents), tuple(schema), (*annotations, *events), tuple(translations)
    )
