"""SQL views behind the market-intelligence report: one view per benchmark.

:func:`ensure_views` (re)creates them; ``sqlite-utils`` and Datasette read them like tables, e.g.
``sqlite-utils rows data/mljobs.db bench_city --csv``. Two base views define the population:

``uk_postings``
    every stored ad (posting) not known to be outside the UK (``coalesce(is_uk, 1) = 1``), with
    the derived columns the report uses: ``vacancy_id`` (``'ad:' || id`` before dedup ran),
    ``salary`` (annual base salary, GBP per year, of a permanent role: ``salary_annual_mid``
    unless the ad is a contract or an internship), ``day_rate`` (``day_rate_mid``, GBP per day),
    ``month`` (``YYYY-MM`` of ``posted_at``), ``experience_band`` ("0-3" / "3-7" / "7+", the
    rule of :func:`normalize.experience.experience_band`, on ``experience_min_years``) and
    ``postings`` (1). The counting before deduplication (``mljobs benchmarks --postings``).
``ml_postings``
    the rows of ``uk_postings`` classified as ML roles (``is_ml = 1``).
``uk_ads``
    the default population: one row per **vacancy** (:mod:`dedup`), the same columns: the
    representative ad's fields (``vacancies.representative_ad_id``), with the vacancy's salary
    and day rate chosen by the vacancy salary rule of :mod:`dedup.store` (the employer's own
    ATS over a board over an aggregator; a predicted salary never) and ``postings`` (stored ads
    of the vacancy). An ad without a vacancy (``vacancy_id`` NULL: dedup never ran on it, or
    its vacancy row is missing) is its own vacancy.
``ml_ads``
    the rows of ``uk_ads`` classified as ML roles (``is_ml = 1``): the report's population.

Benchmark views (all over ``ml_ads``, so counting vacancies) give per group: ``ads`` (vacancies),
``vacancies`` (the same), ``postings`` (stored ads of those vacancies), ``salaries`` (vacancies
with a salary), ``disclosure_rate`` (salaries / ads), ``employers`` (distinct ``company``),
``mean``, ``median``, ``p10``, ``p25``, ``p75``, ``p90`` (GBP per year), ``day_rates``,
``day_rate_median``, ``day_rate_p10``, ``day_rate_p90`` (GBP per day) and ``min_count``. The
arithmetic is the SQL twin of :mod:`db.figures` (type-7 percentiles, the mean, money rounded
to whole pounds with halves to even), so a view's figure equals the one ``mljobs benchmarks``
and the report print. A figure is ``NULL`` when fewer than ``min_count`` values stand behind
it (:data:`db.figures.MIN_COUNT`).
"""

from __future__ import annotations

import sqlite_utils

from db.figures import MIN_COUNT, percentile_sql, round_money_sql
from normalize.experience import EXPERIENCE_BANDS


def experience_band_sql(min_years: str, max_years: str) -> str:
    """SQL twin of :func:`normalize.experience.experience_band` over the columns ``min_years``
    and ``max_years``, generated from :data:`normalize.experience.EXPERIENCE_BANDS`: ``NULL``
    when both are ``NULL``, else the band of ``coalesce(min_years, 0)``."""
    bands = list(EXPERIENCE_BANDS.items())
    whens = [f"WHEN {min_years} IS NULL AND {max_years} IS NULL THEN NULL"]
    for (label, _), (_, next_floor) in zip(bands, bands[1:], strict=False):
        whens.append(f"WHEN coalesce({min_years}, 0) < {next_floor!r} THEN '{label}'")
    return f"CASE {' '.join(whens)} ELSE '{bands[-1][0]}' END"


#: The annual base salary of a permanent role (GBP per year), over a row with
#: ``salary_annual_mid`` and ``employment_type``: the one usable-salary rule of the views.
def _salary_sql(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.salary_annual_mid IS NOT NULL "
        f"AND coalesce({alias}.employment_type, '') NOT IN ('contract', 'internship') "
        f"THEN {alias}.salary_annual_mid END"
    )


_EXPERIENCE = experience_band_sql("a.experience_min_years", "a.experience_max_years")

