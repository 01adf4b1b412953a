"""Installs: laptop-sized (no torch or stanza, under 1.2 GB), and complete.

spaCy is allowed only as the optional ``spacy`` extra (and in the test extra, to test
the exports with the real reader): the base install must not pull it in. A wheel and a
separate-prefix install are made and *run* from a folder outside the checkout: the
bundled fonts load, new projects get the ACE schema, presets are found.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
import sysconfig
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"torch", "stanza", "spacy", "argostranslate"}


def _closure(name: str, extras: tuple[str, ...] = ()) -> set[str]:
    """Every distribution ``name`` requires, recursively, with ``extras`` of it only."""
    seen: set[str] = set()
    todo = [(name, extras)]
    while todo:
        current, wanted = todo.pop()
        key = re.sub(r"[-_.]+", "-", current).lower()
        if key in seen and not wanted:
            continue
        seen.add(key)
        try:
            requires = md.requires(current) or []
        except md.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            envs = [{"extra": e} for e in ("", *wanted)]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, ()))
    return seen


def test_no_heavy_nlp_stacks_are_installed() -> None:
    names = {(d.metadata["Name"] or "").lower() for d in md.distributions()}
    assert not names & (HEAVY - {"spacy"}), names & HEAVY
    assert "argos-translate-lt" in names


def test_the_base_install_pulls_in_no_heavy_stack() -> None:
    assert not _closure("workbench") & HEAVY
    assert "spacy" in _closure("workbench", ("spacy",)) or "spacy" not in {
        (d.metadata["Name"] or "").lower() for d in md.distributions()
    }
    assert "torch" not in _closure("workbench", ("spacy", "test"))


def test_site_packages_under_1_2_gb() -> None:
    site = Path(sysconfig.get_paths()["purelib"])
    if not str(site).startswith(sys.prefix) or sys.prefix == sys.base_prefix:
        return  # not a virtual environment: the size would include unrelated packages
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())
    assert total < 1.2e9, f"site-packages is {total / 1e9:.2f} GB"


def test_pyside_pin_keeps_6_12_0_away_from_python_3_11() -> None:
    requires = md.requires("workbench") or []
    pins = [r for r in requires if r.lower().startswith("pyside6-essentials")]
    old = [r for r in pins if 'python_version < "3.12"' in r or "python_version < '3.12'" in r]
    assert old and all("<6.12" in r for r in old), pins


def test_resources_are_package_data_beside_the_code() -> None:
    import workbench
    from workbench.resources import resources_dir

    assert resources_dir() == Path(workbench.__file__).resolve().parent / "resources"
    assert (resources_dir() / "fonts" / "OFL.txt").is_file()
    assert (resources_dir() / "schemas" / "ace2005.json").is_file()


# Run by the installed copy, from a folder outside the checkout: which workbench was
# imported, the fonts it registered, and the schema a new project gets in the window.
FIRST_RUN = """
import sys
from pathlib import Path
import workbench
from workbench.gui.common.app import load_fonts, make_app
from workbench.gui.window.main_window import MainWindow
app = make_app()
print("FILE", Path(workbench.__file__).resolve())
print("FONTS", ",".join(sorted(load_fonts())))
window = MainWindow(Path(sys.argv[1]), online=False)
print("LABELS", ",".join(label.name for label in window.tagger.schema.entities))
window.close()
"""


def run_installed(site: Path, scripts: Path | None, work: Path) -> None:
    """Run the program installed in ``site`` from ``work``, as a user would."""
    import os
    import subprocess

    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(work / "config")  # the window's settings
    env["XDG_DATA_HOME"] = str(work / "data")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    first = run(sys.executable, "-c", FIRST_RUN, str(work / "new.wbproj"))
    lines = dict(line.split(" ", 1) for line in first.stdout.splitlines())
    assert Path(lines["FILE"]).is_relative_to(site.resolve()), lines["FILE"]  # not the checkout
    assert {"Noto Sans", "Noto Naskh Arabic"} <= set(lines["FONTS"].split(","))
    assert "fonts not found" not in first.stderr
    assert {"PER", "ORG", "GPE"} <= set(lines["LABELS"].split(","))  # the ACE 2005 preset
    command = [str(scripts / "workbench")] if scripts else [sys.executable, "-m", "workbench"]
    project = str(work / "cli.wbproj")
    seed = str(ROOT / "seeds" / "002_cd534f5e258f1d2c.txt")
    run(*command, "import", project, seed)
    run(*command, "schema", project, "--preset", "plover")
    assert "PLOVER" in run(*command, "schema", "--list-presets").stdout.upper()
    rendered = run(*command, "render", project, "1", "-o", str(work / "doc.png"))
    assert "fonts not found" not in rendered.stderr and (work / "doc.png").stat().st_size > 0


@pytest.mark.slow
def test_a_wheel_and_a_separate_prefix_install_run_with_fonts_and_presets(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sysconfig
    import zipfile

    # Built from a copy: setuptools leaves a build/ folder in the tree it builds.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "workbench", source / "workbench", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    before = md.distribution("workbench").read_text("direct_url.json")
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("workbench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    from workbench.gui.common.app import FONT_FILES

    assert {f"workbench/resources/fonts/{name}" for name in FONT_FILES} | {
        "workbench/resources/schemas/ace2005.json",
        "workbench/resources/schemas/plover.json",
    } <= names
    licenses = {n.split("/licenses/", 1)[1] for n in names if "/licenses/" in n}
    assert licenses == {"LICENSE", "workbench/resources/fonts/OFL.txt"}

    # The wheel, unpacked into a folder of its own (pip install --target).
    target = tmp_path / "target"
    subprocess.run(
        [*pip, "install", "--no-deps", "--ignore-installed", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    run_installed(target, None, tmp_path / "from-wheel")

    # The source tree, installed under a prefix other than sys.prefix (pip --prefix).
    prefix = tmp_path / "prefix"
    subprocess.run(
        [*pip, "install", "--no-deps", "--ignore-installed", "--prefix", str(prefix), str(source)],
        check=True,
        capture_output=True,
    )
    paths = sysconfig.get_paths(vars={"base": str(prefix), "platbase": str(prefix)})
    run_installed(Path(paths["purelib"]), Path(paths["scripts"]), tmp_path / "from-prefix")
    # --ignore-installed: pip would otherwise uninstall the environment's own copy first.
    assert md.distribution("workbench").read_text("direct_url.json") == before
