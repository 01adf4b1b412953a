"""The main window: document list, source pane, translation pane, menus, jobs.

The window owns the project's GUI-thread connection (reads, and the small undoable
operations); long jobs run in :mod:`.workers` on their own connection and the window
refreshes the list and the shown document when they finish. The source and translation
panes are linked sentence by sentence: hovering or clicking one highlights the other
and scrolls it so the two sentences sit at the same height. Layout, geometry, zoom and
recent projects are kept in QSettings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QSplitter, QVBoxLayout, QWidget

from workbench.core.model import STATUSES, Document
from workbench.errors import KnownError
from workbench.gui import app as gui_app
from workbench.gui import dialogs, translation_api, window_settings
from workbench.gui.commands import SetStatusCommand
from workbench.gui.document_list import DocumentList
from workbench.gui.document_view import SourceView
from workbench.gui.find_bar import FindBar
from workbench.gui.menus import Actions
from workbench.gui.text_pane import TextPane
from workbench.gui.translation_pane import ModelState, TranslationPane, language_name
from workbench.gui.workers import CANCELLED, CRASHED, FAILED, IndexProbe, JobRunner
from workbench.ops.exporting import export_jsonl
from workbench.ops.importing import ImportJob, ImportReport
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

PROJECT_FILTER = "Workbench projects (*.wbproj);;All files (*)"
IMPORT_FILTER = "Text and JSONL (*.txt *.text *.jsonl *.ndjson);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(
        self,
        project_path: Path | None = None,
        *,
        packages_dir: Path | None = None,
        online: bool | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.project: Project | None = None
        self.packages_dir = packages_dir
        self.index: list[Any] | None = None  # the online index's packages, once probed
        self._probe: IndexProbe | None = None
        self.index_probed = False
        self.document: Document | None = None
        self.undo_stack = QUndoStack(self)
        self.runner = JobRunner(self)
        self.runner.busyChanged.connect(self._busy_changed)
        self.runner.finished.connect(self._job_finished)
        self._model_status: dict[str, Any] | None = None

        self.documents = DocumentList(self)
        self.source = SourceView(self)
        self.translation = TranslationPane(self)
        self.find_bar = FindBar(self.source, self)
        self.panes = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes.setObjectName("panes")
        self.panes.addWidget(self.source)
        self.panes.addWidget(self.translation)
        self.panes.setChildrenCollapsible(False)
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.panes, 1)
        column.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status_label = dialogs.plain_label("", self)
        self.statusBar().addPermanentWidget(self.status_label)

        self.menu_actions = Actions(self)
        self.recent_menu = self.menu_actions.build_menus()
        self._link_panes()
        self.documents.documentChosen.connect(self.show_document)
        self.translation.installFromFileRequested.connect(self.install_model_from_file)
        self.translation.downloadRequested.connect(self.download_model)
        self.translation.translateRequested.connect(self.translate_document)
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self.panes.setSizes([560, 420])
        self.splitter.setSizes([420, 980])
        window_settings.restore(self)
        self._update_actions()
        if project_path is not None:
            self.open_project(project_path)
        # online: None asks the package index in the background; False never does.
        if online is not False and not os.environ.get("WORKBENCH_OFFLINE"):
            self._probe = IndexProbe(parent=self)
            self._probe.answered.connect(self._index_answered)
            self._probe.start()

    @property
    def online(self) -> bool:
        return self.index is not None

    def _index_answered(self, rows: list[Any] | None) -> None:
        self.index_probed = True
        self.index = rows
        if rows is not None:
            self.models_changed()

    # -- project -----------------------------------------------------------------------
    def open_project(self, path: Path, *, create: bool = True) -> bool:
        """Open (or create) the project at ``path``; False, with a message, if refused."""
        try:
            project = Project.open(path, create=create)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return False
        if self.project is not None:
            self.project.close()
        self.project = project
        self.undo_stack.clear()
        self.document = None
        self.source.clear_document()
        self.translation.clear_document()
        gui_app.remember_project(path)
        self.setWindowFilePath(str(path))
        self.setWindowTitle(f"{path.name} — Workbench")
        self.refresh_documents()
        first = self.documents.model.rowCount()
        if first:
            self.documents.select(self.documents.model.document(0).id)
        self._update_actions()
        return True

    def new_project_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home()), PROJECT_FILTER)
        if name:
            path = Path(name) if Path(name).suffix else Path(name + ".wbproj")
            self.open_project(path, create=True)

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open project", str(Path.home()), PROJECT_FILTER
        )
        if name:
            self.open_project(Path(name), create=False)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in gui_app.recent_projects():
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_project(p, create=False))
        self.recent_menu.setEnabled(True)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def refresh_documents(self) -> None:
        self._model_status = None
        if self.project is None:
            self.documents.set_documents([])
            return
        self.documents.set_documents(store_docs.list_documents(self.project.conn))

    # -- showing a document --------------------------------------------------------------
    def show_document(self, doc_id: int) -> None:
        if self.project is None:
            return
        try:
            doc = store_docs.get_document(self.project.conn, doc_id)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.document = doc
        self.source.show_document(doc)
        self.translation.show_document(doc, self.model_state(doc.lang))
        self.find_bar.refresh()
        self.setWindowTitle(f"{doc.source} — {self.project.path.name} — Workbench")
        broken = f" · {len(self.source.broken)} broken line(s)" if self.source.broken else ""
        self.status_label.setText(
            f"#{doc.id} · {language_name(doc.lang)} · {len(doc.sentences)} sentences{broken}"
        )
        self._update_actions()

    def reload_document(self) -> None:
        if self.document is not None:
            top = self.source.verticalScrollBar().value()
            self.show_document(self.document.id)
            self.source.verticalScrollBar().setValue(top)

    def model_state(self, lang: str | None) -> ModelState:
        problem = translation_api.problem()
        if problem is not None:
            return ModelState(available=None, online=False, problem=problem)
        if self._model_status is None and self.project is not None:
            try:
                self._model_status = translation_api.model_status(self.project, self.packages_dir)
            except KnownError as exc:
                return ModelState(available=None, problem=str(exc))
        status = self._model_status or {}
        available = None if lang is None else (status.get(lang) is not None)
        return ModelState(available=available, online=self.online)

    # -- linking the panes -----------------------------------------------------------------
    def _link_panes(self) -> None:
        source, target = self.source, self.translation.view
        source.sentenceHovered.connect(lambda i: self._follow(source, target, "hover", i))
        target.sentenceHovered.connect(lambda i: self._follow(target, source, "hover", i))
        source.sentenceActivated.connect(lambda i: self._follow(source, target, "current", i))
        target.sentenceActivated.connect(lambda i: self._follow(target, source, "current", i))

    def _follow(self, origin: TextPane, other: TextPane, layer: str, index: int) -> None:
        """Highlight sentence ``index`` in ``other`` and align it with ``origin``."""
        if index >= other.sentence_count():
            index = -1
        if layer == "current":
            other.set_current_sentence(index)
        else:
            other.highlight_sentence(layer, index)
        if index >= 0 and other.isVisible():
            other.scroll_to_sentence(index, max(0.0, origin.sentence_top(index)))

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

    def export_dialog(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export JSONL", str(Path.home() / "export.jsonl"), "JSONL (*.jsonl)"
            )
            if not name:
                return
            path = Path(name)
        target = path
        self._start(
            "Exporting",
            lambda p: export_jsonl(p, target),
            lambda _: self.statusBar().showMessage(f"Exported to {target}", 10_000),
        )

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
        self._start(
            "Translating",
            lambda p: translation_api.translate_job(
                p, doc_ids, force=force, packages_dir=packages_dir
            ),
            self._translated,
        )

    def _translated(self, report: Any) -> None:
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
        if outcome == FAILED:
            dialogs.show_error(self, str(payload))
        elif outcome == CRASHED:
            assert isinstance(payload, tuple)
            dialogs.show_bug(self, str(payload[0]), str(payload[1]))
        elif outcome == CANCELLED:
            self.statusBar().showMessage("Cancelled: nothing half-done was kept", 10_000)
        if outcome != "succeeded":
            self.refresh_documents()

    def _busy_changed(self, busy: bool) -> None:
        for action in self.menu_actions.job_actions:
            action.setEnabled(not busy)
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.runner.busy
        has_project = self.project is not None
        has_doc = self.document is not None
        for action in (
            self.menu_actions.import_documents,
            self.menu_actions.export_jsonl,
            self.menu_actions.translate_all,
        ):
            action.setEnabled(has_project and not busy)
        for action in (
            self.menu_actions.translate_document,
            self.menu_actions.retranslate_document,
        ):
            action.setEnabled(has_doc and not busy)
        for action in self.menu_actions.statuses:
            action.setEnabled(has_doc)

    # -- models ------------------------------------------------------------------------------
    def show_models(self) -> None:
        from workbench.gui.models_dialog import ModelsDialog

        dialog = ModelsDialog(self.packages_dir, index=self.index, parent=self)
        dialog.exec()
        self.models_changed()

    def models_changed(self) -> None:
        self._model_status = None
        if self.document is not None:
            self.translation.update_banner(self.document, self.model_state(self.document.lang))

    def install_model_from_file(self, path: Path | None = None) -> None:
        from workbench.gui.models_dialog import install_from_file

        install_from_file(self.runner, self.packages_dir, path, lambda _row: self.models_changed())

    def download_model(self, lang: str = "") -> None:
        from workbench.gui.models_dialog import ModelsDialog

        dialog = ModelsDialog(self.packages_dir, index=self.index, parent=self)
        dialog.open_download(lang)
        dialog.exec()
        self.models_changed()

    # -- edit and view ---------------------------------------------------------------------------
    def copy_selection(self) -> None:
        focused = self.focusWidget()
        pane = focused if isinstance(focused, TextPane) else self.source
        pane.copy()

    def set_status(self, status: str) -> None:
        if self.project is None or self.document is None or status not in STATUSES:
            return
        if status == self.document.status:
            return
        self.undo_stack.push(
            SetStatusCommand(self.project, self.document.id, status, self._status_changed)
        )

    def _status_changed(self, doc_id: int) -> None:
        self.refresh_documents()
        if self.document is not None and self.document.id == doc_id and self.project is not None:
            self.document = store_docs.get_document(self.project.conn, doc_id)

    def zoom(self, step: int) -> None:
        size = gui_app.DEFAULT_POINT_SIZE if step == 0 else self.source.point_size() + step
        for pane in (self.source, self.translation.view):
            pane.set_point_size(size)

    def swap_panes(self) -> None:
        sizes = self.panes.sizes()
        second = self.panes.widget(1)
        assert second is not None
        self.panes.insertWidget(0, second)
        self.panes.setSizes(list(reversed(sizes)))

    @property
    def panes_swapped(self) -> bool:
        return self.panes.widget(0) is self.translation

    def set_translation_visible(self, visible: bool) -> None:
        self.translation.setVisible(visible)

    def set_list_visible(self, visible: bool) -> None:
        self.documents.setVisible(visible)

    def show_shortcuts(self) -> None:
        dialogs.ShortcutsDialog(self.menu_actions.shortcut_rows(), self).exec()

    def show_about(self) -> None:
        dialogs.show_about(self)

    # -- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if (
            self.project is not None
            and not self.runner.busy
            and _local_paths(event.mimeData().urls())
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- settings ----------------------------------------------------------------------------------
    def save_settings(self) -> None:
        window_settings.save(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait()
        if self._probe is not None:
            self._probe.wait()
        self.save_settings()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)


def _local_paths(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
