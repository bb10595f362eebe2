"""List the misses of the role and location normalizers on label sets, grouped by kind.

    usage: python scripts/normalize_misses.py [SET ...] [--roles-only | --locations-only]

SET is a label-set stem under ``tests/fixtures/{roles,location}/`` (``audit5``, ``audit6``;
``dev`` reads ``../shared/corpus/gold``); default ``audit5 audit6``. Roles are grouped by
(gold family, got family) and by kind (is_ml false positive / false negative, family, seniority);
locations by the field that differs. For reading misses while fixing rules, not a score
(bench/normalize.py prints the scores).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.location import parse_location  # noqa: E402
from normalize.roles import classify_title  # noqa: E402

GOLD = ROOT.parent / "shared" / "corpus" / "gold"


def _rows(kind: str, stem: str) -> list[dict]:
    if stem == "dev":
        path = GOLD / ("roles_dev.jsonl" if kind == "roles" else "location_dev.jsonl")
    else:
        path = ROOT / "tests" / "fixtures" / kind / f"{stem}_labels.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [dict(json.loads(line), set=stem) for line in fh if line.strip()]


def role_misses(stems: list[str]) -> None:
    """Print role misses grouped by kind and by (gold family, got family)."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for stem in stems:
        for row in _rows("roles", stem):
            got = classify_title(row["title"])
            tag = f"[{stem}] {row['title']!r}"
            if got.is_ml != row["is_ml"]:
                kind = "is_ml FP" if got.is_ml else "is_ml FN"
                groups[(kind, f"{row['role']} <- {got.family}")].append(tag)
            elif row["is_ml"] and got.family != row["role"]:
                groups[("family", f"{row['role']} <- {got.family}")].append(tag)
            if got.seniority != row["seniority"]:
                groups[("seniority", f"{row['seniority']} <- {got.seniority}")].append(tag)
    for (kind, pair), titles in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        print(f"== {kind}: gold {pair} ({len(titles)})")
        for t in titles:
            print("   ", t)


def location_misses(stems: list[str]) -> None:
    """Print location misses grouped by the field that differs."""
    fields = ("is_uk", "region", "city", "county", "workplace")
    groups: dict[str, list[str]] = defaultdict(list)
    for stem in stems:
        for row in _rows("location", stem):
            loc = parse_location(row["raw"])
            for field in fields:
                if getattr(loc, field) != row[field]:
                    groups[field].append(
                        f"[{stem}] {row['raw']!r}: gold {row[field]!r} got {getattr(loc, field)!r}"
                        f" (gold city {row['city']!r}, region {row['region']!r})"
                    )
    for field in fields:
        print(f"== location {field} ({len(groups[field])})")
        for line in groups[field]:
            print("   ", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=["audit5", "audit6"])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--roles-only", action="store_true")
    only.add_argument("--locations-only", action="store_true")
    args = parser.parse_args()
    if not args.locations_only:
        role_misses(args.sets)
    if not args.roles_only:
        location_misses(args.sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
