# The database of a shell-driven test (sourced, not run), on the backend of
# the suite's pass (scripts/test.sh): a SQLite file on the first pass; on the
# PostgreSQL pass (RELAIS_TEST_DATABASE_URL set by tests/lib/postgresql.sh) a
# new schema of the run's cluster, migrated with `relais migrate` as an
# operator would. Queries from the tests go through tests/lib/db.py.

# test_database_url RELAIS WORK NAME: prints the URL of a new empty database
# (SQLite: WORK/NAME.db, created by the first command that opens it).
test_database_url() {
  local relais=$1 work=$2 name=$3
  if [ -z "${RELAIS_TEST_DATABASE_URL:-}" ]; then
    echo "$work/$name.db"
    return 0
  fi
  # Unique across the processes of a parallel run.
  local schema
  schema="sh_$(tr -c 'a-z0-9_\n' '_' <<<"$name")_$$_${RANDOM}${RANDOM}"
  psql -X -q -v ON_ERROR_STOP=1 "$RELAIS_TEST_DATABASE_URL" -c "CREATE SCHEMA $schema" >/dev/null ||
    { echo "cannot create schema $schema" >&2; return 1; }
  local separator='?'
  [[ $RELAIS_TEST_DATABASE_URL == *\?* ]] && separator='&'
  local url="$RELAIS_TEST_DATABASE_URL${separator}options=-csearch_path%3D$schema"
  RELAIS_DATABASE_URL="$url" "$relais" -q migrate >/dev/null || { echo "relais migrate failed on $schema" >&2; return 1; }
  echo "$url"
}

# on_postgresql: true on the suite's PostgreSQL pass.
on_postgresql() { [ -n "${RELAIS_TEST_DATABASE_URL:-}" ]; }
