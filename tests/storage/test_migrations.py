"""Existing project files go through every migration with their data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.storage.project import Project
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _old_project(path: Path) -> None:
    """A project file as the first release wrote it: schema 1, rows with ids 1..3."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0][1](conn)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO migrations VALUES ('001_initial', '2026-11-01T00:00:00+00:00')")
    conn.execute(
        "INSERT INTO documents (id, source, content_hash, text, imported_at)"
        " VALUES (1, 'a.txt', 'h', 'Trump ve Putin', 'x')"
    )
    for i, (s, e) in enumerate([(0, 5), (9, 14), (6, 8)], start=1):
        conn.execute(
            'INSERT INTO mentions (id, document_id, start, "end", label, created_at)'
            " VALUES (?, 1, ?, ?, 'PER', 'x')",
            (i, s, e),
        )
    conn.execute(
        "INSERT INTO events (id, document_id, type, trigger_start, trigger_end, created_at)"
        " VALUES (1, 1, 'Contact.Meet', 6, 8, 'x')"
    )
    conn.execute("INSERT INTO event_arguments (event_id, role, mention_id) VALUES (1, 'Entity', 3)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def test_an_old_file_keeps_its_rows_and_never_reuses_an_id(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    _old_project(path)
    with Project.open(path, create=False) as project:
        c = project.conn
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = c.execute('SELECT id, start, "end", uid FROM mentions ORDER BY id').fetchall()
        assert [r[:3] for r in rows] == [(1, 0, 5), (2, 9, 14), (3, 6, 8)]
        assert len({r[3] for r in rows}) == 3 and all(len(r[3]) == 32 for r in rows)
        assert c.execute("SELECT event_id, role, mention_id FROM event_arguments").fetchall() == [
            (1, "Entity", 3)
        ]
        c.execute("DELETE FROM mentions WHERE id = 3")  # the top id, and its argument
        assert c.execute("SELECT count(*) FROM event_arguments").fetchone()[0] == 0
        new = c.execute(
            'INSERT INTO mentions (document_id, start, "end", label, created_at)'
            " VALUES (1, 6, 8, 'ORG', 'x')"
        ).lastrowid
        assert new == 4
        names = [r[0] for r in c.execute("SELECT name FROM migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]
