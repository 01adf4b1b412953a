"""brat standoff export: a ``.txt`` and an ``.ann`` per document, and the configuration.

The plain format that keeps events, read by brat and by INCEpTION. A mention is a
text-bound ``T`` line (``T1<TAB>PER 17 22<TAB>ترامپ``), an event a ``T`` line for its
trigger and an ``E`` line naming its type, trigger and role-labelled arguments
(``E1<TAB>Contact_Meet:T3 Entity:T1 Entity2:T2``: a role filled twice is numbered, as
brat does), a knowledge-base id an ``N`` line (``N1<TAB>Reference T2 KB:Q7747<TAB>…``).
Offsets are code points into the ``.txt``, which is our canonical text byte for byte.

brat stores type names as ``[A-Za-z0-9_-]`` only, so ``Contact.Meet`` is written
``Contact_Meet``; ``annotation.conf`` lists every type with its roles, ``visual.conf``
shows the original names and colours, and a comment line in ``annotation.conf``
records each renaming so that our import gives the original names back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.core.model import Document, Schema
from workbench.io.losses import Losses, count_uncarried

NAME_MAP_MARK = "# workbench-label"
_NOT_STORAGE = re.compile(r"[^A-Za-z0-9_-]")
_NOT_FILE = re.compile(r"[^\w.\-]", re.UNICODE)
KB_PREFIX = "KB:"


def storage_names(labels: Iterable[str]) -> dict[str, str]:
    """A brat storage form for each label, distinct for distinct labels."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for label in labels:
        if label in names:
            continue
        base = _NOT_STORAGE.sub("_", label) or "_"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        names[label] = name
        taken.add(name)
    return names


def file_stem(source: str, taken: set[str]) -> str:
    """A file name stem for a document, from its source, distinct among ``taken``."""
    stem = source[:-4] if source.lower().endswith(".txt") else source
    stem = _NOT_FILE.sub("_", stem).strip(".") or "document"
    name, n = stem, 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name.lower())
    return name


def kb_reference(kb_id: str) -> str:
    """``db:id`` for an N line: ids without a database get ``KB:``, undone on import."""
    db, sep, _ = kb_id.partition(":")
    if sep and db and not kb_id.startswith(KB_PREFIX):
        return kb_id
    return KB_PREFIX + kb_id


def kb_id_of(reference: str) -> str:
    return reference[len(KB_PREFIX) :] if reference.startswith(KB_PREFIX) else reference


def _fragments(text: str, start: int, end: int) -> str:
    """``start end``, or fragments ``s e;s e`` around line breaks (as brat writes them)."""
    parts = []
    pos = start
    for piece in text[start:end].split("\n"):
        if piece:
            parts.append(f"{pos} {pos + len(piece)}")
        pos += len(piece) + 1
    return ";".join(parts) or f"{start} {end}"


def _shown(text: str) -> str:
    return " ".join(text.split("\n"))


def to_brat(doc: Document, names: dict[str, str], losses: Losses) -> str:
    """The ``.ann`` of ``doc``; its ``.txt`` is ``doc.text`` unchanged."""
    text = doc.text
    count_uncarried(doc, losses, annotators=True, translations=True, status=True)
    lines: list[str] = []
    keys: dict[int, str] = {}
    for n, m in enumerate(doc.mentions, 1):
        keys[m.id] = f"T{n}"
        span = _fragments(text, m.start, m.end)
        lines.append(f"T{n}\t{names[m.label]} {span}\t{_shown(text[m.start : m.end])}")
    triggers: dict[tuple[str, int, int], str] = {}
    events: list[str] = []
    for k, e in enumerate(doc.events, 1):
        where = (e.type, e.trigger_start, e.trigger_end)
        if where not in triggers:
            triggers[where] = f"T{len(doc.mentions) + len(triggers) + 1}"
            span = _fragments(text, e.trigger_start, e.trigger_end)
            trig = _shown(text[e.trigger_start : e.trigger_end])
            lines.append(f"{triggers[where]}\t{names[e.type]} {span}\t{trig}")
        seen: dict[str, int] = {}
        args = []
        for a in e.arguments:
            role = names[a.role]
            seen[role] = seen.get(role, 0) + 1
            suffix = str(seen[role]) if seen[role] > 1 else ""
            args.append(f"{role}{suffix}:{keys[a.mention_id]}")
        events.append(" ".join([f"E{k}\t{names[e.type]}:{triggers[where]}", *args]))
    lines.extend(events)
    n = 0
    for m in doc.mentions:
        if not m.kb_id:
            continue
        if any(ch.isspace() for ch in m.kb_id):
            losses.drop("knowledge-base ids containing spaces")
            continue
        n += 1
        ref = kb_reference(m.kb_id)
        lines.append(f"N{n}\tReference {keys[m.id]} {ref}\t{_shown(text[m.start : m.end])}")
    return "".join(line + "\n" for line in lines)


def annotation_conf(
    schema: Schema, names: dict[str, str], used: Iterable[tuple[str, str, str]]
) -> str:
    """brat's ``annotation.conf``: entity types, event types with their roles.

    ``used`` is (kind, parent, name) of every label annotations carry, so types and
    roles missing from the schema are declared too.
    """
    entities = [x.name for x in schema.entities]
    events = [x.name for x in schema.events]
    roles: dict[str, list[str]] = {}
    for r in schema.roles:
        roles.setdefault(r.parent, []).append(r.name)
    for kind, parent, name in used:
        if kind == "entity" and name not in entities:
            entities.append(name)
        elif kind == "event" and name not in events:
            events.append(name)
        elif kind == "role" and name not in roles.setdefault(parent, []):
            roles[parent].append(name)
    targets = "|".join(names[e] for e in entities) or "<ENTITY>"
    out = [
        "# Written by the workbench from the project's label schema.",
        *(f"{NAME_MAP_MARK}\t{names[x]}\t{x}" for x in names if names[x] != x),
        "[entities]",
        *(names[e] for e in entities),
        "[relations]",
        "[events]",
    ]
    for ev in events:
        args = ", ".join(f"{names[r]}*:{targets}" for r in roles.get(ev, []))
        out.append(f"{names[ev]}\t{args}" if args else names[ev])
    out += ["[attributes]", ""]
    return "\n".join(out)


def visual_conf(names: dict[str, str], colors: dict[str, str]) -> str:
    """brat's ``visual.conf``: the original names as labels, and the schema's colours."""
    out = ["[labels]"]
    out += [f"{names[x]} | {x}" for x in names]
    out += ["[drawing]", "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken"]
    out += ["ARC_DEFAULT\tcolor:black, arrowHead:triangle-5"]
    out += [f"{names[x]}\tbgColor:{c}" for x, c in colors.items() if x in names]
    return "\n".join(out) + "\n"
