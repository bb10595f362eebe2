"""The project's own Scrapy signals (sent with ``crawler.signals.send_catch_log``)."""

#: An item passed every pipeline but could not be written to the database (the store pipeline
#: retried it alone and failed). Arguments: ``item`` (the normalized ad, a dict), ``spider``.
#: :class:`crawler.incremental.IncrementalCrawl` then forgets its listing fingerprint.
ad_not_stored = object()

#: The run was interrupted (SIGINT/SIGTERM, see ``crawler.interrupts``): stop waiting. No
#: arguments. :class:`crawler.middlewares.BackoffRetryMiddleware` cancels its backoff and
#: Retry-After waits, so a stop does not wait up to ``MLJOBS_RETRY_AFTER_MAX`` seconds.
run_interrupted = object()
