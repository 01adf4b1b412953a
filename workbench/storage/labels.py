"""Reading and writing single labels of the schema, and counting what uses them.

Plain functions over a connection, like :mod:`workbench.storage.annotations` (which
holds whole-schema reads and writes and the renaming of annotations); the operations
layer owns transactions, validation and undo. A label keeps its ``position`` so that
undoing a removal puts it back exactly where it was in the palette.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from workbench.core.model import Label

_COLUMNS = "kind, name, color, shortcut, parent"


def get_label(conn: sqlite3.Connection, kind: str, name: str, parent: str = "") -> Label | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM labels WHERE kind = ? AND name = ? AND parent = ?",
        (kind, name, parent),
    ).fetchone()
    return None if row is None else Label(*row)


def position_of(conn: sqlite3.Connection, label: Label) -> int:
    row = conn.execute(
        "SELECT position FROM labels WHERE kind = ? AND name = ? AND parent = ?",
        (label.kind, label.name, label.parent),
    ).fetchone()
    return 0 if row is None else int(row[0])


def next_position(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(position) FROM labels").fetchone()
    return 0 if row is None or row[0] is None else int(row[0]) + 1


def label_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM labels").fetchone()[0])


def insert_label(conn: sqlite3.Connection, label: Label, position: int) -> None:
    conn.execute(
        "INSERT INTO labels (kind, name, parent, color, shortcut, position)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (label.kind, label.name, label.parent, label.color, label.shortcut, position),
    )


def delete_label(conn: sqlite3.Connection, kind: str, name: str, parent: str = "") -> None:
    conn.execute(
        "DELETE FROM labels WHERE kind = ? AND name = ? AND parent = ?", (kind, name, parent)
    )


def set_color(conn: sqlite3.Connection, label: Label, color: str) -> None:
    conn.execute(
        "UPDATE labels SET color = ? WHERE kind = ? AND name = ? AND parent = ?",
        (color, label.kind, label.name, label.parent),
    )


def set_shortcut(conn: sqlite3.Connection, label: Label, shortcut: str | None) -> None:
    conn.execute(
        "UPDATE labels SET shortcut = ? WHERE kind = ? AND name = ? AND parent = ?",
        (shortcut, label.kind, label.name, label.parent),
    )


def usage(conn: sqlite3.Connection, kind: str, name: str, parent: str = "") -> int:
    """How many annotations carry this label (mentions, events, or arguments of a role)."""
    params: tuple[str, ...] = (name,)
    if kind == "entity":
        sql = "SELECT count(*) FROM mentions WHERE label = ?"
    elif kind == "event":
        sql = "SELECT count(*) FROM events WHERE type = ?"
    else:
        sql = (
            "SELECT count(*) FROM event_arguments a JOIN events e ON e.id = a.event_id"
            " WHERE a.role = ? AND e.type = ?"
        )
        params = (name, parent)
    return int(conn.execute(sql, params).fetchone()[0])


def usage_counts(conn: sqlite3.Connection) -> Counter[tuple[str, str, str]]:
    """Every label that annotations carry, as (kind, parent, name) -> count.

    Includes labels that are not in the schema (imported data may carry any label).
    """
    counts: Counter[tuple[str, str, str]] = Counter()
    for label, n in conn.execute("SELECT label, count(*) FROM mentions GROUP BY label"):
        counts["entity", "", label] = n
    for type_, n in conn.execute("SELECT type, count(*) FROM events GROUP BY type"):
        counts["event", "", type_] = n
    for type_, role, n in conn.execute(
        "SELECT e.type, a.role, count(*) FROM event_arguments a JOIN events e ON e.id = a.event_id"
        " GROUP BY e.type, a.role"
    ):
        counts["role", type_, role] = n
    return counts
