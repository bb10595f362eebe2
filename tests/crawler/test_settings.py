"""Annualizing constants are Scrapy settings (DESIGN.md, "Annualizing")."""

from __future__ import annotations

from crawler.pipelines import annualize_settings
from crawler.runner import project_settings
from normalize.ad import DEFAULT_ANNUALIZE


def test_defaults_are_the_documented_constants():
    got = annualize_settings(project_settings())
    assert got.factors == {"year": 1, "month": 12, "week": 52, "day": 220, "hour": 1950}
    assert got == DEFAULT_ANNUALIZE


def test_settings_override_them():
    got = annualize_settings(
        project_settings(
            {
                "MLJOBS_ANNUAL_FACTORS": {
                    "year": 1,
                    "month": 12,
                    "week": 52,
                    "day": 230,
                    "hour": 2000,
                },
                "MLJOBS_HOURS_PER_DAY": 8,
                "MLJOBS_MAX_DAY_RATE": 3000,
            }
        )
    )
    assert (got.factors["day"], got.hours_per_day, got.max_day_rate) == (230, 8, 3000)
