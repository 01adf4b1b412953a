"""The label palette: the project's entity and event types with their colours and keys.

It is both a legend (what each colour means, which key makes it) and a way to annotate
with the mouse: clicking an entity type labels the source pane's selection with it,
clicking an event type makes the selection that event's trigger. It is rebuilt from the
schema whenever the schema changes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from workbench.core.model import Label, Schema
from workbench.gui.annotation.picker import swatch
from workbench.gui.common.dialogs import plain_tooltip, ui_font

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


class LabelPalette(QTreeWidget):
    """Entity types, then event types; a click emits ``labelChosen``."""

    labelChosen = Signal(object)  # the Label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelPalette")
        self.setFont(ui_font())
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
    typed = event.text()
    if len(typed) == 1 and typed.isalpha() and not typed.isascii():
        # A Persian or Arabic keyboard layout types "ح" on the key marked P: fall back
        # to the key's place on a US keyboard, so the label keys work on any layout.
        letter = physical_letter(event)
        if letter is not None and letter in keys:
            return keys[letter]
    return None


# Letters by their place on the keyboard (PC scan code set 1, which Linux evdev codes
# and Windows scan codes share; X11 and Wayland add 8), and by macOS virtual key code.
_SET1 = dict(
    zip(
        [*range(0x10, 0x1A), *range(0x1E, 0x27), *range(0x2C, 0x33)],
        "qwertyuiopasdfghjklzxcvbnm",
        strict=True,
    )
)
_MAC = dict(
    zip(
        [
            0x00,
            0x01,
            0x02,
            0x03,
            0x04,
            0x05,
            0x06,
            0x07,
            0x08,
            0x09,
            0x0B,
            0x0C,
            0x0D,
            0x0E,
            0x0F,
            0x10,
            0x11,
            0x1F,
            0x20,
            0x22,
            0x23,
            0x25,
            0x26,
            0x28,
            0x2D,
            0x2E,
        ],
        "asdfhgzxcvbqwerytouipljknm",
        strict=True,
    )
)


def physical_letter(event: QKeyEvent) -> str | None:
    """The US-layout letter of the key pressed, whatever the active layout types."""
    if sys.platform == "darwin":
        return _MAC.get(event.nativeVirtualKey())
    code = event.nativeScanCode()
    if sys.platform != "win32":
        code -= 8  # X11/xkb keycodes are evdev codes + 8
    return _SET1.get(code)


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = [item.child(i) for i in range(item.childCount())]
    return [x for x in found if x is not None]


def _tip(label: Label) -> str:
    what = "Label the selection" if label.kind == "entity" else "Make the selection the trigger of"
    key = f" (key {label.shortcut})" if label.shortcut else ""
    return f"{what} {label.name}{key}"
