"""Importing text and JSONL files into a project, as a cancellable job.

Files are gathered (folders recursively), then handled in batches: each batch is read,
decoded and checked, its languages detected together (lingua spreads a batch over the
cores), its sentences segmented, and its documents written in one transaction. A batch
is atomic, so a crash or a cancel leaves every document whole or absent, and running
the same import again skips what is already there (same source name and content).
A ``.txt`` with a ``.ann`` beside it is a brat standoff document (a ``.ann`` named
alone brings its ``.txt``); doccano offsets are read in the unit given (UTF-16 unless
told otherwise).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.model import Argument, Event, Mention
from workbench.errors import ImportRefused, KnownError
from workbench.io.brat_reader import read_brat
from workbench.io.jsonl import read_jsonl
from workbench.io.offsets import DEFAULT_UNIT
from workbench.io.records import ImportRecord
from workbench.ops.searching import documents_added
from workbench.progress import Progress
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage.identities import uid_taken
from workbench.storage.project import Project
from workbench.text.canonical import content_hash, decode_bytes
from workbench.text.language import detect_many
from workbench.text.segment import split_sentences

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
BATCH_FILES = 256
_DETECTOR_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lingua")


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    source: str  # the name stored in the project


@dataclass
class ImportReport:
    imported: list[tuple[int, str]] = field(default_factory=list)  # (id, source)
    skipped: list[str] = field(default_factory=list)  # already in the project
    refused: list[str] = field(default_factory=list)  # one message per refused file

    def summary(self) -> str:
        parts = [f"{len(self.imported)} imported", f"{len(self.skipped)} already present"]
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts)


def gather(paths: Sequence[str | Path]) -> list[InputFile]:
    """The files to import: named files as given, folders searched recursively."""
    out: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    suffix = Path(name).suffix.lower()
                    if not name.startswith(".") and suffix in TEXT_SUFFIXES | JSONL_SUFFIXES:
                        found.append(Path(folder) / name)
            out.extend(InputFile(p, p.relative_to(path).as_posix()) for p in sorted(found))
        elif path.suffix.lower() == ".ann" and path.with_suffix(".txt").exists():
            txt = path.with_suffix(".txt")  # a brat pair named by its annotations
            out.append(InputFile(txt, txt.name))
        elif path.exists():
            out.append(InputFile(path, path.name))
        else:
            raise KnownError(f"{path}: no such file or folder")
    return out


def _kept_uid(conn: sqlite3.Connection, table: str, uid: str | None) -> str:
    """The input's uid for an annotation, or "" (a new one) when none or already taken.

    A uid the project has already belongs to another copy of that annotation (the same
    text imported under another name): that copy keeps it, this one gets its own.
    """
    return uid if uid and not uid_taken(conn, table, uid) else ""


class ImportJob:
    """``for progress in job.run(): ...``; then ``job.report`` says what happened."""

    def __init__(
        self, project: Project, paths: Sequence[str | Path], offsets: str = DEFAULT_UNIT
    ) -> None:
        self.project = project
        self.offsets = offsets  # the unit of doccano offsets
        self.files = gather(paths)
        self.report = ImportReport()

    def run(self) -> Iterator[Progress]:
        total = len(self.files)
        yield Progress(0, total, "Importing", "files")
        done = 0
        for first in range(0, total, BATCH_FILES):
            batch = self.files[first : first + BATCH_FILES]
            self._import_batch(batch)
            done += len(batch)
            yield Progress(done, total, f"Imported {batch[-1].source}", "files")

    # -- one batch -------------------------------------------------------------
    def _read(self, item: InputFile) -> list[ImportRecord]:
        if item.path.suffix.lower() in JSONL_SUFFIXES:
            return list(read_jsonl(item.path, item.source, self.offsets))
        ann = item.path.with_suffix(".ann")
        if item.path.suffix.lower() == ".txt" and ann.is_file():
            return [read_brat(item.path, ann, item.source)]
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise ImportRefused(f"{item.source}: cannot read ({exc.strerror})") from None
        return [ImportRecord(source=item.source, text=decode_bytes(data, item.source))]

    def _import_batch(self, batch: Sequence[InputFile]) -> None:
        conn = self.project.conn
        records: list[tuple[ImportRecord, str]] = []
        for item in batch:
            try:
                records.extend((rec, content_hash(rec.text)) for rec in self._read(item))
            except ImportRefused as exc:
                self.report.refused.append(str(exc))
        present = store_docs.present(conn, [(rec.source, digest) for rec, digest in records])
        fresh: list[tuple[ImportRecord, str]] = []
        for rec, digest in records:
            if (rec.source, digest) in present:
                self.report.skipped.append(rec.source)
            else:
                present.add((rec.source, digest))  # a duplicate later in the same batch
                fresh.append((rec, digest))
        # lingua runs in Rust without the GIL: detect languages while Python segments.
        undetected = [rec.text for rec, _ in fresh if rec.lang is None]
        detection = _DETECTOR_THREAD.submit(detect_many, undetected)
        spans = [
            [(s.start, s.end) for s in rec.sentences]
            if rec.sentences is not None
            else split_sentences(rec.text)
            for rec, _ in fresh
        ]
        detected = iter(detection.result())
        new_docs = []
        for (rec, digest), sentences in zip(fresh, spans, strict=True):
            if rec.lang is None:
                lang, confidence = next(detected)
                lang_source = "detected"
            else:
                lang, confidence, lang_source = rec.lang, 1.0, "imported"
            new_docs.append(
                store_docs.NewDocument(
                    rec.source,
                    digest,
                    rec.text,
                    lang,
                    confidence,
                    lang_source,
                    rec.status,
                    sentences,
                )
            )
        with self.project.transaction():
            ids = store_docs.insert_documents(conn, new_docs)
            for doc_id, (rec, _) in zip(ids, fresh, strict=True):
                self._insert_annotations(doc_id, rec)
                self.report.imported.append((doc_id, rec.source))
            documents_added(conn, ids)  # kb ids to entities, the search index

    def _insert_annotations(self, doc_id: int, rec: ImportRecord) -> None:
        conn = self.project.conn
        if rec.sentences and any(s.translation is not None or s.model for s in rec.sentences):
            self._insert_translations(doc_id, rec)
        ids: dict[str, int] = {}
        for m in rec.mentions:
            uid = _kept_uid(conn, "mentions", m.uid)
            ids[m.key] = store_ann.insert_mention(
                conn, Mention(0, doc_id, m.start, m.end, m.label, m.kb_id, m.annotator, uid)
            )
        for e in rec.events:
            args = tuple(Argument(role, ids[key]) for role, key in e.arguments)
            uid = _kept_uid(conn, "events", e.uid)
            store_ann.insert_event(
                conn,
                Event(0, doc_id, e.type, e.trigger_start, e.trigger_end, args, e.annotator, uid),
            )

    def _insert_translations(self, doc_id: int, rec: ImportRecord) -> None:
        conn = self.project.conn
        sentence_ids = [s.id for s in store_docs.sentences_of(conn, doc_id)]
        by_model: dict[str, list[tuple[int, str | None, str]]] = {}
        for sid, s in zip(sentence_ids, rec.sentences or [], strict=True):
            if s.model:
                status = "ok" if s.translation is not None else "untranslatable"
                by_model.setdefault(s.model, []).append((sid, s.translation, status))
        for model, rows in by_model.items():
            name, _, version = model.rpartition("@")
            store_docs.store_translations(conn, rows, name or model, version if name else "")
