"""``mljobs report``: a thin layer over :func:`report.render.write_report`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cli.common import filter_options, min_count_option, open_database
from cli.console import terminal

if TYPE_CHECKING:
    from db.filters import Filters


@click.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for report.json, the Markdown and HTML pages and the charts.",
)
@min_count_option
@click.option("--no-charts", is_flag=True, help="Skip the PNG/SVG charts (faster).")
@filter_options
@click.pass_context
def report(ctx: click.Context, out: str, min_count: int, no_charts: bool, filters: Filters) -> None:
    """Market-intelligence report of UK ML job ads: JSON, Markdown, HTML and charts.

    Filters (as for ``benchmarks``) make a report of that slice of the ads.

    Example: mljobs --db data/mljobs.db report --out site/ --role ml_engineer
    """
    from report.build import ReportSettings
    from report.render import write_report

    db = open_database(ctx.obj["db"])
    with terminal(ctx, "report") as term:
        with term.status("report"):  # write_report gives no progress of its own
            result = write_report(
                db,
                Path(out),
                ReportSettings(min_count=min_count),
                charts=not no_charts,
                filters=filters,
            )
        uk = result["report"]["cells"][0]
        term.summary(
            f"{out}: {len(result['files'])} files; {uk['ads']} ML vacancies, "
            f"{uk['salaries']} with a salary"
        )
