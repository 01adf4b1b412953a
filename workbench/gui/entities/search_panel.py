"""The Search dock (Ctrl+Shift+F): a name or an entity in every document of the project.

Runs :func:`workbench.ops.searching.search` (normalized: any script, any apostrophe,
affixes left out) and lists each hit with its document and its context, the hit in
brackets. Clicking a hit opens the document with the hit selected in the source pane,
at its real place in the original text. "Annotate All..." offers the hits as a checklist
(:mod:`.annotate_all`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import KnownError
from workbench.gui.common.dialogs import plain_label
from workbench.ops import searching

if TYPE_CHECKING:
    from workbench.gui.entities.knowledge_base import KnowledgeBase

_HIT = Qt.ItemDataRole.UserRole
SHOWN = 500  # hits listed (Annotate All reads every occurrence)


def context_line(hit: searching.Hit) -> str:
    return f"…{hit.before}[{hit.text}]{hit.after}…"


class SearchPanel(QWidget):
    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.kb = kb
        self.entity_id: int | None = None
        self.hits: list[searching.Hit] = []
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText("A name in any script, then Enter")
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.query.textEdited.connect(lambda _t: setattr(self, "entity_id", None))
        self.substring = QCheckBox("Inside words", self)
        self.substring.toggled.connect(lambda _on: self.run())
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.substring)
        self.summary = plain_label("", self)
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setHeaderLabels(["Document", "Hit"])
        self.results.setRootIsDecorated(False)
        self.results.itemClicked.connect(self._clicked)
        self.results.itemActivated.connect(self._clicked)
        self.annotate_button = QPushButton("Annotate All...", self)
        self.annotate_button.clicked.connect(self.annotate_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.annotate_button)

    def search_entity(self, entity_id: int, name: str) -> None:
        self.query.setText(name)
        self.entity_id = entity_id
        self.run()

    def run(self) -> None:
        project = self.kb.project
        self.results.clear()
        self.hits = []
        if project is None or (not self.query.text().strip() and self.entity_id is None):
            self.summary.setText("")
            return
        try:
            self.hits = searching.search(
                project,
                None if self.entity_id is not None else self.query.text(),
                entity_id=self.entity_id,
                whole_word=not self.substring.isChecked(),
                limit=SHOWN,
            )
        except KnownError as exc:
            self.summary.setText(str(exc))
            return
        for hit in self.hits:
            item = QTreeWidgetItem([hit.source, context_line(hit)])
            item.setData(0, _HIT, hit)
            self.results.addTopLevelItem(item)
        self.results.resizeColumnToContents(0)
        docs = len({h.document for h in self.hits})
        first = "the first " if len(self.hits) >= SHOWN else ""
        self.summary.setText(f"{first}{len(self.hits)} hits in {docs} documents")

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit: searching.Hit = item.data(0, _HIT)
        self.kb.jump(hit.document, hit.start, hit.end)

    def annotate_all(self) -> None:
        if self.entity_id is not None:
            self.kb.annotate_all(entity_id=self.entity_id)
        elif self.query.text().strip():
            self.kb.annotate_all(query=self.query.text())
