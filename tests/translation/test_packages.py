"""Finding, validating, installing and removing Argos packages."""

from __future__ import annotations

import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.errors import KnownError
from workbench.translation import packages as pkgs
from workbench.translation.packages import PackageRefused, install_package


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


# -- where packages live ---------------------------------------------------------------
def test_packages_dir_follows_argos_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert pkgs.packages_dir() == tmp_path / "argos-packages"
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    data = tmp_path / "xdg_data_home"
    assert pkgs.packages_dir() == data / "argos-translate" / "packages"
    # argostranslate also reads ARGOS_PACKAGES_DIR from its settings.json.
    settings = tmp_path / "xdg_config_home" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}))
    assert pkgs.packages_dir() == tmp_path / "from-settings"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env-wins"))
    assert pkgs.packages_dir() == tmp_path / "env-wins"


def test_default_install_goes_to_the_argos_folder(
    argos_files: dict[str, Path], argos_env: Path
) -> None:
    result = install_package(argos_files["tr"])
    assert result.package.path.parent == argos_env
    assert [p.from_code for p in pkgs.installed_packages()] == ["tr"]


# -- listing ---------------------------------------------------------------------------
def test_installed_packages_are_listed_with_their_metadata(all_models: Path) -> None:
    found = pkgs.installed_packages(all_models)
    assert [(p.from_code, p.to_code, p.package_version) for p in found] == [
        ("ar", "en", "1.0"),
        ("fa", "en", "1.0"),
        ("tr", "en", "1.0"),
    ]
    fa = pkgs.find_package("fa", "en", all_models)
    assert fa is not None and fa.target_prefix == "__en__" and fa.from_name == "Persian"
    assert fa.model_id == "argos:fa-en"
    assert fa.path.name == "translate-fa_en-1_0"  # the archive's own folder, as argospm does
    assert fa.size_bytes() > 10_000
    assert pkgs.find_package("de", "en", all_models) is None


def test_argostranslate_finds_our_packages(all_models: Path) -> None:
    from argostranslate.package import get_installed_packages

    theirs = get_installed_packages([all_models])
    assert sorted((p.from_code, p.to_code) for p in theirs) == [
        ("ar", "en"),
        ("fa", "en"),
        ("tr", "en"),
    ]


def test_foreign_folders_are_ignored(all_models: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "notes").mkdir()  # no metadata.json
    (folder / "stray.txt").write_text("x")
    sbd = folder / "sbd-package"
    sbd.mkdir()
    (sbd / "metadata.json").write_text(
        json.dumps({"type": "sbd", "from_code": "tr", "to_code": "tr"})
    )
    assert pkgs.installed_packages(folder) == []


