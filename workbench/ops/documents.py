"""Operations on documents as wholes: status, language override, lookup helpers."""

from __future__ import annotations

from workbench.core.model import STATUSES
from workbench.errors import KnownError
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.text.language import LANGUAGES


def set_status(project: Project, doc_id: int, status: str) -> str:
    """Set a document's status; returns the previous one (for undo)."""
    if status not in STATUSES:
        raise KnownError(f"status must be one of {', '.join(STATUSES)}")
    with project.transaction() as conn:
        previous = conn.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if previous is None:
            raise KnownError(f"no document with id {doc_id}")
        store_docs.set_status(conn, doc_id, status)
    return str(previous[0])


def set_language(project: Project, doc_id: int, lang: str) -> None:
    """Override the detected language (any ISO 639-1 code; the known ones are checked)."""
    code = lang.strip().lower()
    if len(code) != 2 or not code.isalpha():
        raise KnownError(
            f"{lang!r} is not an ISO 639-1 language code (e.g. {', '.join(LANGUAGES)})"
        )
    with project.transaction() as conn:
        store_docs.document_text(conn, doc_id)  # raises if absent
        store_docs.set_language(conn, doc_id, code)
