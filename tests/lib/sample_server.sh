# Shared by the scripts that run `relais serve` on the sample data (sourced,
# not run): src/cli/serve_test.sh, src/site/orientation_mail_test.sh,
# tests/browser/run.sh, bench/weight/run.sh.

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
