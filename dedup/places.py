"""The place of a posting, as the vacancy definition compares it.

Same town/city; or, with no town, the same ITL1 region, or both remote. A posting with no town,
no region and not remote is placed by its country alone (``"country:GB"``), and one with
nothing at all in ``"unknown"``; such postings only meet others placed the same way.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65_536)
def place_key(
    city: str | None, region: str | None, workplace: str | None, country: str | None
) -> str:
    """``"city:<city>"``, ``"region:<region>"``, ``"remote"``, ``"country:<cc>"`` or
    ``"unknown"`` (city and region compared lower-cased), from the stored location columns."""
    if city:
        return f"city:{city.strip().lower()}"
    if region:
        return f"region:{region.strip().lower()}"
    if workplace == "remote":
        return "remote"
    if country:
        return f"country:{country.strip().upper()}"
    return "unknown"
