"""Importing text and JSONL files into a project, as a cancellable job.

Documents stream through in batches of records, whatever files they come from: a batch
is read, decoded and checked, its languages detected together (lingua spreads a batch
over the cores), its sentences segmented, and its documents written in one
transaction; then progress is yielded. A batch is atomic, so a crash or a Cancel --
also in the middle of a 100,000-line JSONL file -- leaves every document whole or
absent, and memory holds one batch, never a file. A bad line refuses its whole JSONL
file: the documents already stored from it are removed again (a crash or a Cancel
before that line keeps them, like any committed batch; a rerun skips them).

Documents are recognised by their text and origin: a file, or a record of a JSONL
file, whose text the project already holds from that same file is skipped, whatever its
name now (a JSONL file with a line inserted above renames every later record,
``file.jsonl:LINE``); the same text from another file is another document. Names stay
unique: a new text under a name already taken is stored as "name (2)", so a name shown
by ``list`` means one document.

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
from workbench.io.jsonl import count_lines, read_jsonl
from workbench.io.offsets import DEFAULT_UNIT
from workbench.io.records import ImportRecord
from workbench.ops.searching import documents_added
from workbench.progress import Progress
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage import listing
from workbench.storage.identities import uid_taken
from workbench.storage.project import Project
from workbench.text.canonical import content_hash, decode_bytes
from workbench.text.language import detect_many
from workbench.text.segment import split_sentences

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
BATCH_DOCUMENTS = 256  # documents per transaction
BATCH_CHARACTERS = 4_000_000  # ... or fewer, when they are long
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


def _is_jsonl(item: InputFile) -> bool:
    return item.path.suffix.lower() in JSONL_SUFFIXES


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
        self._stored: dict[Path, list[int]] = {}  # documents stored from each file

    def run(self) -> Iterator[Progress]:
        yield Progress(0, None, "Importing", "documents")
        # A JSONL file counts its lines first (a second for a gigabyte): the total.
        sizes = {item.path: count_lines(item.path) if _is_jsonl(item) else 1 for item in self.files}
        total = sum(sizes.values())
        done = 0
        batch: list[tuple[InputFile, ImportRecord]] = []
        size = 0
        for item in self.files:
            seen = 0
            try:
                for record in self._file_records(item):
                    seen += 1
                    batch.append((item, record))
                    size += len(record.text)
                    if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
                        self._import_batch(batch)
                        done += len(batch)
                        # A Cancel (the generator closed here) keeps every batch
                        # committed so far.
                        yield Progress(done, total, f"Imported {record.source}", "documents")
                        batch, size = [], 0
            except ImportRefused as exc:
                # A bad line refuses the whole file: what was stored of it goes again.
                self.report.refused.append(str(exc))
                pending = [entry for entry in batch if entry[0] is item]
                batch = [entry for entry in batch if entry[0] is not item]
                size = sum(len(rec.text) for _, rec in batch)
                done -= seen - len(pending)
                total -= max(sizes[item.path], seen)
                self._forget(item)
        if batch:
            self._import_batch(batch)
            done += len(batch)
            yield Progress(done, total, f"Imported {batch[-1][1].source}", "documents")

    # -- reading -----------------------------------------------------------------------
    def _file_records(self, item: InputFile) -> Iterator[ImportRecord]:
        if _is_jsonl(item):
            yield from read_jsonl(item.path, item.source, self.offsets)
        else:
            yield self._read(item)

    def _forget(self, item: InputFile) -> None:
        """Remove the documents this job stored from ``item`` (its later line was bad)."""
        ids = self._stored.pop(item.path, [])
        if not ids:
            return
        with self.project.transaction() as conn:
            for first in range(0, len(ids), 500):
                chunk = ids[first : first + 500]
                conn.execute(
                    f"DELETE FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
        gone = set(ids)
        self.report.imported = [entry for entry in self.report.imported if entry[0] not in gone]

    def _read(self, item: InputFile) -> ImportRecord:
        """A text file, or a brat pair (its ``.ann`` beside it)."""
        ann = item.path.with_suffix(".ann")
        if item.path.suffix.lower() == ".txt" and ann.is_file():
            return read_brat(item.path, ann, item.source)
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise ImportRefused(f"{item.source}: cannot read ({exc.strerror})") from None
        return ImportRecord(source=item.source, text=decode_bytes(data, item.source))

    # -- one batch -------------------------------------------------------------
    def _import_batch(self, batch: Sequence[tuple[InputFile, ImportRecord]]) -> None:
        conn = self.project.conn
        digests = [content_hash(rec.text) for _, rec in batch]
        known = store_docs.known_texts(conn, digests)
        fresh: list[tuple[ImportRecord, str]] = []
        paths: list[Path] = []  # the file of each fresh record
        for (item, rec), digest in zip(batch, digests, strict=True):
            origins = known.setdefault(digest, set())
            if store_docs.origin(rec.source) in origins:
                self.report.skipped.append(rec.source)
            else:
                origins.add(store_docs.origin(rec.source))  # a duplicate later in the batch
                fresh.append((rec, digest))
                paths.append(item.path)
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
        languages = []
        for rec, _ in fresh:
            if rec.lang is None:
                lang, confidence = next(detected)
                languages.append((lang, confidence, "detected"))
            else:
                languages.append((rec.lang, 1.0, "imported"))
        with self.project.transaction():
            names = store_docs.unique_names(conn, [rec.source for rec, _ in fresh])
            new_docs = [
                store_docs.NewDocument(
                    name, digest, rec.text, lang, confidence, lang_source, rec.status, sentences
                )
                for name, (rec, digest), (lang, confidence, lang_source), sentences in zip(
                    names, fresh, languages, spans, strict=True
                )
            ]
            with listing.bulk(conn):  # the list is counted once, at the end of the batch
                ids = store_docs.insert_documents(conn, new_docs)
                records_of = list(zip(ids, [rec for rec, _ in fresh], strict=True))
                self._insert_translations(records_of)
                self._insert_annotations(records_of)
                listing.recount(conn, ids)
            documents_added(conn, ids)  # kb ids to entities, the search index
        self.report.imported.extend(zip(ids, names, strict=True))
        for doc_id, path in zip(ids, paths, strict=True):
            self._stored.setdefault(path, []).append(doc_id)

    def _insert_annotations(self, records: list[tuple[int, ImportRecord]]) -> None:
        """The mentions and events of a batch, each kind in one statement."""
        conn = self.project.conn
        taken: set[str] = set()  # uids given in this batch: one annotation each

        def kept(table: str, uid: str | None) -> str:
            given = "" if uid in taken else _kept_uid(conn, table, uid)
            if given:
                taken.add(given)
            return given

        mentions = [
            Mention(
                0,
                doc_id,
                m.start,
                m.end,
                m.label,
                m.kb_id,
                m.annotator,
                kept("mentions", m.uid),
            )
            for doc_id, rec in records
            for m in rec.mentions
        ]
        mention_ids = iter(store_ann.insert_mentions(conn, mentions))
        events: list[Event] = []
        for doc_id, rec in records:
            keys = {m.key: next(mention_ids) for m in rec.mentions}
            events.extend(
                Event(
                    0,
                    doc_id,
                    e.type,
                    e.trigger_start,
                    e.trigger_end,
                    tuple(Argument(role, keys[key]) for role, key in e.arguments),
                    e.annotator,
                    kept("events", e.uid),
                )
                for e in rec.events
            )
        store_ann.insert_events(conn, events)

    def _insert_translations(self, records: list[tuple[int, ImportRecord]]) -> None:
        """Translations that came with the records, grouped by the model that made them."""
        conn = self.project.conn
        translated = [
            (doc_id, rec)
            for doc_id, rec in records
            if rec.sentences and any(s.translation is not None or s.model for s in rec.sentences)
        ]
        if not translated:
            return
        first, last = translated[0][0], translated[-1][0]
        sentence_ids = {
            (doc_id, seq): sid
            for sid, doc_id, seq in conn.execute(
                "SELECT id, document_id, seq FROM sentences WHERE document_id BETWEEN ? AND ?",
                (first, last),
            )
        }
        by_model: dict[str, list[tuple[int, str | None, str]]] = {}
        for doc_id, rec in translated:
            for seq, s in enumerate(rec.sentences or []):
                if s.model:
                    status = "ok" if s.translation is not None else "untranslatable"
                    row = (sentence_ids[(doc_id, seq)], s.translation, status)
                    by_model.setdefault(s.model, []).append(row)
        for model, rows in by_model.items():
            name, _, version = model.rpartition("@")
            store_docs.store_translations(conn, rows, name or model, version if name else "")
