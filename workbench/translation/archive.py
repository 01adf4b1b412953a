"""Validating an ``.argosmodel`` file before anything of it is written.

A package is a zip of one folder (named like ``translate-tr_en-1_9``) holding
``metadata.json``, a CTranslate2 ``model/`` and a tokenizer (``sentencepiece.model`` or
``bpe.model``). Every member is checked first: an absolute name, a ``..`` component or a
link could write outside the packages folder when extracted, so any of them refuses the
whole file. The refusal is one line naming the file and the reason, for the CLI and the
GUI alike.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.errors import KnownError

TOKENIZERS = {"sentencepiece.model": "sentencepiece", "bpe.model": "bpe"}
_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?\Z")
_JUNK = ("__MACOSX/",)  # resource forks that macOS's Archive Utility adds to zips


class PackageRefused(KnownError):
    """An ``.argosmodel`` file was refused; nothing was written."""


@dataclass
class ArchiveInfo:
    root: str  # the folder inside the zip holding metadata.json, "" for the zip's root
    metadata: dict[str, Any]
    members: list[zipfile.ZipInfo] = field(default_factory=list)
    size: int = 0

    @property
    def folder_name(self) -> str:
        """The installed folder's name: the archive's own folder, as argospm would use."""
        if self.root:
            return self.root
        version = str(self.metadata.get("package_version") or "0").replace(".", "_")
        return f"translate-{self.metadata['from_code']}_{self.metadata['to_code']}-{version}"


def _check_member(name: str, info: zipfile.ZipInfo, label: str) -> None:
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise PackageRefused(f"{label}: refused, member {name!r} has an absolute path")
    if ".." in re.split(r"[/\\]", name):
        raise PackageRefused(f"{label}: refused, member {name!r} points outside the package (..)")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageRefused(f"{label}: refused, member {name!r} is a link")


def inspect_archive(path: str | Path) -> ArchiveInfo:
    """Validate an ``.argosmodel`` file without writing anything; raise PackageRefused."""
    path = Path(path)
    label = path.name
    if not path.is_file():
        raise PackageRefused(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageRefused(f"{label}: refused, not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if not i.filename.startswith(_JUNK)]
            for info in members:
                _check_member(info.filename, info, label)
            names = {i.filename.rstrip("/") for i in members}
            tops = {PurePosixPath(n).parts[0] for n in names if n}
            root = ""
            if len(tops) == 1:  # real packages hold one folder, named like the package
                top = next(iter(tops))
                if any(n.startswith(top + "/") for n in names):
                    root = top
            prefix = f"{root}/" if root else ""
            if f"{prefix}metadata.json" not in names:
                raise PackageRefused(f"{label}: refused, no metadata.json in the package")
            try:
                metadata = json.loads(zf.read(f"{prefix}metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise PackageRefused(f"{label}: refused, metadata.json is not valid JSON") from None
    except zipfile.BadZipFile as exc:
        raise PackageRefused(f"{label}: refused, damaged zip archive ({exc})") from None
    if not isinstance(metadata, dict):
        raise PackageRefused(f"{label}: refused, metadata.json is not a JSON object")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value:
            raise PackageRefused(f"{label}: refused, metadata.json has no {key}")
        if not _CODE.match(value):
            raise PackageRefused(f"{label}: refused, {key} {value!r} is not a language code")
    if metadata.get("type", "translate") != "translate":
        raise PackageRefused(
            f"{label}: refused, a {metadata.get('type')!r} package, not a translation model"
        )
    if f"{prefix}model/model.bin" not in names:
        raise PackageRefused(f"{label}: refused, no model/ folder with a CTranslate2 model.bin")
    if not any(f"{prefix}{name}" in names for name in TOKENIZERS):
        raise PackageRefused(f"{label}: refused, no tokenizer (sentencepiece.model or bpe.model)")
    if root.startswith("."):  # hidden folders are our staging area, never packages
        raise PackageRefused(f"{label}: refused, the package folder {root!r} is hidden")
    size = sum(i.file_size for i in members)
    return ArchiveInfo(root=root, metadata=metadata, members=members, size=size)
