"""The annotate-all checklist: every other occurrence, ticked, applied as one undo step.

Lists :func:`workbench.ops.occurrences.occurrences` (from a mention, an entity or a
search), each with its document, its context and the proposed span in brackets -- the
name without its affix. Documents marked done are left out unless the box says
otherwise; the label defaults to the mention's, the entity stays the mention's (or the
searched one's); the scope is the whole project or the shown document. "Annotate" emits the ticked places; the controller pushes one
:class:`~.entity_commands.AnnotateAllCommand`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.common.dialogs import plain_label
from workbench.gui.entities.search_panel import context_line
from workbench.ops import searching

# (include documents marked done?, the whole project rather than the shown document?)
Finder = Callable[[bool, bool], list[searching.Hit]]


class AnnotateAllDialog(QDialog):
    applied = Signal(list, str)  # [(doc id, start, end)], label

    def __init__(
        self,
        title: str,
        find: Finder,
        labels: list[str],
        label: str,
        parent: QWidget,
        *,
        has_document: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotateAllDialog")
        self.setWindowTitle("Annotate All")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.finder = find
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(title, self))
        row = QHBoxLayout()
        row.addWidget(plain_label("Label:", self))
        self.label_box = QComboBox(self)
        self.label_box.addItems(labels)
        if label in labels:
            self.label_box.setCurrentText(label)
        row.addWidget(self.label_box, 1)
        self.scope = QComboBox(self)
        self.scope.setObjectName("annotateAllScope")
        self.scope.addItems(["In the whole project", "In this document"])
        self.scope.setEnabled(has_document)
        self.scope.currentIndexChanged.connect(lambda _i: self.fill())
        row.addWidget(self.scope)
        self.include_done = QCheckBox("Include documents marked done", self)
        self.include_done.toggled.connect(lambda _on: self.fill())
        row.addWidget(self.include_done)
        layout.addLayout(row)
        self.list = QListWidget(self)
        self.list.setObjectName("occurrenceList")
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Annotate")
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        whole = self.scope.currentIndex() == 0
        for hit in self.finder(self.include_done.isChecked(), whole):
            item = QListWidgetItem(f"{hit.source}  {context_line(hit)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, (hit.document, hit.start, hit.end))
            self.list.addItem(item)
        self.ok.setEnabled(self.list.count() > 0)

    def ticked(self) -> list[tuple[int, int, int]]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def apply(self) -> None:
        places = self.ticked()
        if places:
            self.applied.emit(places, self.label_box.currentText())
        self.accept()
