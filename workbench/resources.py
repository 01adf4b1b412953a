"""Where the bundled data lives: fonts, label-schema presets, icons.

In a source checkout or an editable install it is ``resources/`` beside the package;
a wheel installs the same files under ``<prefix>/share/workbench/resources``.
``WORKBENCH_RESOURCES`` overrides both, for packagers who put the data elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import workbench

_CHECKOUT = Path(workbench.__file__).resolve().parent.parent / "resources"
_INSTALLED = Path(sys.prefix) / "share" / "workbench" / "resources"


def resources_dir() -> Path:
    override = os.environ.get("WORKBENCH_RESOURCES")
    if override:
        return Path(override)
    if _CHECKOUT.is_dir():
        return _CHECKOUT
    return _INSTALLED
