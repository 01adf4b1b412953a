"""Parsing JSONL input: our own export, doccano, and spaCy/Prodigy lines.

A malformed line or an offset outside its text refuses the file with the line number;
files are read line by line (:func:`read_jsonl`), and the import reads each through
once before storing any of it, so nothing from a refused file is half-imported. Text is made canonical (BOM dropped, CR/CRLF to LF) and offsets are
carried over to the canonical text.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from workbench.core.model import STATUSES
from workbench.errors import ImportRefused
from workbench.io.records import ImportRecord, RecordEvent, RecordMention, RecordSentence
from workbench.text.canonical import canonical_text


class _LineError(Exception):
    pass


def _canonical_with_map(raw: str) -> tuple[str, Callable[[int], int]]:
    """Canonical text and a function carrying offsets of ``raw`` over to it."""
    text = canonical_text(raw)
    if len(text) == len(raw):
        return text, lambda offset: offset
    removed: list[int] = []  # positions in raw of characters that were dropped
    if raw.startswith("\ufeff"):
        removed.append(0)
    start = len(removed)
    for i in range(start, len(raw) - 1):
        if raw[i] == "\r" and raw[i + 1] == "\n":
            removed.append(i)
    return text, lambda offset: offset - bisect.bisect_left(removed, offset)


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _LineError(f"{what} must be an integer, not {json.dumps(value)[:40]}")
    return value


def _str(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise _LineError(f"{what} must be a non-empty string")
    return value


def _span(
    obj: Any, keys: tuple[str, str], what: str, length: int, remap: Callable[[int], int]
) -> tuple[int, int]:
    start = _int(obj.get(keys[0]) if isinstance(obj, dict) else None, f"{what} {keys[0]}")
    end = _int(obj.get(keys[1]) if isinstance(obj, dict) else None, f"{what} {keys[1]}")
    return _check_span(start, end, what, length, remap)


def _check_span(
    start: int, end: int, what: str, length: int, remap: Callable[[int], int]
) -> tuple[int, int]:
    if not 0 <= start < end:
        raise _LineError(f"{what} has start {start} and end {end}: need 0 <= start < end")
    if end > length:
        raise _LineError(f"{what} ends at {end}, beyond the text (length {length})")
    return remap(start), remap(end)


def _workbench(
    obj: dict[str, Any], text: str, n: int, remap: Callable[[int], int], source: str
) -> ImportRecord:
    given = obj.get("source")
    rec = ImportRecord(source=str(_str(given, "source")) if given else source, text=text)
    lang = obj.get("lang")
    rec.lang = _str(lang, "lang", optional=True)
    status = obj.get("status") or "todo"
    if status not in STATUSES:
        raise _LineError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    rec.status = status
    if obj.get("sentences") is not None:
        if not isinstance(obj["sentences"], list):
            raise _LineError("sentences must be a list")
        rec.sentences = []
        for i, s in enumerate(obj["sentences"], 1):
            start, end = _span(s, ("start", "end"), f"sentence {i}", n, remap)
            rec.sentences.append(
                RecordSentence(
                    start,
                    end,
                    _str(s.get("translation"), f"sentence {i} translation", optional=True),
                    _str(s.get("model"), f"sentence {i} model", optional=True),
                )
            )
    keys: set[str] = set()
    for i, e in enumerate(_list(obj, "entities"), 1):
        start, end = _span(e, ("start", "end"), f"entity {i}", n, remap)
        key = str(e.get("id", f"T{i}"))
        if key in keys:
            raise _LineError(f"entity id {key!r} appears twice")
        keys.add(key)
        rec.mentions.append(
            RecordMention(
                key,
                start,
                end,
                str(_str(e.get("label"), f"entity {i} label")),
                _str(e.get("kb_id"), f"entity {i} kb_id", optional=True),
                _str(e.get("annotator"), f"entity {i} annotator", optional=True),
            )
        )
    for i, ev in enumerate(_list(obj, "events"), 1):
        if not isinstance(ev, dict):
            raise _LineError(f"event {i} must be an object")
        t_start, t_end = _span(ev.get("trigger"), ("start", "end"), f"event {i} trigger", n, remap)
        args = []
        for j, a in enumerate(ev.get("arguments") or [], 1):
            if not isinstance(a, dict) or str(a.get("entity")) not in keys:
                raise _LineError(f"event {i} argument {j} does not name an entity id of this line")
            args.append(
                (str(_str(a.get("role"), f"event {i} argument {j} role")), str(a["entity"]))
            )
        rec.events.append(
            RecordEvent(
                str(ev.get("id", f"E{i}")),
                str(_str(ev.get("type"), f"event {i} type")),
                t_start,
                t_end,
                args,
                _str(ev.get("annotator"), f"event {i} annotator", optional=True),
            )
        )
    return rec


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _LineError(f"{key} must be a list")
    return value


def _doccano(
    obj: dict[str, Any], text: str, n: int, remap: Callable[[int], int], source: str
) -> ImportRecord:
    rec = ImportRecord(source=source, text=text)
    key = "label" if "label" in obj else "labels"
    for i, item in enumerate(_list(obj, key), 1):
        if not isinstance(item, list) or len(item) != 3:
            raise _LineError(f"{key} item {i} must be [start, end, label]")
        start, end = _check_span(
            _int(item[0], f"{key} item {i} start"),
            _int(item[1], f"{key} item {i} end"),
            f"{key} item {i}",
            n,
            remap,
        )
        rec.mentions.append(
            RecordMention(f"T{i}", start, end, str(_str(item[2], f"{key} item {i} label")))
        )
    return rec


def _spacy(
    obj: dict[str, Any], text: str, n: int, remap: Callable[[int], int], source: str
) -> ImportRecord:
    rec = ImportRecord(source=source, text=text)
    for i, span in enumerate(_list(obj, "spans"), 1):
        if not isinstance(span, dict):
            raise _LineError(f"span {i} must be an object")
        start, end = _span(span, ("start", "end"), f"span {i}", n, remap)
        rec.mentions.append(
            RecordMention(f"T{i}", start, end, str(_str(span.get("label"), f"span {i} label")))
        )
    return rec


def parse_line(line: str, source: str) -> ImportRecord:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise _LineError("each line must be a JSON object")
    raw = obj.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise _LineError('"text" must be a non-empty string')
    if "\x00" in raw:
        raise _LineError('"text" contains a NUL character')
    text, remap = _canonical_with_map(raw)
    n = len(raw)
    if any(k in obj for k in ("entities", "events", "sentences")):
        return _workbench(obj, text, n, remap, source)
    if "spans" in obj:
        return _spacy(obj, text, n, remap, source)
    return _doccano(obj, text, n, remap, source)


def read_jsonl(path: Path, display: str | None = None) -> Iterator[ImportRecord]:
    """Every record of the file as it is read, or :class:`ImportRefused` naming the bad line.

    The file is read line by line, so memory stays flat whatever its size. Records
    before a bad line have been yielded by the time it is met: to refuse a whole file,
    read it through once before storing anything (the import does).
    """
    name = display or path.name
    found = False
    for number, line in _lines(path, name):
        try:
            record = parse_line(line, f"{name}:{number}")
        except _LineError as exc:
            raise ImportRefused(f"{name}, line {number}: {exc}") from None
        found = True
        yield record
    if not found:
        raise ImportRefused(f"{name}: no documents in the file")


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
