"""Session 18 (issue 14): the kinds of location error audit26 and audit27 found, fresh real
strings of new sources (civil-service, ATS-board and Adzuna ads: tests/fixtures/roles/AUDIT26.md).

Each case is a real string of those pools or one of its kind (main's answer was wrong: at
1a66e6e for audit26's kinds 1-5, at ac2f2d7 for audit27's, 6-7); each guard a string an earlier
rule or label set holds.
"""

from __future__ import annotations

import pytest

from normalize.location import parse_location
from tests.normalize.places import Read, uk_place

# kind 1: several sites, each with its postcode, are several places offered: no town, and the
# county and region only where they all agree
SITES_CASES: list[tuple[str, Read]] = [
    ("London (SW1P 3BT), Manchester (M1 2WD), Sheffield (S1 2FJ)", (None, None, None)),
    ("Manchester (M1 2WD), Sheffield (S1 2FJ)", (None, None, None)),
    (
        "This position is based at NMS Tower House RH1 1RT, NPS COLLEGE HOUSE GUILDFORD GU1 4RS",
        (None, "Surrey", "South East"),
    ),
    (
        "This position is based at NMS Queens House CT11 9DH, NMS Templar House TN23 1PL",
        (None, "Kent", "South East"),
    ),
    # the same town written twice beside a postcode of another county is still two sites
    (
        "This position is based at CHELTENHAM REGENT HOUSE LAA PDS CHELTENHAM, GL50 9SA, LAA "
        "Stephenson House, FLR 3, DL1 4WB",
        (None, None, None),
    ),
    (
        "Croydon, London (region), CR0 2AQ : Nottingham, East Midlands (England), NG2 1AW : "
        "Plymouth, South West England, PL6 5WS",
        (None, None, None),
    ),
]
SITES_GUARDS: list[tuple[str, Read]] = [
    # one postcode, or several of one post town, decide as before; all of Greater London is
    # London; each site written with the same town is that town
    ("SN151BN", ("Chippenham", "Wiltshire", "South West")),
    ("Croydon CR0, London EC2M 7PY", ("London", "Greater London", "London")),
    ("Salford M50 2EQ, Salford M5 4WT", ("Salford", "Greater Manchester", "North West")),
    ("Croydon, London (region), CR0 2AQ", ("London", "Greater London", "London")),
    (
        "This position is based at NPS DENMARK HOUSE LONDON, NW9 7BW, NPS LEELAND HOUSE "
        "EALING, W13 9HH",
        ("London", "Greater London", "London"),
    ),
]


@pytest.mark.parametrize(("raw", "want"), SITES_CASES)
def test_several_sites_with_postcodes(raw: str, want: Read) -> None:
    assert uk_place(raw) == want
    assert parse_location(raw).multi


@pytest.mark.parametrize(("raw", "want"), SITES_GUARDS)
def test_one_post_town_is_one_place(raw: str, want: Read) -> None:
    assert uk_place(raw) == want
    assert not parse_location(raw).multi


