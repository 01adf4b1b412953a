"""Checking the fields of one input record, and its spans against its text.

Shared by every reader (our JSONL, doccano, spaCy/Prodigy, brat). A :class:`LineError`
is a reason to refuse the record; the reader adds the file name and line number. A
:class:`SpanChecker` turns a span given in the input's units and into its raw text into
code points of the canonical text, refusing a span that does not fit.
"""

from __future__ import annotations

import json
import re
from typing import Any

from workbench.io.offsets import CanonicalMap, OffsetError, UnitScale

_SURROGATE = re.compile("[\ud800-\udfff]")


class LineError(Exception):
    pass


def int_field(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LineError(f"{what} must be an integer, not {json.dumps(value)[:40]}")
    return value


def str_field(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise LineError(f"{what} must be a non-empty string")
    return value


def list_field(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise LineError(f"{key} must be a list")
    return value


def check_unicode(value: Any, what: str = "the line") -> None:
    """Refuse a lone surrogate anywhere in a parsed JSON value.

    JSON may spell one (``"\\ud83d"``) though it is no character: it cannot be
    stored, hashed or written as UTF-8, so it is refused here, with where it is,
    rather than failing later and taking other files of the import with it.
    """
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found:
            raise LineError(
                f"{what} contains a lone UTF-16 surrogate "
                f"(\\u{ord(found.group()):04x} at character {found.start()}), "
                "which is not a character; fix the text or its emoji"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            check_unicode(key, what)
            check_unicode(item, f'"{key}"' if what == "the line" else what)
    elif isinstance(value, list):
        for item in value:
            check_unicode(item, what)


class SpanChecker:
    """Spans of one record: from input units in the raw text to canonical code points."""

    def __init__(self, raw: str, unit: str = "codepoints") -> None:
        self.map = CanonicalMap(raw)
        self.text = self.map.text
        self.length = len(raw)
        scale = UnitScale(raw, unit) if unit != "codepoints" else None
        self._scale = scale if scale is not None and not scale.exact else None
        self.unit = unit

    def span(self, start: int, end: int, what: str) -> tuple[int, int]:
        if not 0 <= start < end:
            raise LineError(f"{what} has start {start} and end {end}: need 0 <= start < end")
        if self._scale is not None:
            try:
                start, end = self._scale.from_units(start), self._scale.from_units(end)
            except OffsetError as exc:
                raise LineError(f"{what}: {exc} ({self.unit} offsets)") from None
        if end > self.length:
            raise LineError(f"{what} ends at {end}, beyond the text (length {self.length})")
        cs, ce = self.map.start(start), self.map.end(end)
        if cs >= ce:
            raise LineError(f"{what} covers only the byte-order mark at the start of the text")
        return cs, ce

    def fields(self, obj: Any, keys: tuple[str, str], what: str) -> tuple[int, int]:
        get = obj.get if isinstance(obj, dict) else (lambda _key: None)
        start = int_field(get(keys[0]), f"{what} {keys[0]}")
        end = int_field(get(keys[1]), f"{what} {keys[1]}")
        return self.span(start, end, what)
