"""The ``mljobs`` group: global options, and one place where a held run lock becomes exit 75."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from cli.benchmarks import benchmarks
from cli.common import DEFAULT_DB, RunLockedError
from cli.crawl import crawl_command
from cli.dedup import dedup
from cli.imports import import_
from cli.renormalize import renormalize
from cli.report import report
from cli.run import run
from cli.serve import serve
from cli.sources import sources
from crawler.interrupts import RunInterrupted
from crawler.runner import RunLocked


class MljobsGroup(click.Group):
    """A click group whose commands' ``RunLocked`` (another run holds the database's lock)
    exits 75 with one line, whichever command met it; ``RunInterrupted`` (SIGINT/SIGTERM)
    exits 128 + the signal number with one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RunLocked as exc:
            raise RunLockedError(f"{exc}; not starting a second run") from exc
        except RunInterrupted as exc:  # exit 130 (SIGINT) / 143 (SIGTERM), as a shell would
            for signum in (signal.SIGINT, signal.SIGTERM):  # on the way out: a further signal
                signal.signal(signum, signal.SIG_IGN)  # must not kill the exit half-way
            click.echo(f"Interrupted: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:  # Ctrl-C outside a crawl (benchmarks, report)
            click.echo("Interrupted: SIGINT", err=True)
            ctx.exit(130)


@click.group(cls=MljobsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    default=lambda: os.environ.get("MLJOBS_DB", DEFAULT_DB),
    show_default=f"$MLJOBS_DB, else {DEFAULT_DB}",
    help="SQLite database file.",
)
@click.option(
    "--log-level",
    default=None,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    help="Log to stderr at this level (Scrapy's and Python's log), with no progress bar. "
    "Default: a progress bar on a terminal, warnings and a summary, the full log (INFO) in "
    "<db folder>/logs/<command>-<time>.log.",
)
@click.pass_context
def main(ctx: click.Context, db: str, log_level: str | None) -> None:
    """UK machine-learning job market: crawl, import, normalize, benchmark.

    Example: mljobs import ads.csv --format csv && mljobs benchmarks --by city
    """
    ctx.ensure_object(dict)
    ctx.obj.update(db=db, log_level=log_level.upper() if log_level else None)


for command in (
    crawl_command,
    import_,
    renormalize,
    dedup,
    benchmarks,
    run,
    report,
    sources,
    serve,
):
    main.add_command(command)


if __name__ == "__main__":
    sys.exit(main())
