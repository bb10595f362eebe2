"""Compare two figure snapshots (scripts/figures_snapshot.sh) number by number.

    usage: python scripts/figures_compare.py OLD_DIR NEW_DIR [--show N]

`diff -r` flags 57500.0 against 57500; this reads every .json file of both folders and reports
(1) values that differ (an int and a float of the same value are equal), listing the first N,
and (2) how many values changed only their JSON type. Keys that differ between runs by design
(first_seen, last_seen, normalizer_version, generated_at) are skipped. Exit status 1 when a
value differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

SKIP = frozenset({"first_seen", "last_seen", "normalizer_version", "generated_at"})


def compare(old: object, new: object, path: str, diffs: list, retyped: Counter) -> None:
    """Append ``(path, old, new)`` for each differing leaf; count int/float-only changes."""
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != list(new):
            diffs.append((path, sorted(old), sorted(new)))
        for key in old:
            if key not in SKIP and key in new:
                compare(old[key], new[key], f"{path}/{key}", diffs, retyped)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            diffs.append((path, f"{len(old)} items", f"{len(new)} items"))
            return
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            compare(a, b, f"{path}[{i}]", diffs, retyped)
    elif old != new:
        diffs.append((path, old, new))
    elif type(old) is not type(new):
        retyped[path.rsplit("/", 1)[-1].split("[")[0]] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    changed = False
    for old_file in sorted(args.old.rglob("*.json")):
        rel = old_file.relative_to(args.old)
        new_file = args.new / rel
        if not new_file.exists():
            print(f"{rel}: missing in {args.new}")
            changed = True
            continue
        diffs: list = []
        retyped: Counter = Counter()
        compare(
            json.loads(old_file.read_text()), json.loads(new_file.read_text()), "", diffs, retyped
        )
        by_key = Counter(d[0].rsplit("/", 1)[-1].split("[")[0] for d in diffs)
        print(f"{rel}: {len(diffs)} values differ {dict(by_key)}; type only: {dict(retyped)}")
        for d in diffs[: args.show]:
            print("   ", *d)
        changed |= bool(diffs)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
