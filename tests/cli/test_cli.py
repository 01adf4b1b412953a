"""Every command through click's CliRunner, as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli.main import cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append((prefix + name, command))
        if isinstance(command, click.Group):
            out.extend(_all_commands(command, prefix + name + " "))
    return out


@pytest.mark.parametrize(
    "name, command", _all_commands(cli), ids=lambda x: x if isinstance(x, str) else ""
)
def test_every_command_and_option_has_help(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"`workbench {name}` has no help"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`workbench {name}` option {param.opts} has no help"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeded_path(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "p.wbproj"
    result = runner.invoke(cli, ["import", str(path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "5 imported" in result.output
    return path


def test_import_then_list(seeded_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["list", str(seeded_path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "source", "lang"]
    assert [line.split()[2] for line in lines[1:]] == ["tr", "tr", "fa", "tr", "ar"]
    rows = [
        json.loads(x)
        for x in runner.invoke(cli, ["list", str(seeded_path), "--json"]).output.splitlines()
    ]
    assert [r["lang"] for r in rows] == ["tr", "tr", "fa", "tr", "ar"] and rows[0]["sentences"] > 10


def test_reimport_reports_skips(seeded_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["import", str(seeded_path), str(SEEDS)])
    assert result.exit_code == 0 and "0 imported, 5 already present" in result.output


def test_export_to_stdout_and_file(seeded_path: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", str(seeded_path), "-o", "-"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["lang"] for r in rows] == ["tr", "tr", "fa", "tr", "ar"]
    out = tmp_path / "x.jsonl"
    for fmt in ("workbench", "doccano", "spacy"):
        result = runner.invoke(cli, ["export", str(seeded_path), "-o", str(out), "--format", fmt])
        assert result.exit_code == 0
        assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_show_by_id_and_by_name(seeded_path: Path, runner: CliRunner) -> None:
    by_id = runner.invoke(cli, ["show", str(seeded_path), "3"])
    by_name = runner.invoke(cli, ["show", str(seeded_path), "002_cd534f5e258f1d2c.txt"])
    by_stem = runner.invoke(cli, ["show", str(seeded_path), "002_cd534f5e258f1d2c"])
    assert by_id.exit_code == 0 and by_id.output == by_name.output == by_stem.output
    assert "دونالد ترامپ" in by_id.output  # logical order, unshaped


def test_show_visual_reorders_and_shapes(seeded_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", str(seeded_path), "3", "--visual"])
    assert result.exit_code == 0
    assert "دونالد ترامپ" not in result.output
    assert (
        "\ufe8e" in result.output or "\ufedf" in result.output or "\ufee3" in result.output
    )  # presentation forms


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "{tmp}/missing.wbproj"], "no such project"),
        (["show", "{seeded}", "999"], "no document '999'"),
        (["list", "{tmp}/notes.txt"], "not a workbench project"),
        (["import", "{tmp}/p2.wbproj", "{tmp}/nothing-here"], "no such file or folder"),
        (["export", "{seeded}", "-o", "{tmp}/no/dir/x.jsonl"], "does not exist"),
    ],
)
def test_user_errors_are_one_line_without_traceback(
    seeded_path: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a project, just notes " * 10, encoding="utf-8")
    args = [a.format(tmp=tmp_path, seeded=seeded_path) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_refused_file_gives_exit_1_but_imports_the_rest(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Tamam.", encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = runner.invoke(cli, ["import", str(tmp_path / "p.wbproj"), str(tmp_path / "in")])
    assert result.exit_code == 1
    assert "refused: bin.txt: contains NUL bytes" in result.output
    assert "1 imported" in result.output


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: workbench" in out.stdout


def test_show_puts_each_annotation_under_its_sentence(tmp_path: Path, runner: CliRunner) -> None:
    text = "Ali geldi. Ayşe gitti. Veli kaldı."
    record = {
        "text": text,
        "sentences": [{"start": 0, "end": 10}, {"start": 11, "end": 22}, {"start": 23, "end": 34}],
        "entities": [
            {"id": "T1", "start": 23, "end": 27, "label": "PER"},
            {"id": "T2", "start": 0, "end": 3, "label": "PER"},
            {"id": "T3", "start": 11, "end": 15, "label": "PER"},
        ],
        "events": [
            {"type": "Movement", "trigger": {"start": 16, "end": 21}, "arguments": []},
            {
                "type": "Stay",
                "trigger": {"start": 28, "end": 33},
                "arguments": [{"role": "Agent", "entity": "T1"}],
            },
        ],
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    project = tmp_path / "p.wbproj"
    assert runner.invoke(cli, ["import", str(project), str(source)]).exit_code == 0
    result = runner.invoke(cli, ["show", str(project), "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines()[1:] if line]
    assert lines == [
        "[1] 0-10",
        "Ali geldi.",
        "  T1 PER 0-3 Ali",
        "[2] 11-22",
        "Ayşe gitti.",
        "  T2 PER 11-15 Ayşe",
        "  E1 Movement 16-21 gitti []",
        "[3] 23-34",
        "Veli kaldı.",
        "  T3 PER 23-27 Veli",
        "  E2 Stay 28-33 kaldı [Agent=T3]",
    ]


def test_merge_and_export_a_layer_from_the_command_line(tmp_path: Path) -> None:
    from tests.support.team import build_laptops

    laptops = build_laptops(tmp_path)
    merged = CliRunner().invoke(cli, ["merge", str(laptops.a), str(laptops.b), "--json"])
    assert merged.exit_code == 0, merged.output
    (source,) = json.loads(merged.output)["sources"]
    assert source["mentions"] == {"came_in": 8, "already": 0, "refused": 0}
    again = CliRunner().invoke(cli, ["merge", str(laptops.a), str(laptops.b)])
    assert "  mentions: 0 came in, 8 already there" in again.output
    missing = CliRunner().invoke(cli, ["merge", str(laptops.a), str(tmp_path / "nope.wbproj")])
    assert missing.exit_code == 1 and "no such project file" in missing.output
    out = tmp_path / "mehmet.jsonl"
    done = CliRunner().invoke(
        cli, ["export", str(laptops.a), "-o", str(out), "--annotator", "mehmet"]
    )
    assert done.exit_code == 0, done.output
    annotators = {
        e["annotator"]
        for line in out.read_text(encoding="utf-8").splitlines()
        for e in json.loads(line)["entities"]
    }
    assert annotators == {"mehmet"}


def test_merge_creates_a_missing_target_with_the_sources_labels_only(tmp_path: Path) -> None:
    from tests.support.team import build_laptops, content
    from workbench.core.model import Label
    from workbench.ops.projects import open_project
    from workbench.ops.schema import add_label

    laptops = build_laptops(tmp_path)
    team = tmp_path / "team.wbproj"
    done = CliRunner().invoke(cli, ["merge", str(team), str(laptops.a), str(laptops.b)])
    assert done.exit_code == 0, done.output
    union = {k: content(laptops.a)[k] | content(laptops.b)[k] for k in content(laptops.a)}
    assert content(team) == union
    clash = tmp_path / "clash.wbproj"
    with open_project(tmp_path / "odd.wbproj", create=True) as odd:
        add_label(odd, Label("event", "MEDIA", "#123456"))
    refused = CliRunner().invoke(
        cli, ["merge", str(clash), str(laptops.b), str(tmp_path / "odd.wbproj")]
    )
    assert refused.exit_code == 1 and "label clash: 'MEDIA'" in refused.output
    assert not clash.exists()  # the file it would have created is not left behind
