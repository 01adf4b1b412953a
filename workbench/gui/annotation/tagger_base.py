"""What the tagger's mixins may use of the tagger, declared once for the type checker.

:class:`~.tagger.Tagger` is assembled from mixins (events in
:mod:`~.event_tagging`, edits of existing annotations in :mod:`~.annotation_edits`)
so each module stays about one thing. At run time this base adds nothing; for the type
checker it is a QObject holding the tagger's attributes and methods the mixins call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QWidget

from workbench.core.model import Document, Mention, Schema
from workbench.gui.annotation.annotation_set import AnnotationChange, AnnotationSet
from workbench.gui.annotation.commands import OperationCommand
from workbench.gui.annotation.picker import Choice
from workbench.storage.project import Project
from workbench.text.snapping import Known

if TYPE_CHECKING:
    from workbench.gui.common.status_bar import StatusBar
    from workbench.gui.document.annotation_highlights import AnnotationHighlights
    from workbench.gui.document.document_view import SourceView

    _Base = QObject  # for the type checker; at run time the mixins add only methods
else:
    _Base = object

Target = tuple[str, int]  # ("mention" | "event", id)


class TaggerHost(Protocol):
    """What the tagger uses of the window that hosts it (the main window provides it):
    the undo stack, the source view and status line, the project and the document on
    screen, and a few calls back. Nothing else of the window is the tagger's business."""

    undo_stack: QUndoStack
    source: SourceView
    status_bar: StatusBar
    project: Project | None
    document: Document | None

    def show_document(self, doc_id: int) -> None: ...

    def choose_document(self, doc_id: int) -> bool:
        """Choose ``doc_id`` in the document list; False if it is not there."""
        ...

    def document_changed(self, doc_id: int) -> None: ...

    def status_changed(self, doc_id: int) -> None: ...

    def annotation_counts(self, doc_id: int, mentions: int, events: int) -> None:
        """The document list's counts for ``doc_id``, as the tagger knows them."""
        ...

    def set_find_colors(self, *colors: QColor) -> None: ...

    def link_mention(self, mention_id: int) -> None:
        """Open the knowledge-base link dialog for a mention."""
        ...

    def annotate_all(self, mention_id: int) -> None:
        """Offer every other occurrence of a mention for tagging."""
        ...


class TaggerBase(_Base):
    if TYPE_CHECKING:  # the tagger defines all of these
        window: TaggerHost
        parent_widget: QWidget  # dialogs and popups open over it
        view: SourceView
        highlights: AnnotationHighlights
        status: StatusBar
        panel_timer: QTimer
        known_words: Known
        annotations: AnnotationSet
        schema: Schema
        active: Target | None
        current_event: int | None
        adding_arguments: bool

        @property
        def project(self) -> Project | None: ...

        def _mention(self, mention_id: int) -> Mention | None: ...

        def _exists(self, target: Target) -> bool: ...

        def selection(self, exact: bool = False) -> tuple[int, int] | None: ...

        def target(self) -> Target | None: ...

        def under_caret(self) -> Target | None: ...

        def select_under_caret(self, then: str) -> bool: ...

        def span_of(self, target: Target) -> tuple[int, int]: ...

        def name(self, target: Target) -> str: ...

        def clitic_cycle(self, mention_id: int) -> list[tuple[int, int]]: ...

        def label_key(self, label: str) -> str: ...

        def choose(
            self, target: Target | None, *, select: bool = True, redraw: bool = True
        ) -> None: ...

        def say(self, text: str) -> None: ...

        def pick(
            self,
            title: str,
            choices: list[Choice],
            callback: Any,
            at: QPoint | None = None,
            near: tuple[int, int] | None = None,
        ) -> None: ...

        def annotator(self) -> str | None: ...

        def _push(
            self,
            build: Callable[[Project, int, str], OperationCommand],
            *,
            named: bool = True,
            quote: tuple[int, int] | None = None,
        ) -> bool: ...

        # As the target of the commands it pushes:
        def show_document(self, doc_id: int) -> None: ...

        def apply(self, change: AnnotationChange) -> None: ...

        def report(self, exc: BaseException) -> None: ...
