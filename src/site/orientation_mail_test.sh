#!/usr/bin/env bash
# End-to-end test of the orientation sheet by e-mail: real data in a
# temporary database, a real SMTP server on loopback (Debian python3-aiosmtpd,
# src/mail/testdata/smtp_sink.py), `relais serve` configured with RELAIS_SMTP_*;
# curl posts the sheet's form, Python's email module parses what the SMTP
# server received (headers, both parts, content). Also: a bad address, the
# per-client rate limit shared by two servers on the same database (counted
# in the store, under a keyed hash of the address, not the address), nothing
# personal in the access log, and a server without SMTP (no form, 503).
# Usage: orientation_mail_test.sh PATH/TO/relais REPO_ROOT
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
export RELAIS_NOW=2026-11-24T10:00   # a Tuesday morning

. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT" || exit 1

# The SMTP server.
start_smtp_sink "$ROOT" "$WORK" || exit 1

# start_server NAME [ENV=VALUE...]: sets $B
start_server() {
  local name=$1; shift
  env "$@" RELAIS_PORT=0 RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
    RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" RELAIS_KEYS_DIR="$WORK/keys" \
    "$RELAIS" serve --access-log "$WORK/$name.access.log" 2>"$WORK/$name.err" &
  PIDS+=($!)
  local port
  port=$(wait_for_port "" "$WORK/$name.err") || { echo "server $name did not start:"; cat "$WORK/$name.err"; exit 1; }
  B="http://127.0.0.1:$port"
}
check() {  # check DESCRIPTION EXPECTED_STATUS URL [curl args...]; body in $WORK/body
  local what=$1 want=$2 url=$3; shift 3
  local got
  got=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$B$url")
  [ "$got" = "$want" ] || { fail "$what: HTTP $got, expected $want"; head -c 400 "$WORK/body"; echo; }
}
has() { grep -q -- "$1" "$WORK/body" || fail "$2: body lacks \"$1\""; }
lacks() { if grep -q -- "$1" "$WORK/body"; then fail "$2: body has \"$1\""; fi; }

start_server smtp RELAIS_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" RELAIS_SMTP_FROM=relais@ville.example \
  RELAIS_SMTP_FROM_NAME="Relais – Ville de Villeurbanne" RELAIS_MAIL_PER_MINUTE=2
echo "server with SMTP on $B, SMTP on 127.0.0.1:$SMTP_PORT"

