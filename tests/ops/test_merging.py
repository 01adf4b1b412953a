"""Merging laptops' project files: lossless, idempotent, both ways, never deleting."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.team import SEED_001, A, build_laptops, content, counts
from workbench.core.model import Label
from workbench.errors import KnownError
from workbench.ops import annotating
from workbench.ops.merging import MergeJob, MergeRefused, merge_projects, plan_labels
from workbench.ops.projects import open_project
from workbench.ops.schema import add_label
from workbench.storage import documents as store_docs
from workbench.storage.backup import backup_project


def _merge(target: Path, *sources: Path) -> list[str]:
    with open_project(target) as p:
        return merge_projects(p, sources).lines()


def _union(*parts: dict[str, set[tuple[object, ...]]]) -> dict[str, set[tuple[object, ...]]]:
    return {k: set().union(*(p[k] for p in parts)) for k in parts[0]}


@pytest.fixture(scope="module")
def laptops(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_laptops(tmp_path_factory.mktemp("laptops"))


def _copies(laptops, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.wbproj", tmp_path / "b.wbproj"
    for src, dst in ((laptops.a, a), (laptops.b, b)):
        list(backup_project(src, dst))
    return a, b


def test_both_ways_and_twice_lose_and_duplicate_nothing(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    before_a, before_b = content(a), content(b)
    _merge(a, b)
    expected = _union(before_a, before_b)
    assert content(a) == expected  # nothing lost, nothing made up
    # B's documents and every annotation came in once: 5 seeds, 13 + 2 translations...
    assert counts(a) == {
        "documents": 5,
        "mentions": 7 + 8,
        "events": 2 + 2,
        "event_arguments": 2 + 2,
        "labels": counts(laptops.a)["labels"] + 1,  # MEDIA
        "translations": 1,
    }
    once = counts(a)
    report = _merge(a, b)  # the same file again: nothing changes
    assert counts(a) == once and content(a) == expected
    assert "  mentions: 0 came in, 8 already there" in report
    _merge(b, a)  # and the other way
    assert content(b) == expected
    assert counts(b) == once
    _merge(b, a)
    assert content(b) == expected


def test_the_report_says_what_came_in_and_what_was_there(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    lines = _merge(b, a)
    assert lines[0] == f"{a}:"
    assert "  documents: 2 came in, 3 already there" in lines
    assert "  mentions: 7 came in, 0 already there" in lines
    assert "  events: 2 came in, 0 already there" in lines
    assert "  arguments: 2 came in, 0 already there" in lines
    assert "  translations: 1 came in, 0 already there" in lines


def test_a_changed_annotation_keeps_the_targets_values_and_is_reported(
    laptops, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    _merge(b, a)  # Mehmet now has Ayşe's mentions too
    with open_project(a) as p:  # Ayşe relabels one of hers afterwards
        doc = store_docs.find_document(p.conn, SEED_001)
        mine = next(m for m in store_docs.get_document(p.conn, doc).mentions if m.label == "GPE")
        annotating.update_mention(p, replace(mine, label="LOC"))
    with open_project(b) as p:
        report = merge_projects(p, [a]).sources[0]
    assert report.counts["mentions"].refused == 1
    assert (
        "the target has it as GPE" in report.refused[0] and "the source as LOC" in report.refused[0]
    )
    assert any(m[4] == "GPE" and m[6] == A for m in content(b)["mentions"])


def test_a_label_clash_stops_before_anything_is_written(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    with open_project(a) as p:
        add_label(p, Label("event", "MEDIA", "#123456"))
    before = content(a)
    with open_project(a) as p, pytest.raises(MergeRefused, match="'MEDIA' is an entity type in"):
        MergeJob(p, [b])
    assert content(a) == before


def test_a_clash_between_two_sources_refuses_both(tmp_path: Path) -> None:
    have = [Label("entity", "PER", "#000000", "p")]
    new, already, notes = plan_labels(
        have, [Label("entity", "PER", "#111111"), Label("entity", "NORP", "#222222", "P")], "s", "t"
    )
    assert already == 1 and [x.name for x in new] == ["NORP"] and new[0].shortcut is None
    assert notes == ["entity type 'NORP' added without its key 'P', taken"]
    with pytest.raises(MergeRefused, match="role 'Agent' in s belongs to 'PER'"):
        plan_labels(have, [Label("role", "Agent", "#111111", parent="PER")], "s", "t")


def test_sources_are_refused_by_name(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, _ = _copies(laptops, tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with open_project(a) as p:
        with pytest.raises(KnownError, match="that is the target project itself"):
            MergeJob(p, [a])
        with pytest.raises(KnownError, match="no such project file"):
            MergeJob(p, [tmp_path / "missing.wbproj"])
        with pytest.raises(KnownError, match="not a workbench project"):
            MergeJob(p, [text])


def test_a_cancelled_merge_keeps_nothing_of_that_source(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    before = content(b)
    with open_project(b) as p:
        steps = MergeJob(p, [a]).run()
        next(steps), next(steps), next(steps)  # two documents written, in the transaction
        steps.close()  # Cancel
    assert content(b) == before


def test_the_source_file_is_not_modified(laptops, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = _copies(laptops, tmp_path)
    shutil.copy(a, tmp_path / "pristine")
    _merge(b, a)
    assert (tmp_path / "pristine").read_bytes() == a.read_bytes()
    assert not Path(f"{a}-wal").exists() or Path(f"{a}-wal").stat().st_size == 0
