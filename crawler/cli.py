"""The ``mljobs`` command line: a thin click layer over ``crawler``, ``db`` and ``report``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = "data/mljobs.db"


def _db_path(ctx: click.Context) -> str:
    path = ctx.obj["db"]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", default=lambda: os.environ.get("MLJOBS_DB", DEFAULT_DB),
              show_default=f"$MLJOBS_DB, else {DEFAULT_DB}", help="SQLite database file.")
@click.option("--log-level", default="INFO", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
              help="Scrapy log level for crawls and imports.")
@click.pass_context
def main(ctx: click.Context, db: str, log_level: str) -> None:
    """UK machine-learning job market: crawl, import, normalize, benchmark.

    Example: mljobs import ads.csv --format csv && mljobs benchmarks --by city
    """
    ctx.ensure_object(dict)
    ctx.obj.update(db=db, log_level=log_level.upper())


def _settings(ctx: click.Context, **overrides: Any):
    from crawler.runner import project_settings

    return project_settings({"MLJOBS_DB": _db_path(ctx), "LOG_LEVEL": ctx.obj["log_level"],
                             **overrides})


def _crawl(ctx: click.Context, spiders: tuple[str, ...], replay: str | None) -> list:
    from crawler.replay import Recording
    from crawler.runner import run_spiders, spider_names

    overrides: dict[str, Any] = {}
    if replay:
        try:
            Recording(replay)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"--replay {replay}: {exc}") from exc
        overrides["MLJOBS_REPLAY_DIR"] = str(Path(replay).resolve())
    settings = _settings(ctx, **overrides)
    known = spider_names(settings, enabled_only=False)
    unknown = [s for s in spiders if s not in known]
    if unknown:
        raise click.ClickException(f"unknown spider(s) {unknown}; known: {', '.join(known)}")
    names = list(spiders) or spider_names(settings)
    results = run_spiders([(name, {}) for name in names], settings)
    for result in results:
        click.echo(result.summary(), err=True)
    missing = sum(r.count("replay/missing") for r in results)
    if missing:
        raise click.ClickException(f"{missing} request(s) were not in the recording {replay}")
    if results and all(r.failed for r in results):
        raise click.ClickException(
            f"no source could be reached ({len(results)} spider(s), "
            f"{sum(r.responses for r in results)} responses): is the network up?")
    return results


@main.command()
@click.argument("spiders", nargs=-1)
@click.option("--replay", type=click.Path(exists=True, file_okay=False),
              help="Serve every response from a recorded folder (index.json).")
@click.pass_context
def crawl(ctx: click.Context, spiders: tuple[str, ...], replay: str | None) -> None:
    """Run spiders (all enabled ones by default) and store their ads.

    Example: mljobs crawl --replay ../shared/corpus/replay
    """
    _crawl(ctx, spiders, replay)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["adzuna-kaggle", "jobspy", "scrapy-json", "csv"]),
              help="The dump's format.")
@click.option("--source", help="Source name for the ads' keys (default: per format or file stem).")
@click.option("--map", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="csv: the column holding FIELD (repeatable).")
@click.pass_context
def import_(ctx: click.Context, path: str, fmt: str, source: str | None,
            pairs: tuple[str, ...]) -> None:
    """Import a dump of job ads through the normalize and store pipelines.

    Example: mljobs import indeed.csv --format csv --map title=job_title --map location=job_location
    """
    from crawler.bases.importer import FileImportSpider
    from crawler.imports import parse_mapping
    from crawler.runner import run_spiders

    try:
        mapping = parse_mapping(pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from exc
    settings = _settings(ctx)
    [result] = run_spiders(
        [(FileImportSpider, {"path": path, "format": fmt, "source": source, "mapping": mapping})],
        settings,
    )
    click.echo(f"{path}: {result.count('mljobs/import/records')} records read; "
               + result.summary(), err=True)
    if result.failed:
        raise click.ClickException(f"{path}: could not be imported as {fmt} (see the log above)")


@main.command()
@click.pass_context
def renormalize(ctx: click.Context) -> None:
    """Rerun the normalizers over every stored ad (after improving them).

    Example: mljobs --db data/mljobs.db renormalize
    """
    from crawler.pipelines import annualize_settings
    from db.schema import open_db
    from db.store import renormalize as renormalize_ads
    from normalize.ad import normalize_ad

    annualize = annualize_settings(_settings(ctx))
    db = open_db(_db_path(ctx))
    count = renormalize_ads(db, lambda raw: normalize_ad(raw, settings=annualize))
    click.echo(f"renormalized {count} ads", err=True)


def _money(value: float | None) -> str:
    return "-" if value is None else f"£{value:,.0f}"


@main.command()
@click.option("--by", required=True,
              type=click.Choice(["city", "region", "role", "seniority", "skill"]))
@click.option("--all-ads", is_flag=True, help="Count every UK ad, not only ML roles.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--min-count", default=None, type=click.IntRange(1),
              help="Fewest salaries for a figure (default 10).")
@click.option("--limit", default=40, show_default=True, type=click.IntRange(0),
              help="Rows in the table (0 for all; --json prints all).")
@click.pass_context
def benchmarks(ctx: click.Context, by: str, all_ads: bool, as_json: bool,
               min_count: int | None, limit: int) -> None:
    """Salary benchmarks per group: ads, salaries, median and P10-P90 (GBP per year).

    Example: mljobs benchmarks --by city --all-ads
    """
    from db.benchmarks import MIN_COUNT, benchmarks as compute
    from db.schema import open_db

    rows = compute(open_db(_db_path(ctx)), by, all_ads=all_ads, min_count=min_count or MIN_COUNT)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    shown = rows if limit == 0 else rows[:limit]
    header = f"{by:<28} {'ads':>6} {'salaries':>8} {'p10':>9} {'p25':>9} {'median':>9} " \
             f"{'p75':>9} {'p90':>9} {'day rates':>9} {'day median':>10}"
    click.echo(header)
    for r in shown:
        name = "(unknown)" if r["group"] is None else str(r["group"])
        if r["median"] is None:
            figures = f"{'too few salaries':>49}"
        else:
            figures = " ".join(f"{_money(r[k]):>9}" for k in ("p10", "p25", "median", "p75", "p90"))
        click.echo(f"{name[:28]:<28} {r['ads']:>6} {r['salaries']:>8} {figures} "
                   f"{r['day_rates']:>9} {_money(r['day_rate_median']):>10}")
    if len(rows) > len(shown):
        click.echo(f"... {len(rows) - len(shown)} more groups (--limit 0 for all)")


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """The scheduled job: crawl every enabled source, then print the benchmarks.

    Example (crontab): 17 6 * * * cd /srv/mljobs && .venv/bin/mljobs run
    """
    _crawl(ctx, (), None)
    ctx.invoke(benchmarks, by="city", all_ads=False, as_json=False, min_count=None, limit=20)


if __name__ == "__main__":
    sys.exit(main())
