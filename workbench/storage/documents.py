"""Reading and writing documents, sentences and translations.

Plain functions over a connection; the callers (the operations layer) own the
transactions. Reads return the immutable values of :mod:`workbench.core.model`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from workbench.core.model import Document, DocumentInfo, Sentence
from workbench.errors import KnownError
from workbench.storage import listing
from workbench.storage.annotations import events_of, mentions_of
from workbench.storage.directions import directions_of
from workbench.storage.project import now


def list_documents(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None
) -> list[DocumentInfo]:
    """The list rows of ``ids`` (every document when None), by id; counts included."""
    return listing.infos(conn, ids)


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


_COPY = re.compile(r" \(\d+\)$")  # " (2)": a name made unique
_LINE = re.compile(r":\d+$")  # "file.jsonl:12": a JSONL record named by its line


def origin(source: str) -> str:
    """Where a document came from: its file (a JSONL file for each of its records),
    without the line number and the " (2)" that keep names unique."""
    return _LINE.sub("", _COPY.sub("", source))


def known_texts(conn: sqlite3.Connection, hashes: Iterable[str]) -> dict[str, set[str]]:
    """Which of these content hashes the project holds: hash -> the origins holding it.

    An import recognises a document by its text from the same origin, whatever its
    name now: a JSONL file with a line inserted above renames every later record
    (``file.jsonl:LINE``), and an edited file stored as "name (2)" is the same again.
    """
    wanted = sorted(set(hashes))
    found: dict[str, set[str]] = {}
    for first in range(0, len(wanted), 400):  # stay well under SQLite's variable limit
        chunk = wanted[first : first + 400]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(  # documents_by_hash serves this
            f"SELECT content_hash, source FROM documents WHERE content_hash IN ({marks})", chunk
        )
        for digest, source in rows:
            found.setdefault(digest, set()).add(origin(source))
    return found


def unique_names(conn: sqlite3.Connection, names: Sequence[str]) -> list[str]:
    """``names`` made unique in the project and among themselves: a name already taken
    gets " (2)", " (3)"... so that a name always means one document."""
    taken: set[str] = set()
    for first in range(0, len(names), 400):
        chunk = sorted(set(names[first : first + 400]))
        marks = ",".join("?" * len(chunk))
        taken.update(
            row[0]
            for row in conn.execute(
                f"SELECT source FROM documents WHERE source IN ({marks})", chunk
            )
        )
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in taken or (
            candidate != name
            and conn.execute("SELECT 1 FROM documents WHERE source = ?", (candidate,)).fetchone()
        ):
            n += 1
            candidate = f"{name} ({n})"
        taken.add(candidate)
        out.append(candidate)
    return out


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

    Ids are given out here (the next id AUTOINCREMENT would pick; the caller's
    transaction holds the write lock) so a whole import batch goes in with two
    executemany calls instead of one round trip per document.
    """
    first = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM documents), 0),"
        " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'documents'), 0)) + 1"
    ).fetchone()[0]
    ids = list(range(first, first + len(docs)))
    # A name means one document: a name already taken gets " (2)" (callers that report
    # names, like the import, ask unique_names() first and get the same answer).
    names = unique_names(conn, [d.source for d in docs])
    docs = [replace(d, source=name) for d, name in zip(docs, names, strict=True)]
    with listing.bulk(conn):
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
        listing.add_rows(
            conn,
            [
                (i, d.source, d.lang, d.lang_confidence, d.status, len(d.sentences))
                for i, d in zip(ids, docs, strict=True)
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
