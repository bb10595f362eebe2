"""Soak (issue 12, bounded, local files only): a 20,000-row `mljobs import` while readers loop
over the database (the CLI's `benchmarks`, a plain `sqlite3` connection, a read-only URI
connection as Datasette opens one) and a second writer tries to start: 0 ads lost, the second
writer exits 75, no reader ever fails."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import threading
import time

from tests.utils import ROOT, mljobs

ROWS = 20_000


def _dump(path):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "company", "location", "salary", "description"])
        for i in range(ROWS):
            writer.writerow(
                [i, f"Machine Learning Engineer {i % 50}", f"Co {i % 300}",
                 ("London", "Leeds", "Bristol")[i % 3], f"£{50 + i % 40},000 per year",
                 "Build and deploy ML models in Python. " * 5]
            )  # fmt: skip


def test_import_with_readers_and_a_second_writer(tmp_path):
    dump = tmp_path / "ads.csv"
    _dump(dump)
    db = tmp_path / "mljobs.db"
    mljobs(
        "import", str(dump), "--format", "csv", "--source", "seed", "--map", "source_id=id", db=db
    )  # fmt: skip  (creates the schema; its ads are not counted below)
    command = [sys.executable, "-m", "cli", "--db", str(db), "--log-level", "WARNING"]
    writer = subprocess.Popen(
        [*command, "import", str(dump), "--format", "csv", "--source", "soak"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    errors: list[str] = []
    reads = {"sqlite3": 0, "readonly": 0, "cli": 0}
    deadline = time.monotonic() + 300

    def loop(name, read):
        while writer.poll() is None and time.monotonic() < deadline:
            try:
                read()
                reads[name] += 1
            except Exception as exc:  # any failure of a reader is the defect
                errors.append(f"{name}: {exc!r}")
            time.sleep(0.05)

    def plain():
        with sqlite3.connect(db, timeout=5) as conn:
            conn.execute("SELECT count(*), avg(salaries) FROM bench_city").fetchall()

    def readonly():
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM ads WHERE source = 'soak'").fetchone()
        finally:
            conn.close()

    def cli():
        result = mljobs("benchmarks", "--by", "city", "--json", db=db, check=False)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-300:])

    threads = [
        threading.Thread(target=loop, args=(n, f))
        for n, f in (("sqlite3", plain), ("readonly", readonly), ("cli", cli))
    ]
    for t in threads:
        t.start()
    time.sleep(1.0)
    second = mljobs("import", str(dump), "--format", "csv", db=db, check=False)
    out, err = writer.communicate(timeout=600)
    for t in threads:
        t.join(timeout=120)
    assert writer.returncode == 0, err[-2000:]
    assert second.returncode == 75, second.stderr[-500:]
    assert "another run holds" in second.stderr or "lock" in second.stderr
    assert errors == []
    assert all(n >= 1 for n in reads.values()), reads
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM ads WHERE source = 'soak'").fetchone() == (ROWS,)
