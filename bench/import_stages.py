"""CPU per ad of each stage of an import, in one process, without a profiler (issue 15).

Runs the stages of ``mljobs import`` one after the other over the same ``--rows`` Adzuna rows
(bench/import.py's CSV: the dev set's rows repeated with new ids), each stage over all the ads
before the next, timed with ``time.process_time`` (CPU of this process; the profiler's per-call
cost distorts small functions several times over), with the garbage collector off during each
stage (a collection costs what is alive, here every ad of every stage, not the stage's work):

- read: the dump reader (``crawler.imports.import_items``: CSV, cleaning, column plan);
- the normalize pipeline (``NormalizePipeline.process_item``), and inside it ``normalize_ad``
  (timed around each call) and the pipeline's other work (the rest, with the timer's calls);
- prepare (``StorePipeline.prepare``: ``db.store.ad_row``: the row, ``raw`` split into JSON,
  the content hash, the stored text);
- store (``db.store.upsert_rows`` in batches of ``crawler.import_run.IMPORT_BATCH``, into a
  new database, FTS kept);
- pickling between processes, as a worker import pays it: the records of each chunk
  (``crawler.import_parallel.CHUNK``) dumped and loaded, and the prepared ads coming back.

Run: ``.venv/bin/python bench/import_stages.py [--rows 20000] [--repeats 3]``. Prints
microseconds of CPU per ad per stage (median of the repeats, and the least: on a shared machine
the least is the steadier figure; every stage is run ``--repeats`` times over the ads, the
store into a new database each time); asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds normalize.py, which would hide the normalize package: take it off the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from crawler import pipelines  # noqa: E402
from crawler.import_parallel import CHUNK, chunked  # noqa: E402
from crawler.import_run import IMPORT_BATCH, ImportRun, ImportSettings  # noqa: E402
from crawler.imports import import_items  # noqa: E402
from crawler.pipelines import NormalizePipeline, StorePipeline  # noqa: E402
from db.schema import open_db  # noqa: E402
from db.store import upsert_rows, use_bulk_cache  # noqa: E402
from normalize.ad import normalize_ad  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importlib import import_module  # noqa: E402

bench_import = import_module("import")  # bench/import.py: its CSV builder and paths


def cpu(work: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of ``work()`` in this process, and its result (the garbage collector off
    while it runs)."""
    gc.collect()  # no collection left over from the stage before
    gc.disable()  # nor one triggered here by the ads the bench holds (a collection's cost
    try:  # depends on all that is alive, not on this stage's work)
        start = time.process_time()
        result = work()
        return time.process_time() - start, result
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    bench_import.WORK.mkdir(parents=True, exist_ok=True)
    path = bench_import.build_csv(
        bench_import.DEV_CSV, args.rows, bench_import.WORK / f"adzuna_{args.rows}.csv"
    )
    logging.basicConfig(level=logging.WARNING)
    log = logging.getLogger("import")
    settings = ImportSettings({"MLJOBS_DB": ":memory:", "MLJOBS_STORE_BATCH": IMPORT_BATCH})
    run = ImportRun(settings)
    normalize = NormalizePipeline(run)
    normalize.open_spider()  # the normalizers' data loaded, as in an import
    times: dict[str, list[float]] = {}

    def add(stage: str, seconds: float) -> None:
        times.setdefault(stage, []).append(seconds)

    for _ in range(args.repeats):
        seconds, items = cpu(
            lambda: list(import_items(path, "adzuna-kaggle", None, None, run.stats, log))
        )
        add("read (import_items)", seconds)
        inside = [0.0]

        def timed(*args: Any, inside: list[float] = inside, **kwargs: Any) -> Any:
            # normalize_ad, its CPU counted apart
            start = time.process_time()
            try:
                return normalize_ad(*args, **kwargs)
            finally:
                inside[0] += time.process_time() - start

        pipelines.normalize_ad = timed
        seconds, ads = cpu(lambda items=items: [normalize.process_item(i) for i in items])
        pipelines.normalize_ad = normalize_ad
        add("normalize pipeline", seconds)
        add("  of it normalize_ad", inside[0])
        add("  of it the rest", seconds - inside[0])
        seconds, prepared = cpu(lambda ads=ads: [StorePipeline.prepare(ad) for ad in ads])
        add("prepare (ad_row)", seconds)
        with tempfile.TemporaryDirectory() as tmp:
            db = open_db(Path(tmp) / "stages.db")
            use_bulk_cache(db)

            def store(prepared: list[Any] = prepared, db: Any = db) -> None:
                for start in range(0, len(prepared), IMPORT_BATCH):
                    batch = prepared[start : start + IMPORT_BATCH]
                    upsert_rows(db, [(p.row, p.skills) for p in batch], "2026-01-01T00:00:00")

            seconds, _ = cpu(store)
            add("store (upsert_rows)", seconds)
            db.close()
        seconds, _ = cpu(
            lambda items=items: [pickle.loads(pickle.dumps(c, -1)) for c in chunked(items, CHUNK)]
        )
        add("pickle records (to workers)", seconds)
        slim = [("ok", p.packed()) for p in prepared]
        seconds, _ = cpu(
            lambda slim=slim: [pickle.loads(pickle.dumps(c, -1)) for c in chunked(slim, CHUNK)]
        )
        add("pickle rows (from workers)", seconds)
    count = len(items)
    print(f"{count:,} ads ({path.name}), median of {args.repeats} runs, CPU us per ad")
    total = 0.0
    for stage, values in times.items():
        per_ad = statistics.median(values) / count * 1e6
        if not stage.startswith(" ") and not stage.startswith("pickle"):
            total += per_ad
        print(f"{stage:<30} {per_ad:8.1f}  (min {min(values) / count * 1e6:6.1f})")
    print(f"{'in one process (no pickling)':<30} {total:8.1f}  ({1e6 / total:,.0f} ads/CPU-s)")
    print(f"pid {os.getpid()}")


if __name__ == "__main__":
    main()
