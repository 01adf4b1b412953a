"""Backups: a consistent copy while another program writes, rolling backups, restore."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.faults.test_wal_kept import _wal_deleted
from workbench.errors import ProjectError
from workbench.storage.backup import backup_project, backups_of, rolling_backup
from workbench.storage.project import Project

WRITER = textwrap.dedent(
    """
    import sys
    from workbench.ops import annotating as ops
    from workbench.storage.project import Project

    window = Project.open(sys.argv[1], create=False)
    print("writing", flush=True)
    for i in range(100000):
        ops.add_mention(window, 1, i % 50, i % 50 + 3, "PER")
    """
)


def test_a_backup_while_another_program_writes_is_consistent(
    tmp_path: Path, seeded_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(seeded_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        copies = []
        for i in range(3):
            target = tmp_path / f"copy{i}.wbproj"
            done = subprocess.run(
                [sys.executable, "-m", "workbench", "backup", str(seeded_path), "-o", str(target)],
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stderr
            copies.append(target)
        assert not _wal_deleted(writer.pid)
    finally:
        writer.kill()
        writer.wait()
    counts = []
    for target in copies:
        assert target.read_bytes()[18:20] == b"\x01\x01", "the copy still needs a WAL"
        assert not Path(f"{target}-wal").exists()
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in conn.execute("SELECT id FROM mentions ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1)), "a torn copy: a commit half in it"
        counts.append(len(ids))
        conn.close()
    assert counts == sorted(counts) and counts[-1] > 0
    with Project.open(copies[-1], create=False) as project:  # an ordinary project
        assert project.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_a_backup_never_replaces_the_project_itself(seeded_path: Path) -> None:
    for target in (seeded_path, Path(f"{seeded_path}-wal")):
        with Project.open(seeded_path) as project:  # the -wal exists while open
            assert project is not None
            with pytest.raises(ProjectError, match="the project itself"):
                list(backup_project(seeded_path, target))
    assert (
        Project.open(seeded_path, create=False).conn.execute("PRAGMA integrity_check").fetchone()[0]
        == "ok"
    )


def test_rolling_backups_keep_the_newest_five(seeded_path: Path) -> None:
    start = datetime(2026, 12, 1, 9, 0, 0)
    made = [rolling_backup(seeded_path, when=start + timedelta(minutes=i)) for i in range(7)]
    assert backups_of(seeded_path) == list(reversed(made[2:]))
    assert not made[0].exists() and not made[1].exists()


def test_the_window_backs_up_at_opening_and_restores_as_a_new_project(
    window, qtbot, tmp_path: Path, seeded_path: Path, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(backups_of(seeded_path)) == 1, timeout=10_000)
    window.backups.wait()
    (backup,) = backups_of(seeded_path)
    with sqlite3.connect(seeded_path) as other:  # later work the backup does not hold
        other.execute("DELETE FROM documents WHERE id = 5")

    taken = tmp_path / "restored.wbproj"
    window.backups.restore(backup, taken)
    qtbot.waitUntil(lambda: window.project is not None and window.project.path == taken)
    assert window.documents.model.rowCount() == 5
    assert window.document is not None  # the first document, though its id is the same
    assert errors == []

    window.backups.restore(backup, taken)  # never over an existing file
    assert len(errors) == 1 and "never overwrites" in errors[0]
