"""Ctrl+K: link a mention to an entity of the knowledge base, or say it has none.

The dialog lists candidates ranked by :func:`workbench.ops.candidates.rank` (exact key,
then without affix, then similar), each with its aliases in every script and its
mention count, re-ranked as the name in the box is edited. "New Entity" creates one from
that name and the mention's label, and links it, in one undo step; "Not in the
Knowledge Base" unlinks. It is window-modal but opened with ``open()``: the choice
arrives through ``chosen``, so nothing blocks in a nested event loop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.common.dialogs import plain_label
from workbench.ops import candidates
from workbench.storage.project import Project

LINK, NEW, NONE = "link", "new", "none"


class LinkDialog(QDialog):
    chosen = Signal(str, object)  # (LINK, entity id) | (NEW, name) | (NONE, None)

    def __init__(
        self, project: Project, text: str, label: str, linked: int | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("Link to Knowledge Base")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.project, self.label, self.linked = project, label, linked
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"Which entity is this {label} mention?", self))
        self.name = QLineEdit(text, self)
        self.name.setObjectName("linkName")
        self.name.textEdited.connect(self.rank)
        layout.addWidget(self.name)
        self.list = QListWidget(self)
        self.list.setObjectName("linkCandidates")
        self.list.itemActivated.connect(lambda _item: self.link())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.link_button = QPushButton("&Link", self)
        self.new_button = QPushButton("&New Entity", self)
        self.none_button = QPushButton("Not in the &Knowledge Base", self)
        for button in (self.link_button, self.new_button, self.none_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.link_button.clicked.connect(self.link)
        self.new_button.clicked.connect(self.new)
        self.none_button.clicked.connect(self.none)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 380)
        self.rank()

    def rank(self) -> None:
        self.list.clear()
        for c in candidates.rank(self.project.conn, self.name.text(), type=self.label):
            names = ", ".join(dict.fromkeys(a.alias for a in c.aliases if a.alias != c.entity.name))
            current = "  (linked now)" if c.entity.id == self.linked else ""
            item = QListWidgetItem(
                f"{c.entity.name}  [{c.entity.type}]  {candidates.TIER_NAMES[c.tier]},"
                f" {c.mentions} mentions{current}\n    {names or 'no other names'}"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.entity.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.link_button.setEnabled(self.list.count() > 0)

    def candidate_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def link(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(LINK, int(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()

    def new(self) -> None:
        if self.name.text().strip():
            self.chosen.emit(NEW, self.name.text().strip())
            self.accept()

    def none(self) -> None:
        self.chosen.emit(NONE, None)
        self.accept()
