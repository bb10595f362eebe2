"""The vacancy step alone, baseline code against this tree's, interleaved (issue 15).

Times what ends every ``mljobs dedup``, import and crawl run, on the databases given, for the
code of ``--baseline-rev`` (exported with ``git archive`` to a temporary folder) and for the
folder this script is in, run after run in turn (A, B, A, B, ...), each run in a new process
on a fresh copy of the database:

- ``full``: :func:`dedup.store.assign_vacancies` over a database whose vacancies were reset
  (``ads.vacancy_id`` NULL, ``vacancy_matches`` and ``vacancies`` empty): ``mljobs dedup``
  after a first import, and what the end of an import into a new database does;
- ``import``: :func:`dedup.store.assign_changed` as the end of an import calls it, after one
  ad in ``--every`` (by rowid) was deleted, every remaining ad assigned, the state taken
  (:func:`dedup.store.ads_state`, not timed) and the deleted ads stored again (new ads in
  existing blocks, as an import of a second file adds them).

Per database, path and tree: the median wall seconds of ``--runs`` runs, the wall and CPU
seconds of each stage (``DedupStats.stages``; the wall times are read at the same points), and
the ratio baseline / current; then whether the three tables (``ads.vacancy_id``,
``vacancy_matches``, ``vacancies``: every column, row by row) came out identical between the
two trees (a digest of each, sorted by key). Asserts nothing.

Run: ``.venv/bin/python bench/vacancy_step.py DB [DB ...] [--baseline-rev main] [--runs 3]
[--every 20] [--workdir DIR]``. The databases are only read (copied first).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Each table of the vacancy step as a query sorted by its key: what must come out the same.
TABLES = {
    "ads.vacancy_id": "SELECT id, vacancy_id FROM ads ORDER BY id",
    "vacancy_matches": "SELECT * FROM vacancy_matches ORDER BY ad_id",
    "vacancies": "SELECT * FROM vacancies ORDER BY id",
}
RESET_SQL = "UPDATE ads SET vacancy_id = NULL; DELETE FROM vacancy_matches; DELETE FROM vacancies;"

#: The child process: ``argv`` = mode, database, every; prints one JSON line.
CHILD = r"""
import json, sys, time
import dedup.store as store
from db.schema import open_db
mode, path, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
marks = []
_cpu = store._cpu
def cpu():
    marks.append(time.perf_counter())
    return _cpu()
store._cpu = cpu
db = open_db(path)
if mode == "full":
    started = time.perf_counter()
    stats = store.assign_vacancies(db)
else:
    before = store.ads_state(db)
    db.conn.execute("ATTACH DATABASE ? AS held", [path + ".held"])
    columns = [r[1] for r in db.conn.execute("PRAGMA main.table_info(ads)")]
    with db.conn:
        db.conn.execute(f"INSERT INTO ads ({', '.join(columns)}) SELECT {', '.join(columns)} "
                        "FROM held.ads")
    db.conn.execute("DETACH DATABASE held")
    marks.clear()
    started = time.perf_counter()
    stats = store.assign_changed(db, before)
seconds = time.perf_counter() - started
walls = [round(b - a, 3) for a, b in zip(marks, marks[1:])]
print(json.dumps({"seconds": seconds, "stages": stats.stages, "walls": walls,
                  "postings": stats.postings, "changed": stats.changed}))
"""


def digests(path: Path) -> dict[str, str]:
    """A SHA-256 of each of :data:`TABLES` (every row, every column, as ``repr``)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for name, sql in TABLES.items():
            h = hashlib.sha256()
            for row in conn.execute(sql):
                h.update(repr(row).encode())
            out[name] = h.hexdigest()[:16]
        return out
    finally:
        conn.close()


def prepare(source: Path, workdir: Path, every: int, baseline: Path) -> tuple[Path, Path]:
    """Two pristine copies of ``source``: vacancies reset (``full``), and one ad in ``every``
    moved to ``<import>.held`` with the rest assigned by the baseline code (``import``)."""
    full = workdir / f"{source.stem}.full.db"
    imp = workdir / f"{source.stem}.import.db"
    for path in (full, imp):
        shutil.copyfile(source, path)
        conn = sqlite3.connect(path)
        conn.executescript(RESET_SQL)
        conn.commit()
        conn.close()
    held = Path(f"{imp}.held")
    held.unlink(missing_ok=True)
    conn = sqlite3.connect(imp)
    conn.execute("ATTACH DATABASE ? AS held", [str(held)])
    conn.execute(f"CREATE TABLE held.ads AS SELECT * FROM ads WHERE rowid % {every} = 0")
    conn.execute("UPDATE held.ads SET vacancy_id = NULL")
    conn.commit()
    conn.execute(f"DELETE FROM ads WHERE rowid % {every} = 0")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    code = "import sys; from db.schema import open_db; from dedup.store import assign_vacancies;"
    code += " assign_vacancies(open_db(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(imp)], env=_env(baseline), check=True)
    return full, imp


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def run_once(tree: Path, mode: str, pristine: Path, workdir: Path, every: int) -> dict:
    """One timed run of ``mode`` in a new process of ``tree`` on a copy of ``pristine``; the
    result (JSON of the child) with the tables' digests."""
    path = workdir / "run.db"
    shutil.copyfile(pristine, path)
    if mode == "import":
        shutil.copyfile(f"{pristine}.held", f"{path}.held")
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, mode, str(path), str(every)],
            env=_env(tree), cwd=tree, check=True, capture_output=True, text=True,
        )  # fmt: skip
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["digests"] = digests(path)
        return result
    finally:
        for suffix in ("", "-wal", "-shm", ".held"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def report(name: str, runs: list[dict]) -> float:
    """Print the median run of ``runs`` (by wall seconds) and its stages; the median."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    mid = ordered[len(ordered) // 2]
    median = statistics.median(r["seconds"] for r in runs)
    stages = ", ".join(
        f"{k} {w:.2f}/{c:.2f}"
        for (k, c), w in zip(mid["stages"].items(), mid["walls"], strict=False)
    )
    each = " ".join(f"{r['seconds']:.2f}" for r in runs)
    print(f"    {name:8s} median {median:6.2f} s wall (runs {each}); {mid['postings']} postings, "
          f"{mid['changed']} changed")  # fmt: skip
    print(f"             stages wall/CPU s: {stages}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--baseline-rev", default="main")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--every", type=int, default=20, help="one ad in N is the import's")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        baseline = work / "baseline"
        baseline.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.baseline_rev], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()  # fmt: skip
        trees = {args.baseline_rev: baseline, f"current ({rev}+)": ROOT}
        print(f"vacancy step, {args.runs} runs per tree interleaved, medians; "
              f"import = one ad in {args.every} stored again")  # fmt: skip
        for source in args.databases:
            full, imp = prepare(source, work, args.every, baseline)
            for mode, pristine in (("full", full), ("import", imp)):
                runs: dict[str, list[dict]] = {t: [] for t in trees}
                for _ in range(args.runs):
                    for name, tree in trees.items():
                        runs[name].append(run_once(tree, mode, pristine, work, args.every))
                print(f"  {source.name} {mode}:")
                medians = [report(name, r) for name, r in runs.items()]
                same = [r["digests"] for rs in runs.values() for r in rs]
                equal = all(d == same[0] for d in same)
                print(f"    ratio {args.baseline_rev} / current: {medians[0] / medians[1]:.2f}x; "
                      f"tables identical across trees and runs: {equal} {same[0]}")  # fmt: skip
            for path in (full, imp, Path(f"{imp}.held")):
                path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
