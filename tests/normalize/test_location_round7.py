"""normalize.location: the kinds of miss of audit10 (issue 14, round 7), on strings written for
these tests (not copied from any label set). Each ``*_CASES`` row failed on main e8ed5f7; the
``HELD`` rows are readings the new rules must leave alone."""

from __future__ import annotations

import pytest

from normalize.location import parse_location
from normalize.location_index import borough_codes, compass_abbreviation, load_index, read_csv
from tests.normalize.places import uk_place

# (raw, (city, county, region)): a council is its area ("council" rows of location_words.csv);
# a council area holding several towns has no town ("Stirling Council"), a city council is its
# city, a Strategi area named after no town is that area, not a village of its name
COUNCIL_CASES = [
    ("Stirling Council", (None, "Stirling", "Scotland")),
    ("Dumfries and Galloway Council", (None, "Dumfries and Galloway", "Scotland")),
    ("Sefton Council", (None, "Merseyside", "North West")),
    ("Knowsley MBC", (None, "Merseyside", "North West")),
    ("Newport City Council", ("Newport", "Newport", "Wales")),
]

COUNCIL_HELD = [
    ("Cardiff Council", ("Cardiff", "Cardiff", "Wales")),  # a city that is its own county
    ("Leeds City Council", ("Leeds", "West Yorkshire", "Yorkshire and The Humber")),
    ("Reading Borough Council", ("Reading", "Berkshire", "South East")),
    ("Kent County Council", (None, "Kent", "South East")),
    ("Moray Council", (None, "Moray", "Scotland")),
]

# London borough abbreviations (LB/RB and the initials of the borough's name)
LONDON_CODE_CASES = ["RBKC", "LBTH", "LBBD", "RBG", "LBWF"]

# London stations and districts: the stations of london_places.txt; a London district only
# the tree knows before hamlets elsewhere GeoNames does not count
LONDON_CASES = ["Goldhawk Road", "Mudchute", "Hatton Cross", "Rayners Lane", "Stonebridge"]

# (raw, (city, county, region), multi): a county offered beside towns (an "and" item, or
# before a town it does not hold) is another place; several UK towns beside places abroad
LIST_CASES = [
    ("Somerset, Chepstow", (None, None, None), True),
    ("Kent and Leeds", (None, None, None), True),
    (
        "Hull and East Yorkshire",
        (None, "East Riding of Yorkshire", "Yorkshire and The Humber"),
        True,
    ),
    ("Cheshire and Merseyside", (None, None, "North West"), True),
    ("Essex and Suffolk", (None, None, "East of England"), True),
    ("Newmachar, Aberdeen", ("Newmachar", "Aberdeenshire", "Scotland"), False),
    ("Wargrave Reading", ("Wargrave", "Berkshire", "South East"), False),
    ("Bramhope Leeds", ("Bramhope", "West Yorkshire", "Yorkshire and The Humber"), False),
]

LIST_HELD = [
    ("Surrey, Guildford", ("Guildford", "Surrey", "South East"), False),  # the town is in it
    ("Greater Manchester, Lancashire", (None, "Greater Manchester", "North West"), False),
    ("Dinas Powys, Cardiff", ("Dinas Powys", "Vale of Glamorgan", "Wales"), False),
    ("Oxford Cambridge", (None, None, None), True),  # two towns stay two places
    ("London, Ontario, Canada", (None, None, None), False),  # one look-alike and its qualifiers
]

# national parks and national landscapes: no town; the county or region when in one
PARK_CASES = [
    ("Exmoor National Park", (None, None, "South West")),
    ("North York Moors", (None, "North Yorkshire", "Yorkshire and The Humber")),
    ("Cairngorms", (None, None, "Scotland")),
    ("Eryri", (None, None, "Wales")),
    ("The Chilterns, Hertfordshire", (None, "Hertfordshire", "East of England")),
    ("Cotswolds, Gloucestershire", (None, "Gloucestershire", "South West")),
]


@pytest.mark.parametrize(("raw", "place"), COUNCIL_CASES + COUNCIL_HELD)
def test_round7_councils(raw: str, place: tuple) -> None:
    assert uk_place(raw) == place


@pytest.mark.parametrize("raw", LONDON_CODE_CASES + LONDON_CASES)
def test_round7_london(raw: str) -> None:
    assert uk_place(raw) == ("London", "Greater London", "London")


@pytest.mark.parametrize(("raw", "place", "multi"), LIST_CASES + LIST_HELD)
def test_round7_lists(raw: str, place: tuple, multi: bool) -> None:
    loc = parse_location(raw)
    if raw.startswith("London, Ontario"):
        assert (loc.is_uk, loc.country) == (False, "CA")
        return
    assert (uk_place(raw), loc.multi) == (place, multi)


@pytest.mark.parametrize(
    "raw", ["Leeds Manchester Berlin and Paris", "Bristol Cardiff Madrid and Lisbon"]
)
def test_round7_uk_towns_beside_abroad_are_a_list(raw: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.multi, loc.city, loc.region) == (True, True, None, None)


@pytest.mark.parametrize(("raw", "place"), PARK_CASES)
def test_round7_national_parks(raw: str, place: tuple) -> None:
    assert uk_place(raw) == place


