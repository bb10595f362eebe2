"""The shared base of keyword-search job APIs (Reed, Adzuna): one paginated search per ML term.

The terms are data: ``spiders/data/search_terms.txt`` (one per line, ``#`` comments). A source
that needs credentials names the settings in ``required_settings``; when one is empty the
source is *not configured*: ``mljobs crawl``/``run`` skip it with one log line, and
``scrapy crawl`` starts it, logs that line and requests nothing.

Spider arguments (validated when the spider is built): ``terms`` (``"a,b"``: search these terms
instead of the file's), ``page_size`` (results per page, 1 to the API's maximum) and
``max_pages`` (pages per term; default the ``MLJOBS_MAX_PAGES`` setting).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.settings import BaseSettings

from crawler.bases.spider import JobSpider
from crawler.incremental import fingerprint
from crawler.redaction import redact

logger = logging.getLogger(__name__)

TERMS_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "search_terms.txt"


@cache
def load_search_terms(path: Path = TERMS_FILE) -> tuple[str, ...]:
    """The search terms of ``path``, in file order (blank lines and ``#`` comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(t for t in (line.split("#", 1)[0].strip() for line in lines) if t)


def not_configured(spidercls: type, settings: BaseSettings) -> str | None:
    """Why ``spidercls`` cannot run with ``settings`` (``"REED_API_KEY is not set"``), or
    ``None`` when it can. Spiders without ``required_settings`` always can."""
    missing = [
        name for name in getattr(spidercls, "required_settings", ()) if not settings.get(name)
    ]
    if not missing:
        return None
    return f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set"


def _positive_int(name: str, value: Any, maximum: int | None = None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 1 or (maximum is not None and number > maximum):
        raise ValueError(f"{name} must be between 1 and {maximum or 'any'}, not {number}")
    return number


class SearchApiSpider(JobSpider):
    """Base of a keyword-search API spider. A subclass defines :meth:`search_request` (one page
    of one term) and :meth:`on_listed` (what a new or changed result becomes); this base
    validates arguments, skips an unconfigured source, walks the terms and reads each search
    page: a ``{"results": [...], <total_field>: n}`` object, paginated while results remain.
    """

    #: Settings that must be non-empty (API keys); see :func:`not_configured`.
    required_settings: ClassVar[tuple[str, ...]] = ()
    #: Results per page asked for, and the most the API allows.
    page_size: ClassVar[int] = 50
    max_page_size: ClassVar[int] = 100
    #: The result field holding the ad's id, and the page field holding the total hit count.
    id_field: ClassVar[str] = "id"
    total_field: ClassVar[str] = "count"
    #: Result fields that change without the ad changing (left out of its fingerprint).
    volatile_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *args: Any,
        terms: str | None = None,
        page_size: Any = None,
        max_pages: Any = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if terms is not None:
            self.terms = tuple(t.strip() for t in terms.split(",") if t.strip())
            if not self.terms:
                raise ValueError("terms must name at least one search term")
        else:
            self.terms = load_search_terms()
        self.page_size = (
            _positive_int("page_size", page_size, self.max_page_size)
            if page_size is not None
            else type(self).page_size
        )
        self._max_pages = _positive_int("max_pages", max_pages) if max_pages is not None else None

    @property
    def max_pages(self) -> int:
        return self._max_pages or self.settings.getint("MLJOBS_MAX_PAGES", 10)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        reason = not_configured(type(self), self.settings)
        if reason:
            self.crawler.stats.set_value("mljobs/not_configured", 1)
            self.logger.warning('%s: skipped, %s (see README, "Sources")', self.name, reason)
            return
        for term in self.terms:
            yield self.search_request(term, 0)

    def search_request(self, term: str, page: int) -> scrapy.Request:
        """The request for page ``page`` (0-based) of the search for ``term``."""
        raise NotImplementedError

    def on_listed(self, ad_id: str, result: dict[str, Any], response: Response) -> Iterator[Any]:
        """What a search result whose listing is new or changed yields (``response``: its
        search page): its item (through :meth:`post_processed`), or a request for its
        details."""
        raise NotImplementedError

    def parse(self, response: Response, term: str, page: int) -> Iterator[Any]:
        """One search page: each new or changed result (see :meth:`on_listed`), then the next
        page while the total says more remain (at most ``max_pages``). A page that is not
        JSON, or has no results list, is counted (``malformed_json``, ``unexpected_shape``);
        each result goes through :meth:`pre_process` first; a result without an id, or whose
        repair or item/request cannot be made (:meth:`pre_process` or :meth:`on_listed`
        raises), is counted as ``malformed_posting`` and the page goes on."""
        data = self.decode(response)
        if data is None:
            return
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            self.crawler.stats.inc_value("mljobs/dropped/unexpected_shape")
            self.logger.error("%s: %s has no results list", self.name, redact(response.url))
            return
        scope = f"the search for {term!r}"
        for result in results:
            if isinstance(result, dict):
                ad = str(result.get(self.id_field))
                result = self.record_item(self.pre_process, result, ad=ad, scope=scope)
                if result is None:
                    continue
            if not isinstance(result, dict) or result.get(self.id_field) in (None, ""):
                self.crawler.stats.inc_value("mljobs/dropped/malformed_posting")
                continue
            ad_id = str(result[self.id_field])
            if self.incremental.listed(ad_id, fingerprint(result, ignore=self.volatile_fields)):
                made = self.record_item(
                    self._on_listed_all, ad_id, result, response, ad=ad_id, scope=scope
                )
                yield from (r for r in made or () if r is not None)
        total = data.get(self.total_field)
        if (
            results
            and isinstance(total, int)
            and (page + 1) * self.page_size < total
            and page + 1 < self.max_pages
        ):
            yield self.search_request(term, page + 1)

    def _on_listed_all(self, ad_id: str, result: dict[str, Any], response: Response) -> list[Any]:
        return list(self.on_listed(ad_id, result, response))

    def decode(self, response: Response) -> Any:
        """The JSON body of ``response``, or ``None`` (counted as
        ``mljobs/dropped/malformed_json`` and logged) when it is not JSON."""
        try:
            return json.loads(response.text)
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError) as exc:
            self.crawler.stats.inc_value("mljobs/dropped/malformed_json")
            self.logger.error(
                "%s: malformed JSON from %s (%s)", self.name, redact(response.url), exc
            )
            return None
