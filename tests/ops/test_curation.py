"""Curating two analysts' merged work into a gold layer that exports.

The whole team story of the issue, end to end: two laptops' files from the seeds,
merged both ways and twice (nothing lost or duplicated), agreement against numbers
worked out by hand, then curation into the ``curated`` layer and its export.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.team import SEED_001, SEED_002, A, B, build_laptops, content, counts
from workbench.agreement.report import agreement_report
from workbench.ops import curation
from workbench.ops.annotating import StaleChange, update_mention
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob
from workbench.ops.merging import merge_projects
from workbench.ops.projects import open_project
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def _doc(p: Project, source: str) -> int:
    return store_docs.find_document(p.conn, source)


def _gold(p: Project, doc: int) -> list[tuple[int, int, str]]:
    return sorted(
        (m.start, m.end, m.label)
        for m in store_docs.get_document(p.conn, doc).mentions
        if m.annotator == curation.CURATED
    )


def test_the_team_story_from_laptops_to_a_gold_export(tmp_path: Path) -> None:
    laptops = build_laptops(tmp_path)
    union = {k: content(laptops.a)[k] | content(laptops.b)[k] for k in content(laptops.a)}
    for target, source in ((laptops.a, laptops.b), (laptops.b, laptops.a)) * 2:
        with open_project(target) as p:
            merge_projects(p, [source])
    assert content(laptops.a) == content(laptops.b) == union
    assert counts(laptops.a)["mentions"] == 15 and counts(laptops.a)["events"] == 4

    with open_project(laptops.a) as p:
        pair = agreement_report(p.conn)["pairs"][0]
        assert pair["exact"]["overall"]["f1"] == pytest.approx(8 / 15, abs=1e-6)
        assert pair["events"]["trigger_classification"]["f1"] == 0.5

        doc1, doc2 = _doc(p, SEED_001), _doc(p, SEED_002)
        before = curation.progress(p.conn, doc1)
        assert before == (0, 10)  # 9 distinct mentions, 1 distinct event (trigger + type)
        agreed = curation.accept_agreed(p, doc1)
        assert len(agreed.mentions) == 2 and agreed.events == ()  # Putin, Bush; the
        # event's arguments differ (Bush: Entity or Time), so it waits for the curator
        assert curation.progress(p.conn, doc1) == (2, 10)
        state = curation.curation_of(p.conn, doc1)
        mine = next(e for e in state.events[A])
        vladimir = next(m for m in state.mentions[A] if m.end - m.start == len("Vladimir Putin"))
        chosen = curation.accept(p, doc1, [vladimir], [mine])
        assert len(chosen.mentions) == 1 and len(chosen.events) == 1
        # Vladimir Putin settles Mehmet's "Putin" inside it too; the event is settled.
        assert curation.progress(p.conn, doc1) == (5, 10)
        gold_event = curation.curation_of(p.conn, doc1).events[curation.CURATED][0]
        assert len(gold_event.arguments) == 2  # on the curated Putin and Bush
        curation.accept_agreed(p, doc2)  # ترامپ and پوتین; the events differ in type
        text = store_docs.document_text(p.conn, doc2)
        assert [text[s:e] for s, e, _ in _gold(p, doc2)] == ["ترامپ", "پوتین"]

        out = tmp_path / "gold.jsonl"
        list(ExportJob(p, out, annotator=curation.CURATED).run())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_source = {r["source"]: r for r in rows}
    assert [e["text"] for e in by_source[SEED_001]["entities"]] == [
        "Putin", "Bush", "Vladimir Putin"
    ]  # fmt: skip
    assert [e["type"] for e in by_source[SEED_001]["events"]] == ["Contact.Phone-Write"]
    assert len(by_source[SEED_002]["entities"]) == 2
    assert all(e["annotator"] == "curated" for r in rows for e in r["entities"])
    with open_project(tmp_path / "gold.wbproj", create=True) as g:  # the gold file reads back
        job = ImportJob(g, [out])
        list(job.run())
        assert job.report.refused == []
    with open_project(laptops.a) as p:  # and the curated layer is measured like a layer
        pairs = agreement_report(p.conn, annotators=[A, B, "curated"])["pairs"]
        assert [x["annotators"] for x in pairs] == [[A, B], [A, "curated"], [B, "curated"]]
        assert pairs[1]["exact"]["overall"]["precision"] == 1.0  # all of the gold is Ayşe's


def test_accepting_is_undone_and_redone_and_an_undo_never_removes_an_edit(tmp_path: Path) -> None:
    laptops = build_laptops(tmp_path)
    with open_project(laptops.a) as p:
        merge_projects(p, [laptops.b])
        doc = _doc(p, SEED_001)
        accepted = curation.accept_agreed(p, doc)
        assert len(_gold(p, doc)) == 2
        assert curation.accept_agreed(p, doc).mentions == ()  # nothing twice
        curation.unaccept(p, accepted)
        assert _gold(p, doc) == []
        curation.reaccept(p, accepted)
        assert [m.id for m in accepted.mentions] == [
            m.id
            for m in store_docs.get_document(p.conn, doc).mentions
            if m.annotator == curation.CURATED
        ]
        # Another program relabels a curated mention: the undo writes nothing.
        first = accepted.mentions[0]
        update_mention(p, replace(first, label="ORG"))
        with pytest.raises(StaleChange):
            curation.unaccept(p, accepted)
        assert len(_gold(p, doc)) == 2
