#!/bin/sh
# Builds and runs the opening-hours benchmark: C++ is_open() vs npm
# opening_hours getState() on the same real (string, instant) pairs.
# Usage: bench/hours/run.sh [build-dir]   (default: <repo>/build-bench-hours, Release)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench-hours}"
data="${RELAIS_SHARED_DATA_DIR:-$repo/../shared/data}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target relais_hours_bench -j2 >/dev/null
pairs="$(mktemp)"
trap 'rm -f "$pairs"' EXIT
npm_out="$(TZ=Europe/Paris node "$here/bench_npm.js" "$data" "$repo/node_modules" "$pairs")"
cpp_out="$("$build/bench/hours/relais_hours_bench" "$pairs")"
echo "$npm_out"
echo "$cpp_out"
npm_rate="$(echo "$npm_out" | sed -n 's/^npm_evals_per_sec=//p')"
cpp_rate="$(echo "$cpp_out" | sed -n 's/^cpp_evals_per_sec=//p')"
awk -v c="$cpp_rate" -v n="$npm_rate" 'BEGIN { printf "ratio C++/npm = %.1fx\n", c / n }'
