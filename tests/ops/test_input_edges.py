"""Input that used to break an import or an export: lone surrogates, spans on a CRLF's
\\r, and the permissions of an export that replaces another."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from workbench.ops.exporting import export_jsonl
from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def do_import(project: Project, *paths: Path) -> ImportJob:
    job = ImportJob(project, list(paths))
    for _ in job.run():
        pass
    return job


def test_lone_surrogate_refuses_its_line_and_keeps_the_rest_of_the_batch(
    project: Project, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    good_line = json.dumps({"text": "Trump geldi.", "label": [[0, 5, "PER"]]})
    # JSON can spell a lone high surrogate; json.dumps writes it as the escape \ud83d.
    bad.write_text(good_line + "\n" + json.dumps({"text": "emoji \ud83d yarım"}) + "\n")
    good = tmp_path / "good.txt"
    good.write_text("Putin konuştu.", encoding="utf-8")
    job = do_import(project, bad, good)
    assert [source for _, source in job.report.imported] == ["good.txt"]
    (message,) = job.report.refused
    assert message.startswith("bad.jsonl, line 2:")
    assert "surrogate" in message and "\\ud83d" in message


def test_surrogate_in_a_label_is_refused_too(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "label.jsonl"
    path.write_text(json.dumps({"text": "Trump geldi.", "label": [[0, 5, "P\udcffER"]]}) + "\n")
    job = do_import(project, path)
    assert job.report.imported == []
    assert "line 1" in job.report.refused[0] and "surrogate" in job.report.refused[0]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (1, 2, "\n"),  # just the \r of the CRLF: the line break it stands for
        (1, 3, "\n"),  # the whole CRLF
        (0, 2, "a\n"),  # ends between \r and \n: covers the \n
        (2, 4, "\nb"),  # starts on the \n of the pair
        (1, 4, "\nb"),  # starts on the \r
        (3, 4, "b"),
    ],
)
def test_span_edges_on_a_crlf_are_carried_to_the_canonical_text(
    project: Project, tmp_path: Path, start: int, end: int, expected: str
) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_text(
        json.dumps({"text": "a\r\nb", "entities": [{"start": start, "end": end, "label": "X"}]})
        + "\n"
    )
    job = do_import(project, path)
    assert job.report.refused == []
    doc = store_docs.get_document(project.conn, job.report.imported[0][0])
    assert doc.text == "a\nb"
    (m,) = doc.mentions
    assert doc.text[m.start : m.end] == expected


def test_span_covering_only_the_bom_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text(json.dumps({"text": "\ufeffab", "label": [[0, 1, "X"]]}) + "\n")
    job = do_import(project, path)
    assert job.report.imported == []
    assert "byte-order mark" in job.report.refused[0]


def _export(project: Project, target: Path) -> None:
    for _ in export_jsonl(project, target):
        pass


def test_new_export_honours_the_umask(seeded: Project, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "new.jsonl"
        _export(seeded, target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_export_keeps_the_mode_of_the_file_it_replaces(seeded: Project, tmp_path: Path) -> None:
    target = tmp_path / "shared.jsonl"
    target.write_text("old\n")
    target.chmod(0o664)
    _export(seeded, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_text(encoding="utf-8") != "old\n"
