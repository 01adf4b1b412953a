"""The knowledge base below the GUI: entities, links, merge and split with their undo,
free-text kb ids moved into entities, exports, and the gazetteer between projects."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ops.test_exporting import export
from workbench.cli.main import cli
from workbench.ops import annotating, knowledge
from workbench.ops.annotating import StaleChange
from workbench.storage import entities as store
from workbench.storage.project import Project
from workbench.storage.schema import MIGRATIONS


def _mention(project: Project, doc_id: int, word: str, nth: int = 0) -> int:
    text = project.conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return annotating.add_mention(project, doc_id, at, at + len(word), "PER").id


def _links(project: Project) -> dict[int, int | None]:
    return dict(project.conn.execute("SELECT id, entity_id FROM mentions"))


def test_link_merge_split_and_their_undo(seeded: Project) -> None:
    trump_tr = _mention(seeded, 1, "Trump")
    trump_fa = _mention(seeded, 3, "ترامپ")
    trump_ar = _mention(seeded, 5, "ترامب")
    a = knowledge.create_entity(seeded, "PER", "Donald Trump", lang="en")
    b = knowledge.create_entity(seeded, "PER", "ترامپ", lang="fa")
    before = knowledge.link_mentions(seeded, [trump_tr], a.id)
    assert before.before == {trump_tr: None}
    assert [x.alias for x in before.added_aliases] == ["Trump"]  # the mention's name
    knowledge.link_mentions(seeded, [trump_fa, trump_ar], b.id)

    merge = knowledge.merge_entities(seeded, a.id, b.id)
    assert store.get_entity(seeded.conn, b.id) is None
    assert set(store.mention_ids_of(seeded.conn, a.id)) == {trump_tr, trump_fa, trump_ar}
    assert {x.alias for x in store.aliases_of(seeded.conn, a.id)} == {
        "Donald Trump", "Trump", "ترامپ", "ترامب",
    }  # fmt: skip
    knowledge.unmerge(seeded, merge)
    assert store.get_entity(seeded.conn, b.id) == b  # the same id and uid
    assert store.mention_ids_of(seeded.conn, b.id) == [trump_fa, trump_ar]
    assert [x.alias for x in store.aliases_of(seeded.conn, a.id)] == ["Donald Trump", "Trump"]

    split = knowledge.split_entity(seeded, b.id, [trump_ar], "ترامب")
    assert store.mention_ids_of(seeded.conn, split.new.id) == [trump_ar]
    knowledge.unsplit(seeded, split)
    assert store.mention_ids_of(seeded.conn, b.id) == [trump_fa, trump_ar]
    assert store.get_entity(seeded.conn, split.new.id) is None
    knowledge.resplit(seeded, split)
    assert store.mention_ids_of(seeded.conn, split.new.id) == [trump_ar]

    knowledge.restore_links(seeded, before)
    assert _links(seeded)[trump_tr] is None
    assert [x.alias for x in store.aliases_of(seeded.conn, a.id)] == ["Donald Trump"]


def test_an_undo_refuses_links_another_program_changed(seeded: Project) -> None:
    m = _mention(seeded, 1, "Trump")
    a = knowledge.create_entity(seeded, "PER", "Trump")
    b = knowledge.create_entity(seeded, "PER", "Putin")
    before = knowledge.link_mentions(seeded, [m], a.id)
    knowledge.link_mentions(seeded, [m], b.id)  # "another program"
    with pytest.raises(StaleChange):
        knowledge.restore_links(seeded, before)
    assert _links(seeded)[m] == b.id


def test_deleting_an_entity_unlinks_and_restoring_relinks(seeded: Project) -> None:
    m = _mention(seeded, 1, "Trump")
    a = knowledge.create_entity(seeded, "PER", "Trump")
    knowledge.link_mentions(seeded, [m], a.id)
    removed = knowledge.delete_entity(seeded, a.id)
    assert _links(seeded)[m] is None
    knowledge.restore_entity(seeded, removed)
    assert _links(seeded)[m] == a.id and store.get_entity(seeded.conn, a.id) == a


def test_exports_carry_the_entity_id_and_its_preferred_name(
    seeded: Project, tmp_path: Path
) -> None:
    m = _mention(seeded, 3, "ترامپ")
    plain = knowledge.create_entity(seeded, "PER", "Donald Trump", lang="en")
    knowledge.link_mentions(seeded, [m], plain.id)
    (doc,) = [d for d in export(seeded, tmp_path / "a.jsonl") if d["entities"]]
    assert doc["entities"][0]["kb_id"] == "wb:" + plain.uid
    assert doc["entities"][0]["kb_name"] == "Donald Trump"
    knowledge.update_entity(seeded, replace(plain, external_id="Q22686"))
    (doc,) = [d for d in export(seeded, tmp_path / "b.jsonl") if d["entities"]]
    assert doc["entities"][0]["kb_id"] == "Q22686"


def test_free_text_kb_ids_become_entities(seeded: Project) -> None:
    text = seeded.conn.execute("SELECT text FROM documents WHERE id = 2").fetchone()[0]
    at = text.index("Putin")
    m = annotating.add_mention(seeded, 2, at, at + 5, "PER", kb_id="Q7747")
    assert m.entity_id is not None and m.kb_id == "Q7747"
    entity = store.get_entity(seeded.conn, m.entity_id)
    assert entity is not None and entity.external_id == "Q7747" and entity.name == "Putin"
    again = annotating.add_mention(seeded, 2, at + 6, at + 8, "PER", kb_id="Q7747")
    assert again.entity_id == m.entity_id


def test_the_migration_moves_old_kb_ids_into_entities(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for _, migration in MIGRATIONS[:2]:
        migration(conn)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.executemany("INSERT INTO migrations VALUES (?, 'x')", [(n,) for n, _ in MIGRATIONS[:2]])
    conn.execute(
        "INSERT INTO documents (id, source, content_hash, text, lang, imported_at)"
        " VALUES (1, 'a.txt', 'h', 'Putin ve Trump, PUTİN', 'tr', 'x')"
    )
    for s, e, kb in [(0, 5, "Q7747"), (9, 14, None), (16, 21, "Q7747")]:
        conn.execute(
            'INSERT INTO mentions (document_id, start, "end", label, kb_id, created_at)'
            " VALUES (1, ?, ?, 'PER', ?, 'x')",
            (s, e, kb),
        )
    conn.execute("PRAGMA application_id = 0x5742504A")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    with Project.open(path, create=False) as project:
        (row,) = store.list_entities(project.conn)
        assert row.entity.external_id == "Q7747" and row.mentions == 2
        assert [a.alias for a in store.aliases_of(project.conn, row.entity.id)] == [
            "Putin",
            "PUTİN",
        ]
        kb = project.conn.execute("SELECT kb_id FROM mentions").fetchall()
        assert kb == [(None,), (None,), (None,)]  # the entity holds it now
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_gazetteer_round_trip_between_projects(seeded: Project, tmp_path: Path) -> None:
    trump = knowledge.create_entity(
        seeded, "PER", "Donald Trump", lang="en", aliases=[("ترامپ", "fa"), ("ترامب", "ar")]
    )
    knowledge.create_entity(seeded, "PER", "Vladimir Putin", external_id="Q7747")
    runner = CliRunner()
    out = tmp_path / "kb.jsonl"
    result = runner.invoke(cli, ["kb", "export", str(seeded.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {x["name"] for x in lines} == {"Donald Trump", "Vladimir Putin"}

    other = tmp_path / "other.wbproj"
    for _ in range(2):  # a second import adds nothing
        result = runner.invoke(cli, ["kb", "import", str(other), str(out)])
        assert result.exit_code == 0, result.output
    with Project.open(other) as project:
        rows = store.list_entities(project.conn)
        assert len(rows) == 2
        copied = next(r.entity for r in rows if r.entity.name == "Donald Trump")
        assert copied.uid == trump.uid
        assert {a.alias for a in store.aliases_of(project.conn, copied.id)} == {
            "Donald Trump", "ترامپ", "ترامب",
        }  # fmt: skip
    listing = runner.invoke(cli, ["kb", "list", str(other), "--name", "ترامب"])
    assert "Donald Trump" in listing.output and "Putin" not in listing.output


def test_a_broken_gazetteer_is_refused_whole(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "PER", "name": "A"}\n{"type": "PER"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["kb", "import", str(project.path), str(bad)])
    assert result.exit_code == 1 and "line 2: name" in result.output
    assert store.list_entities(project.conn) == []
