"""Greenhouse job boards:
``boards-api.greenhouse.io/v1/boards/<slug>/jobs?content=true&pay_transparency=true``.

Response: ``{"jobs": [{"id", "title", "absolute_url", "location": {"name"}, "content"
(entity-escaped HTML), "first_published", "updated_at", "company_name", "pay_input_ranges":
[{"min_cents", "max_cents", "currency_type", "title", "blurb"}], ...}], "meta": {"total"}}``
(Greenhouse Job Board API documentation). Without ``content=true`` the description is left out,
without ``pay_transparency=true`` the pay ranges are. A pay range's amounts are in **cents**
(hundredths of ``currency_type``); its pay period is only in the free-text ``title`` ("Annual
Salary", "Hourly"), and its ``blurb`` (HTML) says whether it is base pay or on-target earnings.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem

PAY_WORDS_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "pay_range_words.toml"


@cache
def _pay_words() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The not-base cue pattern and ``(period, pattern)`` pairs of ``pay_range_words.toml``."""
    data = tomllib.loads(PAY_WORDS_FILE.read_text(encoding="utf-8"))

    def words(values: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(map(re.escape, values)) + r")\b", re.IGNORECASE)

    periods = tuple((period, words(values)) for period, values in data["period_words"].items())
    return words(data["not_base"]), periods


def cents(value: Any) -> str | None:
    """An amount in cents (an int, float or digit string) as a decimal string in currency
    units (``12345600`` -> ``"123456"``, ``5050`` -> ``"50.5"``); ``None`` when absent or not a
    number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip()) / 100
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    return format(amount.normalize(), "f")


def pay_period(title: str | None) -> str | None:
    """The pay period a pay range's free-text title names (``"Annual Salary"`` -> ``"year"``,
    ``"Hourly"`` -> ``"hour"``), or ``None`` when it names none."""
    for period, pattern in _pay_words()[1]:
        if pattern.search(title or ""):
            return period
    return None


def is_base_pay(pay_range: dict[str, Any]) -> bool:
    """False when the range's title or blurb names on-target earnings or commission (OTE is
    never base salary), else True."""
    not_base = _pay_words()[0]
    return not any(not_base.search(str(pay_range.get(k) or "")) for k in ("title", "blurb"))


def base_pay_range(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The ``pay_input_ranges`` entry that gives the posting's base pay: the first base-pay
    range (:func:`is_base_pay`) in GBP, else the first base-pay range; ``None`` when there is
    none (no flag, no range, or only OTE/commission ranges)."""
    ranges = raw.get("pay_input_ranges")
    if not isinstance(ranges, list):
        return None
    base = [r for r in ranges if isinstance(r, dict) and is_base_pay(r)]
    gbp = [r for r in base if str(r.get("currency_type") or "").upper() == "GBP"]
    return (gbp or base or [None])[0]


class GreenhouseBoardSpider(AtsBoardSpider):
    """One employer's Greenhouse job board (one request per board, ``content=true`` so the
    description comes inline, ``pay_transparency=true`` so the pay ranges do).

    Ids: ``source`` ``"greenhouse"``, ``source_id`` ``<board slug>:<job id>`` (the ``id``
    field; a job without one is dropped, see :class:`AtsBoardSpider`). Fields: ``title`` ->
    title, ``absolute_url`` -> url, ``company_name`` (else the boards file's company) ->
    company, ``location.name`` -> location_raw, ``content`` (entity-escaped HTML, verbatim) ->
    description, ``first_published`` (else ``updated_at``) -> posted_raw; the job record ->
    raw. The base pay range (:func:`base_pay_range`) -> salary_min_raw/salary_max_raw (cents
    turned into currency units, :func:`cents`), salary_currency_raw (``currency_type``) and
    salary_period_raw (the period its title names, :func:`pay_period`; none named: left to
    the normalizer's magnitude rule); an OTE or commission range never fills them.
    """

    ats = "greenhouse"
    board_url = (
        "https://boards-api.greenhouse.io/v1/boards/{slug}/jobs?content=true&pay_transparency=true"
    )

    def postings(self, data: Any) -> list[Any] | None:
        jobs = data.get("jobs") if isinstance(data, dict) else None
        return jobs if isinstance(jobs, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        location = raw.get("location") or {}
        pay = base_pay_range(raw) or {}
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("absolute_url"),
            title=raw.get("title"),
            company=raw.get("company_name") or board.company,
            location_raw=location.get("name") if isinstance(location, dict) else text(location),
            salary_min_raw=cents(pay.get("min_cents")),
            salary_max_raw=cents(pay.get("max_cents")),
            salary_currency_raw=text(pay.get("currency_type")),
            salary_period_raw=pay_period(pay.get("title")),
            description=raw.get("content"),
            posted_raw=raw.get("first_published") or raw.get("updated_at"),
            raw=raw,
        )
