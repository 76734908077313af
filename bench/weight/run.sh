#!/usr/bin/env bash
# Page weight of Relais' public pages against the national map's client, in
# headless Chromium (Debian `chromium`, playwright-core). Real data in a
# temporary database, `relais serve` on a free loopback port, the national
# map's npm bundle served by measure.mjs's static server on loopback.
# Usage: bench/weight/run.sh [build-dir]   (prints the figures; JSON and
# screenshots in bench/out/weight*.{json,png})
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
RELAIS=$BUILD/relais
[ -x /usr/bin/chromium ] || { echo "chromium missing: scripts/setup.sh installs it"; exit 1; }
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
export RELAIS_DATABASE_URL="$WORK/relais.db" RELAIS_NOW=2026-11-24T10:00
. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT"
"$RELAIS" -q dedupe >/dev/null
RELAIS_PORT=0 RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" \
  RELAIS_LEAFLET_DIST="$ROOT/node_modules/leaflet/dist" \
  RELAIS_MARKERCLUSTER_DIST="$ROOT/node_modules/leaflet.markercluster/dist" \
  RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
  "$RELAIS" serve --access-log '' 2>"$WORK/serve.err" &
PID=$!
PORT=$(wait_for_port "" "$WORK/serve.err") || { cat "$WORK/serve.err"; exit 1; }
mkdir -p "$ROOT/bench/out"
node "$ROOT/bench/weight/measure.mjs" "http://127.0.0.1:$PORT" "$ROOT" "$ROOT/bench/out/weight.json"
