"""Merging knowledge bases: entities by uid or external id, aliases, mention links.

Two laptops share a gazetteer (so "Donald Trump" has one uid on both), each links its
own mentions, each creates "Vladimir Putin" on its own (two uids, the same Wikidata id),
and each has an entity the other lacks; one of those is a namesake ("Ali Demir" twice, two
people). After merging both ways and twice, each entity is there once per identity, its
aliases from both sides, every mention linked to the right one, the namesakes side by
side and named in the report and in the review list.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import SEEDS
from workbench.ops import annotating, knowledge
from workbench.ops.entity_merge import same_name_pairs
from workbench.ops.gazetteer import export_gazetteer, import_gazetteer
from workbench.ops.importing import ImportJob
from workbench.ops.merging import merge_projects
from workbench.ops.projects import open_project
from workbench.storage import documents as store_docs

SEED_002 = "002_cd534f5e258f1d2c.txt"
SEED_004 = "004_ca61b40399ea37bd.txt"


def _laptop(path: Path, gazetteer: Path | None, who: str) -> None:
    with open_project(path, create=True) as project:
        list(ImportJob(project, [SEEDS / SEED_002, SEEDS / SEED_004]).run())
        if gazetteer is None:
            knowledge.create_entity(project, "PER", "Donald Trump", lang="en")
            export_gazetteer(project, path.with_suffix(".kb.jsonl"))
        else:
            import_gazetteer(project, gazetteer)
        conn = project.conn
        trump_id = conn.execute("SELECT id FROM entities WHERE name = 'Donald Trump'").fetchone()[0]
        putin = knowledge.create_entity(project, "PER", "Vladimir Putin", external_id="Q7747")
        knowledge.create_entity(project, "PER", "Ali Demir", note=f"{who}'s source")
        for source, word, entity_id in [
            (SEED_002, "ترامپ", trump_id),
            (SEED_004, "ترامب", trump_id),
            (SEED_002, "پوتین", putin.id),
        ]:
            doc_id = store_docs.find_document(conn, source)
            text = store_docs.document_text(conn, doc_id)
            start = text.index(word)
            m = annotating.add_mention(
                project, doc_id, start, start + len(word), "PER", annotator=who
            )
            knowledge.link_mentions(project, [m.id], entity_id)


def _entities(path: Path) -> dict[tuple[str, str | None], tuple[str, set[str]]]:
    """(name, external id) -> (uid, aliases) of every entity."""
    conn = sqlite3.connect(path)
    out = {}
    for entity_id, name, external, uid in conn.execute(
        "SELECT id, name, external_id, uid FROM entities"
    ):
        aliases = {a for (a,) in conn.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ?", (entity_id,))}  # fmt: skip
        out.setdefault((name, external), []).append((uid, aliases))
    conn.close()
    return out  # type: ignore[return-value]


def _links(path: Path) -> set[tuple[str, str, str]]:
    """(mention uid, entity name, entity uid) for every linked mention."""
    conn = sqlite3.connect(path)
    rows = set(
        conn.execute(
            "SELECT m.uid, e.name, e.uid FROM mentions m JOIN entities e ON e.id = m.entity_id"
        )
    )
    conn.close()
    return rows


def test_knowledge_bases_merge_by_identity_both_ways_and_twice(tmp_path: Path) -> None:
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    _laptop(a, None, "ayşe")
    _laptop(b, a.with_suffix(".kb.jsonl"), "mehmet")
    links_a, links_b = _links(a), _links(b)

    ab, ba = tmp_path / "ab.wbproj", tmp_path / "ba.wbproj"
    first = merge_projects_into(ab, [a, b])
    merge_projects_into(ba, [b, a])
    again = merge_projects_into(ab, [b, a])

    for merged in (ab, ba):
        entities = _entities(merged)
        assert len(entities[("Donald Trump", None)]) == 1  # one uid on both laptops
        (trump_uid, trump_aliases) = entities[("Donald Trump", None)][0]
        assert {"Donald Trump", "ترامپ", "ترامب"} <= trump_aliases
        assert len(entities[("Vladimir Putin", "Q7747")]) == 1  # same Wikidata id
        assert len(entities[("Ali Demir", None)]) == 2  # namesakes: never merged silently
        links = _links(merged)
        assert {m for m, _, _ in links} == {m for m, _, _ in links_a | links_b}
        assert {(m, name) for m, name, _ in links} == {
            (m, name) for m, name, _ in links_a | links_b
        }
        assert all(uid == trump_uid for _, name, uid in links if name == "Donald Trump")
        conn = sqlite3.connect(merged)
        pairs = same_name_pairs(conn)
        names = {conn.execute("SELECT name FROM entities WHERE id = ?", (i,)).fetchone()[0]
                 for pair in pairs for i in pair}  # fmt: skip
        conn.close()
        assert names == {"Ali Demir"}
    notes = " ".join(n for s in first.sources for n in s.notes)
    assert "Ali Demir" in notes and "review" in notes
    assert first.sources[1].counts["entities"].came_in == 1  # only Mehmet's Ali Demir
    assert first.sources[1].counts["entities"].already == 2  # Trump (uid), Putin (QID)
    assert again.came_in() == 0  # the same sources again: nothing new


def merge_projects_into(target: Path, sources: list[Path]):  # type: ignore[no-untyped-def]
    with open_project(target, create=True) as project:
        return merge_projects(project, sources)
