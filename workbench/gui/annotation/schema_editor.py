"""The schema editor: add, rename, recolour, re-key and remove labels, or apply a preset.

Entity types and event types (with their roles below them) are listed with their keys
and colours. Every change is an undo command on the window's stack calling
:mod:`workbench.ops.schema`, so it is in the project file at once and Ctrl+Z takes it
back, even after the dialog is closed. What the operations refuse (a name already
used, a key another label has, removing a label that annotations carry) is shown in a
message, and nothing changes. The ``*_selected`` methods take their value as an
argument or, without one, ask for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.model import Label
from workbench.errors import KnownError
from workbench.gui.annotation import schema_commands as commands
from workbench.gui.annotation.commands import push
from workbench.gui.annotation.label_palette import children
from workbench.gui.annotation.picker import swatch
from workbench.gui.common import dialogs
from workbench.gui.common.dialogs import plain_label
from workbench.ops import schema as ops
from workbench.storage.project import Project

if TYPE_CHECKING:
    from workbench.gui.annotation.tagger import Tagger


class SchemaHost(Protocol):
    """What the schema editor uses of its window: the tagger, the undo stack, the project."""

    tagger: Tagger
    undo_stack: QUndoStack
    project: Project | None


LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
# New labels get the first of these that the schema does not use yet.
NEW_COLORS = ("#e15759", "#4e79a7", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948",
              "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#bcbd22")  # fmt: skip


class SchemaEditor(QDialog):
    def __init__(self, window: SchemaHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("schemaEditor")
        self.setWindowTitle("Label schema")
        self.window_ = window
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Label", "Key", "Colour"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.rename_selected())
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        actions = [
            ("Add Entity Type...", lambda: self.add_label("entity")),
            ("Add Event Type...", lambda: self.add_label("event")),
            ("Add Role...", lambda: self.add_label("role")),
            ("Rename...", lambda: self.rename_selected()),
            ("Colour...", lambda: self.recolour_selected()),
            ("Key...", lambda: self.rekey_selected()),
            ("Remove", lambda: self.remove_selected()),
        ]
        for n, (text, slot) in enumerate(actions):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, s=slot: s())
            grid.addWidget(button, n // 4, n % 4)
            self.buttons[text.rstrip(".")] = button
        self.presets = QComboBox(self)
        for name in ops.preset_names():
            try:
                info = ops.preset_info(name)
            except KnownError:
                continue
            self.presets.addItem(info.title, name)
            self.presets.setItemData(
                self.presets.count() - 1, info.description, Qt.ItemDataRole.ToolTipRole
            )
        apply = QPushButton("Apply Preset", self)
        apply.clicked.connect(lambda: self.apply_preset())
        preset_row = QHBoxLayout()
        preset_row.addWidget(plain_label("Preset:", self))
        preset_row.addWidget(self.presets, 1)
        preset_row.addWidget(apply)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(grid)
        layout.addLayout(preset_row)
        layout.addWidget(
            plain_label(
                "A preset keeps every label that annotations use. Changes are saved at once; "
                "Edit → Undo takes them back.",
                self,
            )
        )
        layout.addWidget(close)
        self.resize(560, 620)
        window.tagger.schemaChanged.connect(self.refresh)
        self.refresh()

    # -- the list -----------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = self.selected()
        self.tree.clear()
        schema = self.window_.tagger.schema
        entities = self._group("Entity types")
        for label in schema.entities:
            entities.addChild(self._item(label))
        events = self._group("Event types")
        for label in schema.events:
            item = self._item(label)
            for role in schema.roles_of(label.name):
                item.addChild(self._item(role))
            events.addChild(item)
        entities.setExpanded(True)
        events.setExpanded(True)
        if chosen is not None:
            self.select(chosen.kind, chosen.name, chosen.parent)
        self._update_buttons()

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem([title])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(group)
        return group

    def _item(self, label: Label) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label.name, (label.shortcut or "").upper(), label.color])
        item.setIcon(2, swatch(label.color))
        item.setData(0, LABEL_ROLE, label)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            for child in children(item):
                out.append(child)
                walk(child)

        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            assert top is not None
            walk(top)
        return out

    def select(self, kind: str, name: str, parent: str = "") -> bool:
        for item in self.items():
            label = item.data(0, LABEL_ROLE)
            if (label.kind, label.name, label.parent) == (kind, name, parent):
                self.tree.setCurrentItem(item)
                return True
        return False

    def selected(self) -> Label | None:
        item = self.tree.currentItem()
        label = item.data(0, LABEL_ROLE) if item is not None else None
        return label if isinstance(label, Label) else None

    def _update_buttons(self) -> None:
        label = self.selected()
        for name in ("Rename", "Colour", "Key", "Remove"):
            self.buttons[name].setEnabled(label is not None)
        self.buttons["Add Role"].setEnabled(label is not None and label.kind in ("event", "role"))

    # -- changes ------------------------------------------------------------------------------
    def _push(self, command: commands.SchemaCommand) -> bool:
        return push(self.window_.undo_stack, command)

    @property
    def _project(self):  # type: ignore[no-untyped-def]
        return self.window_.project

    def add_label(self, kind: str, name: str | None = None, color: str | None = None) -> bool:
        parent = ""
        if kind == "role":
            label = self.selected()
            if label is None or label.kind not in ("event", "role"):
                return False
            parent = label.name if label.kind == "event" else label.parent
        if name is None:
            what = {"entity": "entity type", "event": "event type", "role": f"role of {parent}"}[
                kind
            ]
            name, ok = dialogs.ask_text(self, "Add label", f"Name of the new {what}:")
            if not ok or not name.strip():
                return False
        used = {
            x.color for x in self.window_.tagger.schema.entities + self.window_.tagger.schema.events
        }
        color = color or next((c for c in NEW_COLORS if c not in used), NEW_COLORS[0])
        label = Label(kind, name.strip(), color, None, parent)
        done = self._push(commands.AddLabelCommand(self._project, label, self.window_.tagger))
        if done:
            self.select(kind, label.name, parent)
        return done

    def rename_selected(self, new: str | None = None) -> bool:
        label = self.selected()
        if label is None:
            return False
        if new is None:
            new, ok = dialogs.ask_text(
                self, "Rename label", f"New name for {label.name}:", text=label.name
            )
            if not ok:
                return False
        done = self._push(
            commands.RenameLabelCommand(self._project, label, new, self.window_.tagger)
        )
        if done:
            self.select(label.kind, new.strip(), label.parent)
        return done

    def recolour_selected(self, color: str | None = None) -> bool:
        label = self.selected()
        if label is None:
            return False
        if color is None:
            chosen = QColorDialog.getColor(QColor(label.color), self, f"Colour of {label.name}")
            if not chosen.isValid():
                return False
            color = chosen.name()
        return self._push(
            commands.RecolourLabelCommand(self._project, label, color, self.window_.tagger)
        )

    def rekey_selected(self, key: str | None = None) -> bool:
        label = self.selected()
        if label is None:
            return False
        if key is None:
            key, ok = dialogs.ask_text(
                self, "Label key", f"Key for {label.name} (one character; empty for none):",
                text=label.shortcut or "",
            )  # fmt: skip
            if not ok:
                return False
        return self._push(
            commands.RekeyLabelCommand(
                self._project, label, key.strip() or None, self.window_.tagger
            )
        )

    def remove_selected(self) -> bool:
        label = self.selected()
        if label is None:
            return False
        return self._push(commands.RemoveLabelCommand(self._project, label, self.window_.tagger))

    def apply_preset(self, name: str | None = None) -> bool:
        name = name or self.presets.currentData()
        if not name:
            return False
        return self._push(commands.ApplyPresetCommand(self._project, name, self.window_.tagger))
