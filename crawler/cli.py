"""The ``mljobs`` command line: a thin click layer over ``crawler``, ``db`` and ``report``."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from report.cli import report

DEFAULT_DB = "data/mljobs.db"


def _db_path(ctx: click.Context) -> str:
    path = ctx.obj["db"]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return path


def open_database(path: str, create: bool = False):
    """The database at ``path`` (see ``db.schema.open_db``), or a clear CLI error when it is
    absent (unless ``create``) or not a SQLite database."""
    from db.schema import open_db

    try:
        return open_db(path, create=create)
    except (FileNotFoundError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _locked(ctx: click.Context) -> Iterator[None]:
    """Hold the database's run lock (one writer at a time: crawl, run, import, renormalize)."""
    from crawler.runner import RunLocked, run_lock

    try:
        with run_lock(ctx.obj["db"]):
            yield
    except RunLocked as exc:
        raise RunLockedError(f"{exc}; not starting a second run") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    default=lambda: os.environ.get("MLJOBS_DB", DEFAULT_DB),
    show_default=f"$MLJOBS_DB, else {DEFAULT_DB}",
    help="SQLite database file.",
)
@click.option(
    "--log-level",
    default="INFO",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    help="Scrapy log level for crawls and imports.",
)
@click.pass_context
def main(ctx: click.Context, db: str, log_level: str) -> None:
    """UK machine-learning job market: crawl, import, normalize, benchmark.

    Example: mljobs import ads.csv --format csv && mljobs benchmarks --by city
    """
    ctx.ensure_object(dict)
    ctx.obj.update(db=db, log_level=log_level.upper())


def _settings(ctx: click.Context, **overrides: Any):
    from crawler.runner import project_settings

    return project_settings(
        {"MLJOBS_DB": _db_path(ctx), "LOG_LEVEL": ctx.obj["log_level"], **overrides}
    )


class RunLockedError(click.ClickException):
    """Another run holds the database's lock (exit status 75, EX_TEMPFAIL: try again later)."""

    exit_code = 75


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, val = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, not {value!r}", param_hint=option)
        pairs[name.strip()] = val
    return pairs


def _crawl(
    ctx: click.Context,
    spiders: tuple[str, ...],
    replay: str | None,
    jobdir: str | None = None,
    refresh: bool = False,
    spider_args: tuple[str, ...] = (),
    set_settings: tuple[str, ...] = (),
) -> list:
    """Run the named spiders (every configured one when none is named) under the database's
    run lock, print one summary line per spider and fail (exit 1) when a replay missed
    requests or when every spider failed."""
    from crawler.replay import Recording
    from crawler.runner import run_spiders, skipped_spiders, spider_names

    overrides: dict[str, Any] = {}
    if replay:
        try:
            Recording(replay)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"--replay {replay}: {exc}") from exc
        # No remote host to be polite to: no delays (retry backoff and Retry-After still run).
        overrides.update(
            MLJOBS_REPLAY_DIR=str(Path(replay).resolve()),
            DOWNLOAD_DELAY=0,
            AUTOTHROTTLE_ENABLED=False,
            DOWNLOAD_SLOTS={},
        )
    if refresh:
        overrides["MLJOBS_REFRESH"] = True
    overrides.update(_pairs(set_settings, "-s"))
    kwargs = _pairs(spider_args, "-a")
    settings = _settings(ctx, **overrides)
    known = spider_names(settings, enabled_only=False)
    unknown = [s for s in spiders if s not in known]
    if unknown:
        raise click.ClickException(f"unknown spider(s) {unknown}; known: {', '.join(known)}")
    names = list(spiders) or spider_names(settings)
    skipped = skipped_spiders(names, settings)
    for name, reason in skipped.items():
        click.echo(f'{name}: skipped, {reason} (see README, "Sources")', err=True)
    names = [n for n in names if n not in skipped]
    if not names:
        raise click.ClickException("no spider to run: every one asked for is not configured")
    with _locked(ctx):
        results = run_spiders([(name, kwargs) for name in names], settings, jobdir=jobdir)
    for result in results:
        click.echo(result.summary(), err=True)
    missing = sum(r.count("replay/missing") for r in results)
    if missing:
        raise click.ClickException(f"{missing} request(s) were not in the recording {replay}")
    if results and all(r.failed for r in results):
        raise click.ClickException(
            f"no source could be reached ({len(results)} spider(s), "
            f"{sum(r.responses for r in results)} responses): is the network up?"
        )
    return results


def crawl_options(command: Any) -> Any:
    """The options ``crawl`` and ``run`` share."""
    for option in reversed(
        (
            click.option(
                "--replay",
                type=click.Path(exists=True, file_okay=False),
                help="Serve every response from a recorded folder (index.json).",
            ),
            click.option(
                "--jobdir",
                type=click.Path(file_okay=False),
                help="Keep each spider's queue in JOBDIR/<spider>, so a stopped crawl "
                "resumes there (removed when the spider finishes).",
            ),
            click.option(
                "--refresh",
                is_flag=True,
                help="Fetch every listed ad again, even those held unchanged.",
            ),
            click.option(
                "-a",
                "spider_args",
                multiple=True,
                metavar="NAME=VALUE",
                help="Spider argument, e.g. -a boards=monzo (repeatable).",
            ),
            click.option(
                "-s",
                "set_settings",
                multiple=True,
                metavar="NAME=VALUE",
                help="Scrapy/mljobs setting, e.g. -s MLJOBS_MAX_PAGES=2 (repeatable).",
            ),
        )
    ):
        command = option(command)
    return command


