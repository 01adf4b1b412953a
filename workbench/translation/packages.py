"""Argos Translate model packages on disk: finding, validating, installing, removing.

Packages live in the folder Argos Translate itself uses, resolved the same way its
``settings`` module does (``ARGOS_PACKAGES_DIR`` from the environment or Argos's
``settings.json``, else ``$XDG_DATA_HOME/argos-translate/packages``), so models installed
with ``argospm`` or for LibreTranslate are found here and ours are found there. The paths
are computed on each call without importing ``argostranslate``, whose ``settings``
creates folders in the home directory as a side effect of being imported.

An ``.argosmodel`` file is a zip of one folder holding ``metadata.json``, a CTranslate2
``model/`` and a tokenizer. :func:`inspect_archive` checks every member before anything
is written (no absolute or ``..`` paths, no links, the required files present), and
:func:`install_package` then extracts into a hidden folder beside the packages and renames
it into place, replacing any installed package for the same language pair: a package is
never seen half-written or half-replaced. A package that a running translation holds
(:func:`in_use`, in this process or another) is neither removed nor replaced: the job
would lose its model midway.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import KnownError
from workbench.translation.archive import TOKENIZERS, ArchiveInfo, PackageRefused, inspect_archive

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

TARGET = "en"
_HIDDEN = "."  # staging and removal folders start with a dot and are never listed


# -- where packages live ---------------------------------------------------------------
def _home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def argos_data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def argos_config_dir() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / "argos-translate"


def argos_setting(key: str, default: str | None = None) -> str | None:
    """A setting as argostranslate reads it: the environment first, then settings.json."""
    if os.environ.get(key) is not None:
        return os.environ[key]
    try:
        data = json.loads((argos_config_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    value = data.get(key) if isinstance(data, dict) else None
    return default if value is None else str(value)


def packages_dir() -> Path:
    """The folder packages are installed into (it may not exist yet)."""
    return Path(argos_setting("ARGOS_PACKAGES_DIR") or argos_data_dir() / "packages")


def package_dirs(primary: Path | None = None) -> list[Path]:
    """Every folder searched for packages: the primary one, plus a snap's bundled ones."""
    dirs = [primary or packages_dir()]
    snap = os.environ.get("SNAP")
    if primary is None and snap:
        dirs.append(Path(snap) / "snap_custom" / "packages")
        content = Path(snap) / "snap_custom" / "content_snap_packages"
        if content.is_dir():
            dirs.extend(sorted(p for p in content.iterdir() if p.is_dir()))
    return dirs


