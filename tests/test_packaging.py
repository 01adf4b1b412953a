"""The installed environment stays laptop-sized: no torch, stanza or spacy, under 1.2 GB."""

from __future__ import annotations

import importlib.metadata as md
import sys
import sysconfig
from pathlib import Path


def test_no_heavy_nlp_stacks_are_installed() -> None:
    names = {(d.metadata["Name"] or "").lower() for d in md.distributions()}
    assert not names & {"torch", "stanza", "spacy", "argostranslate"}, names & {
        "torch",
        "stanza",
        "spacy",
        "argostranslate",
    }
    assert "argos-translate-lt" in names


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
