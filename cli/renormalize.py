"""``mljobs renormalize``: rerun the normalizers over every stored ad."""

from __future__ import annotations

import click

from cli.common import locked, open_database, settings
from cli.console import terminal


@click.command()
@click.pass_context
def renormalize(ctx: click.Context) -> None:
    """Rerun the normalizers over every stored ad (after improving them), then recompute the
    vacancies as far as the ads changed for the dedup rules (roles, places, salaries): only the
    blocks of changed ads are clustered again, with the result of a full `mljobs dedup`.

    Example: mljobs --db data/mljobs.db renormalize
    """
    from crawler.pipelines import annualize_settings
    from db.store import renormalize as renormalize_ads
    from dedup.store import ads_state, assign_changed
    from normalize.ad import normalize_ad

    annualize = annualize_settings(settings(ctx))
    db = open_database(ctx.obj["db"])

    def renormalize_one(raw: dict) -> dict:
        tick(1)
        fields = normalize_ad(raw, settings=annualize)
        if fields["posted_at"] is None:  # a relative date, read against the crawl time
            fields["posted_at"] = raw["posted_at"]
        return fields

    with terminal(ctx, "renormalize") as term, locked(ctx):
        tick = term.progress_tick("renormalize", total=db["ads"].count, unit="ads")
        before = ads_state(db)
        count = renormalize_ads(db, renormalize_one)
        stats = assign_changed(db, before)
        term.summary(
            f"renormalized {count} ads; vacancies: {stats.postings} postings in "
            f"{stats.blocks} changed blocks clustered again"
        )
