"""Time and peak memory of ``mljobs report`` on 100,000 and 1,000,000 ads scaled up from the
real corpus.

    .venv/bin/python bench/report.py [--source-db PATH] [--sizes 100000 1000000] [--ml-only]

1. The real corpus is imported once (``mljobs import`` of every corpus file, as
   tests/test_end_to_end.py does) into a cached database, unless ``--source-db`` names one.
2. For each size, a fresh database gets that many ads by copying the real ones with new ids
   (``<id>#<copy>``) through SQL; each copy is posted ``copy % 24`` months earlier, so the trend
   has two years of history. Only the columns the report reads are copied (no descriptions),
   and ``ad_skills`` rows are copied with their ads. ``--ml-only`` copies only the ML ads, so
   every ad of the database is in the report's population.
3. The report is built in a child process (build, then HTML/Markdown/JSON, then charts); the
   child prints its wall-clock times and its peak resident memory (``ru_maxrss``).

Prints one line per size and the ratio of the largest to the smallest run. Requirement
(issue 5): the 1M report takes no more than 12x the 100k one and stays under 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MLJOBS_CORPUS", ROOT.parent / "shared" / "corpus"))
COPIED = (
    "company",
    "url",
    "city",
    "county",
    "region",
    "country",
    "is_uk",
    "workplace",
    "role",
    "seniority",
    "is_ml",
    "employment_type",
    "salary_annual_min",
    "salary_annual_max",
    "salary_annual_mid",
    "day_rate_mid",
    "experience_min_years",
    "experience_max_years",
    "skills",
    "normalizer_version",
    "first_seen",
    "last_seen",
)


def load_corpus(db: Path) -> None:
    """Import every real corpus file of the main load into ``db`` with the project's own CLI."""
    sys.path.insert(0, str(ROOT))
    from crawler.corpus import import_corpus

    import_corpus(CORPUS, db, "main")


def scale(source: Path, target: Path, size: int, ml_only: bool) -> int:
    """Fill ``target`` (a new database) with ``size`` ads copied from ``source``."""
    sys.path.insert(0, str(ROOT))
    import sqlite_utils

    from db.schema import ensure_schema

    db = sqlite_utils.Database(target)
    ensure_schema(db)
    conn = db.conn
    for trigger in [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ads'"
        )
    ]:
        conn.execute(f"DROP TRIGGER {trigger}")  # full-text index: not read by the report
    conn.execute("ATTACH DATABASE ? AS src", [str(source)])
    where = "WHERE is_ml = 1" if ml_only else ""
    base = conn.execute(f"SELECT count(*) FROM src.ads {where}").fetchone()[0]
    columns = ", ".join(COPIED)
    with conn:
        for copy in range(math.ceil(size / base)):
            take = min(base, size - copy * base)
            conn.execute(
                f"INSERT INTO ads (id, source, source_id, title, posted_at, {columns}) "
                f"SELECT id || '#{copy}', source, source_id || '#{copy}', title, "
                f"CASE WHEN posted_at IS NULL THEN NULL "
                f"ELSE date(posted_at, '-{copy % 24} months') END, {columns} "
                f"FROM src.ads {where} ORDER BY id LIMIT {take}"
            )
            conn.execute(
                f"INSERT INTO ad_skills (ad_id, skill) SELECT s.ad_id || '#{copy}', s.skill "
                f"FROM src.ad_skills s WHERE s.ad_id IN "
                f"(SELECT id FROM src.ads {where} ORDER BY id LIMIT {take})"
            )
    conn.execute("DETACH DATABASE src")
    count = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    conn.execute("ANALYZE")
    conn.close()
    return count


def child(db_path: str, out: str) -> None:
    """Build and write the report; print timings and peak memory as JSON."""
    sys.path.insert(0, str(ROOT))
    import sqlite_utils

    from report.build import build_report
    from report.charts import write_charts
    from report.render import render

    db = sqlite_utils.Database(db_path)
    t0 = time.perf_counter()
    report = build_report(db)
    t1 = time.perf_counter()
    render(report, Path(out), db)  # with the ads pages, as mljobs report writes them
    t2 = time.perf_counter()
    write_charts(report, Path(out) / "charts")
    t3 = time.perf_counter()
    uk = report["cells"][0]
    print(
        json.dumps(
            {
                "build_s": t1 - t0,
                "render_s": t2 - t1,
                "charts_s": t3 - t2,
                "total_s": t3 - t0,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "ml_ads": uk["ads"],
                "salaries": uk["salaries"],
                "cells": len(report["cells"]),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-db", type=Path, help="A database of the real corpus.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--ml-only", action="store_true", help="Copy only ML ads.")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="mljobs-bench-") as tmp:
        tmp_path = Path(tmp)
        source = args.source_db
        if source is None:
            source = tmp_path / "corpus.db"
            started = time.perf_counter()
            load_corpus(source)
            print(f"real corpus imported in {time.perf_counter() - started:.1f}s", flush=True)
        results = {}
        for size in args.sizes:
            target = tmp_path / f"scaled-{size}.db"
            started = time.perf_counter()
            count = scale(source, target, size, args.ml_only)
            made = time.perf_counter() - started
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(target), str(tmp_path / f"out-{size}")],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            r = json.loads(run.stdout.strip().splitlines()[-1])
            results[size] = r
            print(
                f"{count:>9,} ads ({r['ml_ads']:,} ML, {r['salaries']:,} salaries, "
                f"{r['cells']} cells; db built in {made:.1f}s): report {r['total_s']:.2f}s "
                f"(build {r['build_s']:.2f}s, render {r['render_s']:.2f}s, charts "
                f"{r['charts_s']:.2f}s), peak memory {r['peak_mib']:.0f} MiB",
                flush=True,
            )
            target.unlink()
        if len(results) > 1:
            small, large = min(results), max(results)
            ratio = results[large]["total_s"] / results[small]["total_s"]
            build_ratio = results[large]["build_s"] / results[small]["build_s"]
            print(
                f"{large:,} / {small:,} ads: total time x{ratio:.2f}, build time "
                f"x{build_ratio:.2f} (limit x12); peak memory "
                f"{results[large]['peak_mib']:.0f} MiB (limit 2048 MiB)"
            )


if __name__ == "__main__":
    main()
