"""Paragraph directions set by hand, as undoable commands of the window's undo stack.

The source pane asks for a direction (:attr:`.SourceView.directionRequested`, from its
context menu or View › Flip Paragraph Direction); :class:`ParagraphDirections` turns
the request into a :class:`SetDirectionCommand`, which calls
:func:`workbench.ops.directions.set_direction` and, to undo, puts back the rows it
replaced with :func:`~workbench.ops.directions.replace_directions`. The pane then
turns only the paragraphs whose direction changed; text and offsets never change.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from workbench.core.model import DirectionOverride
from workbench.errors import KnownError
from workbench.gui.annotation.commands import OperationCommand, push
from workbench.gui.common import dialogs
from workbench.gui.document.document_view import SourceView
from workbench.ops import directions as ops
from workbench.storage.project import Project

TITLES = {"auto": "Automatic", "rtl": "Right to Left", "ltr": "Left to Right"}


class SetDirectionCommand(OperationCommand):
    def __init__(
        self,
        project: Project,
        doc_id: int,
        span: tuple[int, int],
        direction: str,
        target: ParagraphDirections,
    ) -> None:
        super().__init__(f"Paragraph Direction: {TITLES.get(direction, direction)}", target.report)
        self.project, self.doc_id, self.span, self.direction = project, doc_id, span, direction
        self.target = target
        self.removed: tuple[DirectionOverride, ...] = ()

    def run(self) -> ops.DirectionChange:
        change = ops.set_direction(self.project, self.doc_id, *self.span, self.direction)
        self.removed = change.removed
        return change

    def revert(self) -> ops.DirectionChange:
        return ops.replace_directions(self.project, self.doc_id, *self.span, self.removed)

    def before(self) -> None:
        self.target.show_document(self.doc_id)

    def done(self, result: ops.DirectionChange) -> None:
        self.target.changed(result)


class ParagraphDirections:
    """Turns the source pane's direction requests into commands on ``stack``."""

    def __init__(
        self,
        view: SourceView,
        stack: QUndoStack,
        project: Callable[[], Project | None],
        show_document: Callable[[int], None],
    ) -> None:
        self.view, self.stack, self.project = view, stack, project
        self._show_document = show_document
        view.directionRequested.connect(self.request)

    def request(self, start: int, end: int, direction: str) -> None:
        project, doc_id = self.project(), self.view.document_id
        if project is None or doc_id is None:
            return
        push(self.stack, SetDirectionCommand(project, doc_id, (start, end), direction, self))

    def flip(self) -> None:
        """The paragraph at the text cursor in the other direction (again: Automatic)."""
        self.view.request_flip()

    def show_document(self, doc_id: int) -> None:
        if self.view.document_id != doc_id:
            self._show_document(doc_id)

    def report(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            dialogs.show_error(self.view.window(), str(exc))
        else:
            text = "".join(traceback.format_exception(exc))
            dialogs.show_bug(self.view.window(), f"{type(exc).__name__}: {exc}", text)

    def changed(self, change: ops.DirectionChange) -> None:
        if self.view.document_id == change.doc_id:
            self.view.set_directions(change.overrides)
