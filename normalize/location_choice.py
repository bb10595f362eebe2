"""Choosing the place a name means, for :mod:`normalize.location`: among the gazetteer's
candidates for one key, with the county and region hints the rest of the string gives.

Precedence (README "Data and licences"): a landmark (``landmarks.csv``) first, except that a
London district of the same bare name comes before it; then OS Strategi and the hand-written
lists; a place only Adzuna's tree knows is read when no other place has the name, or when the
county given picks it. A town name shared by several counties, written with a county that is
none of them, keeps the name and guesses no county or region (gold README).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from normalize.location_index import Index, Place, fuzzy_key, load_index, norm
from normalize.location_world import MIN_UK_SIZE_POPULATION, load_world

DOMINANT_RATIO = 5
"""A bare name shared by settlements in several counties names the largest only when GeoNames
gives it at least this many times the people of the next UK place of that name (a place
GeoNames does not count as :data:`MIN_UK_SIZE_POPULATION`): "Warrington", "Farnborough"
(60,652 against 9,033) are their towns; "Nelson" (29,317 against 12,857), "Whitchurch" and
names GeoNames gives no count for ("Normanton") are shared."""


class Res(NamedTuple):
    """A resolved place: town (or ``None``), county, region."""

    city: str | None
    county: str | None
    region: str | None


def choose(
    key: str,
    places: tuple[Place, ...],
    hint_counties: set[str],
    hint_regions: set[str],
    d: Index,
    partial: bool = False,
) -> Res | None:
    """Pick the place meant; ``None`` drops the name (a hint rules every candidate out, or
    ``partial``: the name is only part of a longer unknown one and the hint contradicts it)."""
    cands = [p for p in places if p.country == "GB"]
    if any(p.major and not p.base for p in cands):
        cands = [p for p in cands if not p.base]
    every = cands  # before the precedence below drops the tree's places
    if not (hint_counties or hint_regions):
        # precedence: landmarks, then Strategi and the hand-written lists; a place only
        # Adzuna's tree knows is read when no other place has the name, or when the county
        # given picks it
        marks = [p for p in cands if p.source == "landmark"]
        in_london = any(p.london or (p.source == "os" and p.city == "London") for p in cands)
        if marks and not in_london:
            return Res(marks[0].city, marks[0].county, marks[0].region)
        tree_london = [p for p in cands if p.source == "adzuna" and p.city == "London"]
        counted = any(p.major or p.populated for p in cands) or key in load_world().uk_sizes
        # a London district GeoNames counts itself ("Norbury") comes before villages elsewhere
        counted_london = any(p.populated for p in tree_london) and not any(
            p.major for p in cands if p.city != "London"
        )
        if tree_london and not in_london and (counted_london or not counted):
            # a London district only the tree knows comes before hamlets elsewhere ("Stonebridge",
            # "Walworth"); a town, or a place GeoNames counts 1,000+ people in, keeps the name
            # as before ("Whetstone": Leicestershire's, settled in round 6), unless GeoNames
            # counts the London district too and no town has the name ("Norbury": London)
            return Res(tree_london[0].city, tree_london[0].county, tree_london[0].region)
        # a London district comes first ("Grove Park": the Leicestershire park needs its county)
        known = [p for p in cands if p.source not in ("adzuna", "landmark" if in_london else "")]
        cands = known or cands
    if not cands:
        return None
    if hint_counties or hint_regions:
        if hint_counties:
            filt = [p for p in cands if p.county in hint_counties]
        else:
            filt = [p for p in cands if p.region in hint_regions]
        if filt:
            cands = (
                [p for p in filt if p.source == "landmark"]
                or [p for p in filt if p.source != "adzuna"]
                or filt
            )
        else:
            # a town beats a board's county/region tag that contradicts it; a London district
            # beats a region tag ("London South East") but not a county ("Grove Park, Leics")
            majors = {
                (p.city, p.county, p.region)
                for p in cands
                if (p.major and p.source != "adzuna") or (p.london and not hint_counties)
            }
            # a short form inside a longer unknown name ("Burton End": not Burton upon Trent)
            literal = not partial or any(norm(p.name) == key for p in cands if p.major or p.london)
            if len(majors) == 1 and literal:
                return Res(*next(iter(majors)))
            fz = fuzzy_key(key, d)
            if fz is not None and fz != key:
                alt = [p for p in d.places.get(fz, ()) if p.county in hint_counties]
                if alt:
                    return Res(alt[0].city, alt[0].county, alt[0].region)
            near = _close_town_in(key, frozenset(hint_counties), d) if not partial else None
            if near is not None:  # "Huntington, Cambridgeshire": Huntingdon
                return near
            # the only place of that name, written with its postal or a wrong county: the
            # place ("Upper Dean, Cambridgeshire" is Upper Dean, Bedfordshire)
            only = {
                (p.city, p.county, p.region)
                for p in cands
                if not p.london and (not hint_regions or p.region in hint_regions)
            }
            if len(only) == 1 and not partial and len(cands) == 1 and key not in d.generic:
                return Res(*next(iter(only)))
            if len(majors) > 1 and literal and not partial:
                # a town name shared by several counties, none of them the one written
                # ("Ashford, Essex"): the name stays, no county or region is guessed
                return Res(min((p.name for p in cands if p.major), key=len), None, None)
            return None
    else:
        london = [p for p in cands if p.london]
        if london:
            p = london[0]
            return Res(p.city, p.county, p.region)
        if not in_london and shared_name(key, every):  # a London district comes first
            return Res(_ambiguous_name(key, cands), None, None)
    distinct = {(p.city, p.county, p.region) for p in cands}
    if len(distinct) == 1:
        if key in d.generic and not (hint_counties or hint_regions) and not cands[0].major:
            return None
        return Res(*next(iter(distinct)))
    majors = {(p.city, p.county, p.region) for p in cands if p.major or p.london}
    if len(majors) == 1:
        return Res(*next(iter(majors)))
    if not majors:
        # villages of one name: the only one GeoNames lists with 1,000+ people is the one meant
        # ("Pyle": Bridgend's, not the Isle of Wight hamlet); several such stay ambiguous, and
        # so does the first word of longer town names ("Waltham": Waltham Abbey, Waltham Cross)
        populated = {(p.city, p.county, p.region) for p in cands if p.populated}
        if len(populated) == 1 and key not in d.generic and key not in d.town_prefixes:
            return Res(*next(iter(populated)))
    if key in d.generic and not majors:
        return None
    name = _ambiguous_name(key, cands)
    regions = {p.region for p in cands}
    if (hint_counties or hint_regions) and len(regions) == 1:
        return Res(name, None, regions.pop())  # "Waterside, Scotland": the nation decides
    return Res(name, None, None)


def _ambiguous_name(key: str, cands: list[Place]) -> str:
    """The city kept for a name nothing decides (gold README: ambiguous names keep ``city``):
    the name as written when places bear it whole ("Ashton", not Ashton-under-Lyne, which is
    only reached by dropping its suffix), else the shortest town name of the candidates."""
    names = {p.name for p in cands if p.major} or {p.name for p in cands}
    whole = {p.name for p in cands if not p.base and norm(p.name) == key}
    return sorted(whole or names, key=lambda n: (len(n), n))[0]


CLOSE_TOWN_RATIO = 85.0
"""rapidfuzz ``ratio`` a misspelt name must reach with a town of the county written beside it
(one wrong letter in ten: 90)."""


def _close_town_in(key: str, counties: frozenset[str], d: Index) -> Res | None:
    """The one town (Strategi's capitals) of ``counties`` whose name ``key`` misspells
    (CLOSE_TOWN_RATIO, same first letter, length within 2), for a name none of whose places
    lies in the county written; ``None`` when no town or several are that close."""
    if len(key) < 6 or not counties:
        return None
    found = {
        (p.city, p.county, p.region)
        for town_key, p in _county_towns(counties)
        if town_key[0] == key[0]
        and abs(len(town_key) - len(key)) <= 2
        and fuzz.ratio(key, town_key) >= CLOSE_TOWN_RATIO
    }
    return Res(*found.pop()) if len(found) == 1 else None


@lru_cache(maxsize=256)
def _county_towns(counties: frozenset[str]) -> tuple[tuple[str, Place], ...]:
    """(key, place) of every town (Strategi's capitals, not a base name) in ``counties``."""
    return tuple(
        (key, p)
        for key, places in load_index().places.items()
        for p in places
        if p.county in counties and p.major and not p.base and p.source != "landmark"
    )


def _settlement(p: Place) -> bool:
    """A town (Strategi's capitals, a tree town), a GeoNames place of 1,000+ people, or a
    district of another town (its ``city`` another name); not a hamlet, not a landmark."""
    if p.source == "landmark":
        return False
    return p.major or p.populated or _district(p)


def _district(p: Place) -> bool:
    """A district of a town of another name (Strategi's, the tree's: "Normanton" in Derby)."""
    return p.source != "landmark" and p.city is not None and norm(p.city) != norm(p.name)


def shared_name(key: str, cands: list[Place]) -> bool:
    """Whether a bare name (no county or region given) is shared by settlements
    (:func:`_settlement`) in two or more counties, none dominant (:data:`DOMINANT_RATIO`,
    GeoNames populations): the issue's rule that such a name "is decided by the county when
    one is given, and by nothing else" (gold README: ambiguous names keep ``city`` and leave
    ``county``/``region`` null). Hamlets do not share a town's name ("Leeds": a Kent hamlet).
    """
    settled = [p for p in cands if _settlement(p)]
    if any(_district(p) for p in settled):
        settled = cands  # a district of a city shares its name with any place of that name
    if len({p.county for p in settled}) < 2:
        return False
    # the GeoNames places of every name read ("Shoreham": Shoreham-by-Sea and Shoreham)
    known = load_world().uk_sizes
    names = {key} | {norm(p.name) for p in settled}
    sizes = sorted((n for name in names for n in known.get(name, ())), reverse=True)
    top = sizes[0] if sizes else 0
    second = sizes[1] if len(sizes) > 1 else 0
    return top < DOMINANT_RATIO * max(second, MIN_UK_SIZE_POPULATION)


def source_of(places: tuple[Place, ...], res: Res) -> str:
    """Which data gave the resolved place (the first candidate it came from)."""
    for p in places:
        if (p.city, p.county) == (res.city, res.county):
            return p.source
    for p in places:
        if p.name == res.city or p.city == res.city:
            return p.source
    return places[0].source if places else "os"
