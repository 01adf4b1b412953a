"""Parsing JSONL input: our own export, doccano, and spaCy/Prodigy lines.

A malformed line or an offset outside its text refuses the file with the line number;
files are read line by line (:func:`read_jsonl`), and the import removes what it
stored of a file whose later line is refused, so nothing from it is half-imported. Text is
made canonical (BOM dropped, CR/CRLF to LF) and offsets are carried over to the
canonical text; doccano offsets are first converted from the unit they are counted in
(UTF-16 unless told otherwise, see :mod:`workbench.io.doccano`). A lone surrogate (JSON
can spell ``"\\ud83d"``) refuses its line, naming it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.core.model import STATUSES
from workbench.errors import ImportRefused
from workbench.io import doccano
from workbench.io.fields import (
    LineError,
    SpanChecker,
    check_unicode,
    list_field,
    str_field,
)
from workbench.io.offsets import DEFAULT_UNIT
from workbench.io.records import ImportRecord, RecordEvent, RecordMention, RecordSentence

_LineError = LineError  # the name the parser's tests know


def _workbench(obj: dict[str, Any], spans: SpanChecker, source: str) -> ImportRecord:
    given = obj.get("source")
    rec = ImportRecord(source=str(str_field(given, "source")) if given else source, text=spans.text)
    rec.lang = str_field(obj.get("lang"), "lang", optional=True)
    status = obj.get("status") or "todo"
    if status not in STATUSES:
        raise LineError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    rec.status = status
    if obj.get("sentences") is not None:
        if not isinstance(obj["sentences"], list):
            raise LineError("sentences must be a list")
        rec.sentences = []
        for i, s in enumerate(obj["sentences"], 1):
            start, end = spans.fields(s, ("start", "end"), f"sentence {i}")
            rec.sentences.append(
                RecordSentence(
                    start,
                    end,
                    str_field(s.get("translation"), f"sentence {i} translation", optional=True),
                    str_field(s.get("model"), f"sentence {i} model", optional=True),
                )
            )
    keys: set[str] = set()
    for i, e in enumerate(list_field(obj, "entities"), 1):
        start, end = spans.fields(e, ("start", "end"), f"entity {i}")
        key = str(e.get("id", f"T{i}"))
        if key in keys:
            raise LineError(f"entity id {key!r} appears twice")
        keys.add(key)
        rec.mentions.append(
            RecordMention(
                key,
                start,
                end,
                str(str_field(e.get("label"), f"entity {i} label")),
                str_field(e.get("kb_id"), f"entity {i} kb_id", optional=True),
                str_field(e.get("annotator"), f"entity {i} annotator", optional=True),
                str_field(e.get("uid") or None, f"entity {i} uid", optional=True),
            )
        )
    for i, ev in enumerate(list_field(obj, "events"), 1):
        if not isinstance(ev, dict):
            raise LineError(f"event {i} must be an object")
        t_start, t_end = spans.fields(ev.get("trigger"), ("start", "end"), f"event {i} trigger")
        args = []
        for j, a in enumerate(ev.get("arguments") or [], 1):
            if not isinstance(a, dict) or str(a.get("entity")) not in keys:
                raise LineError(f"event {i} argument {j} does not name an entity id of this line")
            args.append(
                (str(str_field(a.get("role"), f"event {i} argument {j} role")), str(a["entity"]))
            )
        rec.events.append(
            RecordEvent(
                str(ev.get("id", f"E{i}")),
                str(str_field(ev.get("type"), f"event {i} type")),
                t_start,
                t_end,
                args,
                str_field(ev.get("annotator"), f"event {i} annotator", optional=True),
                str_field(ev.get("uid") or None, f"event {i} uid", optional=True),
            )
        )
    return rec


def _spacy(obj: dict[str, Any], spans: SpanChecker, source: str) -> ImportRecord:
    meta = obj.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    given = meta.get("source")
    rec = ImportRecord(
        source=str(str_field(given, "meta source")) if given else source, text=spans.text
    )
    rec.lang = str_field(meta.get("lang"), "meta lang", optional=True)
    for i, span in enumerate(list_field(obj, "spans"), 1):
        if not isinstance(span, dict):
            raise LineError(f"span {i} must be an object")
        start, end = spans.fields(span, ("start", "end"), f"span {i}")
        rec.mentions.append(
            RecordMention(
                f"T{i}",
                start,
                end,
                str(str_field(span.get("label"), f"span {i} label")),
                str_field(span.get("kb_id") or None, f"span {i} kb_id", optional=True),
            )
        )
    return rec


def parse_line(line: str, source: str, offsets: str = DEFAULT_UNIT) -> ImportRecord:
    """One JSONL line in any shape we read; ``offsets`` is the unit of doccano lines."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise LineError("each line must be a JSON object")
    raw = obj.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise LineError('"text" must be a non-empty string')
    if "\x00" in raw:
        raise LineError('"text" contains a NUL character')
    check_unicode(obj)
    if doccano.is_relation_mode(obj):
        return doccano.parse_relations(obj, SpanChecker(raw, offsets), source)
    if any(k in obj for k in ("entities", "events", "sentences")):
        return _workbench(obj, SpanChecker(raw), source)
    if "spans" in obj:
        return _spacy(obj, SpanChecker(raw), source)
    return doccano.parse_sequence(obj, SpanChecker(raw, offsets), source)


def read_jsonl(
    path: Path, display: str | None = None, offsets: str = DEFAULT_UNIT
) -> Iterator[ImportRecord]:
    """Every record of the file as it is read, or :class:`ImportRefused` naming the bad line.

    The file is read line by line, so memory stays flat whatever its size. Records
    before a bad line have been yielded by the time it is met: to refuse a whole file,
    undo what was done with them (the import does).
    """
    name = display or path.name
    found = False
    for number, line in _lines(path, name):
        try:
            record = parse_line(line, f"{name}:{number}", offsets)
        except LineError as exc:
            raise ImportRefused(f"{name}, line {number}: {exc}") from None
        found = True
        yield record
    if not found:
        raise ImportRefused(f"{name}: no documents in the file")


def count_lines(path: Path) -> int:
    """How many lines the file has (blank ones too), read in blocks: a JSONL import's
    total, known in a second for a gigabyte without parsing anything."""
    lines = 0
    last = b"\n"
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0  # the reading proper says what is wrong
    return lines + (last != b"\n")


def _lines(path: Path, name: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each non-blank line, decoded from UTF-8 one at a time."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ImportRefused(f"{name}: cannot read ({exc.strerror})") from None
    with handle:
        offset = 0
        # Binary lines end at b"\n" only: str.splitlines() would also cut at U+2028
        # inside a JSON string.
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise ImportRefused(
                    f"{name}: JSONL must be UTF-8 (invalid byte at offset {offset + exc.start})"
                ) from None
            offset += len(raw)
            line = line.rstrip("\n").rstrip("\r")
            if line.strip():
                yield number, line
