"""The HTML index rendered by headless Chromium (Debian's ``chromium`` package).

Chromium prints every console message of the page to stderr as ``INFO:CONSOLE`` lines when
run with ``--enable-logging=stderr``; the report's pages have no scripts, so any such line is
a failure. A negative control page checks that the detection works.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from matplotlib import image

from report.build import ReportSettings
from report.render import write_report
from tests.report.conftest import fixture_ads, make_db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install -y chromium)"
)

CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium(url: str, profile, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("chromium-site")
    write_report(make_db(fixture_ads()), out, ReportSettings(min_count=3))
    return out


def test_console_detection_works(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><title>x</title><script>console.error('boom')</script>", encoding="utf-8"
    )
    result = chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert [line for line in result.stderr.splitlines() if CONSOLE.search(line)]


def test_index_renders_without_console_errors(site, tmp_path):
    result = chromium((site / "index.html").as_uri(), tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if CONSOLE.search(line)]
    assert console == []
    dom = result.stdout
    assert '<table id="headline">' in dom
    headline = dom[dom.index('<table id="headline">') :]
    headline = headline[: headline.index("</table>")]
    assert "UK, all ML roles" in headline and "£57,500" in headline
    # header, UK, UK excluding London, ML engineer, data scientist
    assert headline.count("<tr>") == 1 + 4
    assert "UK excluding London, all ML roles" in headline
    assert "<script" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_index_screenshot_is_not_blank(site, tmp_path):
    shot = tmp_path / "index.png"
    result = chromium(
        (site / "index.html").as_uri(),
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    pixels = image.imread(shot)
    assert pixels.shape[:2] == (2000, 1280)
    assert float(np.std(pixels[..., :3])) > 0.05  # text and tables, not a blank page


def test_every_image_of_the_index_exists(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert len(sources) == 5
    for src in sources:
        assert (site / src).is_file(), src
