"""A project file written before the document list migration opens with its data intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.storage import documents as store_docs
from workbench.storage import listing
from workbench.storage.project import Project
from workbench.storage.schema import MIGRATIONS

BEFORE = [name for name, _ in MIGRATIONS].index("005_document_list")


def _old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file made by the schema just before the migration, holding some of everything."""
    with monkeypatch.context() as patch:
        patch.setattr("workbench.storage.project.MIGRATIONS", MIGRATIONS[:BEFORE])
        patch.setattr("workbench.storage.project.SCHEMA_VERSION", BEFORE)
        with Project.open(path) as old:
            c = old.conn
            with old.transaction():
                for doc_id, source, text, status in [
                    (1, "news.txt", "Trump ile Putin görüştü. İkinci cümle.", "done"),
                    (2, "news.txt", "Başka bir metin. Aynı ad.", "todo"),  # a second "news.txt"
                    (5, "خبر.txt", "ترامپ و پوتین دیدار کردند.", "in_progress"),
                ]:
                    c.execute(
                        "INSERT INTO documents (id, source, content_hash, lang, lang_confidence,"
                        " lang_source, text, status, imported_at)"
                        " VALUES (?, ?, ?, 'tr', 0.9, 'detected', ?, ?, '2026-01-01')",
                        (doc_id, source, f"hash{doc_id}", text, status),
                    )
                    c.execute(
                        'INSERT INTO sentences (document_id, seq, start, "end") VALUES (?, 0, 0, 5)',
                        (doc_id,),
                    )
                    c.execute(
                        'INSERT INTO sentences (document_id, seq, start, "end") VALUES (?, 1, 6, 9)',
                        (doc_id,),
                    )
                c.execute(
                    "INSERT INTO translations (sentence_id, text, status, model, model_version,"
                    " translated_at) VALUES (1, 'Trump and Putin met.', 'ok', 'argos:tr-en',"
                    " '1.9', '2026-01-01')"
                )
                c.execute(
                    'INSERT INTO mentions (id, document_id, start, "end", label, created_at)'
                    " VALUES (7, 1, 0, 5, 'PER', 'x'), (8, 1, 10, 15, 'PER', 'x'),"
                    " (9, 5, 0, 5, 'PER', 'x')"
                )
                c.execute(
                    "INSERT INTO events (id, document_id, type, trigger_start, trigger_end,"
                    " created_at) VALUES (3, 1, 'Contact.Meet', 16, 24, 'x')"
                )
                c.execute(
                    "INSERT INTO event_arguments (event_id, role, mention_id) VALUES (3, 'A', 7)"
                )
            assert c.execute("PRAGMA user_version").fetchone()[0] == BEFORE


def test_an_old_file_is_migrated_with_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wbproj"
    _old_file(path, monkeypatch)
    with Project.open(path) as project:
        c = project.conn
        columns = [row[1] for row in c.execute("PRAGMA table_info(documents)")]
        assert columns[-1] == "text"  # read last: lists never walk a text
        docs = {d.id: store_docs.get_document(c, d.id) for d in store_docs.list_documents(c)}
        assert sorted(docs) == [1, 2, 5]  # every id kept
        assert docs[1].text == "Trump ile Putin görüştü. İkinci cümle."
        assert docs[5].text == "ترامپ و پوتین دیدار کردند."
        assert [d.status for d in docs.values()] == ["done", "todo", "in_progress"]
        # the second document of a name is renamed: a name means one document
        assert [docs[1].source, docs[2].source] == ["news.txt", "news.txt (2)"]
        assert store_docs.find_document(c, "news.txt") == 1
        assert [m.id for m in docs[1].mentions] == [7, 8]
        assert docs[1].events[0].arguments[0].mention_id == 7
        assert docs[1].sentences[0].translation == "Trump and Putin met."
        info = {i.id: i for i in listing.infos(c)}
        assert (info[1].sentences, info[1].translated, info[1].mentions, info[1].events) == (
            2,
            1,
            2,
            1,
        )
        assert (info[5].sentences, info[5].mentions, info[5].events) == (2, 1, 0)
        assert [i.source for i in listing.page(c, listing.ListQuery(column="source"), 0, 9)] == [
            "news.txt",
            "news.txt (2)",
            "خبر.txt",
        ]
        # what earlier migrations hung on documents survived its rebuild
        triggers = {
            name
            for (name,) in c.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'documents'"
            )
        }
        assert "documents_leave_search_index" in triggers
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        # a new document gets a new id, never one that was used
        with project.transaction():
            new = store_docs.insert_document(
                c, source="x.txt", content_hash="h", text="Yeni.", lang="tr", lang_confidence=1
            )
        assert new == 6
