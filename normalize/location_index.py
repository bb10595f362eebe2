"""The place index of :mod:`normalize.location`: every name a location string may use, read
once from the data files under ``normalize/data/``.

``load_index()`` builds an :class:`Index` (cached): places by normalized key (from
``gazetteer.tsv``, built by ``scripts/build_gazetteer.py``; ``london_places.txt``;
``city_districts.csv``; ``place_aliases.csv``), county names (``county_itl1.csv``,
``district_areas.csv``),
region/country/supranational names (``location_areas.csv``), upper-case board codes
(``location_codes.csv``), postcode areas and districts (``postcode_areas.csv``,
``postcode_districts.csv``) and word lists (``location_words.csv``). ``norm`` gives the key
every lookup uses; ``postcode_info`` and ``fuzzy_key`` answer the two lookups that are more
than a dict access.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from normalize.datafiles import read_csv
from normalize.gcpause import gc_paused
from normalize.location_world import LOOKALIKE_RATIO, MIN_CITY_POPULATION, load_world

DATA = Path(__file__).resolve().parent / "data"
CITY_COUNTY_TOWNS = 2
"""A county (council area, principal area, unitary authority) holding at most this many towns
of the index is a city's own (Belfast, Cardiff, Bristol, Glasgow City)."""
WORKPLACE_RANK = {"onsite": 1, "hybrid": 2, "remote": 3}
"""Workplace kinds, least to most permissive (several offered: the most permissive wins)."""


class Place(NamedTuple):
    """One gazetteer entry under one key (a key may name several places)."""

    name: str  # the name as written in the gazetteer (used when ambiguous)
    city: str | None  # the city reported; None: a landmark in no single town
    county: str | None  # None: unknown (a tree place of a district spanning counties)
    region: str | None
    country: str
    major: bool  # a town (upper case in Strategi) rather than a hamlet/locality
    london: bool  # from the hand-written London list (preferred when nothing else decides)
    base: bool = False  # reached by dropping a suffix ("Westcliff" -> Westcliff-on-Sea)
    # which data decided it: os, os+adzuna, adzuna, geonames (gazetteer.tsv), extra, london,
    # district (city_districts.csv), landmark
    source: str = "os"
    populated: bool = False  # GeoNames lists it as a settlement of 1,000+ people (cities1000)


class County(NamedTuple):
    """A county name as written: what it reports and what it hints."""

    county: str | None
    region: str | None
    hints: frozenset[str]  # counties a town filed under this name may lie in


class Postcode(NamedTuple):
    """What a postcode area or district tells: its post town, county, region, country."""

    post_town: str | None
    county: str | None
    region: str | None
    country: str
    single_town: bool


_V = TypeVar("_V")


class LazyMap(Mapping[str, _V]):
    """A read-only dict built by ``build()`` on its first read: index tables only some inputs
    need (the spelling index) cost nothing in a process that never reads them."""

    def __init__(self, build: Callable[[], dict[str, _V]]) -> None:
        self._build: Callable[[], dict[str, _V]] | None = build
        self._data: dict[str, _V] = {}

    def _table(self) -> dict[str, _V]:
        if self._build is not None:
            self._data, self._build = self._build(), None
        return self._data

    def __getitem__(self, key: str) -> _V:
        return self._table()[key]

    def get(self, key: str, default: _V | None = None) -> _V | None:  # type: ignore[override]
        return self._table().get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


