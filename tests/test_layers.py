"""Only workbench/gui imports Qt: the rule the whole layering rests on."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"


def test_no_qt_import_outside_gui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
            if any(n.startswith("workbench.gui") for n in names) and path.parts[-2] != "cli":
                offenders.append(f"{path.relative_to(PACKAGE)} imports workbench.gui")
    assert offenders == []


def test_cli_and_core_load_without_qt() -> None:
    modules = [
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for p in PACKAGE.rglob("*.py")
        if "gui" not in p.relative_to(PACKAGE).parts and p.name != "__main__.py"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from click.testing import CliRunner\n"
        "from workbench.cli.main import cli\n"
        "assert CliRunner().invoke(cli, ['--help']).exit_code == 0\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_annotation_family_knows_no_window() -> None:
    """The tagger and the schema editor get the narrow host they use (TaggerHost,
    SchemaHost), never the main window: no module of gui/annotation imports gui/window."""
    offenders = []
    for path in sorted((PACKAGE / "gui" / "annotation").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [
                f"{path.name}: {n}" for n in names if n.startswith("workbench.gui.window")
            ]
    assert offenders == []
