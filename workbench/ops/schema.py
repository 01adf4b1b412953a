"""Changing a project's label schema: presets, and adding, renaming, recolouring, re-keying
and removing single labels.

Like :mod:`workbench.ops.annotating`, each function is one transaction and returns what
an undo needs (the old value, or a small record of the change), so the schema editor in
the GUI and the ``schema`` command change labels the same way. Existing annotations are
never orphaned: renaming renames them too, removing refuses while any use the label, and
applying a preset keeps every label that annotations carry.

A preset is a JSON file in ``workbench/resources/schemas`` (or any path ending in ``.json``)::

    {"format": 1, "title": "ACE 2005", "description": "...",
     "entities": [{"name": "PER", "color": "#e15759", "shortcut": "p"}, ...],
     "events": [{"name": "Contact.Meet", "color": "#2fc6a0", "shortcut": null,
                 "roles": ["Entity", "Time", {"name": "Place", "color": "#888888"}]}, ...]}

``shortcut`` is optional everywhere; a role is a name (drawn in its event's colour) or an
object with ``name`` and optional ``color`` and ``shortcut``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.core.model import Label, Schema
from workbench.errors import KnownError
from workbench.resources import resources_dir
from workbench.storage import annotations as store
from workbench.storage import labels as store_labels
from workbench.storage.project import Project

PRESET_DIR = resources_dir() / "schemas"
DEFAULT_PRESET = "ace2005"
PRESET_FORMAT = 1
KINDS = ("entity", "event", "role")
_KIND_WORDS = {"entity": "entity type", "event": "event type", "role": "role"}
_USE_WORDS = {"entity": "mention", "event": "event", "role": "argument"}
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
# Labels that annotations carry but a preset lacks get these, in turn (no colour known).
_FALLBACK_COLORS = ("#8c8c8c", "#a67c52", "#6b8e23", "#b05f9a", "#4682b4")


# -- presets -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PresetInfo:
    name: str
    title: str
    description: str
    path: Path


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.json"))


def _preset_path(name: str) -> Path:
    if name.lower().endswith(".json"):
        path = Path(name)
        if not path.is_file():
            raise KnownError(f"{name}: no such schema file")
        return path
    path = PRESET_DIR / f"{name.strip().lower()}.json"
    if not path.is_file():
        raise KnownError(f"no preset {name!r}; the presets are {', '.join(preset_names())}")
    return path


def _read_preset(name: str) -> tuple[Path, dict[str, Any]]:
    path = _preset_path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnownError(f"{path}: cannot read the schema file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise KnownError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise KnownError(f"{path}: a schema file holds one JSON object")
    if data.get("format", PRESET_FORMAT) != PRESET_FORMAT:
        raise KnownError(f"{path}: schema format {data.get('format')!r} is not supported")
    return path, data


def preset_info(name: str) -> PresetInfo:
    path, data = _read_preset(name)
    return PresetInfo(
        path.stem, str(data.get("title") or path.stem), str(data.get("description") or ""), path
    )


def load_preset(name: str) -> Schema:
    """The schema of preset ``name`` (or of a ``.json`` file), checked like any schema."""
    path, data = _read_preset(name)
    try:
        return check_schema(schema_from_json(data))
    except KnownError as exc:
        raise KnownError(f"{path}: {exc}") from None


def schema_from_json(data: dict[str, Any]) -> Schema:
    def item(obj: Any, kind: str, parent: str = "", color: str | None = None) -> Label:
        if isinstance(obj, str) and kind == "role":
            obj = {"name": obj}
        if not isinstance(obj, dict) or not isinstance(obj.get("name"), str):
            raise KnownError(f"each {_KIND_WORDS[kind]} needs a name: {obj!r}")
        return Label(
            kind, obj["name"], obj.get("color") or color or "", obj.get("shortcut"), parent
        )

    entities = [item(x, "entity") for x in data.get("entities") or []]
    events, roles = [], []
    for obj in data.get("events") or []:
        event = item(obj, "event")
        events.append(event)
        roles += [item(r, "role", event.name, event.color) for r in obj.get("roles") or []]
    return Schema(tuple(entities), tuple(events), tuple(roles))


def schema_to_json(schema: Schema, title: str = "", description: str = "") -> dict[str, Any]:
    """The preset shape of ``schema``: what `workbench schema --json` prints."""

    def entry(x: Label) -> dict[str, Any]:
        return {"name": x.name, "color": x.color, "shortcut": x.shortcut}

    def role(r: Label, event: Label) -> str | dict[str, Any]:
        return r.name if r.color == event.color and not r.shortcut else entry(r)

    events = [
        {**entry(e), "roles": [role(r, e) for r in schema.roles_of(e.name)]} for e in schema.events
    ]
    entities = [entry(e) for e in schema.entities]
    head = {"format": PRESET_FORMAT, "title": title, "description": description}
    return {**head, "entities": entities, "events": events}


# -- checks ------------------------------------------------------------------------
def normalize_color(color: str) -> str:
    """``#rrggbb`` in lower case; ``#rgb`` is accepted and expanded."""
    text = color.strip() if isinstance(color, str) else ""
    if not _COLOR.fullmatch(text):
        raise KnownError(f"colour {color!r} is not of the form #rrggbb")
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def check_shortcut(key: str | None) -> str | None:
    """One printable key (a letter, digit, punctuation or symbol), or None for no key."""
    if key is None or key == "":
        return None
    # Marks, spaces and controls cannot be typed as one key press the window can show.
    if not isinstance(key, str) or len(key) != 1 or unicodedata.category(key)[0] not in "LNPS":
        raise KnownError(f"shortcut {key!r} must be a single printable key")
    return key


