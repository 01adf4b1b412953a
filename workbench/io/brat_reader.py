"""Reading brat standoff: a ``.txt`` and its ``.ann`` become one import record.

``T`` lines are text-bound annotations: those an ``E`` line names as its trigger
become events, the others mentions. ``E`` lines give an event's role-labelled
arguments (a role numbered for its second filler, ``Entity2``, is read as ``Entity``),
``N`` lines knowledge-base ids. What we cannot hold -- relations (``R``), equivalences
(``*``), attributes (``A``/``M``), notes (``#``), events as arguments of events, a span
in pieces with text between them -- refuses the file with the line, rather than being
dropped unseen. Offsets count code points of the ``.txt`` as stored; a ``\\r\\n`` there
is carried over to the canonical text like any other input.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import ImportRefused
from workbench.io.brat import NAME_MAP_MARK, kb_id_of
from workbench.io.fields import LineError, SpanChecker
from workbench.io.records import ImportRecord, RecordEvent, RecordMention

_ID = re.compile(r"^([A-Za-z#*])(\d*)")
_NUMBERED = re.compile(r"^(.*\D)(\d+)$")
_UNSUPPORTED = {
    "R": "relations (R lines)",
    "*": "equivalences (* lines)",
    "A": "attributes (A lines)",
    "M": "attributes (M lines)",
    "#": "annotator notes (# lines)",
}


def label_names(folder: Path) -> dict[str, str]:
    """Original label names recorded by our export in the nearest ``annotation.conf``."""
    for place in (folder, *folder.parents):
        conf = place / "annotation.conf"
        if conf.is_file():
            names = {}
            for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith(NAME_MAP_MARK + "\t"):
                    parts = line.split("\t")
                    if len(parts) == 3:
                        names[parts[1]] = parts[2]
            return names
    return {}


def _span(spans: SpanChecker, raw: str, field: str, what: str) -> tuple[int, int]:
    pieces = []
    for fragment in field.split(";"):
        bits = fragment.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise LineError(f"{what}: offsets must be 'start end', not {fragment!r}")
        pieces.append((int(bits[0]), int(bits[1])))
    start, end = pieces[0][0], pieces[-1][1]
    for (_, gap_start), (gap_end, _) in zip(pieces, pieces[1:], strict=False):
        if gap_end < gap_start or raw[gap_start:gap_end].strip():
            raise LineError(f"{what}: a span in pieces with text between them is not supported")
    return spans.span(start, end, what)


def parse_ann(raw: str, ann: str, source: str, names: dict[str, str]) -> ImportRecord:
    """The record of one document; :class:`LineError` messages start with the line."""
    spans = SpanChecker(raw)
    rec = ImportRecord(source=source, text=spans.text)
    bound: dict[str, tuple[int, int, str]] = {}
    order: list[str] = []
    events: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    kb: dict[str, str] = {}
    event_ids: set[str] = set()

    def name(label: str) -> str:
        return names.get(label, label)

    for number, line in enumerate(ann.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            ident, _, rest = line.partition("\t")
            kind = _ID.match(ident)
            if kind is None or not rest:
                raise LineError("not a brat annotation line (ID<TAB>annotation)")
            letter = kind.group(1)
            if letter in _UNSUPPORTED:
                raise LineError(f"{_UNSUPPORTED[letter]} are not supported")
            body = rest.split("\t")[0]
            if not body.strip() or body.startswith(" "):
                raise LineError(f"{ident}: no annotation type")
            if ident in bound or ident in event_ids:
                raise LineError(f"{ident} appears twice")
            if letter == "T":
                label, _, offsets = body.partition(" ")
                bound[ident] = (*_span(spans, raw, offsets, ident), name(label))
                order.append(ident)
            elif letter == "E":
                head, *fields = body.split()
                etype, _, trigger = head.partition(":")
                pairs = []
                for arg in fields:
                    role, _, target = arg.partition(":")
                    if not role or not target:
                        raise LineError(f"{ident}: argument {arg!r} is not Role:ID")
                    pairs.append((role, target))
                events.append((ident, name(etype), trigger, pairs))
                event_ids.add(ident)
            elif letter == "N":
                bits = body.split()
                if len(bits) != 3 or ":" not in bits[2]:
                    raise LineError(f"{ident}: expected 'Reference ID db:id'")
                if bits[1] in kb:
                    raise LineError(f"{bits[1]} has two knowledge-base ids")
                kb[bits[1]] = kb_id_of(bits[2])
            else:
                raise LineError(f"unknown annotation kind {letter!r}")
        except LineError as exc:
            raise LineError(f"line {number}: {exc}") from None
    triggers = {trigger for _, _, trigger, _ in events}
    for ident, etype, trigger, pairs in events:
        if trigger not in bound:
            raise LineError(f"{ident}: trigger {trigger} is not a T line of this file")
        seen: set[str] = set()
        args = []
        for role, target in pairs:
            if target not in bound or target in triggers:
                raise LineError(
                    f"{ident}: argument {target} is not a mention (events as arguments "
                    "of events are not supported)"
                )
            numbered = _NUMBERED.match(role)
            if numbered and numbered.group(1) in seen:
                role = numbered.group(1)
            seen.add(role)
            args.append((name(role), target))
        start, end, _ = bound[trigger]
        rec.events.append(RecordEvent(ident, etype, start, end, args))
    for ident in kb:
        if ident not in bound or ident in triggers:
            raise LineError(f"a knowledge-base id refers to {ident}, which is not a mention")
    for ident in order:
        if ident not in triggers:
            start, end, label = bound[ident]
            rec.mentions.append(RecordMention(ident, start, end, label, kb.get(ident)))
    return rec


def read_brat(txt: Path, ann: Path, source: str) -> ImportRecord:
    """The document of a ``.txt`` + ``.ann`` pair, or :class:`ImportRefused`."""
    name = source[:-4] + ".ann" if source.endswith(".txt") else ann.name
    try:
        raw = txt.read_bytes().decode("utf-8")
        annotations = ann.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ImportRefused(f"{source}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ImportRefused(f"{source}: brat files must be UTF-8") from None
    if not raw.strip():
        raise ImportRefused(f"{source}: the file has no text (empty or whitespace only)")
    if "\x00" in raw:
        raise ImportRefused(f"{source}: contains NUL bytes")
    try:
        return parse_ann(raw, annotations, source, label_names(txt.parent))
    except LineError as exc:
        raise ImportRefused(f"{name}, {exc}") from None
