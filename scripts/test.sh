#!/usr/bin/env bash
# Runs the whole test suite from a clean clone: installs what is missing
# (scripts/setup.sh --no-data), builds with tests, runs CTest (unit tests,
# agreement tests against the reference JavaScript libraries) twice: on the
# embedded SQLite backend, then on PostgreSQL, with a cluster this run starts
# in a temporary folder (tests/lib/postgresql.sh) and throws away; then runs
# each libFuzzer target for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FUZZ_SECONDS="${RELAIS_FUZZ_SECONDS:-30}"

bash scripts/setup.sh --no-data

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRELAIS_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)"
echo "== Test suite on SQLite"
env -u RELAIS_TEST_DATABASE_URL ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600

echo "== Test suite on PostgreSQL"
source tests/lib/postgresql.sh
trap stop_test_postgresql EXIT
start_test_postgresql
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
stop_test_postgresql
trap - EXIT

if [ "$FUZZ_SECONDS" != 0 ] && ls fuzz/*_fuzz.cpp >/dev/null 2>&1; then
  echo "== Fuzzing each target for ${FUZZ_SECONDS}s"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRELAIS_BUILD_FUZZERS=ON -DRELAIS_BUILD_TESTS=OFF -DRELAIS_BUILD_BENCH=OFF >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target relais_fuzzers
  for bin in build-fuzz/fuzz/*_fuzz; do
    name=$(basename "$bin")
    corpus="build-fuzz/corpus/$name"; mkdir -p "$corpus"
    seeds="fuzz/corpus/${name%_fuzz}"
    args=("$corpus"); [ -d "$seeds" ] && args+=("$seeds")
    echo "-- $name"
    "$bin" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -print_final_stats=0 "${args[@]}" 2>&1 | tail -n 3
  done
fi
