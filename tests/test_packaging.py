"""The installed environment stays laptop-sized: no torch or stanza, under 1.2 GB.

spaCy is allowed only as the optional ``spacy`` extra (and in the test extra, to test
the exports with the real reader): the base install must not pull it in.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
import sysconfig
from pathlib import Path

from packaging.requirements import Requirement

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


def test_resources_are_found_in_a_checkout_or_an_install(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import workbench.resources as res

    assert (res.resources_dir() / "fonts" / "OFL.txt").exists()
    monkeypatch.setattr(res, "_CHECKOUT", tmp_path / "absent")
    assert res.resources_dir() == Path(sys.prefix) / "share" / "workbench" / "resources"
    monkeypatch.setenv("WORKBENCH_RESOURCES", str(tmp_path))
    assert res.resources_dir() == tmp_path


def test_a_built_wheel_carries_the_fonts_and_presets(tmp_path: Path) -> None:
    import subprocess
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("workbench-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    share = [
        n.split("/share/workbench/resources/", 1)[1]
        for n in names
        if "/share/workbench/resources/" in n
    ]
    assert {
        "fonts/NotoNaskhArabic-Regular.ttf",
        "fonts/NotoSans-Regular.ttf",
        "fonts/OFL.txt",
        "schemas/ace2005.json",
        "schemas/plover.json",
    } <= set(share)
