"""The main window: document list, source pane, translation pane, menus, jobs.

The window owns the project's GUI-thread connection (reads, and the small undoable
operations); long jobs run in :mod:`.workers` on their own connection and the window
refreshes the list and the shown document when they finish. The source and translation
panes are linked sentence by sentence: hovering or clicking one highlights the other
and scrolls it so the two sentences sit at the same height. Layout, geometry, zoom and
recent projects are kept in QSettings. Annotating is the tagger's (:mod:`.tagger`): its
label palette and annotation list are docks on the right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.core.model import STATUS_TITLES, STATUSES, Document
from workbench.errors import KnownError
from workbench.gui.annotation.commands import SetStatusCommand, push
from workbench.gui.annotation.tagger import Tagger
from workbench.gui.common import app as gui_app
from workbench.gui.common import dialogs
from workbench.gui.common.status_bar import StatusBar
from workbench.gui.common.workers import IndexProbe, JobRunner
from workbench.gui.document.direction_commands import ParagraphDirections
from workbench.gui.document.document_view import SourceView
from workbench.gui.document.find_bar import FindBar
from workbench.gui.document.pane_link import link_panes
from workbench.gui.document.text_pane import TextPane
from workbench.gui.entities.knowledge_base import KnowledgeBase
from workbench.gui.team.window_team import WindowTeam
from workbench.gui.translation.model_download import index_at_start
from workbench.gui.translation.translation_pane import TranslationPane, language_name
from workbench.gui.window import window_settings
from workbench.gui.window.backups import Backups
from workbench.gui.window.document_list import DocumentList
from workbench.gui.window.menus import Actions
from workbench.gui.window.project_watch import ProjectWatch
from workbench.gui.window.window_jobs import WindowJobs
from workbench.gui.window.window_links import WindowLinks
from workbench.ops.schema import ensure_default_schema
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

PROJECT_FILTER = "Workbench projects (*.wbproj);;All files (*)"


class MainWindow(WindowLinks, WindowTeam, WindowJobs, QMainWindow):
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
        self.index: list[Any] | None = None  # the index's packages, if read at start
        self._probe: IndexProbe | None = None
        self.index_probed = False
        self.document: Document | None = None
        self.undo_stack = QUndoStack(self)
        self.runner = JobRunner(self)
        self.runner.busyChanged.connect(self._busy_changed)
        self.runner.finished.connect(self._job_finished)
        self.runner.progressed.connect(self._job_progressed)
        self._live: float | None = None  # a translation job shows its work since then
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
        self.status_bar = StatusBar(self)
        self.setStatusBar(self.status_bar)
        self.status_label = dialogs.plain_label("", self)
        self.statusBar().addPermanentWidget(self.status_label)
        self.tagger = Tagger(self, self)
        self.directions = ParagraphDirections(
            self.source, self.undo_stack, lambda: self.project, self.tagger.show_document
        )
        self.label_dock = self._dock("Labels", "labelDock", self.tagger.palette)
        self.annotation_dock = self._dock("Annotations", "annotationDock", self.tagger.panel)
        self.knowledge = KnowledgeBase(self)  # Entities and Search docks, Ctrl+K, annotate all
        self.schema_editor: Any = None
        self.curation: Any = None  # the curation view, once opened

        self.menu_actions = Actions(self)
        self.recent_menu = self.menu_actions.build_menus()
        link_panes(self.source, self.translation.view)
        self.documents.statusRequested.connect(self.set_status)
        self.documents.documentChosen.connect(self.show_document)
        self.translation.installFromFileRequested.connect(self.install_model_from_file)
        self.translation.downloadRequested.connect(self.download_model)
        self.translation.translateRequested.connect(self.translate_document)
        self.backups = Backups(
            self, self.runner, self.open_project, lambda m: self.statusBar().showMessage(m, 10_000)
        )
        self.watch = ProjectWatch(self)
        self.watch.documentsChanged.connect(self.refresh_documents)
        self.watch.schemaChanged.connect(self.schema_changed_outside)
        self.watch.annotationsChanged.connect(self._annotations_changed_outside)
        self.watch.translationsChanged.connect(self._translations_changed_outside)
        self.setAcceptDrops(True)
        self.resize(1400, 860)
        self.panes.setSizes([560, 320])
        self.splitter.setSizes([max(250, self.documents.sizeHint().width()), 880])
        self.resizeDocks([self.label_dock], [270], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.label_dock, self.annotation_dock], [320, 480], Qt.Orientation.Vertical
        )
        window_settings.restore(self)
        self._update_actions()
        if project_path is not None:
            self.open_project(project_path)
        # Nothing connects at start unless the user opted in (Download models dialog,
        # off by default); online=False never does, whatever the settings.
        if online is not False and index_at_start():
            self._probe = IndexProbe(parent=self)
            self._probe.answered.connect(self._index_answered)
            self._probe.start()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() keys the layout by it
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    @property
    def project_path(self) -> Path | None:
        return None if self.project is None else self.project.path

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
        try:
            ensure_default_schema(project)  # a project without labels gets ACE 2005
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
        if self.project is not None:
            window_settings.remember_place(self)
            self.documents.set_connection(None)  # the list reads through the connection
            self.project.close()
        self.project = project
        self.watch.watch(project)
        self.undo_stack.clear()
        self.document = None
        self.tagger.load_schema()
        self.tagger.load(None)
        self.source.clear_document()
        self.translation.clear_document()
        gui_app.remember_project(path)
        self.backups.project_opened(path)
        self.setWindowFilePath(str(path))
        self.setWindowTitle(f"{path.name} — Workbench")
        self.refresh_documents()
        self.knowledge.project_opened()
        if self.documents.model.rowCount() and not window_settings.restore_place(self):
            first = self.documents.model.document(0).id
            self.documents.select(first)
            if self.document is None:  # the list kept that row (same id): no signal
                self.show_document(first)
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
        if self.project is None or self.documents.model.conn is not self.project.conn:
            self.documents.set_connection(None if self.project is None else self.project.conn)
        else:
            self.documents.refresh()

    # -- showing a document --------------------------------------------------------------
    def show_document(self, doc_id: int) -> None:
        if self.project is None:
            return
        try:
            # Annotations are read by the tagger as plain rows: a Mention for each of
            # 20,000 would cost a tenth of the opening time.
            doc = store_docs.get_document(self.project.conn, doc_id, annotations=False)
        except KnownError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.document = doc
        self.tagger.load(None)  # no highlights of the last text while the new one loads
        self.source.show_document(doc)
        self.tagger.load(doc.id, doc.text)
        self.translation.show_document(doc, self.model_state(doc.lang))
        self.find_bar.refresh()
        self.watch.follow(doc.id)
        self.setWindowTitle(f"{doc.source} — {self.project.path.name} — Workbench")
        self._show_status_label()
        self._update_actions()

    def _show_status_label(self) -> None:
        doc = self.document
        if doc is None:
            self.status_label.setText("")
            return
        broken = f" · {len(self.source.broken)} broken line(s)" if self.source.broken else ""
        self.status_label.setText(
            f"{doc.source} · {language_name(doc.lang)} · {len(doc.sentences)} sentences{broken}"
            f" · {STATUS_TITLES.get(doc.status, doc.status)}{self._curation_text(doc.id)}"
        )

    def document_changed(self, doc_id: int) -> None:
        """Annotations of ``doc_id`` changed: update its row of the list (the counts)."""
        if self.project is not None:
            self.documents.update_documents(store_docs.list_documents(self.project.conn, [doc_id]))

    def step_document(self, step: int) -> None:
        """Alt+Down / Alt+Up: the next or previous document of the list, as sorted."""
        self.documents.step(step)

    def reload_document(self) -> None:
        if self.document is not None:
            top = self.source.verticalScrollBar().value()
            self.show_document(self.document.id)
            self.source.verticalScrollBar().setValue(top)

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
        for action in self.menu_actions.statuses + self.menu_actions.annotation_actions:
            action.setEnabled(has_doc)
        self.menu_actions.edit_schema.setEnabled(has_project)
        self.menu_actions.merge_projects.setEnabled(has_project and not busy)
        self.menu_actions.agreement.setEnabled(has_project and not busy)
        self.menu_actions.curate.setEnabled(has_doc)

    # -- edit and view ---------------------------------------------------------------------------
    def copy_selection(self) -> None:
        focused = self.focusWidget()
        pane = focused if isinstance(focused, TextPane) else self.source
        pane.copy()

    def set_status(self, status: str, doc_id: int | None = None) -> None:
        """Set the status of ``doc_id`` (from the list's menu) or of the shown document."""
        if doc_id is None and self.document is not None:
            doc_id = self.document.id
        if self.project is None or doc_id is None or status not in STATUSES:
            return
        if store_docs.list_documents(self.project.conn, [doc_id])[0].status == status:
            self.statusBar().showMessage(
                f"Already “{STATUS_TITLES[status]}”: nothing changed", 10_000
            )
            return
        push(
            self.undo_stack,
            SetStatusCommand(self.project, doc_id, status, self.status_changed, self.tagger.report),
        )

    def status_changed(self, doc_id: int) -> None:
        self.document_changed(doc_id)
        if self.document is not None and self.document.id == doc_id and self.project is not None:
            self.document = store_docs.get_document(self.project.conn, doc_id, annotations=False)
            self._show_status_label()

    def show_schema_editor(self) -> None:
        from workbench.gui.annotation.schema_editor import SchemaEditor

        if self.project is None:
            return
        if self.schema_editor is None:
            self.schema_editor = SchemaEditor(self, self)
        self.schema_editor.refresh()
        self.schema_editor.show()
        self.schema_editor.raise_()

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

    def set_join_wrapped(self, joined: bool) -> None:
        """Show line ends inside sentences (a PDF's hard wraps) as spaces, or as they are."""
        if self.source.join_wrapped == joined:
            return
        self.source.join_wrapped = joined
        if self.document is not None:
            self.show_document(self.document.id)

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
        self.watch.watch(None)
        self.runner.wait()
        self.backups.wait()
        if self._probe is not None:
            self._probe.wait()
        self.save_settings()
        if self.project is not None:
            self.documents.set_connection(None)
            self.project.close()
            self.project = None
        super().closeEvent(event)


def _local_paths(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
