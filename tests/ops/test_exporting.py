"""Exporting JSONL: our shape, doccano, spaCy; atomic writes; export-import-export identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.model import Argument
from workbench.errors import KnownError
from workbench.ops import annotating
from workbench.ops.exporting import export_jsonl
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def export(project: Project, path: Path, fmt: str = "workbench") -> list[dict]:
    for _ in export_jsonl(project, path, fmt):
        pass
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def annotate_seed_002(project: Project) -> None:
    doc_id = store_docs.find_document(project.conn, "002_cd534f5e258f1d2c.txt")
    text = store_docs.document_text(project.conn, doc_id)
    trump = text.index("ترامپ")
    putin = text.index("پوتین")
    summit = text.index("نشست")
    a = annotating.add_mention(project, doc_id, trump, trump + 5, "PER", annotator="ayşe")
    b = annotating.add_mention(
        project, doc_id, putin, putin + 5, "PER", annotator="ayşe", kb_id="Q7747"
    )
    annotating.add_event(
        project,
        doc_id,
        "Contact.Meet",
        summit,
        summit + 4,
        (Argument("Entity", a.id), Argument("Entity", b.id)),
        annotator="ayşe",
    )


def test_workbench_shape(seeded: Project, tmp_path: Path) -> None:
    annotate_seed_002(seeded)
    rows = export(seeded, tmp_path / "out.jsonl")
    assert len(rows) == 5
    doc = rows[2]
    assert set(doc) == {"id", "source", "lang", "status", "text", "sentences", "entities", "events"}
    assert doc["lang"] == "fa" and doc["status"] == "todo"
    assert doc["sentences"][0].keys() == {"start", "end", "translation", "model"}
    assert doc["sentences"][0]["translation"] is None and doc["sentences"][0]["model"] is None
    ents = doc["entities"]
    assert [e["text"] for e in ents] == ["ترامپ", "پوتین"]
    assert ents[0].keys() == {
        "id",
        "start",
        "end",
        "label",
        "text",
        "kb_id",
        "kb_name",
        "annotator",
        "uid",
    }
    assert len({e["uid"] for e in ents}) == 2 and all(len(e["uid"]) == 32 for e in ents)
    assert ents[1]["kb_id"] == "Q7747" and ents[0]["annotator"] == "ayşe"
    (event,) = doc["events"]
    assert event["type"] == "Contact.Meet" and event["trigger"]["text"] == "نشست"
    assert len(event["uid"]) == 32
    assert event["arguments"] == [
        {"role": "Entity", "entity": ents[0]["id"]},
        {"role": "Entity", "entity": ents[1]["id"]},
    ]
    for e in ents:
        assert doc["text"][e["start"] : e["end"]] == e["text"]


def test_export_import_export_is_identical(seeded: Project, tmp_path: Path) -> None:
    annotate_seed_002(seeded)
    first = tmp_path / "first.jsonl"
    export(seeded, first)
    with Project.open(tmp_path / "copy.wbproj") as copy:
        job = ImportJob(copy, [first])
        for _ in job.run():
            pass
        assert job.report.refused == []
        second = tmp_path / "second.jsonl"
        export(copy, second)
    assert first.read_bytes() == second.read_bytes()


def test_doccano_and_spacy_shapes(seeded: Project, tmp_path: Path) -> None:
    annotate_seed_002(seeded)
    doccano = export(seeded, tmp_path / "d.jsonl", "doccano")[2]
    assert doccano["label"][0][2] == "PER"
    spacy = export(seeded, tmp_path / "s.jsonl", "spacy")[2]
    assert [s["text"] for s in spacy["spans"]] == ["ترامپ", "پوتین"]
    # Both shapes come back in as the same spans.
    with Project.open(tmp_path / "back.wbproj") as back:
        for _ in ImportJob(back, [tmp_path / "d.jsonl", tmp_path / "s.jsonl"]).run():
            pass
        docs = [
            store_docs.get_document(back.conn, d.id) for d in store_docs.list_documents(back.conn)
        ]
    spans = [[(m.start, m.end, m.label) for m in d.mentions] for d in docs if d.mentions]
    assert len(spans) == 2 and spans[0] == spans[1]


def test_cancelled_export_leaves_the_old_file(seeded: Project, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous export\n", encoding="utf-8")
    gen = export_jsonl(seeded, target)
    next(gen)
    next(gen)
    gen.close()
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_export_to_missing_folder_is_a_known_error(seeded: Project, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="does not exist"):
        list(export_jsonl(seeded, tmp_path / "nope" / "x.jsonl"))


_texts = st.text(
    alphabet=st.sampled_from(list("abc ترامپ\u200cپوتین 😀\u064e\u200f\n")), min_size=1, max_size=40
).filter(str.strip)


@st.composite
def _docs(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(_texts)
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append((start, end, draw(st.sampled_from(["PER", "GPE", "ORG"]))))
    return text, spans


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=_docs())
def test_any_annotated_text_survives_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory, doc: tuple[str, list[tuple[int, int, str]]]
) -> None:
    text, spans = doc
    folder = tmp_path_factory.mktemp("rt")
    src = folder / "in.jsonl"
    src.write_text(
        json.dumps({"text": text, "label": [list(s) for s in spans]}) + "\n", encoding="utf-8"
    )
    with Project.open(folder / "p.wbproj") as project:
        job = ImportJob(project, [src], offsets="codepoints")  # doccano counting code points
        for _ in job.run():
            pass
        assert job.report.refused == []
        row = export(project, folder / "out.jsonl")[0]
    assert row["text"] == text
    got = sorted((e["start"], e["end"], e["label"]) for e in row["entities"])
    assert got == sorted(spans)
    assert all(e["text"] == text[e["start"] : e["end"]] for e in row["entities"])


def test_uids_survive_export_and_import_and_a_copy_gets_its_own(
    seeded: Project, tmp_path: Path
) -> None:
    annotate_seed_002(seeded)
    out = tmp_path / "out.jsonl"
    rows = export(seeded, out)
    uids = {e["uid"] for e in rows[2]["entities"]} | {e["uid"] for e in rows[2]["events"]}
    with Project.open(tmp_path / "copy.wbproj") as copy:
        list(ImportJob(copy, [out]).run())
        back = store_docs.get_document(copy.conn, 3)
        assert {m.uid for m in back.mentions} | {e.uid for e in back.events} == uids
        renamed = tmp_path / "renamed.jsonl"  # the same text under another name
        renamed.write_text(out.read_text(encoding="utf-8").replace('"source": "', '"source": "x'))
        list(ImportJob(copy, [renamed]).run())
        twin = store_docs.get_document(
            copy.conn, store_docs.find_document(copy.conn, "x" + back.source)
        )
        assert len(twin.mentions) == 2 and not {m.uid for m in twin.mentions} & uids


def test_one_annotators_layer_exports_alone(seeded: Project, tmp_path: Path) -> None:
    annotate_seed_002(seeded)
    annotating.add_mention(seeded, 3, 0, 4, "ORG", annotator="curated")
    rows = [
        json.loads(line)
        for line in _export_layer(seeded, tmp_path / "gold.jsonl", "curated").splitlines()
    ]
    assert [(e["start"], e["label"], e["annotator"]) for e in rows[2]["entities"]] == [
        (0, "ORG", "curated")
    ]
    assert rows[2]["events"] == []
    with pytest.raises(KnownError, match="no annotations by 'nobody'.*annotators: ayşe, curated"):
        _export_layer(seeded, tmp_path / "x.jsonl", "nobody")


def _export_layer(project: Project, path: Path, annotator: str) -> str:
    from workbench.ops.exporting import ExportJob

    list(ExportJob(project, path, annotator=annotator).run())
    return path.read_text(encoding="utf-8")
