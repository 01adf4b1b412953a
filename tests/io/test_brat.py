"""brat standoff: export, import, export again is identical, and an independent reader
written from the brat standoff specification finds the same mentions and events."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.seed_annotations import EXPECTED_MENTIONS, annotate_seeds
from workbench.io.brat_reader import parse_ann
from workbench.io.fields import LineError
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def run_export(project: Project, folder: Path) -> ExportJob:
    job = ExportJob(project, folder, "brat")
    for _ in job.run():
        pass
    return job


def do_import(project: Project, *paths: Path) -> ImportJob:
    job = ImportJob(project, list(paths))
    for _ in job.run():
        pass
    return job


def read_standoff(ann: str, text: str) -> dict[str, object]:
    """An independent reader of brat standoff, from its specification.

    Each line is ``ID<TAB>annotation[<TAB>text]``. ``T``: ``TYPE START END[;START END]*``
    with the covered text after the second tab; ``E``: ``TYPE:TRIGGER ROLE:ID ...``;
    ``N``: ``Reference TARGET DB:ID``. Offsets count characters of the .txt.
    """
    bound: dict[str, tuple[str, int, int]] = {}
    events: list[tuple[str, str, list[tuple[str, str]]]] = []
    refs: dict[str, str] = {}
    for line in ann.splitlines():
        fields = line.split("\t")
        ident = fields[0]
        if ident[0] == "T":
            assert len(fields) == 3
            kind, offsets = fields[1].split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            start, end = pieces[0][0], pieces[-1][1]
            assert fields[2] == " ".join(text[s:e] for s, e in pieces)
            bound[ident] = (kind, start, end)
        elif ident[0] == "E":
            head, *args = fields[1].split(" ")
            kind, trigger = head.split(":")
            events.append((kind, trigger, [tuple(a.split(":", 1)) for a in args]))  # type: ignore[misc]
        elif ident[0] == "N":
            ref, target, dbid = fields[1].split(" ")
            assert ref == "Reference"
            refs[target] = dbid
        else:
            raise AssertionError(f"unexpected line {line!r}")
    return {"bound": bound, "events": events, "refs": refs}


@pytest.fixture
def annotated(seeded: Project) -> Project:
    annotate_seeds(seeded)
    return seeded


def test_export_import_export_is_identical(annotated: Project, tmp_path: Path) -> None:
    first = tmp_path / "first"
    job = run_export(annotated, first)
    names = sorted(p.name for p in first.iterdir())
    assert names[:2] == ["000_7d63036d73f712df.ann", "000_7d63036d73f712df.txt"]
    assert "annotation.conf" in names and "visual.conf" in names and len(names) == 12
    assert any("annotator names" in line for line in job.losses.lines())
    with Project.open(tmp_path / "copy.wbproj") as copy:
        back = do_import(copy, first)
        assert back.report.refused == [] and len(back.report.imported) == 5
        second = tmp_path / "second"
        run_export(copy, second)
        a = {p.name: p.read_bytes() for p in first.iterdir()}
        b = {p.name: p.read_bytes() for p in second.iterdir()}
        assert a == b
        docs = store_docs.list_documents(copy.conn)
        assert sum(d.mentions for d in docs) == EXPECTED_MENTIONS
        assert sum(d.events for d in docs) == 5
        # The original label names come back, though brat stores Contact_Meet.
        doc = store_docs.get_document(copy.conn, docs[0].id)
        assert {e.type for e in doc.events} == {"Contact.Meet"}
        assert {m.kb_id for m in doc.mentions} == {None, "Q7747"}


def test_independent_reader_sees_the_same_events(annotated: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    run_export(annotated, folder)
    for info in store_docs.list_documents(annotated.conn):
        doc = store_docs.get_document(annotated.conn, info.id)
        stem = info.source.removesuffix(".txt")
        text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
        assert text == doc.text
        parsed = read_standoff((folder / f"{stem}.ann").read_text(encoding="utf-8"), text)
        bound = parsed["bound"]
        assert isinstance(bound, dict)
        mentions = sorted((s, e, k) for k, s, e in bound.values() if k == "PER")
        assert mentions == [(m.start, m.end, m.label) for m in doc.mentions]
        got = []
        for kind, trigger, args in parsed["events"]:  # type: ignore[attr-defined]
            _, ts, te = bound[trigger]
            roles = [(re.sub(r"\d+$", "", role), bound[t][1:]) for role, t in args]
            got.append((kind, ts, te, roles))
        mention_at = {m.id: (m.start, m.end) for m in doc.mentions}
        want = [
            (
                e.type.replace(".", "_"),
                e.trigger_start,
                e.trigger_end,
                [(a.role, mention_at[a.mention_id]) for a in e.arguments],
            )
            for e in doc.events
        ]
        assert got == want
        refs = parsed["refs"]
        assert isinstance(refs, dict)
        assert sorted(bound[t][1:] for t in refs) == [
            (m.start, m.end) for m in doc.mentions if m.kb_id
        ]
        assert set(refs.values()) <= {"KB:Q7747"}


def test_annotation_conf_declares_types_and_roles(annotated: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    run_export(annotated, folder)
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    sections = re.findall(r"^\[(\w+)\]$", conf, re.M)
    assert sections == ["entities", "relations", "events", "attributes"]
    assert "\nPER\n" in conf
    assert re.search(r"^Contact_Meet\tEntity\*:PER$", conf, re.M)
    for line in conf.splitlines():  # every type name in brat's storage form
        if line and not line.startswith(("#", "[")):
            assert re.match(r"^[A-Za-z0-9_-]+(\t|$)", line), line


def test_crlf_text_and_pieces_around_a_line_break(project: Project, tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_bytes(b"Trump\r\nPutin ile\r\n")
    (tmp_path / "d.ann").write_text(
        "T1\tPER 7 12\tPutin\nT2\tORG 0 5;7 12\tTrump Putin\nN1\tReference T1 wikidata:Q7747\tx\n",
        encoding="utf-8",
    )
    job = do_import(project, tmp_path / "d.ann")  # a pair named by its .ann
    assert job.report.refused == []
    doc = store_docs.get_document(project.conn, job.report.imported[0][0])
    got = [(doc.text[m.start : m.end], m.label, m.kb_id) for m in doc.mentions]
    assert got == [("Trump\nPutin", "ORG", None), ("Putin", "PER", "wikidata:Q7747")]


@pytest.mark.parametrize(
    ("ann", "reason"),
    [
        (
            "T1\tPER 0 5\tTrump\nT2\tPER 9 14\tPutin\nR1\tKnows Arg1:T1 Arg2:T2\n",
            "line 3: relations",
        ),
        ("T1\tPER 0 5\tTrump\nA1\tNegated T1\n", "line 2: attributes"),
        ("T1\tPER 0 2;4 5\tTr p\n", "line 1: T1: a span in pieces"),
        ("T1\tPER 0 50\tTrump\n", "line 1: T1 ends at 50"),
        ("T1\tPER 0 5\tTrump\nE1\t \n", "line 2: E1: no annotation type"),
        ("T1\tPER 0 5\tTrump\nT1\tPER 9 14\tPutin\n", "line 2: T1 appears twice"),
    ],
)
def test_what_we_cannot_hold_refuses_the_file(
    project: Project, tmp_path: Path, ann: str, reason: str
) -> None:
    (tmp_path / "d.txt").write_text("Trump ve Putin", encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    job = do_import(project, tmp_path)
    assert job.report.imported == []
    assert job.report.refused[0].startswith(f"d.ann, {reason}")


_ann_line = st.lists(
    st.sampled_from(
        [
            "T1",
            "T2",
            "E1",
            "N1",
            "R1",
            "#1",
            "PER",
            "Ev:T1",
            "Role:T2",
            "Role2:T1",
            "0",
            "3",
            "7",
            "2;4",
            "Reference",
            "KB:Q1",
            "\t",
            " ",
            ";",
            ":",
        ]
    ),
    max_size=8,
).map("".join)


@given(st.lists(_ann_line, max_size=6).map("\n".join))
def test_any_ann_is_read_or_refused_cleanly(ann: str) -> None:
    raw = "Trump ve\r\nPutin"
    try:
        rec = parse_ann(raw, ann, "d.txt", {})
    except LineError as exc:
        assert str(exc)
        return
    n = len(rec.text)
    assert all(0 <= m.start < m.end <= n for m in rec.mentions)
    assert all(0 <= e.trigger_start < e.trigger_end <= n for e in rec.events)
    keys = {m.key for m in rec.mentions}
    assert all(k in keys for e in rec.events for _, k in e.arguments)
