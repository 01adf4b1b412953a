"""Undoable commands for the window's QUndoStack, and the way they are pushed.

A command only calls an operation of :mod:`workbench.ops` and its inverse, then tells
the window what changed so it refreshes just that; it never touches the database or the
widgets itself. Its first run happens in :func:`push`, *before* it joins the stack: a
user error (a locked project, a clashing key) is shown and the stack stays as it was,
where a failure inside ``QUndoStack.push`` would leave an undo entry for a change that
never happened. A later undo or redo that fails (another program changed the file
meanwhile, the disk filled up) wrote nothing; the error is shown and the history is
cleared, so that the stack never again describes what the file does not hold and no
later step acts on rows it no longer knows. Annotation and schema commands are in their
own modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.model import STATUS_TITLES
from workbench.errors import KnownError
from workbench.ops.documents import set_status
from workbench.storage.project import Project

Report = Callable[[BaseException], None]
_NOTHING = object()


class OperationCommand(QUndoCommand):
    """An operation (:meth:`run`) and its inverse (:meth:`revert`).

    :meth:`prepare` comes first, once; :meth:`done` gets each result (of the operation
    or of its inverse) to pass on to the view. Errors on a later undo or redo are
    reported, never swallowed: PySide would only print them.
    """

    # Each subclass defines these two methods: the operation and its inverse.
    run: Callable[[], Any]
    revert: Callable[[], Any]

    def __init__(self, text: str, report: Report) -> None:
        super().__init__(text)
        self.report = report
        self.stack: QUndoStack | None = None  # set by push()
        self._pending: Any = _NOTHING

    def before(self) -> None:
        """Called before each later run or revert (e.g. to show the document concerned)."""

    def done(self, result: Any) -> None:
        """Tell the view what changed."""

    def prepare(self) -> None:
        self._pending = self.run()

    def redo(self) -> None:
        if self._pending is not _NOTHING:
            result, self._pending = self._pending, _NOTHING
            self.done(result)
            return
        self._guarded(self.run)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], Any]) -> None:
        try:
            self.before()
            result = step()
        except Exception as exc:  # noqa: BLE001 - reported: a KnownError or a bug dialog
            self._failed(exc)
            return
        self.done(result)

    def _failed(self, exc: Exception) -> None:
        stack = self.stack
        if stack is not None:
            # Not now: the stack is inside this command's undo() or redo().
            QTimer.singleShot(0, stack.clear)
        if isinstance(exc, KnownError):
            exc = KnownError(
                f"{exc}. The undo history was cleared so that no later step acts on "
                "changed data; everything on screen is in the project file."
            )
        self.report(exc)


def push(stack: QUndoStack, command: OperationCommand, *then: QUndoCommand) -> bool:
    """Run ``command`` once and, if that worked, put it on ``stack``; with ``then``, as
    one undo step (a macro) with those commands after it."""
    try:
        command.prepare()
    except Exception as exc:  # noqa: BLE001 - a KnownError's message, or the bug dialog
        command.report(exc)
        return False
    for each in (command, *then):
        if isinstance(each, OperationCommand):
            each.stack = stack
    if not then:
        stack.push(command)
        return True
    stack.beginMacro(command.text())
    stack.push(command)
    for follower in then:
        stack.push(follower)
    stack.endMacro()
    return True


class SetStatusCommand(OperationCommand):
    """Change a document's status (to do / in progress / done)."""

    def __init__(
        self,
        project: Project,
        doc_id: int,
        status: str,
        changed: Callable[[int], None],
        report: Report,
    ) -> None:
        super().__init__(f"Mark as {STATUS_TITLES.get(status, status)}", report)
        self.project = project
        self.doc_id = doc_id
        self.status = status
        self.previous: str | None = None
        self.changed = changed

    def run(self) -> None:
        self.previous = set_status(self.project, self.doc_id, self.status)

    def revert(self) -> None:
        if self.previous is not None:
            set_status(self.project, self.doc_id, self.previous)

    def done(self, result: Any) -> None:
        self.changed(self.doc_id)
