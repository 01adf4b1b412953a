"""Undoable commands for the window's QUndoStack.

A command only calls an operation of :mod:`workbench.ops` and its inverse, then tells
the window what changed so it refreshes just that; it never touches the database or the
widgets itself. Annotation commands will join these.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbench.core.model import STATUS_TITLES
from workbench.ops.documents import set_status
from workbench.storage.project import Project


class SetStatusCommand(QUndoCommand):
    """Change a document's status (to do / in progress / done)."""

    def __init__(
        self,
        project: Project,
        doc_id: int,
        status: str,
        changed: Callable[[int], None],
    ) -> None:
        super().__init__(f"Mark as {STATUS_TITLES.get(status, status)}")
        self.project = project
        self.doc_id = doc_id
        self.status = status
        self.previous: str | None = None
        self.changed = changed

    def redo(self) -> None:
        self.previous = set_status(self.project, self.doc_id, self.status)
        self.changed(self.doc_id)

    def undo(self) -> None:
        if self.previous is not None:
            set_status(self.project, self.doc_id, self.previous)
            self.changed(self.doc_id)
