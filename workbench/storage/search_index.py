"""The project search index: each document's normalized word forms in SQLite FTS5.

FTS5's own tokenizers fold no Arabic script and cut words at harakat and ZWNJ, so the
index holds our keys (:mod:`workbench.text.normalize`): every distinct word form of a
document -- the word's key and its stems without a proclitic or a Persian ending -- once,
separated by spaces, under the document's id as rowid. ``detail=none`` keeps no
positions: the index only finds the documents that hold every word of a query, and the
search then finds the places in those documents' texts (:mod:`workbench.ops.searching`).
``search_vocab`` lists the indexed forms, for substring search.

The index is filled when documents are imported (:func:`index_documents` in the import's
transaction), emptied of a document by a trigger when it is deleted, and completed
before any search for documents it lacks (a file from before the index, or documents
written by an older workbench): :func:`ensure_indexed`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from workbench.text.normalize import WORD, key_of, normalize, stems, word_at

_ZWNJ = "\u200c"


def document_forms(text: str) -> set[str]:
    """The distinct word forms of a text, as the index holds them.

    Every word's key and its stems without a proclitic; a word written with a ZWNJ also
    its forms without a Persian ending (:func:`~workbench.text.normalize.word_at`,
    which needs the offset map, so only for those words).
    """
    written_with_zwnj: set[str] = set()
    if _ZWNJ not in text:
        plain = set(WORD.findall(key_of(text)))
    else:
        norm = normalize(text)
        plain = set()
        for m in WORD.finditer(norm.key):
            start, end = norm.span(m.start(), m.end())
            if _ZWNJ in text[start:end]:
                written_with_zwnj.update(f.key for f in word_at(norm, m.start(), m.end()).forms)
            else:
                plain.add(m.group())
    found = plain | written_with_zwnj
    for w in plain:
        found.update(stems(w))
    return found


def index_documents(conn: sqlite3.Connection, doc_ids: Sequence[int]) -> None:
    """(Re)index these documents; call it inside the transaction that wrote them."""
    for i in range(0, len(doc_ids), 200):
        chunk = list(doc_ids[i : i + 200])
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk)
        forms = [(doc_id, " ".join(sorted(document_forms(text)))) for doc_id, text in rows]
        conn.executemany("DELETE FROM search_index WHERE rowid = ?", [(d,) for d, _ in forms])
        conn.executemany("INSERT INTO search_index (rowid, forms) VALUES (?, ?)", forms)


def unindexed(conn: sqlite3.Connection) -> list[int]:
    """Documents the index lacks (two b-tree counts when it lacks none)."""
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM search_index_docsize").fetchone()[0]
    if documents == indexed:
        return []
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT rowid FROM search_index) ORDER BY id"
        )
    ]


def reindex_all(conn: sqlite3.Connection) -> Iterator[tuple[int, int]]:
    """Rebuild the whole index (in the caller's transaction), yielding (done, total)."""
    conn.execute("DELETE FROM search_index")
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id")]
    for i in range(0, len(ids), 200):
        index_documents(conn, ids[i : i + 200])
        yield min(i + 200, len(ids)), len(ids)


def candidates(conn: sqlite3.Connection, match: str) -> Iterator[int]:
    """Ids of the documents whose forms satisfy the FTS5 expression ``match``."""
    for (doc_id,) in conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid", (match,)
    ):
        yield doc_id


def vocabulary_containing(conn: sqlite3.Connection, piece: str, limit: int = 500) -> list[str]:
    """Indexed forms that contain ``piece`` (for substring search)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT term FROM search_vocab WHERE instr(term, ?) > 0 LIMIT ?", (piece, limit)
        )
    ]


def quote(form: str) -> str:
    """``form`` as an FTS5 string (a term, whatever characters it holds)."""
    return '"' + form.replace('"', '""') + '"'
