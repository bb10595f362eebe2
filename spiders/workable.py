"""Every Workable board in ``spiders/data/ats_boards.csv`` (``-a boards=slug,...`` for some)."""

from crawler.bases.workable import WorkableBoardSpider


class WorkableSpider(WorkableBoardSpider):
    name = "workable"
