"""Importing files into a project: the seeds, folders, refusals, JSONL shapes, re-runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.ops.importing import ImportJob
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.text.canonical import decode_bytes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def do_import(project: Project, *paths: Path) -> ImportJob:
    job = ImportJob(project, list(paths))
    for _ in job.run():
        pass
    return job


def test_seeds_import_with_languages_and_exact_text(seeded: Project) -> None:
    docs = store_docs.list_documents(seeded.conn)
    assert [d.source for d in docs] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert [d.lang for d in docs] == ["tr", "tr", "fa", "tr", "ar"]
    for info in docs:
        doc = store_docs.get_document(seeded.conn, info.id)
        raw = (SEEDS / info.source).read_bytes()
        assert doc.text == decode_bytes(raw, info.source)
        assert doc.text.encode("utf-8") == raw.replace(b"\r\n", b"\n")  # byte-exact
        assert doc.sentences and all(0 <= s.start < s.end <= len(doc.text) for s in doc.sentences)


def test_reimport_skips_and_reports(seeded: Project) -> None:
    job = do_import(seeded, SEEDS)
    assert job.report.imported == []
    assert len(job.report.skipped) == 5
    assert len(store_docs.list_documents(seeded.conn)) == 5


def test_same_name_other_content_is_a_new_document(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "news.txt").write_text("Birinci haber metni burada.", encoding="utf-8")
    (tmp_path / "b" / "news.txt").write_text("İkinci haber metni burada.", encoding="utf-8")
    job = do_import(project, tmp_path / "a" / "news.txt", tmp_path / "b" / "news.txt")
    assert len(job.report.imported) == 2


def test_folders_are_searched_recursively(project: Project, tmp_path: Path) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "one.txt").write_text("Bir.", encoding="utf-8")
    (tmp_path / "x" / "y" / "two.txt").write_text("İki.", encoding="utf-8")
    (tmp_path / "x" / "y" / "ignored.png").write_bytes(b"\x89PNG")
    (tmp_path / "x" / ".hidden.txt").write_text("gizli", encoding="utf-8")
    job = do_import(project, tmp_path / "x")
    assert sorted(s for _, s in job.report.imported) == ["one.txt", "y/two.txt"]


def test_bad_files_are_refused_and_the_rest_imported(project: Project, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("İyi bir metin.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.txt").write_bytes(b"a\x00b")
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x81")
    job = do_import(project, tmp_path)
    assert [s for _, s in job.report.imported] == ["good.txt"]
    refused = "\n".join(job.report.refused)
    assert "empty.txt" in refused and "nul.txt" in refused and "latin.txt" in refused


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_doccano_and_spacy_lines(project: Project, tmp_path: Path) -> None:
    text = "Trump ile Putin Alaska'da görüştü."
    doccano = _write_jsonl(
        tmp_path / "d.jsonl", [{"text": text, "label": [[0, 5, "PER"], [10, 15, "PER"]]}]
    )
    spacy = _write_jsonl(
        tmp_path / "s.jsonl",
        [{"text": text + " ", "spans": [{"start": 16, "end": 22, "label": "GPE"}]}],
    )
    job = do_import(project, doccano, spacy)
    assert job.report.refused == []
    docs = [store_docs.get_document(project.conn, i) for i, _ in job.report.imported]
    assert [(m.start, m.end, m.label) for m in docs[0].mentions] == [(0, 5, "PER"), (10, 15, "PER")]
    assert [docs[1].text[m.start : m.end] for m in docs[1].mentions] == ["Alaska"]
    assert docs[0].source == "d.jsonl:1"


@pytest.mark.parametrize(
    "bad_line, message",
    [
        ("{not json", "line 2: not valid JSON"),
        (json.dumps({"text": "abc", "label": [[0, 9, "PER"]]}), "line 2: .*beyond the text"),
        (json.dumps({"text": "abc", "label": [[2, 1, "PER"]]}), "line 2: .*start < end"),
        (
            json.dumps({"text": "abc", "spans": [{"start": "0", "end": 1, "label": "X"}]}),
            "line 2: .*integer",
        ),
        (json.dumps({"label": []}), 'line 2: "text"'),
        (json.dumps([1, 2]), "line 2: each line must be a JSON object"),
        (
            json.dumps(
                {
                    "text": "abc",
                    "entities": [{"id": "T1", "start": 0, "end": 1, "label": "A"}],
                    "events": [
                        {
                            "type": "X",
                            "trigger": {"start": 0, "end": 1},
                            "arguments": [{"role": "r", "entity": "T9"}],
                        }
                    ],
                }
            ),
            "line 2: .*entity id",
        ),
    ],
)
def test_a_bad_line_refuses_the_whole_file(
    project: Project, tmp_path: Path, bad_line: str, message: str
) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "Birinci belge.", "label": [[0, 7, "X"]]})
    path.write_text(
        good + "\n" + bad_line + "\n" + good.replace("Birinci", "Üçüncü") + "\n", encoding="utf-8"
    )
    job = do_import(project, path)
    assert job.report.imported == []
    assert len(job.report.refused) == 1
    import re

    assert re.search(message, job.report.refused[0]), job.report.refused[0]
    assert job.report.refused[0].startswith("mixed.jsonl, line 2")
    assert store_docs.list_documents(project.conn) == []


def test_crlf_text_in_jsonl_keeps_offsets_on_the_same_characters(
    project: Project, tmp_path: Path
) -> None:
    raw = "Başlık\r\nTrump ve Putin\r\ngörüştü."
    start = raw.index("Putin")
    path = _write_jsonl(tmp_path / "c.jsonl", [{"text": raw, "label": [[start, start + 5, "PER"]]}])
    job = do_import(project, path)
    doc = store_docs.get_document(project.conn, job.report.imported[0][0])
    assert "\r" not in doc.text
    assert [doc.text[m.start : m.end] for m in doc.mentions] == ["Putin"]


def test_jsonl_records_already_present_are_skipped(project: Project, tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "d.jsonl", [{"text": "Bir."}, {"text": "İki."}])
    do_import(project, path)
    again = do_import(project, path)
    assert again.report.imported == [] and len(again.report.skipped) == 2


def test_cancel_keeps_whole_batches_only(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.ops.importing.BATCH_DOCUMENTS", 10)
    for i in range(35):
        (tmp_path / f"d{i:02d}.txt").write_text(
            f"Belge numarası {i}. İkinci cümle.", encoding="utf-8"
        )
    job = ImportJob(project, [tmp_path])
    gen = job.run()
    next(gen)  # started
    next(gen)  # first batch of 10 committed
    gen.close()  # the user pressed Cancel
    assert len(store_docs.list_documents(project.conn)) == 10
    rerun = do_import(project, tmp_path)
    assert len(rerun.report.imported) == 25 and len(rerun.report.skipped) == 10


def test_an_updated_jsonl_file_imports_only_its_new_records(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    _write_jsonl(path, [{"text": "Bir."}, {"text": "İki."}, {"text": "Üç."}])
    do_import(project, path)
    # the feed got a new item on top: every old record moved one line down
    _write_jsonl(path, [{"text": "Sıfır."}, {"text": "Bir."}, {"text": "İki."}, {"text": "Üç."}])
    again = do_import(project, path)
    assert len(again.report.imported) == 1 and len(again.report.skipped) == 3
    texts = [store_docs.get_document(project.conn, i).text for i, _ in again.report.imported]
    assert texts == ["Sıfır."]
    # its line number names another document already: a name means one document
    sources = [d.source for d in store_docs.list_documents(project.conn)]
    assert sources == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:1 (2)"]
    assert store_docs.find_document(project.conn, "feed.jsonl:1") == 1
    assert do_import(project, path).report.imported == []


def test_an_edited_text_file_gets_a_name_of_its_own(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("İlk sürüm.", encoding="utf-8")
    do_import(project, path)
    path.write_text("İkinci sürüm.", encoding="utf-8")
    do_import(project, path)
    sources = [d.source for d in store_docs.list_documents(project.conn)]
    assert sources == ["news.txt", "news.txt (2)"]
    assert do_import(project, path).report.skipped == ["news.txt"]  # known, under "news.txt (2)"


def _feed(path: Path, count: int, bad_line: int | None = None) -> Path:
    rows: list[object] = [{"text": f"Haber {i}. Cümle."} for i in range(count)]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    if bad_line is not None:
        lines[bad_line - 1] = '{"text": "kırık"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancel_inside_a_jsonl_file_keeps_whole_batches(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.ops.importing.BATCH_DOCUMENTS", 10)
    path = _feed(tmp_path / "big.jsonl", 35)
    job = ImportJob(project, [path])
    gen = job.run()
    first = next(gen)  # started
    second = next(gen)  # the first 10 records of the one file are committed
    assert (first.done, second.done, second.total) == (0, 10, 35)
    gen.close()  # Cancel, inside the file
    assert len(store_docs.list_documents(project.conn)) == 10
    rerun = do_import(project, path)
    assert len(rerun.report.imported) == 25 and len(rerun.report.skipped) == 10


def test_a_bad_line_after_many_batches_still_refuses_the_whole_file(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.ops.importing.BATCH_DOCUMENTS", 4)
    path = _feed(tmp_path / "feed.jsonl", 30, bad_line=27)
    other = tmp_path / "other.txt"
    other.write_text("Başka bir belge.", encoding="utf-8")
    job = do_import(project, path, other)
    # the 24 documents stored in batches before line 27 are gone again; the other file stays
    assert [source for _, source in job.report.imported] == ["other.txt"]
    assert job.report.refused[0].startswith("feed.jsonl, line 27")
    assert [d.source for d in store_docs.list_documents(project.conn)] == ["other.txt"]
    assert project.conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == 1
