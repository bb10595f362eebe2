"""The shared base of the applicant-tracking-system (ATS) board spiders.

An ATS board is one employer's public job board on a vendor's JSON API. The boards to crawl are
data: ``spiders/data/ats_boards.csv`` (``ats,slug,company,verified,notes``), reviewed by hand.
A concrete vendor base sets ``ats`` and ``board_url`` and turns one posting into an item in
``parse_posting``; subclasses may override the hooks ``pre_process(raw)`` (repair a source's raw
record) and ``post_process(item, response, raw)`` (enrich, or return ``None`` to drop, which is
counted as ``mljobs/dropped/post_process``).

Boards list everything: a re-crawl yields only the postings whose record changed (the others are
touched, see :mod:`crawler.bases.incremental`), and a board read completely expires the held
postings it no longer lists. A board that fails (HTTP error after retries, malformed JSON, a
response of an unexpected shape) expires nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawler.bases.incremental import IncrementalSpider, fingerprint
from crawler.items import JobAdItem

BOARDS_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "ats_boards.csv"


@dataclass(frozen=True)
class Board:
    """One employer's board on an ATS: the vendor's slug and the employer's display name."""

    ats: str
    slug: str
    company: str
    verified: bool = True


@cache
def load_boards(path: Path = BOARDS_FILE) -> tuple[Board, ...]:
    """Every board in the reviewed boards file, in file order.

    Raises ``ValueError`` naming the line when a row lacks ``ats``, ``slug`` or ``company``.
    """
    boards = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if not (row.get("ats") and row.get("slug") and row.get("company")):
                raise ValueError(f"{path}:{line}: a board needs ats, slug and company: {row}")
            boards.append(Board(row["ats"].strip(), row["slug"].strip(), row["company"].strip(),
                                (row.get("verified") or "").strip().lower() == "yes"))
    return tuple(boards)


class AtsBoardSpider(IncrementalSpider):
    """Base of one ATS vendor's spider: one listing request per board, one item per posting.

    Spider argument ``boards`` (comma-separated slugs) limits the crawl to those boards; an
    unknown slug raises ``ValueError`` when the spider is built. Each item's ``source`` is the
    vendor (``greenhouse``...) and ``source_id`` is ``<board slug>:<posting id>``.
    """

    ats: ClassVar[str] = ""
    #: Listing URL template with ``{slug}``.
    board_url: ClassVar[str] = ""
    lists_everything = True

    def __init__(self, *args: Any, boards: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.source = self.ats
        known = {b.slug: b for b in load_boards() if b.ats == self.ats}
        if boards:
            wanted = [s.strip() for s in boards.split(",") if s.strip()]
            unknown = [s for s in wanted if s not in known]
            if unknown:
                raise ValueError(
                    f"{self.ats}: unknown board(s) {unknown}; add them to {BOARDS_FILE}")
            self.boards = tuple(known[s] for s in wanted)
        else:
            self.boards = tuple(known.values())

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.load_listings()
        for board in self.boards:
            yield scrapy.Request(self.board_url.format(slug=board.slug), callback=self.parse,
                                 errback=self.request_failed, cb_kwargs={"board": board})

    def parse(self, response: Response, board: Board) -> Iterator[JobAdItem]:
        stats = self.crawler.stats
        try:
            data = json.loads(response.text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            stats.inc_value("mljobs/dropped/malformed_json")
            self.logger.error("%s: malformed JSON from %s (%s)", self.ats, response.url, exc)
            return
        postings = self.postings(data)
        if postings is None:
            stats.inc_value("mljobs/dropped/unexpected_shape")
            self.logger.error("%s: %s is not a board listing (top level %s)", self.ats,
                              response.url, type(data).__name__)
            return
        listed = []
        for raw in postings:
            if not isinstance(raw, dict):
                stats.inc_value("mljobs/dropped/malformed_posting")
                continue
            raw = self.pre_process(raw)
            item = self.parse_posting(raw, board)
            listed.append(item["source_id"])
            if not self.listed(item["source_id"], fingerprint(raw)):
                continue
            item = self.post_process(item, response, raw)
            if item is None:
                stats.inc_value("mljobs/dropped/post_process")
                continue
            yield item
        self.listing_complete(f"{board.slug}:", listed)

    # --- what a vendor base defines -------------------------------------------------------
    def postings(self, data: Any) -> list[Any] | None:
        """The list of posting records in a decoded listing response, or ``None`` when the
        response does not have the listing's shape (nothing of the board then expires)."""
        raise NotImplementedError

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        """One posting record -> an item of raw strings, as the API gave them."""
        raise NotImplementedError

    # --- hooks for concrete spiders --------------------------------------------------------
    def pre_process(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Repair a source's raw posting record before it is read. Default: unchanged."""
        return raw

    def post_process(self, item: JobAdItem, response: Response,
                     raw: dict[str, Any]) -> JobAdItem | None:
        """Enrich an item, or return ``None`` to drop it (counted). Default: unchanged."""
        return item


def text(value: Any) -> str | None:
    """A raw API value as a string (``None`` stays ``None``; numbers keep their digits)."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
