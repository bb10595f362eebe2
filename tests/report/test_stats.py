"""report.stats: bootstrap, confidence rule, projection (percentiles: tests/db/test_figures.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.figures import percentile
from report import stats


@pytest.mark.parametrize(
    "n, median, ci, label",
    [
        (150, 60_000, (58_000, 63_000), "High"),  # width 5/60 = 8.3%
        (150, 60_000, (55_000, 62_000), "Medium"),  # width 11.7%
        (99, 60_000, (59_000, 61_000), "Medium"),  # narrow but under 100
        (30, 60_000, (54_000, 69_000), "Medium"),  # width exactly 25%
        (30, 60_000, (54_000, 69_001), "Low"),
        (29, 60_000, (59_000, 61_000), "Low"),
        (10, None, None, None),
    ],
)
def test_confidence_rule(n, median, ci, label):
    assert stats.confidence_label(n, median, ci) == label


def test_bootstrap_is_seeded_and_bounded():
    values = np.arange(1, 5001, dtype=float)
    a = stats.bootstrap_medians(values, "k")
    b = stats.bootstrap_medians(values, "k")
    assert np.array_equal(a, b) and len(a) == stats.BOOTSTRAP_RESAMPLES
    assert not np.array_equal(a, stats.bootstrap_medians(values, "other key"))
    # m-out-of-n: the interval shrinks like 1/sqrt(n): for uniform 1..5000 the median's
    # standard error is about 5000 / (2 * sqrt(5000)) ~ 35, so the 95% interval is ~ +/-70
    low, high = stats.interval(a)
    assert 2500.5 - 150 < low < 2500.5 < high < 2500.5 + 150


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.floats(min_value=1_000, max_value=500_000, allow_nan=False), min_size=1, max_size=300
    )
)
def test_summary_properties(values):
    out = stats.median_figure(np.array(values), "prop", min_count=1)
    ordered = sorted(values)
    assert out["p10"] <= out["p25"] <= out["median"] <= out["p75"] <= out["p90"]
    assert out["median"] == round(percentile(ordered, 50))  # whole pounds, halves to even
    low, high = out["ci"]
    assert round(min(values)) <= low <= high <= round(max(values))
    assert out["confidence"] in ("High", "Medium", "Low")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(min_value=1_000, max_value=500_000, allow_nan=False), max_size=30),
    st.integers(min_value=1, max_value=40),
)
def test_too_few_never_shows_a_figure(values, min_count):
    out = stats.median_figure(np.array(values, dtype=float), "few", min_count)
    if len(values) < min_count:
        assert all(out[k] is None for k in ("median", "mean", "p10", "p90", "ci", "confidence"))
    else:
        assert out["median"] is not None


def test_linear_projection_backtest_error():
    # a straight line plus a bump in the last 3 months: the backtest sees the bump
    series = [100.0 + 10 * i for i in range(12)]
    series[-3:] = [v * 1.1 for v in series[-3:]]
    out = stats.linear_projection(series)
    assert out["backtest_mape"] == pytest.approx(0.1 / 1.1, abs=1e-4)
    with pytest.raises(ValueError):
        stats.linear_projection([1.0, 2.0, 3.0, 4.0])
