"""Clustering the vacancy step's blocks, in this process or in forked worker processes.

:func:`cluster_all` runs :func:`dedup.matcher.cluster_block` over every block (place, role,
seniority) that :mod:`dedup.store` loaded and yields one ``vacancy_matches`` row per posting.
Blocks are independent, so the rows do not depend on the number of workers. From
:data:`PARALLEL_MIN_POSTINGS` postings on (and for a database file), the blocks go to forked
processes, largest first: they inherit the postings (copy-on-write, frozen from the garbage
collector's walks) and read descriptions through read-only connections of their own. A
description is read and shingled once per distinct text, when its block is clustered, and
dropped once the block is done.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sqlite3
from collections.abc import Callable, Iterable, Iterator

import sqlite_utils

from db.schema import TEXT_STORED, text_of
from dedup.descriptions import shingles
from dedup.matcher import MatchSettings, Posting, cluster_block


def _shingle_loader(conn: sqlite3.Connection) -> Callable[[list[Posting]], None]:
    """A ``load_shingles`` for :func:`dedup.matcher.cluster_block` reading
    ``ads.description_text`` (from its stored columns, :func:`db.schema.text_of`) through
    ``conn``."""

    def load(postings: list[Posting]) -> None:
        # one read and one shingle list per distinct text (``text_key``): copies share the
        # list (memory, and one signature in the matcher); ads without a key are read alone
        readers: dict[str, list[Posting]] = {}
        keyed: dict[bytes, list[Posting]] = {}
        for p in postings:
            if p.text_key is None:
                readers[p.id] = [p]
            else:
                keyed.setdefault(p.text_key, []).append(p)
        readers.update((same[0].id, same) for same in keyed.values())
        ids = list(readers)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor = conn.execute(
                f"SELECT id, {TEXT_STORED}, description FROM ads "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for ad_id, stored, description in cursor:
                found = shingles(text_of(conn, stored, description))
                for p in readers[ad_id]:
                    p.shingles = found
        for p in postings:
            if p.shingles is None:
                p.shingles = []

    return load


#: What a forked worker of :func:`cluster_all` reads (inherited, copy-on-write): the blocks,
#: the database file and the settings.
_FORKED: tuple[dict[tuple[str, str, str], list[Posting]], str, MatchSettings] | None = None
#: Blocks of fewer postings than this in all are clustered in one process.
PARALLEL_MIN_POSTINGS = 20_000

#: A ``vacancy_matches`` row: ad id, vacancy id, rule, matched ad id, title score,
#: description score, days apart, block, employer key (plain values: cheap to pass back from
#: a clustering worker).
_Result = tuple[str, str, str, str | None, float | None, float | None, int | None, str, str | None]


def _results(
    blocks: Iterable[list[Posting]], load: Callable[[list[Posting]], None], settings: MatchSettings
) -> list[_Result]:
    out = []
    for block in blocks:
        name = "|".join(block[0].block) if block else ""  # one string per block, not per ad
        for posting, vac, m in cluster_block(block, load, settings):
            if m is None:
                out.append(
                    (posting.id, vac, "seed", None, None, None, None, name, posting.employer)
                )
            else:
                out.append((posting.id, vac, m.rule, m.matched, m.title_score,
                            m.description_score, m.days_apart, name, posting.employer))  # fmt: skip
            posting.shingles = None  # a block's descriptions are not needed once it is done
    return out


def _cluster_keys(keys: list[tuple[str, str, str]]) -> list[_Result]:
    blocks, path, settings = _FORKED
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _results((blocks[k] for k in keys), _shingle_loader(conn), settings)
    finally:
        conn.close()


def _worker_start() -> None:
    """A clustering worker's start: the default SIGTERM (a handler inherited from a run that
    stops gracefully would keep ``Pool.terminate`` waiting forever), SIGINT ignored (the parent
    decides), and garbage collection on (paused in the parent, see :func:`dedup.store._bulk`)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


def _db_file(db: sqlite_utils.Database) -> str | None:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return row[2] or None


def cluster_all(
    db: sqlite_utils.Database,
    blocks: dict[tuple[str, str, str], list[Posting]],
    settings: MatchSettings,
    workers: int,
) -> Iterator[_Result]:
    """Cluster every block; with ``workers`` > 1 (and a database file), blocks go to that many
    forked processes, each reading descriptions through its own read-only connection. Blocks
    are independent, so the result does not depend on ``workers``.

    ``blocks``: the postings of each block (place, role, seniority), as :mod:`dedup.store`
    loads them. Yields one ``vacancy_matches`` row per posting: ``(ad id, vacancy id, rule,
    matched ad id, title score 0-100, description score 0-1 or None, days apart, block
    "place|role|seniority", employer key)``, for a ``"seed"`` the matched ad id, scores and
    days ``None``; in block order in one process, as tasks finish with workers. An error
    in a worker is raised here (by the pool); a description read fails with
    ``sqlite3.OperationalError`` when ``ads`` lacks its columns."""
    path = _db_file(db)
    total = sum(len(b) for b in blocks.values())
    keys = sorted(blocks, key=lambda k: (-len(blocks[k]), k))
    if workers <= 1 or path is None or total < PARALLEL_MIN_POSTINGS:
        yield from _results((blocks[k] for k in sorted(blocks)), _shingle_loader(db.conn), settings)
        return
    tasks: list[list[tuple[str, str, str]]] = []
    size = 0
    for key in keys:  # largest blocks first, in tasks of about 2,000 postings
        if not tasks or size >= 2_000:
            tasks.append([])
            size = 0
        tasks[-1].append(key)
        size += len(blocks[key])
    global _FORKED
    _FORKED = (blocks, path, settings)
    # The workers inherit the postings; frozen, the workers' collector never walks them (a
    # walk would cost time per inherited object and copy every page it touches).
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start) as pool:
            for part in pool.imap_unordered(_cluster_keys, tasks):
                yield from part
            pool.close()  # every task is done: the workers exit by themselves
            pool.join()
    finally:
        _FORKED = None
        gc.unfreeze()
