"""The JSONL parser never crashes on hostile input: it accepts or refuses with a reason."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from workbench.io.jsonl import _LineError, parse_line

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 50) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "label",
                    "labels",
                    "spans",
                    "entities",
                    "events",
                    "sentences",
                    "start",
                    "end",
                    "id",
                    "role",
                    "entity",
                    "trigger",
                    "type",
                    "lang",
                    "status",
                    "relations",
                    "start_offset",
                    "end_offset",
                    "from_id",
                    "to_id",
                    "meta",
                    "source",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(_json)
def test_arbitrary_json_is_accepted_or_refused_cleanly(value: object) -> None:
    line = json.dumps(value)
    try:
        record = parse_line(line, "f.jsonl:1")
    except _LineError as exc:
        assert str(exc)
        return
    n = len(record.text)
    for m in record.mentions:
        assert 0 <= m.start < m.end <= n
    for e in record.events:
        assert 0 <= e.trigger_start < e.trigger_end <= n


@given(st.text(max_size=60))
def test_arbitrary_lines_never_crash(line: str) -> None:
    try:
        parse_line(line, "f.jsonl:1")
    except _LineError:
        pass