#: Names of the views this module owns, in creation order (dependencies first).
BASE_VIEWS: dict[str, str] = {
    # one row per stored ad (posting): the counting before deduplication (--postings)
    "uk_postings": f"""
SELECT
    a.rowid AS rid, a.id, coalesce(a.vacancy_id, 'ad:' || a.id) AS vacancy_id, a.source, a.url,
    a.title, a.company, a.city, a.region, a.role, a.seniority, a.employment_type, a.posted_at,
    a.is_ml,
    {_salary_sql("a")} AS salary,
    a.day_rate_mid AS day_rate,
    substr(a.posted_at, 1, 7) AS month,
    {_EXPERIENCE} AS experience_band,
    a.skills, a.normalizer_version, a.first_seen, a.last_seen, 1 AS postings
FROM ads a
WHERE coalesce(a.is_uk, 1) = 1""",
    "ml_postings": "SELECT * FROM uk_postings WHERE is_ml = 1",
    # one row per vacancy: its representative ad's fields and the vacancy's chosen salary
    "uk_ads": f"""
SELECT
    a.rowid AS rid, a.id, coalesce(a.vacancy_id, 'ad:' || a.id) AS vacancy_id, a.source, a.url,
    a.title, a.company, a.city, a.region, a.role, a.seniority,
    CASE WHEN v.id IS NULL THEN a.employment_type ELSE v.employment_type END
        AS employment_type,
    a.posted_at, a.is_ml,
    CASE WHEN v.id IS NULL THEN {_salary_sql("a")} ELSE {_salary_sql("v")} END AS salary,
    CASE WHEN v.id IS NULL THEN a.day_rate_mid ELSE v.day_rate_mid END AS day_rate,
    substr(a.posted_at, 1, 7) AS month,
    {_EXPERIENCE} AS experience_band,
    a.skills, a.normalizer_version, a.first_seen, a.last_seen,
    coalesce(v.postings, 1) AS postings
FROM ads a LEFT JOIN vacancies v ON v.id = a.vacancy_id
WHERE coalesce(a.is_uk, 1) = 1
  AND (v.id IS NULL OR v.representative_ad_id = a.id)""",
    "ml_ads": "SELECT * FROM uk_ads WHERE is_ml = 1",
}


def _ranked_percentiles(name: str, column: str, percentiles: str) -> str:
    """Two CTEs: ``<name>`` ranks ``column``'s non-null values per group (``i`` 0-based, ``n``),
    ``<name>_p`` computes ``percentiles`` (expressions of :func:`db.figures.percentile_sql`)."""
    return f"""{name} AS (
    SELECT grp, {column} AS v,
           row_number() OVER (PARTITION BY grp ORDER BY {column}) - 1 AS i,
           count(*) OVER (PARTITION BY grp) AS n
    FROM base WHERE {column} IS NOT NULL
),
{name}_p AS (
    SELECT grp, {percentiles}
    FROM {name} GROUP BY grp
)"""


def benchmark_view_sql(group: str, min_count: int = MIN_COUNT, source: str = "ml_ads") -> str:
    """The ``SELECT`` of a benchmark view grouped by the SQL expression ``group`` over ``source``.

    Columns: ``grp`` plus the figures listed in the module docstring. ``group`` is trusted SQL
    (a column name or expression of ``source``), never user input.
    """

    def figure(name: str, count: str, expression: str) -> str:
        money = round_money_sql(expression)
        return f"CASE WHEN {count} >= {int(min_count)} THEN {money} END AS {name}"

    salary_pcts = ",\n    ".join(f"{percentile_sql(q)} AS p{q}" for q in (10, 25, 50, 75, 90))
    rate_pcts = ",\n    ".join(f"{percentile_sql(q)} AS p{q}" for q in (10, 50, 90))
    return f"""
WITH base AS (SELECT {group} AS grp, * FROM {source}),
counts AS (
    SELECT grp, count(*) AS ads, sum(postings) AS postings, count(salary) AS salaries,
           count(DISTINCT company) AS employers, avg(salary) AS mean,
           count(day_rate) AS day_rates
    FROM base GROUP BY grp
),
{_ranked_percentiles("sal", "salary", salary_pcts)},
{_ranked_percentiles("rate", "day_rate", rate_pcts)}
SELECT c.grp AS grp, c.ads, c.ads AS vacancies, c.postings, c.salaries,
    round(1.0 * c.salaries / c.ads, 4) AS disclosure_rate,
    c.employers,
    {figure("mean", "c.salaries", "c.mean")},
    {figure("median", "c.salaries", "s.p50")},
    {figure("p10", "c.salaries", "s.p10")},
    {figure("p25", "c.salaries", "s.p25")},
    {figure("p75", "c.salaries", "s.p75")},
    {figure("p90", "c.salaries", "s.p90")},
    c.day_rates,
    {figure("day_rate_median", "c.day_rates", "r.p50")},
    {figure("day_rate_p10", "c.day_rates", "r.p10")},
    {figure("day_rate_p90", "c.day_rates", "r.p90")},
    {int(min_count)} AS min_count
FROM counts c
LEFT JOIN sal_p s ON s.grp IS c.grp
LEFT JOIN rate_p r ON r.grp IS c.grp
ORDER BY c.ads DESC, c.grp"""