class Index(NamedTuple):
    """Every lookup table of the location parser (see the module docstring for the sources)."""

    places: dict[str, tuple[Place, ...]]
    counties: dict[str, County]
    areas: dict[str, tuple[str, str, str]]  # key -> (kind, value, level)
    codes: dict[str, tuple[str, str, str]]
    areas_pc: dict[str, Postcode]
    districts_pc: dict[str, Postcode]
    # "SN15 1" -> its town, county and region (postcode_sectors.tsv; read on first use)
    sectors_pc: Mapping[str, Postcode]
    workplace: dict[str, str]
    noise: frozenset[str]
    facility: frozenset[str]
    generic: frozenset[str]
    fuzzy: Mapping[str, frozenset[str]]  # built on first use (only misspelt names need it)
    lookalike: frozenset[str]
    town_prefixes: frozenset[str]  # the first words of longer town names ("waltham": Waltham Abbey)
    street: frozenset[str]
    building: frozenset[str]  # last words of a building's name ("Marlborough House")
    site: frozenset[str]  # first words of a defence site named after its place ("RAF Wyton")
    institution: frozenset[str]  # words before a prison's name ("HMP", "HM Prison")
    council: frozenset[str]  # words after a council's area ("council", "borough council")
    council_areas: dict[str, County]  # Strategi's areas named after no town ("Sefton", "Trafford")
    landmarks: frozenset[str]  # keys of landmarks.csv (read whole, before site words are cut)
    world: dict[str, str]  # foreign city (GeoNames) -> ISO alpha-2, read only as a whole part
    continents: dict[str, str]  # ISO alpha-2 -> GeoNames continent code (supra rows' values)


# --------------------------------------------------------------------------- normalization

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOS = re.compile(r"['\u2019`]")


def norm(text: str) -> str:
    """Lower-case ASCII key: accents dropped, ``&`` -> ``and``, ``saint`` -> ``st``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _APOS.sub("", text.lower().replace("&", " and "))
    words = _NON_ALNUM.sub(" ", text).split()
    return " ".join("st" if w == "saint" else w for w in words)


_DISTRICT = re.compile(r"([A-Z]+)([0-9]+)")
_AREA_LETTERS = re.compile(r"[A-Z]+")


def _expand_districts(spec: str) -> Iterable[str]:
    for item in spec.split():
        if "-" not in item:
            yield item
            continue
        lo, hi = item.split("-")
        m1 = _DISTRICT.fullmatch(lo)
        m2 = _DISTRICT.fullmatch(hi)
        if not m1 or not m2 or m1.group(1) != m2.group(1):
            raise ValueError(f"bad district range {item!r}")
        for n in range(int(m1.group(2)), int(m2.group(2)) + 1):
            yield f"{m1.group(1)}{n}"


def deletes(key: str) -> set[str]:
    """Every string one deleted character away from ``key`` (symmetric-delete spelling index)."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


_CITY_COUNTY = re.compile(r"city of (.+)|(.+) city|(.+) county")
_SUFFIX_BASE = re.compile(r"^(.+?) (?:on|upon|under|by|in|le|super) (?:sea|\w+)$")


GAZETTEER_FILE = DATA / "gazetteer.json.gz"
"""``gazetteer.tsv`` compiled (:func:`gazetteer_places` as :func:`gazetteer_json`, gzip), the
form read at run time: ~30 ms against ~0.5 s to parse and key the TSV in every process. Built
by ``scripts/build_compact_data.py``; a test holds it equal to the TSV."""


def gazetteer_places(path: Path = DATA / "gazetteer.tsv") -> dict[str, list[Place]]:
    """The places of the gazetteer TSV (``scripts/build_gazetteer.py``) by :func:`norm` key,
    each name also under its base ("Westcliff" for Westcliff-on-Sea; ``Place.base``), in file
    order. The build step of :data:`GAZETTEER_FILE`."""
    places: dict[str, list[Place]] = {}

    def add_place(key: str, p: Place) -> None:
        lst = places.setdefault(key, [])
        if p not in lst:
            lst.append(p)

    base_keys: dict[str, list[Place]] = {}
    for r in read_csv(path.name, path.parent, delimiter="\t"):
        p = Place(
            name=r["name"],
            city=r["city"] or r["name"],
            county=r["county"] or None,
            region=r["region"] or None,
            country=r["country"] or "GB",
            major=r["major"] == "1",
            london=False,
            source=r.get("source") or "os",
            populated=r.get("populated") == "1",
        )
        key = norm(r["name"])
        add_place(key, p)
        m = _SUFFIX_BASE.match(key)
        if m:
            base_keys.setdefault(m.group(1), []).append(p._replace(base=True))
    for key, lst in base_keys.items():  # "Westcliff" -> Westcliff-on-Sea, "Shoreham" -> ...
        for p in lst:
            add_place(key, p)
    return places


