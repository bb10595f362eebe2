"""Round 16 (issue 14): the kinds of location error audit20 and audit21 found
(tests/fixtures/location/ROUND16_AUDIT20_21.md).

Each case is a real string of the audit20/audit21 pools or one of its kind; each guard a string
an earlier rule or label set holds (their labels, not new ones).
"""

from __future__ import annotations

import pytest

from tests.normalize.places import Read, uk_place

# kind 1: a local-authority district that is not one settlement is its county, no town; a
# part naming England rules out the other nations' places
DISTRICT_CASES: list[tuple[str, Read]] = [
    ("Rossendale, ENG, GB", (None, "Lancashire", "North West")),
    ("Rossendale, England, UK", (None, "Lancashire", "North West")),
    ("Rossendale, Lancashire", (None, "Lancashire", "North West")),
    ("Wyre, ENG, GB", (None, "Lancashire", "North West")),
    ("Knowsley, ENG, GB", (None, "Merseyside", "North West")),
    ("Fylde, ENG, GB", (None, "Lancashire", "North West")),
    ("West Lancashire, England, UK", (None, "Lancashire", "North West")),
    ("Wyre Forest, ENG, GB", (None, "Worcestershire", "West Midlands")),
    # England rules out Caerphilly's Nelson
    ("Nelson, ENG, GB", ("Nelson", "Lancashire", "North West")),
]
DISTRICT_GUARDS: list[tuple[str, Read]] = [
    ("South Ribble, ENG, GB", (None, "Lancashire", "North West")),
    ("Tameside, England, UK", (None, "Greater Manchester", "North West")),
    ("Haslingden, Rossendale", ("Haslingden", "Lancashire", "North West")),
    ("Kidderminster, Wyre Forest", ("Kidderminster", "Worcestershire", "West Midlands")),
    ("Poulton-le-Fylde, ENG, GB", ("Poulton-le-Fylde", "Lancashire", "North West")),
    ("Wyre, Orkney", ("Wyre", "Orkney Islands", "Scotland")),
    # a town beats a board's England tag that contradicts it
    ("Cardiff, England, UK", ("Cardiff", "Cardiff", "Wales")),
    ("Durham, England", ("Durham", "Durham", "North East")),
    # several English Newports stay ambiguous
    ("Newport, ENG, GB", ("Newport", None, None)),
]


@pytest.mark.parametrize(("raw", "want"), DISTRICT_CASES + DISTRICT_GUARDS)
def test_district_and_nation(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# kind 2: a London district only the tree knows, that GeoNames counts itself, comes before
# villages of its name elsewhere when no town has the name
LONDON_CASES = ["Norbury, ENG, GB", "Norbury", "Kenley", "Seven Sisters", "Shadwell"]
LONDON_GUARDS: list[tuple[str, Read]] = [
    ("Sutton, ENG, GB", ("London", "Greater London", "London")),
    ("Stonebridge", ("London", "Greater London", "London")),
    # GeoNames does not count the London Whetstone: Leicestershire's, as settled in round 6
    ("Whetstone", ("Whetstone", "Leicestershire", "East Midlands")),
    ("Norbury, Shropshire", ("Norbury", "Shropshire", "West Midlands")),
    ("Shadwell, Leeds", ("Shadwell", "West Yorkshire", "Yorkshire and The Humber")),
]


@pytest.mark.parametrize("raw", LONDON_CASES)
def test_counted_london_district(raw: str) -> None:
    assert uk_place(raw) == ("London", "Greater London", "London")


@pytest.mark.parametrize(("raw", "want"), LONDON_GUARDS)
def test_counted_london_district_guards(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# kind 5: Northern Ireland towns of another county than the tree area they are filed under
# (place_extra.csv); GeoNames' Coleraine and Craigavon districts span two counties
NI_CASES: list[tuple[str, Read]] = [
    ("Portrush, NIR, GB", ("Portrush", "County Antrim", "Northern Ireland")),
    ("Portrush", ("Portrush", "County Antrim", "Northern Ireland")),
    ("Portrush, Northern Ireland", ("Portrush", "County Antrim", "Northern Ireland")),
    ("Urbalreagh, Portrush", ("Urbalreagh", "County Antrim", "Northern Ireland")),
    ("Moira, NIR, GB", ("Moira", "County Down", "Northern Ireland")),
    ("Moira, County Down", ("Moira", "County Down", "Northern Ireland")),
]
NI_GUARDS: list[tuple[str, Read]] = [
    ("Coleraine, NIR, GB", ("Coleraine", "County Londonderry", "Northern Ireland")),
    ("Portstewart, NIR, GB", ("Portstewart", "County Londonderry", "Northern Ireland")),
    ("Castlerock", ("Castlerock", "County Londonderry", "Northern Ireland")),
    ("Lurgan", ("Lurgan", "County Armagh", "Northern Ireland")),
    ("Moira, Leicestershire", ("Moira", "Leicestershire", "East Midlands")),
]


@pytest.mark.parametrize(("raw", "want"), NI_CASES + NI_GUARDS)
def test_northern_ireland_counties(raw: str, want: Read) -> None:
    assert uk_place(raw) == want
