"""Helpers for the dedup tests: stored-ad rows made from raw fields by the real normalizers."""

from __future__ import annotations

from typing import Any

import pytest
import sqlite_utils

from db.schema import ADS_COLUMNS, ensure_schema
from db.store import upsert_ads
from normalize.ad import normalize_ad

BASE = {
    "source": "reed",
    "title": "Senior Data Scientist",
    "company": "Acme Analytics Ltd",
    "location_raw": "Leeds, West Yorkshire",
    "description": (
        "Acme Analytics is hiring a senior data scientist to build forecasting models for our "
        "retail clients. You will own the modelling roadmap, work with engineers to ship models "
        "to production in Python and SQL, mentor two junior scientists and present results to "
        "stakeholders. We offer hybrid working from our Leeds office, a pension and 28 days of "
        "holiday. Experience with time series, causal inference and cloud platforms is a plus."
    ),
    "posted_raw": "2026-01-10",
    "salary_raw": "£60,000 - £70,000 per annum",
}


def make_ad(source_id: str, **raw: Any) -> dict[str, Any]:
    """An ad as the store pipeline gets it: BASE's raw fields updated by ``raw``, plus every
    normalized field (normalize_ad)."""
    fields = {**BASE, "source_id": source_id, **raw}
    fields = {k: v for k, v in fields.items() if v is not None}
    return {**fields, **normalize_ad(fields)}


def make_row(source_id: str, **raw: Any) -> dict[str, Any]:
    """A stored ``ads`` row (every column) for :func:`make_ad`'s ad."""
    ad = make_ad(source_id, **raw)
    row = {c: ad.get(c) for c in ADS_COLUMNS}
    row["id"] = f"{row['source']}:{row['source_id']}"
    row["first_seen"] = row["last_seen"] = "2026-01-10T08:00:00+00:00"
    row["skills"] = None
    return row


@pytest.fixture
def db() -> sqlite_utils.Database:
    database = sqlite_utils.Database(memory=True)
    ensure_schema(database)
    return database


def store(db: sqlite_utils.Database, *ads: dict[str, Any], seen_at: str | None = None) -> None:
    """Upsert ads (from :func:`make_ad`) as the store pipeline does."""
    upsert_ads(db, ads, seen_at=seen_at or "2026-01-10T08:00:00+00:00")


def vacancy_of(db: sqlite_utils.Database, ad_id: str) -> str | None:
    return db.execute("SELECT vacancy_id FROM ads WHERE id = ?", [ad_id]).fetchone()[0]
