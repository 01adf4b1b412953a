"""The agreement measures themselves, on plain values: F-scores, Cohen's kappa, alpha.

Precision, recall and F1 take a matched credit (a count for exact matching, a sum of
partial credits for overlap matching) and the sizes of the two sets compared; a figure
whose denominator is zero is None (JSON null), never a made-up 0 or 1. Cohen's kappa
for two coders is computed here (a few lines, tested against a published example);
Krippendorff's alpha comes from the ``krippendorff`` package, which handles any number
of coders and missing values.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    """B's annotations scored against A's: ``a`` and ``b`` are the set sizes."""

    credit: float
    a: int
    b: int

    @property
    def precision(self) -> float | None:
        return self.credit / self.b if self.b else None

    @property
    def recall(self) -> float | None:
        return self.credit / self.a if self.a else None

    @property
    def f1(self) -> float | None:
        total = self.a + self.b
        return 2 * self.credit / total if total else None

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.credit + other.credit, self.a + other.a, self.b + other.b)

    def as_json(self) -> dict[str, float | int | None]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "matched": _round(self.credit),
            "a": self.a,
            "b": self.b,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders' categories for the same units (None if undefined).

    kappa = (p_o - p_e) / (1 - p_e): p_o the share of units on which they agree, p_e
    the agreement expected by chance from each coder's own category frequencies.
    """
    if len(a) != len(b):
        raise ValueError("both coders must code the same units")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[c] * count_b[c] for c in count_a) / (n * n)
    if expected >= 1.0:
        return None  # both coders used one and the same category throughout
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Nominal Krippendorff's alpha; ``data[coder][unit]``, None where a coder is silent.

    None when alpha is undefined (fewer than two values paired in any unit, or a
    single category throughout: no disagreement is possible, nothing to measure).
    """
    import krippendorff  # numpy-backed; imported here so the CLI starts fast
    import numpy as np

    categories: dict[Hashable, int] = {}
    rows = [
        [math.nan if v is None else float(categories.setdefault(v, len(categories))) for v in row]
        for row in data
    ]
    if len(categories) < 2 or not rows or not rows[0]:
        return None
    try:
        value = krippendorff.alpha(
            reliability_data=np.array(rows, dtype=float), level_of_measurement="nominal"
        )
    except (ValueError, ZeroDivisionError):
        return None
    value = float(value)
    return None if math.isnan(value) else value
