"""Test helper for the location tests: what a UK location string reads as."""

from __future__ import annotations

from normalize.location import parse_location

#: (city, county, region) of a UK location string.
Read = tuple[str | None, str | None, str | None]


def uk_place(raw: str) -> Read:
    """``(city, county, region)`` that :func:`parse_location` reads from ``raw``; fails the
    test when ``raw`` does not read as a UK place."""
    loc = parse_location(raw)
    assert loc.is_uk is True, raw
    return loc.city, loc.county, loc.region
