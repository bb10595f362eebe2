"""db.figures: type-7 percentiles and the rounding rule, in Python and their SQL twins."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.figures import (
    percentile,
    percentile_sql,
    percentiles,
    round_money,
    round_money_sql,
    share,
    summarize,
)


@pytest.mark.parametrize(
    "values, q, expected",
    [
        # position (n - 1) * q / 100: 0.4 -> 40k + 0.4 * 10k
        ([40_000, 50_000, 60_000, 70_000, 80_000], 10, 44_000),
        ([40_000, 50_000, 60_000, 70_000, 80_000], 25, 50_000),
        ([80_000, 40_000, 60_000, 50_000, 70_000], 90, 76_000),  # any order
        ([1, 2, 3, 4], 50, 2.5),
        ([10, 20, 30, 40, 50], 10, 14.0),
        ([40, 45, 50], 25, 42.5),
        ([7], 90, 7.0),
        ([3, 3, 3, 9], 100, 9.0),
        ([3, 3, 3, 9], 0, 3.0),
    ],
)
def test_percentile_type7_by_hand(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected, abs=1e-9)


def test_percentile_errors():
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="within 0-100"):
        percentiles([1.0], [101])
    with pytest.raises(ValueError):
        percentile_sql(101)


@pytest.mark.parametrize(
    "value, rounded",
    [(57_500.5, 57_500), (57_501.5, 57_502), (57_500.49, 57_500), (57_500.51, 57_501), (0.5, 0)],
)
def test_round_money_whole_pounds_halves_to_even(value, rounded):
    assert round_money(value) == rounded


def test_summarize_and_share():
    assert summarize([1.4, 2.6], min_count=2) == {
        "median": 2,
        "mean": 2,
        "p10": 2,  # 1.52
        "p25": 2,  # 1.7
        "p75": 2,  # 2.3
        "p90": 2,  # 2.48
    }
    assert summarize([1.0], min_count=2) == dict.fromkeys(
        ["median", "mean", "p10", "p25", "p75", "p90"]
    )
    assert share(3, 10, 10) == 0.3 and share(3, 9, 10) is None and share(0, 0, 0) is None


def _sql_percentiles(values: list[float], qs: list[int]) -> list[float]:
    """The SQL twin over one group of ``values``, run in an in-memory SQLite."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (v REAL)")
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    columns = ", ".join(percentile_sql(q) for q in qs)
    row = conn.execute(
        f"SELECT {columns} FROM (SELECT v, row_number() OVER (ORDER BY v) - 1 AS i, "
        "count(*) OVER () AS n FROM t)"
    ).fetchone()
    conn.close()
    return list(row)


# Values from a small pool give many ties; min_size=1 includes n = 1.
VALUES = st.one_of(
    st.lists(st.sampled_from([25_000.0, 40_000.0, 40_000.5, 52_500.0, 90_000.0]), min_size=1),
    st.lists(st.floats(min_value=0, max_value=2_000_000, allow_nan=False), min_size=1),
)


@settings(max_examples=200, deadline=None)
@given(VALUES, st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=6))
def test_sql_percentile_equals_python_exactly(values, qs):
    qs = [*qs, 10, 25, 50, 75, 90]
    assert _sql_percentiles(values, qs) == percentiles(values, qs)  # the same doubles
    # NumPy's percentile(method="linear") is the same statistic (up to the last place)
    assert percentiles(values, qs) == pytest.approx(np.percentile(values, qs), rel=1e-12, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**7).map(lambda i: i / 2),  # halves
        st.floats(min_value=0, max_value=10**9, allow_nan=False),
    )
)
def test_sql_rounding_equals_python(value):
    conn = sqlite3.connect(":memory:")
    (rounded,) = conn.execute(f"SELECT {round_money_sql(':v')}", {"v": value}).fetchone()
    conn.close()
    assert rounded == round_money(value)
    assert isinstance(rounded, int)


def test_exact_half_reaches_the_rounding_rule():
    # 12 salaries: P90 at position 9.9 is 42,500 + 0.9 * 11,125 = 52,512.5 exactly; NumPy's
    # percentile gives 52,512.500000000004 here, which would round up instead of to even.
    values = [16_500, 18_525, 22_500, 24_646, 24_646, 26_000, 27_631.5, 29_000, 40_000]
    values += [42_500, 53_625, 95_000]
    assert percentile(values, 90) == 52_512.5
    assert summarize(values, min_count=1)["p90"] == 52_512
