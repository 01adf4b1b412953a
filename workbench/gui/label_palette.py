"""The label palette: the project's entity and event types with their colours and keys.

It is both a legend (what each colour means, which key makes it) and a way to annotate
with the mouse: clicking an entity type labels the source pane's selection with it,
clicking an event type makes the selection that event's trigger. It is rebuilt from the
schema whenever the schema changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from workbench.core.model import Label, Schema
from workbench.gui.dialogs import plain_tooltip
from workbench.gui.picker import swatch

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


class LabelPalette(QTreeWidget):
    """Entity types, then event types; a click emits ``labelChosen``."""

    labelChosen = Signal(object)  # the Label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self.setColumnCount(2)
        self.setHeaderLabels(["Label", "Key"])
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        # Choosing here must not take the keyboard from the text (and its selection).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_schema(self, schema: Schema) -> None:
        self.clear()
        for title, labels in (("Entity types", schema.entities), ("Event types", schema.events)):
            group = QTreeWidgetItem([title, ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for label in labels:
                item = QTreeWidgetItem([label.name, (label.shortcut or "").upper()])
                item.setIcon(0, swatch(label.color))
                item.setData(0, LABEL_ROLE, label)
                item.setToolTip(0, plain_tooltip(_tip(label)))
                group.addChild(item)
            self.addTopLevelItem(group)
            group.setExpanded(True)

    def _items(self) -> list[QTreeWidgetItem]:
        groups = [self.topLevelItem(n) for n in range(self.topLevelItemCount())]
        return [x for g in groups if g is not None for x in children(g)]

    def labels(self) -> list[Label]:
        return [item.data(0, LABEL_ROLE) for item in self._items()]

    def item_for(self, name: str, kind: str = "entity") -> QTreeWidgetItem | None:
        for item in self._items():
            label = item.data(0, LABEL_ROLE)
            if label.name == name and label.kind == kind:
                return item
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        label = item.data(0, LABEL_ROLE)
        if isinstance(label, Label):
            self.labelChosen.emit(label)


# Keys that do not change which label a key means (Shift: Caps Lock or not, the keypad).
MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


def label_for_key(keys: dict[str, Label], event: QKeyEvent) -> Label | None:
    """The label whose key ``event`` is (case-insensitively), alone or with Alt; else None."""
    modifiers = event.modifiers() & ~MODIFIERS
    if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier):
        return None
    candidates = [event.text()]
    if 0x20 < event.key() < 0x110000:
        candidates.append(chr(event.key()))  # with Alt the text may be empty
    for candidate in candidates:
        if len(candidate) == 1 and candidate.casefold() in keys:
            return keys[candidate.casefold()]
    return None


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = [item.child(i) for i in range(item.childCount())]
    return [x for x in found if x is not None]


def _tip(label: Label) -> str:
    what = "Label the selection" if label.kind == "entity" else "Make the selection the trigger of"
    key = f" (key {label.shortcut})" if label.shortcut else ""
    return f"{what} {label.name}{key}"
