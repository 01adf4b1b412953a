"""The main window's team work: merging projects, the agreement report, curation.

A mixin of :class:`~.main_window.MainWindow`, like :mod:`.window_jobs`: File › Merge
Projects... (:mod:`.merge_dialog`), Annotation › Agreement... (:mod:`.agreement_dialog`)
and Annotation › Curate Document... (:mod:`.curation_view`), and the curation progress
in the window's status line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow

from workbench.core.model import Document
from workbench.storage.project import Project

if TYPE_CHECKING:
    from workbench.gui.annotation.tagger import Tagger

    _Base = QMainWindow
else:
    _Base = object


class WindowTeam(_Base):
    """Merge, agreement and curation, for the main window."""

    if TYPE_CHECKING:  # what it uses of the window, which defines all of these
        project: Project | None
        document: Document | None
        tagger: Tagger
        undo_stack: QUndoStack
        curation: Any

        @property
        def project_path(self) -> Path | None: ...

        def _start(self, title: str, build: Any, on_success: Any = None) -> None: ...

        def refresh_documents(self) -> None: ...

        def reload_document(self) -> None: ...

        def document_changed(self, doc_id: int) -> None: ...

        def _show_status_label(self) -> None: ...

    def merge_dialog(self) -> None:
        from workbench.gui.team.merge_dialog import choose_sources, merge_into

        if self.project is not None:
            merge_into(self, choose_sources(self, self.project.path.parent))

    def start_job(self, title: str, build: Any, on_success: Any) -> None:
        self._start(title, build, on_success)

    def merged(self) -> None:
        self.tagger.load_schema()
        self.refresh_documents()
        self.reload_document()

    def show_agreement(self) -> None:
        from workbench.agreement.report import AgreementJob
        from workbench.gui.team.agreement_dialog import AgreementDialog

        def measured(report: dict[str, Any]) -> None:
            AgreementDialog(report, self).open()

        self._start("Measuring agreement", AgreementJob, measured)

    def show_curation(self) -> None:
        from workbench.gui.team.curation_view import CurationView

        if self.project is not None and self.document is not None:
            if self.curation is not None:
                self.curation.close()
            self.curation = CurationView(self, self.document.id, self)
            self.curation.show()

    def curation_changed(self, doc_id: int) -> None:
        from workbench.ops.curation import progress

        if self.project is None:
            return
        self.document_changed(doc_id)
        if self.document is not None and self.document.id == doc_id:
            self.tagger.reload()
        if self.curation is not None and self.curation.doc_id == doc_id:
            self.curation.refresh()
        settled, total = progress(self.project.conn, doc_id)
        self.statusBar().showMessage(f"Curation of #{doc_id}: {settled} of {total} settled", 10_000)
        self._show_status_label()

    def report_error(self, exc: BaseException) -> None:
        self.tagger.report(exc)

    def _curation_text(self, doc_id: int) -> str:
        from workbench.ops.curation import team_progress

        found = None if self.project is None else team_progress(self.project.conn, doc_id)
        return "" if found is None else f" · curated {found[0]} of {found[1]}"
