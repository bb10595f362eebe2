"""Speed and size of a large import, next to SQLite's floor, in one run (issue 15).

Builds a 200,000-row Adzuna-format CSV from the real dev set (its 1,242 rows repeated with other
ids, in /tmp), then prints every "Done when" figure of issue 15 with its target beside it
(medians of ``--runs``, interleaved):

- ``mljobs import`` ads/s (``.venv/bin/mljobs`` in a subprocess, a fresh database each run,
  a new process each run), and where its wall time goes: start-up (process start to the run's
  ``crawl_runs.started_at``), read + normalize + store (``started_at`` to ``finished_at``) and
  the vacancy assignment at its end (dedup, parsed from its INFO log line); ads per CPU-second
  (user + system of the process and its children) beside it, since the machine is shared;
- the floor: the same CSV read with ``csv`` and written plainly with sqlite-utils
  ``insert_all``, rows/s, and the ratio of the two; beside it, for reference, the floor with
  search: the same plus sqlite-utils ``enable_fts`` on title and description (the import keeps
  a full-text index, which the plain floor does not build);
- ``mljobs renormalize`` ads/s on the imported database (and its vacancy recomputation apart);
- the stored bytes per ad after ``VACUUM`` (page_count x page_size / ads), and per table;
- peak memory (RSS) of the import and renormalize processes;
- search: ``ads_fts`` against a full-text index built afresh from the ``ads`` table for a set
  of queries (the same ads, in the same order), and with ``--baseline-rev`` the same queries
  through sqlite-utils ``search`` on the baseline's database and the current one;
- ``upsert_ads`` alone at several batch sizes (the measurement behind the batch size).

The rows repeat: every copy of a dev row has the same title, company, location and text, so the
normalizers' bounded per-string caches (location, salary text) hit far more often than on real
data, and every copy joins the same vacancy (dedup's blocks are ~160 times their real size).

With ``--baseline-rev REV`` the same import and renormalize also run on the code of commit REV
(exported with ``git archive`` to /tmp and imported first on ``PYTHONPATH``), interleaved with
the current code, so before and after come from one run.

Run: ``.venv/bin/python bench/import.py [--rows 200000] [--runs 3] [--baseline-rev REV]
[--profile-rows 20000]``. Prints the figures; asserts nothing (medians of the runs). The code
measured as "current" is the folder the script is in (run a ``git archive`` copy of it with
this checkout's ``.venv/bin/python`` to keep editing while it runs; ``MLJOBS_CORPUS`` names the
corpus folder then).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds normalize.py, which would hide the normalize package: take it off the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if not os.environ.get("PYTHONPATH"):  # a tree's subprocess gets its code from PYTHONPATH
    sys.path.insert(0, str(ROOT))

CORPUS = Path(os.environ.get("MLJOBS_CORPUS", ROOT.parent / "shared" / "corpus"))
DEV_CSV = CORPUS / "adzuna-2013" / "adzuna_2013_dev.csv"
WORK = Path(
    os.environ.get("MLJOBS_BENCH_WORK") or Path(tempfile.gettempdir()) / "mljobs-bench-import"
)
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


@dataclass
class Ran:
    """One finished subprocess: wall seconds, CPU seconds (user + system, children included),
    peak RSS (MiB), when it started (``time.time()``) and its stderr."""

    wall: float
    cpu: float
    rss: int
    started: float
    err: str


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> Ran:
    """Run ``cmd`` and measure it (:class:`Ran`). Raises ``RuntimeError`` on failure."""
    started = time.time()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err_file:  # a file: a long log cannot fill a pipe
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err_file)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return Ran(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, started, err)


_DEDUP_LINE = re.compile(r"dedup: .* in ([0-9.]+) s")


def dedup_seconds(err: str) -> float:
    """Seconds of the vacancy assignment, from dedup's INFO line in a command's log (0 when it
    did not run)."""
    return sum(float(m.group(1)) for m in _DEDUP_LINE.finditer(err))


def import_phases(db: Path, ran: Ran) -> dict[str, float]:
    """Wall seconds of an import's parts: ``startup`` (process start to the run's
    ``started_at``), ``store`` (read, normalize, store: ``started_at`` to ``finished_at`` of
    its ``crawl_runs`` row) and ``dedup`` (vacancy assignment, from its log line)."""
    conn = sqlite3.connect(db)
    started, finished = conn.execute(
        "SELECT started_at, finished_at FROM crawl_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    start = datetime.fromisoformat(started).timestamp()
    finish = datetime.fromisoformat(finished).timestamp()
    return {
        "startup": start - ran.started,
        "store": finish - start,
        "dedup": dedup_seconds(ran.err),
    }


#: ``mljobs`` with the vacancy assignment at the end of an import and renormalize skipped
#: (``--no-vacancies``): the store path alone, while dedup's incremental mode is quadratic on
#: this input (its own issue).
NO_VACANCIES = """
import sys
import crawler.runner, dedup.store
from cli.main import main
crawler.runner.assign_run_vacancies = lambda *args, **kwargs: None
dedup.store.assign_vacancies = lambda *args, **kwargs: dedup.store.DedupStats()
dedup.store.assign_changed = lambda *args, **kwargs: dedup.store.DedupStats()
dedup.store.ads_state = lambda *args, **kwargs: None
sys.argv = ["mljobs", *sys.argv[1:]]
main()
"""


class Tree:
    """A version of the code: the current checkout, or a commit exported to /tmp."""

    def __init__(self, name: str, root: Path, pythonpath: str):
        self.name, self.root = name, root
        self.env = {**os.environ, "MLJOBS_DB": "", "PYTHONPATH": pythonpath}

    @classmethod
    def from_rev(cls, rev: str) -> Tree:
        out = WORK / f"tree-{rev}"
        if not out.is_dir():
            # exported to a side folder and renamed once whole: a failed export leaves no
            # empty tree-REV behind, whose runs would take the installed code instead
            part = WORK / f"tree-{rev}.part"
            shutil.rmtree(part, ignore_errors=True)
            part.mkdir(parents=True)
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(part)], input=archive, check=True)
            part.rename(out)
        return cls(f"baseline {rev}", out, str(out))

    def mljobs(self, db: Path, *args: str, vacancies: bool = True) -> Ran:
        """Run ``mljobs --db db ARGS`` (logging at INFO, for dedup's timing line); with
        ``vacancies`` false, the same command with the vacancy assignment replaced by a no-op
        (:data:`NO_VACANCIES`)."""
        options = ["--db", str(db), "--log-level", "INFO", *args]
        if vacancies:
            return run([str(MLJOBS), *options], self.env, self.root)
        return run(
            [str(MLJOBS.with_name("python")), "-c", NO_VACANCIES, *options], self.env, self.root
        )

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


def floor(path: Path, db: Path, search: bool = False) -> tuple[float, float]:
    """(rows/s, rows per CPU-second) of reading ``path`` with ``csv`` and writing it plainly
    with ``insert_all``; with ``search``, then also indexing title and description for
    full-text search as the plainest tool does it (sqlite-utils ``enable_fts``, FTS5 with the
    porter tokenizer the import's ``ads_fts`` uses, filled by one ``INSERT ... SELECT``)."""
    import sqlite_utils

    db.unlink(missing_ok=True)
    cpu = time.process_time()
    start = time.perf_counter()
    database = sqlite_utils.Database(db)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        database["ads"].insert_all(rows, pk="Id", batch_size=1000)
    if search:
        database["ads"].enable_fts(["Title", "FullDescription"], tokenize="porter")
    count = database["ads"].count
    database.close()
    return count / (time.perf_counter() - start), count / (time.process_time() - cpu)


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
    # in one process (MLJOBS_IMPORT_WORKERS=0): cProfile sees no worker's time
    env = {**tree.env, "MLJOBS_IMPORT_WORKERS": "0"}
    run([*cmd, "import", str(small), "--format", "adzuna-kaggle"], env, tree.root)
    stats = pstats.Stats(str(prof))
    total = max(v[3] for v in stats.stats.values())
    parts = {
        "normalize_ad": ("normalize/ad.py", "normalize_ad"),
        "upsert_rows (store)": ("db/store.py", "upsert_rows"),
        "ad_row (row, JSON, hash)": ("db/store.py", "ad_row"),
        "csv reading (read_ads)": ("crawler/imports.py", "read_ads"),
        "open_db / schema": ("db/schema.py", "open_db"),
        "pipelines (normalize+store)": ("crawler/pipelines.py", "process_item"),
        "vacancy state before (dedup)": ("crawler/import_run.py", "_vacancy_state"),
        "vacancy assignment (dedup)": ("crawler/import_run.py", "_assign_vacancies"),
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
        for k in (
            "pipelines (normalize+store)",
            "csv reading (read_ads)",
            "open_db / schema",
            "vacancy assignment (dedup)",
        )
    )
    found.append(("rest: start-up, run record", rest))
    return found


#: Queries of the search check: words, a phrase, a prefix, OR, NOT and a column filter.
SEARCH_QUERIES = (
    "python",
    "engineer",
    "london",
    "nurse",
    '"machine learning"',
    "data scientist",
    "manag*",
    "sql OR excel",
    "developer NOT java",
    "title:analyst",
)


def search_check(db: Path) -> tuple[int, int]:
    """(queries, queries whose ads differ): ``ads_fts`` against an FTS5 index built afresh from
    the ``ads`` table (the same tokenizer), for each of :data:`SEARCH_QUERIES` (the sets of
    rowids matched). Reads only (the fresh index lives in a temp table)."""
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE VIRTUAL TABLE temp.ref_fts USING fts5(title, description_text, tokenize='porter')"
    )
    conn.execute(
        "INSERT INTO temp.ref_fts (rowid, title, description_text) "
        "SELECT rowid, title, description_text FROM ads"
    )
    differ = 0
    for query in SEARCH_QUERIES:
        got = [r[0] for r in conn.execute("SELECT rowid FROM ads_fts(?) ORDER BY rowid", [query])]
        want = [r[0] for r in conn.execute("SELECT rowid FROM ref_fts(?) ORDER BY rowid", [query])]
        differ += got != want
    conn.close()
    return len(SEARCH_QUERIES), differ


def search_results(db: Path) -> dict[str, list[str]]:
    """``{query: ids of the ads sqlite-utils search finds, best first}`` for the queries of
    :data:`SEARCH_QUERIES`."""
    import sqlite_utils

    database = sqlite_utils.Database(db)
    try:
        return {
            q: [r["id"] for r in database["ads"].search(q, columns=["id"])] for q in SEARCH_QUERIES
        }
    finally:
        database.close()


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def verdict(value: float, target: float, higher: bool) -> str:
    met = value >= target if higher else value <= target
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="import and renormalize runs")
    parser.add_argument("--baseline-rev", help="also run the code of this commit (before)")
    parser.add_argument("--batch-rows", type=int, default=50_000, help="0 to skip")
    parser.add_argument("--profile-rows", type=int, default=20_000, help="0 to skip")
    parser.add_argument(
        "--no-vacancies",
        action="store_true",
        help="skip the vacancy assignment (dedup) in import and renormalize: the store path",
    )
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
    print(
        "note: the rows repeat the 1,242 dev rows with new ids: per-string caches of the "
        "normalizers hit more than on real data, and every copy of a row joins the same "
        "vacancy (dedup blocks ~160x their real size)"
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    if args.no_vacancies:
        print("--no-vacancies: the vacancy assignment of import and renormalize is SKIPPED")

    trees = [Tree("current", ROOT, str(ROOT))]
    if args.baseline_rev:
        trees.insert(0, Tree.from_rev(args.baseline_rev))
    for tree in trees:
        code = tree.check()
        print(f"{tree.name}: code from {code}")
        if not Path(code).resolve().is_relative_to(tree.root.resolve()):
            sys.exit(f"{tree.name}: its runs would take the code at {code}, not {tree.root}")

    def db_of(tree: Tree) -> Path:
        return WORK / f"{tree.name.split()[0]}.db"

    imports: dict[str, list[tuple[Ran, dict[str, float]]]] = {t.name: [] for t in trees}
    renorms: dict[str, list[Ran]] = {t.name: [] for t in trees}
    floors: list[tuple[float, float]] = []
    search_floors: list[tuple[float, float]] = []
    n = args.rows
    for i in range(args.runs):  # interleaved: a slow spell of the machine hits every variant
        for tree in trees:
            remove_db(db_of(tree))
            ran = tree.mljobs(
                db_of(tree),
                "import",
                str(path),
                "--format",
                "adzuna-kaggle",
                vacancies=not args.no_vacancies,
            )
            parts = import_phases(db_of(tree), ran)
            imports[tree.name].append((ran, parts))
            print(
                f"  run {i + 1} {tree.name}: import {n / ran.wall:,.0f} ads/s "
                f"({n / ran.cpu:,.0f} per CPU-s), {ran.rss} MiB; start-up "
                f"{parts['startup']:.1f} s, read+normalize+store {parts['store']:.1f} s, "
                f"vacancies {parts['dedup']:.1f} s",
                flush=True,
            )
        floors.append(floor(path, WORK / "floor.db"))
        print(f"  run {i + 1} floor: insert_all {floors[-1][0]:,.0f} rows/s", flush=True)
        search_floors.append(floor(path, WORK / "floor_fts.db", search=True))
        print(
            f"  run {i + 1} floor with search: insert_all + enable_fts "
            f"{search_floors[-1][0]:,.0f} rows/s",
            flush=True,
        )
        for tree in trees:  # renormalize the database just imported
            ran = tree.mljobs(db_of(tree), "renormalize", vacancies=not args.no_vacancies)
            renorms[tree.name].append(ran)
            dedup = dedup_seconds(ran.err)
            print(
                f"  run {i + 1} {tree.name}: renormalize {n / ran.wall:,.0f} ads/s "
                f"({n / ran.cpu:,.0f} per CPU-s), {ran.rss} MiB; vacancies {dedup:.1f} s",
                flush=True,
            )

    med = statistics.median
    floor_wall, floor_cpu = med(f[0] for f in floors), med(f[1] for f in floors)
    print(f"\n== {n:,}-row Adzuna import, medians of {args.runs} interleaved runs ==")
    print(
        f"floor (csv + sqlite-utils insert_all): {floor_wall:,.0f} rows/s "
        f"({floor_cpu:,.0f} per CPU-s)"
    )
    plain_ads, plain_bytes, _ = stored_bytes(WORK / "floor.db")
    print(f"floor: {plain_bytes:,.0f} bytes per row after VACUUM")
    search_wall = med(f[0] for f in search_floors)
    search_cpu = med(f[1] for f in search_floors)
    print(
        f"floor with search (the same + sqlite-utils enable_fts on title and description): "
        f"{search_wall:,.0f} rows/s ({search_cpu:,.0f} per CPU-s)"
    )
    baseline_search = None
    for tree in trees:
        runs, reruns = imports[tree.name], renorms[tree.name]
        wall = med(n / r.wall for r, _ in runs)
        cpu = med(n / r.cpu for r, _ in runs)
        phase = {k: med(p[k] for _, p in runs) for k in ("startup", "store", "dedup")}
        store_rate = n / phase["store"]
        no_dedup = n / med(r.wall - p["dedup"] for r, p in runs)
        renorm_dedup = med(dedup_seconds(r.err) for r in reruns)
        renorm_wall = med(n / r.wall for r in reruns)
        renorm_cpu = med(n / r.cpu for r in reruns)
        renorm_no_dedup = n / med(r.wall - dedup_seconds(r.err) for r in reruns)
        rss = max(max(r.rss for r, _ in runs), max(r.rss for r in reruns))
        queries, differ = search_check(db_of(tree))
        ads, per_ad, tables = stored_bytes(db_of(tree))
        results = search_results(db_of(tree))
        rows = [
            (
                "import, whole command" + (" (vacancies skipped)" if args.no_vacancies else ""),
                f"{wall:,.0f} ads/s ({cpu:,.0f} per CPU-s)",
                ">= 4,000",
                verdict(wall, 4000, True),
            ),
            (
                "  without vacancy assignment",
                f"{no_dedup:,.0f} ads/s (start-up {phase['startup']:.1f} s, "
                f"read+normalize+store {phase['store']:.1f} s = {store_rate:,.0f} ads/s, "
                f"vacancies {phase['dedup']:.1f} s)",
                ">= 4,000",
                verdict(no_dedup, 4000, True),
            ),
            (
                "floor / import",
                f"{floor_wall / wall:.2f}x",
                "<= 3x",
                verdict(floor_wall / wall, 3, False),
            ),
            (
                "  without vacancy assignment",
                f"{floor_wall / no_dedup:.2f}x",
                "<= 3x",
                verdict(floor_wall / no_dedup, 3, False),
            ),
            (
                "floor with search / import",
                f"{search_wall / wall:.2f}x (without vacancy assignment "
                f"{search_wall / no_dedup:.2f}x)",
                "",
                "for reference: the issue's floor writes no search index",
            ),
            (
                "renormalize, whole command"
                + (" (vacancies skipped)" if args.no_vacancies else ""),
                f"{renorm_wall:,.0f} ads/s ({renorm_cpu:,.0f} per CPU-s)",
                ">= 4,000",
                verdict(renorm_wall, 4000, True),
            ),
            (
                "  without vacancy recomputation",
                f"{renorm_no_dedup:,.0f} ads/s (vacancies {renorm_dedup:.1f} s)",
                ">= 4,000",
                verdict(renorm_no_dedup, 4000, True),
            ),
            (
                "stored bytes per ad (VACUUM)",
                f"{per_ad:,.0f} (" + ", ".join(f"{k} {v:,.0f}" for k, v in tables.items()) + ")",
                "<= 3,000",
                verdict(per_ad, 3000, False),
            ),
            ("peak memory (RSS)", f"{rss} MiB", "< 500 MiB", verdict(rss, 499, False)),
            (
                "search: ads_fts = index of ads",
                f"{queries - differ}/{queries} queries the same",
                "all",
                verdict(-differ, 0, True),
            ),
        ]
        if baseline_search is not None:
            same = sum(sorted(results[q]) == sorted(baseline_search[q]) for q in SEARCH_QUERIES)
            ordered = sum(results[q] == baseline_search[q] for q in SEARCH_QUERIES)
            rows.append(
                (
                    "search: same ads as baseline",
                    f"{same}/{queries} queries ({ordered} in the same order)",
                    "all",
                    verdict(same, queries, True),
                )
            )
        baseline_search = results
        print(f"\n-- {tree.name} ({ads:,} ads) --")
        for label, value, target, met in rows:
            print(f"{label:<34} {value}  [" + (f"target {target}: " if target else "") + f"{met}]")

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
