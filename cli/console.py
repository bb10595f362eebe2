"""What a long command (import, crawl, run, renormalize, report) shows while it works.

On a terminal: a progress bar per task (count, rate, elapsed time; :mod:`rich`), then a short
summary. Under cron (stderr not a terminal): no bar, only the summary, the warnings and errors
(one line each, the first :data:`MAX_SHOWN` of them) and the log file's path. In both cases
the full log (Scrapy's and Python's, level INFO) goes to ``<db dir>/logs/<command>-<time>.log``.
With ``mljobs --log-level LEVEL`` the log goes to stderr at that level instead, as it always
did, with no bar and no log file.

Progress comes from the code paths themselves through small hooks: a ``tick(n)`` callable
(:meth:`Terminal.progress`) called from a per-item loop, and Scrapy's ``item_scraped``,
``item_dropped`` and ``response_received`` signals for crawls (:meth:`Terminal.watch_crawler`).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from crawler.runner import RunLocked

if TYPE_CHECKING:  # rich (~0.03 s) is imported only where a bar may be drawn: cli.bars
    from rich.console import Console
    from rich.progress import Progress, TaskID

#: Scrapy's log line format, kept for the log file and ``--log-level`` output alike.
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
LOG_DATEFORMAT = "%Y-%m-%d %H:%M:%S"
#: The level of the log file.
FILE_LEVEL = logging.INFO
#: Warnings and errors echoed on the console, one line each; the rest are counted.
MAX_SHOWN = 10

Tick = Callable[[int], None]

logger = logging.getLogger("mljobs")


def log_file_path(db_path: str | Path, command: str, now: datetime) -> Path:
    """``<folder of db_path>/logs/<command>-<YYYYmmdd-HHMMSS>.log`` (local time), created
    empty; ``-2``, ``-3``... is added when a run of the same second holds the name."""
    folder = Path(db_path).parent / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{command}-{now:%Y%m%d-%H%M%S}"
    for n in range(1, 1000):
        path = folder / (stem if n == 1 else f"{stem}-{n}")
        path = path.with_name(path.name + ".log")
        try:
            path.open("x").close()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: no free log file name for {stem}")


class ConsoleEcho(logging.Handler):
    """Echoes WARNING and worse records on the console, one line each (the message's first
    line, no traceback: that stays in the log file); after :data:`MAX_SHOWN` only counts."""

    def __init__(self, terminal: Terminal):
        super().__init__(level=logging.WARNING)
        self.terminal = terminal
        self.shown = 0
        self.hidden = 0

    def emit(self, record: logging.LogRecord) -> None:
        if self.shown >= MAX_SHOWN:
            self.hidden += 1
            return
        self.shown += 1
        try:
            lines = record.getMessage().strip().splitlines()
        except Exception:  # a bad format string must not stop the run
            lines = [str(record.msg)]
        first = lines[0] if lines else ""
        self.terminal.echo(f"{record.levelname.lower()}: {first}")


class _CrawlWatcher:
    """One crawler's progress task, fed by its signals (bound methods: Scrapy's dispatcher
    holds receivers weakly, :class:`Terminal` holds this object)."""

    def __init__(self, terminal: Terminal, crawler: Any):
        from scrapy import signals

        self.terminal = terminal
        self.responses = 0
        self.dropped = 0
        self.task = terminal.add_task(crawler.spidercls.name, unit="ads")
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def _extra(self) -> str:
        return f"{self.responses:,} responses, {self.dropped:,} dropped"

    def item_scraped(self) -> None:
        self.terminal.advance(self.task, 1, extra=self._extra())

    def item_dropped(self) -> None:
        self.dropped += 1
        self.terminal.advance(self.task, 0, extra=self._extra())

    def response_received(self) -> None:
        self.responses += 1
        self.terminal.advance(self.task, 0, extra=self._extra())

    def spider_closed(self) -> None:
        self.terminal.finish(self.task)


class Terminal:
    """The console of one long command: logging set up on :meth:`start`, progress bars (on a
    terminal only), summary lines through :meth:`echo`, and on :meth:`close` the count of
    warnings not shown and the log file's path.

    ``log_level`` is ``mljobs --log-level`` (``None`` when not given: the quiet console).
    ``console`` defaults to rich's console on stderr; a bar is shown only when it is a
    terminal (``TERM=dumb`` is not)."""

    def __init__(
        self,
        command: str,
        db_path: str | Path,
        log_level: str | None,
        console: Console | None = None,
    ):
        self.command = command
        self.db_path = db_path
        self.log_level = log_level
        self._console = console
        self.verbose = log_level is not None
        self.live = not self.verbose and self._draws_bars()
        self.log_path: Path | None = None
        self.echo_handler = ConsoleEcho(self)
        self.handlers: list[logging.Handler] = []
        self.progress: Progress | None = None
        self.watchers: list[_CrawlWatcher] = []
        self._root_level = logging.root.level

    @property
    def console(self) -> Console:
        """rich's console on stderr (or the one given), made on first use."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    def _draws_bars(self) -> bool:
        """Whether the console is a terminal that can draw bars (rich's own test, which honours
        ``TTY_COMPATIBLE`` and ``FORCE_COLOR``; ``TERM=dumb`` is not). Off a terminal with
        neither variable set rich would say no: it is then not imported at all."""
        if self._console is None and not _stderr_may_be_terminal():
            return False
        return self.console.is_terminal and not self.console.is_dumb_terminal

    # logging ---------------------------------------------------------------------------

    def start(self) -> None:
        """Route the log: to the log file (INFO) plus the console echo of warnings, or with
        ``--log-level`` to stderr at that level."""
        formatter = logging.Formatter(LOG_FORMAT, LOG_DATEFORMAT)
        if self.verbose:
            handler: logging.Handler = logging.StreamHandler()
            handler.setLevel(self.log_level)
            level = handler.level
        else:
            self.log_path = log_file_path(self.db_path, self.command, datetime.now())
            handler = logging.FileHandler(self.log_path, encoding="utf-8")
            handler.setLevel(FILE_LEVEL)
            level = FILE_LEVEL
            self.handlers.append(self.echo_handler)
        handler.setFormatter(formatter)
        self.handlers.insert(0, handler)
        for h in self.handlers:
            logging.root.addHandler(h)
        logging.root.setLevel(level)
        logging.captureWarnings(True)  # Python's warnings: into the log, not raw on stderr
        logger.info("mljobs %s: %s (database %s)", self.command, " ".join(sys.argv), self.db_path)

    def use_level(self, level: str | int) -> None:
        """Log at ``level`` instead (``mljobs crawl -s LOG_LEVEL=DEBUG``): the log file's or,
        with ``--log-level``, the console's."""
        self.handlers[0].setLevel(level)
        logging.root.setLevel(self.handlers[0].level)

    def scrapy_settings(self) -> dict[str, Any]:
        """Scrapy settings that leave the log to this terminal (Scrapy installs no handler
        of its own; ``LOG_LEVEL`` still sets its stats' ``log_count`` threshold)."""
        return {
            "LOG_INSTALL_ROOT_HANDLER": False,
            "LOG_ENABLED": False,
            "LOG_LEVEL": self.log_level or logging.getLevelName(FILE_LEVEL),
        }

    # progress --------------------------------------------------------------------------

    def _progress(self) -> Progress | None:
        if self.live and self.progress is None:
            from cli.bars import progress_bars

            self.progress = progress_bars(self.console)
            self.progress.start()
        return self.progress

    def add_task(self, description: str, total: int | None = None, unit: str = "") -> TaskID:
        """A new bar (nothing off a terminal); ``total`` ``None``: count only."""
        progress = self._progress()
        if progress is None:
            return cast("TaskID", -1)
        return progress.add_task(description, total=total, unit=unit, extra="")

    def advance(self, task: TaskID, n: int = 1, extra: str | None = None) -> None:
        """Count ``n`` more done on ``task``; ``extra``: the text after the rate."""
        if self.progress is not None and task >= 0:
            fields = {} if extra is None else {"extra": extra}
            self.progress.update(task, advance=n, **fields)

    def finish(self, task: TaskID) -> None:
        """Mark ``task`` done (its bar full, its rate the average)."""
        found = [t for t in self.progress.tasks if t.id == task] if self.progress else []
        if found:
            done = found[0].completed
            self.progress.update(task, total=done, completed=done)
            self.progress.stop_task(task)

    def progress_tick(self, description: str, total: int | None = None, unit: str = "") -> Tick:
        """A ``tick(n)`` callable for a per-item loop: a bar named ``description`` counting
        ``unit`` (a no-op off a terminal)."""
        task = self.add_task(description, total, unit)
        if task < 0:
            return _no_tick
        return lambda n=1: self.advance(task, n)

    def watch_crawler(self, crawler: Any) -> None:
        """Show a Scrapy crawler's progress: ads stored (``item_scraped``), responses and
        drops, one bar per spider."""
        if self.live:
            self.watchers.append(_CrawlWatcher(self, crawler))

    @contextmanager
    def status(self, description: str) -> Iterator[None]:
        """A bar with no count (a spinner and the elapsed time) for a step that reports no
        progress of its own."""
        task = self.add_task(description)
        try:
            yield
        finally:
            self.finish(task)

    # output ----------------------------------------------------------------------------

    def echo(self, line: str) -> None:
        """One line on stderr (above the bars while they run)."""
        if self.progress is not None:
            self.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
        else:
            click.echo(line, err=True)

    def summary(self, line: str) -> None:
        """One line on stderr after the bars: they stop (their last state stays on screen)."""
        self.stop_bars()
        click.echo(line, err=True)

    def stop_bars(self) -> None:
        """Finish every bar and stop drawing them; a later task starts new ones."""
        if self.progress is not None:
            for task in self.progress.tasks:
                if not task.finished:
                    self.finish(task.id)
            self.progress.stop()
            self.progress = None

    def close(self) -> None:
        """Stop the bars, undo the logging set-up, then say what was not shown and where the
        full log is."""
        self.stop_bars()
        for handler in self.handlers:
            logging.root.removeHandler(handler)
            handler.close()
        logging.root.setLevel(self._root_level)
        logging.captureWarnings(False)
        hidden = self.echo_handler.hidden
        if hidden:
            click.echo(f"... and {hidden} more warnings/errors", err=True)
        if self.log_path is not None:
            click.echo(f"log: {self.log_path}", err=True)

    def failed(self, exc: Exception) -> click.ClickException:
        """An unexpected error as one line naming the log file, its traceback in the log."""
        self.echo_handler.setLevel(logging.CRITICAL + 1)  # the one line is the error's
        logger.error("%s failed", self.command, exc_info=exc)
        return click.ClickException(
            f"{self.command} failed: {type(exc).__name__}: {exc} (traceback in {self.log_path})"
        )


