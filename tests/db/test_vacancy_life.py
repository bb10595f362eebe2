"""The life of a vacancy: live (complete-listing source vs 30-day window), days open,
reposts; per role and city with the minimum count rule."""

from __future__ import annotations

from datetime import datetime

import pytest

from db.store import record_run
from db.vacancies import life_by, vacancy_life
from dedup.store import assign_vacancies
from tests.dedup.conftest import db, make_ad, store  # noqa: F401

NOW = datetime(2026, 3, 1, 12, 0)


@pytest.fixture
def lives(db):  # noqa: F811
    store(db, make_ad("1"), make_ad("5", posted_raw="2026-01-20"))  # Leeds: one job, reposted
    store(db, make_ad("2", location_raw="York", posted_raw="2026-02-20"))  # recent: live
    store(db, make_ad("3", source="greenhouse", location_raw="Bristol", posted_raw="2026-02-01"),
          seen_at="2026-02-01T08:00:00+00:00")  # fmt: skip
    store(db, make_ad("4", source="greenhouse", location_raw="Manchester"),
          seen_at="2026-03-01T08:00:00+00:00")  # fmt: skip
    db.execute("UPDATE ads SET expired_at = '2026-02-11T08:00:00+00:00' WHERE id = 'greenhouse:3'")
    record_run(db, "greenhouse", {"start_time": "2026-03-01 07:00:00+00:00"})
    assign_vacancies(db)
    return {life.city: life for life in vacancy_life(db, NOW)}


def test_live_days_open_and_reposts_per_vacancy(lives):
    got = {city: (v.live, v.days_open, v.reposts) for city, v in lives.items()}
    assert got == {
        "Leeds": (False, None, 1),  # last posted 2026-01-20, more than 30 days before NOW
        "York": (True, None, 0),  # posted 2026-02-20
        "Bristol": (False, 10.0, 0),  # expired by its ATS board after 10 days
        "Manchester": (True, None, 0),  # seen at greenhouse's last run (posted in January)
    }


def test_life_per_group_follows_the_min_count_rule(lives):
    rows = life_by(list(lives.values()), "role", min_count=1)
    assert rows == [
        {"group": "data_scientist", "vacancies": 4, "live": 2, "live_share": 0.5, "closed": 1,
         "median_days_open": 10.0, "reposts": 1},
    ]  # fmt: skip
    [row] = life_by(list(lives.values()), "role", min_count=2)
    assert (row["median_days_open"], row["live_share"]) == (None, 0.5)
    with pytest.raises(ValueError):
        life_by([], "skill")
