"""doccano's JSONL, both ways: sequence labelling and relation mode.

doccano counts offsets in UTF-16 code units (its annotation widget measures JavaScript
strings, where an emoji is two) unless a project is set to count grapheme clusters;
code points are ours. So offsets are converted on the way out and in, in the unit the
user names (``utf16`` unless told otherwise), instead of shifting every span after an
emoji. Sequence labelling is ``{"text", "label": [[start, end, label], ...]}`` (label
items may also be ``{"start_offset", "end_offset", "label"}``); relation mode is
``{"text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"from_id", "to_id", "type"}]}``. Events travel in relation mode: the
trigger is an entity labelled with the event type and each argument a relation from
it, typed with the role; on the way in, an entity that relations start from is read as
an event trigger.
"""

from __future__ import annotations

from typing import Any

from workbench.core.model import Document
from workbench.io.fields import LineError, SpanChecker, int_field, list_field, str_field
from workbench.io.losses import Losses, count_uncarried, overlapping
from workbench.io.offsets import OffsetError, UnitScale
from workbench.io.records import ImportRecord, RecordEvent, RecordMention


def is_relation_mode(obj: dict[str, Any]) -> bool:
    if "relations" in obj:
        return True
    entities = obj.get("entities")
    return (
        isinstance(entities, list)
        and bool(entities)
        and isinstance(entities[0], dict)
        and "start_offset" in entities[0]
    )


# -- reading -------------------------------------------------------------------------
def parse_sequence(obj: dict[str, Any], spans: SpanChecker, source: str) -> ImportRecord:
    rec = ImportRecord(source=source, text=spans.text)
    key = "label" if "label" in obj else "labels"
    for i, item in enumerate(list_field(obj, key), 1):
        what = f"{key} item {i}"
        if isinstance(item, dict):
            start, end = spans.fields(item, ("start_offset", "end_offset"), what)
            label = item.get("label")
        elif isinstance(item, list) and len(item) == 3:
            start, end = spans.span(
                int_field(item[0], f"{what} start"), int_field(item[1], f"{what} end"), what
            )
            label = item[2]
        else:
            raise LineError(
                f"{what} must be [start, end, label] or "
                '{"start_offset": ..., "end_offset": ..., "label": ...}'
            )
        rec.mentions.append(
            RecordMention(f"T{i}", start, end, str(str_field(label, f"{what} label")))
        )
    return rec


def parse_relations(obj: dict[str, Any], spans: SpanChecker, source: str) -> ImportRecord:
    rec = ImportRecord(source=source, text=spans.text)
    entities: dict[str, tuple[int, int, str]] = {}
    order: list[str] = []
    for i, ent in enumerate(list_field(obj, "entities"), 1):
        if not isinstance(ent, dict):
            raise LineError(f"entity {i} must be an object")
        start, end = spans.fields(ent, ("start_offset", "end_offset"), f"entity {i}")
        key = str(ent.get("id", f"#{i}"))
        if key in entities:
            raise LineError(f"entity id {key} appears twice")
        entities[key] = (start, end, str(str_field(ent.get("label"), f"entity {i} label")))
        order.append(key)
    arguments: dict[str, list[tuple[str, str]]] = {}
    for i, rel in enumerate(list_field(obj, "relations"), 1):
        if not isinstance(rel, dict):
            raise LineError(f"relation {i} must be an object")
        source_key, target = str(rel.get("from_id")), str(rel.get("to_id"))
        if source_key not in entities or target not in entities:
            raise LineError(f"relation {i} does not join two entity ids of this line")
        role = str(str_field(rel.get("type"), f"relation {i} type"))
        arguments.setdefault(source_key, []).append((role, target))
    for args in arguments.values():
        for role, target in args:
            if target in arguments:
                raise LineError(
                    f"a {role!r} relation ends at entity {target}, which relations also start "
                    "from (an event); events as event arguments are not supported"
                )
    for key in order:
        start, end, label = entities[key]
        if key not in arguments:
            rec.mentions.append(RecordMention(key, start, end, label))
    for key in order:
        if key in arguments:
            start, end, label = entities[key]
            rec.events.append(RecordEvent(f"E{key}", label, start, end, arguments[key]))
    return rec


# -- writing -------------------------------------------------------------------------
def _offsets(scale: UnitScale, start: int, end: int, losses: Losses) -> tuple[int, int]:
    try:
        return scale.to_units(start), scale.to_units(end)
    except OffsetError:
        losses.change("span edges inside a grapheme cluster, widened to the whole cluster")
        return scale.widen(start, end)


def to_sequence(doc: Document, losses: Losses, unit: str) -> dict[str, Any]:
    scale = UnitScale(doc.text, unit)
    count_uncarried(
        doc, losses, events=True, kb_ids=True, annotators=True, translations=True, status=True
    )
    losses.change(
        "overlapping mentions (doccano shows them only in a project allowing overlaps)",
        overlapping(doc),
    )
    return {
        "id": doc.id,
        "text": doc.text,
        "label": [[*_offsets(scale, m.start, m.end, losses), m.label] for m in doc.mentions],
    }


def to_relations(doc: Document, losses: Losses, unit: str) -> dict[str, Any]:
    scale = UnitScale(doc.text, unit)
    count_uncarried(doc, losses, kb_ids=True, annotators=True, translations=True, status=True)
    losses.change(
        "overlapping mentions (doccano shows them only in a project allowing overlaps)",
        overlapping(doc),
    )
    entities = []
    ids: dict[int, int] = {}
    for n, m in enumerate(doc.mentions, 1):
        ids[m.id] = n
        start, end = _offsets(scale, m.start, m.end, losses)
        entities.append({"id": n, "label": m.label, "start_offset": start, "end_offset": end})
    relations: list[dict[str, Any]] = []
    for e in doc.events:
        trigger = len(entities) + 1
        start, end = _offsets(scale, e.trigger_start, e.trigger_end, losses)
        entities.append({"id": trigger, "label": e.type, "start_offset": start, "end_offset": end})
        if not e.arguments:
            losses.change("events without arguments (read back as plain entities)")
        for a in e.arguments:
            relations.append(
                {
                    "id": len(relations) + 1,
                    "from_id": trigger,
                    "to_id": ids[a.mention_id],
                    "type": a.role,
                }
            )
    return {"id": doc.id, "text": doc.text, "entities": entities, "relations": relations}
