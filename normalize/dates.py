"""Posted dates: ISO timestamps, epoch milliseconds and board phrases ("Posted 3 days ago")."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

_PREFIX = re.compile(r"^\s*(posted|date posted|listed|published)\s*:?\s*", re.IGNORECASE)
_BY = re.compile(r"\s+by\s.*$", re.IGNORECASE | re.DOTALL)
_EPOCH_MS = re.compile(r"^[0-9]{12,14}$")
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
_RELATIVE = re.compile(r"\b(today|yesterday|ago|just)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _settings_base() -> dict:
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def parse_posted(raw: str | int | None, now: datetime | None = None) -> str | None:
    """The date an ad was posted, as ``YYYY-MM-DD``, or ``None`` when it cannot be told.

    Accepts ISO 8601 (``2026-04-17T05:58:03-04:00``, the date as written, no time-zone shift),
    epoch milliseconds (Lever's ``createdAt``), and board phrases parsed by dateparser
    (English, day-month-year order, past dates preferred) after stripping "Posted" and a
    trailing "by <recruiter>". Relative phrases ("Today", "3 days ago") need ``now``, the
    crawl time: without it they give ``None`` rather than a guess. Never raises.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    if _EPOCH_MS.match(text):
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC).date().isoformat()
    if _ISO.match(text):
        return text[:10]
    text = _BY.sub("", _PREFIX.sub("", text)).strip().rstrip("+").strip()
    if not text or len(text) > 60:
        return None
    if _RELATIVE.search(text) and now is None:
        return None
    settings = dict(_settings_base())
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    import dateparser  # imported on the first board phrase (~0.06 s): ISO dates need none

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None
