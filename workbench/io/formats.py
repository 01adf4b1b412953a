"""Turning stored documents into JSONL objects: ours, doccano, spaCy/Prodigy.

Our shape keeps everything (sentences with translations, mentions, events with
role-labelled arguments). Mention and event ids are local to the document (``T1``,
``E1``, in text order), so export, re-import and export again gives identical output.
"""

from __future__ import annotations

from typing import Any

from workbench.core.model import Document

FORMATS = ("workbench", "doccano", "spacy")


def mention_keys(doc: Document) -> dict[int, str]:
    return {m.id: f"T{i}" for i, m in enumerate(doc.mentions, 1)}


def to_workbench(doc: Document) -> dict[str, Any]:
    text = doc.text
    keys = mention_keys(doc)
    return {
        "id": doc.id,
        "source": doc.source,
        "lang": doc.lang,
        "status": doc.status,
        "text": text,
        "sentences": [
            {"start": s.start, "end": s.end, "translation": s.translation, "model": s.model}
            for s in doc.sentences
        ],
        "entities": [
            {
                "id": keys[m.id],
                "start": m.start,
                "end": m.end,
                "label": m.label,
                "text": text[m.start : m.end],
                "kb_id": m.kb_id,
                "annotator": m.annotator,
            }
            for m in doc.mentions
        ],
        "events": [
            {
                "id": f"E{i}",
                "type": e.type,
                "trigger": {
                    "start": e.trigger_start,
                    "end": e.trigger_end,
                    "text": text[e.trigger_start : e.trigger_end],
                },
                "arguments": [{"role": a.role, "entity": keys[a.mention_id]} for a in e.arguments],
                "annotator": e.annotator,
            }
            for i, e in enumerate(doc.events, 1)
        ],
    }


def to_doccano(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "text": doc.text,
        "label": [[m.start, m.end, m.label] for m in doc.mentions],
    }


def to_spacy(doc: Document) -> dict[str, Any]:
    return {
        "text": doc.text,
        "spans": [
            {"start": m.start, "end": m.end, "label": m.label, "text": doc.text[m.start : m.end]}
            for m in doc.mentions
        ],
        "meta": {"id": doc.id, "source": doc.source, "lang": doc.lang},
    }


CONVERTERS = {"workbench": to_workbench, "doccano": to_doccano, "spacy": to_spacy}
