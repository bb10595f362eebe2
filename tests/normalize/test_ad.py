"""normalize_ad: which salary wins, annual base salary vs day rate, employment type."""

from __future__ import annotations

import re

import pytest

from normalize import NORMALIZER_VERSION
from normalize.ad import AnnualizeSettings, employment_type, normalize_ad, structured_salary
from normalize.salary import Salary


def ad(**raw) -> dict:
    return {"source": "t", "source_id": "1", "title": "Machine Learning Engineer", **raw}


@pytest.mark.parametrize(
    "raw, expected",
    [
        # (min, max, currency, period, inferred)
        (
            {"salary_min_raw": "450", "salary_max_raw": "500", "salary_period_raw": "per day"},
            (450, 500, "GBP", "day", False),
        ),
        (
            {"salary_min_raw": "60000.0", "salary_period_raw": "Y"},
            (60000, 60000, "GBP", "year", False),
        ),
        (
            {
                "salary_min_raw": "150000",
                "salary_max_raw": "180000",
                "salary_currency_raw": "USD",
                "salary_period_raw": "per-year-salary",
            },
            (150000, 180000, "USD", "year", False),
        ),
        (
            {
                "salary_min_raw": "95000",
                "salary_max_raw": "130000",
                "salary_currency_raw": "GBP",
                "salary_period_raw": "1 YEAR",
            },
            (95000, 130000, "GBP", "year", False),
        ),
        (
            {"salary_min_raw": "80000", "salary_max_raw": "60000", "salary_period_raw": "yearly"},
            (60000, 80000, "GBP", "year", False),
        ),
        ({"salary_max_raw": "550.0"}, (550, 550, "GBP", "day", True)),  # magnitude decides
    ],
)
def test_structured_salary(raw, expected):
    got = structured_salary(raw)
    assert (got.min, got.max, got.currency, got.period, got.period_inferred) == expected


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"salary_min_raw": "nan"},
        {"salary_min_raw": "0"},
        {"salary_min_raw": "-5"},
        {"salary_min_raw": "n/a"},
    ],
)
def test_no_structured_salary(raw):
    assert structured_salary(raw) is None


def test_structured_beats_field_beats_description():
    both = normalize_ad(
        ad(
            salary_min_raw="70000",
            salary_period_raw="year",
            salary_raw="£50,000 per annum",
            description="Salary £40,000 per annum",
        )
    )
    assert (both["salary_min"], both["salary_source"]) == (70000, "structured")
    field = normalize_ad(ad(salary_raw="£50,000 per annum", description="Salary £40,000 pa"))
    assert (field["salary_min"], field["salary_source"]) == (50000, "field")
    text = normalize_ad(ad(salary_raw="Competitive", description="Salary: £40,000 per annum"))
    assert (text["salary_min"], text["salary_source"]) == (40000, "description")
    none = normalize_ad(ad(salary_raw="Competitive", description="Great team."))
    assert (none["salary_min"], none["salary_source"], none["salary_annual_mid"]) == (
        None,
        None,
        None,
    )


def test_annual_base_salary_in_gbp_per_year():
    row = normalize_ad(ad(salary_raw="£3,000 - £3,500 per month"))
    assert (row["salary_annual_min"], row["salary_annual_max"], row["salary_annual_mid"]) == (
        36000,
        42000,
        39000,
    )
    assert row["day_rate_mid"] is None


def test_day_rate_kept_apart_and_contract():
    row = normalize_ad(ad(salary_raw="£550 - £650 per day"))
    assert row["day_rate_mid"] == 600
    assert row["salary_annual_mid"] is None
    assert row["employment_type"] == "contract"
    hourly = normalize_ad(ad(salary_raw="£60 per hour", employment_type_raw="Contract"))
    assert (hourly["day_rate_mid"], hourly["salary_annual_mid"]) == (450, None)  # 7.5 h a day
    permanent_hourly = normalize_ad(ad(salary_raw="£20 per hour", employment_type_raw="Permanent"))
    assert permanent_hourly["salary_annual_mid"] == 39000  # x 1,950 hours