def test_borough_codes() -> None:
    assert borough_codes("HAMMERSMITH AND FULHAM") == {"lbhf", "rbhf"}
    assert borough_codes("RICHMOND UPON THAMES") == {"lbrut", "rbrut", "lbr", "rbr"}


def test_every_london_borough_has_its_codes() -> None:
    """Every London borough of county_os2010_areas.csv (the 32 less the City of Westminster,
    whose name is a city's; and not the City of London) gives London under each code."""
    d = load_index()
    boroughs = [
        r["os_area"]
        for r in read_csv("county_os2010_areas.csv")
        if r["county"] == "Greater London" and not r["os_area"].startswith("CITY")
    ]
    assert len(boroughs) == 31
    for name in boroughs:
        for key in borough_codes(name):
            assert any(p.city == "London" for p in d.places[key]), (name, key)


def test_council_words_are_read_whole() -> None:
    """Each council word of location_words.csv after a county name reads that county."""
    words = [r["phrase"] for r in read_csv("location_words.csv") if r["kind"] == "council"]
    assert "borough council" in words and "mbc" in words
    for word in words:
        assert uk_place(f"Northumberland {word}") == (None, "Northumberland", "North East"), word


def test_city_council_words_read_the_city() -> None:
    """Each council word naming a city's council ("city council", "city and district council",
    four words: the ending is read whole however long) after a city's name reads the city of
    the council area of that name, as "Newport City Council" is Newport, Wales."""
    words = [r["phrase"] for r in read_csv("location_words.csv") if r["kind"] == "council"]
    city_words = [w for w in words if w.startswith("city ")]
    assert "city and district council" in city_words
    for word in city_words:
        assert uk_place(f"Newport {word}") == ("Newport", "Newport", "Wales"), word


# county abbreviations: compass words cut to initials (generated for every county alias), and
# the written forms Shrops, Yorks; a road corridor is the towns along it (UK, several places),
# not the postcode district its road number spells (M62: Manchester)
ABBREVIATION_CASES = [
    ("W Yorks", (None, "West Yorkshire", "Yorkshire and The Humber")),
    ("NE Lincs", (None, "Lincolnshire", "Yorkshire and The Humber")),
    ("E Sussex", (None, "East Sussex", "South East")),
    ("Shrops", (None, "Shropshire", "West Midlands")),
    ("Jurassic Coast", (None, None, "South West")),
]


ABBREVIATION_HELD = [
    ("Huddersfield, W Yorks", ("Huddersfield", "West Yorkshire", "Yorkshire and The Humber")),
    ("Richmond, N Yorks", ("Richmond", "North Yorkshire", "Yorkshire and The Humber")),
]


@pytest.mark.parametrize(("raw", "place"), ABBREVIATION_CASES + ABBREVIATION_HELD)
def test_round7_abbreviations(raw: str, place: tuple) -> None:
    assert uk_place(raw) == place


@pytest.mark.parametrize("raw", ["M62 corridor", "along the A14 corridor"])
def test_round7_road_corridor(raw: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.multi, loc.city, loc.region) == (True, True, None, None)


def test_compass_abbreviation() -> None:
    assert compass_abbreviation("north east lincolnshire") == "ne lincolnshire"
    assert compass_abbreviation("west yorks") == "w yorks"
    assert compass_abbreviation("north") is None
    assert compass_abbreviation("kent") is None


# (raw, (is_uk, city, county, region, multi)): a nation of several regions beside UK places in
# an "and" list, a UK region offered beside a country abroad, "the" before a county, and the
# tech clusters known by a nickname
NATION_CASES = [
    ("England and Scotland", (True, None, None, None, True)),
    ("Northern Ireland and Republic of Ireland", (True, None, None, "Northern Ireland", True)),
    ("the Isle of Wight", (True, None, "Isle of Wight", "South East", False)),
    ("Silicon Fen", (True, "Cambridge", "Cambridgeshire", "East of England", False)),
    ("Tech City", (True, "London", "Greater London", "London", False)),
]

NATION_HELD = [
    ("UK & Ireland", (True, None, None, None, True)),
    ("Scotland and Wales", (True, None, None, None, True)),
    ("Northern Europe and South East Asia", (None, None, None, None, False)),
]


@pytest.mark.parametrize(("raw", "want"), NATION_CASES + NATION_HELD)
def test_round7_nations(raw: str, want: tuple) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.city, loc.county, loc.region, loc.multi) == want


# a city abroad whose name GeoNames also gives a larger UK place (another name, a common
# misspelling) is not read as abroad; the misspelt town is found by close spelling
MISSPELT_CASES = [
    ("Guilford", ("Guildford", "Surrey", "South East")),
    ("Edinburg", ("Edinburgh", "City of Edinburgh", "Scotland")),
]


@pytest.mark.parametrize(("raw", "place"), MISSPELT_CASES)
def test_round7_uk_names_not_abroad(raw: str, place: tuple) -> None:
    assert uk_place(raw) == place


@pytest.mark.parametrize(
    ("raw", "country"), [("Guilford, Connecticut", "US"), ("Edinburg, Texas", "US")]
)
def test_round7_uk_names_abroad_when_qualified(raw: str, country: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.country) == (False, country)
