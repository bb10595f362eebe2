"""Lever job boards: ``api.lever.co/v0/postings/<slug>?mode=json`` (EU-hosted boards:
``api.eu.lever.co``).

Response: a list of postings ``{"id", "text", "hostedUrl", "categories": {"location",
"allLocations", "commitment", "team"}, "createdAt" (epoch ms), "description", "lists":
[{"text", "content"}], "additional", "salaryRange": {"min", "max", "currency", "interval"},
"salaryDescription", "workplaceType", "country"}`` (Lever Postings API documentation; its
global and EU instances). ``salaryRange.interval`` is one of the intervals of
``spiders/data/lever_intervals.csv``, ``bi-week-salary`` and ``semi-month-salary`` included.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from scrapy.spidermiddlewares.httperror import HttpError

from crawler.bases.ats import AtsBoardSpider, Board, text
from crawler.items import JobAdItem

INTERVALS_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "lever_intervals.csv"
#: The host of Lever's EU instance.
EU_HOST = "api.eu.lever.co"


@cache
def lever_intervals(path: Path = INTERVALS_FILE) -> dict[str, tuple[str, Decimal] | None]:
    """``{interval: (period, factor)}`` of the intervals file; ``None`` for an interval that
    is not pay over time (``one-time``)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    table: dict[str, tuple[str, Decimal] | None] = {}
    for row in csv.DictReader(lines):
        period, factor = row["period"].strip(), row["factor"].strip()
        table[row["interval"].strip()] = (period, Decimal(factor)) if period else None
    return table


def _scaled(value: Any, factor: Decimal) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if factor == 1:
        return text(value)
    try:
        return format((Decimal(str(value)) * factor).normalize(), "f")
    except InvalidOperation:
        return None


def salary_fields(salary_range: Any) -> tuple[dict[str, str | None], bool]:
    """The structured salary fields of a ``salaryRange``, and whether its interval is known.

    A per-period interval keeps Lever's figures and interval verbatim; a multiple of one
    (``bi-week-salary``, ``semi-month-salary``, ``bi-month-salary``) is converted to its
    period (``bi-week-salary`` 3000 -> 1500 per ``week``); ``one-time`` gives no structured
    salary; an unknown interval keeps the figures and the interval (the normalizer then
    infers the period from the figures' size). Raises ``TypeError`` when ``salary_range`` is
    neither ``None`` nor an object (the posting is malformed)."""
    empty = dict.fromkeys(
        ("salary_min_raw", "salary_max_raw", "salary_currency_raw", "salary_period_raw")
    )
    if salary_range is None:
        return empty, True
    if not isinstance(salary_range, dict):
        raise TypeError(f"salaryRange is a {type(salary_range).__name__}, not an object")
    interval = text(salary_range.get("interval"))
    table = lever_intervals()
    known = interval is None or interval in table
    rule = table.get(interval or "", (interval, Decimal(1)))
    if interval is not None and rule is None:  # one-time: not a salary
        return empty, known
    period, factor = rule if rule is not None else (None, Decimal(1))
    return {
        "salary_min_raw": _scaled(salary_range.get("min"), factor),
        "salary_max_raw": _scaled(salary_range.get("max"), factor),
        "salary_currency_raw": text(salary_range.get("currency")),
        "salary_period_raw": interval if factor == 1 else period,
    }, known


def description_html(raw: dict[str, Any]) -> str:
    """Lever splits a posting into description, titled lists and an additional section; this
    joins them, in page order, into one HTML document."""
    parts = [raw.get("description") or ""]
    for block in raw.get("lists") or []:
        if isinstance(block, dict):
            parts.append(f"<h3>{block.get('text') or ''}</h3><ul>{block.get('content') or ''}</ul>")
    parts.append(raw.get("additional") or "")
    return "\n".join(p for p in parts if p)


class LeverBoardSpider(AtsBoardSpider):
    """One employer's Lever postings (one request per board, ``mode=json``), at the board's
    host (``host`` in the boards file; default ``api.lever.co``). A board the global host
    answers 404 for is asked once more at the EU host (``mljobs/lever/eu_fallback``; add
    ``host=api.eu.lever.co`` to its row to skip the first request).

    Ids: ``source`` ``"lever"``, ``source_id`` ``<board slug>:<posting id>`` (the ``id``
    field, a UUID; a posting without one is dropped, see :class:`AtsBoardSpider`). Fields:
    ``text`` -> title, ``hostedUrl`` -> url, the boards file's company -> company,
    ``categories.location`` (every ``categories.allLocations`` joined by ``" / "`` when there
    are several) -> location_raw, ``salaryRange`` (:func:`salary_fields`; an unknown interval
    is counted as ``mljobs/lever/unknown_interval``) ->
    salary_min_raw/salary_max_raw/salary_currency_raw/salary_period_raw, description + lists +
    additional (:func:`description_html`) -> description, ``createdAt`` (epoch milliseconds, as
    digits) -> posted_raw, ``categories.commitment`` -> employment_type_raw,
    ``workplaceType`` -> workplace_raw; the posting record -> raw.
    """

    ats = "lever"
    board_url = "https://{host}/v0/postings/{slug}?mode=json"
    default_host = "api.lever.co"

    def board_failed(self, failure: Any) -> Any:
        """A board the default host answers 404 for: the same request at the EU host
        (once); anything else: :meth:`request_failed`."""
        board: Board = failure.request.cb_kwargs["board"]
        response = getattr(failure.value, "response", None)
        on_default = not board.host and self.default_host in failure.request.url
        if isinstance(failure.value, HttpError) and response.status == 404 and on_default:
            self.crawler.stats.inc_value("mljobs/lever/eu_fallback")
            self.logger.info(
                "%s: board %s not on %s, asking %s",
                self.name,
                board.slug,
                self.default_host,
                EU_HOST,
            )
            return [self.board_request(board, EU_HOST)]
        return super().board_failed(failure)

    def postings(self, data: Any) -> list[Any] | None:
        return data if isinstance(data, list) else None

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        categories = raw.get("categories") or {}
        locations = categories.get("allLocations") or []
        location = categories.get("location")
        if len(locations) > 1:
            location = " / ".join(str(x) for x in locations)
        salary, known = salary_fields(raw.get("salaryRange"))
        if not known:
            self.crawler.stats.inc_value("mljobs/lever/unknown_interval")
            self.logger.warning(
                "%s: posting %s has an unknown salary interval %r",
                self.name,
                raw.get("id"),
                raw["salaryRange"].get("interval"),
            )
        return JobAdItem(
            source=self.source,
            source_id=self.posting_source_id(raw, board),
            url=raw.get("hostedUrl"),
            title=raw.get("text"),
            company=board.company,
            location_raw=location,
            **salary,
            description=description_html(raw),
            posted_raw=text(raw.get("createdAt")),
            employment_type_raw=categories.get("commitment"),
            workplace_raw=raw.get("workplaceType"),
            raw=raw,
        )
