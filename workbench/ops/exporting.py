"""Exporting a project in any of our formats, atomically, as a cancellable job.

Every file is written to a temporary file beside its target and moved over it only
when complete, so a crash or a cancel never leaves a half-written export where the old
one was. The new file keeps the permissions of the file it replaces, or gets those the
umask gives a new file (a temporary file alone would be private to its owner). ``-``
writes JSONL or CoNLL to standard output instead. brat writes a folder: one ``.txt``
and ``.ann`` per document plus ``annotation.conf`` and ``visual.conf``.

What the chosen format cannot carry is counted in ``job.losses``
(:mod:`workbench.io.losses`); the callers tell the user.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from workbench.core.model import Document
from workbench.errors import KnownError
from workbench.io import brat
from workbench.io.conll import to_conll
from workbench.io.formats import CONVERTERS, FORMATS
from workbench.io.losses import Losses
from workbench.io.offsets import DEFAULT_UNIT, UNITS
from workbench.progress import Progress
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage import entities as store_entities
from workbench.storage import labels as store_labels
from workbench.storage.project import Project

OFFSET_FORMATS = ("doccano", "doccano-relations")


def _umask() -> int:
    try:  # Linux tells it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


class AtomicFile:
    """Write ``target`` through a temporary file; ``commit()`` moves it into place."""

    def __init__(self, target: Path, binary: bool = False) -> None:
        if target.is_dir():
            raise KnownError(f"{target}: is a folder; give a file name for the export")
        if not target.parent.exists():
            raise KnownError(f"{target}: the folder {target.parent} does not exist")
        self.target = target
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.handle: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        )

    def commit(self) -> None:
        self.handle.flush()
        os.fchmod(self.handle.fileno(), _mode_for(self.target))
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.tmp, self.target)

    def abandon(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)


def write_atomically(target: Path, data: str | bytes) -> None:
    out = AtomicFile(target, binary=isinstance(data, bytes))
    try:
        out.handle.write(data)
        out.commit()
    except BaseException:
        out.abandon()
        raise


class ExportJob:
    """``for progress in job.run(): ...``; then ``job.losses`` says what was left out."""

    def __init__(
        self,
        project: Project,
        output: str | Path,
        fmt: str = "workbench",
        doc_ids: Sequence[int] | None = None,
        offsets: str | None = None,
        annotator: str | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise KnownError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if offsets is not None and fmt not in OFFSET_FORMATS:
            raise KnownError(f"offsets units apply to the doccano formats, not to {fmt}")
        if offsets is not None and offsets not in UNITS:
            raise KnownError(f"unknown offset unit {offsets!r}; choose one of {', '.join(UNITS)}")
        if str(output) == "-" and fmt in ("brat", "docbin"):
            raise KnownError(
                f"the {fmt} format writes files; give -o a {'folder' if fmt == 'brat' else 'file'}"
            )
        self.project = project
        self.output = output
        self.fmt = fmt
        self.unit = offsets or DEFAULT_UNIT
        self.ids = list(doc_ids) if doc_ids is not None else store_docs.document_ids(project.conn)
        self.losses = Losses(fmt)
        self.annotator = annotator  # export only this annotator's layer (e.g. "curated")
        if annotator is not None and not store_ann.annotators(project.conn).count(annotator):
            raise KnownError(
                f"no annotations by {annotator!r} in the project (annotators: "
                f"{', '.join(store_ann.annotators(project.conn)) or 'none'})"
            )

    @property
    def report(self) -> Losses:
        """What the format left out (the window's job runner hands it to the caller)."""
        return self.losses

    def _docs(self) -> Iterator[Document]:
        for doc_id in self.ids:
            doc = with_kb_ids(self.project.conn, store_docs.get_document(self.project.conn, doc_id))
            yield doc if self.annotator is None else layer_of(doc, self.annotator)

    def _chunks(self) -> Iterator[str]:
        if self.fmt == "conll":
            for doc in self._docs():
                yield to_conll(doc, self.losses)
            return
        convert = CONVERTERS[self.fmt]
        for doc in self._docs():
            yield json.dumps(convert(doc, self.losses, self.unit), ensure_ascii=False) + "\n"

    def run(self) -> Iterator[Progress]:
        total = len(self.ids)
        yield Progress(0, total, "Exporting", "documents")
        if self.fmt == "brat":
            yield from self._run_brat(Path(self.output), total)
        elif self.fmt == "docbin":
            yield from self._run_docbin(Path(self.output), total)
        elif str(self.output) == "-":
            for n, chunk in enumerate(self._chunks(), 1):
                sys.stdout.write(chunk)
                yield Progress(n, total, "Exporting", "documents")
            sys.stdout.flush()
        else:
            out = AtomicFile(Path(self.output))
            try:
                for n, chunk in enumerate(self._chunks(), 1):
                    out.handle.write(chunk)
                    yield Progress(n, total, "Exporting", "documents")
                out.commit()
            except BaseException:
                # Cancelled (GeneratorExit), failed or interrupted: the old export stays intact.
                out.abandon()
                raise

    def _run_docbin(self, target: Path, total: int) -> Iterator[Progress]:
        from workbench.io.spacy_docbin import DocBinWriter

        writer = DocBinWriter(self.losses)
        for n, doc in enumerate(self._docs(), 1):
            writer.add(doc)
            yield Progress(n, total, "Exporting", "documents")
        write_atomically(target, writer.to_bytes())

    def _run_brat(self, folder: Path, total: int) -> Iterator[Progress]:
        if folder.exists() and not folder.is_dir():
            raise KnownError(f"{folder}: is a file; brat export writes a folder of files")
        if not folder.parent.exists():
            raise KnownError(f"{folder}: the folder {folder.parent} does not exist")
        folder.mkdir(exist_ok=True)
        conn = self.project.conn
        schema = store_ann.load_schema(conn)
        used = sorted(store_labels.usage_counts(conn))
        labels = [x.name for x in (*schema.entities, *schema.events, *schema.roles)]
        names = brat.storage_names([*labels, *(name for _, _, name in used)])
        colors = {x.name: x.color for x in (*schema.entities, *schema.events)}
        taken: set[str] = set()
        for n, doc in enumerate(self._docs(), 1):
            stem = brat.file_stem(doc.source, taken)
            write_atomically(folder / f"{stem}.txt", doc.text)
            write_atomically(folder / f"{stem}.ann", brat.to_brat(doc, names, self.losses))
            yield Progress(n, total, "Exporting", "documents")
        write_atomically(folder / "annotation.conf", brat.annotation_conf(schema, names, used))
        write_atomically(folder / "visual.conf", brat.visual_conf(names, colors))


def layer_of(doc: Document, annotator: str) -> Document:
    """``doc`` with only the mentions and events of ``annotator`` (arguments included)."""
    mentions = tuple(m for m in doc.mentions if m.annotator == annotator)
    kept = {m.id for m in mentions}
    events = tuple(
        replace(e, arguments=tuple(a for a in e.arguments if a.mention_id in kept))
        for e in doc.events
        if e.annotator == annotator
    )
    return replace(doc, mentions=mentions, events=events)


def with_kb_ids(conn: sqlite3.Connection, doc: Document) -> Document:
    """``doc`` with the preferred name of each entity its mentions are linked to, under
    the entity's public id (the ``kb_id`` the mentions carry)."""
    names = store_entities.kb_names(conn, [m.entity_id for m in doc.mentions if m.entity_id])
    return replace(doc, kb_names=dict(names.values())) if names else doc


def export_jsonl(
    project: Project,
    output: str | Path,
    fmt: str = "workbench",
    doc_ids: Sequence[int] | None = None,
) -> Iterator[Progress]:
    """Write one JSON object per document (or ``fmt``'s files); yields progress per document."""
    return ExportJob(project, output, fmt, doc_ids).run()
