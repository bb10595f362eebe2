"""ATS boards with bad postings: a posting without an id is dropped (``missing_id``) instead of
colliding with another under ``<slug>:None``; a posting that breaks its parser is dropped alone
(``malformed_posting``), logged with its id and board, and the rest of the board goes on."""

from __future__ import annotations

import copy
import json
import logging

import pytest
from scrapy.http import TextResponse

from crawler.bases.adzuna import AdzunaApiSpider
from crawler.bases.ashby import AshbyBoardSpider
from crawler.bases.ats import Board
from crawler.bases.greenhouse import GreenhouseBoardSpider
from crawler.bases.lever import LeverBoardSpider
from crawler.bases.reed import ReedApiSpider
from crawler.bases.workable import WorkableBoardSpider
from spiders.ashby import AshbySpider
from spiders.greenhouse import GreenhouseSpider
from spiders.lever import LeverSpider
from spiders.workable import WorkableSpider
from tests.conftest import FIXTURES
from tests.spiders.helpers import build

# spider, fixture, the postings' place in the decoded body, the id field, board
VENDORS = [
    (
        GreenhouseSpider,
        "greenhouse/monzo_jobs.json",
        "jobs",
        "id",
        Board("greenhouse", "monzo", "Monzo"),
    ),
    (
        LeverSpider,
        "lever/example_postings.json",
        None,
        "id",
        Board("lever", "example", "Example Ltd"),
    ),
    (
        AshbySpider,
        "ashby/example_board.json",
        "jobs",
        "id",
        Board("ashby", "example", "Example AI"),
    ),
    (
        WorkableSpider,
        "workable/example_account.json",
        "jobs",
        "shortcode",
        Board("workable", "example-robotics", "Example Robotics"),
    ),
]


def board_response(body: object, url: str = "https://ats.example/board") -> TextResponse:
    return TextResponse(url=url, body=json.dumps(body).encode(), encoding="utf-8")


def postings_of(data: object, key: str | None) -> list:
    return data if key is None else data[key]


def parse(spider_cls, body, board):
    spider = build(spider_cls)
    items = list(spider.parse(board_response(body), board=board))
    return spider, items


@pytest.mark.parametrize(
    "spider_cls, fixture, key, id_field, board", VENDORS, ids=[v[0].name for v in VENDORS]
)
def test_postings_without_id_are_dropped_not_merged(spider_cls, fixture, key, id_field, board):
    data = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    good = postings_of(data, key)
    expected = [f"{board.slug}:{p[id_field]}" for p in good]
    no_id, blank_id, missing = (copy.deepcopy(good[0]) for _ in range(3))
    no_id[id_field] = None
    blank_id[id_field] = " "
    del missing[id_field]
    postings = [no_id, *good, blank_id, missing]
    body = postings if key is None else {**data, key: postings}
    spider, items = parse(spider_cls, body, board)
    assert [i["source_id"] for i in items] == expected
    stats = spider.crawler.stats
    assert stats.get_value("mljobs/dropped/missing_id") == 3
    assert stats.get_value("mljobs/listed") == len(expected)
    assert spider.incremental.scopes == {
        f"{board.ats}:{board.slug}:": {f"{board.ats}:{s}" for s in expected}
    }


LEVER_BOARD = Board("lever", "example", "Example Ltd")


def lever_postings() -> list[dict]:
    return json.loads((FIXTURES / "lever/example_postings.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "field, value",
    [
        ("categories", "Engineering"),  # a string where an object is expected
        ("salaryRange", [65000, 80000]),  # a list where an object is expected
    ],
)
def test_a_malformed_posting_is_dropped_alone(field, value, caplog):
    good = lever_postings()
    bad = copy.deepcopy(good[0])
    bad["id"] = "bad-posting-1"
    bad[field] = value
    spider = build(LeverSpider)
    with caplog.at_level(logging.ERROR):
        items = list(spider.parse(board_response([bad, *good]), board=LEVER_BOARD))
    assert [i["source_id"] for i in items] == [f"example:{p['id']}" for p in good]
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1
    [record] = [r for r in caplog.records if "malformed" in r.getMessage()]
    assert "example:bad-posting-1" in record.getMessage()
    assert "board example" in record.getMessage()
    # the board was read to its end and still lists the malformed posting: its held ad (if
    # any) does not expire, and its fingerprint is not kept, so it is tried again next crawl
    assert spider.incremental.scopes["lever:example:"] == {"lever:example:bad-posting-1"} | {
        f"lever:example:{p['id']}" for p in good
    }
    assert "lever:example:bad-posting-1" not in spider.incremental.pending


def test_a_failing_post_process_hook_forgets_the_listing_fingerprint():
    class Fragile(LeverSpider):
        def post_process(self, item, response, raw):
            if raw["id"] == "bad-posting-2":
                raise KeyError("team")
            return item

    good = lever_postings()
    bad = dict(copy.deepcopy(good[0]), id="bad-posting-2")
    spider = build(Fragile)
    items = list(spider.parse(board_response([*good, bad]), board=LEVER_BOARD))
    assert len(items) == len(good)
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1
    assert spider.crawler.stats.get_value("mljobs/listed") == len(good) + 1
    assert "lever:example:bad-posting-2" not in spider.incremental.pending
    assert set(spider.incremental.pending) == {f"lever:example:{p['id']}" for p in good}


def test_a_post_process_drop_is_still_counted():
    class Picky(LeverSpider):
        def post_process(self, item, response, raw):
            return None

    spider = build(Picky)
    assert list(spider.parse(board_response(lever_postings()), board=LEVER_BOARD)) == []
    assert spider.crawler.stats.get_value("mljobs/dropped/post_process") == 2
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") is None


def test_a_non_object_posting_is_still_counted():
    spider, items = parse(LeverSpider, ["not a posting", *lever_postings()], LEVER_BOARD)
    assert len(items) == 2
    assert spider.crawler.stats.get_value("mljobs/dropped/malformed_posting") == 1


@pytest.mark.parametrize(
    "cls",
    [
        GreenhouseBoardSpider,
        LeverBoardSpider,
        AshbyBoardSpider,
        WorkableBoardSpider,
        ReedApiSpider,
        AdzunaApiSpider,
    ],
)
def test_vendor_bases_document_their_ids_and_fields(cls):
    doc = " ".join((vars(cls).get("__doc__") or "").split())
    assert "source_id" in doc  # the ids
    assert "-> title" in doc and "-> description" in doc  # which field becomes which
