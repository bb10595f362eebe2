"""The report as a small website: links that work from file://, count links to the ads behind
each figure, and pages that fit a laptop (1280 px) and a phone (390 px) in headless Chromium.

The browser tests drive Debian's ``chromium`` through Playwright (``pip install playwright``,
no browser download: ``executable_path``); they skip, saying why, where either is missing.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from report.build import ReportSettings
from report.render import write_report
from tests.report.conftest import fixture_ads, make_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGES = ("index", "role/ml-engineer", "city/london", "role-city/ml-engineer--london")
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    db = make_db(fixture_ads())
    write_report(db, out, ReportSettings(min_count=3))
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def test_every_local_link_resolves(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for page in pages:
        for link in links(page.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue
            assert parts.scheme == "" and not link.startswith("/"), (page, link)  # relative only
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (page.relative_to(site), link)
            checked += 1
    assert checked > 500


def test_counts_link_to_the_ads_behind_them(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    headline = re.search(r'<table id="headline">(.*?)</table>', index, re.S).group(1)
    uk_row = headline[headline.index("UK, all ML roles") :]
    href = re.search(r'<a href="(ads/[0-9a-f]{16}\.html)"[^>]*>14</a>', uk_row).group(1)
    listing = (site / href).read_text(encoding="utf-8")
    table = re.search(r'<table id="ads">(.*?)</table>', listing, re.S).group(1)
    assert table.count("<tr>") == 1 + 14  # header + the 14 UK ML ads
    assert "14 ad(s)" in listing
    # title, employer, place, salary, source link; only http(s) links are kept
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table and "<script" not in listing
    assert "javascript:" not in listing
    assert '<a href="https://example.org/L1" rel="nofollow noopener">fx</a>' in table
    assert "London, London" in table and "£60,000" in table
    # the London page's count of ML engineers lists exactly its 6 ads
    london = (site / "city/london.html").read_text(encoding="utf-8")
    row = london[london.index(">ML engineer</a>") :]
    href = re.search(r'<a href="\.\./(ads/[0-9a-f]{16}\.html)"[^>]*>6</a>', row).group(1)
    assert (site / href).read_text(encoding="utf-8").count("<tr><td>") == 6


def test_nav_stylesheet_and_role_city_pages(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="style.css">' in index
    assert (site / "style.css").stat().st_size > 500
    assert '<nav class="site-nav"' in index and 'href="role/ml-engineer.html"' in index
    assert 'href="role-city/ml-engineer--manchester.html"' in index
    page = (site / "role-city/ml-engineer--london.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../style.css">' in page
    assert "ML engineer in London: market intelligence" in page
    role_ranks = re.search(r'<table id="role-rankings">(.*?)</table>', index, re.S).group(1)
    assert "ML engineer" in role_ranks and "same" in role_ranks  # rank 1 then and now


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (Debian: apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, url: str, width: int):
    """A page at ``url`` in a ``width`` px viewport, with the console messages, page errors and
    failed requests it produced."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


WIDTH_JS = "[document.documentElement.scrollWidth, window.innerWidth]"


def test_the_checks_can_fail(browser, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><meta name="viewport" content="width=device-width">'
        '<div style="width:900px">wide</div><script>console.error("boom")</script>',
        encoding="utf-8",
    )
    page, problems = open_page(browser, bad.as_uri(), 390)
    scroll, inner = page.evaluate(WIDTH_JS)
    assert inner == 390 and scroll >= 900  # the 900 px box (plus the body margin)
    assert problems == ["console error: boom"]
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_without_errors(browser, site, name, width, tmp_path):
    page, problems = open_page(browser, (site / f"{name}.html").as_uri(), width)
    scroll, inner = page.evaluate(WIDTH_JS)
    assert inner == width
    assert scroll <= inner, f"{name} at {width} px: page is {scroll} px wide"
    assert problems == []
    # the stylesheet applied (navigation bar colour) and every chart image loaded
    nav = page.evaluate("getComputedStyle(document.querySelector('nav')).backgroundColor")
    assert nav == "rgb(13, 43, 69)"
    images = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
    assert all(images) and (len(images) == 5 if name == "index" else True)
    shot = Path(tmp_path / "shot.png")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def test_ads_pages_are_capped_and_say_so(report_db):
    from report.render import list_ads

    query = {"sql": "SELECT id, salary, day_rate FROM ml_ads", "params": []}
    rows, total = list_ads(report_db, query, limit=3)
    assert total == 14 and [r["id"] for r in rows] == ["fx:L7", "fx:L6", "fx:L5"]  # newest
    rows, total = list_ads(report_db, query)
    assert total == len(rows) == 14 and rows[-1]["id"] == "fx:U1"  # undated last


def test_ads_pages_leave_the_database_as_it_was(tmp_path):
    path = tmp_path / "m.db"
    db = make_db(fixture_ads(), path)
    before = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    result = write_report(db, tmp_path / "site", ReportSettings(min_count=3), charts=False)
    assert sum(f.startswith("ads/") for f in result["files"]) > 50
    assert db.execute("SELECT count(*) FROM sqlite_temp_master").fetchone() == (0,)
    assert db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == (
        before
    )
    assert db.execute("SELECT count(*) FROM ml_ads").fetchone() == (14,)  # the view again
