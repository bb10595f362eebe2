"""``mljobs report``: a thin layer over :func:`report.render.write_report`."""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import min_count_option, open_database


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
@click.pass_context
def report(ctx: click.Context, out: str, min_count: int, no_charts: bool) -> None:
    """Market-intelligence report of UK ML job ads: JSON, Markdown, HTML and charts.

    Example: mljobs --db data/mljobs.db report --out site/
    """
    from report.build import ReportSettings
    from report.render import write_report

    db = open_database(ctx.obj["db"])
    result = write_report(db, Path(out), ReportSettings(min_count=min_count), charts=not no_charts)
    uk = result["report"]["cells"][0]
    click.echo(
        f"{out}: {len(result['files'])} files; {uk['ads']} ML vacancies, "
        f"{uk['salaries']} with a salary",
        err=True,
    )
