"""The spaCy/Prodigy export read by spaCy itself: every seed span aligns, DocBin round trip.

spaCy is an optional test dependency: without it these tests skip (the tokenizer's own
invariants are tested in test_tokens.py regardless).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.seed_annotations import EXPECTED_MENTIONS, annotate_seeds
from workbench.ops.exporting import ExportJob
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project

spacy = pytest.importorskip("spacy")
offsets_to_biluo_tags = spacy.training.offsets_to_biluo_tags


def run_export(project: Project, output: Path, fmt: str) -> ExportJob:
    job = ExportJob(project, output, fmt)
    for _ in job.run():
        pass
    return job


@pytest.fixture
def annotated(seeded: Project) -> Project:
    annotate_seeds(seeded)
    return seeded


def test_every_seed_span_aligns_in_strict_mode(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "spacy.jsonl"
    job = run_export(annotated, out, "spacy")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    aligned = total = 0
    own_tokenizer_misses = 0
    for row in rows:
        lang = row["meta"]["lang"]
        assert lang in ("tr", "fa", "ar")
        nlp = spacy.blank(lang)
        tokens = row["tokens"]
        doc = spacy.tokens.Doc(
            nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens]
        )
        assert doc.text == row["text"]
        for i, token in enumerate(doc):
            assert (token.idx, token.idx + len(token.text)) == (
                tokens[i]["start"],
                tokens[i]["end"],
            )
        own = nlp(row["text"])
        for span in row["spans"]:
            total += 1
            got = doc.char_span(span["start"], span["end"], alignment_mode="strict")
            assert got is not None, span
            assert (got.start, got.end - 1) == (span["token_start"], span["token_end"])
            assert got.text == span["text"]
            aligned += 1
            if own.char_span(span["start"], span["end"]) is None:
                own_tokenizer_misses += 1
        # What training code does next: no token is left misaligned ("-") or taught O.
        entities = [(s["start"], s["end"], s["label"]) for s in row["spans"]]
        tags = offsets_to_biluo_tags(doc, entities)
        assert "-" not in tags and len([t for t in tags if t[:2] in ("U-", "B-")]) == len(entities)
    assert (aligned, total) == (EXPECTED_MENTIONS, EXPECTED_MENTIONS)
    # spaCy's own tokenizers keep "Trump'ın" / "وترامب" whole: our tokens are needed.
    assert own_tokenizer_misses > 0
    print(
        f"spaCy strict alignment: {aligned} of {total}; own tokenizer misses {own_tokenizer_misses}"
    )
    lines = job.losses.lines()
    assert any("5 events" in line for line in lines)


def test_docbin_round_trip(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "train.spacy"
    job = run_export(annotated, out, "docbin")
    nlp = spacy.blank("xx")
    docs = list(spacy.tokens.DocBin().from_disk(out).get_docs(nlp.vocab))
    assert len(docs) == 5
    spans = 0
    for doc in docs:
        meta = doc.user_data["workbench"]
        stored = store_docs.get_document(annotated.conn, meta["id"])
        assert doc.text == stored.text and meta["source"] == stored.source
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]] == [
            (m.start, m.end, m.label) for m in stored.mentions
        ]
        assert [(e.start_char, e.end_char) for e in doc.ents] == [
            (m.start, m.end) for m in stored.mentions
        ]
        assert [e.kb_id_ for e in doc.ents] == [m.kb_id or "" for m in stored.mentions]
        starts = [s.start_char for s in doc.sents if s.text.strip()]  # not leading blanks
        assert starts == [s.start for s in stored.sentences]
        spans += len(doc.spans["sc"])
    assert spans == EXPECTED_MENTIONS
    assert any("5 events" in line for line in job.losses.lines())


def test_spacy_reimport_honours_meta(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "spacy.jsonl"
    run_export(annotated, out, "spacy")
    with Project.open(tmp_path / "copy.wbproj") as copy:
        job = ImportJob(copy, [out])
        for _ in job.run():
            pass
        assert job.report.refused == []
        got = {(d.source, d.lang, d.mentions) for d in store_docs.list_documents(copy.conn)}
    want = {(d.source, d.lang, d.mentions) for d in store_docs.list_documents(annotated.conn)}
    assert got == want
