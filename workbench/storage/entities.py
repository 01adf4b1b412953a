"""Reading and writing the project knowledge base: entities, their aliases, their mentions.

Plain functions over a connection; :mod:`workbench.ops.knowledge` owns transactions and
undo. Inserts accept an explicit id and uid so that undoing a merge brings back the very
same entity, and mentions that pointed at it point at it again. Every alias is stored
with its matching key (:func:`workbench.text.normalize.phrase_key`), which lookups and
candidate ranking compare.

An entity's *public id* is what exports carry as ``kb_id``: its external id when it has
one (a Wikidata QID is what other tools resolve), else ``wb:`` and its uid, which stays
the same in every project the gazetteer is imported into (``workbench kb import``).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.model import Alias, Entity
from workbench.storage.project import now
from workbench.text.normalize import phrase_key

UID_PREFIX = "wb:"
_ENTITY_COLUMNS = "id, type, name, external_id, note, uid"


def new_uid() -> str:
    return uuid.uuid4().hex


def public_id(entity: Entity) -> str:
    """The ``kb_id`` exports carry for ``entity`` (see the module docstring)."""
    return entity.external_id or UID_PREFIX + entity.uid


def get_entity(conn: sqlite3.Connection, entity_id: int) -> Entity | None:
    row = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    return None if row is None else Entity(*row)


def entities_by_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Entity]:
    wanted = sorted(set(ids))
    found: dict[int, Entity] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE id IN ({marks})", chunk
        ):
            found[row[0]] = Entity(*row)
    return found


def find_entity(conn: sqlite3.Connection, kb_id: str) -> Entity | None:
    """The entity a public id names (its external id, or ``wb:`` + uid)."""
    row = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE external_id = ?", (kb_id,)
    ).fetchone()
    if row is None and kb_id.startswith(UID_PREFIX):
        row = conn.execute(
            f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE uid = ?", (kb_id[len(UID_PREFIX) :],)
        ).fetchone()
    return None if row is None else Entity(*row)


def insert_entity(conn: sqlite3.Connection, e: Entity) -> int:
    """Insert ``e`` (under its id and uid when it has them); returns its id."""
    cur = conn.execute(
        "INSERT INTO entities (id, type, name, external_id, note, uid, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (e.id or None, e.type, e.name, e.external_id, e.note, e.uid or new_uid(), now()),
    )
    return int(cur.lastrowid or 0)


def update_entity(conn: sqlite3.Connection, e: Entity) -> None:
    conn.execute(
        "UPDATE entities SET type = ?, name = ?, external_id = ?, note = ? WHERE id = ?",
        (e.type, e.name, e.external_id, e.note, e.id),
    )


def delete_entity(conn: sqlite3.Connection, entity_id: int) -> None:
    conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))


# -- aliases -------------------------------------------------------------------------
def aliases_of(conn: sqlite3.Connection, entity_id: int) -> list[Alias]:
    rows = conn.execute(
        "SELECT id, entity_id, alias, lang FROM entity_aliases WHERE entity_id = ? ORDER BY id",
        (entity_id,),
    ).fetchall()
    return [Alias(*row) for row in rows]


def aliases_by_entity(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[Alias]]:
    out: dict[int, list[Alias]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT id, entity_id, alias, lang FROM entity_aliases"
            f" WHERE entity_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            out[row[1]].append(Alias(*row))
    return out


def insert_alias(conn: sqlite3.Connection, a: Alias) -> int | None:
    """Insert ``a``; None if the entity already has that alias."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO entity_aliases (id, entity_id, alias, lang, key)"
        " VALUES (?, ?, ?, ?, ?)",
        (a.id or None, a.entity_id, a.alias, a.lang, phrase_key(a.alias)),
    )
    return int(cur.lastrowid or 0) if cur.rowcount else None


def delete_alias(conn: sqlite3.Connection, alias_id: int) -> None:
    conn.execute("DELETE FROM entity_aliases WHERE id = ?", (alias_id,))


