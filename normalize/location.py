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
  is ``True`` (and ``multi`` is ``True`` when several places are offered).
* ``workplace``: only when the string says remote/hybrid/onsite; with several options the most
  permissive one (remote > hybrid > onsite).
* Postcodes and outward codes decide county and region when they contradict the town; board
  regions that are not ITL1 regions (Reed's "Lancashire" for Manchester) are only hints.

Data (all under ``normalize/data/``, loaded once on first use): ``gazetteer.tsv`` (built by
``scripts/build_gazetteer.py`` from Ordnance Survey Strategi 2010, Open Government Licence),
``county_itl1.csv``, ``location_areas.csv``, ``location_codes.csv``, ``london_places.txt``,
``place_aliases.csv``, ``postcode_areas.csv``, ``postcode_districts.csv``,
``location_words.csv``.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

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

_DATA = Path(__file__).resolve().parent / "data"
_WORKPLACE_RANK = {"onsite": 1, "hybrid": 2, "remote": 3}
_MAX_NGRAM = 6


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed location string.

    city: canonical UK town/city; county: ceremonial county (England), council area (Scotland),
    principal area (Wales), ``County X``/``Belfast`` (Northern Ireland); region: one of the 12
    ITL1 names exactly; country: ISO 3166-1 alpha-2 (``GB`` for the UK); is_uk: ``None`` when
    the string cannot tell; workplace: ``remote``/``hybrid``/``onsite``; multi: several places
    offered.
    """

    city: str | None
    county: str | None
    region: str | None
    country: str | None
    is_uk: bool | None
    workplace: str | None
    multi: bool = False


_EMPTY = Location(None, None, None, None, None, None, False)


class _Place(NamedTuple):
    name: str  # the name as written in the gazetteer (used when ambiguous)
    city: str  # the city reported
    county: str
    region: str
    country: str
    major: bool  # a town (upper case in Strategi) rather than a hamlet/locality
    london: bool  # from the hand-written London list (preferred when nothing else decides)
    base: bool = False  # reached by dropping a suffix ("Westcliff" -> Westcliff-on-Sea)


class _County(NamedTuple):
    county: str | None
    region: str | None
    hints: frozenset[str]  # counties a town filed under this name may lie in


class _Postcode(NamedTuple):
    post_town: str | None
    county: str | None
    region: str | None
    country: str
    single_town: bool


class _Ref(NamedTuple):
    kind: str  # place, county, region, multi, uk, supra, foreign, crown, postcode
    value: object
    key: str = ""
    fuzzy: bool = False  # read through a one-letter spelling correction
    partial: bool = False  # a town named inside a longer unknown name ("Burton End")


class _Data(NamedTuple):
    places: dict[str, tuple[_Place, ...]]
    counties: dict[str, _County]
    areas: dict[str, tuple[str, str]]
    codes: dict[str, tuple[str, str]]
    areas_pc: dict[str, _Postcode]
    districts_pc: dict[str, _Postcode]
    workplace: dict[str, str]
    noise: frozenset[str]
    facility: frozenset[str]
    generic: frozenset[str]
    fuzzy: dict[str, frozenset[str]]
    lookalike: frozenset[str]
    street: frozenset[str]


# --------------------------------------------------------------------------- normalization

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOS = re.compile(r"['\u2019`]")


def _norm(text: str) -> str:
    """Lower-case ASCII key: accents dropped, ``&`` -> ``and``, ``saint`` -> ``st``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _APOS.sub("", text.lower().replace("&", " and "))
    words = _NON_ALNUM.sub(" ", text).split()
    return " ".join("st" if w == "saint" else w for w in words)


def _read_csv(name: str) -> list[dict[str, str]]:
    with (_DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _expand_districts(spec: str) -> Iterable[str]:
    for item in spec.split():
        if "-" not in item:
            yield item
            continue
        lo, hi = item.split("-")
        m1 = re.fullmatch(r"([A-Z]+)(\d+)", lo)
        m2 = re.fullmatch(r"([A-Z]+)(\d+)", hi)
        if not m1 or not m2 or m1.group(1) != m2.group(1):
            raise ValueError(f"bad district range {item!r}")
        for n in range(int(m1.group(2)), int(m2.group(2)) + 1):
            yield f"{m1.group(1)}{n}"


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


_CITY_COUNTY = re.compile(r"city of (.+)|(.+) city")
_SUFFIX_BASE = re.compile(r"^(.+?) (?:on|upon|under|by|in|le|super) (?:sea|\w+)$")


@cache
def _data() -> _Data:
    places: dict[str, list[_Place]] = {}

    def add_place(key: str, p: _Place) -> None:
        lst = places.setdefault(key, [])
        if p not in lst:
            lst.append(p)

    base_keys: dict[str, list[_Place]] = {}
    with (_DATA / "gazetteer.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for r in rows:
            p = _Place(
                r["name"],
                r["city"] or r["name"],
                r["county"],
                r["region"],
                r["country"] or "GB",
                r["major"] == "1",
                False,
            )
            key = _norm(r["name"])
            add_place(key, p)
            m = _SUFFIX_BASE.match(key)
            if m:
                base_keys.setdefault(m.group(1), []).append(p._replace(base=True))
    for key, lst in base_keys.items():  # "Westcliff" -> Westcliff-on-Sea, "Shoreham" -> ...
        for p in lst:
            add_place(key, p)
    with (_DATA / "london_places.txt").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                key = _norm(line)
                lp = _Place(line.title(), "London", "Greater London", "London", "GB", False, True)
                places[key] = [lp] + [p for p in places.get(key, []) if p.city != "London"]
    for r in _read_csv("place_aliases.csv"):
        target = [p for p in places.get(_norm(r["name"]), []) if p.name == r["name"]]
        if not target:
            raise ValueError(f"place alias {r['alias']!r} -> unknown {r['name']!r}")
        target = [p for p in target if p.major] or target
        places[_norm(r["alias"])] = [p._replace(major=True) for p in target]

    counties = {}
    for r in _read_csv("county_itl1.csv"):
        hints = {h for h in r["hints"].split("|") if h}
        if r["county"]:
            hints.add(r["county"])
        counties[_norm(r["alias"])] = _County(
            r["county"] or None, r["region"] or None, frozenset(hints)
        )
    for key, c in list(counties.items()):  # "West Midlands (County)"
        counties.setdefault(key + " county", c)
    for key, c in list(counties.items()):
        # a county named after its city ("City of Bristol", "Glasgow City") names the city
        m = _CITY_COUNTY.fullmatch(key)
        town = m and [p for p in places.get(m.group(1) or m.group(2), ()) if p.major]
        if town and key not in places and all(p.county == c.county for p in town):
            places[key] = town
    areas = {}
    for r in _read_csv("location_areas.csv"):
        key = _norm(r["alias"])
        if r["kind"] == "foreign" and key in places and r["value"] != "":
            if any(p.major or p.london for p in places[key]):
                continue  # a UK town of that name: not a foreign city here
        areas[key] = (r["kind"], r["value"])
    for key, (kind, value) in list(areas.items()):  # "West Midlands (Region)"
        if kind == "region":
            areas.setdefault(key + " region", (kind, value))
    lookalike = frozenset(k for k, v in areas.items() if v[0] == "lookalike")
    for k in lookalike:
        del areas[k]
    codes = {
        r["code"].replace(".", ""): (r["kind"], r["value"]) for r in _read_csv("location_codes.csv")
    }

    areas_pc = {
        r["area"]: _Postcode(
            r["post_town"] or None,
            r["county"] or None,
            r["region"] or None,
            r["country"],
            r["single_town"] == "1",
        )
        for r in _read_csv("postcode_areas.csv")
    }
    districts_pc = {}
    for r in _read_csv("postcode_districts.csv"):
        for d in _expand_districts(r["districts"]):
            area = re.match(r"[A-Z]+", d).group(0)  # type: ignore[union-attr]
            districts_pc[d] = _Postcode(
                r["post_town"] or None,
                r["county"] or None,
                r["region"] or None,
                areas_pc[area].country,
                False,
            )

    workplace, noise, facility, generic, street = {}, set(), set(), set(), set()
    for r in _read_csv("location_words.csv"):
        key, kind = _norm(r["phrase"]), r["kind"]
        if kind in _WORKPLACE_RANK:
            workplace[key] = kind
        elif kind == "noise":
            noise.add(key)
        elif kind == "facility":
            facility.add(key)
        elif kind == "generic":
            generic.add(key)
        elif kind == "street":
            street.add(key)

    fuzzy: dict[str, set[str]] = {}
    fuzzy_keys = [k for k, v in places.items() if any(p.major or p.london for p in v)]
    fuzzy_keys += list(counties)
    for key in fuzzy_keys:
        if len(key) >= 5:
            for d in _deletes(key) | {key}:
                fuzzy.setdefault(d, set()).add(key)

    return _Data(
        {k: tuple(v) for k, v in places.items()},
        counties,
        areas,
        codes,
        areas_pc,
        districts_pc,
        workplace,
        frozenset(noise),
        frozenset(facility),
        frozenset(generic),
        {k: frozenset(v) for k, v in fuzzy.items()},
        lookalike,
        frozenset(street),
    )


# --------------------------------------------------------------------------- postcodes

_FULL_PC = re.compile(r"\b([A-Z]{1,2})(\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
_OUTWARD = re.compile(r"\b([A-Z]{1,2})(\d{1,2}|\d[A-Z])\b")
_HAS_DIGIT = re.compile(r"\d")
_US_ZIP = re.compile(r"([A-Z]{2})\s+\d{5}(?:-\d{4})?")
_LETTER_DISTRICT_AREAS = frozenset({"E", "EC", "N", "NW", "SE", "SW", "W", "WC"})


def _postcode(area: str, district: str, d: _Data) -> _Postcode | None:
    area = area.upper()
    district = district.upper()
    if area not in d.areas_pc:
        return None
    if district[-1].isalpha() and area not in _LETTER_DISTRICT_AREAS:
        return None
    info = d.areas_pc[area]
    digits = re.match(r"\d+", district)
    num = digits.group(0) if digits else district
    sub = d.districts_pc.get(area + num)
    if sub is None:
        return info
    return _Postcode(
        sub.post_town,
        sub.county or info.county,
        sub.region or info.region,
        info.country,
        info.single_town,
    )


# --------------------------------------------------------------------------- part parsing

_AREA_KIND = re.compile(r"\s*\(\s*(region|county)\s*\)", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"[;|/\\+]|\s(?:and/)?or\s")
_PART_SPLIT = re.compile(r"[,\n()\[\]:]| [-–—] ")


def _lookup(key: str, d: _Data, whole: bool) -> list[_Ref] | None:
    """Refs for an exact key; ``whole`` allows hamlets (scan windows need a town)."""
    refs: list[_Ref] = []
    places = d.places.get(key)
    county = d.counties.get(key)
    area = d.areas.get(key)
    strong = places is not None and any((p.major or p.london) and not p.base for p in places)
    if area is not None and (not strong or area[0] in ("region", "uk", "crown")):
        return [_Ref(area[0], area[1], key)]
    if places is not None:
        if county is not None and not strong:
            return [_Ref("county", county, key)]
        if strong or whole or (" " in key and not all(p.base for p in places)):
            refs.append(_Ref("place", places, key))
            return refs
    if county is not None:
        return [_Ref("county", county, key)]
    if area is not None:
        return [_Ref(area[0], area[1], key)]
    return None


def _fuzzy(key: str, d: _Data) -> str | None:
    if len(key) < 5:
        return None
    found: set[str] = set()
    for k in _deletes(key) | {key}:
        found |= d.fuzzy.get(k, frozenset())
    found = {f for f in found if abs(len(f) - len(key)) <= 1 and f[0] == key[0]}
    return next(iter(found)) if len(found) == 1 else None


def _strip_workplace(key: str, d: _Data) -> tuple[str, str | None]:
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
                    if workplace is None or _WORKPLACE_RANK[kind] > _WORKPLACE_RANK[workplace]:
                        workplace = kind
                    i += j
                    break
        else:
            kept.append(tokens[i])
            i += 1
    if workplace is None:
        return key, None
    return " ".join(kept), workplace


def _parse_part(raw: str, d: _Data) -> tuple[list[_Ref], bool, str | None]:
    """Refs found in one comma-separated part, whether it had unread content, workplace."""
    refs: list[_Ref] = []
    stripped = raw.strip()
    if not stripped:
        return refs, False, None
    code = d.codes.get(stripped.replace(".", ""))
    if code is not None and stripped.isupper():
        return [_Ref(code[0], code[1], stripped)], False, None
    zip_code = _US_ZIP.fullmatch(stripped)  # "CA 93212-8309": a US state and ZIP code
    if zip_code is not None and d.codes.get(zip_code.group(1), ("",))[0] == "foreign":
        return [_Ref("foreign", "US", stripped)], False, None
    text = stripped
    full = _FULL_PC.search(text) if _HAS_DIGIT.search(text) else None
    if full:
        pc = _postcode(full.group(1), full.group(2), d)
        if pc is not None:
            refs.append(_Ref("postcode", pc))
            text = text[: full.start()] + " " + text[full.end() :]
    elif full is None and _HAS_DIGIT.search(text):
        for m in list(_OUTWARD.finditer(text)):
            pc = _postcode(m.group(1), m.group(2), d)
            if pc is not None:
                refs.append(_Ref("postcode", pc))
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
                break
    key, workplace = _strip_workplace(_norm(text), d)
    if not key:
        return refs, False, workplace
    # a site inside a town ("Shoreham Airport", "Kew Gardens Station"): the town first
    tokens = key.split()
    for n in (3, 2, 1):
        if len(tokens) > n and " ".join(tokens[-n:]) in d.facility:
            tokens = tokens[:-n]
            break
    found = _lookup(" ".join(tokens), d, True)
    if found is None and len(tokens) < len(key.split()):
        found = _lookup(key, d, True)
    if found is None:
        # drop noise words ("Maidstone area", "London Area") and retry
        stripped_tokens = [t for t in tokens if t not in d.noise]
        if stripped_tokens and len(stripped_tokens) < len(tokens):
            found = _lookup(" ".join(stripped_tokens), d, True)
        if found is None and not stripped_tokens:
            return refs, False, workplace
        if found is None and len(stripped_tokens) > 1 and stripped_tokens[-1] in d.street:
            found = []  # "Andover Road": a street named after a town lies outside that town
        if found is None:
            found = _scan(stripped_tokens, d)
        if not found:
            fz = _fuzzy(" ".join(stripped_tokens), d)
            if fz is not None:
                found = [r._replace(fuzzy=True) for r in _lookup(fz, d, True) or ()]
        if not found:
            refs.append(_Ref("unknown", " ".join(stripped_tokens), " ".join(stripped_tokens)))
            return refs, True, workplace
    refs.extend(found)
    return refs, False, workplace


@lru_cache(maxsize=65536)
def _parse_part_cached(raw: str) -> tuple[list[_Ref], bool, str | None]:
    """:func:`_parse_part` memoized: board strings repeat the same parts (``United Kingdom``)."""
    return _parse_part(raw, _data())


def _scan(tokens: list[str], d: _Data) -> list[_Ref]:
    refs: list[_Ref] = []
    i, n = 0, len(tokens)
    while i < n:
        for j in range(min(n, i + _MAX_NGRAM), i, -1):
            key = " ".join(tokens[i:j])
            if j - i == 1 and (key in d.noise or key in d.generic):
                continue
            found = _lookup(key, d, False)
            if found:
                if j - i < n:
                    found = [r._replace(partial=True) for r in found]
                refs.extend(found)
                i = j
                break
        else:
            i += 1
    return refs


# --------------------------------------------------------------------------- resolution


class _Res(NamedTuple):
    city: str | None
    county: str | None
    region: str | None


def _choose(
    key: str,
    places: tuple[_Place, ...],
    hint_counties: set[str],
    hint_regions: set[str],
    d: _Data,
    partial: bool = False,
) -> _Res | None:
    """Pick the place meant; ``None`` drops the name (a hint rules every candidate out, or
    ``partial``: the name is only part of a longer unknown one and the hint contradicts it)."""
    cands = [p for p in places if p.country == "GB"]
    if any(p.major and not p.base for p in cands):
        cands = [p for p in cands if not p.base]
    if not cands:
        return None
    if hint_counties or hint_regions:
        if hint_counties:
            filt = [p for p in cands if p.county in hint_counties]
        else:
            filt = [p for p in cands if p.region in hint_regions]
        if filt:
            cands = filt
        else:
            # a town beats a board's county/region tag that contradicts it; a London district
            # beats a region tag ("London South East") but not a county ("Grove Park, Leics")
            majors = {
                (p.city, p.county, p.region)
                for p in cands
                if p.major or (p.london and not hint_counties)
            }
            # a short form inside a longer unknown name ("Burton End": not Burton upon Trent)
            literal = not partial or any(_norm(p.name) == key for p in cands if p.major or p.london)
            if len(majors) == 1 and literal:
                return _Res(*next(iter(majors)))
            fz = _fuzzy(key, d)
            if fz is not None and fz != key:
                alt = [p for p in d.places.get(fz, ()) if p.county in hint_counties]
                if alt:
                    return _Res(alt[0].city, alt[0].county, alt[0].region)
            return None
    else:
        london = [p for p in cands if p.london]
        if london:
            p = london[0]
            return _Res(p.city, p.county, p.region)
    distinct = {(p.city, p.county, p.region) for p in cands}
    if len(distinct) == 1:
        if key in d.generic and not (hint_counties or hint_regions) and not cands[0].major:
            return None
        return _Res(*next(iter(distinct)))
    majors = {(p.city, p.county, p.region) for p in cands if p.major or p.london}
    if len(majors) == 1:
        return _Res(*next(iter(majors)))
    if key in d.generic and not majors:
        return None
    names = {p.name for p in cands if p.major} or {p.name for p in cands}
    name = sorted(names, key=len)[0]
    regions = {p.region for p in cands}
    if (hint_counties or hint_regions) and len(regions) == 1:
        return _Res(name, None, regions.pop())  # "Waterside, Scotland": the nation decides
    return _Res(name, None, None)


class _Seg(NamedTuple):
    is_uk: bool | None
    country: str | None
    city: str | None
    county: str | None
    region: str | None
    multi: bool
    workplace: str | None
    content: bool  # names something other than a workplace
    uk_place: bool  # names a UK place below country level
    weak: bool = False  # UK only through spelling corrections
    unread: bool = False  # only names the gazetteer does not know ("Pavia")


def _agree(values: Iterable[str | None]) -> str | None:
    vals = set(values)
    return vals.pop() if len(vals) == 1 else None


def _strong(r: _Ref) -> bool:
    return r.kind == "place" and any(p.major or p.london for p in r.value)  # type: ignore[attr-defined]


def _offers_uk_too(
    refs: list[_Ref], uk_country: bool, n_foreign: int, lookalike: frozenset[str]
) -> bool:
    """Whether foreign names in one comma-separated option are further options beside a UK
    one rather than qualifiers of a look-alike ("London, Ontario", "Perth, WA").

    True when the UK country itself is named beside a UK town or beside several foreign
    names (a list of countries), or when a foreign name comes before a UK town (qualifiers
    follow the place they qualify: "Dublin, London").
    """
    strong = [i for i, r in enumerate(refs) if _strong(r) and not (r.fuzzy or r.partial)]
    if uk_country:
        return bool(strong) or n_foreign >= 2
    # a town, not a London district ("NYC (SoHo)") nor a look-alike ("Seattle, Washington")
    towns = [
        i
        for i in strong
        if refs[i].key not in lookalike and any(p.major or p.name == p.city for p in refs[i].value)  # type: ignore[attr-defined]
    ]
    first_foreign = next(
        (i for i, r in enumerate(refs) if r.kind in ("foreign", "crown")), len(refs)
    )
    return bool(towns) and first_foreign < towns[0]


def _resolve_segment(text: str, d: _Data) -> _Seg:
    refs: list[_Ref] = []
    unknown = False
    workplace: str | None = None
    if "(" in text:
        text = _AREA_KIND.sub(r" \1", text)
    for part in _PART_SPLIT.split(text):
        prefs, unk, wp = _parse_part_cached(part.strip())
        refs.extend(prefs)
        unknown |= unk
        if wp and (workplace is None or _WORKPLACE_RANK[wp] > _WORKPLACE_RANK[workplace]):
            workplace = wp
    kinds = {r.kind for r in refs}
    content = bool(refs) or unknown
    foreign = [r for r in refs if r.kind in ("foreign", "crown")]
    foreign += [
        _Ref("foreign", r.value.country)  # type: ignore[attr-defined]
        for r in refs
        if r.kind == "postcode" and r.value.country != "GB"  # type: ignore[attr-defined]
    ]
    uk_specific = kinds & {"county", "multi"} or any(
        r.kind == "postcode" and r.value.country == "GB"
        for r in refs  # type: ignore[attr-defined]
    )
    uk_country = "uk" in kinds
    places = [r for r in refs if r.kind == "place"]
    mixed = False
    if foreign and not uk_specific and _offers_uk_too(refs, uk_country, len(foreign), d.lookalike):
        # "London, United Kingdom, Singapore", "Dublin, London", "Remote (Ireland, UK)":
        # the foreign names are other options, not qualifiers of the UK place
        mixed = True
        foreign = []
        refs = [r for r in refs if r.kind not in ("foreign", "crown")]
        kinds = {r.kind for r in refs}
    if foreign:
        if uk_specific:
            return _Seg(True, "GB", None, None, None, True, workplace, True, True)
        if uk_country:  # "St Helier, ENG, GB": the board's country tag contradicts the place
            return _Seg(None, None, None, None, None, False, workplace, True, False)
        countries = {str(r.value) for r in foreign if r.value}
        country = countries.pop() if len(countries) == 1 else None
        return _Seg(False, country, None, None, None, False, workplace, True, False)
    if kinds <= {"supra", "unknown"} and not places:
        unread = kinds == {"unknown"}
        return _Seg(None, None, None, None, None, False, workplace, content, False, False, unread)

    if places and not (uk_specific or uk_country or "region" in kinds):
        if all(r.key in d.lookalike for r in places):  # "Washington", "Boston" alone
            return _Seg(None, None, None, None, None, False, workplace, True, False)
    hint_counties: set[str] = set()
    hint_regions: set[str] = set()
    areas: list[_Res] = []
    area_hints: dict[str | None, frozenset[str]] = {}
    multi = mixed
    postcode: _Postcode | None = None
    for r in refs:
        if r.kind in ("county", "hint"):
            c: _County = r.value  # type: ignore[assignment]
            hint_counties |= c.hints
            if c.region:
                hint_regions.add(c.region)
            if r.kind == "county":
                areas.append(_Res(None, c.county, c.region))
                area_hints[c.county] = c.hints
        elif r.kind == "region":
            hint_regions.add(str(r.value))
        elif r.kind == "multi":
            multi = True
        elif r.kind == "postcode":
            postcode = r.value  # type: ignore[assignment]
    if postcode is not None:
        if postcode.county:
            hint_counties = {postcode.county}
        if postcode.region:
            hint_regions = {postcode.region}
    chosen = [
        (r, _choose(r.key, r.value, hint_counties, hint_regions, d, r.partial))  # type: ignore[arg-type]
        for r in places
    ]
    if len({res for _, res in chosen if res is not None}) > 1:
        # several towns in one option: a locality is read inside the other town's county
        # ("Victoria , London", "West End London"); a town elsewhere stays a second place
        again = []
        for r, res in chosen:
            others = {o.county for q, o in chosen if q is not r and o is not None and o.county}
            if others:
                hints = hint_counties | others
                res2 = _choose(
                    r.key,
                    r.value,
                    hints,
                    hint_regions,
                    d,
                    r.partial,  # type: ignore[arg-type]
                )
                strong = any(p.major or p.london for p in r.value)  # type: ignore[attr-defined]
                if res2 is not None or not strong:
                    res = res2
            again.append((r, res))
        chosen = again
    towns: list[_Res] = []
    for _, res in chosen:
        if res is not None and res not in towns:
            towns.append(res)
    if not towns and postcode is None and not areas and not hint_regions and not multi:
        if uk_country:
            return _Seg(True, "GB", None, None, None, False, workplace, True, False)
        return _Seg(None, None, None, None, None, False, workplace, content, False)

    city = county = region = None
    if towns:
        cities = {t.city for t in towns}
        regions = {t.region for t in towns}
        if len(towns) > 1:
            multi = multi or len(cities) > 1
        region = _agree(regions)
        county = _agree(t.county for t in towns)
        city = _agree(cities)
        if len(towns) == 1 and towns[0].county is None and region is None:
            county = region = None  # ambiguous name
    else:
        if areas:
            # "Greater Manchester, Lancashire": the county inside a historic one it names
            inner = [
                a
                for a in areas
                if not any(b.county != a.county and b.county in area_hints[a.county] for b in areas)
            ]
            areas = inner or areas
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
        if postcode is not None and (postcode.single_town or postcode.post_town):
            if postcode.single_town or (postcode.county and postcode.post_town):
                city = postcode.post_town
    if postcode is not None and not (
        towns
        and city is not None
        and county is None
        and region is None
        and len(towns) == 1
        and towns[0].county is None
        and postcode.county is None
    ):
        if postcode.county:
            county = postcode.county
        if postcode.region:
            region = postcode.region
    if multi and region is None:
        county = city = None
    weak = all(r.fuzzy for r in refs if r.kind not in ("unknown", "supra"))
    return _Seg(True, "GB", city, county, region, multi, workplace, True, True, weak)


@lru_cache(maxsize=65536)
def _parse(text: str) -> Location:
    d = _data()
    raw_segments = [s for s in _SEGMENT_SPLIT.split(text) if s and s.strip()]
    segs = [_resolve_segment(s, d) for s in raw_segments]
    if not segs:
        return _EMPTY
    if any(s.is_uk is False for s in segs):  # "Boston; Miami; Raleigh": no spelling fixes
        segs = [s._replace(is_uk=None, uk_place=False) if s.weak else s for s in segs]
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
        return Location(city, county, region, "GB", True, workplace, multi)
    workplace = _most_permissive(s.workplace for s in segs)
    unscoped_remote = any(not s.content and s.workplace == "remote" for s in segs)
    # unknown names beside foreign places are read as foreign too ("Milan/Pavia/Turin")
    known = [s for s in content if not s.unread] or content
    if known and all(s.is_uk is False for s in known) and not unscoped_remote:
        countries = {s.country for s in known}
        country = countries.pop() if len(countries) == 1 else None
        return Location(None, None, None, country, False, workplace, multi)
    return Location(None, None, None, None, None, workplace, multi)


def _most_permissive(values: Iterable[str | None]) -> str | None:
    best = None
    for v in values:
        if v and (best is None or _WORKPLACE_RANK[v] > _WORKPLACE_RANK[best]):
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
