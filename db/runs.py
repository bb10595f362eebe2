"""Reads of ``crawl_runs``: a source's recent runs (source health) and the latest run of each
spider (``mljobs sources``)."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def run_history(db: sqlite_utils.Database, spider: str, limit: int = 5) -> list[dict[str, Any]]:
    """The Scrapy stats (dicts) of the ``limit`` latest finished runs of ``spider`` that were
    not flagged unhealthy, newest first (the baseline of ``crawler.health``)."""
    rows = db.conn.execute(
        "SELECT stats FROM crawl_runs WHERE spider = ? AND finish_reason = 'finished' "
        "AND coalesce(health, 'healthy') = 'healthy' ORDER BY id DESC LIMIT ?",
        [spider, limit],
    ).fetchall()
    return [json.loads(stats) for (stats,) in rows if stats]


def latest_runs(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """``{spider: its latest crawl_runs row}`` (the row's columns, ``stats`` decoded), and
    ``last_error``: the newest run of that spider with errors, as ``{"finished_at", "errors",
    "reasons"}`` (reasons: its ``mljobs/errors/<reason>`` counts) or ``None``."""
    latest: dict[str, dict[str, Any]] = {}
    for row in db.query(
        "SELECT * FROM crawl_runs WHERE id IN (SELECT max(id) FROM crawl_runs GROUP BY spider)"
    ):
        row["stats"] = json.loads(row["stats"] or "{}")
        row["last_error"] = None
        latest[row["spider"]] = row
    for row in db.query(
        "SELECT spider, finished_at, errors, stats FROM crawl_runs WHERE id IN "
        "(SELECT max(id) FROM crawl_runs WHERE errors > 0 GROUP BY spider)"
    ):
        stats = json.loads(row["stats"] or "{}")
        reasons = {
            k.removeprefix("mljobs/errors/"): v
            for k, v in stats.items()
            if k.startswith("mljobs/errors/")
        }
        if row["spider"] in latest:
            latest[row["spider"]]["last_error"] = {
                "finished_at": row["finished_at"],
                "errors": row["errors"],
                "reasons": reasons,
            }
    return latest
