#!/usr/bin/env bash
# Browser end-to-end test (CTest `browser_end_to_end`): real data imported into
# a temporary database, `relais serve` on a free loopback port with "now"
# fixed to Tuesday 2026-11-24 10:00, then tests/browser/e2e.mjs drives
# headless Chromium (Debian `chromium`) with playwright-core and axe-core.
# Screenshots, the printed PDF and axe-summary.json go to OUTPUT_DIR
# (default REPO_ROOT/test-output/browser, gitignored, kept by CI as an artifact).
# Exits 77 (skipped) only when chromium is not installed; any other problem
# fails.
# Usage: run.sh PATH/TO/relais REPO_ROOT [OUTPUT_DIR]
set -uo pipefail
RELAIS=$1
ROOT=$2
OUT=${3:-$ROOT/test-output/browser}
CHROMIUM=${RELAIS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "chromium not installed ($CHROMIUM): skipped (scripts/setup.sh installs Debian's chromium)"
  exit 77
fi
for pkg in playwright-core @axe-core/playwright axe-core @gouvfr/dsfr leaflet leaflet.markercluster @gouvfr-anct/cartographie-nationale; do
  [ -d "$ROOT/node_modules/$pkg" ] || { echo "npm package $pkg missing: run npm ci (scripts/setup.sh)"; exit 1; }
done
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
. "$ROOT/tests/lib/test_database.sh"   # SQLite file, or a PostgreSQL schema on the suite's second pass
RELAIS_DATABASE_URL=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
export RELAIS_DATABASE_URL
export RELAIS_NOW=2026-11-24T10:00   # a Tuesday morning: "ouvert maintenant" is deterministic

. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT" || exit 1
"$RELAIS" -q dedupe >/dev/null || { echo "dedupe failed"; exit 1; }
# The territory pages (issue 4): the official IFN 2023 and the contours of
# the communes and départements, when the real data folder is there.
SHARED="${RELAIS_SHARED_DATA:-$ROOT/../shared/data}"   # RELAIS_SHARED_DATA=/none: run as from a clone without it
export RELAIS_E2E_TERRITORY_DATA=0
if [ -f "$SHARED/indicateurs/ifn_communes_2023-08.csv" ] && [ -d "$SHARED/contours" ]; then
  "$RELAIS" -q import indicateurs "$SHARED/indicateurs/ifn_communes_2023-08.csv" \
    --mapping "$ROOT/data/indicateurs/mappings/ifn_officiel_communes_2023.json" >/dev/null \
    || { echo "import indicateurs failed"; exit 1; }
  "$RELAIS" -q import contours "$SHARED/contours/communes_2018_gregoiredavid_merged-from-departements.geojson" \
    >/dev/null || { echo "import contours (communes) failed"; exit 1; }
  "$RELAIS" -q import contours "$SHARED/contours/departements_avec-outre-mer_2018_gregoiredavid.geojson" \
    >/dev/null || { echo "import contours (départements) failed"; exit 1; }
  RELAIS_E2E_TERRITORY_DATA=1
else
  echo "no $SHARED: the territory page is checked without index and contours"
fi

RELAIS_PORT=0 RELAIS_LISTEN=127.0.0.1 \
  RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
  RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" \
  RELAIS_LEAFLET_DIST="$ROOT/node_modules/leaflet/dist" \
  RELAIS_MARKERCLUSTER_DIST="$ROOT/node_modules/leaflet.markercluster/dist" \
  "$RELAIS" serve --access-log "$WORK/access.log" 2>"$WORK/serve.err" &
PID=$!
PORT=$(wait_for_port "$PID" "$WORK/serve.err") || { echo "server did not start:"; cat "$WORK/serve.err"; exit 1; }
echo "server on http://127.0.0.1:$PORT, output in $OUT"
rm -rf "$OUT"
mkdir -p "$OUT"

(cd "$ROOT" && node tests/browser/e2e.mjs "http://127.0.0.1:$PORT" "$OUT")
rc=$?

# The report typed in the browser reached the store.
kill -TERM "$PID"; wait "$PID"; src=$?; PID=""
[ "$src" = 0 ] || { echo "FAIL: relais serve exited $src"; rc=1; }
"$RELAIS" reports --json >"$WORK/reports.json" || { echo "FAIL: relais reports"; rc=1; }
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (!(r.length===1 && r[0].categories.includes("horaires") && r[0].message.includes("test du navigateur"))) process.exit(1)' \
  "$WORK/reports.json" || { echo "FAIL: the browser's report is not stored: $(cat "$WORK/reports.json")"; rc=1; }
if grep -q '"status":5' "$WORK/access.log"; then echo "FAIL: the server answered 5xx:"; grep '"status":5' "$WORK/access.log"; rc=1; fi
[ "$rc" = 0 ] && echo "browser end-to-end: all checks passed"
exit "$rc"
