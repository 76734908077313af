#!/bin/sh
# Builds and runs the geosearch benchmark: Relais index vs PostGIS vs SQLite
# R*Tree, k = 20 nearest with two filters, on the real places and on a
# 1,000,000-place synthetic scale-up. Installs nothing: PostGIS comes from the
# Debian package postgresql-15-postgis-3 (scripts/setup.sh). A throwaway
# cluster is created in a temp dir, listens only on a Unix socket, and is
# stopped and deleted at the end. Without PostGIS the PostGIS rows are skipped.
# Usage: bench/geo/run.sh [build-dir] [synthetic-size] [queries]
#        (default: <repo>/build-bench-geo, Release without tests, 1000000, 2000)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench-geo}"
size="${2:-1000000}"
queries="${3:-2000}"
[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target relais_geo_bench -j2 >/dev/null
bench="$build/bench/geo/relais_geo_bench"

pgbin=/usr/lib/postgresql/15/bin
pg=""
if [ -x "$pgbin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  tmp="$(mktemp -d /tmp/relais-geo-pg.XXXXXX)"
  as_pg=""
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$tmp"
    as_pg="runuser -u postgres --"
  fi
  cleanup() {
    $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
  }
  trap cleanup EXIT INT TERM
  $as_pg "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust >/dev/null
  # Unix socket only (listen_addresses=''), defaults otherwise except a
  # shared_buffers large enough to hold the 1M-row table and its GiST index.
  $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/log" -w \
    -o "-c listen_addresses='' -k $tmp -c shared_buffers=512MB -c fsync=off" start >/dev/null
  pg="host=$tmp user=postgres dbname=postgres"
  "$pgbin/postgres" --version
else
  echo "PostGIS not installed (Debian postgresql-15-postgis-3): PostGIS rows skipped" >&2
fi
if [ -n "$pg" ]; then
  "$bench" --pg "$pg" --synthetic "$size" --queries "$queries"
else
  "$bench" --synthetic "$size" --queries "$queries"
fi
