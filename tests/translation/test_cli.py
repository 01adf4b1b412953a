"""The ``models`` and ``translate`` commands, through click's CliRunner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from tests.support.https_server import https_server
from workbench.cli.common import Group
from workbench.cli.translation import COMMANDS
from workbench.storage import documents as store_docs
from workbench.storage.project import Project
from workbench.translation.packages import installed_packages


@click.group(cls=Group)
def cli() -> None:
    """Test entry point holding the translation commands."""


for _command in COMMANDS:
    cli.add_command(_command)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def all_commands() -> Iterator[tuple[str, click.Command]]:
    for command in COMMANDS:
        yield command.name or "", command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield f"{command.name} {name}", sub


@pytest.mark.parametrize("name", [name for name, _ in all_commands()])
def test_every_command_has_help(name: str) -> None:
    command = dict(all_commands())[name]
    assert command.help and len(command.help.strip()) > 20
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts} has no help"
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_install_list_remove(
    argos_files: dict[str, Path], argos_env: Path, seeded: Project
) -> None:
    for lang in ("tr", "fa"):
        result = invoke("models", "install", argos_files[lang])
        assert result.exit_code == 0, result.output
        assert f"installed {lang} \u2192 en 1.0 in {argos_env}" in result.stdout
    again = invoke("models", "install", argos_files["tr"])
    assert "replaced tr \u2192 en 1.0 (was 1.0)" in again.stdout
    listing = invoke("models", "list", seeded.path)
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    assert lines[0] == f"models in {argos_env}:"
    assert any(
        ln.split()[:4] == ["fa", "\u2192", "en", "1.0"] and "translate-fa_en-1_0" in ln
        for ln in lines
    )
    assert "  ar   no model to English" in lines
    assert "  tr   tr \u2192 en 1.0" in lines
    removed = invoke("models", "remove", "tr")
    assert removed.exit_code == 0 and "removed tr \u2192 en 1.0" in removed.stdout
    assert [p.from_code for p in installed_packages()] == ["fa"]
    missing = invoke("models", "remove", "tr")
    assert missing.exit_code == 1 and missing.stderr.startswith(
        "Error: no installed model for 'tr'"
    )


def test_refused_install_is_one_line(tmp_path: Path, argos_env: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_text("hello")
    result = invoke("models", "install", bad)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Error: bad.argosmodel: refused, not an Argos package (not a zip archive)\n"
    )
    assert not argos_env.exists()


def test_empty_list_says_how_to_install() -> None:
    result = invoke("models", "list")
    assert result.exit_code == 0 and "workbench models install FILE.argosmodel" in result.stdout


def test_translate_command_offline(
    seeded: Project,
    argos_files: dict[str, Path],
    no_network,  # type: ignore[no-untyped-def]
) -> None:
    for lang in ("tr", "ar"):
        assert invoke("models", "install", argos_files[lang]).exit_code == 0
    path = seeded.path
    seeded.close()  # the command opens the file itself
    result = invoke("translate", path, "--beam-size", "1")
    assert result.exit_code == 1  # Persian has no model
    assert result.stderr.startswith(
        "fa: no model from fa to English is installed, 1 document not translated"
    )
    assert "workbench models install FILE.argosmodel" in result.stderr
    assert "sentences translated (ar 23, tr 168)" in result.stdout
    assert no_network.attempts == []
    again = invoke("translate", path, "--doc", "004_ca61b40399ea37bd")
    assert again.exit_code == 0 and "0 sentences translated, 23 already translated" in again.stdout
    forced = invoke(
        "translate", path, "--doc", "004_ca61b40399ea37bd.txt", "--force", "--beam-size", "2"
    )
    assert "23 sentences translated (ar 23)" in forced.stdout
    with Project.open(path) as project:
        infos = {i.source[:3]: i for i in store_docs.list_documents(project.conn)}
    assert infos["002"].translated == 0 and infos["000"].translated == infos["000"].sentences


def test_translate_command_usage_errors(seeded: Project, tmp_path: Path) -> None:
    assert invoke("translate", seeded.path, "--beam-size", "0").exit_code == 2
    unknown = invoke("translate", seeded.path, "--doc", "nope")
    assert unknown.exit_code == 1 and "no document 'nope'" in unknown.stderr
    absent = invoke("translate", tmp_path / "none.wbproj")
    assert absent.exit_code == 1 and "no such project file" in absent.stderr


@pytest.mark.parametrize("args", [("available",), ("download", "tr")])
def test_index_commands_fail_fast_offline(
    args: tuple[str, ...], no_network, argos_env: Path
) -> None:  # type: ignore[no-untyped-def]
    result = invoke("models", *args)
    assert result.exit_code == 1
    assert no_network.attempts  # it did try, and stopped at the first refusal
    named, error = result.stderr.splitlines()
    assert named == "reading the model list from raw.githubusercontent.com"
    assert error.startswith("Error: cannot reach the Argos package index")
    assert "workbench models install FILE.argosmodel" in error
    assert not argos_env.exists()


@pytest.fixture
def index_server(
    argos_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A local https stand-in for the Argos index, serving tr and fa packages."""
    root = tmp_path / "www"
    root.mkdir()
    with https_server(root, monkeypatch) as base:
        index = []
        for lang, name in (("tr", "Turkish"), ("fa", "Persian")):
            (root / argos_files[lang].name).write_bytes(argos_files[lang].read_bytes())
            index.append(
                {
                    "package_version": "1.0",
                    "argos_version": "1.9",
                    "from_code": lang,
                    "from_name": name,
                    "to_code": "en",
                    "to_name": "English",
                    "links": [base + argos_files[lang].name],
                }
            )
        index.append({"type": "sbd", "from_code": "tr", "links": []})
        (root / "index.json").write_text(json.dumps(index))
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
        yield base


def test_available_and_download_from_an_index(
    index_server: str, argos_env: Path, tmp_path: Path
) -> None:
    available = invoke("models", "available")
    assert available.exit_code == 0, available.output
    assert [ln.split()[:4] for ln in available.stdout.splitlines()] == [
        ["fa", "\u2192", "en", "1.0"],
        ["tr", "\u2192", "en", "1.0"],
    ]
    assert available.stderr == "reading the model list from 127.0.0.1\n"
    # Nothing is written for the index: no copy under the home folder.
    assert not (tmp_path / "xdg_data_home").exists()
    downloaded = invoke("models", "download", "tr")
    assert downloaded.exit_code == 0, downloaded.output
    assert "installed tr \u2192 en 1.0" in downloaded.stdout
    assert [p.from_code for p in installed_packages()] == ["tr"]
    assert sorted(p.name for p in argos_env.iterdir()) == ["translate-tr_en-1_0"]  # no leftovers
    assert "(installed 1.0)" in invoke("models", "available").stdout
    unknown = invoke("models", "download", "xx")
    assert unknown.exit_code == 1 and "no xx \u2192 en model in the Argos index" in unknown.stderr
