"""The translation job on the seeds: offline, complete, cached, cancellable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.core.model import Sentence
from workbench.errors import KnownError
from workbench.ops.translating import TranslateJob, model_status
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.translation import translator as tr_mod
from workbench.translation.packages import install_package
from workbench.translation.translator import PackageTranslator

VERSE_START = "ِ شَهِيداً"  # the Arabic verse line quoted in seed 000
MIXED_START = "Biz ise diyoruz ki:"  # Turkish sentence with an Arabic verse inside


def sentences(project: Project) -> dict[tuple[str, int], tuple[str, Sentence]]:
    """(source, seq) -> (sentence text, sentence) for every sentence of the project."""
    out = {}
    for info in store_docs.list_documents(project.conn):
        doc = store_docs.get_document(project.conn, info.id, annotations=False)
        for s in doc.sentences:
            out[(doc.source[:3], s.seq)] = (doc.text[s.start : s.end], s)
    return out


def find(project: Project, start: str) -> Sentence:
    [(_, s)] = [(t, s) for t, s in sentences(project).values() if t.startswith(start)]
    return s


def run(job: TranslateJob) -> list:  # type: ignore[type-arg]
    return list(job.run())


def count_model_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = PackageTranslator.translate_tokens

    def spy(self: PackageTranslator, sources: list[list[str]], *, beam_size: int = 4) -> list[str]:
        calls.append(len(sources))
        return real(self, sources, beam_size=beam_size)

    monkeypatch.setattr(PackageTranslator, "translate_tokens", spy)
    return calls


def test_all_seeds_translate_offline(
    seeded: Project,
    all_models: Path,
    no_network,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    fed: list[str] = []
    real_encode = PackageTranslator.encode
    monkeypatch.setattr(
        PackageTranslator, "encode", lambda self, text: fed.append(text) or real_encode(self, text)
    )
    job = TranslateJob(seeded, packages_dir=all_models)
    progress = run(job)
    assert no_network.attempts == []
    everything = sentences(seeded)
    assert progress[-1].done == progress[-1].total == len(everything) > 150
    for (source, seq), (text, s) in everything.items():
        assert s.translation_status in ("ok", "untranslatable"), (source, seq, text)
        assert (s.translation is None) == (s.translation_status == "untranslatable")
    assert {s.model for _, s in everything.values()} >= {
        "argos:tr-en@1.0",
        "argos:fa-en@1.0",
        "argos:ar-en@1.0",
        "argos:tr-en+ar-en@1.0+1.0",
    }
    # The Arabic verse in the Turkish sermon went to the Arabic model, since it is installed.
    assert find(seeded, VERSE_START).model == "argos:ar-en@1.0"
    assert find(seeded, MIXED_START).model == "argos:tr-en+ar-en@1.0+1.0"
    assert not job.report.untranslatable and not job.report.missing
    assert sum(job.report.translated.values()) == len(everything)
    # Repeated lines (a page's "Cevapla" buttons) are translated once and shared.
    assert len(fed) == len(set(fed))
    replies = {s.translation for t, s in everything.values() if t == "Cevapla"}
    assert len(replies) == 1 and sum(t == "Cevapla" for t, _ in everything.values()) == 7
    # Hard-wrapped lines reach the model as whole sentences, joined by spaces.
    wrapped = [t for (src, _), (t, _) in everything.items() if src == "000" and "\n" in t]
    assert len(wrapped) > 10
    assert all("\n" not in t for t in fed)
    for text in wrapped:
        if VERSE_START not in text and MIXED_START not in text:
            assert " ".join(text.split()) in fed


def test_only_turkish_installed(
    seeded: Project, tr_only: Path, argos_files: dict[str, Path]
) -> None:
    job = TranslateJob(seeded, packages_dir=tr_only, beam_size=1)
    run(job)
    verse = find(seeded, VERSE_START)
    assert verse.translation_status == "untranslatable" and verse.translation is None
    assert verse.model == "argos:tr-en@1.0"
    mixed = find(seeded, MIXED_START)
    assert mixed.translation_status == "ok" and "قَدْرًا" in (mixed.translation or "")
    assert len(job.report.untranslatable) == 1
    ids = {i.source[:3]: i.id for i in store_docs.list_documents(seeded.conn)}
    assert job.report.missing == {"fa": [ids["002"]], "ar": [ids["004"]]}
    assert "fa: no model from fa to English" in job.report.problems()[1]
    for (source, _), (_, s) in sentences(seeded).items():
        assert (s.translation_status is None) == (source in ("002", "004"))
    status = model_status(seeded, tr_only)
    assert list(status) == ["ar", "fa", "tr"] and status["ar"] is None and status["tr"] is not None
    # Installing the Arabic model later: only what it changes is translated again.
    install_package(argos_files["ar"], tr_only)
    again = TranslateJob(seeded, packages_dir=tr_only, beam_size=1)
    run(again)
    assert find(seeded, VERSE_START).model == "argos:ar-en@1.0"
    assert find(seeded, MIXED_START).model == "argos:tr-en+ar-en@1.0+1.0"
    assert again.report.translated == {"tr": 2, "ar": 23}
    assert again.report.missing == {"fa": [ids["002"]]}


def test_second_run_translates_nothing(
    translated: Project, all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_model_calls(monkeypatch)
    before = sentences(translated)
    job = TranslateJob(translated, packages_dir=all_models)
    progress = run(job)
    assert calls == [] and sum(job.report.translated.values()) == 0
    assert sum(job.report.cached.values()) == len(before)
    assert progress[-1].done == progress[-1].total == len(before)
    assert sentences(translated) == before


def test_force_translates_again(
    translated: Project, all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_model_calls(monkeypatch)
    ar = next(i.id for i in store_docs.list_documents(translated.conn) if i.lang == "ar")
    job = TranslateJob(translated, [ar], packages_dir=all_models, force=True, beam_size=1)
    run(job)
    assert job.report.translated == {"ar": 23} and sum(calls) >= 23


def test_another_model_version_is_redone(
    translated: Project, all_models: Path, tr_v2_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    shutil.copytree(all_models, folder)
    install_package(tr_v2_file, folder)  # replaces tr 1.0 with tr 1.1
    job = TranslateJob(translated, packages_dir=folder, beam_size=1)
    run(job)
    every = sentences(translated)
    turkish = [s for (src, _), (_, s) in every.items() if src in ("000", "001", "003")]
    # Every Turkish sentence but the Arabic verse (made by the ar model) is redone.
    assert job.report.translated == {"tr": len(turkish) - 1}
    assert sum(job.report.cached.values()) == len(every) - len(turkish) + 1
    assert find(translated, "Trump'ın Putin ile").model == "argos:tr-en@1.1"
    assert find(translated, VERSE_START).model == "argos:ar-en@1.0"  # not made by tr
    assert find(translated, MIXED_START).model == "argos:tr-en+ar-en@1.1+1.0"


def test_cancel_keeps_whole_batches_and_resumes(
    seeded: Project, all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tr_mod, "CHUNK_TOKENS", 300)  # many small batches
    job = TranslateJob(seeded, packages_dir=all_models, beam_size=1)
    stream = job.run()
    seen = [next(stream) for _ in range(4)]
    stream.close()
    stored = [s for _, s in sentences(seeded).values() if s.translation_status]
    assert 0 < seen[-1].done == len(stored) < seen[-1].total
    rest = TranslateJob(seeded, packages_dir=all_models, beam_size=1)
    run(rest)
    assert sum(rest.report.cached.values()) == len(stored)
    assert sum(rest.report.translated.values()) == seen[-1].total - len(stored)
    assert all(s.translation_status for _, s in sentences(seeded).values())


def test_a_failing_batch_is_not_stored(
    seeded: Project, all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tr_mod, "CHUNK_TOKENS", 300)
    real = PackageTranslator.translate_tokens
    calls: list[int] = []

    def flaky(
        self: PackageTranslator, sources: list[list[str]], *, beam_size: int = 4
    ) -> list[str]:
        calls.append(len(sources))
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl+C inside the model
        return real(self, sources, beam_size=beam_size)

    monkeypatch.setattr(PackageTranslator, "translate_tokens", flaky)
    progress = []
    with pytest.raises(KeyboardInterrupt):
        for p in TranslateJob(seeded, packages_dir=all_models, beam_size=1).run():
            progress.append(p)
    stored = [s for _, s in sentences(seeded).values() if s.translation_status]
    assert len(stored) == progress[-1].done > 0
    assert not seeded.conn.in_transaction


def test_chosen_documents_only(seeded: Project, all_models: Path) -> None:
    fa = next(i.id for i in store_docs.list_documents(seeded.conn) if i.lang == "fa")
    job = TranslateJob(seeded, [fa, fa], packages_dir=all_models, beam_size=1)
    run(job)
    assert job.report.translated == {"fa": 31}
    for info in store_docs.list_documents(seeded.conn):
        assert info.translated == (31 if info.id == fa else 0)
    with pytest.raises(KnownError, match="no document with id 999"):
        run(TranslateJob(seeded, [999], packages_dir=all_models))


def test_no_models_at_all(seeded: Project, tmp_path: Path) -> None:
    job = TranslateJob(seeded, packages_dir=tmp_path / "empty")
    run(job)
    assert sorted(job.report.missing) == ["ar", "fa", "tr"]
    assert len(job.report.missing["tr"]) == 3
    assert all(s.translation_status is None for _, s in sentences(seeded).values())


def test_translations_are_stored_document_batch_by_batch(
    seeded: Project, all_models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.ops import translating

    # one document per batch: the first is stored before the last is even read
    monkeypatch.setattr(translating, "FIRST_BATCH_SENTENCES", 1)
    monkeypatch.setattr(translating, "BATCH_SENTENCES", 1)
    every = len(sentences(seeded))
    read: list[int] = []
    real = store_docs.sentences_of
    monkeypatch.setattr(
        store_docs, "sentences_of", lambda conn, doc_id: read.append(doc_id) or real(conn, doc_id)
    )
    stream = TranslateJob(seeded, packages_dir=all_models, beam_size=1).run()
    started = next(stream)
    assert started.done == 0 and started.total == every
    progress = next(p for p in stream if p.done > 0)
    assert read == [1]  # only the first document was planned
    stored = store_docs.list_documents(seeded.conn)
    assert stored[0].translated == progress.done > 0
    assert all(info.translated == 0 for info in stored[1:])
    stream.close()  # Cancel: what is stored stays
    assert store_docs.list_documents(seeded.conn)[0].translated == progress.done
