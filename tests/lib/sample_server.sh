# Shared by the scripts that run `relais serve` on the sample data (sourced,
# not run): src/cli/serve_test.sh, src/site/orientation_mail_test.sh,
# tests/browser/run.sh, tests/browser/staff_run.sh, tests/security/run.sh,
# bench/weight/run.sh. Their database: tests/lib/test_database.sh.

# import_sample_data RELAIS ROOT: the communes and the 687 places of npm
# @gouvfr-anct/cartographie-nationale (source "Hinaura") into
# $RELAIS_DATABASE_URL. Returns non-zero, saying which step, on failure.
import_sample_data() {
  local relais=$1 root=$2
  "$relais" -q import communes --decoupage "$root/node_modules/@etalab/decoupage-administratif/data" \
    --laposte "$root/data/territoires/laposte_hexasmal_2020.csv" >/dev/null || { echo "import communes failed"; return 1; }
  "$relais" -q import lieux "$root/node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json" \
    --source Hinaura >/dev/null || { echo "import lieux failed"; return 1; }
}

# wait_for_port PID ERR_FILE: prints the port `relais serve` (started with
# RELAIS_PORT=0 and stderr to ERR_FILE) announced; returns 1 when the process
# ended (give PID "" not to check) or after 30 s without it.
wait_for_port() {
  local pid=$1 err=$2 port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$err")
    [ -n "$port" ] && { echo "$port"; return 0; }
    [ -z "$pid" ] || kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# start_smtp_sink ROOT DIR: a real SMTP server on loopback (src/mail/testdata/
# smtp_sink.py) writing what it receives to DIR/mail, its output to
# DIR/smtp.out and DIR/smtp.err; its pid is appended to the caller's PIDS
# array and its port set in SMTP_PORT. Returns 1, saying why, when it did not
# start within 10 s.
start_smtp_sink() {
  local root=$1 dir=$2
  /usr/bin/python3 "$root/src/mail/testdata/smtp_sink.py" "$dir/mail" >"$dir/smtp.out" 2>"$dir/smtp.err" &
  PIDS+=($!)
  SMTP_PORT=""
  for _ in $(seq 1 100); do
    SMTP_PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$dir/smtp.out")
    [ -n "$SMTP_PORT" ] && return 0
    sleep 0.1
  done
  echo "SMTP server did not start:"; cat "$dir/smtp.err"
  return 1
}

# rhone_places DB_URL N: the references (source:id) of the first N sample
# places whose postcode is in the Rhône, one per line, by id.
rhone_places() {
  /usr/bin/python3 - "$1" "$2" "$(dirname "${BASH_SOURCE[0]}")" <<'PY'
import sys
sys.path.insert(0, sys.argv[3])
import db
c = db.connect(sys.argv[1])
postcode = ("json_extract(record_json, '$.code_postal')" if c.backend == "sqlite"
            else "(record_json::json ->> 'code_postal')")
for (ref,) in c.execute(f"SELECT source || ':' || id FROM places WHERE {postcode} LIKE '69%' ORDER BY id LIMIT ?",
                        (int(sys.argv[2]),)):
    print(ref)
PY
}