def gazetteer_json(places: Mapping[str, Sequence[Place]]) -> str:
    """``places`` (:func:`gazetteer_places`) as the JSON text of :data:`GAZETTEER_FILE`: the TSV's
    header comment (its sources and licences), then one line per key, ``key: [Place fields]``."""
    with (DATA / "gazetteer.tsv").open(encoding="utf-8") as fh:
        about = "".join(ln[2:] for ln in fh if ln.startswith("#"))
    lines = [f'"about":{json.dumps(about)}', f'"fields":{json.dumps(Place._fields)}']
    lines += [
        f"{json.dumps(key)}:{json.dumps([list(p) for p in lst], separators=(',', ':'))}"
        for key, lst in places.items()
    ]
    return '{"places":{\n' + ",\n".join(lines[2:]) + "\n},\n" + ",\n".join(lines[:2]) + "\n}\n"


TOWNS_FILE = DATA / "gazetteer_towns.json.gz"
"""``gazetteer_towns.tsv`` compiled (:func:`town_pairs_table` as :func:`towns_json`, gzip), the
form read at run time: ~20 ms against ~0.15 s to key the TSV's 27,000 rows in every process
that reads a "Place, Town" string. Built by ``scripts/build_compact_data.py``; a test holds it
equal to the TSV."""


def town_pairs_table(path: Path = DATA / "gazetteer_towns.tsv") -> dict[str, list[str]]:
    """What "Place, Town" means (``gazetteer_towns.tsv``, built by ``scripts/build_gazetteer.py``):
    ``"<norm(place)>\t<norm(town)>"`` -> ``[city, county, region]`` as the TSV writes them (a
    later row of the same key wins). The build step of :data:`TOWNS_FILE`."""
    return {
        f"{norm(r['place'])}\t{norm(r['town'])}": [r["city"], r["county"], r["region"]]
        for r in read_csv(path.name, path.parent, delimiter="\t")
    }


def towns_json(
    table: Mapping[str, Sequence[str]], path: Path = DATA / "gazetteer_towns.tsv"
) -> str:
    """``table`` (:func:`town_pairs_table` of ``path``) as the JSON text of :data:`TOWNS_FILE`:
    the header comment of ``path`` (its sources and licences), then the table, one line per
    key."""
    with path.open(encoding="utf-8") as fh:
        about = "".join(ln[2:] for ln in fh if ln.startswith("#"))
    lines = [f"{json.dumps(key)}:{json.dumps(list(row))}" for key, row in table.items()]
    return '{"towns":{\n' + ",\n".join(lines) + f'\n}},\n"about":{json.dumps(about)}\n}}\n'


@cache
def load_town_pairs() -> dict[str, list[str]]:
    """The table of :data:`TOWNS_FILE` (read once), equal to :func:`town_pairs_table`. Raises
    ``FileNotFoundError`` when it is missing (``scripts/build_compact_data.py``)."""
    return json.loads(gzip.decompress(TOWNS_FILE.read_bytes()))["towns"]


@cache
def load_gazetteer() -> dict[str, tuple[Place, ...]]:
    """The places of :data:`GAZETTEER_FILE` (read once), equal to :func:`gazetteer_places`.
    Raises ``FileNotFoundError`` when it is missing (``scripts/build_compact_data.py``)."""
    data = json.loads(gzip.decompress(GAZETTEER_FILE.read_bytes()))
    if tuple(data["fields"]) != Place._fields:
        raise ValueError(f"{GAZETTEER_FILE.name}: built for other Place fields; rebuild it")
    place = partial(tuple.__new__, Place)  # C-level construction: 38k places in a few ms
    return {key: tuple(map(place, lst)) for key, lst in data["places"].items()}


@cache
def load_index() -> Index:
    """The place index, built from the data files on first use (then cached).

    Raises ``ValueError`` on a broken data file (an alias of an unknown place, a bad postcode
    district range).
    """
    with gc_paused():  # ~200,000 new tuples: collections cost 0.15 s of 0.25 s
        return _build_index()


