"""Merging as a set union, checked on random annotations of two real project files.

Two files share some documents and some annotations (a merge copied them once), then
each gets its own mentions and events. Whatever they are: A into B and B into A give
the same content, that content is the union of both, and merging again changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.team import content, counts
from workbench.core.model import Argument
from workbench.ops import annotating
from workbench.ops.importing import ImportJob
from workbench.ops.merging import merge_projects
from workbench.ops.projects import open_project

TEXTS = ["Putin ve Bush görüştü.\n", "ترامپ و پوتین در آلاسکا دیدار کردند.\n"]
SPANS = st.tuples(st.integers(0, 18), st.integers(1, 4)).map(lambda t: (t[0], t[0] + t[1]))
MENTION = st.tuples(st.integers(0, 1), SPANS, st.sampled_from(["PER", "GPE", "ORG"]))
EVENT = st.tuples(st.integers(0, 1), SPANS, st.sampled_from(["Contact.Meet", "Conflict.Attack"]))
LAYER = st.tuples(st.lists(MENTION, max_size=5), st.lists(EVENT, max_size=2))


def _annotate(path: Path, layer, who: str) -> None:  # type: ignore[no-untyped-def]
    mentions, events = layer
    with open_project(path) as p:
        made: dict[int, list[int]] = {1: [], 2: []}
        for doc, (start, end), label in mentions:
            made[doc + 1].append(
                annotating.add_mention(p, doc + 1, start, end, label, annotator=who).id
            )
        for doc, (start, end), kind in events:
            args = tuple(Argument("Entity", m) for m in made[doc + 1][:2])
            annotating.add_event(p, doc + 1, kind, start, end, args, annotator=who)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shared=LAYER, mine=LAYER, theirs=LAYER, second_has_both=st.booleans())
def test_merging_is_a_union_both_ways_and_idempotent(shared, mine, theirs, second_has_both) -> None:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, text in enumerate(TEXTS):
            (root / f"d{i}.txt").write_text(text, encoding="utf-8")
        a, b = root / "a.wbproj", root / "b.wbproj"
        with open_project(a, create=True) as p:
            list(ImportJob(p, [root / "d0.txt", root / "d1.txt"]).run())
        _annotate(a, shared, "ayşe")
        with open_project(b, create=True) as p:  # b: the same texts, maybe fewer of them
            names = ["d0.txt", "d1.txt"] if second_has_both else ["d0.txt"]
            list(ImportJob(p, [root / n for n in names]).run())
            merge_projects(p, [a])  # the shared part, as an earlier merge brought it
        _annotate(a, mine, "ayşe")
        _annotate(b, theirs, "mehmet")
        union = {k: content(a)[k] | content(b)[k] for k in content(a)}
        with open_project(a) as p:
            merge_projects(p, [b])
        with open_project(b) as p:
            merge_projects(p, [a])
        assert content(a) == content(b) == union
        once = counts(a)
        with open_project(a) as p:
            report = merge_projects(p, [b]).sources[0]
        assert counts(a) == once
        assert all(t.came_in == 0 and t.refused == 0 for t in report.counts.values())
