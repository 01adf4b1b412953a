"""Documents as they travel in and out of JSONL, independent of the project file.

An :class:`ImportRecord` is what a JSONL line (in any supported shape) becomes after
validation: canonical text plus annotations whose offsets are checked against it.
Mentions and events refer to each other by keys local to the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RecordSentence:
    start: int
    end: int
    translation: str | None = None
    model: str | None = None  # "argos:tr-en@1.9"


@dataclass(slots=True)
class RecordMention:
    key: str
    start: int
    end: int
    label: str
    kb_id: str | None = None
    annotator: str | None = None
    uid: str | None = None  # the annotation's stable id, when the input carries one


@dataclass(slots=True)
class RecordEvent:
    key: str
    type: str
    trigger_start: int
    trigger_end: int
    arguments: list[tuple[str, str]] = field(default_factory=list)  # (role, mention key)
    annotator: str | None = None
    uid: str | None = None


@dataclass(slots=True)
class ImportRecord:
    source: str
    text: str
    lang: str | None = None
    status: str = "todo"
    sentences: list[RecordSentence] | None = None  # None: segment on import
    mentions: list[RecordMention] = field(default_factory=list)
    events: list[RecordEvent] = field(default_factory=list)
