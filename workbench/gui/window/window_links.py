"""What the window's families ask of it, and what it does when other programs write.

A mixin of :class:`~.main_window.MainWindow`, kept apart so the window module stays
about its layout and documents. The tagger sees the window only through
:class:`~workbench.gui.annotation.tagger_base.TaggerHost`: the calls it makes back are
here. The :class:`~.project_watch.ProjectWatch` signals land here too: the schema, the
annotations or the translations of the document on screen changed outside the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMainWindow

from workbench.storage import documents as store_docs

if TYPE_CHECKING:
    from workbench.core.model import Document
    from workbench.gui.annotation.tagger import Tagger
    from workbench.gui.document.find_bar import FindBar
    from workbench.gui.entities.knowledge_base import KnowledgeBase
    from workbench.gui.translation.translation_pane import ModelState, TranslationPane
    from workbench.gui.window.document_list import DocumentList
    from workbench.storage.project import Project

    _Base = QMainWindow
else:
    _Base = object


class WindowLinks(_Base):
    """The tagger's host calls and the refreshes after other programs' commits."""

    if TYPE_CHECKING:  # what it uses of the window, which defines all of these
        project: Project | None
        document: Document | None
        documents: DocumentList
        find_bar: FindBar
        knowledge: KnowledgeBase
        tagger: Tagger
        translation: TranslationPane
        schema_editor: Any

        def model_state(self, lang: str | None) -> ModelState: ...

    # -- what the tagger asks of its host (annotation.tagger_base.TaggerHost) ---------------
    def choose_document(self, doc_id: int) -> bool:
        return self.documents.select(doc_id)

    def annotation_counts(self, doc_id: int, mentions: int, events: int) -> None:
        self.documents.model.set_counts(doc_id, mentions, events)

    def set_find_colors(self, *colors: QColor) -> None:
        self.find_bar.set_colors(*colors)

    def link_mention(self, mention_id: int) -> None:
        self.knowledge.link_mention(mention_id)

    def annotate_all(self, mention_id: int) -> None:
        self.knowledge.annotate_all(mention_id=mention_id)

    # -- changes made by other programs ---------------------------------------------------
    def schema_changed_outside(self) -> None:
        self.tagger.load_schema()
        if self.schema_editor is not None:
            self.schema_editor.refresh()

    def _annotations_changed_outside(self, doc_id: int) -> None:
        if self.document is not None and self.document.id == doc_id:
            self.tagger.reload()
            self.statusBar().showMessage("Annotations changed by another program: updated", 5000)

    def _translations_changed_outside(self, doc_id: int) -> None:
        if self.project is None or self.document is None or self.document.id != doc_id:
            return
        doc = store_docs.get_document(self.project.conn, doc_id, annotations=False)
        self.document = doc
        self.translation.show_document(doc, self.model_state(doc.lang))
