"""Item pipelines: normalize (raw item -> typed fields), then store (upsert into SQLite).

Both count what they do in the crawl stats (``mljobs/...``) and drop a bad item with a named
counter (``mljobs/dropped/<reason>``) and a log line, never crashing the crawl and never writing
a half row.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from crawler.fields import RAW_FIELDS, clean_fields
from crawler.signals import ad_not_stored
from db.schema import open_db
from db.store import (
    ad_row,
    row_values,
    upsert_reference_series,
    upsert_rows,
    use_bulk_cache,
    utcnow,
)
from normalize.ad import AnnualizeSettings, normalize_ad

if TYPE_CHECKING:  # Scrapy is imported only where used: an import runs without it
    from scrapy.crawler import Crawler
    from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)


def _is_reference_series(item: Any) -> bool:
    """Is ``item`` a :class:`crawler.items.ReferenceSeriesItem`? Only a crawl makes them, so
    when that (Scrapy) module was never imported, no item can be one."""
    items = sys.modules.get("crawler.items")
    return items is not None and isinstance(item, items.ReferenceSeriesItem)


REQUIRED_FIELDS = ("source", "source_id", "title")

#: One ad that takes the normalizers' common path (salary found in the text, a UK place, a
#: role, skills, experience, a posted date): normalizing it when the pipeline opens loads their
#: data (the gazetteer, skills, patterns) before the first page arrives. No markup and no
#: relative date: bs4 and dateparser stay unloaded until an ad needs them (a one-row import
#: loads neither; tests/cli/test_startup_imports.py).
WARM_UP_AD = {
    "title": "Senior Machine Learning Engineer",
    "company": "Example Ltd",
    "location_raw": "Manchester, Greater Manchester",
    "description": "3+ years of Python and PyTorch. Salary £60,000 - £70,000 a year.",
    "posted_raw": "2026-01-10",
    "employment_type_raw": "Full-time",
}


def annualize_settings(settings: Any) -> AnnualizeSettings:
    """The :class:`AnnualizeSettings` that a Scrapy ``settings`` object asks for."""
    return AnnualizeSettings(
        factors=dict(settings.getdict("MLJOBS_ANNUAL_FACTORS")),
        hours_per_day=settings.getfloat("MLJOBS_HOURS_PER_DAY"),
        min_annual=settings.getfloat("MLJOBS_MIN_ANNUAL"),
        max_annual=settings.getfloat("MLJOBS_MAX_ANNUAL"),
        min_day_rate=settings.getfloat("MLJOBS_MIN_DAY_RATE"),
        max_day_rate=settings.getfloat("MLJOBS_MAX_DAY_RATE"),
    )


def coverage_fields(raw: dict[str, Any], normalized: dict[str, Any]) -> dict[str, bool]:
    """Which of the fields source health watches (``crawler.health.COVERAGE_FIELDS``) an ad
    has: title, company, location and description as given, a salary read (structured, field
    or description), a posted date read."""

    def given(field: str) -> bool:
        value = raw.get(field)
        return value is not None and bool(str(value).strip())

    return {
        "title": given("title"),
        "company": given("company"),
        "location": given("location_raw"),
        "salary": normalized.get("salary_min") is not None
        or normalized.get("salary_max") is not None,
        "description": given("description"),
        "posted": normalized.get("posted_at") is not None,
    }


#: The stats key of each field of :func:`coverage_fields` (built once, not per ad).
_COVERAGE_KEYS = {
    field: f"mljobs/coverage/{field}"
    for field in ("title", "company", "location", "salary", "description", "posted")
}


class NormalizePipeline:
    """Checks the required raw fields and adds every normalized field (``normalize_ad``).

    Yields a plain dict: the raw fields, then the normalized ones. Raw values are first made
    storable (``crawler.fields.clean_fields``; each change counted as ``mljobs/fixed/<fix>``
    and logged). An item without
    ``source``, ``source_id`` or ``title`` is dropped as ``mljobs/dropped/missing_<field>``; a
    normalizer failure as ``mljobs/dropped/normalize_error`` (logged with the traceback).
    Relative posted dates ("Posted today") are read against the crawl's start time, unless the
    spider sets ``relative_dates_base`` (an importer sets ``None``: a dump's "today" is unknown).
    Counts ``mljobs/items`` and, per field of :func:`coverage_fields` an ad has,
    ``mljobs/coverage/<field>`` (source health).
    """

    #: An import may run this pipeline in worker processes (crawler.import_parallel): it reads
    #: no database and keeps nothing across items but stats counters.
    parallel_safe = True

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.annualize = annualize_settings(crawler.settings)
        self.now = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        """Load the normalizers' data now (:data:`WARM_UP_AD`), once per process, so that the
        first ads of a crawl do not wait seconds for it mid-crawl."""
        normalize_ad(WARM_UP_AD, now=self.now, settings=self.annualize)

    def _drop(self, reason: str, message: str) -> DropItem:
        from scrapy.exceptions import DropItem

        self.stats.inc_value(f"mljobs/dropped/{reason}")
        return DropItem(message)

    def process_item(self, item: Any) -> Any:
        if _is_reference_series(item):
            return item  # figures about the market, not an ad: nothing to normalize
        raw, fixes = clean_fields({field: item.get(field) for field in RAW_FIELDS})
        for field, fix in fixes:  # the item boundary: NUL, lone surrogates, ints beyond 64 bits
            self.stats.inc_value(f"mljobs/fixed/{fix}")
            logger.warning(
                "%s:%s: field %r fixed (%s)", raw["source"], raw["source_id"], field, fix
            )
        for field in REQUIRED_FIELDS:
            value = raw[field]
            if value is None or not str(value).strip():
                from crawler.redaction import redact

                url = redact(raw["url"]) if isinstance(raw.get("url"), str) else raw.get("url")
                raise self._drop(f"missing_{field}", f"ad without {field}: {url!r}")
            raw[field] = str(value).strip()
        try:
            now = getattr(self.crawler.spider, "relative_dates_base", self.now)
            normalized = normalize_ad(raw, now=now, settings=self.annualize)
        except Exception as exc:  # a normalizer bug must not stop the crawl
            logger.exception("normalizing %s:%s failed", raw["source"], raw["source_id"])
            raise self._drop("normalize_error", f"normalize error: {exc!r}") from exc
        self.stats.inc_value("mljobs/items")
        if normalized.get("is_uk") is False:
            self.stats.inc_value("mljobs/non_uk")
        for field, present in coverage_fields(raw, normalized).items():
            if present:
                self.stats.inc_value(_COVERAGE_KEYS.get(field) or f"mljobs/coverage/{field}")
        return {**raw, **normalized}


#: The fields of an ad kept beside its row (:class:`PreparedAd`) to name it in a log line or
#: announce it not stored.
AD_NAME_FIELDS = ("source", "source_id", "url", "title")


class PreparedAd(NamedTuple):
    """An ad made ready to store (:meth:`StorePipeline.prepare`): its ``ads`` row and skills
    (:func:`db.store.ad_row`), or ``error`` (the row could not be built), and ``ad``: the item
    (only :data:`AD_NAME_FIELDS` of it when it crossed from a worker process)."""

    row: list[Any] | None
    skills: list[str]
    ad: Mapping[str, Any]
    error: str | None = None

    def slim(self) -> PreparedAd:
        """The same, with ``ad`` cut to :data:`AD_NAME_FIELDS` (less to send between
        processes)."""
        return self._replace(ad={k: self.ad.get(k) for k in AD_NAME_FIELDS})

    def packed(self) -> PreparedAd | tuple[list[Any], list[str]]:
        """What a worker process sends back for this ad (:meth:`unpacked` reads it): a built
        row as the plain tuple ``(row, skills)``, without the name fields (the row holds
        them): about 3 us less pickling per ad than :meth:`slim`'s named tuple and dict; an
        ad whose row could not be built as :meth:`slim`."""
        if self.row is None or self.error is not None:
            return self.slim()
        return self.row, self.skills

    @classmethod
    def unpacked(cls, value: PreparedAd | tuple[list[Any], list[str]]) -> PreparedAd:
        """The :class:`PreparedAd` of :meth:`packed`'s ``value`` (a :class:`PreparedAd` as it
        is), its ``ad`` the row's values of :data:`AD_NAME_FIELDS` (as stored:
        :func:`db.store.row_values`)."""
        if isinstance(value, PreparedAd):
            return value
        row, skills = value
        return cls(row, skills, row_values(row, AD_NAME_FIELDS))


class StorePipeline:
    """Upserts normalized ads into the ``ads`` table in batches (one transaction each).

    Counts ``mljobs/new``, ``mljobs/updated`` and ``mljobs/unchanged``. A
    :class:`crawler.items.ReferenceSeriesItem` is written to ``reference_series`` at once
    (``mljobs/reference_points``). A batch that fails is
    retried ad by ad, so one bad ad (``mljobs/dropped/store_error``) cannot lose the others; an
    ad not stored is announced with the signal :data:`crawler.signals.ad_not_stored` (so
    :class:`crawler.incremental.IncrementalCrawl` does not record its listing fingerprint and
    the next crawl fetches it again).

    ``process_item`` is :meth:`prepare` (CPU only: the row, its JSON and hash) then
    :meth:`store`; an import may run :meth:`prepare` in its worker processes
    (``crawler.import_parallel``) and :meth:`store` in the importing process: the same path.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = crawler.settings.get("MLJOBS_DB")
        self.batch_size = crawler.settings.getint("MLJOBS_STORE_BATCH", 500)
        self.buffer: list[PreparedAd] = []
        self.db = None
        self.seen_at = utcnow()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)
        use_bulk_cache(self.db)

    def process_item(self, item: Any) -> Any:
        if _is_reference_series(item):
            written = upsert_reference_series(
                self.db,
                item["source"],
                item["series"],
                item["points"],
                unit=item["unit"],
                location=item.get("location"),
                category=item.get("category"),
            )
            self.stats.inc_value("mljobs/reference_points", written)
            return item
        self.store(self.prepare(item))
        return item

    @staticmethod
    def prepare(item: Mapping[str, Any]) -> PreparedAd:
        """``item`` (a normalized ad) -> its :class:`PreparedAd`; never raises (an ad whose
        row cannot be built carries the error, and :meth:`store` drops it as a store
        error)."""
        try:
            row, skills = ad_row(item)
        except (KeyError, ValueError, TypeError) as exc:
            return PreparedAd(None, [], item, repr(exc))
        return PreparedAd(row, skills, item)

    def store(self, prepared: PreparedAd | tuple[list[Any], list[str]]) -> None:
        """Add ``prepared`` (a :class:`PreparedAd`, or what its :meth:`PreparedAd.packed`
        sent from a worker) to the batch; write the batch when it is full."""
        self.buffer.append(PreparedAd.unpacked(prepared))
        if len(self.buffer) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, self.buffer = self.buffer, []
        if not batch:
            return
        good = [p for p in batch if p.error is None]
        for prepared in batch:
            if prepared.error is not None:
                self._failed(prepared.ad, prepared.error)
        if not good:
            return
        try:
            counts = [upsert_rows(self.db, [(p.row, p.skills) for p in good], self.seen_at)]
        except Exception:
            logger.exception("storing a batch of %d ads failed; retrying one by one", len(good))
            counts = []
            for prepared in good:
                try:
                    counts.append(
                        upsert_rows(self.db, [(prepared.row, prepared.skills)], self.seen_at)
                    )
                except Exception as exc:
                    self._failed(prepared.ad, repr(exc))
        for c in counts:
            self.stats.inc_value("mljobs/new", c.new)
            self.stats.inc_value("mljobs/updated", c.updated)
            self.stats.inc_value("mljobs/unchanged", c.unchanged)

    def _failed(self, ad: Mapping[str, Any], error: str) -> None:
        self.stats.inc_value("mljobs/dropped/store_error")
        logger.error("ad %s:%s not stored: %s", ad.get("source"), ad.get("source_id"), error)
        self.crawler.signals.send_catch_log(
            signal=ad_not_stored, item=ad, spider=self.crawler.spider
        )

    def close_spider(self) -> None:
        self.flush()
        self.db.close()
