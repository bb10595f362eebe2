"""Scrapy settings for mljobs (``scrapy.cfg`` points here).

Politeness (DESIGN.md): robots.txt obeyed, AutoThrottle on, an identifying User-Agent with a
contact URL, retries with backoff on 429/5xx, a few requests per second per host at most.
Project settings start with ``MLJOBS_``.
"""

import os

from normalize.ad import DEFAULT_ANNUALIZE

BOT_NAME = "mljobs"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

#: Identifies the crawler and where to reach its operator (set MLJOBS_CONTACT_URL to yours).
MLJOBS_CONTACT_URL = os.environ.get("MLJOBS_CONTACT_URL", "https://github.com/mljobs/mljobs")
USER_AGENT = f"mljobs/0.1 (+{MLJOBS_CONTACT_URL}; UK ML job-market research)"
ROBOTSTXT_OBEY = True
#: Requests a spider has in the downloader at once (in flight or waiting for their host): each
#: spider reads one or two hosts, two in flight per host, so more would only wait in a queue.
CONCURRENT_REQUESTS = 4
#: Per host: at most 2 requests in flight, at least 0.5 s apart (AutoThrottle may slow down).
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
#: Hosts with their own limits: the keyed APIs' rate limits (Reed and Adzuna allow a few
#: requests per second at most; jobs.ac.uk pages are HTML for people).
DOWNLOAD_SLOTS = {
    "www.reed.co.uk": {"concurrency": 1, "delay": 1.0},
    "api.adzuna.com": {"concurrency": 1, "delay": 1.0},
    "www.jobs.ac.uk": {"concurrency": 1, "delay": 1.0},
    "machinelearningjobs.co.uk": {"concurrency": 1, "delay": 1.0},
    "artificialintelligencejobs.co.uk": {"concurrency": 1, "delay": 1.0},
}
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
#: Backoff before retry n (no Retry-After): MLJOBS_RETRY_BACKOFF x 2^(n-1) s, capped.
MLJOBS_RETRY_BACKOFF = 1.0
MLJOBS_RETRY_BACKOFF_MAX = 60.0
#: A Retry-After longer than this (s) is not waited for: the request waits for the next run.
MLJOBS_RETRY_AFTER_MAX = 600.0
#: Search pages per term for the keyword-search APIs (Reed, Adzuna).
MLJOBS_MAX_PAGES = 10
#: True: fetch every listed ad again, even those the database holds unchanged.
MLJOBS_REFRESH = False
#: API keys (a source whose key is missing is skipped with one log line).
REED_API_KEY = os.environ.get("REED_API_KEY", "")
ADZUNA_APP_ID = os.environ.get("ADZUNA_APP_ID", "")
ADZUNA_APP_KEY = os.environ.get("ADZUNA_APP_KEY", "")
#: The job APIs answer a whole board in seconds; a host silent for 30 s is not going to.
DOWNLOAD_TIMEOUT = 30
#: Connection failures in a row (DNS, refused, timeout) after which a host is given up on for
#: the rest of the run (crawler.failfast): no network ends a run in seconds, a silent host
#: cannot hold it for long.
MLJOBS_HOST_MAX_FAILURES = 3
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
#: Scrapy's log formatter with API keys masked in the URLs of its request lines.
LOG_FORMATTER = "crawler.redaction.RedactingLogFormatter"

