"""Exported text is safe to open (issue 12): only http(s) links in report.json and the pages,
no formula cells in CSV, no bidi overrides in displayed text (pages and the CLI's tables)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from report.render import write_report
from report.safety import csv_cell, display_text, safe_export, safe_url, write_csv
from tests.report.conftest import fixture_ads, make_db
from tests.utils import mljobs

RLO = "\u202e"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/a", "HTTP://example.org/a"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("/relative/path", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x","cv")', '\'=HYPERLINK("http://x","cv")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("London", "London"),
        (f"{RLO}=1", "'=1"),
        (-5, -5),
        (57500.5, 57500.5),
        (None, None),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def test_display_text_and_safe_export():
    assert display_text(f"Evil{RLO}gpj.exe\u2066x\u2069\u200f") == "Evilgpj.exex"
    assert safe_export(
        {"url": "javascript:x", "apply_url": "data:x", "title": f"a{RLO}b", "n": [1, None]}
    ) == {"url": None, "apply_url": None, "title": "ab", "n": [1, None]}


def test_write_csv_neutralises_every_cell():
    out = io.StringIO()
    write_csv([{"group": "=cmd|' /C calc'!A0", "median": 50000}], ["group", "median"], out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["group", "median"],
        ["'=cmd|' /C calc'!A0", "50000"],
    ]


def test_report_keeps_only_http_links_and_no_bidi_override(tmp_path):
    ads = fixture_ads()
    ads[0]["url"] = "javascript:alert(1)"
    ads[1]["url"] = "data:text/html,<script>alert(1)</script>"
    ads[2]["company"] = f"Evil{RLO}proC"
    write_report(make_db(ads), tmp_path, charts=False)
    report = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert report.count('"url": "https://example.org/') > 0
    for path in [p for p in tmp_path.rglob("*") if p.is_file()]:
        text = path.read_text(encoding="utf-8")
        assert "javascript:" not in text and "data:text" not in text, path
        assert RLO not in text, path
    assert "EvilproC" in report


def test_benchmarks_csv_and_table_are_safe(tmp_path):
    ads = []
    for n, city in enumerate(("=SUM(1+1)", f"Lon{RLO}don")):
        for i in range(10):
            ads.append(
                {
                    "source": "fx",
                    "source_id": f"{n}-{i}",
                    "title": "ML Engineer",
                    "city": city,
                    "role": "ml_engineer",
                    "is_ml": True,
                    "is_uk": True,
                    "employment_type": "permanent",
                    "salary_annual_mid": 50_000.0 + 1_000 * i,
                    "skills": [],
                }
            )
    db = Path(tmp_path / "mljobs.db")
    make_db(ads, db).close()
    result = mljobs("benchmarks", "--by", "city", "--csv", db=db)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["group"] for r in rows) == ["'=SUM(1+1)", "London"]
    assert {r["median"] for r in rows} == {"54500"}
    table = mljobs("benchmarks", "--by", "city", db=db).stdout
    assert RLO not in table and "London" in table and "=SUM(1+1)" in table
