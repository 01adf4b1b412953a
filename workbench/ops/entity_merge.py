"""The knowledge base's part of a merge: entities and their aliases, by uid.

An entity is the same entity in two files when it has the same ``uid`` (it travelled
by merge, export or gazetteer) or the same external id (a Wikidata QID names one thing
wherever it is written). Such an entity is "already there": the target keeps its name,
type and note, and gains the source's aliases. Any other entity comes in under its own
uid, with its aliases, even when the target has one of the same name: two people may
share a name, so that is never merged silently; the report names the pair and the
Entities panel lists it for review (:func:`same_name_pairs`).

Mentions then carry their entity's public id (``kb_id``: the external id, or ``wb:`` and
the uid) and :func:`~workbench.storage.entities.adopt_kb_ids` links each to the entity
that id names, which this step has just made sure the target holds. A source from before
the knowledge base (free-text ``kb_id`` values) goes through the same adoption.
"""

from __future__ import annotations

import sqlite3
from typing import Protocol

from workbench.core.model import Alias
from workbench.storage import entities as store
from workbench.text.normalize import phrase_key


class _Tally(Protocol):
    came_in: int
    already: int


def has_knowledge_base(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entities'"
        ).fetchone()
        is not None
    )


def merge_entities(
    src: sqlite3.Connection, conn: sqlite3.Connection, tally: _Tally, notes: list[str]
) -> None:
    """Bring the source's entities and aliases into the target (inside its transaction)."""
    if not has_knowledge_base(src):
        return
    rows = src.execute(
        "SELECT id, type, name, external_id, note, uid, created_at FROM entities ORDER BY id"
    ).fetchall()
    for src_id, kind, name, external, note, uid, created in rows:
        found = conn.execute("SELECT id, type, name FROM entities WHERE uid = ?", (uid,)).fetchone()
        if found is None and external:
            found = conn.execute(
                "SELECT id, type, name FROM entities WHERE external_id = ?", (external,)
            ).fetchone()
        if found is not None:
            target_id = int(found[0])
            tally.already += 1
            if (found[1], found[2]) != (kind, name):
                notes.append(
                    f"entity {name} ({kind}, {uid[:8]}) is {found[2]} ({found[1]}) in the "
                    "target: kept the target's name and type, added the source's aliases"
                )
        else:
            namesake = _namesake(conn, name)
            target_id = int(
                conn.execute(
                    "INSERT INTO entities (type, name, external_id, note, uid, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (kind, name, external, note, uid, created),
                ).lastrowid
                or 0
            )
            tally.came_in += 1
            if namesake is not None:
                notes.append(
                    f"entity {name} ({kind}, {uid[:8]}) came in beside the target's "
                    f"{namesake} of the same name: review the pair in the Entities panel "
                    "and merge them there if they are one"
                )
        for alias, lang in src.execute(
            "SELECT alias, lang FROM entity_aliases WHERE entity_id = ? ORDER BY id", (src_id,)
        ):
            store.insert_alias(conn, Alias(0, target_id, alias, lang))


def _namesake(conn: sqlite3.Connection, name: str) -> str | None:
    key = phrase_key(name)
    row = conn.execute(
        "SELECT e.name FROM entities e JOIN entity_aliases a ON a.entity_id = e.id"
        " WHERE a.key = ? LIMIT 1",
        (key,),
    ).fetchone()
    return None if row is None else str(row[0])


def same_name_pairs(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """Pairs of entities (ids, lower first) that share a name or alias: the review list."""
    rows = conn.execute(
        "SELECT DISTINCT min(a.entity_id, b.entity_id), max(a.entity_id, b.entity_id)"
        " FROM entity_aliases a JOIN entity_aliases b"
        " ON a.key = b.key AND a.entity_id < b.entity_id"
        " JOIN entities ea ON ea.id = a.entity_id JOIN entities eb ON eb.id = b.entity_id"
        " WHERE ea.type = eb.type ORDER BY 1, 2"
    ).fetchall()
    return [(int(a), int(b)) for a, b in rows]
