"""The dump importer as a Scrapy spider: it reads a local file and yields its ads as items
through the same normalize and store pipelines (and stats) as crawls.

``mljobs import`` runs the same reader and pipelines without a crawl
(``crawler.import_run.run_import``); this spider is that path inside a Scrapy process (e.g.
``scrapy crawl import -a path=... -a format=csv``) and the yardstick of
``bench/import_path.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy

from crawler.imports import import_items
from crawler.items import JobAdItem


class FileImportSpider(scrapy.Spider):
    """Yields one :class:`JobAdItem` per good record of ``path`` (see
    ``crawler.imports.import_items`` for what is counted and logged).
    """

    name = "import"
    #: A dump's "Posted today" is relative to a scrape time the file does not give.
    relative_dates_base = None
    custom_settings = {"ROBOTSTXT_OBEY": False}

    def __init__(
        self,
        path: str,
        format: str,
        source: str | None = None,
        mapping: dict[str, str] | None = None,
        encoding: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.path, self.format, self.source, self.mapping = path, format, source, mapping or {}
        self.encoding = encoding

    async def start(self) -> AsyncIterator[JobAdItem]:
        for fields in import_items(
            self.path,
            self.format,
            self.source,
            self.mapping,
            self.crawler.stats,
            self.logger,
            self.encoding,
        ):
            yield JobAdItem(**fields)