def _check_name(name: str, kind: str) -> str:
    if kind not in KINDS:
        raise KnownError(f"label kind must be one of {', '.join(KINDS)}, not {kind!r}")
    text = (name or "").strip()
    if not text or any(unicodedata.category(c)[0] == "C" for c in text):
        raise KnownError(f"{_KIND_WORDS[kind]} name {name!r} is empty or has control characters")
    return text


def _clean(label: Label) -> Label:
    return replace(
        label,
        name=_check_name(label.name, label.kind),
        color=normalize_color(label.color),
        shortcut=check_shortcut(label.shortcut),
        parent=label.parent.strip() if label.kind == "role" else "",
    )


def _key_scope(label: Label) -> str | None:
    # Entity and event keys share the document view; a role's key is pressed only in
    # the role picker of its own event type, so it need only be unique there.
    return label.parent if label.kind == "role" else None


def _refuse_clash(labels: list[Label], label: Label) -> None:
    def key(x: Label) -> tuple[str, str | None]:
        # Case-insensitive: with Caps Lock or Shift the window cannot tell "p" from "P".
        return (x.shortcut or "").casefold(), _key_scope(x)

    me = (label.kind, label.name)
    for x in labels:
        if label.shortcut and x.shortcut and key(x) == key(label) and (x.kind, x.name) != me:
            raise KnownError(f"shortcut {label.shortcut!r} of {label.name} is taken by {x.name}")


def _all(schema: Schema) -> list[Label]:
    return [*schema.entities, *schema.events, *schema.roles]


def _schema_of(labels: list[Label]) -> Schema:
    return Schema(*(tuple(x for x in labels if x.kind == kind) for kind in KINDS))


def check_schema(schema: Schema) -> Schema:
    """A cleaned copy of ``schema``, or a KnownError naming the first problem."""
    seen: set[tuple[str, str, str]] = set()
    cleaned: list[Label] = []
    event_names = {e.name.strip() for e in schema.events}
    for label in _all(schema):
        label = _clean(label)
        where = f" of {label.parent}" if label.kind == "role" else ""
        if (label.kind, label.parent, label.name) in seen:
            raise KnownError(f"{_KIND_WORDS[label.kind]} {label.name!r}{where} appears twice")
        if label.kind == "role" and label.parent not in event_names:
            raise KnownError(f"role {label.name!r} belongs to no event type {label.parent!r}")
        _refuse_clash(cleaned, label)
        seen.add((label.kind, label.parent, label.name))
        cleaned.append(label)
    return _schema_of(cleaned)


# -- whole schemas -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SchemaReplaced:
    """A schema change as a whole; undo with ``restore_schema(project, change.before)``."""

    before: Schema
    after: Schema
    kept: tuple[Label, ...] = ()  # labels in use that the new schema lacked, added back


def get_schema(project: Project) -> Schema:
    return store.load_schema(project.conn)


def replace_schema(project: Project, schema: Schema) -> SchemaReplaced:
    """Store ``schema`` in place of the current one, keeping every label still in use."""
    schema = check_schema(schema)
    with project.transaction() as conn:
        before = store.load_schema(conn)
        after, kept = _keep_used(conn, schema, before)
        store.replace_schema(conn, after)
    return SchemaReplaced(before, after, kept)


def restore_schema(project: Project, schema: Schema) -> None:
    """Store ``schema`` exactly as it was (the undo of a replacement; nothing is added)."""
    with project.transaction() as conn:
        store.replace_schema(conn, schema)


def _keep_used(
    conn: sqlite3.Connection, schema: Schema, before: Schema
) -> tuple[Schema, tuple[Label, ...]]:
    present = {(x.kind, x.parent, x.name) for x in _all(schema)}
    old = {(x.kind, x.parent, x.name): x for x in _all(before)}
    labels = _all(schema)
    kept: list[Label] = []
    for kind, parent, name in sorted(store_labels.usage_counts(conn)):
        if (kind, parent, name) in present:
            continue
        label = old.get((kind, parent, name)) or Label(
            kind, name, _FALLBACK_COLORS[len(kept) % len(_FALLBACK_COLORS)], None, parent
        )
        try:
            _refuse_clash(labels, label)
        except KnownError:
            label = replace(label, shortcut=None)
        labels.append(label)
        kept.append(label)
    return _schema_of(labels), tuple(kept)


