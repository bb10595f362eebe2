"""What the commands share: the database and its run lock, Scrapy settings, and the options
several commands take (:func:`crawl_options`, :data:`min_count_option`)."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import sqlite_utils

from crawler.runner import project_settings, run_lock
from db.benchmarks import MIN_COUNT

if TYPE_CHECKING:
    from scrapy.settings import Settings

DEFAULT_DB = "data/mljobs.db"


class RunLockedError(click.ClickException):
    """Another run holds the database's lock (exit status 75, EX_TEMPFAIL: try again later)."""

    exit_code = 75


def db_path(ctx: click.Context) -> str:
    """The ``--db`` path, its folder created (for commands that may create the database)."""
    path = ctx.obj["db"]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return path


def open_database(path: str, create: bool = False) -> sqlite_utils.Database:
    """The database at ``path`` (see ``db.schema.open_db``), or a clear CLI error (exit 1)
    when it is absent (unless ``create``) or not a SQLite database."""
    from db.schema import open_db

    try:
        return open_db(path, create=create)
    except (FileNotFoundError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from exc


def locked(ctx: click.Context) -> AbstractContextManager[Path]:
    """The database's run lock (one writer at a time: crawl, run, import, renormalize; see
    ``crawler.runner.run_lock``). ``RunLocked`` becomes :class:`RunLockedError` in the
    ``mljobs`` group, for every command alike."""
    return run_lock(ctx.obj["db"])


def settings(ctx: click.Context, **overrides: Any) -> Settings:
    """The project's Scrapy settings for this invocation: ``--db``, ``--log-level`` (or the
    running command's :class:`cli.console.Terminal`, which then owns the log) and
    ``overrides`` at command-line priority."""
    term = ctx.obj.get("terminal")
    log = term.scrapy_settings() if term else {"LOG_LEVEL": ctx.obj["log_level"] or "INFO"}
    result = project_settings({"MLJOBS_DB": db_path(ctx), **log, **overrides})
    if term:  # -s LOG_LEVEL=DEBUG
        term.use_level(result.get("LOG_LEVEL"))
    return result


def pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``NAME=VALUE`` option values as a dict; a value without ``=`` or a name is a usage
    error (exit 2) naming ``option``."""
    result = {}
    for value in values:
        name, sep, val = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, not {value!r}", param_hint=option)
        result[name.strip()] = val
    return result


def crawl_options(command: Any) -> Any:
    """The options ``crawl`` and ``run`` share: ``--replay``, ``--jobdir``, ``--refresh``,
    ``-a`` and ``-s``."""
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


#: ``--min-count``, shared by ``benchmarks`` and ``report``.
min_count_option = click.option(
    "--min-count",
    default=MIN_COUNT,
    show_default=True,
    type=click.IntRange(1),
    help="Fewest values behind a figure; smaller groups show 'too few salaries'/'too few ads'.",
)


#: The population filters ``benchmarks`` and ``report`` share: option -> Filters field.
FILTER_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--role", "roles", "Role family, e.g. ml_engineer (repeatable: any of them)."),
    ("--seniority", "seniorities", "Seniority level, e.g. senior (repeatable)."),
    ("--city", "cities", "Town or city, e.g. Manchester (repeatable)."),
    ("--region", "regions", "ITL1 region, e.g. 'North West' (repeatable)."),
    ("--skill", "skills", "Canonical skill, e.g. PyTorch (repeatable: ads with any of them)."),
    ("--source", "sources", "Source name, e.g. reed (repeatable)."),
)


def filter_options(command: Any) -> Any:
    """The filter options (:data:`FILTER_OPTIONS`, ``--since``, ``--until``), collected into
    one ``filters`` argument of type :class:`db.filters.Filters`."""
    import functools

    for flag, _, text in reversed(FILTER_OPTIONS):
        command = click.option(flag, multiple=True, help=text)(command)
    for flag in ("--until", "--since"):
        word = "on or after" if flag == "--since" else "on or before"
        command = click.option(flag, metavar="DATE", help=f"Ads posted {word} DATE (ISO).")(command)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["filters"] = make_filters(kwargs)
        return command(*args, **kwargs)

    return wrapper


def make_filters(options: dict[str, Any]) -> Any:
    """Pop the filter options from a command's ``options`` and build the
    :class:`db.filters.Filters`; an unknown role, seniority or region, or a bad date, is a
    usage error (exit 2) that lists the valid names."""
    from db.filters import FilterError, Filters

    values = {field: options.pop(flag.lstrip("-")) for flag, field, _ in FILTER_OPTIONS}
    dates = {name: options.pop(name) for name in ("since", "until")}
    try:
        return Filters(**values, **dates)
    except FilterError as exc:
        raise click.UsageError(str(exc)) from exc
