"""Annotate all and candidate ranking on the seeds."""

from __future__ import annotations

import pytest

from workbench.ops import annotating, candidates, knowledge, occurrences
from workbench.ops.annotating import StaleChange
from workbench.storage import annotations as store
from workbench.storage.project import Project


def _count(project: Project) -> int:
    return int(project.conn.execute("SELECT count(*) FROM mentions").fetchone()[0])


def test_annotate_all_from_a_linked_mention_in_one_step_and_back(seeded: Project) -> None:
    text = seeded.conn.execute("SELECT text FROM documents WHERE id = 5").fetchone()[0]
    at = text.index("ترامب")
    first = annotating.add_mention(seeded, 5, at, at + 5, "PER")
    trump = knowledge.create_entity(seeded, "PER", "Trump", aliases=[("ترامپ", "fa")])
    knowledge.link_mentions(seeded, [first.id], trump.id)
    linked = store.get_mention(seeded.conn, first.id)
    assert linked is not None and linked.entity_id == trump.id
    hits = occurrences.occurrences(seeded, mention=linked)
    assert (5, at) not in {(h.document, h.start) for h in hits}  # itself is annotated
    assert {h.source[:3] for h in hits} == {"000", "002", "003", "004"}
    arabic = [h for h in hits if h.source.startswith("004")]
    assert all(h.text == "ترامب" for h in arabic)

    before = _count(seeded)
    done = occurrences.annotate_all(
        seeded, [(h.document, h.start, h.end) for h in hits], "PER", entity_id=trump.id
    )
    assert _count(seeded) == before + len(hits)
    assert {m.entity_id for m in done.mentions} == {trump.id}
    assert occurrences.occurrences(seeded, mention=linked) == []
    occurrences.unannotate_all(seeded, done)
    assert _count(seeded) == before
    occurrences.reannotate_all(seeded, done)
    assert _count(seeded) == before + len(hits)


def test_done_documents_are_left_out_unless_asked(seeded: Project) -> None:
    seeded.conn.execute("UPDATE documents SET status = 'done' WHERE id = 3")
    hits = occurrences.occurrences(seeded, query="ترامپ")
    assert hits == []
    assert occurrences.occurrences(seeded, query="ترامپ", include_done=True)


def test_undo_refuses_a_mention_another_program_changed(seeded: Project) -> None:
    hits = occurrences.occurrences(seeded, query="ترامپ")
    done = occurrences.annotate_all(seeded, [(h.document, h.start, h.end) for h in hits], "PER")
    seeded.conn.execute("UPDATE mentions SET label = 'ORG' WHERE id = ?", (done.mentions[-1].id,))
    with pytest.raises(StaleChange):
        occurrences.unannotate_all(seeded, done)
    assert _count(seeded) == len(hits)  # nothing was removed


def test_candidates_ranked_exact_then_stripped_then_fuzzy(project: Project) -> None:
    trump = knowledge.create_entity(project, "PER", "Trump", aliases=[("ترامب", "ar")])
    trumpet = knowledge.create_entity(project, "MISC", "Trumpf")
    putin = knowledge.create_entity(project, "PER", "Putin", aliases=[("بوتين", "ar")])
    ranked = candidates.rank(project.conn, "Trump’ın", type="PER")
    assert [(c.entity.id, c.tier) for c in ranked] == [
        (trump.id, candidates.EXACT),
        (trumpet.id, candidates.FUZZY),
    ]
    ranked = candidates.rank(project.conn, "وترامب")
    assert (ranked[0].entity.id, ranked[0].tier) == (trump.id, candidates.STRIPPED)
    assert {a.alias for a in ranked[0].aliases} == {"Trump", "ترامب"}
    assert [c.entity.id for c in candidates.rank(project.conn, "PUTİN")] == [putin.id]
    assert candidates.rank(project.conn, "Bush") == []
