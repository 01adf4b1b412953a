"""Exporting a project to JSONL, atomically, as a cancellable job.

The output is written to a temporary file beside the target and moved over it only
when complete, so a crash or a cancel never leaves a half-written export where the old
one was. ``-`` writes to standard output instead.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from workbench.errors import KnownError
from workbench.io.formats import CONVERTERS, FORMATS
from workbench.progress import Progress
from workbench.storage import documents as store_docs
from workbench.storage.project import Project


def _lines(project: Project, fmt: str, ids: Sequence[int]) -> Iterator[str]:
    convert = CONVERTERS[fmt]
    for doc_id in ids:
        doc = store_docs.get_document(project.conn, doc_id)
        yield json.dumps(convert(doc), ensure_ascii=False) + "\n"


def export_jsonl(
    project: Project,
    output: str | Path,
    fmt: str = "workbench",
    doc_ids: Sequence[int] | None = None,
) -> Iterator[Progress]:
    """Write one JSON object per document; yields progress per document."""
    if fmt not in FORMATS:
        raise KnownError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    ids = list(doc_ids) if doc_ids is not None else store_docs.document_ids(project.conn)
    total = len(ids)
    yield Progress(0, total, "Exporting", "documents")
    if str(output) == "-":
        for n, line in enumerate(_lines(project, fmt, ids), 1):
            sys.stdout.write(line)
            yield Progress(n, total, "Exporting", "documents")
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise KnownError(f"{target}: is a folder; give a file name for the export")
    if not target.parent.exists():
        raise KnownError(f"{target}: the folder {target.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        handle: IO[str]
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for n, line in enumerate(_lines(project, fmt, ids), 1):
                handle.write(line)
                yield Progress(n, total, "Exporting", "documents")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        # Cancelled (GeneratorExit), failed or interrupted: the old export stays intact.
        Path(tmp_name).unlink(missing_ok=True)
        raise
