"""Undoable changes to the label schema, made from the schema editor.

Each command calls one function of :mod:`workbench.ops.schema` and, to undo, the
inverse that the operation's return value makes possible (the old colour, the old key,
the removed labels with their positions, the schema as it was before a preset). The
target (the window) then reloads the schema everywhere it is shown; a rename also
renames annotations, so the shown document's annotations are reloaded too.
"""

from __future__ import annotations

from typing import Protocol

from workbench.core.model import Label
from workbench.gui.annotation.commands import OperationCommand
from workbench.ops import schema as ops
from workbench.storage.project import Project


class SchemaTarget(Protocol):
    def schema_changed(self, annotations_renamed: bool) -> None: ...

    def report(self, exc: BaseException) -> None: ...


class SchemaCommand(OperationCommand):
    renames = False  # whether annotations change with the schema

    def __init__(self, text: str, project: Project, target: SchemaTarget) -> None:
        super().__init__(text, target.report)
        self.project = project
        self.target = target

    def done(self, result: object) -> None:
        self.target.schema_changed(self.renames)


class ApplyPresetCommand(SchemaCommand):
    def __init__(self, project: Project, name: str, target: SchemaTarget) -> None:
        super().__init__(f"Apply Schema Preset {name}", project, target)
        self.name = name
        self.change: ops.SchemaReplaced | None = None

    def run(self) -> None:
        if self.change is None:
            self.change = ops.apply_preset(self.project, self.name)
        else:
            ops.restore_schema(self.project, self.change.after)

    def revert(self) -> None:
        assert self.change is not None
        ops.restore_schema(self.project, self.change.before)


class AddLabelCommand(SchemaCommand):
    def __init__(self, project: Project, label: Label, target: SchemaTarget) -> None:
        super().__init__(f"Add Label {label.name}", project, target)
        self.label = label

    def run(self) -> None:
        self.label = ops.add_label(self.project, self.label)

    def revert(self) -> None:
        ops.remove_label(self.project, self.label.kind, self.label.name, self.label.parent)


class RenameLabelCommand(SchemaCommand):
    renames = True

    def __init__(self, project: Project, label: Label, new: str, target: SchemaTarget) -> None:
        super().__init__(f"Rename {label.name} to {new}", project, target)
        self.label, self.new = label, new
        self.renamed: ops.LabelRenamed | None = None

    def run(self) -> None:
        x = self.label
        self.renamed = ops.rename_label(self.project, x.kind, x.name, self.new, x.parent)

    def revert(self) -> None:
        assert self.renamed is not None
        r = self.renamed
        ops.rename_label(self.project, r.kind, r.new, r.old, r.parent)


class RecolourLabelCommand(SchemaCommand):
    def __init__(self, project: Project, label: Label, color: str, target: SchemaTarget) -> None:
        super().__init__(f"Recolour {label.name}", project, target)
        self.label, self.color = label, color
        self.old: str | None = None

    def run(self) -> None:
        x = self.label
        self.old = ops.recolour(self.project, x.kind, x.name, self.color, x.parent)

    def revert(self) -> None:
        assert self.old is not None
        x = self.label
        ops.recolour(self.project, x.kind, x.name, self.old, x.parent)


class RekeyLabelCommand(SchemaCommand):
    def __init__(
        self, project: Project, label: Label, key: str | None, target: SchemaTarget
    ) -> None:
        super().__init__(f"Change Key of {label.name}", project, target)
        self.label, self.key = label, key
        self.old: str | None = None

    def run(self) -> None:
        x = self.label
        self.old = ops.rekey(self.project, x.kind, x.name, self.key, x.parent)

    def revert(self) -> None:
        x = self.label
        ops.rekey(self.project, x.kind, x.name, self.old, x.parent)


class RemoveLabelCommand(SchemaCommand):
    def __init__(self, project: Project, label: Label, target: SchemaTarget) -> None:
        super().__init__(f"Remove Label {label.name}", project, target)
        self.label = label
        self.removed: ops.LabelsRemoved | None = None

    def run(self) -> None:
        x = self.label
        self.removed = ops.remove_label(self.project, x.kind, x.name, x.parent)

    def revert(self) -> None:
        assert self.removed is not None
        ops.restore_labels(self.project, self.removed)
