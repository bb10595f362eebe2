"""Fixture databases for the report tests, built with the project's own schema and upsert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from db.schema import ensure_schema
from db.store import upsert_ads

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "ads.json"


def fixture_ads() -> list[dict]:
    """The hand-made ads of ``tests/fixtures/report/ads.json`` as ``upsert_ads`` rows."""
    rows = []
    for ad in json.loads(FIXTURE.read_text(encoding="utf-8")):
        salary = ad.get("salary")
        rows.append(
            {
                "source": "fx",
                "source_id": ad["id"],
                "title": ad.get("title", f"Ad {ad['id']}"),
                "url": ad.get("url", f"https://example.org/{ad['id']}"),
                "company": ad.get("company"),
                "city": ad.get("city"),
                "region": ad.get("region"),
                "role": ad["role"],
                "seniority": ad.get("seniority"),
                "is_ml": ad.get("is_ml", True),
                "is_uk": ad.get("is_uk", True),
                "employment_type": ad.get("employment_type", "permanent"),
                "salary_annual_mid": salary,
                "salary_annual_min": salary,
                "salary_annual_max": salary,
                "day_rate_mid": ad.get("day_rate"),
                "experience_min_years": ad.get("exp_min"),
                "experience_max_years": ad.get("exp_max"),
                "posted_at": ad.get("posted"),
                "skills": ad.get("skills", []),
                "normalizer_version": "test",
            }
        )
    return rows


def make_db(ads: list[dict], path: Path | None = None) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path) if path else sqlite_utils.Database(memory=True)
    ensure_schema(db)
    upsert_ads(db, ads, seen_at="2025-03-01T00:00:00+00:00")
    return db


def trend_ads() -> list[dict]:
    """14 consecutive months (2024-01 to 2025-02), 3 salaries a month around a base that
    rises by exactly £1,000 a month from £50,000: monthly medians 50,000 ... 63,000."""
    rows = []
    for i in range(14):
        year, month = divmod(i, 12)
        base = 50_000 + 1_000 * i
        for j, salary in enumerate((base - 1_000, base, base + 1_000)):
            rows.append(
                {
                    "source": "tr",
                    "source_id": f"{i}-{j}",
                    "title": f"ML engineer {i}",
                    "company": f"Co {j}",
                    "city": "Leeds",
                    "region": "Yorkshire and The Humber",
                    "role": "ml_engineer",
                    "seniority": "senior",
                    "is_ml": True,
                    "is_uk": True,
                    "employment_type": "permanent",
                    "salary_annual_mid": float(salary),
                    "posted_at": f"{2024 + year}-{month + 1:02d}-15",
                    "skills": [],
                }
            )
    return rows


@pytest.fixture
def report_db() -> sqlite_utils.Database:
    return make_db(fixture_ads())


@pytest.fixture
def trend_db() -> sqlite_utils.Database:
    return make_db(trend_ads())
