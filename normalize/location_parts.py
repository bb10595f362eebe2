"""The place-part reader of :mod:`normalize.location`: one comma-separated part of a location
string (``"Manchester Area"``, ``"SW1A 1AA"``, ``"Remote (UK)"``) -> the references it makes.

A reference (:data:`Ref`) is one of five typed variants: a place key (:class:`PlaceRef`), a
county (:class:`CountyRef`), a region/country/supranational name (:class:`AreaRef`), a
postcode (:class:`PostcodeRef`) or a name the index does not know (:class:`UnknownRef`). The
resolver in :mod:`normalize.location` weighs them against each other.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rapidfuzz import fuzz, process

from normalize.location_index import (
    CITY_COUNTY_TOWNS,
    WORKPLACE_RANK,
    County,
    Index,
    Place,
    Postcode,
    fuzzy_key,
    load_index,
    norm,
    postcode_info,
)
from normalize.location_world import load_world

MAX_NGRAM = 6
"""Longest run of words looked up as one name when scanning an unknown part."""

AREA_KINDS = ("region", "uk", "multi", "supra", "foreign", "crown")
"""Kinds of :class:`AreaRef` (see ``location_areas.csv``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _RefBase:
    """What every reference carries: the key read and how it was read."""

    key: str = ""
    fuzzy: bool = False  # read through a one-letter spelling correction
    partial: bool = False  # a town named inside a longer unknown name ("Burton End")
    listed: bool = False  # an item of an "and" list ("Lancashire and Merseyside")
    # what a building or street in an address is named after ("NMS Norwich House"): the
    # option drops it when it reads another place or a postcode (normalize.location)
    named: bool = False
    # the place a defence site is named after ("RAF Wyton"): the option drops it when it
    # reads another place ("MOD Abbey Wood, Bristol"), not for a postcode (normalize.location)
    site: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRef(_RefBase):
    """A key naming one or more gazetteer places (the resolver picks one)."""

    kind: ClassVar[str] = "place"
    places: tuple[Place, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CountyRef(_RefBase):
    """A county name (``"Lancashire"``, ``"Co Antrim"``)."""

    kind: ClassVar[str] = "county"
    county: County


@dataclass(frozen=True, slots=True, kw_only=True)
class AreaRef(_RefBase):
    """A region, country or supranational name; ``kind`` is one of :data:`AREA_KINDS`.

    ``value``: the ITL1 name (region), ISO 3166-1 alpha-2 code (foreign, crown; empty for a
    non-UK bloc), as in ``location_areas.csv`` / ``location_codes.csv``.
    """

    kind: str
    value: str
    level: str = ""  # foreign: "country", "bloc" (a group of countries) or "" (a city, a state)


@dataclass(frozen=True, slots=True, kw_only=True)
class PostcodeRef(_RefBase):
    """A full postcode or an outward code."""

    kind: ClassVar[str] = "postcode"
    postcode: Postcode


@dataclass(frozen=True, slots=True, kw_only=True)
class UnknownRef(_RefBase):
    """Words the index does not know (``key``: them, normalized)."""

    kind: ClassVar[str] = "unknown"


Ref = PlaceRef | CountyRef | AreaRef | PostcodeRef | UnknownRef

# --------------------------------------------------------------------------- part parsing

_FULL_PC = re.compile(r"\b([A-Z]{1,2})([0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
_OUTWARD = re.compile(r"\b([A-Z]{1,2})([0-9]{1,2}|[0-9][A-Z])\b")
_HAS_DIGIT = re.compile(r"[0-9]")
_ROAD_CORRIDOR = re.compile(r"\b[MA][0-9]{1,4}(?:\s*\(M\))?\s+corridor\b", re.IGNORECASE)
_US_ZIP = re.compile(r"([A-Z]{2})\s+[0-9]{5}(?:-[0-9]{4})?")
# "Ledgewood NJ", "USCA": a US state code after a place name with no comma, or glued to "US";
# codes that are also UK postcode areas ("Carlisle CA", "Tonbridge TN") are not read this way
_TRAILING_STATE = re.compile(r"(?:[A-Za-z][A-Za-z .'-]*\s|(US)-?)([A-Z]{2})")


def lookup(key: str, d: Index, whole: bool) -> list[Ref] | None:
    """Refs for an exact key; ``whole`` allows hamlets (scan windows need a town)."""
    places = d.places.get(key)
    county = d.counties.get(key)
    area = d.areas.get(key)
    strong = places is not None and any((p.major or p.london) and not p.base for p in places)
    if area is not None and (not strong or area[0] in ("region", "uk", "crown")):
        return [AreaRef(kind=area[0], value=area[1], level=area[2], key=key)]
    if places is not None:
        # a county or district outranks a village or a town only Adzuna's tree knows
        # ("Rossendale": a district the tree files as a town), not a Strategi town
        settled = any((p.major or p.london) and not p.base and p.source != "adzuna" for p in places)
        if county is not None and not settled:
            return [CountyRef(county=county, key=key)]
        if strong or whole or (" " in key and not all(p.base for p in places)):
            return [PlaceRef(places=places, key=key)]
    if county is not None:
        return [CountyRef(county=county, key=key)]
    if area is not None:
        return [AreaRef(kind=area[0], value=area[1], level=area[2], key=key)]
    return None


def strip_workplace(key: str, d: Index) -> tuple[str, str | None]:
    """Remove workplace phrases (``remote``, ``on site``) from a key; the most permissive."""
    tokens = key.split()
    workplace = None
    kept: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        for j in (3, 2, 1):
            if i + j <= n:
                kind = d.workplace.get(" ".join(tokens[i : i + j]) if j > 1 else tokens[i])
                if kind is not None:
                    if workplace is None or WORKPLACE_RANK[kind] > WORKPLACE_RANK[workplace]:
                        workplace = kind
                    i += j
                    break
        else:
            kept.append(tokens[i])
            i += 1
    if workplace is None:
        return key, None
    return " ".join(kept), workplace


def parse_part(raw: str, d: Index) -> tuple[list[Ref], bool, str | None]:
    """Refs found in one comma-separated part, whether it had unread content, workplace."""
    refs: list[Ref] = []
    stripped = raw.strip()
    if not stripped:
        return refs, False, None
    code = d.codes.get(stripped.replace(".", ""))
    if code is not None and stripped.isupper():
        return [AreaRef(kind=code[0], value=code[1], level=code[2], key=stripped)], False, None
    if len(stripped) == 2 and stripped.isalpha() and stripped.isupper():
        # a two-letter capital code ("AE", an ISO country code) is never read as a UK place
        # of that name (Ae, a village); areas and blocs still are ("EU")
        kept = [r for r in lookup(norm(stripped), d, True) or () if not isinstance(r, PlaceRef)]
        return kept, not kept, None
    zip_code = _US_ZIP.fullmatch(stripped)  # "CA 93212-8309": a US state and ZIP code
    if zip_code is not None and d.codes.get(zip_code.group(1), ("",))[0] == "foreign":
        return [AreaRef(kind="foreign", value="US", key=stripped)], False, None
    state = _TRAILING_STATE.fullmatch(stripped)
    if (
        state is not None
        and d.codes.get(state.group(2), ("", ""))[:2] == ("foreign", "US")
        and (state.group(1) is not None or state.group(2) not in d.areas_pc)
    ):
        workplace = strip_workplace(norm(stripped), d)[1]  # "Remote Boston MA"
        return [AreaRef(kind="foreign", value="US", key=stripped)], False, workplace
    if _AND.search(stripped) is not None:
        listed = _and_list(stripped, d)
        if listed is not None:
            return listed
    text = stripped
    if _HAS_DIGIT.search(text) and _ROAD_CORRIDOR.search(text):
        # "M4 corridor", "along the A14 corridor": the towns along a road, not a postcode
        key, workplace = strip_workplace(norm(text), d)
        return [AreaRef(kind="multi", value="", key=key)], False, workplace
    full = _FULL_PC.search(text) if _HAS_DIGIT.search(text) else None
    if full:
        pc = postcode_info(full.group(1), full.group(2), d, full.group(3)[0])
        if pc is not None:
            refs.append(PostcodeRef(postcode=pc))
            text = text[: full.start()] + " " + text[full.end() :]
    elif full is None and _HAS_DIGIT.search(text):
        for m in list(_OUTWARD.finditer(text)):
            pc = postcode_info(m.group(1), m.group(2), d)
            if pc is not None:
                refs.append(PostcodeRef(postcode=pc))
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
                break
    key, workplace = strip_workplace(norm(text), d)
    if not key:
        return refs, False, workplace
    code = d.codes.get(key.upper()) if workplace and len(key) == 3 else None
    if code is not None and key.upper() in text:
        # "Remote USA", "Remote-UAE": a country's ISO alpha-3 code written in capitals beside
        # a workplace word (alone, "USA" is read above)
        return (
            [*refs, AreaRef(kind=code[0], value=code[1], level=code[2], key=key)],
            False,
            workplace,
        )
    if key in d.landmarks:  # "Bristol Airport" is not in Bristol: the landmark, whole
        return [*refs, *(lookup(key, d, True) or ())], False, workplace
    council = _council(key.split(), d)
    if council is not None:  # "Falkirk Council", "Leeds City Council"
        return [*refs, *council], False, workplace
    # a site inside a town ("Shoreham Airport", "Kew Gardens Station"): the town first
    tokens = key.split()
    # a site of the London list is read whole ("City Airport"); others are read as their town
    if not any(p.london for p in d.places.get(key, ())):
        n = ending_phrase(tokens, d.facility)
        if n:
            tokens = tokens[:-n]
    if len(tokens) > 1 and tokens[0] in d.site:
        # "RAF Wyton", "MOD Lyneham", "HMNB Devonport": a defence site is named after the
        # place it is at
        sited = lookup(" ".join(tokens[1:]), d, True)
        if sited is not None:
            return [*refs, *(dataclasses.replace(r, site=True) for r in sited)], False, workplace
    found = lookup(" ".join(tokens), d, True)
    if found is None and len(tokens) < len(key.split()):
        found = lookup(key, d, True)
    if found is None and len(tokens) > 1 and tokens[0] == "the":
        found = lookup(" ".join(tokens[1:]), d, True)  # "the Isle of Wight"
    if found is None:
        # drop noise words ("Maidstone area", "London Area") and retry
        stripped_tokens = [t for t in tokens if t not in d.noise]
        if stripped_tokens and len(stripped_tokens) < len(tokens):
            found = lookup(" ".join(stripped_tokens), d, True)
        if found is None and not stripped_tokens:
            return refs, False, workplace
        if found is None and len(stripped_tokens) > 1 and stripped_tokens[-1] in d.street:
            # "Andover Road": a street named after a town lies outside that town; one named
            # after a London district is in London ("Euston Road", "Kensington High Street")
            found = _london_street(stripped_tokens[:-1], d)
        if found is None and len(stripped_tokens) > 1 and stripped_tokens[0] in _COMPASS:
            found = _compass_district(stripped_tokens[1:], d)
        if found is None and len(stripped_tokens) > 1:
            found = _place_in_area(stripped_tokens, d)
        if found is None and len(tokens) > 2:
            found = _place_in_town(tokens, d)
        if found is None and len(stripped_tokens) > 1:
            found = _place_before_town(stripped_tokens, d)
        whole = len(tokens) == len(key.split())  # no site word cut ("Royal Oak Industrial Estate")
        if found is None and whole and (iso := d.world.get(" ".join(stripped_tokens))) is not None:
            found = [AreaRef(kind="foreign", value=iso, key=" ".join(stripped_tokens))]
        if found is None:
            close = close_spelling(" ".join(stripped_tokens), d)
            if close is not None:
                found = [dataclasses.replace(r, fuzzy=True) for r in lookup(close, d, True) or ()]
        if found is None and whole and (iso := close_world_city(" ".join(stripped_tokens))):
            # "Los Angles", "San Fransisco": a misspelt city abroad of a million people
            found = [AreaRef(kind="foreign", value=iso, key=" ".join(stripped_tokens))]
        if found is None:
            # the words as written: a name may hold a noise word ("Barrow in Furness", "Isle of
            # Sheppey"); a noise word alone is skipped by the scan
            found = _scan(tokens, d)
        if not found:
            fz = fuzzy_key(" ".join(stripped_tokens), d)
            if fz is not None:
                found = [dataclasses.replace(r, fuzzy=True) for r in lookup(fz, d, True) or ()]
        if not found:
            refs.append(UnknownRef(key=" ".join(stripped_tokens)))
            return refs, True, workplace
    refs.extend(found)
    return refs, False, workplace


WORLD_CITY_POPULATION = 1_000_000
"""A foreign name after a UK town is a qualifier of a look-alike ("London, Ontario",
"Cambridge, Massachusetts": a state, a province, or a small city of that name) unless it names
a city abroad of at least this many people (GeoNames): then it is another place offered."""


def world_city(key: str) -> bool:
    """Whether ``key`` names a city abroad of WORLD_CITY_POPULATION or more ("New York" is
    GeoNames' "New York City")."""
    cities = load_world().cities
    return any(
        c is not None and c[1] >= WORLD_CITY_POPULATION
        for c in (cities.get(key), cities.get(key + " city"))
    )


_AND = re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)


def _and_list(text: str, d: Index) -> tuple[list[Ref], bool, str | None] | None:
    """A list of places joined by "and" / "&" ("London and New York", "Leeds & Bradford"), read
    like the comma form: the refs of each item; ``None`` (read the part whole) when the whole
    is a known name ("Brighton and Hove", "Tyne and Wear") or an item is not a town (of
    Strategi or GeoNames), London district, landmark, county, region, country or city abroad
    of WORLD_CITY_POPULATION ("London in the West End and City": not the tree's town City;
    "Bristol and Banes": not Banes, Cuba)."""
    key, _ = strip_workplace(norm(text), d)
    if not key or key in d.landmarks or lookup(key, d, True) is not None:
        return None
    if _council(key.split(), d) is not None:  # "Perth and Kinross Council": one council
        return None
    refs: list[Ref] = []
    workplace: str | None = None
    for item in _AND.split(text):
        if not item.strip():
            return None
        found, unknown, wp = parse_part(item, d)
        if unknown or not found or not all(_listed(r) for r in found):
            return None
        refs.extend(dataclasses.replace(r, listed=True) for r in found)
        if wp and (workplace is None or WORKPLACE_RANK[wp] > WORKPLACE_RANK[workplace]):
            workplace = wp
    return refs, False, workplace


def _council(tokens: list[str], d: Index) -> list[Ref] | None:
    """A council named by its area and a council word (``council`` rows of
    ``location_words.csv``: "Falkirk Council", "Scottish Borders Council", "Kent County
    Council", "Leeds City Council"): the county, council area or principal area of that name,
    with no town, when it holds more than CITY_COUNTY_TOWNS towns ("Falkirk Council" is the
    council area Falkirk); else the place the name reads alone ("Cardiff Council": Cardiff,
    a city that is its own county; "Reading Borough Council": Reading); a city council is
    its city, the one in the council area of its name when there is one ("Newport City
    Council": Newport, Wales); a Strategi area named after no town is that area ("Sefton
    Council": Merseyside, not the village of Sefton); None when the part does not end with a
    council word, or its name reads nothing."""
    n = ending_phrase(tokens, d.council)
    if not n:
        return None
    head = " ".join(tokens[:-n])
    if tokens[-n] == "city":  # "Newport City Council": the city, as "Leeds City Council"
        town = lookup(head, d, True)
        if town and all(isinstance(r, PlaceRef) for r in town):
            # the city of the council area of its name ("Newport": the Welsh city)
            own = tuple(p for r in town for p in r.places if p.county and norm(p.county) == head)
            return [PlaceRef(places=own, key=head)] if own else town
    county = d.counties.get(head) or d.council_areas.get(head)
    if county is not None and not city_county(county.county):
        return [CountyRef(county=county, key=head)]
    area = [
        p
        for p in d.places.get(head, ())
        if p.major and not p.base and p.county and norm(p.county) == head
    ]
    if area and not city_county(area[0].county):
        c = area[0]
        county = County(county=c.county, region=c.region, hints=frozenset({c.county}))
        return [CountyRef(county=county, key=head)]
    return lookup(head, d, True)


def ending_phrase(tokens: list[str], phrases: frozenset[str]) -> int:
    """How many final words of ``tokens`` make one of ``phrases`` (word keys of a
    ``location_words.csv`` kind: "city and district council", "science park"), the longest
    such ending, always leaving a word before it; 0 when none does."""
    for n in range(min(_longest_phrase(phrases), len(tokens) - 1), 0, -1):
        if " ".join(tokens[-n:]) in phrases:
            return n
    return 0


@lru_cache(maxsize=8)
def _longest_phrase(phrases: frozenset[str]) -> int:
    """Words in the longest of ``phrases``."""
    return max((len(p.split()) for p in phrases), default=0)


@lru_cache(maxsize=512)
def towns_in(county: str) -> int:
    """How many towns (major places, not landmarks) the index holds in ``county``."""
    return _county_towns().get(county, 0)


def city_county(county: str | None) -> bool:
    """Whether ``county`` is a city's own county: it holds at most :data:`CITY_COUNTY_TOWNS`
    towns of the index (Belfast, Cardiff, Bristol, Glasgow City). ``None`` or "" is not."""
    return bool(county) and towns_in(county) <= CITY_COUNTY_TOWNS  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _county_towns() -> dict[str, int]:
    towns: dict[str, set[str]] = {}
    for places in load_index().places.values():
        for p in places:
            if p.major and p.county and p.source != "landmark" and p.city:
                towns.setdefault(p.county, set()).add(p.city)
    return {c: len(v) for c, v in towns.items()}


def _london_street(tokens: list[str], d: Index) -> list[Ref]:
    """The London district a street is named after ("Kensington High Street", "Euston Road"),
    when no town outside London has that name and it is not London itself ("London Road" is
    in every town); else no place."""
    if tokens and tokens[-1] == "high":
        tokens = tokens[:-1]
    key = " ".join(tokens)
    places = d.places.get(key, ())
    london = [p for p in places if p.london]
    if not london or key in ("london", "city") or any(p.major for p in places if not p.london):
        return []
    return [PlaceRef(places=tuple(london), key=key)]


def _listed(r: Ref) -> bool:
    """Whether ``r`` can be an item of an "and" list (see :func:`_and_list`)."""
    if isinstance(r, PlaceRef):
        # a town of Strategi or GeoNames, a place GeoNames counts 1,000+ people in ("New
        # Milton"), a London district or a landmark; not a name only Adzuna's tree gives as a
        # town (its "City" of London)
        strong = any(
            (p.major and p.source != "adzuna") or p.london or p.populated or p.source == "landmark"
            for p in r.places
        )
        return strong and not (r.fuzzy or r.partial)
    if isinstance(r, AreaRef) and r.kind == "foreign" and r.level == "":
        return world_city(r.key)
    return not isinstance(r, UnknownRef)


MIN_CLOSE_LEN = 8
"""Shortest part (letters and spaces) matched to a town by close spelling: short names have
too many neighbours ("Bath", "Hull")."""
CLOSE_RATIO = 90.0
"""rapidfuzz ``ratio`` (normalized Indel similarity, 0-100) a town's name must reach: two
letters missing from a 20-letter name (95) pass, a different word does not."""


@lru_cache(maxsize=1)
def _close_choices() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Keys of towns, London districts and landmarks of at least MIN_CLOSE_LEN letters:
    by their letters run together ("henleyonthames"), and by first letter."""
    d = load_index()
    squashed: dict[str, str] = {}
    by_letter: dict[str, list[str]] = {}
    for key, places in d.places.items():
        if len(key) < MIN_CLOSE_LEN or not any(
            (p.major or p.london or p.source == "landmark") and not p.base for p in places
        ):
            continue
        run = key.replace(" ", "")
        squashed[run] = key if squashed.get(run, key) == key else ""  # "" when two keys share it
        by_letter.setdefault(key[0], []).append(key)
    return squashed, by_letter


def close_spelling(key: str, d: Index) -> str | None:
    """The one town key that ``key`` spells closely: the same letters run together
    ("HenleyonThames") or misspelt by a letter or two ("Stansted Mounfichet"; rapidfuzz
    ratio >= CLOSE_RATIO, same first letter, same number of words, length within 3). Guard
    against false matches: ``None`` when the part is short, names a known key, or two towns
    are equally close."""
    if len(key) < MIN_CLOSE_LEN or key in d.places:
        return None
    squashed, by_letter = _close_choices()
    run = squashed.get(key.replace(" ", ""))
    if run:
        return run
    words = key.count(" ")
    choices = [
        k
        for k in by_letter.get(key[0], ())
        if abs(len(k) - len(key)) <= 3 and k.count(" ") == words
    ]
    best = process.extract(key, choices, scorer=fuzz.ratio, limit=2, score_cutoff=CLOSE_RATIO)
    if not best or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


MISSPELT_CITY_POPULATION = 500_000
"""Smallest city abroad (GeoNames) a misspelt part is matched to (:func:`close_world_city`)."""
WORLD_CLOSE_RATIO = 85.0
"""rapidfuzz ``ratio`` a misspelt city abroad must reach: one wrong letter in eight (87.5)."""


@lru_cache(maxsize=1)
def _world_city_choices() -> dict[str, list[tuple[str, str]]]:
    """Cities abroad of MISSPELT_CITY_POPULATION or more (GeoNames), by first letter: (key, ISO
    alpha-2), keys of at least MIN_CLOSE_LEN letters."""
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for key, (iso, population) in load_world().cities.items():
        if population >= MISSPELT_CITY_POPULATION and len(key) >= MIN_CLOSE_LEN:
            by_letter.setdefault(key[0], []).append((key, iso))
    return by_letter


def close_world_city(key: str) -> str | None:
    """The ISO alpha-2 country of the one city abroad of MISSPELT_CITY_POPULATION or more
    people that ``key`` misspells (rapidfuzz ratio >= WORLD_CLOSE_RATIO, same first letter,
    same number of words, length within 2), for a part no UK name reads (UK towns are tried
    first: :func:`close_spelling`): "Los Angles" -> ``US``. ``None`` when
    the part is short (MIN_CLOSE_LEN), or no city or two cities of different countries are
    that close."""
    if len(key) < MIN_CLOSE_LEN:
        return None
    words = key.count(" ")
    choices = {
        k: iso
        for k, iso in _world_city_choices().get(key[0], ())
        if abs(len(k) - len(key)) <= 2 and k.count(" ") == words
    }
    best = process.extract(
        key, list(choices), scorer=fuzz.ratio, limit=2, score_cutoff=WORLD_CLOSE_RATIO
    )
    if not best or (len(best) > 1 and choices[best[1][0]] != choices[best[0][0]]):
        return None
    return choices[best[0][0]]


_COMPASS = frozenset({"north", "south", "east", "west"})
_IN_WORDS = frozenset({"in", "near", "nr", "outside", "nearby"})
MAX_AREA_WORDS = 4
"""Longest county or region name read at the end of a part ("East Riding of Yorkshire")."""


def _place_in_area(tokens: list[str], d: Index) -> list[Ref] | None:
    """A place written before the county or region it lies in, with no comma ("Henfield in
    West Sussex", "Bagshot Surrey", "Erdington West Midlands"): the place (villages and
    districts included) and the area, when a place of that name lies in that area; compass
    words before a county are a part of it ("North East Durham": the county, not the town of
    Durham); else None (the scan reads the part, as before)."""
    for n in range(min(MAX_AREA_WORDS, len(tokens) - 1), 0, -1):
        tail = " ".join(tokens[-n:])
        county = d.counties.get(tail)
        area = d.areas.get(tail)
        if county is None and (area is None or area[0] != "region"):
            continue
        head = tokens[:-n]
        while head and head[-1] in _IN_WORDS:
            head = head[:-1]
        if county is not None and head and all(t in _COMPASS for t in head):
            # "North East Durham", "West Wrexham": a part of the county, not its town
            return [CountyRef(county=county, key=tail)]
        place = lookup(" ".join(head), d, True) if head else None
        if not place or not all(isinstance(r, PlaceRef) for r in place):
            continue
        named = [p for r in place if isinstance(r, PlaceRef) for p in r.places]
        hint: Ref
        if county is not None:
            hint = CountyRef(county=county, key=tail)
            inside = any(p.county in county.hints for p in named)
        else:
            hint = AreaRef(kind="region", value=area[1], key=tail)  # type: ignore[index]
            inside = any(p.region == area[1] for p in named)  # type: ignore[index]
        if inside:
            return [*place, hint]
    return None


def _place_before_town(tokens: list[str], d: Index) -> list[Ref] | None:
    """A place written before a town of its county with no comma ("Sonning Reading",
    "Winnersh Wokingham"): the place (villages and districts included) in that county, then
    the town, read as the comma form is (a village before a town of its county is the
    village); None when no split names a town after a place of its county."""
    for n in range(min(MAX_NGRAM, len(tokens) - 1), 0, -1):
        tail = " ".join(tokens[-n:])
        towns = [p for p in d.places.get(tail, ()) if p.major and not p.base and p.county]
        if not towns or tail in d.generic:
            continue
        head = " ".join(tokens[:-n])
        counties = {p.county for p in towns}
        inside = tuple(
            p for p in d.places.get(head, ()) if p.county in counties and p.source != "landmark"
        )
        if inside and head not in d.generic:
            return [PlaceRef(places=inside, key=head), PlaceRef(places=tuple(towns), key=tail)]
    return None


def _place_in_town(tokens: list[str], d: Index) -> list[Ref] | None:
    """A place written before "in" and the town it lies in ("Timperley in Altrincham"): the
    place of that name in the town's county, or the town when none lies there ("Stourton in
    Leeds"); before "near" or "outside" a town: the place alone ("Alderley Edge near
    Wilmslow"); None unless both sides are places the index knows whole."""
    for i in range(1, len(tokens) - 1):
        if tokens[i] not in _IN_WORDS:
            continue
        head = lookup(" ".join(t for t in tokens[:i] if t not in d.noise), d, True)
        tail = lookup(" ".join(t for t in tokens[i + 1 :] if t not in d.noise), d, True)
        if not head or not tail:
            continue
        if not all(isinstance(r, PlaceRef) for r in (*head, *tail)):
            continue
        if tokens[i] != "in":
            return head
        # the first place as the one of its name in the town's county ("Hale in
        # Altrincham"); a district the index knows only elsewhere ("Stourton in Leeds"): the town
        counties = {p.county for r in tail if isinstance(r, PlaceRef) for p in r.places}
        meant = [
            PlaceRef(places=kept, key=r.key)
            for r in head
            if isinstance(r, PlaceRef)
            and (kept := tuple(p for p in r.places if p.county in counties))
        ]
        return meant or tail
    return None


def _compass_district(rest: list[str], d: Index) -> list[Ref] | None:
    """A compass word before a district of a town ("West Didsbury", "East Clifton"): the
    district's refs, when every place it names lies in a town of another name; else None."""
    key = " ".join(rest)
    found = lookup(key, d, True)
    if not found or not all(
        isinstance(r, PlaceRef) and all(p.city and norm(p.city) != key for p in r.places)
        for r in found
    ):
        return None
    return found


@lru_cache(maxsize=65536)
def parse_part_cached(raw: str) -> tuple[list[Ref], bool, str | None]:
    """:func:`parse_part` memoized: board strings repeat the same parts (``United Kingdom``)."""
    return parse_part(raw, load_index())


#: Street words that are as often something else after a place: "St" is Saint ("Edinburgh St
#: Andrew Square"), "close" an adverb ("Leeds close to the station").
_NOT_ONLY_STREET = frozenset({"st", "close"})


def _names_address(word: str, d: Index) -> bool:
    """Whether ``word``, right after a place's name, makes that name a building's or street's
    (``building`` and ``street`` words of location_words.csv, less ``_NOT_ONLY_STREET``)."""
    return word in d.building or (word in d.street and word not in _NOT_ONLY_STREET)


def _scan(tokens: list[str], d: Index) -> list[Ref]:
    """Known names inside an unknown part, longest first from the left (towns, not hamlets);
    a name that a building's or street's word follows ("Norwich House", "Bolton Street":
    :func:`_names_address`), or that an institution's word comes before ("HMP Humber"), is
    marked ``named``."""
    refs: list[Ref] = []
    i, n = 0, len(tokens)
    while i < n:
        for j in range(min(n, i + MAX_NGRAM), i, -1):
            key = " ".join(tokens[i:j])
            if j - i == 1 and (key in d.noise or key in d.generic):
                continue
            found = lookup(key, d, False)
            address = j < n and _names_address(tokens[j], d)
            if found and (address or (i > 0 and tokens[i - 1] in d.institution)):
                # "NMS Marlborough House Bristol", "NPS Bolton Street Chorley": a building or a
                # street named after a place; "HM PRISON BUCKLEY HALL ROCHDALE", "HMYOI
                # Hatfield, Doncaster": a prison's name, which need not be its place. Marked
                # (kept when nothing else is read: "Leeds Building Society", "HMP Leeds")
                refs.extend(dataclasses.replace(r, partial=True, named=True) for r in found)
                i = j + 1 if address else j
                break
            if found:
                if j - i < n:
                    found = [dataclasses.replace(r, partial=True) for r in found]
                refs.extend(found)
                i = j
                break
        else:
            i += 1
    return refs