def _build_index() -> Index:
    places: dict[str, Sequence[Place]] = dict(load_gazetteer())  # lists where changed below
    with (DATA / "london_places.txt").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                key = norm(line)
                lp = _london_place(line.title())
                places[key] = [lp] + [p for p in places.get(key, []) if p.city != "London"]
    for r in read_csv("city_districts.csv"):
        # districts of the largest cities the gazetteer lacks ("Digbeth"): beside any other
        # place of the name, so that a shared name stays shared
        key = norm(r["name"])
        district = Place(
            name=r["name"],
            city=r["town"],
            county=r["county"],
            region=r["region"],
            country="GB",
            major=False,
            london=False,
            source="district",
        )
        places[key] = [*places.get(key, ()), district]
    for r in read_csv("place_aliases.csv"):
        target = [p for p in places.get(norm(r["name"]), []) if p.name == r["name"]]
        if not target:
            raise ValueError(f"place alias {r['alias']!r} -> unknown {r['name']!r}")
        target = [p for p in target if p.major] or target
        places[norm(r["alias"])] = [p._replace(major=True) for p in target]

    landmarks = set()
    for r in read_csv("landmarks.csv"):  # a landmark outranks a gazetteer place of its name
        key = norm(r["name"])
        mark = Place(
            name=r["name"],
            city=r["town"] or None,  # in no single town
            county=r["county"] or None,
            region=r["region"] or None,
            country="GB",
            major=True,
            london=False,
            source="landmark",
        )
        places[key] = [mark] + [p for p in places.get(key, []) if p.source != "landmark"]
        landmarks.add(key)

    counties = {}
    for r in read_csv("county_itl1.csv"):
        hints = {h for h in r["hints"].split("|") if h}
        if r["county"]:
            hints.add(r["county"])
        counties[norm(r["alias"])] = County(
            county=r["county"] or None, region=r["region"] or None, hints=frozenset(hints)
        )
    regions = {c.county: c.region for c in counties.values() if c.county and c.region}
    for r in read_csv("district_areas.csv"):  # "Swale", "Dacorum": their county, no town
        if r["county"] not in regions:
            raise ValueError(f"district {r['name']!r} -> unknown county {r['county']!r}")
        county = County(county=r["county"], region=regions[r["county"]], hints=frozenset())
        counties.setdefault(norm(r["name"]), county._replace(hints=frozenset({r["county"]})))
    os_areas = read_csv("county_os2010_areas.csv")
    _add_borough_codes(places, os_areas)
    council_areas = {}
    for r in os_areas:
        if not r["core_city"] and r["county"]:  # "Sefton Council": the borough, not the village
            area = County(county=r["county"], region=r["region"], hints=frozenset({r["county"]}))
            for name in r["os_area"].split("/"):
                council_areas[norm(name)] = area
    for r in os_areas:
        # the unitary authorities and districts Strategi names as areas ("Medway", "Thurrock",
        # "Bracknell Forest", "Sir Benfro") name their county, when no place or area has the
        # name; one named after its town names the town ("Telford and Wrekin", "City of Derby")
        town = [p for p in places.get(norm(r["core_city"]), ()) if p.major]
        town = [p for p in town if p.county == r["county"]]
        for name in r["os_area"].split("/"):
            key = norm(name)
            first = key.split()[0]
            if r["absorb"] == "all" or key in places or key in counties:
                continue
            if not town and any(p.major for p in places.get(first, ())):
                continue  # "Bracknell Forest", "Windsor and Maidenhead": read as their towns
            if town:
                places[key] = town
            else:
                hints = frozenset({r["county"]})
                counties[key] = County(county=r["county"], region=r["region"], hints=hints)
    for key, c in list(counties.items()):  # "W Yorks", "NE Lincs": compass words abbreviated
        short = compass_abbreviation(key)
        if short is not None and short not in places:
            counties.setdefault(short, c)
    for key, c in list(counties.items()):  # "West Midlands (County)"
        counties.setdefault(key + " county", c)
    cities: dict[str, set[str]] = {}  # county -> its towns
    for lst in places.values():
        for p in lst:
            if p.major and p.county and p.source != "landmark":
                cities.setdefault(p.county, set()).add(p.city)
    for key, c in list(counties.items()):
        # a county named after its city ("City of Bristol", "Glasgow City") names the city;
        # so does "<city> County" when the county is the city's own, holding no other town
        # ("Cardiff County": the City and County of Cardiff; not "Durham County")
        m = _CITY_COUNTY.fullmatch(key)
        name = m and (m.group(1) or m.group(2) or m.group(3))
        town = name and [p for p in places.get(name, ()) if p.major]
        if m and m.group(3) and len(cities.get(c.county or "", ())) > CITY_COUNTY_TOWNS:
            town = []
        if town and key not in places and all(p.county == c.county for p in town):
            places[key] = town
    areas = {}
    for r in read_csv("location_areas.csv"):
        key = norm(r["alias"])
        if r["kind"] == "foreign" and key in places and r["value"] != "":
            if any(p.major or p.london for p in places[key]):
                continue  # a UK town of that name: not a foreign city here
        areas[key] = (r["kind"], r["value"], r.get("level") or "")
    for key, area in list(areas.items()):  # "West Midlands (Region)"
        if area[0] == "region":
            areas.setdefault(key + " region", area)
    lookalike = {k for k, v in areas.items() if v[0] == "lookalike"}
    for k in lookalike:  # no UK place of that name in the index: simply the place abroad
        if k in places:
            del areas[k]
        else:
            areas[k] = ("foreign", "", "")
    codes = {
        r["code"].replace(".", ""): (r["kind"], r["value"], r.get("level") or "")
        for r in read_csv("location_codes.csv")
    }

    areas_pc = {
        r["area"]: Postcode(
            post_town=r["post_town"] or None,
            county=r["county"] or None,
            region=r["region"] or None,
            country=r["country"],
            single_town=r["single_town"] == "1",
        )
        for r in read_csv("postcode_areas.csv")
    }
    districts_pc = {}
    for r in read_csv("postcode_districts.csv"):
        for d in _expand_districts(r["districts"]):
            letters = _AREA_LETTERS.match(d)
            if letters is None:
                raise ValueError(f"bad postcode district {d!r}")
            pc_area = letters.group(0)
            districts_pc[d] = Postcode(
                post_town=r["post_town"] or None,
                county=r["county"] or None,
                region=r["region"] or None,
                country=areas_pc[pc_area].country,
                single_town=False,
            )

    workplace: dict[str, str] = {}
    by_kind: dict[str, set[str]] = defaultdict(set)  # kind -> phrases (noise, street, ...)
    for r in read_csv("location_words.csv"):
        key, kind = norm(r["phrase"]), r["kind"]
        if kind in WORKPLACE_RANK:
            workplace[key] = kind
        else:
            by_kind[kind].add(key)
    noise, facility, generic = by_kind["noise"], by_kind["facility"], by_kind["generic"]
    street, council = by_kind["street"], by_kind["council"]

    reserved = set(counties) | set(workplace) | noise | facility | generic | street | landmarks
    reserved |= council
    world = _add_world(places, areas, codes, lookalike, reserved)

    final = {k: tuple(v) for k, v in places.items()}
    return Index(
        places=final,
        counties=counties,
        areas=areas,
        codes=codes,
        areas_pc=areas_pc,
        districts_pc=districts_pc,
        sectors_pc=LazyMap(_postcode_sectors),
        workplace=workplace,
        noise=frozenset(noise),
        facility=frozenset(facility),
        generic=frozenset(generic),
        fuzzy=LazyMap(lambda: _fuzzy_index(final, counties)),
        lookalike=frozenset(lookalike),
        town_prefixes=frozenset(
            " ".join(words[:n])
            for k, v in final.items()
            if any(p.major and not p.base for p in v) and len(words := k.split()) > 1
            for n in range(1, len(words))
        ),
        street=frozenset(street),
        building=frozenset(by_kind["building"]),
        site=frozenset(by_kind["site"]),
        institution=frozenset(by_kind["institution"]),
        council=frozenset(council),
        council_areas=council_areas,
        landmarks=frozenset(landmarks),
        world=world,
        continents=load_world().continents,
    )


