"""Annotate all: every other occurrence of a name, tagged in one step and undone in one.

:func:`occurrences` lists the places a mention's name (its text and, when it is linked,
every alias of its entity) or a search occurs, in its document or in the whole project,
each with the span proposed without its affix (:mod:`workbench.ops.searching`). Places
an existing mention overlaps are left out, and so are documents marked done unless
asked. :func:`annotate_all` tags the chosen places in one transaction, each mention
linked to the same entity, and returns what :func:`unannotate_all` needs to take them
all back (and :func:`reannotate_all` to bring the same rows back for a redo).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.model import Mention
from workbench.errors import KnownError
from workbench.ops import annotating, searching
from workbench.storage import annotations as store
from workbench.storage.project import Project


def _covered(project: Project, doc_id: int) -> list[tuple[int, int]]:
    return [(s, e) for _id, s, e, _label in store.mention_rows(project.conn, doc_id)]


def occurrences(
    project: Project,
    *,
    mention: Mention | None = None,
    query: str | None = None,
    entity_id: int | None = None,
    document: int | None = None,
    include_done: bool = False,
    limit: int = 5000,
) -> list[searching.Hit]:
    """Where else the name occurs (see the module docstring); ``document`` limits it
    to one document."""
    if mention is not None:
        text = project.conn.execute(
            "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
            (mention.start, mention.end, mention.start, mention.document_id),
        ).fetchone()
        query = text[0] if text else None
        entity_id = entity_id or mention.entity_id
    hits = searching.search(
        project,
        query,
        entity_id=entity_id,
        include_done=include_done,
        documents=[document] if document is not None else None,
        limit=limit,
    )
    covered: dict[int, list[tuple[int, int]]] = {}
    out = []
    # The longest first where two overlap ("Donald Trump" and its "Trump"): one mention.
    for hit in sorted(hits, key=lambda h: (h.document, h.start, h.start - h.end)):
        spans = covered.setdefault(hit.document, _covered(project, hit.document))
        if any(s < hit.end and hit.start < e for s, e in spans):
            continue
        spans.append((hit.start, hit.end))
        out.append(hit)
    return sorted(out, key=lambda h: (h.document, h.start))


@dataclass(frozen=True, slots=True)
class AnnotatedAll:
    """The mentions one annotate-all made, as stored."""

    mentions: tuple[Mention, ...]

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(sorted({m.document_id for m in self.mentions}))


def annotate_all(
    project: Project,
    places: Sequence[tuple[int, int, int]],
    label: str,
    *,
    entity_id: int | None = None,
    annotator: str | None = None,
) -> AnnotatedAll:
    """Tag each (document, start, end) with ``label``, linked to ``entity_id``."""
    if not places:
        raise KnownError("tick at least one occurrence to annotate")
    made = []
    with project.transaction():
        for doc_id, start, end in places:
            made.append(
                annotating.add_mention(
                    project, doc_id, start, end, label, annotator=annotator, entity_id=entity_id
                )
            )
    return AnnotatedAll(tuple(made))


def unannotate_all(project: Project, done: AnnotatedAll) -> None:
    """Remove every mention ``done`` made, if each is still as it was made."""
    with project.transaction():
        for m in done.mentions:
            annotating.delete_mention(project, m.id, expected=m)


def reannotate_all(project: Project, done: AnnotatedAll) -> None:
    """Bring the same mentions back (a redo), under their ids and uids."""
    with project.transaction():
        for m in done.mentions:
            annotating.restore_mention(project, m)  # StaleChange if a place is taken
