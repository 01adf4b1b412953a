"""Downloading from the Argos index: https only, size limits, pair check, cancel, in use.

The index and the packages are served over https from this machine with a self-signed
certificate (``tests.support.https_server``); the client is the real one.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.https_server import https_server
from workbench.errors import KnownError
from workbench.ops.translating import TranslateJob
from workbench.storage.project import Project
from workbench.translation import index
from workbench.translation.archive import PackageRefused
from workbench.translation.index import DownloadJob, IndexEntry, fetch_index, find_entry
from workbench.translation.packages import installed_packages, remove_package


@pytest.fixture
def www(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "www"
    root.mkdir()
    with https_server(root, monkeypatch) as base:
        yield root, base


def entry(base: str, name: str, lang: str = "tr") -> IndexEntry:
    return IndexEntry(lang, "en", "1.0", "", "English", (base + name,))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_plain_http_is_refused_before_any_connection(no_network, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://example.org/index.json")
    with pytest.raises(KnownError, match="must be an https address"):
        fetch_index()
    with pytest.raises(KnownError, match="no https download address"):
        DownloadJob(IndexEntry("tr", "en", "1.0", "", "", ("http://example.org/tr.argosmodel",)))
    assert no_network.attempts == []


def test_a_redirect_to_http_is_refused(www: tuple[Path, str], argos_env: Path) -> None:
    _, base = www
    job = DownloadJob(entry(base, "redirect-http/tr.argosmodel"))
    with pytest.raises(KnownError, match="redirects to an address that must be an https"):
        list(job.run())
    assert leftovers(argos_env) == []


def test_the_index_is_read_and_the_pair_found(
    www: tuple[Path, str], argos_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base = www
    items = [
        {"from_code": "tr", "to_code": "en", "package_version": "1.0", "links": [base + "tr"]},
        {"type": "sbd", "from_code": "tr"},
        "not a package",
    ]
    (root / "index.json").write_text(json.dumps(items), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    assert find_entry("tr").links == (base + "tr",)
    with pytest.raises(KnownError, match="no fa \u2192 en model in the Argos index"):
        find_entry("fa")


def test_downloads_over_the_size_limit_are_refused(
    www: tuple[Path, str], argos_files: dict[str, Path], argos_env: Path
) -> None:
    root, base = www
    (root / "tr.argosmodel").write_bytes(argos_files["tr"].read_bytes())
    size = argos_files["tr"].stat().st_size
    announced = DownloadJob(entry(base, "tr.argosmodel"), max_bytes=size - 1)
    with pytest.raises(KnownError, match="over the 0 MB limit; refused"):
        list(announced.run())
    endless = DownloadJob(entry(base, "endless.argosmodel"), max_bytes=2 << 20)
    with pytest.raises(KnownError, match="sent more than 2 MB"):
        list(endless.run())
    assert leftovers(argos_env) == []
    assert installed_packages() == []


def test_the_language_pair_must_match_the_index_entry(
    www: tuple[Path, str], argos_files: dict[str, Path], argos_env: Path
) -> None:
    root, base = www
    (root / "fa.argosmodel").write_bytes(argos_files["fa"].read_bytes())
    job = DownloadJob(entry(base, "fa.argosmodel", lang="tr"))  # the index says tr
    with pytest.raises(PackageRefused, match="translates fa \u2192 en, not what the index lists"):
        list(job.run())
    assert leftovers(argos_env) == []


def test_a_hostile_download_is_refused_like_a_file(
    www: tuple[Path, str], argos_env: Path, tmp_path: Path
) -> None:
    root, base = www
    top = "translate-tr_en-1_0"
    with zipfile.ZipFile(root / "evil.argosmodel", "w") as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps({"from_code": "tr", "to_code": "en"}))
        zf.writestr(f"{top}/model/model.bin", b"\0" * 16)
        zf.writestr(f"{top}/sentencepiece.model", b"x")
        zf.writestr(f"{top}/../../escaped.txt", "never written")
    with pytest.raises(PackageRefused, match="outside the package"):
        list(DownloadJob(entry(base, "evil.argosmodel")).run())
    assert leftovers(argos_env) == []
    assert not (tmp_path / "escaped.txt").exists()


def test_a_download_reports_bytes_installs_and_cancels_cleanly(
    www: tuple[Path, str], argos_files: dict[str, Path], argos_env: Path
) -> None:
    root, base = www
    data = argos_files["tr"].read_bytes()
    (root / "tr.argosmodel").write_bytes(data)
    monkey_chunk = index.CHUNK
    try:
        index.CHUNK = 1 << 14  # several progress reports for a small test package
        job = DownloadJob(entry(base, "tr.argosmodel"))
        assert job.hosts == ["127.0.0.1"]
        steps = job.run()
        first, second = next(steps), next(steps)
        steps.close()  # Cancel between chunks
        assert (first.done, first.total, first.unit) == (0, len(data), "bytes")
        assert second.done == 1 << 14 and "from 127.0.0.1" in second.message
        assert leftovers(argos_env) == [] and job.installed is None
        again = DownloadJob(entry(base, "tr.argosmodel"))
        reports = list(again.run())
    finally:
        index.CHUNK = monkey_chunk
    assert reports[-1].done == len(data)
    assert again.installed is not None and again.installed.pair == "tr \u2192 en"
    assert leftovers(argos_env) == ["translate-tr_en-1_0"]


def test_a_model_in_use_by_a_translation_is_neither_removed_nor_replaced(
    seeded: Project, tr_only: Path, argos_files: dict[str, Path]
) -> None:
    from workbench.translation.packages import install_package

    job = TranslateJob(seeded, packages_dir=tr_only)
    steps = job.run()
    next(steps)  # planned: the job now holds its models
    with pytest.raises(KnownError, match="tr \u2192 en model is in use by a running translation"):
        remove_package("tr", tr_only)
    with pytest.raises(KnownError, match="in use by a running translation; .* then replace"):
        install_package(argos_files["tr"], tr_only)
    assert [p.from_code for p in installed_packages(tr_only)] == ["tr"]
    list(steps)  # the job goes on with its model and finishes
    assert sum(job.report.translated.values()) > 0
    assert [p.pair for p in remove_package("tr", tr_only)] == ["tr \u2192 en"]


HOLDER = """
import sys
from pathlib import Path
from workbench.translation.packages import in_use, installed_packages
with in_use(installed_packages(Path(sys.argv[1]))):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def test_a_model_held_by_another_process_is_not_removed(tr_only: Path) -> None:
    import subprocess
    import sys

    if sys.platform == "win32":
        pytest.skip("flock: other processes are seen on POSIX systems only")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tr_only)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(KnownError, match="in use by a running translation"):
            remove_package("tr", tr_only)
        assert [p.from_code for p in installed_packages(tr_only)] == ["tr"]
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert [p.pair for p in remove_package("tr", tr_only)] == ["tr \u2192 en"]