_COMPASS_LETTER = {"north": "n", "south": "s", "east": "e", "west": "w"}


def compass_abbreviation(key: str) -> str | None:
    """A county key with its leading compass words cut to their initials, as boards write
    them ("west yorkshire" -> "w yorkshire", "north east lincolnshire" -> "ne lincolnshire");
    ``None`` when the key starts with no compass word or is one alone."""
    words = key.split()
    n = 0
    while n < min(2, len(words) - 1) and words[n] in _COMPASS_LETTER:
        n += 1
    if n == 0:
        return None
    return "".join(_COMPASS_LETTER[w] for w in words[:n]) + " " + " ".join(words[n:])


def _london_place(name: str) -> Place:
    """A place of the London list (``london_places.txt``): city London, Greater London."""
    return Place(
        name=name,
        city="London",
        county="Greater London",
        region="London",
        country="GB",
        major=False,
        london=True,
        source="london",
    )


_BOROUGH_SKIP = frozenset({"and", "of", "the"})


def borough_codes(name: str) -> set[str]:
    """The abbreviations councils and ads write for a London borough (keys, lower case):
    "LB" (London Borough) or "RB" (Royal Borough) and the initials of its name's words
    ("Hammersmith and Fulham": lbhf; "Tower Hamlets": lbth; "Kensington and Chelsea": rbkc;
    "Richmond upon Thames": lbrut and lbr). Ambiguous initials ("LBH": Hackney, Harrow, ...)
    are still London."""
    words = [w for w in norm(name).split() if w not in _BOROUGH_SKIP]
    forms = {"".join(w[0] for w in words)}
    if "upon" in words:
        forms.add("".join(w[0] for w in words[: words.index("upon")]))
    return {prefix + f for prefix in ("lb", "rb") for f in forms}