#: A redirect loop is an error of its spider, not a silent duplicate (crawler.redirects).
DUPEFILTER_CLASS = "crawler.redirects.RedirectLoopDupeFilter"
#: HTTPS requests to the keyed APIs get their key only as they are sent (crawler.apikeys).
DOWNLOAD_HANDLERS = {"https": "crawler.apikeys.KeyedDownloadHandler"}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's RetryMiddleware (550) replaced by ours: same settings, plus backoff and
    # Retry-After.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    # After retry in request order: a host given up on gets no request, retries included.
    "crawler.failfast.HostGiveUpMiddleware": 560,
    # Scrapy's RobotsTxtMiddleware (100), logging an unreachable robots.txt in one line.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.QuietRobotsTxtMiddleware": 100,
    # Last before the download handler, so every real middleware runs on replayed responses.
    "crawler.middlewares.ReplayMiddleware": 990,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.ReplayStartFilter": 10,
    # mljobs crawl --limit N: at most N items out of a spider (off when MLJOBS_ITEM_LIMIT is 0).
    "crawler.limit.ItemLimit": 20,
}
#: Items a spider may make before it stops (mljobs crawl --limit); 0: no limit.
MLJOBS_ITEM_LIMIT = 0
ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 300,
    "crawler.pipelines.StorePipeline": 800,
}

#: Source health (crawler.health): a run is unhealthy when its ads seen, or a usually filled
#: field's coverage, fall below MIN_RATIO x its recent runs' median (coverage: fields filled
#: on at least MIN_COVERAGE of items, runs of at least MIN_ITEMS items), or when its errors
#: or drops exceed these rates. HISTORY: how many recent healthy runs make the baseline.
MLJOBS_HEALTH_MIN_RATIO = 0.5
MLJOBS_HEALTH_MIN_COVERAGE = 0.2
MLJOBS_HEALTH_MIN_ITEMS = 5
MLJOBS_HEALTH_MAX_ERROR_RATE = 0.5
MLJOBS_HEALTH_MAX_DROP_RATE = 0.5
MLJOBS_HEALTH_HISTORY = 5

#: The SQLite database (``mljobs --db`` and ``$MLJOBS_DB`` override it).
MLJOBS_DB = os.environ.get("MLJOBS_DB", "data/mljobs.db")
#: A recorded folder to serve every response from (``mljobs crawl --replay DIR``); None = live.
MLJOBS_REPLAY_DIR = None
#: Query parameters a recording may lack (spiders asked for them after it was made): left out
#: when a replay matches requests to recorded URLs.
MLJOBS_REPLAY_OPTIONAL_PARAMS = ["pay_transparency"]
#: Ads written to SQLite per transaction by the store pipeline.
MLJOBS_STORE_BATCH = 500
#: Worker processes normalizing an import or renormalize (crawler.import_parallel); None: one
#: per free CPU (crawler.import_parallel.default_workers); 0: all in one process.
MLJOBS_IMPORT_WORKERS = (
    int(os.environ["MLJOBS_IMPORT_WORKERS"]) if os.environ.get("MLJOBS_IMPORT_WORKERS") else None
)
#: Annualizing (DESIGN.md): periods per year and hours in a contract day; the defaults are
#: those of normalize.ad.AnnualizeSettings (week x 52, month x 12, day x 220, hour x 1,950, 7.5).
MLJOBS_ANNUAL_FACTORS = dict(DEFAULT_ANNUALIZE.factors)
MLJOBS_HOURS_PER_DAY = DEFAULT_ANNUALIZE.hours_per_day
#: Annual base salaries (GBP per year) and day rates (GBP per day) outside these bounds are
#: kept in the ad but not used in benchmarks (a typo or a misread period).
MLJOBS_MIN_ANNUAL = DEFAULT_ANNUALIZE.min_annual
MLJOBS_MAX_ANNUAL = DEFAULT_ANNUALIZE.max_annual
MLJOBS_MIN_DAY_RATE = DEFAULT_ANNUALIZE.min_day_rate
MLJOBS_MAX_DAY_RATE = DEFAULT_ANNUALIZE.max_day_rate
EXTENSIONS = {
    # Incremental-crawl state (held fingerprints, touch, expiry); before RunRecorder, so the
    # recorded run carries its counts.
    "crawler.incremental.IncrementalCrawl": 800,
    # Source health (crawler.health): after the state is saved, before the run is recorded.
    "crawler.health.SourceHealth": 850,
    "crawler.extensions.RunRecorder": 900,
}
