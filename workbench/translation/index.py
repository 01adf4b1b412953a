"""The Argos package index: listing and downloading models, only when the user asks.

Nothing here runs by itself: the index is fetched by ``workbench models available`` /
``download`` and by the window's Download models dialog, which names the host before it
connects. The index is the one ``argospm`` uses (``ARGOS_PACKAGE_INDEX``, default the
argospm-index repository), its entries read field by field as argospm reads them
(importing ``argostranslate`` would create folders under the home folder). Fetching is done here, with a timeout, because argostranslate's
``update_package_index`` swallows network errors and its ``get_available_packages`` then
retries forever when no index was ever saved: offline, a user must get one clear line at
once saying how to install a model from a file instead. Nothing is written but the
package itself (no copy of the index under the home folder).

Every address must be https, redirects included, and every answer has a size limit
(the index 8 MB, a package :data:`MAX_PACKAGE_BYTES`), checked against the announced
length and again while reading. A downloaded package goes through
:func:`~workbench.translation.packages.install_package` like any file, so it is
validated the same way, after its language pair is checked against the index entry it
was chosen by; the download reports progress in bytes and can be cancelled between
chunks.
"""

from __future__ import annotations

import json
import ssl
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from workbench.errors import KnownError
from workbench.progress import Progress
from workbench.translation.archive import PackageRefused, inspect_archive
from workbench.translation.packages import (
    TARGET,
    InstalledPackage,
    argos_setting,
    install_package,
    package_dirs,
    parse_code,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INDEX_TIMEOUT = 10.0  # seconds; a missing network usually fails at once (no DNS)
DOWNLOAD_TIMEOUT = 60.0
USER_AGENT = "ArgosTranslate"  # what argostranslate sends; some mirrors filter on it
MAX_INDEX_BYTES = 8 << 20  # the real index is about 50 kB
MAX_PACKAGE_BYTES = 1 << 30  # Argos packages are 50-300 MB; nothing larger is a model
CHUNK = 1 << 18  # a Cancel is seen after at most this much more is read


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


def host_of(url: str) -> str:
    """The host a URL would contact, as a dialog names it before connecting."""
    return urllib.parse.urlsplit(url).hostname or url


def _require_https(url: str, what: str) -> None:
    if urllib.parse.urlsplit(url).scheme != "https":
        raise KnownError(f"{what} must be an https address, not {url!r}")


class _HttpsRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to https addresses: never downgrade to plain http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _require_https(newurl, f"{req.full_url} redirects to an address that")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _open(url: str, timeout: float) -> Any:
    """The response for an https ``url``; certificates are verified as the system does."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _HttpsRedirects()
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    return opener.open(request, timeout=timeout)


def _announced(response: Any, url: str, limit: int) -> int | None:
    """The Content-Length of ``response``; KnownError when it is over ``limit``."""
    try:
        total = int(response.headers.get("Content-Length") or 0) or None
    except ValueError:
        total = None
    if total is not None and total > limit:
        raise KnownError(f"{url} is {total >> 20} MB, over the {limit >> 20} MB limit; refused")
    return total


def _chunks(response: Any, url: str, limit: int) -> Iterator[bytes]:
    """The body of ``response`` in chunks; KnownError as soon as it passes ``limit``."""
    read = 0
    while chunk := response.read(CHUNK):
        read += len(chunk)
        if read > limit:
            raise KnownError(f"{url} sent more than {limit >> 20} MB, over the limit; refused")
        yield chunk


def _entry(item: object) -> IndexEntry | None:
    """A translation package of the index, read as argospm reads its fields."""
    if not isinstance(item, dict) or item.get("type", "translate") != "translate":
        return None
    from_code, to_code, links = item.get("from_code"), item.get("to_code"), item.get("links")
    if not isinstance(from_code, str) or not isinstance(to_code, str) or not from_code:
        return None
    return IndexEntry(
        from_code,
        to_code,
        str(item.get("package_version") or "0"),
        str(item.get("from_name") or ""),
        str(item.get("to_name") or ""),
        tuple(str(u) for u in links) if isinstance(links, list) else (),
    )


def fetch_index(timeout: float = INDEX_TIMEOUT) -> list[IndexEntry]:
    """The translation packages of the index; a KnownError at once when offline."""
    url = index_url()
    _require_https(url, "ARGOS_PACKAGE_INDEX")
    try:
        with _open(url, timeout) as response:
            _announced(response, url, MAX_INDEX_BYTES)
            data = b"".join(_chunks(response, url, MAX_INDEX_BYTES))
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
    entries = [entry for item in raw if (entry := _entry(item)) is not None]
    return sorted(entries, key=lambda e: (e.from_code, e.to_code))


def find_entry(code: str) -> IndexEntry:
    """The index entry for ``code`` (``tr`` or ``tr-en``); fetches the index."""
    from_code, to_code = parse_code(code)
    to_code = to_code or TARGET
    entries = [e for e in fetch_index() if (e.from_code, e.to_code) == (from_code, to_code)]
    if not entries:
        raise KnownError(
            f"no {from_code} \u2192 {to_code} model in the Argos index (see `workbench models available`)"
        )
    return entries[-1]


class DownloadJob:
    """Download the package of one index entry and install it.

    ``DownloadJob(entry)`` downloads what the user chose from a fetched index;
    :func:`find_entry` reads the index first, so an offline machine fails there, before
    any progress bar appears.
    """

    def __init__(
        self,
        entry: IndexEntry,
        packages_dir: Path | None = None,
        *,
        max_bytes: int = MAX_PACKAGE_BYTES,
    ) -> None:
        self.entry = entry
        links = [url for url in entry.links if urllib.parse.urlsplit(url).scheme == "https"]
        if not links:
            shown = ", ".join(entry.links) or "none"
            raise KnownError(
                f"the index lists no https download address for {entry.pair} ({shown}); refused"
            )
        self.links = links
        self.max_bytes = max_bytes
        self.packages_dir = packages_dir or package_dirs()[0]
        self.installed: InstalledPackage | None = None

    @property
    def hosts(self) -> list[str]:
        return list(dict.fromkeys(host_of(url) for url in self.links))

    def _fetch(self, url: str, handle: IO[bytes]) -> Iterator[Progress]:
        label = f"Downloading {self.entry.pair} from {host_of(url)}"
        with _open(url, DOWNLOAD_TIMEOUT) as response:
            total = _announced(response, url, self.max_bytes)
            handle.seek(0)
            handle.truncate()
            done = 0
            yield Progress(0, total, label, "bytes")
            for chunk in _chunks(response, url, self.max_bytes):
                handle.write(chunk)
                done += len(chunk)
                yield Progress(done, total, label, "bytes")

    def _check_pair(self, path: Path) -> None:
        meta = inspect_archive(path).metadata
        got = (meta.get("from_code"), meta.get("to_code"))
        if got != (self.entry.from_code, self.entry.to_code):
            raise PackageRefused(
                f"download of {self.entry.pair}: refused, the package translates "
                f"{got[0]} \u2192 {got[1]}, not what the index lists"
            )

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
            for url in self.links:
                try:
                    yield from self._fetch(url, handle)
                    break
                except urllib.error.HTTPError as exc:
                    errors.append(f"{url}: {exc.code} {exc.reason}")
                except (urllib.error.URLError, OSError) as exc:
                    errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
            else:
                raise KnownError(f"download of {self.entry.pair} failed ({'; '.join(errors)})")
            handle.close()
            self._check_pair(path)
            self.installed = install_package(path, self.packages_dir).package
        finally:
            handle.close()
            path.unlink(missing_ok=True)