def apply_preset(project: Project, name: str) -> SchemaReplaced:
    """Replace the schema with preset ``name``; labels annotations use are kept (``kept``)."""
    return replace_schema(project, load_preset(name))


def ensure_default_schema(project: Project) -> SchemaReplaced | None:
    """Give a project without labels the ACE 2005 preset; None if it had labels."""
    with project.transaction() as conn:
        if store_labels.label_count(conn):
            return None
        return apply_preset(project, DEFAULT_PRESET)


# -- single labels -----------------------------------------------------------------
def _existing(conn: sqlite3.Connection, kind: str, name: str, parent: str) -> Label:
    label = store_labels.get_label(conn, kind, name, parent if kind == "role" else "")
    if label is None:
        where = f" of {parent}" if kind == "role" else ""
        raise KnownError(f"no {_KIND_WORDS.get(kind, kind)} {name!r}{where} in the schema")
    return label


def add_label(project: Project, label: Label) -> Label:
    """Add ``label`` at the end of the schema; returns it as stored (undo: remove_label)."""
    label = _clean(label)
    with project.transaction() as conn:
        if store_labels.get_label(conn, label.kind, label.name, label.parent) is not None:
            raise KnownError(f"{_KIND_WORDS[label.kind]} {label.name!r} is already in the schema")
        if label.kind == "role":
            _existing(conn, "event", label.parent, "")
        _refuse_clash(_all(store.load_schema(conn)), label)
        store_labels.insert_label(conn, label, store_labels.next_position(conn))
    return label


@dataclass(frozen=True, slots=True)
class LabelRenamed:
    """Undo with ``rename_label(project, kind, new, old, parent)``."""

    kind: str
    old: str
    new: str
    parent: str
    annotations: int  # how many mentions, events or arguments were renamed with it


def rename_label(project: Project, kind: str, old: str, new: str, parent: str = "") -> LabelRenamed:
    """Rename a label and every annotation carrying it."""
    new = _check_name(new, kind)
    parent = parent if kind == "role" else ""
    with project.transaction() as conn:
        label = _existing(conn, kind, old, parent)
        if new == label.name:
            return LabelRenamed(kind, old, new, parent, 0)
        if store_labels.get_label(conn, kind, new, parent) is not None:
            raise KnownError(f"{_KIND_WORDS[kind]} {new!r} is already in the schema")
        taken = store_labels.usage(conn, kind, new, parent)
        if taken:
            # Merging two labels could not be undone by renaming back.
            raise KnownError(
                f"{taken} {_USE_WORDS[kind]}(s) already carry {new!r}; "
                "rename them first or choose another name"
            )
        count = store_labels.usage(conn, kind, old, parent)
        store.rename_label(conn, kind, old, new, parent)
    return LabelRenamed(kind, old, new, parent, count)


def recolour(project: Project, kind: str, name: str, color: str, parent: str = "") -> str:
    """Set a label's colour; returns the old one."""
    color = normalize_color(color)
    with project.transaction() as conn:
        label = _existing(conn, kind, name, parent)
        store_labels.set_color(conn, label, color)
    return label.color


def rekey(
    project: Project, kind: str, name: str, shortcut: str | None, parent: str = ""
) -> str | None:
    """Set (or with None clear) a label's shortcut; returns the old one."""
    shortcut = check_shortcut(shortcut)
    with project.transaction() as conn:
        label = _existing(conn, kind, name, parent)
        _refuse_clash(_all(store.load_schema(conn)), replace(label, shortcut=shortcut))
        store_labels.set_shortcut(conn, label, shortcut)
    return label.shortcut


@dataclass(frozen=True, slots=True)
class LabelsRemoved:
    """Removed labels with their palette positions; undo with ``restore_labels``."""

    labels: tuple[tuple[Label, int], ...]


def remove_label(project: Project, kind: str, name: str, parent: str = "") -> LabelsRemoved:
    """Remove an unused label (an event type takes its roles with it)."""
    with project.transaction() as conn:
        label = _existing(conn, kind, name, parent)
        used = store_labels.usage(conn, label.kind, label.name, label.parent)
        if used:
            raise KnownError(
                f"{used} {_USE_WORDS[kind]}(s) use {_KIND_WORDS[kind]} {label.name!r}; "
                "delete or relabel them first"
            )
        doomed = [label]
        if kind == "event":
            doomed += store.load_schema(conn).roles_of(label.name)
        removed = tuple((x, store_labels.position_of(conn, x)) for x in doomed)
        for x in doomed:
            store_labels.delete_label(conn, x.kind, x.name, x.parent)
    return LabelsRemoved(removed)


def restore_labels(project: Project, removed: LabelsRemoved) -> None:
    with project.transaction() as conn:
        for label, position in removed.labels:
            store_labels.insert_label(conn, label, position)
