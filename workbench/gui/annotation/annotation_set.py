"""The shown document's mentions and events, kept sorted for range and point lookups.

The view asks two questions many times a second: which annotations intersect the text
on screen (so that only those become highlights), and which ones hold the offset under
the mouse or the cursor. Both are bisections over spans sorted by start, outer spans
first; the longest span's length bounds how far before a range a span reaching into it
can start. Mentions are kept as plain (id, start, end, label) rows, never as
:class:`Mention` values: building 20,000 frozen dataclasses would cost 50 ms of a
document's opening.

:class:`AnnotationChange` is what an undo command reports after calling an operation,
so the window updates only what changed. No Qt here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.core.model import Event, Mention

# id, start, end, label: the columns of storage.annotations.mention_rows (the rest of a
# mention -- annotator, knowledge-base id -- is read from the project when needed)
MentionRow = tuple[int, int, int, str]
Key = tuple[int, int, int]  # (start, -end, id): by start, the outer of nested spans first


@dataclass(frozen=True, slots=True)
class AnnotationChange:
    """Mentions and events of one document that were added, changed or removed."""

    doc_id: int
    mentions: tuple[Mention, ...] = ()  # added or changed
    removed_mentions: tuple[int, ...] = ()
    events: tuple[Event, ...] = ()  # added or changed
    removed_events: tuple[int, ...] = ()
    focus: tuple[str, int] | None = None  # ("mention" | "event", id) to make active
    reveal: bool = True  # put the cursor after the focus (and scroll there if needed)


class SpanIndex:
    """Ids of spans sorted by (start, -end, id) with bisection lookups."""

    __slots__ = ("_keys", "_starts", "_max_len")

    def __init__(self, spans: Iterable[tuple[int, int, int]] = ()) -> None:
        """``spans`` are (id, start, end)."""
        self._keys: list[Key] = sorted((s, -e, i) for i, s, e in spans)
        self._starts = [k[0] for k in self._keys]
        self._max_len = max((-k[1] - k[0] for k in self._keys), default=0)

    def __len__(self) -> int:
        return len(self._keys)

    def key(self, position: int) -> Key:
        return self._keys[position]

    def position(self, ident: int, start: int, end: int) -> int:
        """Where (start, end, ident) is, or would be inserted."""
        return bisect_left(self._keys, (start, -end, ident))

    def add(self, ident: int, start: int, end: int) -> int:
        key = (start, -end, ident)
        position = bisect_left(self._keys, key)
        self._keys.insert(position, key)
        self._starts.insert(position, start)
        # Only ever grows: a bound that is too large costs a few extra comparisons.
        self._max_len = max(self._max_len, end - start)
        return position

    def remove(self, ident: int, start: int, end: int) -> int:
        position = bisect_left(self._keys, (start, -end, ident))
        if position >= len(self._keys) or self._keys[position][2] != ident:
            raise KeyError(ident)
        del self._keys[position]
        del self._starts[position]
        return position

    def overlapping(self, start: int, end: int) -> list[int]:
        """Ids of spans with s < end and e > start, in key order (outer ones first)."""
        first = bisect_left(self._starts, start - self._max_len)
        last = bisect_left(self._starts, end)
        return [k[2] for k in self._keys[first:last] if -k[1] > start]

    def containing(self, offset: int, *, touching: bool = False) -> list[int]:
        """Ids of spans holding ``offset`` (with ``touching``, also ending there), innermost first."""
        first = bisect_left(self._starts, offset - self._max_len)
        last = bisect_right(self._starts, offset)
        found = [
            k for k in self._keys[first:last] if -k[1] > offset or (touching and -k[1] == offset)
        ]
        found.sort(key=lambda k: (-k[1] - k[0], -k[0]))  # shortest first
        return [k[2] for k in found]

    def any_in(self, start: int, end: int) -> bool:
        first = bisect_left(self._starts, start - self._max_len)
        last = bisect_left(self._starts, end)
        return any(-k[1] > start for k in self._keys[first:last])


class AnnotationSet:
    """Mentions and events of one document, with a sorted index of each."""

    def __init__(
        self,
        doc_id: int | None = None,
        text: str = "",
        mentions: Iterable[MentionRow] = (),
        events: Iterable[Event] = (),
    ) -> None:
        self.doc_id = doc_id
        self.text = text
        self.rows: dict[int, MentionRow] = {r[0]: r for r in mentions}
        self.mention_index = SpanIndex((r[0], r[1], r[2]) for r in self.rows.values())
        self.events: dict[int, Event] = {e.id: e for e in events}
        self.trigger_index = SpanIndex(
            (e.id, e.trigger_start, e.trigger_end) for e in self.events.values()
        )

    # -- mentions --------------------------------------------------------------------
    def mention_at_position(self, position: int) -> MentionRow:
        """The row shown at ``position`` of the sorted list (for the side panel)."""
        return self.rows[self.mention_index.key(position)[2]]

    def mention_position(self, mention_id: int) -> int:
        row = self.rows[mention_id]
        return self.mention_index.position(mention_id, row[1], row[2])

    def insert_position(self, mention: Mention) -> int:
        return self.mention_index.position(mention.id, mention.start, mention.end)

    def add_mention(self, m: Mention) -> int:
        self.rows[m.id] = (m.id, m.start, m.end, m.label)
        return self.mention_index.add(m.id, m.start, m.end)

    def replace_mention(self, m: Mention) -> None:
        """New values for a mention whose span is unchanged (its place stays the same)."""
        assert self.rows[m.id][1:3] == (m.start, m.end)
        self.rows[m.id] = (m.id, m.start, m.end, m.label)

    def remove_mention(self, mention_id: int) -> int:
        row = self.rows.pop(mention_id)
        return self.mention_index.remove(mention_id, row[1], row[2])

    def mentions_at(self, offset: int) -> list[MentionRow]:
        """Mentions holding ``offset``, innermost first; if none, those ending there."""
        ids = self.mention_index.containing(offset) or self.mention_index.containing(
            offset, touching=True
        )
        return [self.rows[i] for i in ids]

    def mentions_in(self, start: int, end: int) -> list[MentionRow]:
        return [self.rows[i] for i in self.mention_index.overlapping(start, end)]

    def mention_text(self, row: MentionRow) -> str:
        return self.text[row[1] : row[2]]

    def find_mention(self, start: int, end: int, label: str | None = None) -> MentionRow | None:
        for row in self.mentions_in(start, end):
            if row[1] == start and row[2] == end and label in (None, row[3]):
                return row
        return None

    # -- events ------------------------------------------------------------------------
    def set_event(self, event: Event) -> None:
        old = self.events.get(event.id)
        if old is not None:
            self.trigger_index.remove(old.id, old.trigger_start, old.trigger_end)
        self.events[event.id] = event
        self.trigger_index.add(event.id, event.trigger_start, event.trigger_end)

    def remove_event(self, event_id: int) -> None:
        old = self.events.pop(event_id)
        self.trigger_index.remove(event_id, old.trigger_start, old.trigger_end)

    def events_in_order(self) -> Iterator[Event]:
        for position in range(len(self.trigger_index)):
            yield self.events[self.trigger_index.key(position)[2]]

    def events_at(self, offset: int) -> list[Event]:
        ids = self.trigger_index.containing(offset) or self.trigger_index.containing(
            offset, touching=True
        )
        return [self.events[i] for i in ids]

    def events_in(self, start: int, end: int) -> list[Event]:
        return [self.events[i] for i in self.trigger_index.overlapping(start, end)]

    def events_using(self, mention_id: int) -> list[Event]:
        return [
            e for e in self.events.values() if any(a.mention_id == mention_id for a in e.arguments)
        ]

    # -- sentences ---------------------------------------------------------------------
    def annotated(self, start: int, end: int) -> bool:
        """Whether any mention or trigger intersects ``start``-``end``."""
        return self.mention_index.any_in(start, end) or self.trigger_index.any_in(start, end)
