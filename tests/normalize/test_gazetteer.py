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
    assert lines[0] == "name\tcity\tcounty\tregion\tcountry\tmajor\tsource"
    return [tuple(ln.split("\t")) for ln in lines[1:]]


def test_gazetteer_is_reproducible(corpus: Path) -> None:
    build = _build_module()
    rows = build.build(
        corpus / "gazetteer" / "os_strategi_2010.txt", corpus / "adzuna-2013" / "location_tree.csv"
    )
    assert [tuple(str(v) for v in r) for r in rows] == _committed_rows()


def test_strategi_rows_unchanged_by_the_tree(corpus: Path) -> None:
    """Precedence: Strategi rows keep their county and region; the tree only adds places and
    gives a Strategi locality near a city that city (source os+adzuna)."""
    build = _build_module()
    alone = {r[:5] for r in build.build(corpus / "gazetteer" / "os_strategi_2010.txt")}
    merged = _committed_rows()
    kept = {(r[0], r[2], r[3], r[4]) for r in merged if r[6] in ("os", "os+adzuna", "extra")}
    assert {(r[0], r[2], r[3], r[4]) for r in alone} == kept
    assert {r[6] for r in merged} == {"os", "os+adzuna", "adzuna", "extra"}


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
