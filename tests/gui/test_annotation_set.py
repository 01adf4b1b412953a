"""The sorted index behind the highlights and the panel, against brute force (no Qt)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.model import Argument, Event, Mention
from workbench.gui.annotation.annotation_set import AnnotationSet, SpanIndex
from workbench.gui.document.offsets import OffsetMap

SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(SPANS, st.integers(0, 75), st.integers(0, 20), st.data())
def test_index_lookups_match_brute_force(
    spans: list[tuple[int, int]], start: int, width: int, data: st.DataObject
) -> None:
    items = [(i, s, e) for i, (s, e) in enumerate(spans)]
    index = SpanIndex(items[: len(items) // 2])
    for ident, s, e in items[len(items) // 2 :]:
        index.add(ident, s, e)
    removed = data.draw(st.sets(st.sampled_from(items)) if items else st.just(set()))
    for ident, s, e in removed:
        index.remove(ident, s, e)
    alive = [x for x in items if x not in removed]
    end = start + width
    expected = sorted((s, -e, i) for i, s, e in alive if s < end and e > start)
    assert index.overlapping(start, end) == [k[2] for k in expected]
    assert index.any_in(start, end) == bool(expected)
    holding = [x for x in alive if x[1] <= start < x[2]]
    assert sorted(index.containing(start)) == sorted(i for i, _, _ in holding)
    length = {i: e - s for i, s, e in alive}
    lengths = [length[i] for i in index.containing(start)]
    assert lengths == sorted(lengths)  # innermost first
    assert [index.key(p)[2] for p in range(len(index))] == [
        i for _, _, i in sorted((s, -e, i) for i, s, e in alive)
    ]


def test_set_keeps_rows_events_and_order() -> None:
    text = "Trump met Putin in Alaska."
    data = AnnotationSet(1, text, [(7, 10, 15, "PER"), (3, 0, 5, "PER")])
    assert [data.mention_at_position(p)[0] for p in range(2)] == [3, 7]
    outer = Mention(9, 1, 0, 15, "ORG")
    assert data.insert_position(outer) == 0 and data.add_mention(outer) == 0
    assert [r[0] for r in data.mentions_at(2)] == [3, 9]  # innermost first
    assert [r[0] for r in data.mentions_at(5)] == [9]
    assert data.rows[3] == (3, 0, 5, "PER") and data.mention_text(data.rows[3]) == "Trump"
    event = Event(4, 1, "Contact.Meet", 6, 9, (Argument("Entity", 3),))
    data.set_event(event)
    assert data.events_using(3) == [event] and data.events_at(7) == [event]
    assert data.annotated(6, 7) and not data.annotated(19, 25)
    data.remove_mention(9)
    data.remove_event(4)
    assert data.events_in(0, 30) == [] and len(data.mention_index) == 2


@given(st.text(alphabet="aب😀\u200c ", max_size=30), st.data())
def test_spans_to_qt_is_to_qt_in_bulk(text: str, data: st.DataObject) -> None:
    offsets = OffsetMap(text)
    points = st.integers(0, len(text))
    spans = data.draw(st.lists(st.tuples(points, points), max_size=10))
    assert offsets.spans_to_qt(spans) == [(offsets.to_qt(s), offsets.to_qt(e)) for s, e in spans]
