"""The dump importer: a spider that reads a local file and yields its ads as items, so that
imports go through the same normalize and store pipelines (and stats) as crawls."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import scrapy

from crawler.imports import ImportFileError, RowProblem, read_ads
from crawler.items import JobAdItem


class FileImportSpider(scrapy.Spider):
    """Yields one :class:`JobAdItem` per record of ``path`` (see ``crawler.imports``).

    A malformed record is logged with its row and counted as
    ``mljobs/dropped/malformed_row``; the good records still land. A file that cannot be read
    at all is logged as an error and counted as ``mljobs/import/file_error``. ``progress(n)``,
    when given, is called once per record read, with ``n`` = 1 (a progress bar's hook).
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
        progress: Callable[[int], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.path, self.format, self.source, self.mapping = path, format, source, mapping or {}
        self.progress = progress or (lambda n: None)  # called once per record read

    async def start(self) -> AsyncIterator[JobAdItem]:
        stats = self.crawler.stats
        try:
            for record in read_ads(self.path, self.format, self.source, self.mapping):
                stats.inc_value("mljobs/import/records")
                self.progress(1)
                if isinstance(record, RowProblem):
                    stats.inc_value("mljobs/dropped/malformed_row")
                    self.logger.warning("%s: %s", self.path, record)
                    continue
                yield JobAdItem(**record)
        except ImportFileError as exc:
            stats.inc_value("mljobs/import/file_error")
            self.logger.error("%s", exc)
