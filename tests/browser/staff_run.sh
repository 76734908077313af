#!/usr/bin/env bash
# Browser test of the staff space (CTest `browser_staff_space`, issue 5):
# sample data in a temporary database, a structure with a place of the Rhône,
# an invitation for its référente and one for a coordinateur made with the
# CLI, a real SMTP server on loopback, `relais serve`, then
# tests/browser/staff.mjs drives headless Chromium through the pages with
# axe-core. Screenshots go to OUTPUT_DIR (default REPO_ROOT/test-output/staff).
# Exits 77 (skipped) only when chromium is not installed.
# Usage: staff_run.sh PATH/TO/relais REPO_ROOT [OUTPUT_DIR]
set -uo pipefail
RELAIS=$1
ROOT=$2
OUT=${3:-$ROOT/test-output/staff}
CHROMIUM=${RELAIS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "chromium not installed ($CHROMIUM): skipped (scripts/setup.sh installs Debian's chromium)"
  exit 77
fi
for pkg in playwright-core @axe-core/playwright axe-core @gouvfr/dsfr; do
  [ -d "$ROOT/node_modules/$pkg" ] || { echo "npm package $pkg missing: run npm ci (scripts/setup.sh)"; exit 1; }
done
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd missing: run scripts/setup.sh --no-data"; exit 1; }
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
. "$ROOT/tests/lib/test_database.sh"   # SQLite file, or a PostgreSQL schema on the suite's second pass
RELAIS_DATABASE_URL=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
export RELAIS_DATABASE_URL
export RELAIS_KEYS_DIR="$WORK/keys"

. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT" || exit 1
PLACE=$(rhone_places "$RELAIS_DATABASE_URL" 1)
[ -n "$PLACE" ] || { echo "no sample place in the Rhône"; exit 1; }
SID=$("$RELAIS" structure creer --nom "Centre social des Buers" --type centre_social --commune 69266 \
        --adresse "12 rue Léon Blum" 2>/dev/null | tr -dc 0-9)
[ -n "$SID" ] || { echo "structure not created"; exit 1; }
"$RELAIS" structure rattacher --structure "$SID" --lieu "$PLACE" 2>/dev/null || { echo "attach failed"; exit 1; }
REFERENTE=$("$RELAIS" compte inviter --structure "$SID" --email referente@buers.example --role referent 2>/dev/null)
COORDINATION=$("$RELAIS" compte coordinateur --email coordination@rhone.example --territoire departement:69 2>/dev/null)
[ -n "$REFERENTE" ] && [ -n "$COORDINATION" ] || { echo "no invitation links printed"; exit 1; }

start_smtp_sink "$ROOT" "$WORK" || exit 1

RELAIS_PORT=0 RELAIS_LISTEN=127.0.0.1 RELAIS_RELOAD_SECONDS=1 \
  RELAIS_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" RELAIS_SMTP_FROM=relais@ville.example \
  RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
  RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" \
  "$RELAIS" serve --access-log "$WORK/access.log" 2>"$WORK/serve.err" &
SERVER=$!
PIDS+=($SERVER)
PORT=$(wait_for_port "$SERVER" "$WORK/serve.err") || { echo "server did not start:"; cat "$WORK/serve.err"; exit 1; }
B="http://127.0.0.1:$PORT"
echo "server on $B, output in $OUT"
rm -rf "$OUT"
mkdir -p "$OUT"

# The CLI's links name the default origin: point them at this server.
(cd "$ROOT" && timeout 400 node tests/browser/staff.mjs "$B" "$OUT" "$WORK/mail" "$PLACE" \
   "/espace/invitation/${REFERENTE##*/espace/invitation/}" "/espace/invitation/${COORDINATION##*/espace/invitation/}")
rc=$?
kill -0 "$SERVER" 2>/dev/null || { echo "FAIL: the server died"; rc=1; }
if grep -q '"status":5' "$WORK/access.log"; then echo "FAIL: the server answered 5xx:"; grep '"status":5' "$WORK/access.log"; rc=1; fi
kill "$SERVER"; wait "$SERVER" 2>/dev/null
"$RELAIS" journal verify || { echo "FAIL: the journal does not verify"; rc=1; }
[ "$rc" = 0 ] && echo "browser staff space: all checks passed"
exit "$rc"
