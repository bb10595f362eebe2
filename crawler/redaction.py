"""Keeping API keys out of logs: :func:`redact` masks them in a URL, :func:`redacted` in a log
argument, :class:`RedactingLoggerAdapter` in a logger's arguments and
:class:`RedactingLogFormatter` in Scrapy's own request lines (the project's ``LOG_FORMATTER``).

Adzuna's ``app_id``/``app_key`` travel in its request URLs and must never reach a log.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from w3lib.url import add_or_replace_parameter, url_query_parameter

#: Query parameters that hold credentials.
SECRET_PARAMETERS = ("app_key", "api_key", "key", "app_id")


def redact(url: str) -> str:
    """``url`` with API keys in its query (:data:`SECRET_PARAMETERS`) masked as ``***``, for
    logs. A URL without a query is returned as it is."""
    if "?" not in url:
        return url
    for name in SECRET_PARAMETERS:
        if url_query_parameter(url, name):
            url = add_or_replace_parameter(url, name, "***")
    return url


def redacted(value: Any) -> Any:
    """A log argument with API keys masked: a request as ``<GET url>`` and a response as
    ``<200 url>`` (Scrapy's own reprs) with :func:`redact`-ed URLs, a URL string redacted;
    anything else unchanged."""
    if isinstance(value, Request):
        return f"<{value.method} {redact(value.url)}>"
    if isinstance(value, Response):
        return f"<{value.status} {redact(value.url)}>"
    if isinstance(value, str) and "://" in value and " " not in value:
        return redact(value)
    return value


def _redacted_args(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Logging ``args`` (positional, or Scrapy's one mapping) with :func:`redacted` values."""
    if len(args) == 1 and isinstance(args[0], dict):
        return ({k: redacted(v) for k, v in args[0].items()},)
    return tuple(redacted(a) for a in args)


class RedactingLoggerAdapter(logging.LoggerAdapter):
    """A logger whose messages' arguments go through :func:`redacted` (the caller's ``extra``
    kept). Given to Scrapy's ``get_retry_request``, whose "Retrying"/"Gave up retrying <GET
    ...>" lines would otherwise show the request's full URL."""

    def process(self, msg: Any, kwargs: Any) -> tuple[Any, Any]:
        return msg, kwargs

    def log(self, level: int, msg: Any, *args: Any, **kwargs: Any) -> None:
        super().log(level, msg, *_redacted_args(args), **kwargs)


class RedactingLogFormatter(LogFormatter):
    """Scrapy's log formatter (same messages and levels) with the requests, responses and
    referers it names redacted (:func:`redacted`): "Crawled (503) <GET ...>", "Error
    downloading <GET ...>", "Spider error processing <GET ...>", "Scraped from <200 ...>".
    The project's ``LOG_FORMATTER`` (``crawler.settings``)."""

    @staticmethod
    def _redact(result: LogFormatterResult) -> LogFormatterResult:
        result["args"] = {k: redacted(v) for k, v in result["args"].items()}
        return result

    def crawled(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().crawled(*args, **kwargs))

    def scraped(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().scraped(*args, **kwargs))

    def dropped(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().dropped(*args, **kwargs))

    def item_error(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().item_error(*args, **kwargs))

    def spider_error(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().spider_error(*args, **kwargs))

    def download_error(self, *args: Any, **kwargs: Any) -> LogFormatterResult:
        return self._redact(super().download_error(*args, **kwargs))
