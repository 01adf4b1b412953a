"""The document list in SQL: one narrow row per document, sorted, filtered and paged there.

``document_list`` holds what a list shows -- name, language, status and the counts of
sentences, translations, mentions and events -- with no text, so reading it never
touches a document's pages; triggers keep it in step with every write (see
:mod:`workbench.storage.schema`). A window over 100,000 documents asks for the number of
rows, then for pages of rows as it scrolls, and for the row of one document: each is
one query walking an index, never a query per row nor a list of the whole project.

Every column sorts by one key, with the document id breaking ties (descending reverses
both). Source names sort by ``str.casefold()`` stored in ``sort_source`` and compared
byte-wise (SQLite's BINARY collation on UTF-8 is code point order, which is Python's
``str`` order), so the SQL order is exactly ``sorted(key=casefold)``: case-insensitive
for Latin and Turkish letters (``İ`` folds to ``i̇``, which sorts after ``i``), Arabic
and Persian in code point order. No locale collation: SQLite has none built in, and a
custom one would make the file unwritable for any other SQLite client.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from workbench.core.model import STATUS_TITLES, STATUSES, DocumentInfo

_STATUS_RANK = (
    "(CASE status WHEN 'todo' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END)"  # workflow order
)
_RATIO = "(CASE WHEN sentences > 0 THEN CAST(translated AS REAL) / sentences ELSE 0.0 END)"

# column name -> the SQL expression it sorts by; each has an index (schema migration).
SORT_SQL = {
    "id": "id",
    "source": "sort_source",
    "lang": "coalesce(lang, '')",
    "status": _STATUS_RANK,
    "sentences": "sentences",
    "translated": _RATIO,
    "annotations": "(mentions + events)",
}
SORT_COLUMNS = tuple(SORT_SQL)
_FIELDS = "id, source, lang, lang_confidence, status, sentences, mentions, events, translated"


def sort_source(source: str) -> str:
    """The key a source name sorts by (stored in ``document_list.sort_source``)."""
    return source.casefold()


def python_key(info: DocumentInfo, column: str) -> Any:
    """The same order as :data:`SORT_SQL`, computed in Python (ties: by id)."""
    keys = {
        "id": lambda: 0,
        "source": lambda: sort_source(info.source),
        "lang": lambda: info.lang or "",
        "status": lambda: STATUSES.index(info.status) if info.status in STATUSES else 2,
        "sentences": lambda: info.sentences,
        "translated": lambda: info.translated / info.sentences if info.sentences else 0.0,
        "annotations": lambda: info.mentions + info.events,
    }
    return (keys[column](), info.id)


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a filter: found in the source name, or naming a language or status."""

    text: str  # casefolded
    langs: tuple[str | None, ...] = ()  # languages (None: unknown) whose code or name has it
    statuses: tuple[str, ...] = ()


