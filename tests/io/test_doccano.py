"""doccano both ways: offset units checked against a UTF-16 reference, the shapes doccano
writes (dict label items, relation mode) read, and events carried in relation mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.seed_annotations import EXPECTED_MENTIONS, annotate_seeds
from workbench.io.jsonl import parse_line
from workbench.io.offsets import UnitScale
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

EMOJI_TEXT = "😀 Bugün 👍🏽 Trump'ın ve 🇹🇷 Putin'in 😀😀 görüşmesi ترامپ"


def utf16(text: str, cp: int) -> int:
    """The reference: JavaScript's string length of the text before ``cp``."""
    return len(text[:cp].encode("utf-16-le")) // 2


def run_export(project: Project, out: Path, fmt: str, offsets: str | None = None) -> ExportJob:
    job = ExportJob(project, out, fmt, offsets=offsets)
    for _ in job.run():
        pass
    return job


def do_import(project: Project, path: Path, offsets: str = "utf16") -> ImportJob:
    job = ImportJob(project, [path], offsets)
    for _ in job.run():
        pass
    return job


@given(st.text(alphabet=list("ab 😀👍🏽🇹🇷ترامپ\u064e"), max_size=30))
def test_utf16_scale_matches_the_reference(text: str) -> None:
    scale = UnitScale(text, "utf16")
    for cp in range(len(text) + 1):
        assert scale.to_units(cp) == utf16(text, cp)
        assert scale.from_units(utf16(text, cp)) == cp


def test_a_real_doccano_line_with_emoji_imports_unshifted() -> None:
    names = [("Trump", "PER"), ("Putin", "PER"), ("ترامپ", "PER")]
    label = []
    for name, tag in names:
        cp = EMOJI_TEXT.index(name)
        label.append([utf16(EMOJI_TEXT, cp), utf16(EMOJI_TEXT, cp + len(name)), tag])
    rec = parse_line(json.dumps({"text": EMOJI_TEXT, "label": label}), "x:1")
    assert [EMOJI_TEXT[m.start : m.end] for m in rec.mentions] == ["Trump", "Putin", "ترامپ"]
    # The same line read as code points is what used to happen: shifted spans.
    old = parse_line(json.dumps({"text": EMOJI_TEXT, "label": label[:2]}), "x:1", "codepoints")
    assert [EMOJI_TEXT[m.start : m.end] for m in old.mentions] == ["mp'ın", "'in 😀"]


def test_graphemes_count_clusters() -> None:
    cp = EMOJI_TEXT.index("Putin")
    clusters = sum(1 for _ in __import__("regex").finditer(r"\X", EMOJI_TEXT[:cp]))
    rec = parse_line(
        json.dumps({"text": EMOJI_TEXT, "label": [[clusters, clusters + 5, "PER"]]}),
        "x:1",
        "graphemes",
    )
    assert EMOJI_TEXT[rec.mentions[0].start : rec.mentions[0].end] == "Putin"


def test_offset_inside_a_surrogate_pair_is_refused() -> None:
    with pytest.raises(Exception, match="surrogate pair"):
        parse_line(json.dumps({"text": "😀 ab", "label": [[1, 4, "X"]]}), "x:1")


def test_dict_label_items_are_read() -> None:
    line = {
        "text": "Trump ve Putin",
        "label": [{"start_offset": 9, "end_offset": 14, "label": "PER"}],
    }
    rec = parse_line(json.dumps(line), "x:1")
    assert [(m.start, m.end, m.label) for m in rec.mentions] == [(9, 14, "PER")]


def test_relation_mode_is_read_with_relations_as_event_arguments() -> None:
    line = {
        "id": 7,
        "text": "😀 Trump Putin ile görüştü",
        "entities": [
            {"id": 10, "label": "PER", "start_offset": 3, "end_offset": 8},
            {"id": 11, "label": "PER", "start_offset": 9, "end_offset": 14},
            {"id": 12, "label": "Contact.Meet", "start_offset": 19, "end_offset": 26},
        ],
        "relations": [
            {"id": 1, "from_id": 12, "to_id": 10, "type": "Entity"},
            {"id": 2, "from_id": 12, "to_id": 11, "type": "Entity"},
        ],
    }
    rec = parse_line(json.dumps(line), "x:1")
    text = rec.text
    assert [text[m.start : m.end] for m in rec.mentions] == ["Trump", "Putin"]
    (event,) = rec.events
    assert (
        event.type == "Contact.Meet" and text[event.trigger_start : event.trigger_end] == "görüştü"
    )
    assert event.arguments == [("Entity", "10"), ("Entity", "11")]


def test_relation_mode_export_carries_events_and_reimports(seeded: Project, tmp_path: Path) -> None:
    annotate_seeds(seeded)
    out = tmp_path / "rel.jsonl"
    job = run_export(seeded, out, "doccano-relations")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["relations"]) for r in rows) == 8  # 001 has no Trump, 003 no Putin
    assert sum(len(r["entities"]) for r in rows) == EXPECTED_MENTIONS + 5
    text = "\n".join(job.losses.lines())
    assert "knowledge-base ids" in text and "events" not in text.split("changes")[0]
    with Project.open(tmp_path / "copy.wbproj") as copy:
        back = do_import(copy, out)
        assert back.report.refused == []
        docs = [store_docs.get_document(copy.conn, i) for i, _ in back.report.imported]
        again = [
            store_docs.get_document(seeded.conn, i) for i in store_docs.document_ids(seeded.conn)
        ]
        for got, want in zip(docs, again, strict=True):
            assert [(m.start, m.end, m.label) for m in got.mentions] == [
                (m.start, m.end, m.label) for m in want.mentions
            ]
            assert [(e.type, e.trigger_start, len(e.arguments)) for e in got.events] == [
                (e.type, e.trigger_start, len(e.arguments)) for e in want.events
            ]


def test_export_offsets_follow_the_unit(project: Project, tmp_path: Path) -> None:
    at = EMOJI_TEXT.index("Putin")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {"text": EMOJI_TEXT, "entities": [{"start": at, "end": at + 5, "label": "PER"}]},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    do_import(project, src)
    for unit, expected in (("utf16", utf16(EMOJI_TEXT, at)), ("codepoints", at)):
        out = tmp_path / f"{unit}.jsonl"
        run_export(project, out, "doccano", unit)
        (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert row["label"] == [[expected, expected + 5, "PER"]]
    default = tmp_path / "default.jsonl"
    run_export(project, default, "doccano")
    assert json.loads(default.read_text(encoding="utf-8"))["label"][0][0] == utf16(EMOJI_TEXT, at)


def test_grapheme_export_widens_an_edge_inside_a_cluster_and_says_so() -> None:
    from workbench.core.model import Document, Mention
    from workbench.io import doccano
    from workbench.io.losses import Losses

    text = "ok 👍🏽 ok"  # the thumbs up and its skin tone are one cluster, two code points
    doc = Document(1, "d", "", "tr", 1.0, "todo", text, mentions=(Mention(1, 1, 3, 4, "X"),))
    losses = Losses("doccano")
    row = doccano.to_sequence(doc, losses, "graphemes")
    assert row["label"] == [[3, 4, "X"]]  # the whole cluster, in cluster units
    assert any("grapheme cluster" in line for line in losses.lines())
    assert doccano.to_sequence(doc, Losses("doccano"), "utf16")["label"] == [[3, 5, "X"]]
