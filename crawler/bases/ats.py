"""The shared base of the applicant-tracking-system (ATS) board spiders.

An ATS board is one employer's public job board on a vendor's JSON API. The boards to crawl are
data: ``spiders/data/ats_boards.csv`` (``ats,slug,company,host,verified,notes``; ``host``
empty for the vendor's default API host), reviewed by hand.
A concrete vendor base sets ``ats``, ``board_url`` and ``id_field`` and turns one posting into
an item in ``parse_posting``; subclasses may override the hooks ``pre_process(raw)`` (repair a
source's raw record) and ``post_process(item, response, raw)`` (enrich, or return ``None`` to
drop, which is counted as ``mljobs/dropped/post_process``).

A posting without an id (``None`` or blank) is dropped as ``mljobs/dropped/missing_id`` (two of
them would otherwise share one key and overwrite each other). A posting that raises in
``pre_process``, ``parse_posting`` or ``post_process`` (a Lever ``categories`` that is a string)
is dropped alone as ``mljobs/dropped/malformed_posting`` and logged with its id and board; the
rest of the board goes on, and the posting still counts as listed (its held ad does not expire).

Boards list everything: a re-crawl yields only the postings whose record changed (the others are
touched, see :mod:`crawler.incremental`), and a board read completely expires the held
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

from crawler.bases.spider import JobSpider
from crawler.incremental import fingerprint
from crawler.items import JobAdItem
from crawler.redaction import redact

BOARDS_FILE = Path(__file__).resolve().parents[2] / "spiders" / "data" / "ats_boards.csv"


@dataclass(frozen=True)
class Board:
    """One employer's board on an ATS: the vendor's slug, the employer's display name and the
    API host serving it (``""``: the vendor's default, e.g. Lever's EU boards answer at
    ``api.eu.lever.co``)."""

    ats: str
    slug: str
    company: str
    verified: bool = True
    host: str = ""


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
            boards.append(
                Board(
                    row["ats"].strip(),
                    row["slug"].strip(),
                    row["company"].strip(),
                    (row.get("verified") or "").strip().lower() == "yes",
                    (row.get("host") or "").strip(),
                )
            )
    return tuple(boards)


class AtsBoardSpider(JobSpider):
    """Base of one ATS vendor's spider: one listing request per board, one item per posting.

    Spider argument ``boards`` (comma-separated slugs) limits the crawl to those boards; an
    unknown slug raises ``ValueError`` when the spider is built. Each item's ``source`` is the
    spider's (its ``name``, the vendor: ``greenhouse``...) and ``source_id`` is
    ``<board slug>:<posting id>``.
    """

    ats: ClassVar[str] = ""
    #: Listing URL template with ``{slug}`` (and ``{host}``, for vendors with several hosts).
    board_url: ClassVar[str] = ""
    #: The API host of a board whose row names none.
    default_host: ClassVar[str] = ""
    #: The posting field holding the vendor's id of the posting.
    id_field: ClassVar[str] = "id"
    lists_everything = True

    def __init__(self, *args: Any, boards: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        known = {b.slug: b for b in load_boards() if b.ats == self.ats}
        if boards:
            wanted = [s.strip() for s in boards.split(",") if s.strip()]
            unknown = [s for s in wanted if s not in known]
            if unknown:
                raise ValueError(
                    f"{self.ats}: unknown board(s) {unknown}; add them to {BOARDS_FILE}"
                )
            self.boards = tuple(known[s] for s in wanted)
        else:
            self.boards = tuple(known.values())

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in self.boards:
            yield self.board_request(board)

    def board_request(self, board: Board, host: str | None = None) -> scrapy.Request:
        """The listing request of ``board``, at ``host`` (default: the board's, else the
        vendor's)."""
        url = self.board_url.format(slug=board.slug, host=host or board.host or self.default_host)
        return scrapy.Request(
            url, callback=self.parse, errback=self.board_failed, cb_kwargs={"board": board}
        )

    def board_failed(self, failure: Any) -> Any:
        """Errback of a listing request (after its retries): see :meth:`request_failed`; a
        vendor base may answer it with another request instead."""
        return self.request_failed(failure)

    def parse(self, response: Response, board: Board) -> Iterator[JobAdItem]:
        stats = self.crawler.stats
        try:
            data = json.loads(response.text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            stats.inc_value("mljobs/dropped/malformed_json")
            self.logger.error(
                "%s: malformed JSON from %s (%s)", self.ats, redact(response.url), exc
            )
            return
        postings = self.postings(data)
        if postings is None:
            stats.inc_value("mljobs/dropped/unexpected_shape")
            self.logger.error(
                "%s: %s is not a board listing (top level %s)",
                self.ats,
                redact(response.url),
                type(data).__name__,
            )
            return
        listed: list[str] = []
        scope = f"board {board.slug}"
        for raw in postings:
            if not isinstance(raw, dict):
                stats.inc_value("mljobs/dropped/malformed_posting")
                continue
            ad = self.posting_source_id(raw, board) or f"{board.slug}:?"
            item = self.record_item(
                self._posting_item, raw, board, response, listed, ad=ad, scope=scope
            )
            if item is not None:
                yield item
        self.incremental.listing_complete(f"{board.slug}:", listed)

    def _posting_item(
        self, raw: dict[str, Any], board: Board, response: Response, listed: list[str]
    ) -> JobAdItem | None:
        """One posting record -> its item, or ``None`` when it has no id (counted) or is
        unchanged since the last crawl; ``listed`` collects the board's source ids."""
        raw = self.pre_process(raw)
        source_id = self.posting_source_id(raw, board)
        if source_id is None:
            self.crawler.stats.inc_value("mljobs/dropped/missing_id")
            self.logger.warning(
                "%s: a posting of board %s has no %r, dropped (title %r)",
                self.ats,
                board.slug,
                self.id_field,
                raw.get("title"),
            )
            return None
        listed.append(source_id)  # before parsing: a malformed posting is still listed
        item = self.parse_posting(raw, board)
        if not self.incremental.listed(source_id, fingerprint(raw)):
            return None
        return self.post_processed(item, response, raw)

    def posting_source_id(self, raw: dict[str, Any], board: Board) -> str | None:
        """The ``source_id`` of a posting, ``<board slug>:<posting id>`` (the id is the
        ``id_field`` value as given), or ``None`` when the posting has no id (``None`` or
        blank)."""
        posting_id = raw.get(self.id_field)
        if posting_id is None or not str(posting_id).strip():
            return None
        return f"{board.slug}:{posting_id}"

    # --- what a vendor base defines -------------------------------------------------------
    def postings(self, data: Any) -> list[Any] | None:
        """The list of posting records in a decoded listing response, or ``None`` when the
        response does not have the listing's shape (nothing of the board then expires)."""
        raise NotImplementedError

    def parse_posting(self, raw: dict[str, Any], board: Board) -> JobAdItem:
        """One posting record -> an item of raw strings, as the API gave them."""
        raise NotImplementedError


def text(value: Any) -> str | None:
    """A raw API value as a string (``None`` stays ``None``; numbers keep their digits)."""
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
