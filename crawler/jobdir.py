"""``JOBDIR`` folders (``mljobs crawl --jobdir``): private to their user, and resumed only when
their run stopped cleanly.

After SIGKILL, Scrapy's seen-requests set may hold requests its queue lost: a rerun resuming
there skipped one board entirely and fetched another twice while reporting "finished, 0
errors". So a run that stops cleanly (finished folders are removed; stopped ones, by a signal
or a ``CLOSESPIDER_*`` limit, are kept) marks its folder (:func:`mark_stopped_cleanly`), and a
folder without the mark is removed before the next run (:func:`clean_jobdir`).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

#: Marks a JOBDIR folder whose run stopped cleanly (its queues are consistent): resumable.
STOPPED_CLEANLY = "mljobs-stopped-cleanly"


def clean_jobdir(folder: Path) -> None:
    """Make ``folder`` (one spider's ``JOBDIR``) safe to run in: a folder without the
    :data:`STOPPED_CLEANLY` mark, left by a killed run (after SIGKILL a rerun skipped one board
    and fetched another twice), is removed with a warning; a marked one is resumed."""
    if not folder.is_dir():
        return
    mark = folder / STOPPED_CLEANLY
    if mark.exists():
        mark.unlink()
        logger.info("%s: resuming the stopped crawl kept there", folder)
        return
    logger.warning(
        "%s was left by a run that did not stop cleanly (killed?): its queue cannot be "
        "trusted, so %s starts afresh",
        folder,
        folder.name,
    )
    shutil.rmtree(folder)


def mark_stopped_cleanly(folder: Path) -> None:
    """Mark ``folder`` (one spider's ``JOBDIR``, when it exists) as left by a clean stop."""
    if folder.is_dir():
        (folder / STOPPED_CLEANLY).touch(mode=0o600)


@contextmanager
def private_files(folder: str | Path | None) -> Iterator[None]:
    """For the block, files the process creates are private to its user (umask 077), and
    ``folder`` (when given) and everything already in it is made so (files 600, folders 700):
    a stopped crawl's ``JOBDIR`` queues hold requests nobody else should read."""
    if folder is None:
        yield
        return
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for path in (root, *root.rglob("*")):
        path.chmod(0o700 if path.is_dir() else 0o600)
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
