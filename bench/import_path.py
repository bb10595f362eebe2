"""Start-up and throughput of ``mljobs import`` (the direct path, ``crawler.import_run``) against
the Scrapy path (``crawler.bases.importer.FileImportSpider`` through ``run_spiders``, as
imports ran before issue 15) on the same input: the same reader and pipelines either way.

Each figure is the median wall time of ``--repeats`` fresh processes, each importing into a new
database, the two paths interleaved: a one-row CSV (start-up: interpreter, module imports,
gazetteer load, one ad stored, the ``crawl_runs`` row), then the whole input (default: the
Adzuna 2013 dev CSV of ``../shared/corpus``). Rows/s is ads stored over wall time; "net" leaves
out the one-row time of the same path. CPU seconds (user + system of the child process) are
printed beside wall time: on a shared, loaded machine they show the work apart from the wait.

Run: ``.venv/bin/python bench/import_path.py [--input FILE --format FMT] [--repeats N]
[--scale K]`` (``--scale``: a CSV input's rows K times over, with new ids).
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ONE_ROW = 'title,company,location,salary\nML Engineer,Acme Ltd,"Leeds, West Yorkshire",£60k\n'

SCRAPY_PATH = """
import sys
from crawler.bases.importer import FileImportSpider
from crawler.runner import project_settings, run_lock, run_spiders
path, fmt, db = sys.argv[1:4]
with run_lock(db):
    [result] = run_spiders(
        [(FileImportSpider, {"path": path, "format": fmt})],
        project_settings({"MLJOBS_DB": db, "LOG_LEVEL": "WARNING"}),
    )
print(result.summary(), file=sys.stderr)
"""


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(path_name: str, source: Path, fmt: str, db: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one import of ``source`` into the new
    database ``db``."""
    if path_name == "direct":
        command = [sys.executable, "-m", "cli", "--db", str(db), "--log-level", "WARNING"]
        command += ["import", str(source), "--format", fmt]
    else:
        command = [sys.executable, "-c", SCRAPY_PATH, str(source), fmt, str(db)]
    started, cpu = time.perf_counter(), child_cpu()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - started, child_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"{path_name} import failed:\n{result.stderr}")
    return elapsed, cpu


def scaled(source: Path, times: int, out: Path) -> Path:
    """A CSV holding the rows of ``source`` ``times`` times, the first column (the id) suffixed
    ``-<copy>`` so that every row is a new ad."""
    with source.open(newline="", encoding="utf-8") as src, out.open("w", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        header = next(reader)
        rows = list(reader)
        writer.writerow(header)
        for copy in range(times):
            writer.writerows([f"{r[0]}-{copy}", *r[1:]] for r in rows)
    return out


def stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM ads").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=CORPUS / "adzuna-2013/adzuna_2013_dev.csv")
    parser.add_argument("--format", default="adzuna-kaggle")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--scale", type=int, default=1, help="CSV input: repeat its rows N times (new ids)"
    )
    args = parser.parse_args()
    if not args.input.is_file():
        raise SystemExit(f"no input at {args.input} (give --input FILE --format FMT)")
    paths = ("direct", "scrapy")
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    ads: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        one_row = Path(tmp) / "one_row.csv"
        one_row.write_text(ONE_ROW, encoding="utf-8")
        if args.scale > 1:
            args.input = scaled(args.input, args.scale, Path(tmp) / f"x{args.scale}.csv")
        for n in range(args.repeats):
            for name in paths:
                for case, source, fmt in (
                    ("one", one_row, "csv"),
                    ("all", args.input, args.format),
                ):
                    db = Path(tmp) / f"{name}-{case}-{n}.db"
                    times.setdefault((name, case), []).append(run(name, source, fmt, db))
                    ads[case] = stored(db)
    print(f"input: {args.input} ({args.format}), {ads['all']} ads stored; median of {args.repeats}")
    median = {key: statistics.median(v[0] for v in values) for key, values in times.items()}
    cpu = {key: statistics.median(v[1] for v in values) for key, values in times.items()}
    for name in paths:
        one, whole = median[(name, "one")], median[(name, "all")]
        net = ads["all"] / (whole - one) if whole > one else float("nan")
        cpu_one, cpu_all = cpu[(name, "one")], cpu[(name, "all")]
        cpu_net = ads["all"] / (cpu_all - cpu_one) if cpu_all > cpu_one else float("nan")
        print(
            f"{name:7} one-row import {one:6.2f} s wall ({cpu_one:.2f} s CPU) | "
            f"whole input {whole:6.2f} s wall ({cpu_all:.2f} s CPU), "
            f"{ads['all'] / whole:6.0f} rows/s ({net:6.0f} rows/s net of start-up; "
            f"{cpu_net:6.0f} rows per CPU second net)"
        )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"direct/scrapy: start-up {median[('direct', 'one')] / median[('scrapy', 'one')]:.2f}x "
        f"the time, whole input {median[('scrapy', 'all')] / median[('direct', 'all')]:.2f}x "
        "the rows/s"
    )


if __name__ == "__main__":
    main()
