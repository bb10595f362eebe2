"""machinelearningjobs.co.uk: a UK ML job board whose ad pages
(``/view-job/senior-mlops-engineer-e52ccf8e03cc``: a slug, then a hex id) embed a schema.org
JobPosting and are titled "Title - Company - Place | Machine Learning Jobs"; ads are found
through its sitemap.

Unverified offline: the sitemap location comes from the board's public ad URLs, not from a
crawl of it (see README, "Sources").
"""

from crawler.bases.jsonld import SitemapJobPostingSpider

#: "Title - Company - Place | <board>": the title may hold " - ", company and place do not.
BOARD_PAGE_TITLE = (
    r"^(?P<title>.+) - (?P<company>(?:(?! - ).)+) - (?P<location>(?:(?! - ).)+?) \| {board}$"
)


class MachinelearningjobsSpider(SitemapJobPostingSpider):
    name = "machinelearningjobs"
    sitemap_urls = ("https://machinelearningjobs.co.uk/sitemap.xml",)
    sitemap_rules = (r"/view-job/",)
    id_pattern = r"/view-job/[^/?#]*?-([0-9a-f]{8,})/?(?:[?#]|$)"
    page_title_pattern = BOARD_PAGE_TITLE.format(board="Machine Learning Jobs")
