"""Fixtures shared by every test: the seed documents and fresh project files on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.ops.importing import ImportJob
from workbench.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "test.wbproj") as proj:
        yield proj


def run(job_iter) -> list:  # type: ignore[no-untyped-def]
    return list(job_iter)


@pytest.fixture
def seeded(project: Project) -> Project:
    """A project holding the five seeds, imported the way a user would."""
    job = ImportJob(project, [SEEDS])
    run(job.run())
    assert len(job.report.imported) == 5
    return project
