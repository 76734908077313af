#!/bin/sh
# Builds and runs the opening-hours benchmark: C++ is_open() vs npm
# opening_hours getState() on the same real (string, instant) pairs.
# Usage: bench/hours/run.sh [build-dir]   (default: <repo>/build-bench-hours, Release)
# Needs node and the npm packages of package-lock.json (scripts/setup.sh).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench-hours}"
data="${RELAIS_SHARED_DATA_DIR:-$repo/../shared/data}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target relais_hours_bench -j2 >/dev/null
pairs="$(mktemp)"
trap 'rm -f "$pairs"' EXIT
echo "node $(node --version), opening_hours $(node -p "require('$repo/node_modules/opening_hours/package.json').version")"
npm_out="$(TZ=Europe/Paris node "$here/bench_npm.js" "$data" "$repo/node_modules" "$pairs")"
cpp_out="$("$build/bench/hours/relais_hours_bench" "$pairs")"
echo "$npm_out"
echo "$cpp_out"
# Both sides must have evaluated the same pairs to the same answers.
npm_open="$(echo "$npm_out" | sed -n 's/.*open=\([0-9]*\).*/\1/p')"
cpp_open="$(echo "$cpp_out" | sed -n 's/.*open=\([0-9]*\).*/\1/p')"
if [ "$npm_open" != "$cpp_open" ]; then
  echo "open counts differ: npm $npm_open, C++ $cpp_open" >&2
  exit 1
fi
echo "open counts agree: $cpp_open"
npm_rate="$(echo "$npm_out" | sed -n 's/^npm_evals_per_sec=//p')"
cpp_rate="$(echo "$cpp_out" | sed -n 's/^cpp_evals_per_sec=//p')"
awk -v c="$cpp_rate" -v n="$npm_rate" 'BEGIN { printf "ratio C++/npm = %.1fx\n", c / n }'
