"""Only `models available` and `models download` may use the network.

Every other command runs here, as a user would chain them (import, list, show, schema,
install a model from a file, translate, export, render, remove), with every network
call Python makes recorded (``tests.support.network``): none is allowed. A new command
must be added to this run, or the test fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
from click.testing import CliRunner

from tests.support.network import recording
from workbench.cli.main import cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NETWORK_COMMANDS = {"models available", "models download"}


def leaf_names(group: click.Group = cli, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names |= leaf_names(command, f"{prefix}{name} ")
        else:
            names.add(prefix + name)
    return names


def test_every_other_command_works_without_any_network_call(
    argos_files: dict[str, Path], tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # render draws offscreen
    project = str(tmp_path / "p.wbproj")
    out, image = str(tmp_path / "out.jsonl"), str(tmp_path / "doc.png")
    runs = [  # (command, its arguments)
        ("import", [project, str(SEEDS)]),
        ("list", [project, "--json"]),
        ("show", [project, "1"]),
        ("show", [project, "3", "--visual"]),
        ("schema", ["--list-presets"]),
        ("schema", [project, "--preset", "ace2005"]),
        ("models install", [str(argos_files["tr"])]),
        ("models list", [project]),
        ("translate", [project, "--doc", "2", "--beam-size", "1"]),
        ("export", [project, "-o", out]),
        ("backup", [project, "-o", str(tmp_path / "copy.wbproj")]),
        ("backup", [project, "--list"]),
        ("direction", [project, "3"]),
        ("merge", [str(tmp_path / "team.wbproj"), project, str(tmp_path / "copy.wbproj")]),
        ("agreement", [project, "--json"]),
        ("kb list", [project]),
        ("kb export", [project, "-o", str(tmp_path / "kb.jsonl")]),
        ("kb import", [project, str(tmp_path / "kb.jsonl")]),
        ("search", [project, "Putin", "--json"]),
        ("render", [project, "2", "-o", image, "--width", "400"]),
        ("models remove", ["tr"]),
    ]
    # `open` needs a display: it is the window, run by tests/gui/test_offline.py.
    assert leaf_names() - {name for name, _ in runs} - NETWORK_COMMANDS == {"open"}
    runner = CliRunner()
    with recording() as attempts:
        for name, args in runs:
            result = runner.invoke(cli, [*name.split(), *args], catch_exceptions=False)
            if name == "agreement":  # nobody has annotated yet: said in one line
                assert result.exit_code == 1 and "two annotators" in result.output
                continue
            assert result.exit_code == 0, (name, args, result.output)
    assert attempts == [], "\n".join(attempts)
    records = [json.loads(line) for line in Path(out).read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(s["translation"] for s in records[1]["sentences"])
    assert os.path.getsize(image) > 0
