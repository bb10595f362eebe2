"""``mljobs import``: a dump of job ads through the normalize and store pipelines."""

from __future__ import annotations

import click

from cli.common import db_path, locked
from cli.console import lazy_tick, terminal


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
@click.option(
    "--encoding",
    help="The CSV's text encoding, e.g. cp1252 or utf-16 (default: detected from its bytes).",
)
@click.pass_context
def import_(
    ctx: click.Context,
    path: str,
    fmt: str,
    source: str | None,
    pairs: tuple[str, ...],
    encoding: str | None,
) -> None:
    """Import a dump of job ads through the normalize and store pipelines (no crawl: see
    crawler.import_run).

    Example: mljobs import indeed.csv --format csv --map title=job_title --map location=job_location
    """
    import codecs

    from crawler.import_run import run_import
    from crawler.imports import columns_summary, parse_mapping

    try:
        mapping = parse_mapping(pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--map") from exc
    if mapping and fmt not in ("csv", "scrapy-json"):
        raise click.BadParameter(f"applies to csv and scrapy-json, not {fmt}", param_hint="--map")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise click.BadParameter(
                f"unknown encoding {encoding!r}", param_hint="--encoding"
            ) from exc
    import signal

    from crawler.interrupts import Interrupts, RunInterrupted

    # SIGINT/SIGTERM: the loop stops after the current ad, the last batch is stored and the run
    # recorded as interrupted; then the command exits 130/143 (cli.main)
    with terminal(ctx, "import") as term, locked(ctx), Interrupts() as interrupts:
        # the terminal owns the log (a file, or the console with --log-level)
        overrides = {"MLJOBS_DB": db_path(ctx), "LOG_LEVEL": term.scrapy_settings()["LOG_LEVEL"]}
        result = run_import(
            path,
            fmt,
            source,
            mapping,
            encoding,
            overrides,
            should_stop=lambda: interrupts.received and signal.Signals(interrupts.received).name,
            progress=lazy_tick(term, "import", unit="records"),
        )
        term.summary(
            f"{path}: {result.count('mljobs/import/records')} records read; " + result.summary()
        )
        columns = columns_summary(result.stats)
        if columns:
            term.summary(f"{path}: {columns}")
        if interrupts.received is not None:  # raised while our handlers still hold the signals
            raise RunInterrupted(interrupts.received)
    from crawler.runner import RunFailed, raise_if_not_stored

    try:
        raise_if_not_stored([result])
    except RunFailed as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    if result.failed:
        raise click.ClickException(f"{path}: could not be imported as {fmt} (see the log)")
