"""`workbench export` in every format, what it says on stderr, and the schema of new projects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.seed_annotations import annotate_seeds
from workbench.cli.main import cli
from workbench.io.formats import FORMATS
from workbench.storage.project import Project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def annotated_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    result = CliRunner().invoke(cli, ["import", str(path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    with Project.open(path) as project:
        annotate_seeds(project)
    return path


def test_import_creates_a_project_with_the_default_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.wbproj"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["import", str(path), str(SEEDS / "002_cd534f5e258f1d2c.txt")]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["schema", str(path), "--json"])
    schema = json.loads(result.output)
    assert schema["entities"][0]["name"] == "PER"
    assert any(e["name"] == "Contact.Meet" for e in schema["events"])


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "docbin"])
def test_every_format_exports_and_says_what_it_left_out(
    annotated_path: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / ("brat" if fmt == "brat" else f"out.{fmt}")
    result = CliRunner().invoke(
        cli, ["export", str(annotated_path), "-o", str(out), "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
    if fmt == "workbench":
        assert result.stderr == ""
        return
    assert result.stderr.startswith(f"{fmt}: cannot carry, left out: ")
    assert "annotator names" in result.stderr
    if fmt in ("doccano", "spacy", "conll"):
        assert "5 events" in result.stderr


def test_offsets_only_for_doccano(annotated_path: Path, tmp_path: Path) -> None:
    args = ["export", str(annotated_path), "-o", str(tmp_path / "x.jsonl"), "--format", "spacy"]
    result = CliRunner().invoke(cli, [*args, "--offsets", "utf16"])
    assert result.exit_code == 1 and "doccano" in result.output


def test_brat_needs_a_folder_not_stdout(annotated_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(annotated_path), "-o", "-", "--format", "brat"])
    assert result.exit_code == 1 and "give -o a folder" in result.output


def test_docbin_without_spacy_says_how_to_install_it(annotated_path: Path, tmp_path: Path) -> None:
    # A Python in which `import spacy` fails, as on a machine without the extra.
    code = (
        "import sys; sys.modules['spacy'] = None\n"
        "from workbench.cli.main import main\n"
        f"sys.argv = ['workbench', 'export', {str(annotated_path)!r}, '-o', "
        f"{str(tmp_path / 'x.spacy')!r}, '--format', 'docbin']\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 1
    assert "needs spaCy" in out.stderr and "pip install 'workbench[spacy]'" in out.stderr
    assert not (tmp_path / "x.spacy").exists()


def test_doccano_import_offsets_option(tmp_path: Path) -> None:
    text = "😀 Trump geldi"  # doccano counts the emoji as two
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"text": text, "label": [[3, 8, "PER"]]}) + "\n", encoding="utf-8")
    runner = CliRunner()
    for options, expected in (
        ([], "PER 2-7 Trump"),
        (["--offsets", "codepoints"], "PER 3-8 rump "),
    ):
        path = tmp_path / f"{len(options)}.wbproj"
        result = runner.invoke(cli, ["import", str(path), str(src), *options])
        assert result.exit_code == 0, result.output
        assert expected in runner.invoke(cli, ["show", str(path), "1"]).output
