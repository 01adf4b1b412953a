"""Opening a project file, and giving a new one the default label schema.

Every path that can create a project (``workbench import``, ``workbench open``, the
window's New Project) goes through :func:`open_project`, so a project starts with the
ACE 2005 schema however it was made, and ``workbench schema`` and other tools reading
the file see the same labels the window shows.
"""

from __future__ import annotations

from pathlib import Path

from workbench.ops.schema import ensure_default_schema
from workbench.storage.project import Project


def open_project(path: str | Path, *, create: bool = False, patient: bool = True) -> Project:
    """Open ``path``; when ``create`` makes a new file, it gets the default schema.

    ``patient`` (background work: a command, a job): a write waits minutes, not
    seconds, for another program's write to finish.
    """
    path = Path(path)
    new = create and not path.exists()
    project = Project.open(path, create=create)
    project.patient = patient
    if new:
        try:
            ensure_default_schema(project)
        except BaseException:
            project.close()
            raise
    return project
