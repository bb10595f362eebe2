"""API keys added to a request only as it is sent: the project's HTTPS download handler
(:class:`KeyedDownloadHandler`, ``DOWNLOAD_HANDLERS["https"]``) sends a copy of the request
with the key (Adzuna: ``app_id``/``app_key`` in the query; Reed: HTTP basic auth, the key as
user name) and hands back the response under the request's own, keyless URL.

So a key is never in a request as Scrapy keeps it: not in a log line, a retried request, a
``JOBDIR`` queue file on disk, a stats key or a ``crawl_runs`` row; nor in a Scrapy setting
that the start-up "Overridden settings" line prints (``HTTPAUTH_USER``). Keys go over HTTPS
only, and only to the API paths of :data:`KEYED_HOSTS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response
from w3lib.http import basic_auth_header
from w3lib.url import add_or_replace_parameter


@dataclass(frozen=True)
class KeyedHost:
    """Where one API's key goes: requests to ``https://<host><path_prefix>...`` get the
    settings named in ``query`` as query parameters (``(parameter, setting)`` pairs) and the
    setting ``basic_auth_user`` as the HTTP basic-auth user name (empty password)."""

    host: str
    path_prefix: str
    query: tuple[tuple[str, str], ...] = ()
    basic_auth_user: str | None = None


#: The keyed APIs (see ``crawler.bases.adzuna`` and ``crawler.bases.reed``).
KEYED_HOSTS = (
    KeyedHost(
        "api.adzuna.com",
        "/v1/api/",
        query=(("app_id", "ADZUNA_APP_ID"), ("app_key", "ADZUNA_APP_KEY")),
    ),
    KeyedHost("www.reed.co.uk", "/api/", basic_auth_user="REED_API_KEY"),
)


def keyed_host(url: str) -> KeyedHost | None:
    """The :data:`KEYED_HOSTS` entry ``url`` falls under (HTTPS only), or ``None``."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    for entry in KEYED_HOSTS:
        if parts.hostname == entry.host and parts.path.startswith(entry.path_prefix):
            return entry
    return None


def with_keys(request: Request, settings: Any) -> Request:
    """A copy of ``request`` carrying its API's key from ``settings`` (a Scrapy ``Settings``
    or a dict), or ``request`` itself when it goes to no keyed API (:func:`keyed_host`)."""
    entry = keyed_host(request.url)
    if entry is None:
        return request
    url = request.url
    for parameter, setting in entry.query:
        url = add_or_replace_parameter(url, parameter, settings.get(setting) or "")
    headers = request.headers.copy()
    if entry.basic_auth_user:
        headers[b"Authorization"] = basic_auth_header(settings.get(entry.basic_auth_user) or "", "")
    return request.replace(url=url, headers=headers)


def secret_values(settings: Any) -> list[str]:
    """The non-empty key values the keyed APIs use, from ``settings``."""
    names = [s for entry in KEYED_HOSTS for _, s in entry.query]
    names += [entry.basic_auth_user for entry in KEYED_HOSTS if entry.basic_auth_user]
    return [str(v) for v in (settings.get(n) for n in names) if v]


def _scrubbed(exc: BaseException, secrets: list[str]) -> None:
    """Mask ``secrets`` in the string arguments of ``exc`` (its message), in place."""
    args = []
    for arg in exc.args:
        if isinstance(arg, str):
            for secret in secrets:
                arg = arg.replace(secret, "***")
        args.append(arg)
    exc.args = tuple(args)


class KeyedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 download handler that sends :func:`with_keys`' copy of a request to a
    keyed API and returns the response with the request's own URL (and request). An error
    raised for the keyed copy has the key values masked in its message before it goes on to
    the middlewares that log it."""

    async def download_request(self, request: Request) -> Response:
        keyed = with_keys(request, self._crawler.settings)
        if keyed is request:
            return await super().download_request(request)
        try:
            response = await super().download_request(keyed)
        except Exception as exc:
            _scrubbed(exc, secret_values(self._crawler.settings))
            raise
        return response.replace(url=request.url, request=request)
