"""``mljobs benchmarks``: salary benchmarks per group, as a table, JSON or CSV (text made safe to
open: see ``report.safety``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from cli.common import filter_options, min_count_option, open_database
from report.safety import display_text, safe_export, write_csv

if TYPE_CHECKING:
    from db.filters import Filters


def _money(value: float | None) -> str:
    return "-" if value is None else f"£{value:,.0f}"


@click.command()
@click.option(
    "--by", required=True, type=click.Choice(["city", "region", "role", "seniority", "skill"])
)
@click.option("--all-ads", is_flag=True, help="Count every UK ad, not only ML roles.")
@click.option(
    "--postings",
    is_flag=True,
    help="Count and take salaries per stored ad (posting), as before deduplication.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV (one row per group).")
@filter_options
@min_count_option
@click.option(
    "--limit",
    default=40,
    show_default=True,
    type=click.IntRange(0),
    help="Rows in the table (0 for all; --json prints all).",
)
@click.pass_context
def benchmarks(
    ctx: click.Context,
    by: str,
    all_ads: bool,
    as_json: bool,
    as_csv: bool,
    min_count: int,
    limit: int,
    filters: Filters,
    postings: bool = False,
) -> None:
    """Salary benchmarks per group: vacancies, postings, salaries, median and P10-P90 (GBP per
    year). Counts distinct vacancies, one salary each (see mljobs dedup); --postings counts
    stored ads.

    Filters narrow the ads counted; repeat one to allow several values.

    Example: mljobs benchmarks --by city --role ml_engineer --seniority senior
    """
    from db.benchmarks import ROW_KEYS
    from db.benchmarks import benchmarks as compute

    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    db = open_database(ctx.obj["db"])
    rows = compute(db, by, all_ads=all_ads, min_count=min_count, filters=filters, postings=postings)
    if as_json:
        click.echo(json.dumps(safe_export(rows), indent=2))
        return
    if as_csv:
        write_csv(rows, ROW_KEYS, click.get_text_stream("stdout"))
        return
    shown = rows if limit == 0 else rows[:limit]
    header = (
        f"{by:<28} {'vacancies':>9} {'postings':>8} {'salaries':>8} {'p10':>9} {'p25':>9} "
        f"{'median':>9} {'p75':>9} {'p90':>9} {'day rates':>9} {'day median':>10}"
    )
    click.echo(header)
    for r in shown:
        name = "(unknown)" if r["group"] is None else display_text(str(r["group"]))
        if r["median"] is None:
            figures = f"{'too few salaries':>49}"
        else:
            figures = " ".join(f"{_money(r[k]):>9}" for k in ("p10", "p25", "median", "p75", "p90"))
        click.echo(
            f"{name[:28]:<28} {r['vacancies']:>9} {r['postings']:>8} {r['salaries']:>8} {figures} "
            f"{r['day_rates']:>9} {_money(r['day_rate_median']):>10}"
        )
    if len(rows) > len(shown):
        click.echo(f"... {len(rows) - len(shown)} more groups (--limit 0 for all)")