#: Benchmark view name -> grouping expression over ``ml_ads``.
BENCHMARK_GROUPS: dict[str, str] = {
    "bench_uk": "'UK'",
    "bench_city": "city",
    "bench_region": "region",
    "bench_role": "role",
    "bench_seniority": "seniority",
    "bench_experience": "experience_band",
    "bench_month": "month",
    "bench_employer": "company",
    "bench_city_role": "city || ' / ' || role",
    "bench_region_role": "region || ' / ' || role",
}

#: Per source of ``ml_postings`` (alias ``m``, narrowed by ``{where}``, a ``WHERE`` clause or
#: empty): its ML postings, the distinct vacancies among them, and how many of its postings were
#: merged (their vacancy holds another stored posting, of any source): the ``bench_source`` view
#: and the report's filtered provenance.
BENCH_SOURCE_SQL = """
WITH p AS (
    SELECT m.source, m.vacancy_id, m.salary, m.posted_at,
           (SELECT count(*) FROM ads o WHERE o.vacancy_id = m.vacancy_id) AS together
    FROM ml_postings m {where}
)
SELECT source, count(*) AS ads, count(*) AS postings, count(DISTINCT vacancy_id) AS vacancies,
       sum(together > 1) AS merged, round(1.0 * sum(together > 1) / count(*), 4) AS merged_share,
       count(salary) AS salaries, min(posted_at) AS first_posted, max(posted_at) AS last_posted
FROM p GROUP BY source ORDER BY ads DESC, source"""
_SKILL_SOURCE = "(SELECT s.skill AS skill, m.* FROM ml_ads m JOIN ad_skills s ON s.ad_id = m.id)"

EXTRA_VIEWS: dict[str, str] = {
    # skills: the same figures per skill (ads = ML ads citing the skill); share of ML ads
    "bench_skill": f"""
SELECT b.*, round(1.0 * b.ads / (SELECT count(*) FROM ml_ads), 4) AS share_of_ads
FROM ({benchmark_view_sql("skill", source=_SKILL_SOURCE)}) b""",
    # raw hub premium: each city's median against the UK median (both over ML ads)
    "bench_hub_premium": """
SELECT c.grp AS city, c.salaries, c.median, u.salaries AS uk_salaries, u.median AS uk_median,
       round(c.median / u.median - 1, 4) AS premium
FROM bench_city c, bench_uk u
WHERE c.grp IS NOT NULL AND c.median IS NOT NULL AND u.median IS NOT NULL
ORDER BY c.salaries DESC""",
    # provenance: per source, its ML postings, vacancies and merged postings
    "bench_source": BENCH_SOURCE_SQL.format(where=""),
}


def view_names() -> tuple[str, ...]:
    """Every view :func:`ensure_views` creates, in creation order."""
    return (*BASE_VIEWS, *BENCHMARK_GROUPS, *EXTRA_VIEWS)


def ensure_views(db: sqlite_utils.Database) -> None:
    """Drop and recreate every report view (:func:`view_names`) in one transaction.

    Cheap (views hold no data) and idempotent; needs the ``ads`` and ``ad_skills`` tables of
    :func:`db.schema.ensure_schema`. Raises ``sqlite3.OperationalError`` when they are missing.
    """
    with db.conn:
        for name in reversed(view_names()):
            db.conn.execute(f"DROP VIEW IF EXISTS {name}")
        for name, sql in BASE_VIEWS.items():
            db.conn.execute(f"CREATE VIEW {name} AS {sql}")
        for name, group in BENCHMARK_GROUPS.items():
            db.conn.execute(f"CREATE VIEW {name} AS {benchmark_view_sql(group)}")
        for name, sql in EXTRA_VIEWS.items():
            db.conn.execute(f"CREATE VIEW {name} AS {sql}")
