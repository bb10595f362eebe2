"""machinelearningjobs.co.uk: a UK ML job board whose ad pages (``/view-job/<slug>-<id>``)
embed a schema.org JobPosting; ads are found through its sitemap.

Unverified offline: the sitemap location and the ad-URL shape come from the board's public ad
URLs, not from a crawl of it (see README, "Sources").
"""

from crawler.bases.jsonld import SitemapJobPostingSpider


class MachinelearningjobsSpider(SitemapJobPostingSpider):
    name = "machinelearningjobs"
    sitemap_urls = ("https://machinelearningjobs.co.uk/sitemap.xml",)
    sitemap_rules = (r"/view-job/",)
    id_pattern = r"/view-job/[^/?#]*?-([0-9a-f]{8,})/?(?:[?#]|$)"
