"""The project's own Scrapy signals (sent with ``crawler.signals.send_catch_log``)."""

#: An item passed every pipeline but could not be written to the database (the store pipeline
#: retried it alone and failed). Arguments: ``item`` (the normalized ad, a dict), ``spider``.
#: :class:`crawler.incremental.IncrementalCrawl` then forgets its listing fingerprint.
ad_not_stored = object()
