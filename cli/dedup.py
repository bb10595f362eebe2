"""``mljobs dedup``: recompute every ad's vacancy, or explain why an ad joined its vacancy."""

from __future__ import annotations

from typing import Any

import click

from cli.common import locked, open_database


def _posting_line(p: dict[str, Any]) -> str:
    where = p["city"] or p["region"] or p["location_raw"] or "-"
    return (
        f"{p['ad_id']}  {p['rule']}  {p['title']!r} at {p['company'] or '-'!r}, {where}, "
        f"posted {str(p['posted'] or '-')[:10]}"
    )


def _explanation(found: dict[str, Any]) -> list[str]:
    """The lines ``--explain`` prints for one :func:`dedup.store.explain` answer."""
    ad, vacancy = found["ad"], found["vacancy"] or {}
    lines = [f"ad {ad['ad_id']}: vacancy {ad['vacancy_id']} ({vacancy.get('postings', '?')} "
             f"postings from {vacancy.get('sources', '?')} source(s))"]  # fmt: skip
    if ad["rule"] == "seed":
        lines.append("rule: seed (this ad starts its vacancy; the others joined it)")
    else:
        scores = [f"title similarity {ad['title_score']:.1f}/100"]
        if ad["description_score"] is not None:
            scores.append(f"description containment {ad['description_score']:.3f}")
        if ad["days_apart"] is not None:
            scores.append(f"{ad['days_apart']} days apart")
        lines.append(f"rule: {ad['rule']}; matched ad {ad['matched_ad_id']}; {', '.join(scores)}")
    lines.append(f"block: {ad['block']}; employer key: {ad['employer_key']}")
    if vacancy.get("salary_ad_id"):
        lines.append(
            f"vacancy salary: {vacancy['salary_annual_mid'] or '-'} GBP/year, "
            f"{vacancy['day_rate_mid'] or '-'} GBP/day, from {vacancy['salary_ad_id']} "
            f"({vacancy['salary_source_kind']})"
        )
    lines.append("postings:")
    lines += [f"  {_posting_line(p)}" for p in found["postings"]]
    return lines


@click.command()
@click.option("--explain", "explain_id", metavar="AD_ID", help="Why this ad joined its vacancy.")
@click.pass_context
def dedup(ctx: click.Context, explain_id: str | None) -> None:
    """Recompute ads.vacancy_id over the whole database (same role, seniority, employer and
    place, posted under 60 days apart: one vacancy), or with --explain show the rule, scores
    and matched ad that put one ad in its vacancy.

    Example: mljobs dedup && mljobs dedup --explain reed:55012345
    """
    from dedup.store import assign_vacancies, explain

    db = open_database(ctx.obj["db"])
    if explain_id is not None:
        try:
            found = explain(db, explain_id)
        except (KeyError, LookupError) as exc:
            raise click.ClickException(str(exc.args[0])) from exc
        click.echo("\n".join(_explanation(found)))
        return
    with locked(ctx):
        stats = assign_vacancies(db)
    click.echo(
        f"{stats.postings} postings -> {stats.vacancies} vacancies ({stats.merged} merged, "
        f"{stats.changed} changed) in {stats.seconds:.1f} s",
        err=True,
    )
