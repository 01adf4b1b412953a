"""Undoable knowledge-base changes: linking mentions, new entities, merge, split, annotate all.

Each command calls operations of :mod:`workbench.ops.knowledge` or
:mod:`workbench.ops.occurrences` and, to undo, their inverses, passing what the change
left (``expected``) so an undo never overwrites another program's work. The view is told
through the narrow :class:`EntityTarget`: which documents changed, so it reloads what it
shows of them and the Entities panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from workbench.core.model import Entity
from workbench.gui.annotation.commands import OperationCommand
from workbench.ops import knowledge, occurrences
from workbench.storage.project import Project


class EntityTarget(Protocol):
    def entities_changed(self, doc_ids: Sequence[int]) -> None: ...

    def report(self, exc: BaseException) -> None: ...


class EntityCommand(OperationCommand):
    def __init__(self, text: str, project: Project, target: EntityTarget) -> None:
        super().__init__(text, target.report)
        self.project = project
        self.target = target
        self.doc_ids: tuple[int, ...] = ()

    def done(self, result: object) -> None:
        self.target.entities_changed(self.doc_ids)


class LinkCommand(EntityCommand):
    """Link mentions to an entity (or to none: "not in the knowledge base"); with
    ``new``, create that entity first, in the same undo step."""

    def __init__(
        self,
        project: Project,
        mention_ids: Sequence[int],
        doc_ids: Sequence[int],
        target: EntityTarget,
        *,
        entity_id: int | None = None,
        new: tuple[str, str, str | None] | None = None,  # (type, name, lang)
    ) -> None:
        title = "New Entity and Link" if new else "Link to Entity" if entity_id else "Unlink"
        super().__init__(title, project, target)
        self.mention_ids = list(mention_ids)
        self.doc_ids = tuple(doc_ids)
        self.entity_id = entity_id
        self.new = new
        self.created: Entity | None = None
        self.removed: knowledge.RemovedEntity | None = None
        self.relink: knowledge.Relink | None = None

    def run(self) -> None:
        if self.new is not None:
            if self.removed is not None:
                self.created = knowledge.restore_entity(self.project, self.removed)
            elif self.created is None:
                kind, name, lang = self.new
                self.created = knowledge.create_entity(self.project, kind, name, lang=lang)
            self.entity_id = self.created.id
        expected = None if self.relink is None else self.relink.before
        self.relink = knowledge.link_mentions(
            self.project, self.mention_ids, self.entity_id, expected=expected
        )

    def revert(self) -> None:
        assert self.relink is not None
        knowledge.restore_links(self.project, self.relink)
        if self.created is not None:
            self.removed = knowledge.delete_entity(self.project, self.created.id)


class MergeCommand(EntityCommand):
    def __init__(self, project: Project, keep: Entity, gone: Entity, target: EntityTarget) -> None:
        super().__init__(f"Merge {gone.name} into {keep.name}", project, target)
        self.keep, self.gone = keep, gone
        self.merge: knowledge.Merge | None = None

    def run(self) -> None:
        self.merge = knowledge.merge_entities(self.project, self.keep.id, self.gone.id)
        self.doc_ids = self._docs()

    def revert(self) -> None:
        assert self.merge is not None
        knowledge.unmerge(self.project, self.merge)

    def _docs(self) -> tuple[int, ...]:
        assert self.merge is not None
        ids = self.merge.gone.mentions
        marks = ",".join("?" * len(ids))
        rows = self.project.conn.execute(
            f"SELECT DISTINCT document_id FROM mentions WHERE id IN ({marks})", ids
        )
        return tuple(r[0] for r in rows)


class SplitCommand(EntityCommand):
    def __init__(
        self,
        project: Project,
        entity: Entity,
        mention_ids: Sequence[int],
        doc_ids: Sequence[int],
        name: str,
        target: EntityTarget,
    ) -> None:
        super().__init__(f"Split {name} off {entity.name}", project, target)
        self.entity, self.mention_ids, self.name = entity, list(mention_ids), name
        self.doc_ids = tuple(doc_ids)
        self.split: knowledge.Split | None = None

    def run(self) -> None:
        if self.split is None:
            self.split = knowledge.split_entity(
                self.project, self.entity.id, self.mention_ids, self.name
            )
        else:
            knowledge.resplit(self.project, self.split)

    def revert(self) -> None:
        assert self.split is not None
        knowledge.unsplit(self.project, self.split)


class AnnotateAllCommand(EntityCommand):
    """Tag every ticked occurrence, linked to one entity: one step to undo."""

    def __init__(
        self,
        project: Project,
        places: Sequence[tuple[int, int, int]],
        label: str,
        entity_id: int | None,
        annotator: str | None,
        target: EntityTarget,
    ) -> None:
        super().__init__(f"Annotate All ({len(places)})", project, target)
        self.places, self.label = list(places), label
        self.entity_id, self.annotator = entity_id, annotator
        self.doc_ids = tuple(sorted({p[0] for p in places}))
        self.result: occurrences.AnnotatedAll | None = None

    def run(self) -> None:
        if self.result is None:
            self.result = occurrences.annotate_all(
                self.project,
                self.places,
                self.label,
                entity_id=self.entity_id,
                annotator=self.annotator,
            )
        else:
            occurrences.reannotate_all(self.project, self.result)

    def revert(self) -> None:
        assert self.result is not None
        occurrences.unannotate_all(self.project, self.result)
