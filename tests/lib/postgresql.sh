# A throwaway PostgreSQL cluster owned by the test run (sourced by
# scripts/test.sh and by scripts that need one): initdb in a temporary folder,
# a server listening only on a Unix socket in that folder, stopped and deleted
# by stop_test_postgresql. Debian's postgresql-15 server binaries are used
# directly (no system cluster, no systemd). initdb refuses to run as root, so
# as root the cluster belongs to the `postgres` user (created by the package).
#
#   start_test_postgresql   sets RELAIS_TEST_PG_DIR and exports
#                           RELAIS_TEST_DATABASE_URL (postgresql://…)
#   stop_test_postgresql

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgresql() {
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries missing in $PG_BIN (apt-get install postgresql-15)" >&2; return 1; }
  RELAIS_TEST_PG_DIR=$(mktemp -d /tmp/relais-pg.XXXXXX)
  chmod 755 "$RELAIS_TEST_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$RELAIS_TEST_PG_DIR"
  _pg_as_owner "$PG_BIN/initdb" -D "$RELAIS_TEST_PG_DIR/data" -U relais --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$RELAIS_TEST_PG_DIR/initdb.log" 2>&1 || { cat "$RELAIS_TEST_PG_DIR/initdb.log" >&2; return 1; }
  # No TCP listener (nothing else can reach it), a socket in the folder; fsync
  # off: a test cluster is thrown away, durability is not what is tested.
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$RELAIS_TEST_PG_DIR/data" -l "$RELAIS_TEST_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories=$RELAIS_TEST_PG_DIR -c port=5432 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$RELAIS_TEST_PG_DIR/server.log" >&2; return 1; }
  "$PG_BIN/createdb" -h "$RELAIS_TEST_PG_DIR" -U relais relais_test
  # amcheck, once for the run: tests/security/run.sh checks the indexes with it.
  psql -X -q -h "$RELAIS_TEST_PG_DIR" -U relais -d relais_test -c 'CREATE EXTENSION amcheck SCHEMA public' >/dev/null
  export RELAIS_TEST_DATABASE_URL="postgresql://relais@/relais_test?host=$RELAIS_TEST_PG_DIR"
  echo "== PostgreSQL test cluster in $RELAIS_TEST_PG_DIR ($RELAIS_TEST_DATABASE_URL)"
}

stop_test_postgresql() {
  [ -n "${RELAIS_TEST_PG_DIR:-}" ] && [ -d "$RELAIS_TEST_PG_DIR" ] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$RELAIS_TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$RELAIS_TEST_PG_DIR"
  unset RELAIS_TEST_PG_DIR RELAIS_TEST_DATABASE_URL
}
