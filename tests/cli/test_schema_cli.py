"""`workbench schema` through click's CliRunner: show, list presets, apply one."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli import schema as schema_cli
from workbench.cli.common import Group
from workbench.cli.main import cli as main_cli
from workbench.ops import annotating
from workbench.ops import schema as ops
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def _group() -> click.Group:
    if "schema" in main_cli.commands:
        return main_cli

    # Until main.py registers the command, test it in a group that maps errors the same way.
    @click.group(cls=Group)
    def cli() -> None:
        """Test group."""

    for command in schema_cli.COMMANDS:
        cli.add_command(command)
    return cli


CLI = _group()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """An empty project file, closed so the command opens it like a user would."""
    file = tmp_path / "p.wbproj"
    Project.open(file).close()
    return file


def add_mention(path: Path, label: str) -> None:
    with Project.open(path, create=False) as proj:
        with proj.transaction() as conn:
            doc = store_docs.insert_document(
                conn, source=f"{label}.txt", content_hash="x", text="Trump'ın Putin ile",
                lang="tr", lang_confidence=1.0, sentences=[(0, 18)],
            )  # fmt: skip
        annotating.add_mention(proj, doc, 0, 5, label)


def test_every_option_has_help(runner: CliRunner) -> None:
    command = schema_cli.schema_command
    assert command.help and "PROJECT" in command.help
    assert all(p.help for p in command.params if isinstance(p, click.Option))
    result = runner.invoke(CLI, ["schema", "--help"])
    assert result.exit_code == 0 and "--list-presets" in result.output


def test_list_presets_needs_no_project(runner: CliRunner) -> None:
    result = runner.invoke(CLI, ["schema", "--list-presets"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == ["ace2005", "plover"]
    assert "ACE 2005" in result.output and "PLOVER" in result.output


def test_project_is_required_otherwise(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(CLI, ["schema"])
    assert result.exit_code == 2 and "PROJECT is required" in result.stderr
    result = runner.invoke(CLI, ["schema", str(tmp_path / "missing.wbproj")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'missing.wbproj'}: no such project file"
    ]
    assert not (tmp_path / "missing.wbproj").exists()


def test_empty_schema_says_what_to_do(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(CLI, ["schema", str(path)])
    assert result.exit_code == 0 and "--preset" in result.output


def test_apply_preset_then_show(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(CLI, ["schema", str(path), "--preset", "plover"])
    assert result.exit_code == 0, result.output
    assert "applied PLOVER: 4 entity types, 18 event types, 36 roles" in result.output
    shown = runner.invoke(CLI, ["schema", str(path)]).output
    assert "event types (18):" in shown and "AGREE" in shown and "ASSAULT" in shown
    assert "roles: source, target" in shown
    per = next(line for line in shown.splitlines() if " PER " in line)
    assert per.split()[:3] == ["p", "PER", "#e15759"]


def test_unknown_preset_changes_nothing(runner: CliRunner, path: Path) -> None:
    runner.invoke(CLI, ["schema", str(path), "--preset", "ace2005"])
    result = runner.invoke(CLI, ["schema", str(path), "--preset", "ace2004"])
    assert result.exit_code == 1
    assert "ace2005, plover" in result.stderr
    with Project.open(path, create=False) as proj:
        assert len(ops.get_schema(proj).events) == 33


def test_counts_and_labels_kept_in_use(runner: CliRunner, path: Path) -> None:
    runner.invoke(CLI, ["schema", str(path), "--preset", "ace2005"])
    add_mention(path, "PER")
    add_mention(path, "WEA")
    add_mention(path, "Kişi")  # imported data may carry a label no schema has
    shown = runner.invoke(CLI, ["schema", str(path)]).output
    per = next(line for line in shown.splitlines() if " PER " in line)
    assert per.split()[-1] == "1"
    assert "used by annotations but not in the schema:" in shown and "entity Kişi: 1" in shown

    result = runner.invoke(CLI, ["schema", str(path), "--preset", "plover"])
    assert result.exit_code == 0
    assert "kept entity 'WEA': annotations use it" in result.output
    assert "kept entity 'Kişi'" in result.output
    assert "not in the schema" not in runner.invoke(CLI, ["schema", str(path)]).output


def test_json_output_is_a_preset(runner: CliRunner, path: Path, tmp_path: Path) -> None:
    runner.invoke(CLI, ["schema", str(path), "--preset", "ace2005"])
    result = runner.invoke(CLI, ["schema", str(path), "--json"])
    data = json.loads(result.output)
    assert data["entities"][0] == {"name": "PER", "color": "#e15759", "shortcut": "p"}
    data["entities"][0]["name"] = "PERSON"
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(CLI, ["schema", str(path), "--preset", str(mine)])
    assert result.exit_code == 0, result.stderr
    with Project.open(path, create=False) as proj:
        assert ops.get_schema(proj).entities[0].name == "PERSON"
