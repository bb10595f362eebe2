"""Pure normalizers: raw job-ad text in, typed fields out. No Scrapy or database imports."""

NORMALIZER_VERSION = "1"
