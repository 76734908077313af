#!/bin/sh
# Builds and runs the import benchmark: C++ import/validation vs the reference
# JS library (@gouvfr-anct/lieux-de-mediation-numerique 2.3.0) on the same
# records, same run. Usage: bench/import/run.sh [build-dir] [repeats]
# (default: <repo>/build-bench-import, Release, 50 repeats of the 4 real v0.1 files).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench-import}"
repeats="${2:-50}"
data="${RELAIS_SHARED_DATA_DIR:-$repo/../shared/data}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target relais_import_bench -j2 >/dev/null
v1="$(mktemp --suffix=.json)"
trap 'rm -f "$v1"' EXIT
cpp_out="$("$build/bench/import/relais_import_bench" "$data" "$v1" "$repeats")"
js_out="$(NODE_PATH="$repo/node_modules" node "$here/bench_js.cjs" "$v1" "$repeats")"
echo "$cpp_out"
echo "$js_out"
value() { echo "$1" | sed -n "s/^$2=//p"; }
awk -v c="$(value "$cpp_out" cpp_validate_records_per_sec)" -v j="$(value "$js_out" js_validate_records_per_sec)" \
  'BEGIN { printf "ratio validate C++/JS = %.1fx\n", c / j }'
awk -v c="$(value "$cpp_out" cpp_pipeline_records_per_sec)" -v j="$(value "$js_out" js_pipeline_records_per_sec)" \
  'BEGIN { printf "ratio pipeline C++ (v0.1 JSON read+map+validate) / JS (v1 JSON.parse+validate) = %.1fx\n", c / j }'
# The issue's measure: C++ import + validation + deduplication against the
# library's validation (it has no reader nor deduplication).
for side in js_validate js_pipeline; do
  awk -v c="$(value "$cpp_out" cpp_full_records_per_sec)" -v j="$(value "$js_out" ${side}_records_per_sec)" -v s="$side" \
    'BEGIN { printf "ratio full C++ (read+map+validate+dedupe, Relais rules) / %s = %.1fx\n", s, c / j }'
done
