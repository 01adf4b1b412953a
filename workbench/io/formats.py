"""The export formats, and turning stored documents into JSONL objects.

Our shape keeps everything (sentences with translations, mentions, events with
role-labelled arguments). Mention and event ids are local to the document (``T1``,
``E1``, in text order), so export, re-import and export again gives identical output.
The spaCy/Prodigy shape carries its own tokens, cut at every mention edge
(:mod:`workbench.io.tokens`), so any spaCy pipeline aligns every span. Every converter
counts in a :class:`Losses` what its format cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.core.model import Document
from workbench.io import doccano
from workbench.io.losses import Losses, count_uncarried
from workbench.io.offsets import DEFAULT_UNIT
from workbench.io.tokens import tokenize

JSONL_FORMATS = ("workbench", "doccano", "doccano-relations", "spacy")
FORMATS = (*JSONL_FORMATS, "docbin", "brat", "conll")
FORMAT_HELP = {
    "workbench": "JSONL, everything (the round-trip format)",
    "doccano": "doccano sequence-labelling JSONL: mentions",
    "doccano-relations": "doccano relation-mode JSONL: mentions, and events as relations",
    "spacy": "spaCy/Prodigy JSONL: tokens and mention spans",
    "docbin": "spaCy DocBin (.spacy): tokens, sentences, entities and span groups",
    "brat": "brat standoff folder (.txt + .ann per document, annotation.conf)",
    "conll": "CoNLL IOB2: a token and its tag per line, sentences blank-line separated",
}


def mention_keys(doc: Document) -> dict[int, str]:
    return {m.id: f"T{i}" for i, m in enumerate(doc.mentions, 1)}


def to_workbench(
    doc: Document, losses: Losses | None = None, unit: str = DEFAULT_UNIT
) -> dict[str, Any]:
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
                "kb_name": doc.kb_names.get(m.kb_id) if m.kb_id else None,
                "annotator": m.annotator,
                "uid": m.uid,
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
                "uid": e.uid,
            }
            for i, e in enumerate(doc.events, 1)
        ],
    }


def to_spacy(
    doc: Document, losses: Losses | None = None, unit: str = DEFAULT_UNIT
) -> dict[str, Any]:
    """Prodigy's task shape: tokens, and spans with inclusive ``token_end``."""
    text = doc.text
    count_uncarried(
        doc, losses or Losses("spacy"), events=True, annotators=True, translations=True, status=True
    )
    tokens = tokenize(text, [(m.start, m.end) for m in doc.mentions])
    by_start = {t.start: i for i, t in enumerate(tokens)}
    by_end = {t.end: i for i, t in enumerate(tokens)}
    spans = []
    for m in doc.mentions:
        span: dict[str, Any] = {
            "start": m.start,
            "end": m.end,
            "token_start": by_start[m.start],
            "token_end": by_end[m.end],
            "label": m.label,
            "text": text[m.start : m.end],
        }
        if m.kb_id:
            span["kb_id"] = m.kb_id
        spans.append(span)
    return {
        "text": text,
        "tokens": [
            {"text": text[t.start : t.end], "start": t.start, "end": t.end, "id": i, "ws": t.ws}
            for i, t in enumerate(tokens)
        ],
        "spans": spans,
        "meta": {"id": doc.id, "source": doc.source, "lang": doc.lang},
    }


def to_doccano(
    doc: Document, losses: Losses | None = None, unit: str = DEFAULT_UNIT
) -> dict[str, Any]:
    return doccano.to_sequence(doc, losses or Losses("doccano"), unit)


def to_doccano_relations(
    doc: Document, losses: Losses | None = None, unit: str = DEFAULT_UNIT
) -> dict[str, Any]:
    return doccano.to_relations(doc, losses or Losses("doccano-relations"), unit)


Converter = Callable[[Document, Losses | None, str], dict[str, Any]]
CONVERTERS: dict[str, Converter] = {
    "workbench": to_workbench,
    "doccano": to_doccano,
    "doccano-relations": to_doccano_relations,
    "spacy": to_spacy,
}
