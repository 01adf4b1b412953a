"""Changing the project knowledge base: entities, aliases, links, merges and splits.

Each function is one transaction and returns what an undo needs; the inverse takes that
value back. As in :mod:`workbench.ops.annotating`, an inverse first checks that the
rows are still as the change left them and raises :class:`StaleChange` (writing
nothing) if another program changed them since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from workbench.core.model import Alias, Entity
from workbench.errors import KnownError
from workbench.ops.annotating import StaleChange
from workbench.storage import entities as store
from workbench.storage.project import Project
from workbench.text.normalize import phrase_key


def _stale(what: str) -> StaleChange:
    return StaleChange(
        f"cannot undo or redo this step: {what} was changed by another program since; "
        "nothing was written"
    )


def _entity(conn: sqlite3.Connection, entity_id: int, expected: Entity | None = None) -> Entity:
    found = store.get_entity(conn, entity_id)
    if found is None:
        if expected is not None:
            raise _stale(f"the entity {expected.name!r}")
        raise KnownError(f"no entity with id {entity_id}")
    if expected is not None and found != expected:
        raise _stale(f"the entity {expected.name!r}")
    return found


def _text(value: str, what: str) -> str:
    if not value or not value.strip():
        raise KnownError(f"{what} cannot be empty")
    return value.strip()


def _insert_again(conn: sqlite3.Connection, entity: Entity, aliases: Iterable[Alias]) -> None:
    try:
        store.insert_entity(conn, entity)
        for alias in aliases:
            store.insert_alias(conn, alias)
    except sqlite3.IntegrityError:
        raise _stale(f"the place of the entity {entity.name!r}") from None


# -- entities and aliases ------------------------------------------------------------------
def create_entity(
    project: Project,
    type: str,
    name: str,
    *,
    lang: str | None = None,
    external_id: str | None = None,
    note: str = "",
    aliases: Iterable[tuple[str, str | None]] = (),
) -> Entity:
    """A new entity; its preferred name is also its first alias (in ``lang``)."""
    entity = Entity(
        0,
        _text(type, "an entity's type"),
        _text(name, "an entity's name"),
        (external_id or "").strip() or None,
        note,
        store.new_uid(),
    )
    with project.transaction() as conn:
        if entity.external_id and store.find_entity(conn, entity.external_id):
            raise KnownError(f"another entity already has the external id {entity.external_id}")
        entity = replace(entity, id=store.insert_entity(conn, entity))
        store.insert_alias(conn, Alias(0, entity.id, entity.name, lang))
        for alias, alias_lang in aliases:
            if alias.strip():
                store.insert_alias(conn, Alias(0, entity.id, alias.strip(), alias_lang))
    return entity


@dataclass(frozen=True, slots=True)
class RemovedEntity:
    entity: Entity
    aliases: tuple[Alias, ...]
    mentions: tuple[int, ...]  # the mentions that were linked to it


def delete_entity(
    project: Project, entity_id: int, *, expected: Entity | None = None
) -> RemovedEntity:
    """Delete an entity; its mentions stay, unlinked."""
    with project.transaction() as conn:
        entity = _entity(conn, entity_id, expected)
        removed = RemovedEntity(
            entity,
            tuple(store.aliases_of(conn, entity_id)),
            tuple(store.mention_ids_of(conn, entity_id)),
        )
        store.delete_entity(conn, entity_id)  # mentions: ON DELETE SET NULL
    return removed


def restore_entity(project: Project, removed: RemovedEntity) -> Entity:
    """Bring a deleted entity back under its id and uid, with its aliases and links."""
    with project.transaction() as conn:
        _insert_again(conn, removed.entity, removed.aliases)
        _relink(conn, {m: None for m in removed.mentions}, removed.entity.id)
    return removed.entity


def update_entity(project: Project, new: Entity, *, expected: Entity | None = None) -> Entity:
    """Store a new type, name, external id or note; returns the entity as it was.

    A new preferred name also becomes an alias (the old one stays one)."""
    new = replace(
        new,
        type=_text(new.type, "an entity's type"),
        name=_text(new.name, "an entity's name"),
        external_id=(new.external_id or "").strip() or None,
    )
    with project.transaction() as conn:
        old = _entity(conn, new.id, expected)
        try:
            store.update_entity(conn, new)
        except sqlite3.IntegrityError:
            raise KnownError(
                f"another entity already has the external id {new.external_id}"
            ) from None
        if new.name != old.name:
            store.insert_alias(conn, Alias(0, new.id, new.name, None))
    return old


def add_alias(
    project: Project, entity_id: int, alias: str, lang: str | None = None
) -> Alias | None:
    """Add a name to an entity; None if it already has it (nothing to undo)."""
    with project.transaction() as conn:
        _entity(conn, entity_id)
        added = Alias(0, entity_id, _text(alias, "an alias"), lang)
        alias_id = store.insert_alias(conn, added)
    return None if alias_id is None else replace(added, id=alias_id)


def remove_alias(project: Project, alias: Alias) -> Alias:
    """Remove an alias (as read from the project); returns it for :func:`restore_alias`."""
    with project.transaction() as conn:
        if alias not in store.aliases_of(conn, alias.entity_id):
            raise _stale(f"the alias {alias.alias!r}")
        store.delete_alias(conn, alias.id)
    return alias


def restore_alias(project: Project, alias: Alias) -> Alias:
    with project.transaction() as conn:
        if store.insert_alias(conn, alias) is None:
            raise _stale(f"the alias {alias.alias!r}")
    return alias


# -- links ---------------------------------------------------------------------------------
def _relink(
    conn: sqlite3.Connection, expected: Mapping[int, int | None], entity_id: int | None
) -> dict[int, int | None]:
    ids = list(expected)
    found: dict[int, int | None] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT id, entity_id FROM mentions WHERE id IN ({marks})", chunk)
        )
    if found != dict(expected):
        raise _stale("a mention's link")
    store.link_mentions(conn, ids, entity_id)
    return found


@dataclass(frozen=True, slots=True)
class Relink:
    """What :func:`link_mentions` did, for :func:`restore_links`."""

    before: dict[int, int | None]  # each mention's entity before
    entity_id: int | None
    added_aliases: tuple[Alias, ...]  # names of the mentions the entity did not know


def link_mentions(
    project: Project,
    mention_ids: Sequence[int],
    entity_id: int | None,
    *,
    expected: Mapping[int, int | None] | None = None,
) -> Relink:
    """Link mentions to an entity (None: "not in the knowledge base").

    A mention whose text the entity does not know yet under any alias (compared by
    normalized key) adds it as an alias, in its document's language: linking "ترامب"
    teaches the entity its Arabic name. With ``expected`` (a redo), each mention must
    still be linked as it says.
    """
    with project.transaction() as conn:
        if entity_id is not None:
            _entity(conn, entity_id)
        if expected is None:
            current = _current_links(conn, mention_ids)
            missing = set(mention_ids) - set(current)
            if missing:
                raise KnownError(f"no mention with id {min(missing)}")
            expected = current
        before = _relink(conn, expected, entity_id)
        added: list[Alias] = []
        if entity_id is not None:
            known = {k for (k,) in conn.execute(
                "SELECT key FROM entity_aliases WHERE entity_id = ?", (entity_id,))}  # fmt: skip
            for text, lang in _mention_names(conn, mention_ids):
                if text and phrase_key(text) not in known:
                    known.add(phrase_key(text))
                    alias_id = store.insert_alias(conn, Alias(0, entity_id, text, lang))
                    if alias_id is not None:
                        added.append(Alias(alias_id, entity_id, text, lang))
    return Relink(before, entity_id, tuple(added))


def _mention_names(conn: sqlite3.Connection, mention_ids: Sequence[int]) -> list[tuple[str, str]]:
    out = []
    for m in mention_ids:
        row = conn.execute(
            'SELECT substr(d.text, m.start + 1, m."end" - m.start), d.lang FROM mentions m'
            " JOIN documents d ON d.id = m.document_id WHERE m.id = ?",
            (m,),
        ).fetchone()
        if row is not None:
            out.append((" ".join(row[0].split()), row[1]))
    return out


def _current_links(conn: sqlite3.Connection, mention_ids: Sequence[int]) -> dict[int, int | None]:
    out: dict[int, int | None] = {}
    for m in mention_ids:
        row = conn.execute("SELECT entity_id FROM mentions WHERE id = ?", (m,)).fetchone()
        if row is not None:
            out[m] = row[0]
    return out


def restore_links(project: Project, relink: Relink) -> None:
    """Undo :func:`link_mentions`: each mention back to its entity before (if it is
    still linked as the change left it), the aliases it added removed."""
    with project.transaction() as conn:
        _relink(conn, {m: relink.entity_id for m in relink.before}, relink.entity_id)
        for entity_id in set(relink.before.values()):
            ids = [m for m, e in relink.before.items() if e == entity_id]
            store.link_mentions(conn, ids, entity_id)
        for alias in relink.added_aliases:
            store.delete_alias(conn, alias.id)


# -- merge and split -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Merge:
    """What :func:`merge_entities` did, for :func:`unmerge`."""

    kept_before: Entity
    kept_after: Entity
    gone: RemovedEntity
    added_aliases: tuple[int, ...]


def merge_entities(project: Project, keep_id: int, gone_id: int) -> Merge:
    """Make ``gone_id`` part of ``keep_id``: its mentions and aliases move, it goes."""
    if keep_id == gone_id:
        raise KnownError("an entity cannot be merged into itself")
    with project.transaction() as conn:
        kept = _entity(conn, keep_id)
        gone = _entity(conn, gone_id)
        removed = RemovedEntity(
            gone, tuple(store.aliases_of(conn, gone_id)), tuple(store.mention_ids_of(conn, gone_id))
        )
        store.link_mentions(conn, removed.mentions, keep_id)
        added = [
            store.insert_alias(conn, Alias(0, keep_id, a.alias, a.lang)) for a in removed.aliases
        ]
        store.delete_entity(conn, gone_id)
        after = kept
        if kept.external_id is None and gone.external_id:
            after = replace(kept, external_id=gone.external_id)
            store.update_entity(conn, after)
    return Merge(kept, after, removed, tuple(a for a in added if a is not None))


def unmerge(project: Project, merge: Merge) -> None:
    """Undo :func:`merge_entities`: the merged entity back under its id, with its own."""
    with project.transaction() as conn:
        _entity(conn, merge.kept_after.id, merge.kept_after)
        store.update_entity(conn, merge.kept_before)
        for alias_id in merge.added_aliases:
            store.delete_alias(conn, alias_id)
        _insert_again(conn, merge.gone.entity, merge.gone.aliases)
        _relink(conn, {m: merge.kept_after.id for m in merge.gone.mentions}, merge.gone.entity.id)


@dataclass(frozen=True, slots=True)
class Split:
    """What :func:`split_entity` did, for :func:`unsplit`."""

    source: int
    new: Entity
    moved: tuple[int, ...]


def split_entity(
    project: Project, entity_id: int, mention_ids: Sequence[int], name: str, type: str = ""
) -> Split:
    """Move some mentions of an entity to a new entity called ``name``."""
    if not mention_ids:
        raise KnownError("choose the mentions that belong to the new entity")
    with project.transaction() as conn:
        source = _entity(conn, entity_id)
        links = _current_links(conn, mention_ids)
        if any(links.get(m) != entity_id for m in mention_ids):
            raise KnownError(f"only mentions of {source.name!r} can be split off it")
        new = Entity(
            0, _text(type or source.type, "a type"), _text(name, "a name"), uid=store.new_uid()
        )
        new = replace(new, id=store.insert_entity(conn, new))
        store.insert_alias(conn, Alias(0, new.id, new.name, None))
        store.link_mentions(conn, mention_ids, new.id)
    return Split(entity_id, new, tuple(mention_ids))


def unsplit(project: Project, split: Split) -> None:
    with project.transaction() as conn:
        _entity(conn, split.new.id, split.new)
        _relink(conn, {m: split.new.id for m in split.moved}, split.source)
        store.delete_entity(conn, split.new.id)


def resplit(project: Project, split: Split) -> None:
    """Redo :func:`split_entity` exactly: the same new entity under the same id."""
    with project.transaction() as conn:
        _insert_again(conn, split.new, [Alias(0, split.new.id, split.new.name, None)])
        _relink(conn, {m: split.source for m in split.moved}, split.new.id)
