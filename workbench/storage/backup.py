"""A consistent copy of a project file, safe while the window writes to it.

``cp`` of a live project copies the main file and the WAL at different moments and
may leave the newest commits out or tear a page; SQLite's online backup API copies
every page inside one read transaction instead, so the copy is the project as it was
at one commit, whoever writes meanwhile (WAL mode lets writers go on). The source is
read through a read-only connection (never ``open()``/``close()``: see
:func:`~workbench.storage.project.check_header`). The copy is written to a temporary
file beside the target, switched out of WAL mode so that it is one self-contained
file, checked with ``quick_check``, then renamed into place: a crash or a full disk
never leaves a half-written backup under the target's name.

Rolling backups (one per opening of the window, the newest few kept) live in a folder
beside the project: ``NAME.backups/NAME-YYYYmmdd-HHMMSS.wbproj``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from workbench.errors import ProjectError
from workbench.progress import Progress
from workbench.storage.project import check_header, describe, sqlite_uri

KEEP = 5


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def backup_project(source: Path, target: Path) -> Iterator[Progress]:
    """Copy the project ``source`` to ``target`` (replaced if it exists), as a job."""
    source, target = Path(source), Path(target)
    check_header(source)
    for suffix in ("", "-wal", "-shm"):
        if _same_file(Path(f"{source}{suffix}"), target):
            raise ProjectError(f"{target}: that is the project itself; choose another file")
    if target.is_dir():
        raise ProjectError(f"{target}: is a folder; give the backup a file name")
    if not target.parent.is_dir():
        raise ProjectError(f"{target}: the folder {target.parent} does not exist")
    yield Progress(0, 1, f"Backing up {source.name}")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _copy(source, partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise ProjectError(f"{target}: the backup failed: {describe(exc)}") from None
    except OSError as exc:
        raise ProjectError(f"{target}: the backup failed: {exc.strerror}") from None
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    yield Progress(1, 1, f"Backed up to {target.name}")


def _copy(source: Path, partial: Path) -> None:
    src = sqlite3.connect(sqlite_uri(source, "ro"), uri=True)
    try:
        dst = sqlite3.connect(partial, isolation_level=None)
        try:
            # One step: the whole copy in one read transaction, so writes by other
            # connections never restart it (as they would between smaller steps).
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise ProjectError(f"{source}: the copy does not check out ({verdict})")
        finally:
            dst.close()
    finally:
        src.close()
    fd = os.open(partial, os.O_RDONLY)  # the partial copy, never the project itself
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backups_folder(project: Path) -> Path:
    return project.with_name(project.name + ".backups")


def backups_of(project: Path) -> list[Path]:
    """The rolling backups of ``project``, newest first."""
    folder = backups_folder(project)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{project.stem}-*{project.suffix or '.wbproj'}"), reverse=True)


def rolling_backup(project: Path, *, keep: int = KEEP, when: datetime | None = None) -> Path:
    """Back ``project`` up into its backups folder and drop all but the newest ``keep``."""
    folder = backups_folder(project)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"{folder}: cannot create the backups folder ({exc.strerror})") from None
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{project.stem}-{stamp}{project.suffix or '.wbproj'}"
    for _ in backup_project(project, target):
        pass
    for old in backups_of(project)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target
