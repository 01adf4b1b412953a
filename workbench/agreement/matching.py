"""Matching two annotators' spans and arguments one to one, exactly or by overlap.

A span here is (start, end, label) with the label None when labels are ignored. Exact
matching pairs identical spans. Overlap matching gives partial credit: each pair of
overlapping spans (with the same label, when labels count) is worth the share of their
characters they have in common, |a ∩ b| / |a ∪ b| (1 for identical spans); pairs are
taken one to one, the largest credit first, so one span never earns credit twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from workbench.agreement.measures import Scores

Span = tuple[int, int, str | None]
T = TypeVar("T")


def exact(a: Sequence[Span], b: Sequence[Span]) -> Scores:
    """Identical spans matched (as multisets: a repeated span matches as often as both have it)."""
    count_a, count_b = Counter(a), Counter(b)
    matched = sum(min(n, count_b[key]) for key, n in count_a.items())
    return Scores(float(matched), len(a), len(b))


def overlap_credit(x: Span, y: Span) -> float:
    if x[2] != y[2]:
        return 0.0
    common = min(x[1], y[1]) - max(x[0], y[0])
    if common <= 0:
        return 0.0
    return common / (max(x[1], y[1]) - min(x[0], y[0]))


def one_to_one(
    a: Sequence[T], b: Sequence[T], credit: Callable[[T, T], float]
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs (index in a, index in b, credit), the largest credit first."""
    return _greedy(
        [(c, i, j) for i, x in enumerate(a) for j, y in enumerate(b) if (c := credit(x, y)) > 0]
    )


def _greedy(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for c, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, c))
    return pairs


def overlap(a: Sequence[Span], b: Sequence[Span]) -> Scores:
    """Partial credit for overlapping spans, one to one (see the module docstring)."""
    pairs = overlap_pairs(sorted(a), sorted(b))
    return Scores(sum(c for _, _, c in pairs), len(a), len(b))


def overlap_pairs(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[int, int, float]]:
    """:func:`one_to_one` by overlap credit, for spans sorted by start.

    Only spans that overlap can pair: each span of ``a`` is compared with the spans of
    ``b`` that start less than the longest span of ``b`` before it and before its end,
    not with every span of a long document.
    """
    reach = max((s[1] - s[0] for s in b), default=0)
    candidates: list[tuple[float, int, int]] = []
    first = 0
    for i, x in enumerate(a):
        while first < len(b) and b[first][0] < x[0] - reach:
            first += 1
        for j in range(first, len(b)):
            y = b[j]
            if y[0] >= x[1]:
                break
            c = overlap_credit(x, y)
            if c > 0:
                candidates.append((c, i, j))
    return _greedy(candidates)
