"""The GUI's narrow view of the translation layer, imported lazily.

The window and the Models dialog talk to translation only through these functions, so
the heavy modules (CTranslate2, SentencePiece) load when a model is first needed, and
a broken or missing translation install shows up as one sentence in the translation
pane ("Translation is not available: ...") rather than a window that does not open.
Packages are shown as :class:`PackageRow` values, whatever the layer below calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import KnownError
from workbench.storage.project import Project


@dataclass(frozen=True, slots=True)
class PackageRow:
    from_code: str
    to_code: str
    version: str
    name: str
    path: Path | None
    raw: Any  # the translation layer's own object, handed back for remove/download


def problem() -> str | None:
    """Why translation cannot work in this install, or None when it can."""
    try:
        import workbench.ops.translating  # noqa: F401
        import workbench.translation.packages  # noqa: F401
    except ImportError as exc:
        return f"the translation module could not be loaded ({exc})"
    return None


def _packages() -> Any:
    from workbench.translation import packages

    return packages


def _row(pkg: Any) -> PackageRow:
    def pick(*names: str, default: Any = "") -> Any:
        for name in names:
            value = getattr(pkg, name, None)
            if value is None and isinstance(pkg, dict):
                value = pkg.get(name)
            if value is not None:
                return value
        return default

    from_code = str(pick("from_code", "source", "src"))
    to_code = str(pick("to_code", "target", "tgt", default="en"))
    path = pick("path", "package_path", "directory", default=None)
    return PackageRow(
        from_code=from_code,
        to_code=to_code,
        version=str(pick("version", "package_version")),
        name=str(pick("name", "package_name", default=f"{from_code} → {to_code}")),
        path=Path(path) if path else None,
        raw=pkg,
    )


def model_status(
    project: Project, packages_dir: Path | None = None
) -> dict[str, PackageRow | None]:
    """For each language the project's documents are in: its installed model, or None."""
    from workbench.ops.translating import model_status as status

    return {
        lang: (_row(pkg) if pkg is not None else None)
        for lang, pkg in status(project, packages_dir=packages_dir).items()
    }


def installed(packages_dir: Path | None = None) -> list[PackageRow]:
    packages = _packages()
    return [_row(p) for p in packages.installed_packages(packages_dir)]


def install(archive: Path, packages_dir: Path | None = None) -> PackageRow:
    """Install a ``.argosmodel`` file; raises KnownError when it is invalid or hostile."""
    result = _packages().install_package(archive, packages_dir)
    return _row(getattr(result, "package", result))


def remove(row: PackageRow, packages_dir: Path | None = None) -> None:
    _packages().remove_package(f"{row.from_code}-{row.to_code}", packages_dir)


def can_download() -> bool:
    """Whether this install can list and download packages from the index (when asked)."""
    try:
        import workbench.translation.index  # noqa: F401
    except ImportError:
        return False
    return True


def index_address() -> str:
    """The address of the model list (the Argos package index); nothing is contacted."""
    from workbench.translation.index import index_url

    return index_url()


def index_host() -> str:
    from workbench.translation.index import host_of

    return host_of(index_address())


def download_hosts(row: PackageRow) -> list[str]:
    """The hosts a download of ``row`` (an index row) would contact, https ones only."""
    from workbench.translation.index import host_of

    links = getattr(row.raw, "links", ())
    return list(dict.fromkeys(host_of(u) for u in links if u.startswith("https://")))


def available(timeout: float = 10.0) -> list[PackageRow]:
    """Translation packages on the index; connects, so only when the user asked.

    Raises KnownError at once when offline."""
    if not can_download():
        raise KnownError("this version cannot download models; install one from a file")
    from workbench.translation.index import fetch_index

    return [_row(entry) for entry in fetch_index(timeout)]


def download_job(row: PackageRow, packages_dir: Path | None = None) -> Any:
    """A job that downloads ``row`` (an index row) and installs it, validated like a file."""
    from workbench.translation.index import DownloadJob

    return DownloadJob(row.raw, packages_dir)


def translate_job(
    project: Project,
    doc_ids: Sequence[int] | None,
    *,
    force: bool = False,
    packages_dir: Path | None = None,
) -> Any:
    from workbench.ops.translating import TranslateJob

    return TranslateJob(
        project,
        list(doc_ids) if doc_ids is not None else None,
        force=force,
        packages_dir=packages_dir,
    )
