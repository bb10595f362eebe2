"""Deduplication benchmark: pair accuracy on the dev pairs, merges on the real corpus, speed.

Prints, in one run:
- pair precision, recall and F1 of :func:`dedup.store.assign_vacancies` on
  ``tests/fixtures/dedup/pairs.jsonl`` (each pair alone in a fresh database), overall and per
  kind, with the wrong pairs when ``--show-errors``;
- on the whole real corpus loaded as ``scripts/figures_snapshot.sh`` does (plus the Adzuna API
  2025 file): postings, vacancies, and per source the share of postings merged (postings in
  a vacancy with another posting), with wall time;
- with ``--scale N[,N...]``, per N: postings, wall seconds, CPU seconds (this process and its
  clustering workers: the machine may be shared, so compare CPU), CPU microseconds per
  posting, peak RSS of the process and of the largest clustering worker (two workers on two
  cores), and CPU seconds per stage (``DedupStats.stages``) of a full ``assign_vacancies``
  over N synthetic postings made from the real ads by perturbing them (other ids, towns,
  dates, employers, title wording, snippets); each run in a fresh child process on a fresh
  copy of the synthetic database (so each is a first dedup); then the ratio of CPU per posting
  between the largest and the smallest N (1.00 = linear). ``--repeat K`` takes medians of K
  runs per N.

Usage: ``python bench/dedup.py [--corpus DIR] [--db PATH] [--workdir DIR]
[--scale 100000,1000000] [--repeat K] [--skip-pairs] [--show-errors]``. ``--db`` keeps the
imported corpus database between runs; ``--workdir`` the synthetic databases. The corpus
defaults to ``$MLJOBS_CORPUS`` or ``../shared/corpus``; when absent the script says so and
exits with status 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from db.schema import ADS_COLUMNS, ensure_schema, fts_triggers_dropped, insertable_row  # noqa: E402
from dedup.evaluation import (  # noqa: E402
    import_corpus,
    load_pairs,
    pair_rows,
    same_vacancy,
    score,
)
from dedup.store import assign_vacancies  # noqa: E402

PAIRS = ROOT / "tests" / "fixtures" / "dedup" / "pairs.jsonl"
TOWNS = (
    "London Manchester Birmingham Leeds Glasgow Edinburgh Bristol Cardiff Belfast Liverpool "
    "Sheffield Newcastle upon Tyne Nottingham Leicester Southampton Reading Cambridge Oxford "
    "Brighton York Aberdeen Dundee Swansea Exeter Norwich Coventry Milton Keynes Derby Bath "
    "Guildford Watford Luton Slough Bournemouth Plymouth Portsmouth Ipswich Chelmsford Hull "
    "Stoke-on-Trent Wolverhampton Preston Bolton Warrington Chester Lincoln Peterborough "
    "Gloucester Cheltenham Swindon Basingstoke Crawley Maidstone Canterbury Colchester Inverness"
).split()


def bench_pairs(corpus_db: sqlite_utils.Database, show_errors: bool) -> None:
    pairs = load_pairs(PAIRS)
    labels, predictions, kinds = [], [], []
    started = time.perf_counter()
    for pair in pairs:
        a, b = pair_rows(corpus_db, pair)
        labels.append(pair["label"])
        predictions.append(same_vacancy(a, b))
        kinds.append(pair["kind"])
        if show_errors and bool(pair["label"]) != predictions[-1]:
            print(f"  WRONG label={pair['label']} {json.dumps(pair)}")
            for row in (a, b):
                print(f"     {row['title']!r} | {row['company']!r} | {row['location_raw']!r} | "
                      f"{row['city']} {row['role']} {row['seniority']} | "
                      f"{row['posted_at'] or row['first_seen']} | "
                      f"{row['salary_annual_min']}-{row['salary_annual_max']}")  # fmt: skip
    seconds = time.perf_counter() - started
    overall = score(labels, predictions)
    positives = sum(labels)
    print(f"dev pairs ({PAIRS.relative_to(ROOT)}): {overall['n']} pairs, "
          f"{positives} same vacancy, {len(labels) - positives} not, {seconds:.1f} s")  # fmt: skip
    print(f"  precision {overall['precision']:.4f}  recall {overall['recall']:.4f}  "
          f"F1 {overall['f1']:.4f}  (tp {overall['tp']}, fp {overall['fp']}, "
          f"fn {overall['fn']}, tn {overall['tn']})")  # fmt: skip
    by_kind: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for kind, y, p in zip(kinds, labels, predictions, strict=True):
        by_kind[kind].append((y, p))
    for kind, items in sorted(by_kind.items()):
        right = sum(1 for y, p in items if bool(y) == p)
        print(f"  {kind:30s} {right:4d}/{len(items):<4d} right")


def bench_corpus(corpus_db_path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.db"
        shutil.copy(corpus_db_path, path)
        db = sqlite_utils.Database(path)
        ensure_schema(db)
        stats = assign_vacancies(db)
        print(f"real corpus: {stats.postings} postings -> {stats.vacancies} vacancies "
              f"({stats.merged} merged, {stats.merged / stats.postings:.1%}) in "
              f"{stats.seconds:.2f} s; rules {dict(sorted(stats.rules.items()))}")  # fmt: skip
        rows = db.execute(
            "SELECT a.source, count(*), sum(v.postings > 1), count(DISTINCT a.vacancy_id), "
            "sum(v.sources > 1) FROM ads a JOIN vacancies v ON v.id = a.vacancy_id "
            "GROUP BY a.source ORDER BY a.source"
        ).fetchall()
        print("  source                               postings  merged  share  vacancies  "
              "cross-source")  # fmt: skip
        for source, n, merged, vacancies, cross in rows:
            print(f"  {source:36s} {n:8d} {merged:7d} {merged / n:6.1%} {vacancies:10d} "
                  f"{cross:13d}")  # fmt: skip
        multi = db.execute("SELECT count(*) FROM vacancies WHERE postings > 1").fetchone()[0]
        print(f"  vacancies with more than one posting: {multi}")


# --- synthetic scale -------------------------------------------------------------------------


def synthetic_db(corpus_db_path: Path, n: int, path: Path, seed: int = 10) -> None:
    """Write ``n`` postings made by perturbing the real ads into a new database at ``path``.

    Each posting copies a random real ad's stored row (normalized fields included) and changes:
    its id (always), its posting date (a random day of 2025), its town (half of them, to
    one of 60 UK towns), its employer (always: one of n/20 synthetic employers), its title
    wording (a fifth: case or a " - <town>" suffix) and its description (a fifth: a snippet).
    About one in six is a re-post of an earlier synthetic posting within 45 days (a duplicate
    to find). The rows are loaded in one transaction with the FTS triggers dropped
    (:func:`db.schema.fts_triggers_dropped`), and ``ads_fts`` is then filled in one pass, as a
    bulk import keeps it: the database stays one the project's own code can change (an ad
    deleted later removes an entry that exists).
    """
    rng = random.Random(seed)
    src = sqlite_utils.Database(corpus_db_path)
    base = [
        {c: r.get(c) for c in ADS_COLUMNS}
        for r in src.query("SELECT * FROM ads WHERE description_text IS NOT NULL")
    ]
    for row in base:
        row["description_text"] = (row["description_text"] or "")[:1500]
        row["description"] = None
        row["raw"] = row["raw"] if "salary_is_predicted" in (row["raw"] or "") else None
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    columns = list(insertable_row(dict.fromkeys(ADS_COLUMNS)))  # the text: its stored column
    sql = f"INSERT INTO ads ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    day0 = date(2025, 1, 1)
    employers = max(n // 20, 10)
    made: list[dict] = []
    batch = []
    db.conn.execute("BEGIN")
    with db.conn, fts_triggers_dropped(db.conn):
        for i in range(n):
            if made and rng.random() < 1 / 6:
                row = dict(rng.choice(made[-5000:]))
                posted = date.fromisoformat(row["posted_at"]) + timedelta(days=rng.randrange(45))
            else:
                row = dict(rng.choice(base))
                posted = day0 + timedelta(days=rng.randrange(365))
                if rng.random() < 0.5:
                    town = rng.choice(TOWNS)
                    row.update(city=town, location_raw=town, county=None)
                # every posting gets one of n/20 employers, so a block (employer, place, role,
                # seniority) holds about as many postings at 1M as at 100k: the market's employers
                # grow with its postings; keeping the corpus's few hundred employers would make
                # the data denser with n and measure that, not the matcher's growth
                row["company"] = f"Employer {rng.randrange(employers)} Ltd"
                if rng.random() < 0.2:
                    row["title"] = rng.choice(
                        (row["title"].upper(), f"{row['title']} - {row['city']}")
                    )
                if rng.random() < 0.2:
                    row["description_text"] = " ".join(row["description_text"].split()[:35])
                row["posted_at"] = posted.isoformat()
                made.append(row)
            row = dict(row)
            row["source"] = rng.choice(("reed", "adzuna", "jobspy", "greenhouse"))
            row["source_id"] = f"syn{i}"
            row["id"] = f"{row['source']}:syn{i}"
            row["posted_at"] = posted.isoformat()
            batch.append(tuple(insertable_row(row).get(c) for c in columns))
            if len(batch) >= 20_000:
                db.conn.executemany(sql, batch)
                batch = []
        db.conn.executemany(sql, batch)
        db.conn.execute(
            "INSERT INTO ads_fts (rowid, title, description_text) "
            "SELECT rowid, title, description_text FROM ads"
        )
    db.close()


def _assign_child(path: str) -> None:
    db = sqlite_utils.Database(path)
    started = time.perf_counter()
    stats = assign_vacancies(db)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the clustering processes
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    # ru_maxrss is in KiB on Linux; a worker's peak counts the pages it shares with the parent
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mib": own.ru_maxrss / 1024,
                      "worker_peak_mib": workers.ru_maxrss / 1024, "postings": stats.postings,
                      "vacancies": stats.vacancies, "rules": stats.rules,
                      "stages": stats.stages}))  # fmt: skip


def _measure(pristine: Path, workdir: Path) -> dict:
    """One full ``assign_vacancies`` in a fresh child process on a copy of ``pristine`` (so
    every run does the same work: a first dedup of never-deduplicated postings)."""
    path = workdir / f"run_{pristine.name}"
    shutil.copyfile(pristine, path)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--assign-child", str(path)],
            cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_scale(corpus_db_path: Path, sizes: list[int], workdir: Path, repeat: int) -> None:
    """Per size: postings, median wall and CPU seconds of ``repeat`` runs, CPU microseconds
    per posting, peak RSS (parent and largest worker), CPU seconds per stage (of the run with
    the median CPU); then the growth of CPU per posting from the smallest to the largest
    size (1.00 = linear). The synthetic databases are built once (kept in ``workdir``) and
    copied for each run."""
    results = []
    for n in sizes:
        path = workdir / f"synthetic_{n}.db"
        if not path.exists():
            started = time.perf_counter()
            synthetic_db(corpus_db_path, n, path)
            print(f"  built {n:,} synthetic postings in {time.perf_counter() - started:.0f} s")
        runs = sorted(
            (_measure(path, workdir) for _ in range(repeat)), key=lambda r: r["cpu_seconds"]
        )
        result = dict(runs[len(runs) // 2])
        result["seconds"] = statistics.median(r["seconds"] for r in runs)
        results.append((n, result))
        us = result["cpu_seconds"] / n * 1e6
        stages = ", ".join(f"{k} {v:.1f}" for k, v in result["stages"].items())
        print(f"scale {n:>9,} postings: {result['seconds']:7.1f} s wall, "
              f"{result['cpu_seconds']:6.1f} s CPU, {us:5.0f} us CPU/posting, peak RSS "
              f"{result['peak_mib']:.0f} MiB (+ largest worker {result['worker_peak_mib']:.0f} "
              f"MiB), {result['vacancies']:,} vacancies ({1 - result['vacancies'] / n:.1%} "
              f"merged); median of {repeat}")  # fmt: skip
        print(f"    CPU s per stage: {stages}")
    if len(results) > 1:
        (n0, r0), (n1, r1) = results[0], results[-1]
        ratio = (r1["seconds"] / n1) / (r0["seconds"] / n0)
        cpu_ratio = (r1["cpu_seconds"] / n1) / (r0["cpu_seconds"] / n0)
        print(
            f"  growth of cost per posting, {n1:,} / {n0:,}: CPU {cpu_ratio:.2f}, wall {ratio:.2f} "
            "(1.00 = linear; wall depends on the machine's load)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_corpus = os.environ.get("MLJOBS_CORPUS", str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", default=default_corpus)
    parser.add_argument("--db", help="corpus database to reuse (built when missing)")
    parser.add_argument("--scale", default="", help="synthetic sizes, e.g. 100000,1000000")
    parser.add_argument("--workdir", help="where synthetic databases are kept")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (medians)")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--skip-pairs", action="store_true")
    parser.add_argument("--assign-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.assign_child:
        _assign_child(args.assign_child)
        return
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to measure")
        return
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(args.db) if args.db else Path(tmp) / "corpus.db"
        if not db_path.exists():
            started = time.perf_counter()
            import_corpus(corpus, db_path)
            print(f"corpus imported into {db_path} in {time.perf_counter() - started:.0f} s")
        if not args.skip_pairs:
            bench_pairs(sqlite_utils.Database(db_path), args.show_errors)
            bench_corpus(db_path)
        sizes = [int(s) for s in args.scale.split(",") if s.strip()]
        if sizes:
            workdir = Path(args.workdir) if args.workdir else Path(tmp)
            bench_scale(db_path, sizes, workdir, args.repeat)


if __name__ == "__main__":
    main()