# -- hostile and broken archives -------------------------------------------------------
def rewrite(
    source: Path,
    target: Path,
    *,
    keep: Callable[[str], bool] = lambda n: True,
    metadata: Callable[[dict], dict] | None = None,
    extra: list[tuple[zipfile.ZipInfo, bytes]] = (),  # type: ignore[assignment]
) -> Path:
    """A copy of ``source`` with members dropped, metadata changed or members added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if not keep(info.filename):
                continue
            data = src.read(info)
            if metadata is not None and info.filename.endswith("metadata.json"):
                data = json.dumps(metadata(json.loads(data))).encode()
            dst.writestr(info, data)
        for info, data in extra:
            dst.writestr(info, data)
    return target


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _drop(key: str) -> Callable[[dict], dict]:
    return lambda meta: {k: v for k, v in meta.items() if k != key}


TOP = "translate-tr_en-1_0"
HOSTILE: dict[str, tuple[dict, str]] = {
    "absolute member": ({"extra": [(zipfile.ZipInfo("/tmp/evil.txt"), b"x")]}, "absolute path"),
    "dot-dot member": (
        {"extra": [(zipfile.ZipInfo(f"{TOP}/../../evil.txt"), b"x")]},
        "outside the package",
    ),
    "symlink member": ({"extra": [(_symlink(f"{TOP}/model/link"), b"/etc/passwd")]}, "is a link"),
    "no metadata.json": ({"keep": lambda n: not n.endswith("metadata.json")}, "no metadata.json"),
    "no from_code": ({"metadata": _drop("from_code")}, "no from_code"),
    "no to_code": ({"metadata": _drop("to_code")}, "no to_code"),
    "no model folder": ({"keep": lambda n: "/model/" not in n}, "no model/"),
    "no tokenizer": ({"keep": lambda n: not n.endswith("sentencepiece.model")}, "no tokenizer"),
}


@pytest.mark.parametrize("case", [*HOSTILE, "not a zip"])
def test_hostile_archives_are_refused_and_nothing_is_written(
    case: str, argos_files: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.argosmodel"
    if case == "not a zip":
        bad.write_bytes(b"PK but not really a zip archive\n" * 20)
        expected = "not a zip"
    else:
        changes, expected = HOSTILE[case]
        rewrite(argos_files["tr"], bad, **changes)
    fresh = tmp_path / "fresh-folder"
    populated = tmp_path / "populated"
    install_package(argos_files["fa"], populated)
    before = snapshot(populated)
    for folder in (fresh, populated):
        with pytest.raises(PackageRefused) as info:
            install_package(bad, folder)
        message = str(info.value)
        assert expected in message and "\n" not in message and message.startswith("bad.argosmodel")
    assert not fresh.exists()
    assert snapshot(populated) == before
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


def test_missing_file_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(PackageRefused, match="no such file"):
        install_package(tmp_path / "nope.argosmodel", tmp_path / "p")


def test_package_zipped_without_a_top_folder_installs(
    argos_files: dict[str, Path], tmp_path: Path
) -> None:
    flat = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(argos_files["ar"]) as src, zipfile.ZipFile(flat, "w") as dst:
        for info in src.infolist():
            name = info.filename.split("/", 1)[1]
            if name:
                dst.writestr(name, src.read(info))
    package = install_package(flat, tmp_path / "p").package
    assert package.path.name == "translate-ar_en-1_0" and package.from_code == "ar"


# -- replacing and removing ------------------------------------------------------------
def test_reinstall_replaces_cleanly(
    argos_files: dict[str, Path], tr_v2_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    first = install_package(argos_files["tr"], folder)
    assert first.replaced == ()
    again = install_package(argos_files["tr"], folder)
    assert [p.package_version for p in again.replaced] == ["1.0"]
    newer = install_package(tr_v2_file, folder)
    assert [p.package_version for p in newer.replaced] == ["1.0"]
    assert [(p.from_code, p.package_version) for p in pkgs.installed_packages(folder)] == [
        ("tr", "1.1")
    ]
    # The old folder is gone and no staging or removal folder is left behind.
    assert sorted(p.name for p in folder.iterdir()) == ["translate-tr_en-1_1"]


def test_reinstall_unloads_the_cached_model(argos_files: dict[str, Path], tmp_path: Path) -> None:
    from workbench.translation.translator import translator_for

    folder = tmp_path / "p"
    package = install_package(argos_files["tr"], folder).package
    before = translator_for(package)
    before.translate(["Bir cümle."], beam_size=1)
    assert before.loaded
    install_package(argos_files["tr"], folder)
    assert not before.loaded
    assert translator_for(package) is not before


def test_remove(argos_files: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "p"
    for lang in ("tr", "fa"):
        install_package(argos_files[lang], folder)
    removed = pkgs.remove_package("tr", folder)
    assert [(p.from_code, p.to_code) for p in removed] == [("tr", "en")]
    assert [p.from_code for p in pkgs.installed_packages(folder)] == ["fa"]
    with pytest.raises(KnownError, match="no installed model for 'tr'"):
        pkgs.remove_package("tr", folder)
    pkgs.remove_package("fa-en", folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "parsed"),
    [
        ("tr", ("tr", None)),
        ("tr-en", ("tr", "en")),
        ("tr_en", ("tr", "en")),
        ("tr → en", ("tr", "en")),
    ],
)
def test_parse_code(code: str, parsed: tuple[str, str | None]) -> None:
    assert pkgs.parse_code(code) == parsed


def test_a_failed_replace_keeps_the_old_package(
    argos_files: dict[str, Path], tr_v2_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    install_package(argos_files["tr"], folder)
    files = {k: size for k, (size, _) in snapshot(folder).items()}
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name.startswith(".installing-"):  # the new package's final move
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KnownError, match="tr_en.argosmodel: not installed, No space left"):
        install_package(tr_v2_file, folder)
    assert {k: size for k, (size, _) in snapshot(folder).items()} == files
    assert [p.package_version for p in pkgs.installed_packages(folder)] == ["1.0"]