def _add_borough_codes(places: dict[str, Sequence[Place]], os_areas: list[dict[str, str]]) -> None:
    """Index every London borough's abbreviations (:func:`borough_codes`) as London, the
    boroughs being the Strategi areas of ``os_areas`` (the rows of ``county_os2010_areas.csv``)
    whose places all report London (not the City of London or Westminster, whose names are no
    borough's); a key that names another place is left to it."""
    london = _london_place("London")
    for r in os_areas:
        if (
            r["county"] != "Greater London"
            or r["absorb"] != "all"
            or r["os_area"].startswith("CITY")
        ):
            continue
        for key in sorted(borough_codes(r["os_area"])):
            places.setdefault(key, [london])


def _fuzzy_index(
    places: dict[str, tuple[Place, ...]], counties: dict[str, County]
) -> dict[str, frozenset[str]]:
    """The symmetric-delete spelling index of :func:`fuzzy_key`: every key of a town, London
    place or county of 5+ letters, under itself and each string one deletion away."""
    fuzzy: dict[str, set[str]] = {}
    fuzzy_keys = [k for k, v in places.items() if any(p.major or p.london for p in v)]
    fuzzy_keys += list(counties)
    for key in fuzzy_keys:
        if len(key) >= 5:
            for d in deletes(key) | {key}:
                fuzzy.setdefault(d, set()).add(key)
    return {k: frozenset(v) for k, v in fuzzy.items()}


