"""Paragraph directions set by hand: Auto, right-to-left or left-to-right.

When the rule of :mod:`workbench.text.direction` guesses a paragraph wrong, the user
sets its direction; the window, ``workbench render`` and ``show --visual`` then lay the
paragraph out that way. Display only: the text and every offset stay as they are.
Each change returns a :class:`DirectionChange`; its ``removed`` rows, given back to
:func:`replace_directions`, undo it (the GUI's undo command does exactly that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.model import DirectionOverride
from workbench.errors import KnownError
from workbench.storage import directions as store
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

DIRECTIONS = ("auto", "rtl", "ltr")


@dataclass(frozen=True, slots=True)
class DirectionChange:
    """What a change did to one document's paragraph directions."""

    doc_id: int
    start: int
    end: int
    removed: tuple[DirectionOverride, ...]  # the rows it replaced: the undo puts them back
    overrides: tuple[DirectionOverride, ...]  # all of the document's rows afterwards


def replace_directions(
    project: Project,
    doc_id: int,
    start: int,
    end: int,
    new: Sequence[DirectionOverride],
) -> DirectionChange:
    """Remove the directions set on anything meeting start-end, then store ``new``."""
    with project.transaction() as conn:
        length = len(store_docs.document_text(conn, doc_id))  # raises if absent
        for span in [(start, end), *((o.start, o.end) for o in new)]:
            if not 0 <= span[0] <= span[1] <= length:
                raise KnownError(
                    f"paragraph {span[0]}-{span[1]} is outside document {doc_id} (0-{length})"
                )
        removed = store.delete_meeting(conn, doc_id, start, end)
        store.insert(conn, doc_id, new)
        overrides = store.directions_of(conn, doc_id)
    return DirectionChange(doc_id, start, end, tuple(removed), tuple(overrides))


def set_direction(
    project: Project, doc_id: int, start: int, end: int, direction: str
) -> DirectionChange:
    """Lay the paragraph start-end out as ``direction``: auto, rtl or ltr."""
    if direction not in DIRECTIONS:
        raise KnownError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    new = [] if direction == "auto" else [DirectionOverride(start, end, direction == "rtl")]
    return replace_directions(project, doc_id, start, end, new)
