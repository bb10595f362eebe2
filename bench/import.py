"""Speed and size of a large import, next to SQLite's floor, in one run (issue 15).

Builds a 200,000-row Adzuna-format CSV from the real dev set (its rows repeated with other ids,
in /tmp), then prints:

- ``mljobs import`` ads/s (``.venv/bin/mljobs`` in a subprocess, a fresh database each run,
  a new process each run), its peak memory (RSS of that process) and where its time goes;
- the floor: the same CSV read with ``csv`` and written plainly with sqlite-utils
  ``insert_all``, rows/s, and the ratio of the two;
- ``mljobs renormalize`` ads/s on the imported database;
- the stored bytes per ad after ``VACUUM`` (page_count x page_size / ads), and per table;
- ``upsert_ads`` alone at several batch sizes (the measurement behind the batch size).

With ``--baseline-rev REV`` the same import and renormalize also run on the code of commit REV
(exported with ``git archive`` to /tmp and imported first on ``PYTHONPATH``), interleaved with
the current code, so before and after come from one run.

Run: ``.venv/bin/python bench/import.py [--rows 200000] [--runs 3] [--baseline-rev REV]
[--profile-rows 20000]``. Prints the figures; asserts nothing (medians of the runs). The code
measured as "current" is the folder the script is in (run a ``git archive`` copy of it with
this checkout's ``.venv/bin/python`` to keep editing while it runs).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds normalize.py, which would hide the normalize package: take it off the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if not os.environ.get("PYTHONPATH"):  # a tree's subprocess gets its code from PYTHONPATH
    sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("MLJOBS_CORPUS", ROOT.parent / "shared" / "corpus"))
DEV_CSV = CORPUS / "adzuna-2013" / "adzuna_2013_dev.csv"
WORK = Path(tempfile.gettempdir()) / "mljobs-bench-import"
#: The ``mljobs`` script of the virtualenv running this bench (``.venv/bin/mljobs``); the code it
#: runs comes from each tree's folder, first on ``PYTHONPATH``.
MLJOBS = Path(sys.executable).parent / "mljobs"
BATCH_SIZES = (250, 500, 1000, 2000, 5000)


def build_csv(source: Path, rows: int, out: Path) -> Path:
    """``rows`` rows of ``source`` (an Adzuna CSV) repeated in order, each with a new ``Id``."""
    if out.is_file() and out.stat().st_size > 0:
        with out.open(encoding="utf-8", newline="") as handle:
            if sum(1 for _ in csv.reader(handle)) - 1 == rows:
                return out
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, records = reader.fieldnames, list(reader)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for i in range(rows):
            writer.writerow({**records[i % len(records)], "Id": str(90_000_000 + i)})
    tmp.replace(out)
    return out


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Run ``cmd``; return (wall seconds, peak RSS in MiB of that process). Raises on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, usage.ru_maxrss // 1024


class Tree:
    """A version of the code: the current checkout, or a commit exported to /tmp."""

    def __init__(self, name: str, root: Path, pythonpath: str):
        self.name, self.root = name, root
        self.env = {**os.environ, "MLJOBS_DB": "", "PYTHONPATH": pythonpath}

    @classmethod
    def from_rev(cls, rev: str) -> Tree:
        out = WORK / f"tree-{rev}"
        if not out.is_dir():
            out.mkdir(parents=True)
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
        return cls(f"baseline {rev}", out, str(out))

    def mljobs(self, db: Path, *args: str) -> tuple[float, int]:
        cmd = [str(MLJOBS), "--db", str(db), "--log-level", "WARNING", *args]
        return run(cmd, self.env, self.root)

    def check(self) -> str:
        cmd = [sys.executable, "-c", "import db.store; print(db.store.__file__)"]
        return subprocess.run(
            cmd, env=self.env, cwd=self.root, capture_output=True, text=True, check=True
        ).stdout.strip()


def stored_bytes(db: Path) -> tuple[int, float, dict[str, float]]:
    """(ads, bytes per ad after VACUUM, {table or index: bytes per ad}) of ``db``."""
    conn = sqlite3.connect(db)
    conn.execute("VACUUM")
    ads = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    try:
        parts = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    except sqlite3.OperationalError:  # SQLite built without dbstat
        parts = {}
    conn.close()
    top = dict(sorted(parts.items(), key=lambda kv: -kv[1])[:5])
    return ads, pages * size / ads, {k: v / ads for k, v in top.items()}


def floor(path: Path, db: Path) -> float:
    """Rows/s of reading ``path`` with ``csv`` and writing it plainly with ``insert_all``."""
    import sqlite_utils

    db.unlink(missing_ok=True)
    start = time.perf_counter()
    database = sqlite_utils.Database(db)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        database["ads"].insert_all(rows, pk="Id", batch_size=1000)
    count = database["ads"].count
    database.close()
    return count / (time.perf_counter() - start)


def batch_sizes(rows: int) -> dict[int, float]:
    """``upsert_ads`` ads/s (normalized ads prepared beforehand) into a fresh database, per
    batch size, ``rows`` ads each, with the code first on ``sys.path``."""
    from crawler.imports import read_ads
    from db.schema import open_db
    from db.store import upsert_ads
    from normalize.ad import normalize_ad

    unique = [{**ad, **normalize_ad(ad)} for ad in read_ads(DEV_CSV, "adzuna-kaggle")]
    ads = []
    for i in range(rows):
        ad = dict(unique[i % len(unique)])
        ad["source_id"] = str(90_000_000 + i)
        ad["raw"] = {**ad["raw"], "Id": ad["source_id"]}
        ads.append(ad)
    result = {}
    for size in BATCH_SIZES:
        db_path = WORK / f"batch-{os.getpid()}.db"
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        database = open_db(db_path)
        start = time.perf_counter()
        for i in range(0, len(ads), size):
            upsert_ads(database, ads[i : i + size], seen_at="2026-01-01T00:00:00+00:00")
        result[size] = len(ads) / (time.perf_counter() - start)
        database.close()
    return result


def profile_import(tree: Tree, rows: int) -> list[tuple[str, float]]:
    """Cumulative seconds of the main parts of an import of the first ``rows`` rows of ``path``,
    profiled with cProfile in a subprocess; the total first."""
    small = build_csv(DEV_CSV, rows, WORK / f"adzuna_{rows}.csv")
    db, prof = WORK / "profile.db", WORK / "import.prof"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    code = (
        "import cProfile, sys; from cli.main import main; sys.argv = ['mljobs'] + sys.argv[1:];"
        f"cProfile.run('main(standalone_mode=False)', {str(prof)!r})"
    )
    cmd = [sys.executable, "-c", code, "--db", str(db), "--log-level", "WARNING"]
    run([*cmd, "import", str(small), "--format", "adzuna-kaggle"], tree.env, tree.root)
    stats = pstats.Stats(str(prof))
    total = max(v[3] for v in stats.stats.values())
    parts = {
        "normalize_ad": ("normalize/ad.py", "normalize_ad"),
        "upsert_ads (store)": ("db/store.py", "upsert_ads"),
        "csv reading (read_ads)": ("crawler/imports.py", "read_ads"),
        "open_db / schema": ("db/schema.py", "open_db"),
        "pipelines (normalize+store)": ("crawler/pipelines.py", "process_item"),
    }
    found = [("total (wall in profiler)", total)]
    for label, (file, func) in parts.items():
        seconds = sum(
            v[3] for (f, _, name), v in stats.stats.items() if f.endswith(file) and name == func
        )
        found.append((label, seconds))
    shares = dict(found)
    rest = total - sum(
        shares[k]
        for k in ("pipelines (normalize+store)", "csv reading (read_ads)", "open_db / schema")
    )
    found.append(("rest: Scrapy engine, start-up", rest))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument(
        "--runs", type=int, default=3, help="import runs; 0 reuses the last run's databases"
    )
    parser.add_argument("--renormalize-runs", type=int, help="default: --runs (at least 1)")
    parser.add_argument("--baseline-rev", help="also run the code of this commit (before)")
    parser.add_argument("--batch-rows", type=int, default=50_000, help="0 to skip")
    parser.add_argument("--profile-rows", type=int, default=20_000, help="0 to skip")
    parser.add_argument("--store-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_only:  # the subprocess of --batch-rows, with a tree's code on PYTHONPATH
        print(json.dumps(batch_sizes(args.store_only)))
        return
    if not DEV_CSV.is_file():
        sys.exit(f"real corpus not found: {DEV_CSV}")
    WORK.mkdir(parents=True, exist_ok=True)
    path = build_csv(DEV_CSV, args.rows, WORK / f"adzuna_{args.rows}.csv")
    print(f"input: {path} ({args.rows:,} rows, {path.stat().st_size / 2**20:.0f} MiB)")

    trees = [Tree("current", ROOT, str(ROOT))]
    if args.baseline_rev:
        trees.insert(0, Tree.from_rev(args.baseline_rev))
    for tree in trees:
        print(f"{tree.name}: code from {tree.check()}")

    imports = {t.name: [] for t in trees}
    memory = {t.name: [] for t in trees}
    floors = []
    for i in range(args.runs):  # interleaved: a slow spell of the machine hits every variant
        for tree in trees:
            db = WORK / f"{tree.name.split()[0]}.db"
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            seconds, rss = tree.mljobs(db, "import", str(path), "--format", "adzuna-kaggle")
            imports[tree.name].append(args.rows / seconds)
            memory[tree.name].append(rss)
            print(f"  run {i + 1} {tree.name}: import {args.rows / seconds:,.0f} ads/s, {rss} MiB")
        floors.append(floor(path, WORK / "floor.db"))
        print(f"  run {i + 1} floor: insert_all {floors[-1]:,.0f} rows/s")
    if args.runs:
        floor_median = statistics.median(floors)
        print(f"\n== {args.rows:,}-row Adzuna import, median of {args.runs} (interleaved) ==")
        print(f"floor (csv + sqlite-utils insert_all): {floor_median:,.0f} rows/s")
        for tree in trees:
            speed = statistics.median(imports[tree.name])
            print(
                f"{tree.name}: mljobs import {speed:,.0f} ads/s; floor/import = "
                f"{floor_median / speed:.2f}x; peak RSS {max(memory[tree.name])} MiB"
            )
    renorm = {t.name: [] for t in trees}
    for i in range(args.renormalize_runs or max(args.runs, 1)):
        for tree in trees:
            seconds, rss = tree.mljobs(WORK / f"{tree.name.split()[0]}.db", "renormalize")
            renorm[tree.name].append(args.rows / seconds)
            print(f"  run {i + 1} {tree.name}: renormalize {args.rows / seconds:,.0f} ads/s")
    for tree in trees:
        runs = ", ".join(f"{v:,.0f}" for v in renorm[tree.name])
        print(
            f"{tree.name}: mljobs renormalize {statistics.median(renorm[tree.name]):,.0f} ads/s "
            f"(median; runs {runs})"
        )
    for tree in trees:
        db = WORK / f"{tree.name.split()[0]}.db"
        ads, per_ad, parts = stored_bytes(db)
        detail = ", ".join(f"{k} {v:,.0f}" for k, v in parts.items())
        print(f"{tree.name}: {ads:,} ads, {per_ad:,.0f} bytes per ad after VACUUM ({detail})")
    plain_ads, plain_bytes, _ = stored_bytes(WORK / "floor.db")
    print(f"floor: {plain_ads:,} rows, {plain_bytes:,.0f} bytes per row after VACUUM")

    if args.batch_rows:
        print(f"\n== upsert_ads alone, {args.batch_rows:,} normalized ads, fresh db each ==")
        for tree in trees:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--store-only"]
            out = subprocess.run(
                [*cmd, str(args.batch_rows)],
                env=tree.env,
                cwd=tree.root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for size, speed in json.loads(out).items():
                print(f"{tree.name}: batch {size:>5}: {speed:,.0f} ads/s")
    if args.profile_rows:
        for tree in trees:
            parts = profile_import(tree, args.profile_rows)
            print(
                f"\n== where an import's time goes ({tree.name}, cProfile, "
                f"{args.profile_rows:,} rows) =="
            )
            total = parts[0][1]
            for label, seconds in parts:
                print(f"{label:<28} {seconds:7.1f} s  {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()