def _add_world(
    places: Mapping[str, Sequence[Place]],
    areas: dict[str, tuple[str, str, str]],
    codes: dict[str, tuple[str, str, str]],
    lookalike: set[str],
    reserved: set[str],
) -> dict[str, str]:
    """Add GeoNames' countries, US states and codes (:mod:`normalize.location_world`) to
    ``areas``/``codes`` where the hand-written files and the UK names leave them free; add to
    ``lookalike`` the UK village names of a much larger foreign city; return the foreign cities
    no UK name uses (read only when a whole part names one, never inside a longer part)."""
    w = load_world()

    def free(key: str) -> bool:
        uk_town = any(p.major or p.london for p in places.get(key, ()))
        return (
            bool(key)
            and key not in areas
            and key not in reserved
            and key not in lookalike
            and not uk_town
        )

    for key, iso in w.countries.items():
        if free(key):
            areas[key] = ("foreign", iso, "country")
    for key, iso in w.us_states.items():
        if free(key):
            areas[key] = ("foreign", iso, "")
    for code, iso in w.codes.items():
        # two-letter ISO codes are common abbreviations ("NA", "IT"): only the hand-written ones
        if len(code) == 3 or iso == "US":
            codes.setdefault(code, ("foreign", iso, "country" if len(code) == 3 else ""))
    world: dict[str, str] = {}
    for key, (iso, population) in w.cities.items():
        if key in areas or key in reserved or key in lookalike:
            continue
        uk = places.get(key)
        if uk is None and w.uk_population.get(key, 0) >= population:
            # another name GeoNames gives a larger UK place ("Leamington", "Guilford",
            # "Edinburg"): not read as the city abroad (a misspelling still finds the town)
            continue
        if uk is None:
            world[key] = iso
        elif not any(p.major or p.london or p.county == "Greater London" for p in uk):
            # a UK town (upper case in Strategi) or London district keeps its name (towns
            # abroad named like one are in the reviewed lookalike rows of location_areas.csv:
            # "Boston", "Hamilton"); a village yields to a much larger city abroad
            uk_population = max(w.uk_population.get(key, 0), MIN_CITY_POPULATION)
            if population >= LOOKALIKE_RATIO * uk_population:
                lookalike.add(key)
    return world


# --------------------------------------------------------------------------- postcodes

_LETTER_DISTRICT_AREAS = frozenset({"E", "EC", "N", "NW", "SE", "SW", "W", "WC"})
_LEADING_DIGITS = re.compile(r"[0-9]+")


def _postcode_sectors() -> dict[str, Postcode]:
    """``postcode_sectors.tsv`` (built by ``scripts/build_postcode_sectors.py`` from Code-Point
    Open): ``"SN15 1"`` -> the sector's town, county and region."""
    return {
        r["sector"]: Postcode(
            post_town=r["city"],
            county=r["county"],
            region=r["region"],
            country="GB",
            single_town=False,
        )
        for r in read_csv("postcode_sectors.tsv", delimiter="\t")
    }


def postcode_info(area: str, district: str, d: Index, sector: str | None = None) -> Postcode | None:
    """What the postcode area + district (``"SW"``, ``"1A"``) tells, and with ``sector`` (the
    first digit of a full postcode's inward code: "SN15 1BN" -> ``"1"``) the sector's town
    (``postcode_sectors.tsv``: the post town a board writes, "Chippenham"), county and region
    (finer than the hand-written district tables: "BS1 5TR" is Bristol, not the
    Gloucestershire of BS1-BS16); ``None`` if not a UK one."""
    area = area.upper()
    district = district.upper()
    if area not in d.areas_pc:
        return None
    if district[-1].isalpha() and area not in _LETTER_DISTRICT_AREAS:
        return None
    info = d.areas_pc[area]
    digits = _LEADING_DIGITS.match(district)
    num = digits.group(0) if digits else district
    sub = d.districts_pc.get(area + num)
    if sub is not None:
        info = Postcode(
            post_town=sub.post_town,
            county=sub.county or info.county,
            region=sub.region or info.region,
            country=info.country,
            single_town=info.single_town,
        )
    found = d.sectors_pc.get(f"{area}{district} {sector}") if sector else None
    if found is None:
        return info
    if found.county == "Greater London":
        return found
    return Postcode(
        post_town=found.post_town,
        county=found.county,
        region=found.region,
        country=info.country,
        single_town=False,
    )


def fuzzy_key(key: str, d: Index) -> str | None:
    """The one town or county key within one typo of ``key`` (same first letter, length within
    one), or ``None`` when there is none or several; keys shorter than 5 letters never match."""
    if len(key) < 5:
        return None
    found: set[str] = set()
    for k in deletes(key) | {key}:
        found |= d.fuzzy.get(k, frozenset())
    found = {f for f in found if abs(len(f) - len(key)) <= 1 and f[0] == key[0]}
    return next(iter(found)) if len(found) == 1 else None
