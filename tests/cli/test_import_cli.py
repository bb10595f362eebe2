"""``mljobs import`` on the command line: the summary names the columns read and ignored,
--encoding, and clear exits for files that hold no ads."""

from __future__ import annotations

import sqlite3

from tests.conftest import FIXTURES
from tests.utils import mljobs

IMPORTS = FIXTURES / "imports"


def test_summary_names_columns_used_and_ignored(tmp_path):
    result = mljobs(
        "import", str(IMPORTS / "split_place.csv"), "--format", "csv", db=tmp_path / "x.db"
    )
    lines = result.stderr.strip().splitlines()
    assert lines[-2].endswith(
        "split_place.csv: 2 records read; import: 2 ads (2 new, 0 updated, 0 unchanged, "
        "0 expired), 0 dropped, 0 errors, 0 responses"
    )
    assert lines[-1].endswith(
        "split_place.csv: columns used: title=Job Title, company=Employer, "
        "location=Town+County+Postcode+Country, salary=Pay; ignored: Closing Date, Notes; "
        "encoding utf-8 (detected)"
    )


def test_encoding_option_is_used_and_recorded(tmp_path):
    db = tmp_path / "x.db"
    result = mljobs(
        "import",
        str(IMPORTS / "board_cp1252.csv"),
        "--format",
        "csv",
        "--encoding",
        "cp1252",
        db=db,
    )
    assert "encoding cp1252;" in result.stderr or result.stderr.rstrip().endswith("encoding cp1252")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT company FROM ads ORDER BY title").fetchall() == [
            ("Zoë Data plc",),
            ("Café Analytics Ltd",),
        ]


def test_unknown_encoding_is_a_usage_error(tmp_path):
    result = mljobs(
        "import",
        str(IMPORTS / "board_cp1252.csv"),
        "--format",
        "csv",
        "--encoding",
        "klingon",
        db=tmp_path / "x.db",
        check=False,
    )
    assert result.returncode == 2
    assert "unknown encoding 'klingon'" in result.stderr


def test_empty_json_exits_non_zero_with_a_message(tmp_path):
    result = mljobs(
        "import",
        str(IMPORTS / "empty.json"),
        "--format",
        "scrapy-json",
        db=tmp_path / "x.db",
        check=False,
    )
    assert result.returncode == 1
    assert "empty.json: empty file, no JSON records" in result.stderr


def test_an_empty_json_array_says_0_ads(tmp_path):
    empty = tmp_path / "none.json"
    empty.write_text("[]\n", encoding="utf-8")
    result = mljobs("import", str(empty), "--format", "scrapy-json", db=tmp_path / "x.db")
    assert "none.json: 0 records read; import: 0 ads (0 new," in result.stderr
