"""Reading and writing documents, sentences and translations.

Plain functions over a connection; the callers (the operations layer) own the
transactions. Reads return the immutable values of :mod:`workbench.core.model`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.model import Document, DocumentInfo, Sentence
from workbench.errors import KnownError
from workbench.storage.annotations import events_of, mentions_of
from workbench.storage.directions import directions_of
from workbench.storage.project import now

_LIST_SQL = """
SELECT d.id, d.source, d.lang, d.lang_confidence, d.status,
       (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),
       (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),
       (SELECT count(*) FROM events e WHERE e.document_id = d.id),
       (SELECT count(*) FROM sentences s JOIN translations t ON t.sentence_id = s.id
         WHERE s.document_id = d.id)
FROM documents d
"""


def list_documents(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None
) -> list[DocumentInfo]:
    if ids is None:
        rows = conn.execute(_LIST_SQL + " ORDER BY d.id").fetchall()
    else:
        wanted = list(ids)
        marks = ",".join("?" * len(wanted))
        rows = conn.execute(
            _LIST_SQL + f" WHERE d.id IN ({marks}) ORDER BY d.id", wanted
        ).fetchall()
    return [DocumentInfo(*row) for row in rows]


def document_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]


def find_document(conn: sqlite3.Connection, ref: str | int) -> int:
    """A document id from an id or a source name; a clear error if none or several match."""
    text = str(ref).strip()
    if text.isdigit():
        row = conn.execute("SELECT id FROM documents WHERE id = ?", (int(text),)).fetchone()
        if row:
            return int(row[0])
    rows = conn.execute("SELECT id FROM documents WHERE source = ? ORDER BY id", (text,)).fetchall()
    if not rows:
        # Let "000_7d63036d73f712df" find "000_7d63036d73f712df.txt".
        rows = conn.execute(
            "SELECT id FROM documents WHERE source LIKE ? ESCAPE '\\' ORDER BY id",
            (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%",),
        ).fetchall()
    if not rows:
        raise KnownError(f"no document {text!r} in the project (see `workbench list`)")
    if len(rows) > 1:
        ids = ", ".join(str(r[0]) for r in rows)
        raise KnownError(f"{text!r} names several documents (ids {ids}); use an id")
    return int(rows[0][0])


def has_document(conn: sqlite3.Connection, source: str, content_hash: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM documents WHERE source = ? AND content_hash = ?", (source, content_hash)
    ).fetchone()
    return row is not None


def present(conn: sqlite3.Connection, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (source, content_hash) pairs are already in the project."""
    found: set[tuple[str, str]] = set()
    for first in range(0, len(keys), 400):  # stay well under SQLite's variable limit
        chunk = keys[first : first + 400]
        sources = sorted({s for s, _ in chunk})
        marks = ",".join("?" * len(sources))
        rows = conn.execute(  # the UNIQUE (source, content_hash) index serves this
            f"SELECT source, content_hash FROM documents WHERE source IN ({marks})", sources
        )
        wanted = set(chunk)
        found.update(row for row in rows if row in wanted)
    return found


@dataclass(frozen=True, slots=True)
class NewDocument:
    source: str
    content_hash: str
    text: str
    lang: str | None
    lang_confidence: float | None
    lang_source: str = "detected"
    status: str = "todo"
    sentences: Sequence[tuple[int, int]] = ()


def insert_documents(conn: sqlite3.Connection, docs: Sequence[NewDocument]) -> list[int]:
    """Insert documents with their sentences; returns their ids, in order.

    Ids are given out here (the same max(id) + 1 SQLite would pick; the caller's
    transaction holds the write lock) so a whole import batch goes in with two
    executemany calls instead of one round trip per document.
    """
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
    ids = list(range(first, first + len(docs)))
    stamp = now()
    conn.executemany(
        "INSERT INTO documents (id, source, content_hash, lang, lang_confidence, lang_source,"
        " text, status, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i,
                d.source,
                d.content_hash,
                d.lang,
                d.lang_confidence,
                d.lang_source,
                d.text,
                d.status,
                stamp,
            )
            for i, d in zip(ids, docs, strict=True)
        ],
    )
    conn.executemany(
        'INSERT INTO sentences (document_id, seq, start, "end") VALUES (?, ?, ?, ?)',
        [
            (i, seq, start, end)
            for i, d in zip(ids, docs, strict=True)
            for seq, (start, end) in enumerate(d.sentences)
        ],
    )
    return ids


def insert_document(
    conn: sqlite3.Connection,
    *,
    source: str,
    content_hash: str,
    text: str,
    lang: str | None,
    lang_confidence: float | None,
    lang_source: str = "detected",
    status: str = "todo",
    sentences: Sequence[tuple[int, int]] = (),
) -> int:
    """One document: :func:`insert_documents` for a batch of one."""
    new = NewDocument(
        source, content_hash, text, lang, lang_confidence, lang_source, status, sentences
    )
    return insert_documents(conn, [new])[0]


def document_text(conn: sqlite3.Connection, doc_id: int) -> str:
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise KnownError(f"no document with id {doc_id}")
    return str(row[0])


def sentences_of(conn: sqlite3.Connection, doc_id: int) -> list[Sentence]:
    rows = conn.execute(
        'SELECT s.id, s.seq, s.start, s."end", t.text,'
        " CASE WHEN t.model IS NULL THEN NULL ELSE t.model || '@' || t.model_version END,"
        " t.status FROM sentences s LEFT JOIN translations t ON t.sentence_id = s.id"
        " WHERE s.document_id = ? ORDER BY s.seq",
        (doc_id,),
    ).fetchall()
    return [Sentence(*row) for row in rows]


def get_document(conn: sqlite3.Connection, doc_id: int, *, annotations: bool = True) -> Document:
    row = conn.execute(
        "SELECT id, source, content_hash, lang, lang_confidence, status, text"
        " FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        raise KnownError(f"no document with id {doc_id}")
    doc_id, source, content_hash, lang, lang_confidence, status, text = row
    return Document(
        doc_id,
        source,
        content_hash,
        lang,
        lang_confidence,
        status,
        text,
        sentences=tuple(sentences_of(conn, doc_id)),
        mentions=tuple(mentions_of(conn, doc_id)) if annotations else (),
        events=tuple(events_of(conn, doc_id)) if annotations else (),
        directions=tuple(directions_of(conn, doc_id)),
    )


def set_status(conn: sqlite3.Connection, doc_id: int, status: str) -> None:
    conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, doc_id))


def set_language(conn: sqlite3.Connection, doc_id: int, lang: str | None) -> None:
    conn.execute(
        "UPDATE documents SET lang = ?, lang_confidence = 1.0, lang_source = 'user' WHERE id = ?",
        (lang, doc_id),
    )


def store_translations(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[int, str | None, str]],
    model: str,
    model_version: str,
) -> None:
    """Store (sentence_id, text or None, status) rows made by one model."""
    stamp = now()
    conn.executemany(
        "INSERT INTO translations (sentence_id, text, status, model, model_version,"
        " translated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sentence_id) DO UPDATE SET"
        " text = excluded.text, status = excluded.status, model = excluded.model,"
        " model_version = excluded.model_version, translated_at = excluded.translated_at",
        [(sid, text, status, model, model_version, stamp) for sid, text, status in rows],
    )