# A real place near Lyon offering the service, through the API.
check "a place" 200 '/api/v1/lieux?near=45.76,4.83&services=Aide+aux+d%C3%A9marches+administratives&limit=1'
REF=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["lieux"][0]["ref"])' "$WORK/body")
NOM=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["lieux"][0]["nom"])' "$WORK/body")
REF_Q=$(/usr/bin/python3 -c 'import sys,urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$REF")
echo "place $REF: $NOM"

STATE="lieu=$REF_Q&services=Aide+aux+d%C3%A9marches+administratives&dispo=jeudi-apres-midi&ou=Lyon&radius=10km&prenom=%C3%89lodie&orienteur=Camille+Martin&structure=CCAS+de+Lyon"
check "the path, step 1" 200 /orientation
has "Faire ses démarches" "need families"
check "step 3 lists places" 200 "/orientation/lieu?services=Aide+aux+d%C3%A9marches+administratives&ou=Lyon&radius=10km"
has "Choisir ce lieu" "places listed"
check "the sheet" 200 "/orientation/fiche?$STATE"
has 'action="/orientation/envoyer"' "e-mail form shown when SMTP is configured"
has "Fiche d’orientation pour Élodie" "first name on the sheet"
grep -qi '^cache-control: no-store' "$WORK/headers" || fail "sheet is cacheable"
if grep -qi '^etag:' "$WORK/headers"; then fail "sheet has an ETag"; fi
check "print stylesheet" 200 /orientation/fiche.css
has "@page{size:A4 portrait" "A4 print rule"

check "bad address" 400 /orientation/envoyer --data "$STATE&destinataire=pas-une-adresse"
has "L’adresse e-mail n’est pas valide" "bad address message"
check "send" 200 /orientation/envoyer --data "$STATE&destinataire=camille%40example.org"
has "Fiche envoyée" "sent page"
for _ in $(seq 1 50); do [ -f "$WORK/mail/001.eml" ] && break; sleep 0.1; done
[ -f "$WORK/mail/001.eml" ] || fail "no message received by the SMTP server"
/usr/bin/python3 - "$WORK/expected.json" "$NOM" <<'PY'
import json, sys
path, nom = sys.argv[1], sys.argv[2]
json.dump({"from": "Relais – Ville de Villeurbanne <relais@ville.example>", "to": "camille@example.org",
           "envelope_from": "relais@ville.example",
           "subject": "Fiche d’orientation : " + nom,
           "contains": ["Élodie", nom, "Faire une démarche administrative", "jeudi après-midi",
                        "Camille Martin, CCAS de Lyon", "openstreetmap.org"]},
          open(path, "w", encoding="utf-8"), ensure_ascii=False)
PY
if [ -f "$WORK/mail/001.eml" ]; then
  /usr/bin/python3 "$ROOT/src/site/check_mail.py" "$WORK/mail/001.eml" "$WORK/mail/001.envelope" "$WORK/expected.json" ||
    failures=$((failures + 1))
fi
[ ! -f "$WORK/mail/002.eml" ] || fail "the bad address produced a message"

# Rate limit: 2 per minute per client; the first send counted. A second
# server on the same database (as behind nginx) shares the count.
FIRST=$B
start_server smtp2 RELAIS_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" RELAIS_SMTP_FROM=relais@ville.example \
  RELAIS_MAIL_PER_MINUTE=2
echo "second server with SMTP on $B"
SECOND=$B
B=$FIRST
check "second send" 200 /orientation/envoyer --data "$STATE&destinataire=camille%40example.org"
B=$SECOND
check "third send, through the other server, is limited" 429 /orientation/envoyer \
  --data "$STATE&destinataire=camille%40example.org"
grep -qi '^retry-after: 60' "$WORK/headers" || fail "429 without Retry-After"
B=$FIRST
check "fourth send, through the first server, is limited" 429 /orientation/envoyer \
  --data "$STATE&destinataire=camille%40example.org"
sleep 0.5
count=$(ls "$WORK/mail"/*.eml 2>/dev/null | wc -l)
[ "$count" = 2 ] || fail "$count messages received, expected 2"
# What the store keeps: two events under one 64-hex-digit pseudonym, not the address.
rows=$(/usr/bin/python3 "$ROOT/tests/lib/db.py" "$RELAIS_DATABASE_URL" \
  "SELECT scope, key, COUNT(*) FROM rate_events GROUP BY scope, key")
echo "rate_events: $rows"
echo "$rows" | grep -Eq '^courriel_fiche\|[0-9a-f]{64}\|2$' || fail "rate_events should hold 2 events under one keyed hash"
if echo "$rows" | grep -q '127\.0\.0\.1'; then fail "the client address is stored in clear"; fi
# Nothing personal in the access log (no query string, no body).
if grep -q -e lodie -e camille "$WORK/smtp.access.log"; then fail "personal data in the access log"; fi

# Without SMTP: no e-mail form, and the route answers 503.
start_server nosmtp
echo "server without SMTP on $B"
check "sheet without SMTP" 200 "/orientation/fiche?$STATE"
lacks 'action="/orientation/envoyer"' "no e-mail form without SMTP"
check "send without SMTP" 503 /orientation/envoyer --data "$STATE&destinataire=camille%40example.org"
has "L’envoi par e-mail n’est pas activé" "503 explains"
grep -q "no smtp_url" "$WORK/nosmtp.err" || fail "the log does not say e-mail is off"

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "orientation e-mail end to end: ok"
