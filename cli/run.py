"""``mljobs run``: the scheduled job (crawl, benchmarks, report)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.benchmarks import benchmarks
from cli.common import crawl_options
from cli.crawl import crawl_spiders
from cli.report import report


@click.command()
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
    crawl_spiders(ctx, (), replay, jobdir, refresh, spider_args, set_settings)
    ctx.invoke(benchmarks, by="city", all_ads=False, as_json=False, limit=20)
    out = report_out or str(Path(ctx.obj["db"]).parent / "report")
    ctx.invoke(report, out=out)
