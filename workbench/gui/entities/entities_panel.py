"""The Entities dock: every entity of the knowledge base with its mentions across documents.

Filter by type and by name (normalized, any alias, any script: "ترامب" finds the entity
called "Donald Trump"). An entity's mentions are read when it is expanded, so the list
stays quick with tens of thousands of entities (at most ``SHOWN`` are listed). Clicking a
mention opens its document on it. Merge (two entities ticked), Split Off (mentions of
one entity selected), Find in Project and Annotate All act on the selection through the
:class:`~.knowledge_base.KnowledgeBase` controller, which owns the undo commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.ops.entity_merge import same_name_pairs
from workbench.storage import entities as store

if TYPE_CHECKING:
    from workbench.gui.entities.knowledge_base import KnowledgeBase

SHOWN = 500
_ENTITY, _MENTION = 1, 2
_KIND = Qt.ItemDataRole.UserRole
_ID = Qt.ItemDataRole.UserRole + 1
_PLACE = Qt.ItemDataRole.UserRole + 2


class EntitiesPanel(QWidget):
    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesPanel")
        self.kb = kb
        self.filter = QLineEdit(self)
        self.filter.setObjectName("entityFilter")
        self.filter.setPlaceholderText("Filter by name, any script")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _text: self.refresh())
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("entityType")
        self.type_box.currentIndexChanged.connect(lambda _i: self.refresh())
        # The review list: entities sharing a name with another of their type (a merge
        # brings a namesake in beside, never into, an entity): one person or two?
        self.review_box = QCheckBox("Same names", self)
        self.review_box.setObjectName("entityReview")
        self.review_box.setToolTip(
            "Only entities that share a name with another of their type, to review: "
            "merge those that are one"
        )
        self.review_box.toggled.connect(lambda _on: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.type_box)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("entityTree")
        self.tree.setHeaderLabels(["Entity", "Type", "Mentions", "Docs", "kb_id"])
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemClicked.connect(self._clicked)
        self.merge_button = QPushButton("Merge", self)
        self.split_button = QPushButton("Split Off", self)
        self.find_button = QPushButton("Find in Project", self)
        self.annotate_button = QPushButton("Annotate All...", self)
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button.clicked.connect(self.split_selected)
        self.find_button.clicked.connect(self.find_selected)
        self.annotate_button.clicked.connect(self.annotate_selected)
        # Two by two, so the dock stays narrow enough for a small laptop screen.
        buttons = QGridLayout()
        for n, b in enumerate(
            (self.merge_button, self.split_button, self.find_button, self.annotate_button)
        ):
            buttons.addWidget(b, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.review_box)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Re-read the list, keeping which entities were expanded."""
        project = self.kb.project
        expanded = {item.data(0, _ID) for item in self._top_items() if item.isExpanded()}
        self.tree.clear()
        if project is None:
            return
        self._types(project.conn)
        kind = self.type_box.currentData()
        review = {i for pair in same_name_pairs(project.conn) for i in pair}
        rows = store.list_entities(
            project.conn,
            type=kind or None,
            name=self.filter.text(),
            limit=-1 if self.review_box.isChecked() else SHOWN,
        )
        if self.review_box.isChecked():
            rows = [r for r in rows if r.entity.id in review][:SHOWN]
        for row in rows:
            e = row.entity
            item = QTreeWidgetItem(
                [e.name, e.type, str(row.mentions), str(row.documents), store.public_id(e)]
            )
            item.setData(0, _KIND, _ENTITY)
            item.setData(0, _ID, e.id)
            item.setChildIndicatorPolicy(
                QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
                if row.mentions
                else QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicator
            )
            aliases = ", ".join(a.alias for a in store.aliases_of(project.conn, e.id))
            shared = "\nshares a name with another entity: review" if e.id in review else ""
            item.setToolTip(0, f"{e.name}\nnames: {aliases}\n{e.note}{shared}".strip())
            if shared:
                font = item.font(0)
                font.setItalic(True)
                item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            if e.id in expanded:
                item.setExpanded(True)
        for column in range(1, 4):
            self.tree.resizeColumnToContents(column)

    def _types(self, conn: object) -> None:
        project = self.kb.project
        assert project is not None
        present = [r[0] for r in project.conn.execute("SELECT DISTINCT type FROM entities")]
        wanted = ["", *sorted(present)]
        current = [self.type_box.itemData(i) for i in range(self.type_box.count())]
        if current != wanted:
            chosen = self.type_box.currentData()
            self.type_box.blockSignals(True)
            self.type_box.clear()
            for kind in wanted:
                self.type_box.addItem(kind or "All types", kind)
            self.type_box.setCurrentIndex(max(0, wanted.index(chosen) if chosen in wanted else 0))
            self.type_box.blockSignals(False)

    def _fill(self, item: QTreeWidgetItem) -> None:
        project = self.kb.project
        if project is None or item.data(0, _KIND) != _ENTITY or item.childCount():
            return
        for mention_id, doc_id, source, start, end, text in store.mentions_of_entity(
            project.conn, int(item.data(0, _ID))
        ):
            # An isolate keeps a right-to-left name from reordering the source after it.
            child = QTreeWidgetItem([f"\u2068{text}\u2069    {source} {start}-{end}"])
            child.setData(0, _KIND, _MENTION)
            child.setData(0, _ID, mention_id)
            child.setData(0, _PLACE, (doc_id, start, end))
            item.addChild(child)
            child.setFirstColumnSpanned(True)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, _KIND) == _MENTION:
            doc_id, start, end = item.data(0, _PLACE)
            self.kb.jump(doc_id, start, end, int(item.data(0, _ID)))

    # -- the selection ------------------------------------------------------------------------
    def selected_entities(self) -> list[int]:
        return [
            int(i.data(0, _ID)) for i in self.tree.selectedItems() if i.data(0, _KIND) == _ENTITY
        ]

    def selected_mentions(self) -> list[tuple[int, int, int]]:
        """(entity id, mention id, document id) of the selected mention rows."""
        out = []
        for i in self.tree.selectedItems():
            parent = i.parent()
            if i.data(0, _KIND) == _MENTION and parent is not None:
                place = i.data(0, _PLACE)
                out.append((int(parent.data(0, _ID)), int(i.data(0, _ID)), int(place[0])))
        return out

    def _top_items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def item_of(self, entity_id: int) -> QTreeWidgetItem | None:
        return next((i for i in self._top_items() if i.data(0, _ID) == entity_id), None)

    def merge_selected(self) -> None:
        ids = self.selected_entities()
        if len(ids) != 2:
            self.kb.say("Select exactly two entities to merge (the first one stays)")
            return
        self.kb.merge(ids[0], ids[1])

    def split_selected(self) -> None:
        picked = self.selected_mentions()
        if not picked or len({e for e, _m, _d in picked}) != 1:
            self.kb.say("Select mentions of one entity to split them off into a new entity")
            return
        self.kb.split(picked[0][0], [m for _e, m, _d in picked], [d for _e, _m, d in picked])

    def find_selected(self) -> None:
        ids = self.selected_entities()
        if ids:
            self.kb.find_entity(ids[0])

    def annotate_selected(self) -> None:
        ids = self.selected_entities()
        if ids:
            self.kb.annotate_all(entity_id=ids[0])
