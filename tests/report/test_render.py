"""Report outputs: files, escaping of ad text, the too-few rule in pages (the CLI command:
tests/cli/test_report.py)."""

from __future__ import annotations

import json
import re

import pytest

from report.build import ReportSettings, build_report
from report.charts import CHARTS
from report.render import md_escape, slugify, write_report
from report.safety import safe_export
from tests.report.conftest import fixture_ads, make_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    db = make_db(fixture_ads())
    result = write_report(db, out, ReportSettings(min_count=3))
    return out, result, db


def table(html: str, table_id: str) -> str:
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S)
    assert match, table_id
    return match.group(1)


def test_files_written(site):
    out, result, _ = site
    expected = {
        "report.json",
        "index.html",
        "index.md",
        "role/ml-engineer.html",
        "role/data-scientist.md",
        "city/london.html",
        "city/manchester.md",
        "city/edinburgh.html",
        "region/scotland.html",
        "region/north-west.md",
    }
    expected |= {f"charts/{name}.{ext}" for name in CHARTS for ext in ("png", "svg")}
    assert expected <= set(result["files"])
    for name in expected:
        assert (out / name).stat().st_size > 0, name
    assert (out / "charts/trend.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (out / "charts/hub_premiums.svg").read_bytes()[:2000]


def test_json_is_the_report(site):
    out, result, db = site
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # the report as built, made safe to publish (report.safety): the fixture's javascript:
    # link is dropped
    assert saved == json.loads(
        json.dumps(safe_export(build_report(db, ReportSettings(min_count=3))), default=str)
    )
    assert "javascript:" not in (out / "report.json").read_text(encoding="utf-8")
    assert saved["provenance"]["sources"][0] == {
        "source": "fx",
        "ads": 14,
        "salaries": 10,
        "first_posted": "2024-01-15",
        "last_posted": "2025-02-13",
    }
    assert saved["provenance"]["normalizer_versions"] == [{"normalizer_version": "test", "ads": 14}]


def test_ad_text_is_escaped_in_html(site):
    out, _, _ = site
    pages = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }
    for name, html in pages.items():
        assert SCRIPT not in html, name
        assert "<script" not in html.lower(), name
        assert "javascript:" not in html, name
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escaped in table(pages["index.html"], "top-employers-table")
    assert pages["city/london.html"].count(escaped) >= 2  # employer list and the ad's title


def test_ad_text_is_escaped_in_markdown(site):
    out, _, _ = site
    index = (out / "index.md").read_text(encoding="utf-8")
    assert md_escape(SCRIPT) == r"\<script\>alert(1)\</script\>"
    assert md_escape(SCRIPT) in index and SCRIPT not in index


def test_too_few_cells_show_no_figure(site):
    out, _, _ = site
    edinburgh = (out / "city/edinburgh.html").read_text(encoding="utf-8")
    headline = table(edinburgh, "headline")
    assert "too few ads (1 salaries)" in headline and "£" not in headline
    index = (out / "index.html").read_text(encoding="utf-8")
    rows = table(index, "regions-table")
    scotland = rows[rows.index("Scotland") :]
    scotland = scotland[: scotland.index("</tr>")]
    assert "too few ads" in scotland and "£" not in scotland
    london = table(index, "headline")
    assert "<strong>£57,500</strong>" in london  # the UK median, by hand in test_build


def test_markdown_headline_by_hand(site):
    out, _, _ = site
    lines = (out / "index.md").read_text(encoding="utf-8").splitlines()
    uk = next(line for line in lines if line.startswith("| UK, all ML roles |"))
    cells = [c.strip() for c in uk.strip("|").split("|")]
    assert cells[:13] == [
        "UK, all ML roles",
        "14",
        "10",
        "71.4%",
        "7",
        "**£57,500**",
        cells[6],
        cells[7],
        "£61,500",
        "£44,500",
        "£50,000",
        "£68,750",
        "£82,000",
    ]
    assert len(cells) == 16


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Newcastle upon Tyne", "newcastle-upon-tyne"),
        ("St. Albans", "st-albans"),
        ("Ae", "ae"),
        ("!!!", "page"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