@main.command()
@click.argument("spiders", nargs=-1)
@crawl_options
@click.pass_context
def crawl(
    ctx: click.Context,
    spiders: tuple[str, ...],
    replay: str | None,
    jobdir: str | None,
    refresh: bool,
    spider_args: tuple[str, ...],
    set_settings: tuple[str, ...],
) -> None:
    """Run spiders (all configured ones by default) and store their ads.

    Example: mljobs crawl --replay ../shared/corpus/replay
    """
    _crawl(ctx, spiders, replay, jobdir, refresh, spider_args, set_settings)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["adzuna-kaggle", "jobspy", "scrapy-json", "csv"]),
    help="The dump's format.",
)
@click.option("--source", help="Source name for the ads' keys (default: per format or file stem).")
@click.option(
    "--map",
    "pairs",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="csv: the column holding FIELD (repeatable).",
)
@click.pass_context
def import_(
    ctx: click.Context, path: str, fmt: str, source: str | None, pairs: tuple[str, ...]
) -> None:
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
    if mapping and fmt not in ("csv", "scrapy-json"):
        raise click.BadParameter(f"applies to csv and scrapy-json, not {fmt}", param_hint="--map")
    settings = _settings(ctx)
    with _locked(ctx):
        [result] = run_spiders(
            [
                (
                    FileImportSpider,
                    {"path": path, "format": fmt, "source": source, "mapping": mapping},
                )
            ],
            settings,
        )
    click.echo(
        f"{path}: {result.count('mljobs/import/records')} records read; " + result.summary(),
        err=True,
    )
    if result.failed:
        raise click.ClickException(f"{path}: could not be imported as {fmt} (see the log above)")


@main.command()
@click.pass_context
def renormalize(ctx: click.Context) -> None:
    """Rerun the normalizers over every stored ad (after improving them).

    Example: mljobs --db data/mljobs.db renormalize
    """
    from crawler.pipelines import annualize_settings
    from db.store import renormalize as renormalize_ads
    from normalize.ad import normalize_ad

    annualize = annualize_settings(_settings(ctx))
    db = open_database(ctx.obj["db"])

    def renormalize_one(raw: dict) -> dict:
        fields = normalize_ad(raw, settings=annualize)
        if fields["posted_at"] is None:  # a relative date, read against the crawl time
            fields["posted_at"] = raw["posted_at"]
        return fields

    with _locked(ctx):
        count = renormalize_ads(db, renormalize_one)
    click.echo(f"renormalized {count} ads", err=True)


def _money(value: float | None) -> str:
    return "-" if value is None else f"£{value:,.0f}"


@main.command()
@click.option(
    "--by", required=True, type=click.Choice(["city", "region", "role", "seniority", "skill"])
)
@click.option("--all-ads", is_flag=True, help="Count every UK ad, not only ML roles.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option(
    "--min-count",
    default=None,
    type=click.IntRange(1),
    help="Fewest salaries for a figure (default 10).",
)
@click.option(
    "--limit",
    default=40,
    show_default=True,
    type=click.IntRange(0),
    help="Rows in the table (0 for all; --json prints all).",
)
@click.pass_context
def benchmarks(
    ctx: click.Context, by: str, all_ads: bool, as_json: bool, min_count: int | None, limit: int
) -> None:
    """Salary benchmarks per group: ads, salaries, median and P10-P90 (GBP per year).

    Example: mljobs benchmarks --by city --all-ads
    """
    from db.benchmarks import MIN_COUNT
    from db.benchmarks import benchmarks as compute

    rows = compute(
        open_database(ctx.obj["db"]), by, all_ads=all_ads, min_count=min_count or MIN_COUNT
    )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    shown = rows if limit == 0 else rows[:limit]
    header = (
        f"{by:<28} {'ads':>6} {'salaries':>8} {'p10':>9} {'p25':>9} {'median':>9} "
        f"{'p75':>9} {'p90':>9} {'day rates':>9} {'day median':>10}"
    )
    click.echo(header)
    for r in shown:
        name = "(unknown)" if r["group"] is None else str(r["group"])
        if r["median"] is None:
            figures = f"{'too few salaries':>49}"
        else:
            figures = " ".join(f"{_money(r[k]):>9}" for k in ("p10", "p25", "median", "p75", "p90"))
        click.echo(
            f"{name[:28]:<28} {r['ads']:>6} {r['salaries']:>8} {figures} "
            f"{r['day_rates']:>9} {_money(r['day_rate_median']):>10}"
        )
    if len(rows) > len(shown):
        click.echo(f"... {len(rows) - len(shown)} more groups (--limit 0 for all)")


@main.command()
@crawl_options
@click.option(
    "--report-out",
    type=click.Path(file_okay=False),
    help="Where to write the report (default: a report/ folder beside the database).",
)
@click.pass_context
def run(
    ctx: click.Context,
    replay: str | None,
    jobdir: str | None,
    refresh: bool,
    spider_args: tuple[str, ...],
    set_settings: tuple[str, ...],
    report_out: str | None,
) -> None:
    """The scheduled job: crawl every configured source, print the benchmarks, write the report.

    One run per database at a time (a lock file beside it); exits non-zero when every source
    failed. Example (crontab): 17 6 * * * cd /srv/mljobs && .venv/bin/mljobs run
    """
    _crawl(ctx, (), replay, jobdir, refresh, spider_args, set_settings)
    ctx.invoke(benchmarks, by="city", all_ads=False, as_json=False, min_count=None, limit=20)
    out = report_out or str(Path(ctx.obj["db"]).parent / "report")
    ctx.invoke(report, out=out)


main.add_command(report)


if __name__ == "__main__":
    sys.exit(main())
