#!/usr/bin/env bash
# Load the real corpus into a fresh database and write every benchmark and report figure to
# OUT (JSON), so two versions of the code can be compared with `diff -r`.
#   usage: scripts/figures_snapshot.sh OUT [CORPUS]   (CORPUS defaults to ../shared/corpus)
#   KEEP_DB=1 keeps OUT/mljobs.db (for SQL over ads and vacancies afterwards)
set -euo pipefail
out=$(realpath -m "$1"); corpus=$(realpath "${2:-$(dirname "$0")/../../shared/corpus}")
cd "$(dirname "$0")/.."
mljobs=${MLJOBS:-.venv/bin/mljobs}
export PYTHONHASHSEED=0  # set order decides ties in some lists; fix it so two runs compare
rm -rf "$out"; mkdir -p "$out"
db="$out/mljobs.db"
run() { "$mljobs" --db "$db" --log-level WARNING "$@"; }
# the main load of crawler/data/corpus_files.toml, then the recorded crawl, with $mljobs
.venv/bin/python -m crawler.corpus "$corpus" "$db" --load main --mljobs "$mljobs"
for by in city region role seniority skill; do
  run benchmarks --by "$by" --json > "$out/bench_${by}.json"
  run benchmarks --by "$by" --json --all-ads > "$out/bench_${by}_all.json"
  run benchmarks --by "$by" --json --postings > "$out/bench_${by}_postings.json"
  run benchmarks --by "$by" > "$out/bench_${by}.txt"
done
run report --out "$out/report" > /dev/null
# generated_at and the like differ between runs by design; keep only figures
python3 - "$out/report/report.json" > "$out/report_figures.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("generated_at", "database", "first_seen", "last_seen")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node
json.dump(strip(data), sys.stdout, indent=1, sort_keys=True)
PY
[ -n "${KEEP_DB:-}" ] || rm -f "$db" "$db"-wal "$db"-shm
echo "figures written to $out"
