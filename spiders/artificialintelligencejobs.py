"""artificialintelligencejobs.co.uk: the sibling board of machinelearningjobs.co.uk, with the
same layout (``/view-job/<slug>-<hex id>`` ad pages embedding a schema.org JobPosting, titled
"Title - Company - Place | Artificial Intelligence Jobs", listed in its sitemap).

Unverified offline: the sitemap location and the title's board name follow its sibling's;
``mljobs crawl artificialintelligencejobs --limit 5`` confirms them live (README, "Sources").
"""

from crawler.bases.jsonld import SitemapJobPostingSpider
from spiders.machinelearningjobs import BOARD_PAGE_TITLE


class ArtificialintelligencejobsSpider(SitemapJobPostingSpider):
    name = "artificialintelligencejobs"
    sitemap_urls = ("https://artificialintelligencejobs.co.uk/sitemap.xml",)
    sitemap_rules = (r"/view-job/",)
    id_pattern = r"/view-job/[^/?#]*?-([0-9a-f]{8,})/?(?:[?#]|$)"
    page_title_pattern = BOARD_PAGE_TITLE.format(board="Artificial Intelligence Jobs")
