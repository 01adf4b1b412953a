"""The bundled data: fonts and label-schema presets, shipped inside the package.

They are package data (``workbench/resources/fonts`` and ``.../schemas``) found with
:mod:`importlib.resources` next to the code that was imported, so a checkout, an
editable install, a wheel, ``pip install --user`` and any ``--prefix`` or ``--target``
find them the same way; nothing depends on ``sys.prefix`` or on where data files were
put. Qt and the schema loader take file paths, so :func:`resources_dir` returns the
package's folder as a path; every pip install unpacks the package into real files.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from workbench.errors import KnownError


def resources_dir() -> Path:
    """The folder holding ``fonts/`` and ``schemas/``."""
    folder = files(__name__)
    if not isinstance(folder, Path):  # imported from a zip: Qt cannot open fonts in it
        raise KnownError(f"workbench must be installed unpacked, not run from {folder}")
    return folder
