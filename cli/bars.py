"""The progress bars of :mod:`cli.console` (rich), in a module of their own so that a command
run off a terminal never imports rich."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


class CountColumn(ProgressColumn):
    """``<n> <unit>``: what a task has counted (nothing for a task without a unit)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit")
        return Text(f"{task.completed:,.0f} {unit}" if unit else "", style="progress.download")


class RateColumn(ProgressColumn):
    """``<n> <unit>/s``: the average rate since the task started (steadier than a recent
    rate over the bursts of a crawl)."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("unit") or not task.elapsed:
            return Text("")
        speed = task.completed / task.elapsed
        return Text(f"{speed:,.0f} {task.fields.get('unit', '')}/s", style="progress.data.speed")


def progress_bars(console: Console) -> Progress:
    """A rich ``Progress`` on ``console`` (not started): spinner, name, bar, count, average
    rate, the task's ``extra`` text, elapsed time; stdout is left alone (benchmarks and JSON go
    there, bars or not)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        CountColumn(),
        RateColumn(),
        TextColumn("{task.fields[extra]}"),
        TimeElapsedColumn(),
        console=console,
        redirect_stdout=False,
    )
