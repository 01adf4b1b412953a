"""Document-level operations: status and the language override."""

from __future__ import annotations

import pytest

from workbench.errors import KnownError
from workbench.ops.documents import set_language, set_status
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def test_status_change_returns_the_previous_one(seeded: Project) -> None:
    assert set_status(seeded, 1, "in_progress") == "todo"
    assert set_status(seeded, 1, "done") == "in_progress"
    assert store_docs.list_documents(seeded.conn)[0].status == "done"
    with pytest.raises(KnownError, match="status must be one of"):
        set_status(seeded, 1, "finished")
    with pytest.raises(KnownError, match="no document"):
        set_status(seeded, 99, "done")


def test_language_override_is_kept_as_the_users(seeded: Project) -> None:
    set_language(seeded, 1, "AZ")
    info = store_docs.list_documents(seeded.conn)[0]
    assert (info.lang, info.lang_confidence) == ("az", 1.0)
    source = seeded.conn.execute("SELECT lang_source FROM documents WHERE id = 1").fetchone()[0]
    assert source == "user"
    with pytest.raises(KnownError, match="ISO 639-1"):
        set_language(seeded, 1, "Turkish")
