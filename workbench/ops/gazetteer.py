"""The knowledge base as a JSONL gazetteer shared between projects.

One entity per line: ``{"uid", "type", "name", "external_id", "note", "aliases":
[{"alias", "lang"}]}``. Importing matches each line to an entity of the project by
uid, then by external id; a match gains the aliases it lacks, anything else becomes a
new entity under the line's uid (so a second import, or an export of a project that
imported it, names the same entity). Mentions are not part of a gazetteer.

Aliases go in through sqlite-utils' ``insert_all`` (batched, ``INSERT OR IGNORE``) inside
the project's own transaction: sqlite-utils 4 nests in a running transaction with a
savepoint instead of committing it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.core.model import Entity
from workbench.errors import KnownError
from workbench.storage import entities as store
from workbench.storage.project import Project
from workbench.text.normalize import phrase_key


def entity_records(project: Project) -> Iterator[dict[str, Any]]:
    conn = project.conn
    rows = store.list_entities(conn)
    aliases = store.aliases_by_entity(conn, [r.entity.id for r in rows])
    for row in rows:
        e = row.entity
        yield {
            "uid": e.uid,
            "kb_id": store.public_id(e),
            "type": e.type,
            "name": e.name,
            "external_id": e.external_id,
            "note": e.note,
            "aliases": [{"alias": a.alias, "lang": a.lang} for a in aliases[e.id]],
            "mentions": row.mentions,
        }


def export_gazetteer(project: Project, target: Path) -> int:
    """Write every entity to ``target`` (atomically); returns how many."""
    from workbench.ops.exporting import write_atomically

    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in entity_records(project)]
    write_atomically(target, "".join(lines))
    return len(lines)


@dataclass
class GazetteerReport:
    created: int = 0
    matched: int = 0
    aliases: int = 0


def _str(value: object, what: str, line: int, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnownError(f"line {line}: {what} must be a non-empty string")
    return value.strip()


def import_gazetteer(project: Project, source: Path) -> GazetteerReport:
    """Read a gazetteer into the project, in one transaction (all lines or none)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KnownError(f"{source}: cannot read the gazetteer ({exc})") from None
    report = GazetteerReport()
    with project.transaction() as conn:
        db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        alias_rows: list[dict[str, Any]] = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KnownError(f"{source}: line {number}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise KnownError(f"{source}: line {number}: must be an object")
            name = str(_str(obj.get("name"), "name", number))
            external = _str(obj.get("external_id"), "external_id", number, optional=True)
            uid = _str(obj.get("uid"), "uid", number, optional=True)
            found = (store.find_entity(conn, store.UID_PREFIX + uid) if uid else None) or (
                store.find_entity(conn, external) if external else None
            )
            if found is None:
                entity = Entity(
                    0,
                    str(_str(obj.get("type"), "type", number)),
                    name,
                    external,
                    str(obj.get("note") or ""),
                    uid or store.new_uid(),
                )
                entity_id = store.insert_entity(conn, entity)
                report.created += 1
            else:
                entity_id = found.id
                report.matched += 1
            names: list[tuple[str, str | None]] = [(name, None)]
            for a in obj.get("aliases") or []:
                if not isinstance(a, dict):
                    raise KnownError(f"{source}: line {number}: each alias must be an object")
                alias = str(_str(a.get("alias"), "alias", number))
                names.append((alias, _str(a.get("lang"), "lang", number, optional=True)))
            alias_rows += [
                {"entity_id": entity_id, "alias": n, "lang": lang, "key": phrase_key(n)}
                for n, lang in names
            ]
        before = conn.execute("SELECT count(*) FROM entity_aliases").fetchone()[0]
        db.table("entity_aliases").insert_all(alias_rows, ignore=True, batch_size=500)
        report.aliases = conn.execute("SELECT count(*) FROM entity_aliases").fetchone()[0] - before
    return report
