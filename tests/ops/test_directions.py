"""Paragraph directions set by hand: the operation, its inverse, and the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.core.model import DirectionOverride
from workbench.errors import KnownError
from workbench.ops.directions import replace_directions, set_direction
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.storage.schema import APPLICATION_ID, MIGRATIONS
from workbench.text.direction import paragraphs


def rows(path: Path) -> list[tuple[int, int, int, str]]:
    """The table as another program sees it, through its own connection."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT document_id, start, "end", direction FROM paragraph_directions ORDER BY start'
        ).fetchall()


def test_set_is_kept_and_changes_only_the_display(seeded: Project) -> None:
    doc = store_docs.get_document(seeded.conn, 3)
    first = paragraphs(doc.text)[0]
    assert first.rtl
    change = set_direction(seeded, 3, first.start, first.end, "ltr")
    assert change.removed == ()
    assert change.overrides == (DirectionOverride(first.start, first.end, False),)
    assert rows(seeded.path) == [(3, first.start, first.end, "ltr")]
    again = store_docs.get_document(seeded.conn, 3)
    assert again.text == doc.text and again.sentences == doc.sentences
    assert again.directions == change.overrides
    assert not paragraphs(again.text, again.directions)[0].rtl


def test_setting_replaces_what_it_meets_and_the_removed_rows_undo_it(seeded: Project) -> None:
    set_direction(seeded, 3, 0, 100, "ltr")
    set_direction(seeded, 3, 200, 300, "ltr")
    change = set_direction(seeded, 3, 50, 250, "rtl")  # meets both
    assert change.removed == (DirectionOverride(0, 100, False), DirectionOverride(200, 300, False))
    assert change.overrides == (DirectionOverride(50, 250, True),)
    undone = replace_directions(seeded, 3, 50, 250, change.removed)
    assert undone.overrides == change.removed
    assert set_direction(seeded, 3, 0, 100, "auto").overrides == (
        DirectionOverride(200, 300, False),
    )


def test_bad_requests_are_known_errors(seeded: Project) -> None:
    with pytest.raises(KnownError, match="direction must be one of"):
        set_direction(seeded, 3, 0, 10, "up")
    with pytest.raises(KnownError, match="outside document 3"):
        set_direction(seeded, 3, 0, 10**7, "rtl")
    with pytest.raises(KnownError, match="no document"):
        set_direction(seeded, 99, 0, 1, "rtl")
    assert rows(seeded.path) == []


def test_deleting_a_document_deletes_its_directions(seeded: Project) -> None:
    set_direction(seeded, 3, 0, 10, "ltr")
    with seeded.transaction() as conn:
        conn.execute("DELETE FROM documents WHERE id = 3")
    assert rows(seeded.path) == []


def test_a_project_from_before_the_migration_gets_the_table(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, first = MIGRATIONS[0]
    first(conn)
    conn.execute("INSERT INTO migrations VALUES (?, '2025-01-01')", (name,))
    conn.execute(
        "INSERT INTO documents (source, content_hash, text, imported_at)"
        " VALUES ('a.txt', 'h', 'خبر', '2025-01-01')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Project.open(path, create=False) as project:
        names = [r[0] for r in project.conn.execute("SELECT name FROM migrations")]
        assert "003_paragraph_directions" in names
        assert store_docs.get_document(project.conn, 1).directions == ()
        set_direction(project, 1, 0, 3, "ltr")
    assert rows(path) == [(1, 0, 3, "ltr")]