# -- installed packages ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InstalledPackage:
    path: Path
    from_code: str
    to_code: str
    package_version: str
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""
    tokenizer: str = "sentencepiece"  # or "bpe"
    target_prefix: str = ""

    @property
    def model_id(self) -> str:
        """The name stored with each translation, e.g. ``argos:tr-en``."""
        return f"argos:{self.from_code}-{self.to_code}"

    @property
    def pair(self) -> str:
        return f"{self.from_code} \u2192 {self.to_code}"

    @property
    def model_path(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        return self.path / ("bpe.model" if self.tokenizer == "bpe" else "sentencepiece.model")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def _version_key(version: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[._-]", version))


def read_package(path: Path) -> InstalledPackage | None:
    """The package in folder ``path``; None for anything that is not a translation package."""
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
        return None
    from_code, to_code = meta.get("from_code"), meta.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        return None
    tokenizer = next((kind for name, kind in TOKENIZERS.items() if (path / name).is_file()), None)
    if tokenizer is None or not (path / "model").is_dir():
        return None
    return InstalledPackage(
        path=path,
        from_code=from_code,
        to_code=to_code,
        package_version=str(meta.get("package_version") or "0"),
        from_name=str(meta.get("from_name") or ""),
        to_name=str(meta.get("to_name") or ""),
        argos_version=str(meta.get("argos_version") or ""),
        tokenizer=tokenizer,
        target_prefix=str(meta.get("target_prefix") or ""),
    )


def installed_packages(packages_dir: Path | None = None) -> list[InstalledPackage]:
    """Installed translation packages, by language pair then newest version first."""
    found = []
    for folder in package_dirs(packages_dir):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith(_HIDDEN) or not path.is_dir():
                continue
            package = read_package(path)
            if package is not None:
                found.append(package)
    # Newest version first within a pair (the sorts are stable), so callers take the first.
    found.sort(key=lambda p: _version_key(p.package_version), reverse=True)
    found.sort(key=lambda p: (p.from_code, p.to_code))
    return found


def find_package(
    from_code: str, to_code: str = TARGET, packages_dir: Path | None = None
) -> InstalledPackage | None:
    """The newest installed package translating ``from_code`` into ``to_code``."""
    for package in installed_packages(packages_dir):
        if package.from_code == from_code and package.to_code == to_code:
            return package
    return None


def models_to(
    target: str = TARGET, packages_dir: Path | None = None
) -> dict[str, InstalledPackage]:
    """Source language -> newest installed package into ``target``."""
    out: dict[str, InstalledPackage] = {}
    for package in installed_packages(packages_dir):
        if package.to_code == target:
            out.setdefault(package.from_code, package)
    return out


# -- packages in use ---------------------------------------------------------------------
# A running job holds a shared flock on each of its packages' metadata.json, which every
# process on the machine sees (the window translating, `workbench models remove` in a
# terminal); removal asks for an exclusive one without waiting. These are BSD locks on
# package files, unrelated to SQLite's POSIX locks on the project. Where flock does not
# exist, a count of this process's jobs is all there is.
_in_use: Counter[Path] = Counter()
_in_use_lock = threading.Lock()


@contextmanager
def in_use(packages: Iterable[InstalledPackage]) -> Iterator[None]:
    """Hold ``packages`` for a running job until the block ends."""
    paths = [p.path for p in packages]
    with _in_use_lock:
        _in_use.update(paths)
    handles = []
    try:
        if fcntl is not None:
            for path in paths:
                try:
                    handle = (path / "metadata.json").open("rb")
                except OSError:
                    continue  # removed meanwhile: loading it will say so
                handles.append(handle)
                fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
        yield
    finally:
        for handle in handles:
            handle.close()  # releases its lock
        with _in_use_lock:
            _in_use.subtract(paths)
            for path in paths:
                if _in_use[path] <= 0:
                    del _in_use[path]


def _held_elsewhere(path: Path) -> bool:
    """Whether any process holds the package at ``path`` (its lock is not free)."""
    if fcntl is None:
        return False
    try:
        with (path / "metadata.json").open("rb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # unreadable: not a package anyone can be using
    return False


def _refuse_in_use(packages: Iterable[InstalledPackage], verb: str) -> None:
    with _in_use_lock:
        busy = [p for p in packages if _in_use[p.path] > 0 or _held_elsewhere(p.path)]
    if busy:
        raise KnownError(
            f"the {busy[0].pair} model is in use by a running translation; wait for it to "
            f"finish or cancel it, then {verb} the model"
        )


# -- installing and removing -----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InstallResult:
    package: InstalledPackage
    replaced: tuple[InstalledPackage, ...] = ()


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _extract(zf: zipfile.ZipFile, info: ArchiveInfo, staging: Path) -> None:
    prefix = f"{info.root}/" if info.root else ""
    for member in info.members:
        relative = member.filename[len(prefix) :] if prefix else member.filename
        if not relative or relative.endswith("/"):
            (staging / relative).mkdir(parents=True, exist_ok=True)
            continue
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(member) as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def install_package(archive: str | Path, packages_dir: Path | None = None) -> InstallResult:
    """Validate and install ``archive``; an installed package for the same pair is replaced."""
    info = inspect_archive(archive)
    dest = packages_dir or package_dirs()[0]
    free = shutil.disk_usage(_existing_ancestor(dest)).free
    if free < info.size + (16 << 20):
        raise PackageRefused(
            f"{Path(archive).name}: refused, not enough disk space in {dest} "
            f"({info.size >> 20} MB needed, {free >> 20} MB free)"
        )
    try:
        dest.mkdir(parents=True, exist_ok=True)
        # Same folder as the packages, so the final rename is atomic (one file system).
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest))
    except OSError as exc:
        raise KnownError(f"{dest}: cannot write to the packages folder ({exc.strerror})") from None
    parked: list[tuple[Path, Path]] = []  # (installed folder, hidden folder holding it)
    try:
        with zipfile.ZipFile(archive) as zf:
            _extract(zf, info, staging)
        fresh = read_package(staging)
        if fresh is None:
            raise PackageRefused(
                f"{Path(archive).name}: refused, the extracted package is unreadable"
            )
        final = dest / info.folder_name
        old = [
            p
            for p in installed_packages(dest)
            if (p.from_code, p.to_code) == (fresh.from_code, fresh.to_code)
        ]
        _refuse_in_use(old, "replace")
        doomed = {p.path for p in old}
        if final.exists():
            doomed.add(final)
        for path in sorted(doomed):
            parked.append((path, Path(tempfile.mkdtemp(prefix=".removing-", dir=dest))))
            path.rename(parked[-1][1] / path.name)
        try:
            staging.rename(final)
        except OSError:
            while parked:  # put the old packages back before reporting
                path, park = parked.pop()
                if (park / path.name).exists():
                    (park / path.name).rename(path)
                park.rmdir()
            raise
    except OSError as exc:
        raise KnownError(f"{Path(archive).name}: not installed, {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for _, park in parked:
            shutil.rmtree(park, ignore_errors=True)
    from workbench.translation.translator import forget

    for package in old:
        forget(package.path)
    forget(final)
    installed = read_package(final)
    assert installed is not None  # it was readable in staging a moment ago
    return InstallResult(installed, tuple(old))


def parse_code(code: str) -> tuple[str, str | None]:
    """``tr`` -> (tr, None); ``tr-en``, ``tr_en`` or ``tr→en`` -> (tr, en)."""
    parts = re.split(r"\s*(?:->|\u2192|[-_])\s*", code.strip(), maxsplit=1)
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1]
    return code.strip(), None


def remove_package(code: str, packages_dir: Path | None = None) -> list[InstalledPackage]:
    """Remove the installed package(s) for ``code`` (``tr`` or ``tr-en``); returns them."""
    from_code, to_code = parse_code(code)
    folder = packages_dir or package_dirs()[0]
    matches = [
        p
        for p in installed_packages(folder)
        if p.from_code == from_code and (to_code is None or p.to_code == to_code)
    ]
    if not matches:
        raise KnownError(
            f"no installed model for {code!r} in {folder} (see `workbench models list`)"
        )
    pairs = sorted({(p.from_code, p.to_code) for p in matches})
    if len(pairs) > 1:
        names = ", ".join(f"{a}-{b}" for a, b in pairs)
        raise KnownError(
            f"{code!r} matches several models ({names}); name one, e.g. {pairs[0][0]}-{pairs[0][1]}"
        )
    _refuse_in_use(matches, "remove")
    from workbench.translation.translator import forget

    for package in matches:
        # Renamed away first, so a half-deleted folder is never taken for a package.
        try:
            park = Path(tempfile.mkdtemp(prefix=".removing-", dir=folder))
        except OSError as exc:
            raise KnownError(
                f"{folder}: cannot write to the packages folder ({exc.strerror})"
            ) from None
        try:
            package.path.rename(park / package.path.name)
        except OSError as exc:
            raise KnownError(f"{package.path}: cannot remove ({exc.strerror})") from None
        finally:
            forget(package.path)
            shutil.rmtree(park, ignore_errors=True)
    return matches