def _no_tick(n: int = 1) -> None:
    return None


def lazy_tick(
    terminal: Terminal, description: str, total: int | None = None, unit: str = ""
) -> Tick:
    """:meth:`Terminal.progress_tick`, its bar (and rich's refresh thread) started at the first
    tick: a command that forks worker processes first (``crawler.import_parallel``) does so
    while it has no thread."""
    tick: Tick | None = None

    def first(n: int = 1) -> None:
        nonlocal tick
        if tick is None:
            tick = terminal.progress_tick(description, total, unit)
        tick(n)

    return first


def _stderr_may_be_terminal() -> bool:
    """False when rich would find stderr no terminal: it is not a TTY and neither
    ``TTY_COMPATIBLE=1`` nor ``FORCE_COLOR`` says otherwise."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or "FORCE_COLOR" in os.environ:
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False


@contextmanager
def terminal(ctx: click.Context, command: str) -> Iterator[Terminal]:
    """The :class:`Terminal` of this invocation (``mljobs run`` shares its own with the
    commands it invokes), closed when the outermost command ends, even on an error. Off
    ``--log-level``, an unexpected exception becomes one line naming the log file (exit 1),
    its traceback in the log; click's errors and ``RunLocked`` pass through as they are."""
    current = ctx.obj.get("terminal")
    if current is not None:
        yield current
        return
    term = Terminal(command, ctx.obj["db"], ctx.obj.get("log_level"))
    term.start()
    ctx.obj["terminal"] = term
    try:
        yield term
    except (click.ClickException, click.exceptions.Exit, click.Abort, RunLocked):
        raise  # already one line (RunLocked: the group's exit 75)
    except Exception as exc:
        if term.log_path is None:  # --log-level: the traceback on the console, as before
            raise
        raise term.failed(exc) from exc
    finally:
        ctx.obj.pop("terminal", None)
        term.close()