# -- mentions -------------------------------------------------------------------------
def mention_ids_of(conn: sqlite3.Connection, entity_id: int) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM mentions WHERE entity_id = ? ORDER BY id", (entity_id,)
        )
    ]


def link_mentions(
    conn: sqlite3.Connection, mention_ids: Iterable[int], entity_id: int | None
) -> None:
    conn.executemany(
        "UPDATE mentions SET entity_id = ?, kb_id = NULL WHERE id = ?",
        [(entity_id, m) for m in mention_ids],
    )


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A line of the entity list: the entity and how much of the project names it."""

    entity: Entity
    mentions: int
    documents: int


def list_entities(
    conn: sqlite3.Connection, *, type: str | None = None, name: str = "", limit: int = -1
) -> list[EntityRow]:
    """Entities by preferred name; ``name`` matches any alias by normalized substring."""
    where, params = ["1"], []
    if type:
        where.append("e.type = ?")
        params.append(type)
    if name.strip():
        where.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE instr(key, ?) > 0)")
        params.append(phrase_key(name))
    rows = conn.execute(
        f"SELECT e.id, e.type, e.name, e.external_id, e.note, e.uid,"
        " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id),"
        " (SELECT count(DISTINCT document_id) FROM mentions m WHERE m.entity_id = e.id)"
        f" FROM entities e WHERE {' AND '.join(where)} ORDER BY e.name, e.id LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [EntityRow(Entity(*r[:6]), r[6], r[7]) for r in rows]


def mentions_of_entity(
    conn: sqlite3.Connection, entity_id: int
) -> list[tuple[int, int, str, int, int, str]]:
    """(mention id, document id, source, start, end, text) of every mention of an entity."""
    return conn.execute(
        'SELECT m.id, m.document_id, d.source, m.start, m."end",'
        ' substr(d.text, m.start + 1, m."end" - m.start)'
        " FROM mentions m JOIN documents d ON d.id = m.document_id"
        " WHERE m.entity_id = ? ORDER BY m.document_id, m.start",
        (entity_id,),
    ).fetchall()


def adopt_kb_ids(conn: sqlite3.Connection, doc_ids: Sequence[int] | None) -> int:
    """Move free-text ``kb_id`` values of mentions into entities; returns how many moved.

    Each value names the entity with that public id (:func:`find_entity`), or a new one
    (the first mention's label as type and text as name; the value as external id, or
    as uid for a ``wb:`` id from another project). The mention's text becomes an alias.
    ``doc_ids`` limits it to those documents (an import); None means every document.
    """
    query = (
        'SELECT m.id, m.kb_id, m.label, substr(d.text, m.start + 1, m."end" - m.start), d.lang'
        " FROM mentions m JOIN documents d ON d.id = m.document_id"
        " WHERE m.kb_id IS NOT NULL AND m.entity_id IS NULL"
    )
    if doc_ids is None:
        rows = conn.execute(query + " ORDER BY m.id").fetchall()
    else:
        rows = []
        for i in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            rows += conn.execute(query + f" AND m.document_id IN ({marks})", chunk).fetchall()
    for mention_id, kb_id, label, text, lang in rows:
        value = kb_id.strip()
        entity = find_entity(conn, value) if value else None
        if value and entity is None:
            own_uid = value.startswith(UID_PREFIX)
            entity = Entity(
                0,
                label,
                text.strip() or value,
                None if own_uid else value,
                uid=value[len(UID_PREFIX) :] if own_uid else "",
            )
            entity = Entity(
                insert_entity(conn, entity), entity.type, entity.name, entity.external_id
            )
        if entity is not None and text.strip():
            insert_alias(conn, Alias(0, entity.id, text.strip(), lang))
        conn.execute(
            "UPDATE mentions SET entity_id = ?, kb_id = NULL WHERE id = ?",
            (entity.id if entity else None, mention_id),
        )
    return len(rows)


def kb_names(conn: sqlite3.Connection, entity_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(public id, preferred name) of each entity, for exports."""
    return {i: (public_id(e), e.name) for i, e in entities_by_ids(conn, entity_ids).items()}
