"""The reviewed ATS boards file: well-formed, one row per board, every vendor has a spider."""

from __future__ import annotations

import csv

from crawler.bases.ats import BOARDS_FILE, load_boards
from crawler.runner import spider_names


def test_boards_file_is_well_formed():
    with BOARDS_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["verified"] for r in rows} == {"yes", "no"}
    assert all(r["notes"] for r in rows)  # every row says why it is there
    keys = [(r["ats"], r["slug"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert {r["ats"] for r in rows} <= set(spider_names(enabled_only=False))
    assert len(load_boards()) == len(rows)


def test_every_vendor_has_boards():
    counts = {}
    for board in load_boards():
        counts[board.ats] = counts.get(board.ats, 0) + 1
    assert set(counts) == {"greenhouse", "lever", "ashby", "workable"}
    assert all(n >= 5 for n in counts.values())
