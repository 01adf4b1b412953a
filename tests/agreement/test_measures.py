"""Each measure against a published worked example, and small cases worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.agreement.matching import exact, overlap, overlap_credit
from workbench.agreement.measures import Scores, cohen_kappa, krippendorff_alpha


def _table(yy: int, yn: int, ny: int, nn: int) -> tuple[list[str], list[str]]:
    a = ["y"] * (yy + yn) + ["n"] * (ny + nn)
    b = ["y"] * yy + ["n"] * yn + ["y"] * ny + ["n"] * nn
    return a, b


def test_cohen_kappa_on_the_textbook_example() -> None:
    # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by two
    # readers; 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    assert cohen_kappa(*_table(20, 5, 10, 15)) == pytest.approx(0.4)


def test_cohen_kappa_on_the_same_percentages_examples() -> None:
    # Ibid., "same percentages but different numbers": both 60 % agreement, kappa
    # 0.1304 and 0.2593.
    assert cohen_kappa(*_table(45, 15, 25, 15)) == pytest.approx(0.1304, abs=5e-5)
    assert cohen_kappa(*_table(25, 35, 5, 35)) == pytest.approx(0.2593, abs=5e-5)


def test_cohen_kappa_edge_cases() -> None:
    assert cohen_kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # one category: undefined
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)


def test_krippendorff_alpha_binary_two_observers() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example A:
    # binary data, two observers, ten units, no missing values: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_alpha_nominal_with_missing_values() -> None:
    # Ibid., example C: four observers, twelve units, missing values, nominal
    # alpha = 0.743.
    m = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
        [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
    ]
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_by_hand() -> None:
    # Two coders, binary, four units, one disagreement: n = 8 values, n_0 = 3, n_1 = 5;
    # alpha = 1 - (n - 1) * d / (n_0 * n_1) = 1 - 7 / 15.
    assert krippendorff_alpha([["1", "1", "0", "1"], ["1", "1", "0", "0"]]) == pytest.approx(
        1 - 7 / 15
    )
    assert krippendorff_alpha([["x", "x"], ["x", "x"]]) is None  # nothing to tell apart


def test_scores_by_hand() -> None:
    s = Scores(2.0, 4, 5)
    assert (s.precision, s.recall, s.f1) == pytest.approx((2 / 5, 2 / 4, 4 / 9))
    empty = Scores(0.0, 0, 3)
    assert empty.recall is None and empty.precision == 0.0 and empty.f1 == 0.0
    assert Scores(0.0, 0, 0).f1 is None


def test_exact_matching_counts_repeated_spans_as_often_as_both_have_them() -> None:
    a = [(0, 5, "PER"), (0, 5, "PER"), (6, 9, "ORG")]
    b = [(0, 5, "PER"), (6, 9, "GPE")]
    assert exact(a, b) == Scores(1.0, 3, 2)


def test_overlap_gives_partial_credit_one_to_one() -> None:
    assert overlap_credit((0, 10, "X"), (5, 10, "X")) == pytest.approx(0.5)
    assert overlap_credit((0, 10, "X"), (5, 10, "Y")) == 0.0
    assert overlap_credit((0, 5, None), (5, 9, None)) == 0.0  # touching is not overlapping
    # One long span against two halves: only one half earns credit.
    s = overlap([(0, 10, None)], [(0, 5, None), (5, 10, None)])
    assert s == Scores(0.5, 1, 2)
    # The best pairing is kept: (0,4) goes with (0,4), not with (0,8).
    s = overlap([(0, 4, None), (2, 8, None)], [(0, 4, None), (0, 8, None)])
    assert s.credit == pytest.approx(1.0 + 6 / 8)


SPAN = st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["A", "B"])).map(
    lambda t: (t[0], t[0] + t[1], t[2])
)


@given(st.lists(SPAN, max_size=8), st.lists(SPAN, max_size=8))
def test_swapping_the_annotators_swaps_precision_and_recall(a, b) -> None:  # type: ignore[no-untyped-def]
    for measure in (exact, overlap):
        ab, ba = measure(a, b), measure(b, a)
        assert ab.f1 == pytest.approx(ba.f1) if ab.f1 is not None else ba.f1 is None
        assert ab.precision == (pytest.approx(ba.recall) if ba.recall is not None else None)
    # Partial credit never gives less than exact matching.
    assert overlap(a, b).credit >= exact(a, b).credit - 1e-9


@given(st.lists(SPAN, min_size=1, max_size=8, unique=True))
def test_an_annotator_agrees_with_itself(a) -> None:  # type: ignore[no-untyped-def]
    assert exact(a, a).f1 == 1.0 and overlap(a, a).f1 == pytest.approx(1.0)
