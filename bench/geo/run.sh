#!/bin/sh
# Builds and runs the geosearch benchmark: Relais index vs PostGIS vs SQLite
# R*Tree, k = 20 nearest with two filters, on the real places and on a
# 1,000,000-place synthetic scale-up. Installs nothing: PostGIS comes from the
# Debian package postgresql-15-postgis-3 (scripts/setup.sh --bench). A
# throwaway cluster is created in a temp dir, listens only on a Unix socket
# (no TCP port, so it cannot clash with a system cluster), runs as user
# `postgres` when this script runs as root, and is stopped and deleted at the
# end. Without PostGIS the PostGIS rows are skipped.
# Usage: bench/geo/run.sh [build-dir] [synthetic-size] [queries]
#        (default: <repo>/build-bench-geo, Release without tests, 1000000, 2000)
# Environment:
#   RELAIS_BENCH_CPU  CPU the benchmark process is pinned to with taskset
#                     (default: the last online CPU; "none" to not pin)
#   RELAIS_BENCH_PG   libpq conninfo of an existing PostGIS database to use
#                     instead of the throwaway cluster (its table `place` is replaced)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench-geo}"
size="${2:-1000000}"
queries="${3:-2000}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target relais_geo_bench -j2 >/dev/null
bench="$build/bench/geo/relais_geo_bench"

# One core: the benchmark is single-threaded; pin it so it cannot migrate.
# PostgreSQL runs its backend on its own (unpinned) process with parallel
# query off, so PostGIS also answers each query on one core.
# With two CPUs or more, the PostgreSQL server is kept off the benchmark's
# CPU (its background writes after the bulk load must not preempt the timed
# loops); this gives PostGIS a core of its own besides the client's.
pin=""
pg_pin=""
ncpu="$(nproc)"
cpu="${RELAIS_BENCH_CPU:-$((ncpu - 1))}"
if [ "$cpu" != none ] && command -v taskset >/dev/null; then
  pin="taskset -c $cpu"
  others="$(awk -v n="$ncpu" -v c="$cpu" 'BEGIN { s = ""; for (i = 0; i < n; ++i) if (i != c) s = s (s == "" ? "" : ",") i; print s }')"
  [ -n "$others" ] && pg_pin="taskset -c $others"
fi

pgbin=/usr/lib/postgresql/15/bin
pg="${RELAIS_BENCH_PG:-}"
if [ -z "$pg" ] && [ -x "$pgbin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  tmp="$(mktemp -d /tmp/relais-geo-pg.XXXXXX)"
  as_pg=""
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$tmp"
    as_pg="runuser -u postgres --"
  fi
  cleanup() {
    (cd "$tmp" && $pg_pin $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m fast stop >/dev/null 2>&1) || true
    rm -rf "$tmp"
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  # cd: the postgres user may not be able to read the caller's directory.
  (cd "$tmp" && $as_pg "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust >/dev/null)
  # Unix socket only (listen_addresses=''), defaults otherwise except a
  # shared_buffers large enough to hold the 1M-row table and its GiST index,
  # no parallel workers (one core per query) and fsync off (throwaway data).
  (cd "$tmp" && $pg_pin $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/log" -w \
    -o "-c listen_addresses='' -k $tmp -c shared_buffers=512MB -c fsync=off -c max_parallel_workers_per_gather=0" \
    start >/dev/null)
  pg="host=$tmp user=postgres dbname=postgres"
  "$pgbin/postgres" --version
elif [ -z "$pg" ]; then
  echo "PostGIS not installed (Debian postgresql-15-postgis-3): PostGIS rows skipped" >&2
fi
echo "sqlite: $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?') (sqlite3 CLI; the bench links libsqlite3)"
if [ -n "$pg" ]; then
  $pin "$bench" --pg "$pg" --synthetic "$size" --queries "$queries"
else
  $pin "$bench" --synthetic "$size" --queries "$queries"
fi
