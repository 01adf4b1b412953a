"""CoNLL IOB2: token and tag counts on the annotated seeds, and the nested-mention report."""

from __future__ import annotations

from pathlib import Path

from tests.support.seed_annotations import EXPECTED_MENTIONS, annotate_seeds
from workbench.ops import annotating
from workbench.ops.exporting import ExportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def run_export(project: Project, out: Path) -> tuple[ExportJob, list[list[tuple[str, str]]]]:
    job = ExportJob(project, out, "conll")
    for _ in job.run():
        pass
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in out.read_text(encoding="utf-8").split("\n"):
        if not line:
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = line.split("\t")
        current.append((token, tag))
    return job, sentences


def test_tokens_and_tags_of_the_seeds(seeded: Project, tmp_path: Path) -> None:
    annotate_seeds(seeded)
    job, sentences = run_export(seeded, tmp_path / "out.conll")
    docstarts = [s for s in sentences if s[0][0] == "-DOCSTART-"]
    assert len(docstarts) == 5
    body = [s for s in sentences if s[0][0] != "-DOCSTART-"]
    total_sentences = sum(
        len(store_docs.sentences_of(seeded.conn, i)) for i in store_docs.document_ids(seeded.conn)
    )
    assert len(body) == total_sentences
    tags = [tag for s in body for _, tag in s]
    assert tags.count("B-PER") == EXPECTED_MENTIONS
    assert tags.count("I-PER") == 0  # every name is one token
    assert {tag for tag in tags} == {"O", "B-PER"}
    tokens = [tok for s in body for tok, _ in s]
    named = [tok for s in body for tok, tag in s if tag == "B-PER"]
    assert set(named) == {"Trump", "Putin", "ترامپ", "پوتین", "ترامب", "بوتين"}
    assert all(tok.strip() == tok and tok for tok in tokens)
    assert "'ın" in tokens and "و" in tokens  # cut off the names, still written
    lines = job.losses.lines()
    assert any("5 events" in line and "knowledge-base ids" in line for line in lines)


def test_nested_mentions_go_to_the_outermost_and_are_counted(
    project: Project, tmp_path: Path
) -> None:
    src = tmp_path / "d.txt"
    src.write_text("Rusya Devlet Başkanı Vladimir Putin geldi. Trump da.", encoding="utf-8")
    from workbench.ops.importing import ImportJob

    job = ImportJob(project, [src])
    for _ in job.run():
        pass
    doc_id = job.report.imported[0][0]
    text = src.read_text(encoding="utf-8")
    whole = text.index("Rusya")
    annotating.add_mention(project, doc_id, whole, text.index(" geldi"), "PER")
    annotating.add_mention(project, doc_id, whole, whole + 5, "GPE")  # nested
    annotating.add_mention(project, doc_id, text.index("Putin"), text.index("Putin") + 5, "PER")
    annotating.add_mention(project, doc_id, text.index("Trump"), text.index("Trump") + 5, "PER")
    export, sentences = run_export(project, tmp_path / "n.conll")
    assert sentences[1] == [
        ("Rusya", "B-PER"),
        ("Devlet", "I-PER"),
        ("Başkanı", "I-PER"),
        ("Vladimir", "I-PER"),
        ("Putin", "I-PER"),
        ("geldi", "O"),
        (".", "O"),
    ]
    assert sentences[2] == [("Trump", "B-PER"), ("da", "O"), (".", "O")]
    assert export.losses.lines() == [
        "conll: cannot carry, left out: 2 nested mentions (kept the outermost)"
    ]
