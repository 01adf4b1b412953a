"""The main window's long jobs -- import, export, translation -- and translation models.

A mixin of :class:`~.main_window.MainWindow`, kept apart so the window module stays
about its layout and documents. Every job runs through the window's
:class:`~.workers.JobRunner` on its own connection; the window refreshes the list and
the shown document when one finishes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from workbench.core.model import Document
from workbench.errors import KnownError
from workbench.gui.common import dialogs
from workbench.gui.common.workers import CANCELLED, CRASHED, FAILED, JobRunner
from workbench.gui.translation import translation_api
from workbench.gui.translation.translation_pane import ModelState, TranslationPane, language_name
from workbench.gui.window.document_list import DocumentList
from workbench.io.formats import FORMAT_HELP, FORMATS
from workbench.io.losses import Losses
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob, ImportReport
from workbench.storage.project import Project

LIVE_EVERY = 2.0  # seconds between showing what a running translation has stored
IMPORT_FILTER = "Text, JSONL and brat (*.txt *.text *.jsonl *.ndjson *.ann);;All files (*)"
# The file name pattern of each export format in the Export dialog (brat: a folder).
EXPORT_PATTERNS = {
    "workbench": "*.jsonl",
    "doccano": "*.jsonl",
    "doccano-relations": "*.jsonl",
    "spacy": "*.jsonl",
    "docbin": "*.spacy",
    "brat": "*",
    "conll": "*.conll",
}
EXPORT_FILTERS = {f"{fmt}: {FORMAT_HELP[fmt]} ({EXPORT_PATTERNS[fmt]})": fmt for fmt in FORMATS}

# For the type checker the mixin is a main window; at run time it adds only methods.
if TYPE_CHECKING:
    _Base = QMainWindow
else:
    _Base = object


class WindowJobs(_Base):
    """Import, export and translation jobs, and the translation-model state."""

    if TYPE_CHECKING:  # what it uses of the window, which defines all of these
        project: Project | None
        document: Document | None
        documents: DocumentList
        translation: TranslationPane
        runner: JobRunner
        packages_dir: Path | None
        index: list[Any] | None
        _model_status: dict[str, Any] | None
        _live: float | None

        def refresh_documents(self) -> None: ...

        def reload_document(self) -> None: ...

    # -- translation models ------------------------------------------------------------
    def model_state(self, lang: str | None) -> ModelState:
        problem = translation_api.problem()
        if problem is not None:
            return ModelState(available=None, problem=problem)
        if self._model_status is None and self.project is not None:
            try:
                self._model_status = translation_api.model_status(self.project, self.packages_dir)
            except KnownError as exc:
                return ModelState(available=None, problem=str(exc))
        status = self._model_status or {}
        available = None if lang is None else (status.get(lang) is not None)
        return ModelState(available=available, can_download=translation_api.can_download())

    # -- jobs ------------------------------------------------------------------------------
    def _start(self, title: str, build: Any, on_success: Any = None) -> None:
        if self.project is None:
            return
        try:
            self.runner.start(title, self.project.path, build, on_success)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))

    def import_paths(self, paths: list[Path]) -> None:
        if paths:
            self._start("Importing", lambda p: ImportJob(p, paths), self._imported)

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import documents", str(Path.home()), IMPORT_FILTER
        )
        self.import_paths([Path(n) for n in names])

    def _imported(self, report: ImportReport) -> None:
        self.refresh_documents()
        self.statusBar().showMessage(f"Import: {report.summary()}", 10_000)
        if report.imported and self.document is None:
            self.documents.select(report.imported[0][0])
        if report.refused:
            dialogs.show_error(self, f"Import: {report.summary()}.", "\n".join(report.refused))

    def export_file_dialog(self) -> QFileDialog:
        """The Export dialog: every format the CLI has, opening in the project's folder."""
        folder = self.project.path.parent if self.project is not None else Path.home()
        stem = self.project.path.stem if self.project is not None else "export"
        dialog = QFileDialog(self, "Export", str(folder / f"{stem}.jsonl"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(EXPORT_FILTERS))
        dialog.setDefaultSuffix("")
        return dialog

    def export_dialog(self, path: Path | None = None, fmt: str = "workbench") -> None:
        if path is None:
            dialog = self.export_file_dialog()
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return
            path = Path(dialog.selectedFiles()[0])
            fmt = EXPORT_FILTERS.get(dialog.selectedNameFilter(), "workbench")
        target, chosen = path, fmt

        def exported(losses: Losses | None) -> None:
            said = "; ".join(losses.lines()) if losses is not None else ""
            self.statusBar().showMessage(f"Exported to {target}. {said}".strip(), 20_000)

        self._start("Exporting", lambda p: ExportJob(p, target, chosen), exported)

    def translate_document(self, force: bool = False) -> None:
        if self.document is not None:
            self._translate([self.document.id], force)

    def translate_all(self) -> None:
        self._translate(None, False)

    def _translate(self, doc_ids: list[int] | None, force: bool) -> None:
        problem = translation_api.problem()
        if problem is not None:
            dialogs.show_error(self, f"Translation is not available: {problem}")
            return
        packages_dir = self.packages_dir
        self._live = time.monotonic()
        self._start(
            "Translating",
            lambda p: translation_api.translate_job(
                p, doc_ids, force=force, packages_dir=packages_dir
            ),
            self._translated,
        )

    def _job_progressed(self, _done: int, _total: int, _message: str) -> None:
        """While Translate All runs, show what it has stored every few seconds: the
        list's counts, and the shown document's translations when they changed."""
        if self._live is None or time.monotonic() - self._live < LIVE_EVERY:
            return
        self._live = time.monotonic()
        self.documents.model.reread()
        doc = self.document
        if doc is None or self.project is None:
            return
        row = self.documents.model.row_of(doc.id)
        shown = sum(1 for s in doc.sentences if s.translation_status is not None)
        if row >= 0 and self.documents.model.document(row).translated != shown:
            self.reload_document()

    def _translated(self, report: Any) -> None:
        self._live = None
        self.refresh_documents()
        self.reload_document()
        summary = getattr(report, "summary", None)
        if callable(summary):
            self.statusBar().showMessage(f"Translation: {summary()}", 10_000)
        missing = sorted(getattr(report, "missing", {}) or {})
        if missing:
            names = ", ".join(language_name(lang) for lang in missing)
            dialogs.show_error(
                self,
                f"Not translated: no model is installed for {names}. Install one with "
                "Translation → Models..., or with the button above the translation.",
            )

    def _job_finished(self, outcome: str, payload: object) -> None:
        self._live = None
        if outcome == FAILED:
            dialogs.show_error(self, str(payload))
        elif outcome == CRASHED:
            assert isinstance(payload, tuple)
            dialogs.show_bug(self, str(payload[0]), str(payload[1]))
        elif outcome == CANCELLED:
            self.statusBar().showMessage("Cancelled: nothing half-done was kept", 10_000)
        if outcome != "succeeded":
            self.refresh_documents()

    def show_models(self) -> Any:
        """The Models dialog; the banner follows each install or removal at once."""
        from workbench.gui.translation.models_dialog import ModelsDialog

        dialog = ModelsDialog(self.packages_dir, index=self.index, parent=self)
        dialog.changed.connect(self.models_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def models_changed(self) -> None:
        self._model_status = None
        if self.document is not None:
            self.translation.update_banner(self.document, self.model_state(self.document.lang))

    def install_model_from_file(self, paths: Path | list[Path] | None = None) -> None:
        from workbench.gui.translation.models_dialog import install_from_file

        install_from_file(self.runner, self.packages_dir, paths, lambda _r: self.models_changed())

    def download_model(self, lang: str = "") -> Any:
        """Translation > Download models...: names the host, connects only when asked."""
        from workbench.gui.translation.model_download import DownloadDialog

        dialog = DownloadDialog(self.packages_dir, index=self.index, lang=lang, parent=self)
        dialog.changed.connect(self.models_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
