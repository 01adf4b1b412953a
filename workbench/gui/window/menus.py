"""The window's actions and menus, with standard shortcuts where the platform has them.

Only wiring lives here: each action calls a method of the main window or its tagger.
The Help menu's shortcut list is generated from these same actions, and from the
label keys of the project's schema, so it cannot go stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from workbench.core.model import STATUS_TITLES, STATUSES
from workbench.gui.window.backups import rolling_enabled, set_rolling_enabled

if TYPE_CHECKING:
    from workbench.gui.window.main_window import MainWindow

Key = QKeySequence.StandardKey


class Actions:
    """Every QAction of the main window, as attributes."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w = window
        self.all: list[QAction] = []
        # File
        self.new_project = self._action("&New Project...", w.new_project_dialog, Key.New)
        self.open_project = self._action("&Open Project...", w.open_project_dialog, Key.Open)
        self.import_documents = self._action("&Import Documents...", w.import_dialog, "Ctrl+I")
        self.export_jsonl = self._action("&Export...", w.export_dialog, "Ctrl+E")
        self.back_up = self._action(
            "&Back Up Project...", lambda: w.backups.back_up_dialog(w.project_path)
        )
        self.restore = self._action(
            "Restore from Bac&kup...", lambda: w.backups.restore_dialog(w.project_path)
        )
        self.rolling_backups = self._action(
            "Keep a Backup at Each &Opening", set_rolling_enabled, checkable=True
        )
        self.merge_projects = self._action("&Merge Projects...", w.merge_dialog)
        self.quit = self._action("&Quit", w.close, Key.Quit)
        if self.quit.shortcut().isEmpty():
            self.quit.setShortcut(QKeySequence("Ctrl+Q"))
        # Edit
        self.undo = w.undo_stack.createUndoAction(w, "&Undo")
        self.undo.setShortcuts(Key.Undo)
        self.redo = w.undo_stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts(Key.Redo)
        self.undo.triggered.connect(lambda: w.tagger.announce(undone=True))
        self.redo.triggered.connect(lambda: w.tagger.announce(undone=False))
        self.all += [self.undo, self.redo]
        self.copy = self._action("&Copy", w.copy_selection, Key.Copy)
        self.find = self._action("&Find...", w.find_bar.open_bar, Key.Find)
        self.find_next = self._action("Find &Next", w.find_bar.find_next, Key.FindNext)
        self.find_previous = self._action(
            "Find Pre&vious", w.find_bar.find_previous, Key.FindPrevious
        )
        # Annotation
        t = w.tagger
        self.label_selection = self._action("&Label Selection...", t.open_palette, "Ctrl+L")
        self.mark_event = self._action("Mark Event &Trigger...", t.mark_event, "Ctrl+T")
        self.add_argument = self._action("Add &Argument", t.argument_key, "Ctrl+R")
        self.kb_id = self._action("Link to &Knowledge Base...", t.kb_id_at_cursor, "Ctrl+K")
        kb = w.knowledge
        self.annotate_all = self._action(
            "Annotate &All...", kb.annotate_all_at_cursor, "Ctrl+Shift+A"
        )
        self.search_project = self._action("&Search Project...", kb.open_search, "Ctrl+Shift+F")
        self.span_to_selection = self._action(
            "Set S&pan to Selection", t.span_to_selection, "Ctrl+M"
        )
        self.span_to_selection.setShortcuts([QKeySequence("Ctrl+M"), QKeySequence("Ctrl+Alt+M")])
        self.delete_annotation = self._action("&Delete Annotation", t.delete_at_cursor, "Del")
        self.delete_annotation.setShortcuts([QKeySequence("Del"), QKeySequence("Backspace")])
        self.next_unannotated = self._action(
            "Next &Unannotated Sentence", t.next_unannotated, "Ctrl+J"
        )
        self.next_document = self._action("&Next Document", lambda: w.step_document(1), "Alt+Down")
        self.previous_document = self._action(
            "&Previous Document", lambda: w.step_document(-1), "Alt+Up"
        )
        self.statuses = [
            self._action(f"Mark as {STATUS_TITLES[s]}", lambda s=s: w.set_status(s), f"Ctrl+{n}")
            for n, s in enumerate(STATUSES, 1)
        ]
        self.annotator = self._action("Annotator &Name...", t.ask_annotator)
        self.edit_schema = self._action("Edit &Schema...", w.show_schema_editor)
        self.agreement = self._action("A&greement...", w.show_agreement)
        self.curate = self._action("&Curate Document...", w.show_curation)
        self.annotation_actions = [
            self.label_selection,
            self.mark_event,
            self.add_argument,
            self.kb_id,
            self.annotate_all,
            self.span_to_selection,
            self.delete_annotation,
            self.next_unannotated,
            self.next_document,
            self.previous_document,
        ]
        # View
        self.zoom_in = self._action("Zoom &In", lambda: w.zoom(+1), Key.ZoomIn)
        self.zoom_out = self._action("Zoom &Out", lambda: w.zoom(-1), Key.ZoomOut)
        self.zoom_reset = self._action("&Actual Size", lambda: w.zoom(0), "Ctrl+0")
        self.swap_panes = self._action("&Swap Source and Translation", w.swap_panes, "Ctrl+Shift+S")
        self.show_translation = self._action(
            "Show &Translation", w.set_translation_visible, "Ctrl+Shift+T", checkable=True
        )
        self.join_wrapped = self._action(
            "&Join Wrapped Lines", w.set_join_wrapped, "Ctrl+Shift+J", checkable=True
        )
        self.flip_direction = self._action(
            "&Flip Paragraph Direction", w.directions.flip, "Ctrl+Shift+D"
        )
        self.annotation_actions.append(self.flip_direction)  # enabled with a document
        self.show_list = self._action(
            "Show &Document List", w.set_list_visible, "Ctrl+Shift+L", checkable=True
        )
        # Translation
        self.translate_document = self._action(
            "Translate &Document", w.translate_document, "Ctrl+Shift+R"
        )
        self.translate_all = self._action("Translate &All Documents", w.translate_all)
        self.retranslate_document = self._action(
            "&Retranslate Document", lambda: w.translate_document(force=True)
        )
        self.models = self._action("&Models...", w.show_models)
        self.download_models = self._action("Do&wnload Models...", w.download_model)
        # Help
        self.shortcuts = self._action("&Keyboard Shortcuts", w.show_shortcuts, Key.HelpContents)
        self.about = self._action("&About Workbench", w.show_about)
        self.job_actions = [
            self.import_documents,
            self.export_jsonl,
            self.translate_document,
            self.translate_all,
            self.retranslate_document,
            self.new_project,
            self.open_project,
            self.back_up,
            self.restore,
            self.merge_projects,
            self.agreement,
        ]
        self.rolling_backups.setChecked(rolling_enabled())

    def _action(self, text, slot, shortcut=None, *, checkable=False):  # type: ignore[no-untyped-def]
        action = QAction(text, self.window)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.all.append(action)
        return action

    def build_menus(self) -> QMenu:
        """Fill the window's menu bar; returns the Open Recent menu (filled on demand)."""
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.new_project, self.open_project])
        recent = file.addMenu("Open &Recent")
        recent.aboutToShow.connect(self.window.fill_recent_menu)
        file.addSeparator()
        file.addActions([self.import_documents, self.export_jsonl, self.merge_projects])
        file.addSeparator()
        file.addActions([self.back_up, self.restore, self.rolling_backups])
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.copy, self.find, self.find_next, self.find_previous])
        edit.addAction(self.search_project)
        view = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        view.addActions([self.swap_panes, self.show_translation, self.show_list, self.join_wrapped])
        view.addAction(self.flip_direction)
        view.addSeparator()
        view.addActions(
            [
                self.window.label_dock.toggleViewAction(),
                self.window.annotation_dock.toggleViewAction(),
                self.window.knowledge.entity_dock.toggleViewAction(),
                self.window.knowledge.search_dock.toggleViewAction(),
            ]
        )
        annotation = bar.addMenu("&Annotation")
        annotation.addActions(
            [self.label_selection, self.mark_event, self.add_argument, self.delete_annotation]
        )
        annotation.addActions([self.kb_id, self.annotate_all, self.span_to_selection])
        annotation.addSeparator()
        annotation.addActions([self.next_unannotated, self.next_document, self.previous_document])
        annotation.addSeparator()
        annotation.addActions(self.statuses)
        annotation.addSeparator()
        annotation.addActions([self.annotator, self.edit_schema])
        annotation.addSeparator()
        annotation.addActions([self.agreement, self.curate])
        translation = bar.addMenu("&Translation")
        translation.addActions(
            [self.translate_document, self.translate_all, self.retranslate_document]
        )
        translation.addSeparator()
        translation.addActions([self.models, self.download_models])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])
        return recent

    def shortcut_rows(self) -> list[tuple[str, str]]:
        from workbench.gui.common.dialogs import shortcut_text

        rows = []
        for action in self.all:
            keys = shortcut_text(action.shortcuts())
            if keys:
                rows.append((action.text().replace("&", "").rstrip("."), keys))
        return rows + self.annotation_rows()

    def annotation_rows(self) -> list[tuple[str, str]]:
        """Keys that are not menu actions: the schema's label keys, and keys in the text."""
        schema = self.window.tagger.schema
        rows = [
            (f"Label the selection {x.name} (snapped to whole words)", x.shortcut.upper())
            for x in schema.entities
            if x.shortcut
        ]
        rows += [
            (f"Make the selection a {x.name} trigger", x.shortcut.upper())
            for x in schema.events
            if x.shortcut
        ]
        return rows + [
            ("Label keeping the exact selection (no snapping)", "Alt+label key"),
            ("Move to the exact selection (no snapping)", "Ctrl+Alt+M"),
            ("Label palette for the selection", "Space"),
            ("On a Persian or Arabic layout: label keys by their place", "the key marked P…"),
            ("Relabel the selected (framed) mention", "label key, no selection"),
            ("The name without its Arabic clitic (وبوتين → بوتين)", "label key again"),
            ("Deselect the mention, then the text", "Esc"),
            ("Next nested mention under the mouse", "click again"),
            ("Add a clicked mention as an argument", "click, while adding arguments"),
            ("Stop adding arguments", "Esc"),
        ]
