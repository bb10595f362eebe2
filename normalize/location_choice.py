"""Choosing the place a name means, for :mod:`normalize.location`: among the gazetteer's
candidates for one key, with the county and region hints the rest of the string gives.

Precedence (README "Data and licences"): a landmark (``landmarks.csv``) first, except that a
London district of the same bare name comes before it; then OS Strategi and the hand-written
lists; a place only Adzuna's tree knows is read when no other place has the name, or when the
county given picks it. A town name shared by several counties, written with a county that is
none of them, keeps the name and guesses no county or region (gold README).
"""

from __future__ import annotations

from typing import NamedTuple

from normalize.location_index import Index, Place, fuzzy_key, norm


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
    if not (hint_counties or hint_regions):
        # precedence: landmarks, then Strategi and the hand-written lists; a place only
        # Adzuna's tree knows is read when no other place has the name, or when the county
        # given picks it
        marks = [p for p in cands if p.source == "landmark"]
        in_london = any(p.london or (p.source == "os" and p.city == "London") for p in cands)
        if marks and not in_london:
            return Res(marks[0].city, marks[0].county, marks[0].region)
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
    names = {p.name for p in cands if p.major} or {p.name for p in cands}
    name = sorted(names, key=len)[0]
    regions = {p.region for p in cands}
    if (hint_counties or hint_regions) and len(regions) == 1:
        return Res(name, None, regions.pop())  # "Waterside, Scotland": the nation decides
    return Res(name, None, None)


def source_of(places: tuple[Place, ...], res: Res) -> str:
    """Which data gave the resolved place (the first candidate it came from)."""
    for p in places:
        if (p.city, p.county) == (res.city, res.county):
            return p.source
    for p in places:
        if p.name == res.city or p.city == res.city:
            return p.source
    return places[0].source if places else "os"
