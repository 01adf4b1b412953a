"""The project file: creation, pragmas, migrations and refusing files it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from workbench.errors import ProjectError
from workbench.storage.project import Project
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _fingerprint(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_new_project_is_wal_with_ids_and_migrations(tmp_path: Path) -> None:
    path = tmp_path / "corpus.sqlite"  # any name works
    with Project.open(path) as project:
        c = project.conn
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = [r[0] for r in c.execute("SELECT name FROM migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {
            "documents",
            "sentences",
            "translations",
            "mentions",
            "events",
            "event_arguments",
            "labels",
        } <= tables


def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    Project.open(path).close()
    with Project.open(path) as project:
        rows = project.conn.execute("SELECT count(*) FROM migrations").fetchone()[0]
    assert rows == len(MIGRATIONS)


def test_missing_project_without_create(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "absent.wbproj", create=False)
    assert not (tmp_path / "absent.wbproj").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some notes\n" * 20, "not an SQLite database"),
        (b"", "not an SQLite database"),
        (b"SQLite format 3\x00", "not an SQLite database"),  # truncated header
    ],
)
def test_non_sqlite_files_are_refused_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.wbproj"
    path.write_bytes(content)
    before = _fingerprint(path)
    with pytest.raises(ProjectError, match=message) as info:
        Project.open(path)
    assert "\n" not in str(info.value)
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.wbproj"]


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(ProjectError, match="not a workbench project"):
        Project.open(path)
    assert _fingerprint(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_newer_project_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.wbproj"
    Project.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(path)
    assert _fingerprint(path) == before


def test_transaction_rolls_back_on_error(project: Project) -> None:
    with pytest.raises(RuntimeError), project.transaction() as c:
        c.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        raise RuntimeError("boom")
    assert project.setting("a") is None
    project.set_setting("a", "c")
    assert project.setting("a") == "c"


def test_locked_project_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "p.wbproj"
    Project.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Project.open(path) as project:
            project.conn.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(ProjectError, match="locked by another program"):
                project.set_setting("k", "v")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_new_project_reopens_after_a_crash_before_any_checkpoint(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "p.wbproj"
    code = (
        "import os\n"
        "from workbench.storage.project import Project\n"
        f"p = Project.open({str(path)!r})\n"
        "p.set_setting('k', 'v')\n"
        "os._exit(0)  # no close, no checkpoint\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    with Project.open(path) as project:
        assert project.setting("k") == "v"


def test_background_work_waits_for_another_programs_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from workbench.storage import project as project_module

    path = tmp_path / "p.wbproj"
    Project.open(path).close()
    monkeypatch.setattr(project_module, "PATIENT_S", 5)
    for patient in (False, True):
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")  # another program writing for a second
        release = threading.Timer(1.0, holder.execute, ("COMMIT",))
        release.start()
        try:
            with Project.open(path) as project:
                project.conn.execute("PRAGMA busy_timeout = 100")
                project.patient = patient
                started = time.monotonic()
                if patient:
                    project.set_setting("k", "v")
                    assert time.monotonic() - started >= 0.5  # it did wait
                    assert project.setting("k") == "v"
                else:
                    with pytest.raises(ProjectError, match="locked by another program"):
                        project.set_setting("k", "w")
        finally:
            release.join()
            holder.close()
