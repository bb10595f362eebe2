"""``mljobs import``: a dump of job ads through the normalize and store pipelines."""

from __future__ import annotations

import click

from cli.common import locked, settings
from cli.console import terminal


@click.command("import")
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
    with terminal(ctx, "import") as term, locked(ctx):
        tick = term.progress_tick("import", unit="records")
        [result] = run_spiders(
            [
                (
                    FileImportSpider,
                    {
                        "path": path,
                        "format": fmt,
                        "source": source,
                        "mapping": mapping,
                        "progress": tick,
                    },
                )
            ],
            settings(ctx),
        )
        term.summary(
            f"{path}: {result.count('mljobs/import/records')} records read; " + result.summary()
        )
    if result.failed:
        raise click.ClickException(f"{path}: could not be imported as {fmt} (see the log)")
