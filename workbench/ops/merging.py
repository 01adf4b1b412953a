"""Merging other project files into this one: lossless, idempotent, never deleting.

Analysts annotate copies of a project on separate laptops; ``workbench merge TARGET
SOURCE...`` brings their work together. What is the same in two files is recognised by
identity, never by guess: a document by its content hash (the text is the document,
whatever its file name), a mention or an event by its ``uid`` (kept through export,
import and merge), an argument by (event uid, role, mention uid), a translation by its
sentence's span, a label by (kind, parent, name). Whatever the target lacks comes in;
whatever it has stays as it is. So merging the same file twice changes nothing, A into
B then B into A leaves both with the same annotations, and a merge deletes nothing.

Differences are reported, never settled: a row with the same uid but other values in
the two files keeps the target's values and is counted as refused, with the reason. A
label clash (a name that is an entity type in one file and an event type in the other)
stops the merge before anything is written, naming the label and the files.

Sources are only read, through read-only SQLite connections (never ``open()``/
``close()``: see :func:`~workbench.storage.project.check_header`), each inside one read
transaction, so a source whose window is open and writing is read at one consistent
commit and its WAL is never touched. Each source is written into the target in one
transaction: a crash, a cancel or a full disk keeps all of a source or none of it.

The knowledge base comes first (:mod:`workbench.ops.entity_merge`): entities by uid or
external id, with their aliases; mentions then carry their entity's public id and are
linked to the target's entity of that id.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.core.model import Argument, Label
from workbench.errors import KnownError
from workbench.ops.entity_merge import merge_entities
from workbench.progress import Progress
from workbench.storage import annotations as store_ann
from workbench.storage import documents as store_docs
from workbench.storage import identities as ids
from workbench.storage import labels as store_labels
from workbench.storage.entities import adopt_kb_ids
from workbench.storage.project import Project, check_header, describe, sqlite_uri

KINDS = ("labels", "entities", "documents", "translations", "mentions", "events", "arguments")
UIDS_SINCE = 2  # the schema version that gave annotations their uid


class MergeRefused(KnownError):
    """A source cannot be merged (a label clash, an unreadable file); nothing was written."""


@dataclass
class Tally:
    came_in: int = 0
    already: int = 0
    refused: int = 0


@dataclass
class SourceReport:
    """What one source brought: per kind of row, and the reason for each refusal."""

    source: str
    counts: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def refuse(self, kind: str, reason: str) -> None:
        self.counts[kind].refused += 1
        self.refused.append(reason)

    def lines(self) -> list[str]:
        out = [f"{self.source}:"]
        for kind in KINDS:
            t = self.counts[kind]
            text = f"  {kind}: {t.came_in} came in, {t.already} already there"
            out.append(text + (f", {t.refused} refused" if t.refused else ""))
        out.extend(f"  refused: {reason}" for reason in self.refused)
        out.extend(f"  note: {note}" for note in self.notes)
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            **{k: vars(t) for k, t in self.counts.items()},
            "refused_reasons": list(self.refused),
            "notes": list(self.notes),
        }


@dataclass
class MergeReport:
    sources: list[SourceReport] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [line for s in self.sources for line in s.lines()]

    def came_in(self) -> int:
        return sum(t.came_in for s in self.sources for t in s.counts.values())


# -- reading a source ------------------------------------------------------------------
def _open_source(path: Path, target: Project) -> sqlite3.Connection:
    if not path.exists():
        raise MergeRefused(f"{path}: no such project file")
    if path.is_dir():
        raise MergeRefused(f"{path}: is a folder, not a project file")
    try:
        if os.path.samefile(path, target.path):
            raise MergeRefused(f"{path}: that is the target project itself")
    except OSError:
        pass
    check_header(path)
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, isolation_level=None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise MergeRefused(f"{path}: cannot read it ({describe(exc)})") from None
    if version < UIDS_SINCE:
        conn.close()
        raise MergeRefused(
            f"{path}: written by an older workbench whose annotations have no stable ids; "
            "open it once with this version (e.g. `workbench list` on it) to upgrade it"
        )
    return conn


def _all_labels(conn: sqlite3.Connection) -> list[Label]:
    schema = store_ann.load_schema(conn)
    return [*schema.entities, *schema.events, *schema.roles]


_WORDS = {"entity": "entity type", "event": "event type", "role": "role"}


def plan_labels(
    have: Sequence[Label], bring: Sequence[Label], source: str, target: str
) -> tuple[list[Label], int, list[str]]:
    """The labels of ``bring`` to add to ``have``: (new labels, how many present, notes).

    Raises :class:`MergeRefused` on a clash: a name that is an entity type on one side
    and an event type on the other, or a role whose event type is an entity type.
    """
    kinds = {(x.name, x.kind) for x in have if x.kind != "role"}
    present = {(x.kind, x.parent, x.name) for x in have}
    keys = {((x.shortcut or "").casefold(), x.parent) for x in have if x.shortcut}
    new: list[Label] = []
    notes: list[str] = []
    already = 0
    for label in bring:
        if label.kind != "role":
            other = "event" if label.kind == "entity" else "entity"
            if (label.name, other) in kinds:
                raise MergeRefused(
                    f"label clash: {label.name!r} is an {_WORDS[label.kind]} in {source} but an "
                    f"{_WORDS[other]} in {target}; rename it in one of them, then merge again"
                )
        elif (label.parent, "entity") in kinds:
            raise MergeRefused(
                f"label clash: role {label.name!r} in {source} belongs to {label.parent!r}, "
                f"an entity type in {target}; rename it in one of them, then merge again"
            )
        if (label.kind, label.parent, label.name) in present:
            already += 1
            continue
        scope = label.parent if label.kind == "role" else ""
        if label.shortcut and ((label.shortcut.casefold(), scope) in keys):
            notes.append(
                f"{_WORDS[label.kind]} {label.name!r} added without its key {label.shortcut!r}, taken"
            )
            label = replace(label, shortcut=None)
        elif label.shortcut:
            keys.add((label.shortcut.casefold(), scope))
        new.append(label)
        present.add((label.kind, label.parent, label.name))
        if label.kind != "role":
            kinds.add((label.name, label.kind))
    return new, already, notes


# -- the job -------------------------------------------------------------------------
class MergeJob:
    """``for progress in job.run(): ...``; then ``job.report`` says what came in.

    Every source is opened and its labels checked against the target (and the sources
    before it) when the job is made, so a clash or an unreadable file refuses the whole
    merge before anything is written.
    """

    def __init__(self, project: Project, sources: Sequence[str | Path]) -> None:
        if not sources:
            raise KnownError("name at least one project file to merge")
        self.project = project
        self.paths = [Path(s) for s in sources]
        self.report = MergeReport()
        have = _all_labels(project.conn)
        self._labels: list[tuple[list[Label], int, list[str]]] = []
        for path in self.paths:
            conn = _open_source(path, project)
            try:
                plan = plan_labels(have, _all_labels(conn), str(path), str(project.path))
            finally:
                conn.close()
            self._labels.append(plan)
            have = [*have, *plan[0]]

    def run(self) -> Iterator[Progress]:
        for index, path in enumerate(self.paths):
            report = SourceReport(str(path))
            self.report.sources.append(report)
            conn = _open_source(path, self.project)
            try:
                conn.execute("BEGIN")  # one snapshot of the source, whoever writes to it
                yield from self._merge(conn, path, index, report)
            finally:
                conn.close()  # ends the read transaction; the source is untouched

    def _merge(
        self, src: sqlite3.Connection, path: Path, index: int, report: SourceReport
    ) -> Iterator[Progress]:
        docs = ids.document_rows(src)
        total = len(docs)
        yield Progress(0, total, f"Merging {path.name}", "documents")
        with self.project.transaction() as conn:
            self._merge_labels(conn, index, report)
            merge_entities(src, conn, report.counts["entities"], report.notes)
            by_hash = ids.documents_by_hash(conn)
            for done, row in enumerate(docs, 1):
                self._merge_document(src, conn, row, by_hash, report)
                yield Progress(done, total, f"Merging {path.name}", "documents")

    def _merge_labels(self, conn: sqlite3.Connection, index: int, report: SourceReport) -> None:
        new, already, notes = self._labels[index]
        tally = report.counts["labels"]
        tally.already += already
        report.notes.extend(notes)
        for label in new:
            if store_labels.get_label(conn, label.kind, label.name, label.parent) is not None:
                tally.already += 1  # another program added it since the job was made
                continue
            store_labels.insert_label(conn, label, store_labels.next_position(conn))
            tally.came_in += 1

    def _merge_document(
        self,
        src: sqlite3.Connection,
        conn: sqlite3.Connection,
        row: tuple[object, ...],
        by_hash: dict[str, int],
        report: SourceReport,
    ) -> None:
        src_id, source, digest, lang, confidence, lang_source, status = row
        src_doc = int(src_id)  # type: ignore[call-overload]
        target_doc = by_hash.get(str(digest))
        if target_doc is None:
            text = store_docs.document_text(src, src_doc)
            sentences = [(s.start, s.end) for s in store_docs.sentences_of(src, src_doc)]
            target_doc = store_docs.insert_documents(
                conn,
                [
                    store_docs.NewDocument(
                        str(source),
                        str(digest),
                        text,
                        None if lang is None else str(lang),
                        None if confidence is None else float(confidence),  # type: ignore[arg-type]
                        str(lang_source),
                        str(status),
                        sentences,
                    )
                ],
            )[0]
            by_hash[str(digest)] = target_doc
            report.counts["documents"].came_in += 1
        else:
            report.counts["documents"].already += 1
        self._merge_translations(src, conn, src_doc, target_doc, report)
        mention_ids = self._merge_mentions(src, conn, src_doc, target_doc, report)
        # Mentions came in with their entity's public id: link each to that entity.
        adopt_kb_ids(conn, [target_doc])
        self._merge_events(src, conn, src_doc, target_doc, mention_ids, report)

    def _merge_translations(
        self,
        src: sqlite3.Connection,
        conn: sqlite3.Connection,
        src_doc: int,
        target_doc: int,
        report: SourceReport,
    ) -> None:
        tally = report.counts["translations"]
        theirs = ids.translations_of(src, src_doc)
        ours = ids.translations_of(conn, target_doc)
        for span, (_, text, status, model, version, stamp) in sorted(theirs.items()):
            if status is None:
                continue  # not translated there
            here = ours.get(span)
            if here is None:
                tally.refused += 1
                report.refused.append(
                    f"translation of {span[0]}-{span[1]} in document {target_doc}: the target "
                    "cuts that text into other sentences"
                )
            elif here[2] is None:
                ids.copy_translation(
                    conn, here[0], text, status, str(model), str(version), str(stamp)
                )
                tally.came_in += 1
            elif (here[1], here[2], here[3], here[4]) == (text, status, model, version):
                tally.already += 1
            else:
                tally.refused += 1
                report.refused.append(
                    f"translation of {span[0]}-{span[1]} in document {target_doc}: the target "
                    f"has another one ({here[3]}@{here[4]}), kept"
                )

    def _merge_mentions(
        self,
        src: sqlite3.Connection,
        conn: sqlite3.Connection,
        src_doc: int,
        target_doc: int,
        report: SourceReport,
    ) -> dict[int, int]:
        """Bring in the mentions; returns source mention id -> target mention id."""
        tally = report.counts["mentions"]
        stamps = ids.created_times(src, "mentions", src_doc)
        mapping: dict[int, int] = {}
        for m in store_ann.mentions_of(src, src_doc):
            found = ids.mention_by_uid(conn, m.uid)
            if found is None:
                mapping[m.id] = ids.copy_mention(conn, m, target_doc, stamps[m.uid])
                tally.came_in += 1
                continue
            same = (found.document_id, found.start, found.end, found.label, found.kb_id) == (
                target_doc,
                m.start,
                m.end,
                m.label,
                m.kb_id,
            )
            if same:
                mapping[m.id] = found.id
                tally.already += 1
            else:
                if found.document_id == target_doc:
                    mapping[m.id] = found.id  # the same mention, edited since: keep ours
                report.refuse(
                    "mentions",
                    f"mention {m.uid[:8]} in document {target_doc}: the target has it as "
                    f"{found.label} {found.start}-{found.end} (kb {found.kb_id}), the source "
                    f"as {m.label} {m.start}-{m.end} (kb {m.kb_id}); kept the target's",
                )
        return mapping

    def _merge_events(
        self,
        src: sqlite3.Connection,
        conn: sqlite3.Connection,
        src_doc: int,
        target_doc: int,
        mention_ids: dict[int, int],
        report: SourceReport,
    ) -> None:
        tally, arg_tally = report.counts["events"], report.counts["arguments"]
        stamps = ids.created_times(src, "events", src_doc)
        for e in store_ann.events_of(src, src_doc):
            args = [(a.role, mention_ids.get(a.mention_id)) for a in e.arguments]
            carried = [(role, mid) for role, mid in args if mid is not None]
            for role, mid in args:
                if mid is None:
                    report.refuse(
                        "arguments",
                        f"argument {role} of event {e.uid[:8]}: its mention was refused",
                    )
            found = ids.event_by_uid(conn, e.uid)
            if found is None:
                moved = replace(e, arguments=tuple(Argument(r, m) for r, m in carried))
                ids.copy_event(conn, moved, target_doc, stamps[e.uid])
                tally.came_in += 1
                arg_tally.came_in += len(carried)
                continue
            key = (found.document_id, found.type, found.trigger_start, found.trigger_end)
            if key != (target_doc, e.type, e.trigger_start, e.trigger_end):
                report.refuse(
                    "events",
                    f"event {e.uid[:8]} in document {target_doc}: the target has it as "
                    f"{found.type} {found.trigger_start}-{found.trigger_end}, the source as "
                    f"{e.type} {e.trigger_start}-{e.trigger_end}; kept the target's",
                )
                continue
            tally.already += 1
            have = {(a.role, a.mention_id) for a in found.arguments}
            fresh = [a for a in carried if a not in have]
            ids.add_arguments(conn, found.id, fresh)
            arg_tally.came_in += len(fresh)
            arg_tally.already += len(carried) - len(fresh)


def merge_projects(project: Project, sources: Sequence[str | Path]) -> MergeReport:
    """Merge ``sources`` into ``project`` at once (the CLI's and the tests' way)."""
    job = MergeJob(project, sources)
    for _ in job.run():
        pass
    return job.report
