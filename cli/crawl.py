"""``mljobs crawl``: run spiders and store their ads (the policy is
:func:`crawler.runner.crawl`)."""

from __future__ import annotations

import click

from cli.common import crawl_options, pairs, settings
from cli.console import terminal
from crawler.runner import RunFailed, RunRefused, RunResult


def crawl_spiders(
    ctx: click.Context,
    spiders: tuple[str, ...],
    replay: str | None,
    jobdir: str | None = None,
    refresh: bool = False,
    spider_args: tuple[str, ...] = (),
    set_settings: tuple[str, ...] = (),
    limit: int | None = None,
    assign: bool = True,
) -> list[RunResult]:
    """The options of ``crawl``/``run`` -> :func:`crawler.runner.crawl`, its messages on
    stderr and its refusals and failures as CLI errors (exit 1). ``assign=False``: the crawl
    does not assign the vacancies of its ads (the caller recomputes them all)."""
    from crawler.runner import crawl, crawl_overrides

    overrides = pairs(set_settings, "-s")
    kwargs = pairs(spider_args, "-a")
    with terminal(ctx, "crawl") as term:
        try:
            overrides = {**crawl_overrides(replay, refresh, limit), **overrides}
            return crawl(
                spiders,
                settings(ctx, **overrides),
                kwargs,
                jobdir=jobdir,
                replay=replay,
                notify=term.summary,
                watch=term.watch_crawler,
                assign=assign,
            )
        except (RunRefused, RunFailed) as exc:
            raise click.ClickException(str(exc)) from exc


@click.command("crawl")
@click.argument("spiders", nargs=-1)
@crawl_options
@click.option(
    "--limit",
    type=click.IntRange(1),
    help="Stop each spider after N ads (held ads are fetched again so they count): a quick "
    "live check of a source.",
)
@click.pass_context
def crawl_command(
    ctx: click.Context,
    spiders: tuple[str, ...],
    replay: str | None,
    jobdir: str | None,
    refresh: bool,
    spider_args: tuple[str, ...],
    set_settings: tuple[str, ...],
    limit: int | None,
) -> None:
    """Run spiders (all configured ones by default) and store their ads.

    Example: mljobs crawl --replay ../shared/corpus/replay; mljobs crawl lever --limit 5
    """
    crawl_spiders(ctx, spiders, replay, jobdir, refresh, spider_args, set_settings, limit)
