#!/usr/bin/env bash
# The scripted attack run of issue 5 (tests/security/attack.py) against a real
# `relais serve` on loopback, bounded in time: sample data in a temporary
# database, two structures with a place each and an invitation made with the
# CLI, a real SMTP server on loopback for the invitation e-mails. Afterwards:
# the journal verifies and holds the refusals, the database passes SQLite's
# integrity check and still has every place.
# Usage: run.sh PATH/TO/relais REPO_ROOT
set -uo pipefail
RELAIS=$1
ROOT=$2
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
echo "work dir $WORK"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd missing: run scripts/setup.sh --no-data"; exit 1; }
. "$ROOT/tests/lib/test_database.sh"   # SQLite file, or a PostgreSQL schema on the suite's second pass
RELAIS_DATABASE_URL=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
export RELAIS_DATABASE_URL
export RELAIS_KEYS_DIR="$WORK/keys"

. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT" || exit 1

{ read -r PLACE_A; read -r PLACE_B; } < <(rhone_places "$RELAIS_DATABASE_URL" 2)
[ -n "${PLACE_B:-}" ] || { echo "no sample places in the Rhône"; exit 1; }
structure_id() { grep -o '[0-9][0-9]*' | tail -1; }
SA=$("$RELAIS" structure creer --nom "Centre social A" --siret 12345678900015 --type association --commune 69266 \
       --adresse "1 rue A" | structure_id)
SB=$("$RELAIS" structure creer --nom "Médiathèque B" --siret 98765432100023 --type collectivite --commune 69123 \
       --adresse "2 rue B" | structure_id)
[ -n "$SA" ] && [ -n "$SB" ] || { echo "structures not created ($SA, $SB)"; exit 1; }
"$RELAIS" structure rattacher --structure "$SA" --lieu "$PLACE_A" >/dev/null || { echo "attach A failed"; exit 1; }
"$RELAIS" structure rattacher --structure "$SB" --lieu "$PLACE_B" >/dev/null || { echo "attach B failed"; exit 1; }
INVITATION=$("$RELAIS" compte inviter --structure "$SA" --email referente@a.example --role referent | grep -o 'http[^ ]*/espace/invitation/[^ ]*' | head -1)
[ -n "$INVITATION" ] || { echo "no invitation link printed"; exit 1; }
count_places() { /usr/bin/python3 "$ROOT/tests/lib/db.py" "$RELAIS_DATABASE_URL" 'SELECT COUNT(*) FROM places'; }
COUNT_BEFORE=$(count_places)

start_smtp_sink "$ROOT" "$WORK" || exit 1

RELAIS_PORT=0 RELAIS_RELOAD_SECONDS=1 RELAIS_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" RELAIS_SMTP_FROM=relais@ville.example \
  RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
  RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" \
  "$RELAIS" serve --access-log "$WORK/access.log" 2>"$WORK/server.err" &
SERVER=$!
PIDS+=($SERVER)
PORT=$(wait_for_port "$SERVER" "$WORK/server.err") || { echo "server did not start"; cat "$WORK/server.err"; exit 1; }
B="http://127.0.0.1:$PORT"
# The invitation link printed by the CLI names the default origin: point it at this server.
INVITATION="$B/espace/invitation/${INVITATION##*/espace/invitation/}"
echo "server on $B; structures A=$SA B=$SB; places $PLACE_A, $PLACE_B"

timeout 300 /usr/bin/python3 "$ROOT/tests/security/attack.py" "$B" "$WORK/mail" "$INVITATION" "$PLACE_A" "$PLACE_B" "$SA" "$SB" \
  || fail "attack run (see above)"
kill -0 "$SERVER" 2>/dev/null || fail "the server died during the attack run"
grep -q 'request .* failed' "$WORK/server.err" && { fail "the server logged failed requests:"; grep 'failed' "$WORK/server.err" | head -5; }
kill "$SERVER"; wait "$SERVER" 2>/dev/null

"$RELAIS" journal verify || fail "the journal does not verify after the attack run"
"$RELAIS" journal show --limit 100000 --json >"$WORK/journal.json" || fail "journal show failed"
for action in connexion connexion_refusee connexion_ralentie requete_rejetee acces_refuse invitation_envoyee \
              invitation_acceptee second_facteur_enrole lieu_modifie deconnexion; do
  grep -q "\"$action\"" "$WORK/journal.json" || fail "the journal has no \"$action\" entry"
done
if on_postgresql; then
  # amcheck (created by tests/lib/postgresql.sh): every B-tree index of the
  # instance's schema against its table; an error names the broken one.
  INTEGRITY=$(/usr/bin/python3 "$ROOT/tests/lib/db.py" "$RELAIS_DATABASE_URL" "SELECT 'ok' FROM (SELECT count(*) FROM \
    (SELECT public.bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam \
     WHERE n.nspname = current_schema() AND a.amname = 'btree') checked) s" 2>&1)
else
  INTEGRITY=$(/usr/bin/python3 "$ROOT/tests/lib/db.py" "$RELAIS_DATABASE_URL" 'PRAGMA integrity_check' 2>&1)
fi
[ "$INTEGRITY" = "ok" ] || fail "integrity check: $INTEGRITY"
COUNT_AFTER=$(count_places)
[ "$COUNT_BEFORE" = "$COUNT_AFTER" ] || fail "places: $COUNT_BEFORE before, $COUNT_AFTER after"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "attack run: all refused, journal verifies, database intact"
