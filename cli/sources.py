"""``mljobs sources``: one row per source: enabled or why not, its last run, its health."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cli.common import open_database
from crawler.runner import project_settings


def _enabled(spidercls: type, project: Any) -> str:
    from crawler.bases.search import not_configured

    if not getattr(spidercls, "enabled", True):
        return "no: disabled"
    reason = not_configured(spidercls, project)
    return f"no: {reason}" if reason else "yes"


def source_rows(ctx: click.Context) -> list[dict[str, Any]]:
    """One dict per spider: ``source``, ``enabled``, and from its latest run ``last_run``
    (finish time), ``items``, ``new``, ``coverage`` (``{field: percent}``), ``health``,
    ``health_reasons`` and ``last_error``."""
    from scrapy.spiderloader import SpiderLoader

    from crawler.health import coverage
    from crawler.runner import spider_names
    from db.runs import latest_runs

    project = project_settings({"MLJOBS_DB": ctx.obj["db"]})  # a read: no folder made
    loader = SpiderLoader.from_settings(project)
    runs: dict[str, dict[str, Any]] = {}
    if Path(ctx.obj["db"]).exists():  # no database yet: no source has run
        db = open_database(ctx.obj["db"])
        try:
            runs = latest_runs(db)
        finally:
            db.close()
    rows = []
    for name in spider_names(project, enabled_only=False):
        run = runs.get(name) or {}
        rows.append(
            {
                "source": name,
                "enabled": _enabled(loader.load(name), project),
                "last_run": run.get("finished_at"),
                "items": run.get("items"),
                "new": run.get("new"),
                "coverage": {
                    f: round(100 * share) for f, share in coverage(run.get("stats") or {}).items()
                },
                "health": run.get("health"),
                "health_reasons": run.get("health_reasons"),
                "last_error": run.get("last_error"),
            }
        )
    return rows


def _error_text(error: dict[str, Any] | None) -> str:
    if not error:
        return "-"
    reasons = ", ".join(f"{k} x{v}" for k, v in sorted(error["reasons"].items()))
    return f"{error['finished_at'][:16]} {reasons or str(error['errors']) + ' errors'}"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.pass_context
def sources(ctx: click.Context, as_json: bool) -> None:
    """One row per source: enabled or why not, last run, items, new, salary and location
    coverage of its items, last error and health (with the reasons when unhealthy).

    Example: mljobs sources --json
    """
    rows = source_rows(ctx)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(
        f"{'source':<27} {'enabled':<46} {'last run':<16} {'items':>6} {'new':>5} "
        f"{'salary':>6} {'place':>6}  {'last error':<28} health"
    )
    for r in rows:
        cov = r["coverage"]
        pct = {f: "-" if f not in cov else f"{cov[f]}%" for f in ("salary", "location")}
        health = r["health"] or "-"
        if r["health_reasons"]:
            health = f"{health}: {r['health_reasons']}"
        click.echo(
            f"{r['source']:<27} {r['enabled'][:46]:<46} {(r['last_run'] or 'never')[:16]:<16} "
            f"{'-' if r['items'] is None else r['items']:>6} "
            f"{'-' if r['new'] is None else r['new']:>5} {pct['salary']:>6} "
            f"{pct['location']:>6}  {_error_text(r['last_error']):<28} {health}"
        )
