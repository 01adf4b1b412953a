"""The Argos package index: listing and downloading models, when a network is there.

The index is the same one ``argospm`` uses (``ARGOS_PACKAGE_INDEX``, default the
argospm-index repository), and its entries are read with argostranslate's own
``AvailablePackage``. Fetching is done here, with a timeout, because argostranslate's
``update_package_index`` swallows network errors and its ``get_available_packages`` then
retries forever when no index was ever saved: offline, a user must get one clear line at
once saying how to install a model from a file instead. A downloaded package goes through
:func:`~workbench.translation.packages.install_package` like any file, so it is validated
the same way; the download reports progress in bytes and can be cancelled.
"""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import KnownError
from workbench.progress import Progress
from workbench.translation.packages import (
    TARGET,
    InstalledPackage,
    argos_data_dir,
    argos_setting,
    install_package,
    package_dirs,
    parse_code,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT = 10.0  # seconds; a missing network usually fails at once (no DNS)
DOWNLOAD_TIMEOUT = 60.0
USER_AGENT = "ArgosTranslate"  # what argostranslate sends; some mirrors filter on it


def offline_message(reason: object) -> str:
    return (
        f"cannot reach the Argos package index ({reason}). Without a network, download the "
        "model's .argosmodel file on a connected machine (https://www.argosopentech.com/argospm/index/)"
        ", copy it here and run `workbench models install FILE.argosmodel`"
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    from_code: str
    to_code: str
    package_version: str
    from_name: str
    to_name: str
    links: tuple[str, ...]

    @property
    def pair(self) -> str:
        return f"{self.from_code} \u2192 {self.to_code}"


def index_url() -> str:
    base = argos_setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX) or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _get(url: str, timeout: float) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http(s) only)


def fetch_index(timeout: float = INDEX_TIMEOUT) -> list[IndexEntry]:
    """The translation packages of the index; a KnownError at once when offline."""
    url = index_url()
    if not url.startswith(("http://", "https://")):
        raise KnownError(f"ARGOS_PACKAGE_INDEX must be an http(s) address, not {url!r}")
    try:
        with _get(url, timeout) as response:
            data = response.read()
        raw = json.loads(data)
    except urllib.error.HTTPError as exc:
        raise KnownError(
            f"the Argos package index at {url} answered {exc.code} {exc.reason}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise KnownError(offline_message(getattr(exc, "reason", exc))) from None
    except ValueError:
        raise KnownError(f"the Argos package index at {url} is not valid JSON") from None
    if not isinstance(raw, list):
        raise KnownError(f"the Argos package index at {url} is not a list of packages")
    # Saved where argostranslate keeps its copy, so `argospm` sees the same index.
    try:
        local = argos_data_dir() / "index.json"
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_bytes(data)
    except OSError:
        pass  # a cache only
    from argostranslate.package import AvailablePackage

    entries = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        pkg = AvailablePackage(item)
        if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        entries.append(
            IndexEntry(
                pkg.from_code,
                pkg.to_code,
                str(pkg.package_version or "0"),
                pkg.from_name or "",
                pkg.to_name or "",
                tuple(pkg.links or ()),
            )
        )
    return sorted(entries, key=lambda e: (e.from_code, e.to_code))


class DownloadJob:
    """Download a package from the index and install it. The index is read when the job
    is made, so an offline machine fails there, before any progress bar appears."""

    def __init__(self, code: str, packages_dir: Path | None = None) -> None:
        from_code, to_code = parse_code(code)
        to_code = to_code or TARGET
        entries = [e for e in fetch_index() if (e.from_code, e.to_code) == (from_code, to_code)]
        if not entries:
            raise KnownError(
                f"no {from_code} \u2192 {to_code} model in the Argos index (see `workbench models available`)"
            )
        self.entry = entries[-1]
        if not self.entry.links:
            raise KnownError(f"the index lists no download address for {self.entry.pair}")
        self.packages_dir = packages_dir or package_dirs()[0]
        self.installed: InstalledPackage | None = None

    def run(self) -> Iterator[Progress]:
        self.packages_dir.mkdir(parents=True, exist_ok=True)
        # Beside the packages (a file, which package listings skip), so a cancelled or
        # failed download leaves nothing behind once the finally below has run.
        handle = tempfile.NamedTemporaryFile(
            prefix=".download-", suffix=".argosmodel", dir=self.packages_dir, delete=False
        )
        path = Path(handle.name)
        try:
            errors = []
            for url in self.entry.links:
                try:
                    with _get(url, DOWNLOAD_TIMEOUT) as response:
                        total = int(response.headers.get("Content-Length") or 0) or None
                        handle.seek(0)
                        handle.truncate()
                        done = 0
                        yield Progress(0, total, f"Downloading {self.entry.pair}", "bytes")
                        while chunk := response.read(1 << 20):
                            handle.write(chunk)
                            done += len(chunk)
                            yield Progress(done, total, f"Downloading {self.entry.pair}", "bytes")
                    break
                except (urllib.error.URLError, OSError) as exc:
                    errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
            else:
                raise KnownError(f"download of {self.entry.pair} failed ({'; '.join(errors)})")
            handle.close()
            self.installed = install_package(path, self.packages_dir).package
        finally:
            handle.close()
            path.unlink(missing_ok=True)
