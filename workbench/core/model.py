"""Plain immutable values that every layer passes around.

Offsets are Python code points into a document's canonical text, end exclusive. These
classes carry no behaviour beyond validation helpers, so storage, import/export, the CLI
and the GUI can share them without depending on one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("todo", "in_progress", "done")
STATUS_TITLES = {"todo": "to do", "in_progress": "in progress", "done": "done"}


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int
    seq: int
    start: int
    end: int
    translation: str | None = None
    model: str | None = None  # "argos:tr-en@1.9" or None until translated
    translation_status: str | None = None  # None, "ok" or "untranslatable"


@dataclass(frozen=True, slots=True)
class Mention:
    id: int
    document_id: int
    start: int
    end: int
    label: str
    kb_id: str | None = None
    annotator: str | None = None
    uid: str = ""  # stable across files (export, import, merge); "" until stored
    entity_id: int | None = None  # the knowledge-base entity it names, if linked


@dataclass(frozen=True, slots=True)
class Argument:
    role: str
    mention_id: int


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    document_id: int
    type: str
    trigger_start: int
    trigger_end: int
    arguments: tuple[Argument, ...] = ()
    annotator: str | None = None
    uid: str = ""  # stable across files (export, import, merge); "" until stored


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A row of the document list: everything but the text."""

    id: int
    source: str
    lang: str | None
    lang_confidence: float | None
    status: str
    sentences: int
    mentions: int
    events: int
    translated: int = 0

    @property
    def annotations(self) -> int:
        return self.mentions + self.events


@dataclass(frozen=True, slots=True)
class DirectionOverride:
    """A paragraph direction set by hand, for the code points start-end of a document.

    Display only: the text and every offset stay as they are; the view, ``render`` and
    ``show --visual`` lay the paragraphs it meets out in this direction.
    """

    start: int
    end: int
    rtl: bool


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    source: str
    content_hash: str
    lang: str | None
    lang_confidence: float | None
    status: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    directions: tuple[DirectionOverride, ...] = ()
    # The preferred name under each knowledge-base id its mentions carry (for export).
    kb_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Label:
    """An entity type, an event type, or a role of an event type (``parent`` names it)."""

    kind: str  # "entity" | "event" | "role"
    name: str
    color: str
    shortcut: str | None = None
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Schema:
    entities: tuple[Label, ...] = ()
    events: tuple[Label, ...] = ()
    roles: tuple[Label, ...] = field(default=())

    def roles_of(self, event_type: str) -> list[Label]:
        return [r for r in self.roles if r.parent == event_type]


@dataclass(frozen=True, slots=True)
class Entity:
    """A knowledge-base entry: one person, place or organisation across documents."""

    id: int
    type: str
    name: str  # the preferred name
    external_id: str | None = None  # a Wikidata QID, a registry number
    note: str = ""
    uid: str = ""  # stable across projects (kb export/import); "" until stored


@dataclass(frozen=True, slots=True)
class Alias:
    """A name of an entity in some script and language."""

    id: int
    entity_id: int
    alias: str
    lang: str | None = None