def filter_words(
    text: str, languages: Iterable[str | None], name_of: Mapping[str | None, str]
) -> tuple[Word, ...]:
    """The words of a filter typed by the user, each resolved against the languages of
    the project (their codes and ``name_of`` names) and the status titles."""
    langs = list(languages)
    words = []
    for raw in text.split():
        word = raw.casefold()
        hits = tuple(
            lang
            for lang in langs
            if word in (lang or "").casefold() or word in name_of.get(lang, "").casefold()
        )
        statuses = tuple(s for s in STATUSES if word in s or word in STATUS_TITLES[s].casefold())
        words.append(Word(word, hits, statuses))
    return tuple(words)


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which documents a list shows, in which order."""

    words: tuple[Word, ...] = ()
    column: str = "id"
    descending: bool = False

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for word in self.words:
            parts = ["instr(sort_source, ?) > 0"]
            params.append(word.text)
            known = [lang for lang in word.langs if lang is not None]
            if known:
                parts.append(f"lang IN ({','.join('?' * len(known))})")
                params.extend(known)
            if None in word.langs:
                parts.append("lang IS NULL")
            if word.statuses:
                parts.append(f"status IN ({','.join('?' * len(word.statuses))})")
                params.extend(word.statuses)
            clauses.append("(" + " OR ".join(parts) + ")")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def order(self) -> str:
        direction = " DESC" if self.descending else ""
        if self.column == "id":
            return f" ORDER BY id{direction}"
        return f" ORDER BY {SORT_SQL[self.column]}{direction}, id{direction}"


def count(conn: sqlite3.Connection, query: ListQuery) -> int:
    where, params = query.where()
    return int(conn.execute("SELECT count(*) FROM document_list" + where, params).fetchone()[0])


def page(conn: sqlite3.Connection, query: ListQuery, offset: int, limit: int) -> list[DocumentInfo]:
    """Rows ``offset`` to ``offset + limit`` of the list as ``query`` orders it."""
    where, params = query.where()
    rows = conn.execute(
        f"SELECT {_FIELDS} FROM document_list{where}{query.order()} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [DocumentInfo(*row) for row in rows]


def row_of(conn: sqlite3.Connection, query: ListQuery, doc_id: int) -> int:
    """The row of document ``doc_id`` in the list, or -1 if the filter hides it (or it
    does not exist): the number of listed documents that come before it."""
    where, params = query.where()
    key = SORT_SQL[query.column]
    found = conn.execute(
        f"SELECT {key} FROM document_list{where}{' AND' if where else ' WHERE'} id = ?",
        [*params, doc_id],
    ).fetchone()
    if found is None:
        return -1
    # A row value walks the index from its start to the document; an OR of two
    # comparisons would be two walks and a merge (four times slower at 100,000).
    before = ">" if query.descending else "<"
    return int(
        conn.execute(
            f"SELECT count(*) FROM document_list{where}{' AND' if where else ' WHERE'}"
            f" ({key}, id) {before} (?, ?)",
            [*params, found[0], doc_id],
        ).fetchone()[0]
    )


def infos(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[DocumentInfo]:
    """The list rows of ``ids`` (every document when None), by id."""
    if ids is None:
        rows = conn.execute(f"SELECT {_FIELDS} FROM document_list ORDER BY id").fetchall()
        return [DocumentInfo(*row) for row in rows]
    wanted = list(ids)
    out: list[DocumentInfo] = []
    for first in range(0, len(wanted), 500):  # under SQLite's variable limit
        chunk = wanted[first : first + 500]
        marks = ",".join("?" * len(chunk))
        found = conn.execute(
            f"SELECT {_FIELDS} FROM document_list WHERE id IN ({marks}) ORDER BY id", chunk
        )
        out.extend(DocumentInfo(*row) for row in found)
    return sorted(out, key=lambda info: info.id)


def infos_after(conn: sqlite3.Connection, after: int, limit: int) -> list[DocumentInfo]:
    """The list rows of the ``limit`` documents following id ``after``, by id."""
    rows = conn.execute(
        f"SELECT {_FIELDS} FROM document_list WHERE id > ? ORDER BY id LIMIT ?", (after, limit)
    )
    return [DocumentInfo(*row) for row in rows]


def languages(conn: sqlite3.Connection) -> list[str | None]:
    """The distinct languages of the project's documents (None for unknown).

    One step down the language index per language found, not a walk over every row.
    """
    key = SORT_SQL["lang"]
    found: list[str | None] = []
    row = conn.execute(f"SELECT min({key}) FROM document_list").fetchone()
    while row is not None and row[0] is not None:
        found.append(row[0] or None)
        row = conn.execute(
            f"SELECT min({key}) FROM document_list WHERE {key} > ?", (row[0],)
        ).fetchone()
    return found


def widest(conn: sqlite3.Connection) -> tuple[int, int, list[str]]:
    """The largest sentence and annotation counts and the language codes: what the
    widest value of each narrow column of the list can be (each read from an index)."""
    sentences = conn.execute(
        "SELECT sentences FROM document_list ORDER BY sentences DESC LIMIT 1"
    ).fetchone()
    annotations = conn.execute(
        "SELECT mentions + events FROM document_list ORDER BY (mentions + events) DESC LIMIT 1"
    ).fetchone()
    langs = [lang for lang in languages(conn) if lang is not None]
    return (sentences[0] if sentences else 0, annotations[0] if annotations else 0, langs)


# -- writing in bulk ---------------------------------------------------------------
BULK_KEY = "document_list.bulk"


@contextmanager
def bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside a transaction: the triggers that keep the list's counts stand aside, so
    a batch of thousands of sentences, mentions and translations is not thousands of
    updates of the list and its indexes. The writer adds the list rows itself
    (:func:`add_rows`) and counts once at the end (:func:`recount`). The flag lives in
    ``settings`` only inside this transaction: no other connection ever sees it."""
    if not conn.in_transaction:
        raise RuntimeError("listing.bulk() needs an open transaction")
    if conn.execute("SELECT 1 FROM settings WHERE key = ?", (BULK_KEY,)).fetchone():
        yield  # nested
        return
    conn.execute("INSERT INTO settings (key, value) VALUES (?, '1')", (BULK_KEY,))
    try:
        yield
    finally:
        conn.execute("DELETE FROM settings WHERE key = ?", (BULK_KEY,))


def add_rows(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """List rows for new documents: (id, source, lang, lang_confidence, status, sentences)."""
    conn.executemany(
        "INSERT INTO document_list (id, source, sort_source, lang, lang_confidence, status,"
        " sentences) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(i, src, sort_source(src), lang, conf, st, n) for i, src, lang, conf, st, n in rows],
    )


def recount(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Count again the sentences, translations, mentions and events of ``ids``."""
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        conn.execute(
            "UPDATE document_list SET"
            " sentences = (SELECT count(*) FROM sentences s WHERE s.document_id = document_list.id),"
            " translated = (SELECT count(*) FROM sentences s JOIN translations t"
            "   ON t.sentence_id = s.id WHERE s.document_id = document_list.id),"
            " mentions = (SELECT count(*) FROM mentions m WHERE m.document_id = document_list.id),"
            " events = (SELECT count(*) FROM events e WHERE e.document_id = document_list.id)"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