# kind 2: a building or street named after a place is an address, not that place (unless the
# place is a London district: then it is in London)
BUILDING_CASES: list[tuple[str, Read]] = [
    (
        "This position is based at NMS Marlborough House Bristol, BS1 3NU",
        ("Bristol", "Bristol", "South West"),
    ),
    (
        "This position is based at CTS USK HOUSE NEWPORT FLR 2nd, NP20 2GD",
        ("Newport", "Newport", "Wales"),
    ),
    (
        "This position is based at NMS Wetherby House, TS18 2SL",
        ("Stockton-on-Tees", "Durham", "North East"),
    ),
    ("London House, Bristol", ("Bristol", "Bristol", "South West")),
    ("Greenwich House, Leeds", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("NPS London Road Reading", ("Reading", "Berkshire", "South East")),
]
BUILDING_GUARDS: list[tuple[str, Read]] = [
    # with several sites, the street named after a town is dropped ("Bolton Street")
    (
        "This position is based at NMS Diadem House, Preston, PR2 2YB, NPS Bolton Street Chorley "
        "Chorley, PR7 3DL, NPS Chapel House Skelmersdale, WN8 8AP.",
        (None, "Lancashire", "North West"),
    ),
    # nothing else read: the place the building is named after
    ("Canary Wharf Building", ("London", "Greater London", "London")),
    ("Leeds Building Society", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("Blackpool Tower", ("Blackpool", "Lancashire", "North West")),
    # "St" is Saint, "close" an adverb: not a street
    ("Edinburgh St Andrew Square", ("Edinburgh", "City of Edinburgh", "Scotland")),
    ("Leeds close to city centre", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
]


@pytest.mark.parametrize(("raw", "want"), BUILDING_CASES + BUILDING_GUARDS)
def test_building_named_after_a_place(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# kind 3: "OR" in capitals offers options, as "or" does; not a US state's code after a comma
def test_or_in_capitals_offers_options() -> None:
    loc = parse_location("London OR Paris OR Germany ")
    assert (loc.is_uk, loc.city, loc.region, loc.multi) == (True, "London", "London", True)


@pytest.mark.parametrize("raw", ["Portland, OR 97201", "Salem OR USA"])
def test_oregon_is_not_an_option(raw: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.country, loc.multi) == (False, "US", False)


# kind 4: the civil service's region names, "London (region)", "West Midlands (England)", are
# regions: listed with other regions they are several places offered
REGION_CASES: list[tuple[str, Read]] = [
    ("London (region), Wales", (None, None, None)),
    ("West Midlands (England), Wales", (None, None, None)),
    (
        "East Midlands (England), East of England, London (region), North East England, "
        "Scotland, Wales, West Midlands (England), Yorkshire and the Humber",
        (None, None, None),
    ),
]
REGION_GUARDS: list[tuple[str, Read]] = [
    ("London (region)", ("London", "Greater London", "London")),
    ("West Midlands (England)", (None, None, "West Midlands")),
    (
        "Birmingham, West Midlands (England), B1 2AX",
        ("Birmingham", "West Midlands", "West Midlands"),
    ),
    ("Leeds (England)", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("West Midlands", (None, "West Midlands", "West Midlands")),
    # "(England)" after another region's or county's name is no part of it
    ("Yorkshire and the Humber (England)", (None, None, "Yorkshire and The Humber")),
    (
        "Leeds, Yorkshire and the Humber (England), LS1 4AP",
        ("Leeds", "West Yorkshire", "Yorkshire and The Humber"),
    ),
    ("Tyne and Wear (England)", (None, "Tyne and Wear", "North East")),
]


@pytest.mark.parametrize(("raw", "want"), REGION_CASES)
def test_listed_region_names(raw: str, want: Read) -> None:
    assert uk_place(raw) == want
    assert parse_location(raw).multi


@pytest.mark.parametrize(("raw", "want"), REGION_GUARDS)
def test_region_names_alone(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# kind 5: a postcode sector's town serves the sector's own postcode area (the sector table's
# build): not a bigger town across an estuary or an area border
SECTOR_AREA_CASES: list[tuple[str, Read]] = [
    ("WF32EE", ("Wakefield", "West Yorkshire", "Yorkshire and The Humber")),  # not Leeds (LS)
    ("KT160AD", ("Chertsey", "Surrey", "South East")),  # not Woking (GU)
]


@pytest.mark.parametrize(("raw", "want"), SECTOR_AREA_CASES)
def test_sector_town_of_its_postcode_area(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


def test_sheppey_is_not_read_across_the_estuary() -> None:
    # ME12 4 (Isle of Sheppey, Kent): Southend-on-Sea, across the estuary, is in the SS area;
    # the gravity model then picks Sittingbourne, the bigger town of the ME area near it (the
    # post town is Sheerness: the model only approximates post towns)
    assert uk_place("ME12 4AX") == ("Sittingbourne", "Kent", "South East")


# kind 6 (audit27, seen): a defence site ("RAF", "MOD", "HMNB") is named after the place it is
# at, which a postcode does not override; a town written beside it is where it is
SITE_CASES: list[tuple[str, Read]] = [
    ("MOD Lyneham", ("Lyneham", "Wiltshire", "South West")),
    ("HMNB Devonport", ("Plymouth", "Devon", "South West")),
    ("MOD Sealand, CH5 2LS", ("Sealand", "Flintshire", "Wales")),
    (
        "RAF Coningsby, East Midlands (England), LN4 4SY.",
        ("Coningsby", "Lincolnshire", "East Midlands"),
    ),
    ("RAF St Mawgan, Newquay, Cornwall, TR8 4HP", ("Newquay", "Cornwall", "South West")),
    ("MOD Abbey Wood, Bristol", ("Bristol", "Bristol", "South West")),
]
SITE_GUARDS: list[tuple[str, Read]] = [
    ("Lyneham", ("Lyneham", "Wiltshire", "South West")),
    # the site word alone or after a town is no site's name
    ("RAF, Lincoln", ("Lincoln", "Lincolnshire", "East Midlands")),
    ("Leeds MOD Site", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
]


@pytest.mark.parametrize(("raw", "want"), SITE_CASES + SITE_GUARDS)
def test_defence_site_named_after_its_place(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# kind 7 (audit26 and audit27, seen): a prison's name need not be its place; the town or
# postcode written with it is
PRISON_CASES: list[tuple[str, Read]] = [
    (
        "This position is based at HM PRISON BUCKLEY HALL ROCHDALE, OL12 9DP",
        ("Rochdale", "Greater Manchester", "North West"),
    ),
    (
        "This position is based at HMYOI Hatfield, Doncaster, DN7 6EL.",
        ("Doncaster", "South Yorkshire", "Yorkshire and The Humber"),
    ),
    (
        "This position is based at HMYOI GUYS MARSH SHAFTSBURY, SP7 0AH",
        ("Shaftesbury", "Dorset", "South West"),
    ),
    ("HMPYOI Hatfield, Doncaster", ("Doncaster", "South Yorkshire", "Yorkshire and The Humber")),
]
PRISON_GUARDS: list[tuple[str, Read]] = [
    # a prison's name alone is read as the place it names
    ("HMP Leeds", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("HMP Wandsworth", ("London", "Greater London", "London")),
    # "prison" in another post or name
    ("Prison Officer, Leeds", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("HM Prison Service, Leeds", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
]


@pytest.mark.parametrize(("raw", "want"), PRISON_CASES + PRISON_GUARDS)
def test_prison_name_is_not_its_place(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


# session 19 (audit26's misses, seen): a town whose name holds a noise word ("in", "of") read
# inside an address, and a span of house numbers, which is no list of options
NOISE_WORD_NAME_CASES: list[tuple[str, Read]] = [
    ("DUKE ST BARROW IN FURNESS", ("Barrow-in-Furness", "Cumbria", "North West")),
    ("Unit 5 Barrow in Furness", ("Barrow-in-Furness", "Cumbria", "North West")),
    ("Station Road Henley in Arden", ("Henley-in-Arden", "Warwickshire", "West Midlands")),
]


@pytest.mark.parametrize(("raw", "want"), NOISE_WORD_NAME_CASES)
def test_town_name_with_a_noise_word_inside_an_address(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


@pytest.mark.parametrize(
    "raw",
    [
        "This position is based at NPS 77/79 DUKE ST BARROW IN FURNESS BARROW-IN-FURNESS, LA14 1RP",
        "12/14 High Street, Barrow-in-Furness",
    ],
)
def test_house_number_span_is_one_place(raw: str) -> None:
    loc = parse_location(raw)
    assert (loc.city, loc.multi) == ("Barrow-in-Furness", False)


def test_slash_between_places_still_offers_options() -> None:
    loc = parse_location("Leeds/Manchester")
    assert (loc.city, loc.multi) == (None, True)


# session 19 (audit29, seen): a British Overseas Territory's postcode is not the UK (the
# Falklands' "FIQQ 1ZZ": location_codes.csv), whatever UK place shares the town's name
@pytest.mark.parametrize(
    ("raw", "country"),
    [("Stanley, FIQQ 1ZZ", "FK"), ("Jamestown, STHL 1ZZ", "SH"), ("Main Street, GX11 1AA", "GI")],
)
def test_overseas_territory_postcode_is_not_uk(raw: str, country: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.country, loc.city) == (False, country, None)


def test_uk_stanley_is_still_uk() -> None:
    assert uk_place("Stanley, County Durham") == ("Stanley", "Durham", "North East")


# Northern Ireland's post towns by BT district (postcode_districts.csv), for an address that
# names only a site ("Thiepval Bks, BT28 3NP": Lisburn, north of the Lagan)
NI_DISTRICT_CASES: list[tuple[str, Read]] = [
    ("Thiepval Bks, BT28 3NP", ("Lisburn", "County Antrim", "Northern Ireland")),
    ("Unit 4, BT78 1AB", ("Omagh", "County Tyrone", "Northern Ireland")),
    ("BT74 7AB", ("Enniskillen", "County Fermanagh", "Northern Ireland")),
]


@pytest.mark.parametrize(("raw", "want"), NI_DISTRICT_CASES)
def test_northern_ireland_post_town_by_district(raw: str, want: Read) -> None:
    assert uk_place(raw) == want


def test_district_spanning_two_counties_gives_no_town_alone() -> None:
    # BT27 (Lisburn) lies in County Down and County Antrim: the region only
    assert uk_place("BT27 4AB") == (None, None, "Northern Ireland")
