"""An ad the store cannot write, even after its retries, makes the command exit non-zero and is
named (issue 12: an import used to say "3 dropped" and exit 0)."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

import crawler.pipelines
from cli.main import main


def test_an_ad_that_cannot_be_stored_fails_the_import_and_is_named(tmp_path, monkeypatch):
    dump = tmp_path / "ads.csv"
    dump.write_text(
        "id,title,company,location\n1,ML Engineer,Acme,Leeds\n2,Data Scientist,Acme,York\n"
        "3,AI Engineer,Beta,Leeds\n",
        encoding="utf-8",
    )
    real = crawler.pipelines.upsert_rows

    def upsert_failing_on_2(db, rows, seen_at=None):
        if any("dump:2" in row for row, _ in rows):  # the ad's key, its id column
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, rows, seen_at)

    monkeypatch.setattr(crawler.pipelines, "upsert_rows", upsert_failing_on_2)
    db = tmp_path / "mljobs.db"
    result = CliRunner().invoke(
        main,
        ["--db", str(db), "--log-level", "error", "import", str(dump), "--format", "csv",
         "--source", "dump"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "1 ad(s) could not be stored" in result.output
    assert "dump:2 not stored" in result.output  # the log names it
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM ads")}
    assert stored == {"dump:1", "dump:3"}  # the others of the batch are kept
