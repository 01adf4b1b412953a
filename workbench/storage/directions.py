"""Reading and writing the paragraph directions set by hand (table ``paragraph_directions``).

Plain functions over a connection; :mod:`workbench.ops.directions` owns the
transactions. Rows of one document never overlap: setting a direction first removes
the rows it meets (:func:`delete_meeting`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from workbench.core.model import DirectionOverride


def _override(row: tuple[int, int, str]) -> DirectionOverride:
    start, end, direction = row
    return DirectionOverride(start, end, direction == "rtl")


def directions_of(conn: sqlite3.Connection, doc_id: int) -> list[DirectionOverride]:
    rows = conn.execute(
        'SELECT start, "end", direction FROM paragraph_directions'
        " WHERE document_id = ? ORDER BY start",
        (doc_id,),
    )
    return [_override(row) for row in rows]


def delete_meeting(
    conn: sqlite3.Connection, doc_id: int, start: int, end: int
) -> list[DirectionOverride]:
    """Delete the rows whose span meets start-end (closed); returns them."""
    where = 'document_id = ? AND start <= ? AND "end" >= ?'
    rows = conn.execute(
        f'SELECT start, "end", direction FROM paragraph_directions WHERE {where} ORDER BY start',
        (doc_id, end, start),
    ).fetchall()
    conn.execute(f"DELETE FROM paragraph_directions WHERE {where}", (doc_id, end, start))
    return [_override(row) for row in rows]


def insert(conn: sqlite3.Connection, doc_id: int, overrides: Iterable[DirectionOverride]) -> None:
    conn.executemany(
        'INSERT INTO paragraph_directions (document_id, start, "end", direction)'
        " VALUES (?, ?, ?, ?)",
        [(doc_id, o.start, o.end, "rtl" if o.rtl else "ltr") for o in overrides],
    )
