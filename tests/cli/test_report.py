"""``mljobs report``: options, output line and a missing database."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli.main import main
from tests.report.conftest import fixture_ads, make_db


def test_cli_report(tmp_path):
    path = tmp_path / "mljobs.db"
    make_db(fixture_ads(), path).conn.close()
    out = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["--db", str(path), "report", "--out", str(out), "--min-count", "3", "--no-charts"]
    )
    assert result.exit_code == 0, result.output
    assert "14 ML vacancies, 10 with a salary" in result.output
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["settings"]["min_count"] == 3
    assert (out / "index.html").exists() and not (out / "charts").exists()
    missing = CliRunner().invoke(
        main, ["--db", str(tmp_path / "none.db"), "report", "--out", str(out)]
    )
    assert missing.exit_code == 1 and "no database" in missing.output
