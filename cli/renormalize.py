"""``mljobs renormalize``: rerun the normalizers over every stored ad."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from cli.common import locked, open_database, settings
from cli.console import terminal

#: A database with fewer ads is renormalized in one process: starting workers would cost more
#: than they save (the crossover of an import: crawler.import_run.PARALLEL_MIN_BYTES).
RENORMALIZE_MIN_ADS = 3000


@click.command()
@click.pass_context
def renormalize(ctx: click.Context) -> None:
    """Rerun the normalizers over every stored ad (after improving them), then recompute the
    vacancies as far as the ads changed for the dedup rules (roles, places, salaries): only the
    blocks of changed ads are clustered again, with the result of a full `mljobs dedup`.

    Example: mljobs --db data/mljobs.db renormalize
    """
    from crawler.import_parallel import CHUNK, Workers, chunked, worker_count
    from crawler.pipelines import annualize_settings
    from db.store import renormalize as renormalize_ads
    from dedup.store import ads_state, assign_changed
    from normalize.ad import normalize_ad

    options = settings(ctx)
    annualize = annualize_settings(options)
    db = open_database(ctx.obj["db"])

    def renormalize_one(raw: dict) -> dict:
        fields = normalize_ad(raw, settings=annualize)
        if fields["posted_at"] is None:  # a relative date, read against the crawl time
            fields["posted_at"] = raw["posted_at"]
        return fields

    total = db["ads"].count
    workers = worker_count(options.get("MLJOBS_IMPORT_WORKERS"), total, RENORMALIZE_MIN_ADS)
    task = lambda ads: [renormalize_one(ad) for ad in ads]  # noqa: E731
    with Workers(task, workers) as pool, terminal(ctx, "renormalize") as term, locked(ctx):
        tick = term.progress_tick("renormalize", total=total, unit="ads")
        before = ads_state(db)

        def map_ads(_normalize: object, ads: Iterable[dict]) -> Iterator[dict]:
            for results in pool.map(chunked(ads, CHUNK)):
                tick(len(results))
                yield from results

        count = renormalize_ads(db, renormalize_one, map_ads=map_ads)
        stats = assign_changed(db, before)
        term.summary(
            f"renormalized {count} ads; vacancies: {stats.postings} postings in "
            f"{stats.blocks} changed blocks clustered again"
        )
