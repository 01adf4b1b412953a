"""`workbench direction`, and `show --visual` laid out as the window lays the text out."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.text.visual import visual_line, width_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    result = CliRunner().invoke(cli, ["import", str(path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def sentence_rows(output: str, number: int) -> list[str]:
    """The text rows printed under sentence ``number``'s header."""
    lines = output.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"[{number}] "))
    rows = []
    for line in lines[at + 1 :]:
        if not line or line.startswith(("[", "  =", "  T", "  E")):
            break
        rows.append(line)
    return rows


def test_show_visual_lays_seed_002_out_right_to_left(seeded_path: Path) -> None:
    output = run("show", str(seeded_path), "3", "--visual", "--width", "70")
    header = next(line for line in output.split("\n") if line.startswith("[1] "))
    assert header.endswith("\u21d0")
    rows = sentence_rows(output, 1)
    assert len(rows) > 1  # wrapped to 70 columns
    # Right-aligned, and the logical start ("date 2025-08-16") at the right end of the
    # first row: read right to left, the sentence starts there.
    assert all(width_of(row) == 70 for row in rows)
    assert rows[0].endswith("date 2025-08-16")
    # python-bidi left to itself (first strong character: Latin) puts it on the left.
    assert visual_line("date 2025-08-16 دونالد ترامپ").startswith("date")


def test_show_visual_fits_the_terminal_width(
    seeded_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    rows = sentence_rows(run("show", str(seeded_path), "3", "--visual"), 1)
    assert all(width_of(row) == 50 for row in rows)
    turkish = sentence_rows(run("show", str(seeded_path), "2", "--visual"), 1)
    assert all(width_of(row) <= 50 for row in turkish)
    assert turkish[0] == turkish[0].lstrip()  # left-to-right rows start at the left edge


def test_direction_lists_sets_and_show_follows(seeded_path: Path) -> None:
    listing = run("direction", str(seeded_path), "3").split("\n")
    assert listing[0].split()[:4] == ["1", "0-220", "rtl", "(auto)"]
    assert run("direction", str(seeded_path), "3", "-p", "1", "--set", "ltr").startswith(
        "paragraph 1 of #3: ltr"
    )
    assert run("direction", str(seeded_path), "3").split("\n")[0].split()[2:4] == ["ltr", "(set)"]
    output = run("show", str(seeded_path), "3", "--visual", "--width", "70")
    rows = sentence_rows(output, 1)
    assert rows[0].startswith("date 2025-08-16")
    assert not next(line for line in output.split("\n") if line.startswith("[1] ")).endswith(
        "\u21d0"
    )
    run("direction", str(seeded_path), "3", "-p", "1", "--set", "auto")
    assert run("direction", str(seeded_path), "3").split("\n")[0].split()[2:4] == ["rtl", "(auto)"]


def test_direction_refuses_half_requests_and_missing_paragraphs(seeded_path: Path) -> None:
    result = CliRunner().invoke(cli, ["direction", str(seeded_path), "3", "-p", "1"])
    assert result.exit_code == 2 and "--set" in result.output
    result = CliRunner().invoke(
        cli, ["direction", str(seeded_path), "3", "-p", "999", "--set", "rtl"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: document 3 has 23 paragraphs, not 999"
