#!/usr/bin/env bash
# Planning benchmark (issue 4): Relais' maximal-covering heuristic against the
# optimum of COIN-OR CBC (Debian coinor-cbc) on every département of
# metropolitan France, service "Aide aux démarches administratives", radius
# 10 and 20 km, k = 1, 5, 10, 20, population weighted by the official IFN
# 2023 total. Builds a throwaway database like scripts/setup.sh (communes,
# the four real place files, dedupe) plus the IFN import, then runs
# relais_planning_bench. Usage: bench/planning/run.sh [build-dir]
# Environment: RELAIS_BENCH_PLAN_RADII (10,20), RELAIS_BENCH_PLAN_K (1,5,10,20),
# RELAIS_BENCH_PLAN_TIME_LIMIT (120 s per CBC run).
# Region mode (the target "a whole region, k = 50, under 10 s"):
# RELAIS_BENCH_PLAN_REGIONS=75,84,44,76,32 runs those whole regions instead,
# k = RELAIS_BENCH_PLAN_K (default there 50), CBC limit default 300 s,
# RELAIS_BENCH_PLAN_DEMAND=new|all (default new: communes out of reach today).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench}"
command -v cbc >/dev/null || { echo "cbc is missing (Debian coinor-cbc: scripts/setup.sh)" >&2; exit 1; }
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
# RELAIS_BENCH_NO_BUILD=1: the targets are already built (e.g. in a shared build folder built under its lock).
[ -n "${RELAIS_BENCH_NO_BUILD:-}" ] || cmake --build "$build" --target relais relais_planning_bench -j2 >/dev/null
tmp="$(mktemp -d /tmp/relais-planning-bench.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/relais.db"
relais="$build/relais"
"$relais" --db "$db" -q import communes --decoupage "$repo/node_modules/@etalab/decoupage-administratif/data" \
  --laposte "$repo/data/territoires/laposte_hexasmal_2020.csv" >/dev/null 2>&1
for f in "$repo"/../shared/data/lieux/cartonat_v0.1_*.json; do
  "$relais" --db "$db" -q import lieux "$f" >/dev/null 2>&1 || true  # reported problems are kept out
done
"$relais" --db "$db" -q dedupe >/dev/null
"$relais" --db "$db" -q import indicateurs "$repo/../shared/data/indicateurs/ifn_communes_2023-08.csv" \
  --mapping "$repo/data/indicateurs/mappings/ifn_officiel_communes_2023.json" >/dev/null 2>&1
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $(cbc -quit 2>&1 | grep -m1 -i version || echo cbc)"
if [ -n "${RELAIS_BENCH_PLAN_REGIONS:-}" ]; then
  exec "$build/bench/planning/relais_planning_bench" "$db" --regions "$RELAIS_BENCH_PLAN_REGIONS" \
    --radius "${RELAIS_BENCH_PLAN_RADII:-10,20}" --k "${RELAIS_BENCH_PLAN_K:-50}" \
    --time-limit "${RELAIS_BENCH_PLAN_TIME_LIMIT:-300}" --demand "${RELAIS_BENCH_PLAN_DEMAND:-new}"
fi
"$build/bench/planning/relais_planning_bench" "$db" --radius "${RELAIS_BENCH_PLAN_RADII:-10,20}" \
  --k "${RELAIS_BENCH_PLAN_K:-1,5,10,20}" --time-limit "${RELAIS_BENCH_PLAN_TIME_LIMIT:-120}"
