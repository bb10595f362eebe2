"""``mljobs run``: the scheduled job (crawl, dedup, benchmarks, report)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.benchmarks import benchmarks
from cli.common import crawl_options
from cli.console import terminal
from cli.crawl import crawl_spiders
from cli.dedup import dedup
from cli.report import report


@click.command()
@crawl_options
@click.option(
    "--fail-on-unhealthy",
    is_flag=True,
    help="Exit 1 (after the benchmarks and report) when a source's run is unhealthy, for cron "
    "mail.",
)
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
    fail_on_unhealthy: bool,
    report_out: str | None,
) -> None:
    """The scheduled job: crawl every configured source, recompute the vacancies (mljobs
    dedup), print the benchmarks, write the report.

    One run per database at a time (a lock file beside it); exits non-zero when every source
    failed, and with --fail-on-unhealthy when a source's run is unhealthy (see ``mljobs
    sources``). Example (crontab): 17 6 * * * cd /srv/mljobs && .venv/bin/mljobs run
    --fail-on-unhealthy
    """
    with terminal(ctx, "run"):  # one log file and one console for the crawl and the report
        # Vacancies are computed once, by the full dedup: the crawl's own incremental pass
        # would only redo part of that work.
        results = crawl_spiders(
            ctx, (), replay, jobdir, refresh, spider_args, set_settings, assign=False
        )
        ctx.invoke(dedup)
        ctx.invoke(benchmarks, by="city", all_ads=False, as_json=False, limit=20)
        out = report_out or str(Path(ctx.obj["db"]).parent / "report")
        ctx.invoke(report, out=out)
    unhealthy = [f"{r.spider} ({r.unhealthy})" for r in results if r.unhealthy]
    if fail_on_unhealthy and unhealthy:
        raise click.ClickException(f"unhealthy source(s): {'; '.join(unhealthy)}")