def test_foreign_currency_is_not_annualized_into_gbp():
    row = normalize_ad(
        ad(
            salary_min_raw="150000",
            salary_max_raw="180000",
            salary_currency_raw="USD",
            salary_period_raw="per-year-salary",
        )
    )
    assert (row["salary_currency"], row["salary_annual_mid"]) == ("USD", None)


def test_implausible_annual_salary_is_not_used():
    row = normalize_ad(ad(salary_min_raw="1500", salary_period_raw="year"))
    assert row["salary_min"] == 1500 and row["salary_annual_mid"] is None


def test_settings_change_annualizing():
    settings = AnnualizeSettings(
        factors={"year": 1, "month": 12, "week": 52, "day": 230, "hour": 2000}, hours_per_day=8
    )
    row = normalize_ad(
        ad(salary_raw="£20 per hour", employment_type_raw="Permanent"), settings=settings
    )
    assert row["salary_annual_mid"] == 40000


@pytest.mark.parametrize(
    "raw_type, salary, expected",
    [
        ("Permanent", None, "permanent"),
        ("full_time permanent", None, "permanent"),
        ("Contract", None, "contract"),
        ("Internship", None, "internship"),
        (None, Salary(500, 500, "GBP", "day"), "contract"),
        (None, Salary(50000, 50000, "GBP", "year", employment_type="contract"), "contract"),
        (None, Salary(50000, 50000, "GBP", "year"), None),
    ],
)
def test_employment_type(raw_type, salary, expected):
    assert employment_type(raw_type, salary) == expected


def test_full_row_from_a_real_shape():
    row = normalize_ad(
        ad(
            title="Senior Data Scientist",
            location_raw="Manchester, ENG, GB",
            description="<p>Python and PyTorch. 5+ years of experience.</p>",
            posted_raw="2026-01-20",
        )
    )
    assert (row["role"], row["seniority"], row["is_ml"]) == ("data_scientist", "senior", True)
    assert (row["city"], row["region"], row["is_uk"]) == ("Manchester", "North West", True)
    assert row["experience_min_years"] == 5
    assert {"Python", "PyTorch"} <= set(row["skills"])
    assert row["posted_at"] == "2026-01-20"
    assert row["description_text"] == "Python and PyTorch. 5+ years of experience."


@pytest.mark.parametrize(
    "raw",
    [
        {"description": ["<p>Python", 3, None], "employment_type_raw": 7, "salary_raw": 45000},
        {"description": {"html": "x"}, "location_raw": ["London", ", ", "UK"], "title": 123},
        {"posted_raw": 1779223091267, "workplace_raw": True},
    ],
)
def test_non_string_raw_values_are_read_as_text(raw):
    row = normalize_ad(ad(**raw))
    assert re.fullmatch(r"1\+[0-9a-f]{10}", row["normalizer_version"])
    assert row["normalizer_version"] == NORMALIZER_VERSION


def test_text_node_lists_are_joined():
    row = normalize_ad(
        ad(
            location_raw=["Leeds", ",", "West Yorkshire"],
            salary_raw=45000,
            posted_raw=1779223091267,
        )
    )
    assert (row["city"], row["salary_min"], row["posted_at"]) == ("Leeds", 45000, "2026-05-19")


def test_description_decides_is_ml_when_the_title_cannot() -> None:
    """A technical title with no ML word: the description's ML work makes it an ML role."""
    ml = "<p>You will fine-tune LLMs in PyTorch and own model serving for inference.</p>"
    plain = "<p>You will build our billing system in Java.</p>"
    got = normalize_ad({"title": "Senior Software Engineer", "description": ml, "company": "Acme"})
    assert (got["role"], got["seniority"], got["is_ml"]) == ("ml_engineer", "senior", True)
    got = normalize_ad({"title": "Senior Software Engineer", "description": plain})
    assert (got["role"], got["seniority"], got["is_ml"]) == ("other", "senior", False)
