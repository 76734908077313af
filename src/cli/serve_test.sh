#!/usr/bin/env bash
# End-to-end test of `relais serve`: real data in a temporary database, the
# server on a free loopback port, the API called with curl, then SIGTERM
# during a slow download: the download completes and the server exits 0.
# Usage: serve_test.sh PATH/TO/relais REPO_ROOT
set -uo pipefail
RELAIS=$1
ROOT=$2
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
echo "work dir $WORK"
. "$ROOT/tests/lib/test_database.sh"   # SQLite file, or a PostgreSQL schema on the suite's second pass
RELAIS_DATABASE_URL=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
export RELAIS_DATABASE_URL
export RELAIS_NOW=2026-11-24T10:00   # a Tuesday morning
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
command -v curl >/dev/null || { echo "curl missing: run scripts/setup.sh --no-data"; exit 1; }

. "$ROOT/tests/lib/sample_server.sh"
import_sample_data "$RELAIS" "$ROOT" || exit 1
"$RELAIS" -q dedupe >/dev/null || { echo "dedupe failed"; exit 1; }

# A configuration file with a typo is a usage error (exit 2), before listening.
echo '{"prot": 8080}' >"$WORK/bad.json"
"$RELAIS" serve --config "$WORK/bad.json" 2>"$WORK/bad.err"; rc=$?
[ "$rc" = 2 ] || fail "bad config: exit $rc, expected 2"
grep -q 'unknown key "prot"' "$WORK/bad.err" || fail "bad config message: $(cat "$WORK/bad.err")"

echo '{"listen": "127.0.0.1", "threads": 2, "shutdown_timeout_seconds": 30}' >"$WORK/relais.json"
RELAIS_PORT=0 RELAIS_TERRITORY_DATA="$ROOT/node_modules/@etalab/decoupage-administratif/data" \
  RELAIS_DSFR_DIST="$ROOT/node_modules/@gouvfr/dsfr/dist" \
  "$RELAIS" serve --config "$WORK/relais.json" --access-log "$WORK/access.log" 2>"$WORK/serve.err" &
PID=$!
PORT=$(wait_for_port "$PID" "$WORK/serve.err") || { echo "server did not start:"; cat "$WORK/serve.err"; exit 1; }
B="http://127.0.0.1:$PORT"
echo "server on $B"

# check DESCRIPTION EXPECTED_STATUS URL [curl args...] ; body in $WORK/body
check() {
  local what=$1 want=$2 url=$3; shift 3
  local got
  got=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$B$url")
  [ "$got" = "$want" ] || { fail "$what: HTTP $got, expected $want"; head -c 300 "$WORK/body"; echo; }
}
js() {  # js 'expression on body' DESCRIPTION
  node -e "const body = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); if (!($1)) process.exit(1);" \
    "$WORK/body" || fail "$2: $(head -c 300 "$WORK/body")"
}
header() { grep -qi "^$1" "$WORK/headers" || fail "missing header /$1/"; }

check "healthz" 200 /healthz
js 'body.status === "ok" && body.catalogue.lieux > 500' "healthz counts the catalogue"
check "near Lyon, service, open now" 200 \
  '/api/v1/lieux?near=45.76,4.83&services=Aide+aux+d%C3%A9marches+administratives&open_now=true&limit=5'
js 'body.lieux.length === 5 && body.lieux.every(p => p.ouvert === true && p.services.includes("Aide aux démarches administratives")) && body.total === null' \
  "k nearest open places offering the service"
header 'etag: "'
header 'content-security-policy: .*frame-ancestors'
header 'x-content-type-options: nosniff'
header 'referrer-policy'
ETAG=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$WORK/headers" | tr -d '\r')
check "conditional request" 304 \
  '/api/v1/lieux?near=45.76,4.83&services=Aide+aux+d%C3%A9marches+administratives&open_now=true&limit=5' \
  -H "If-None-Match: $ETAG"
check "radius and filters, repeated and |" 200 \
  '/api/v1/lieux?near=45.76,4.83&radius=10km&frais=Gratuit|Payant&frais=gratuit+sous+condition&limit=50'
js 'body.total > 0 && body.lieux.every(p => p.distance_metres <= 10000)' "radius respected"
check "pagination links" 200 '/api/v1/lieux?departement=69&limit=10&offset=10'
js 'body.links.prev && body.links.first && body.offset === 10 && body.total > 20' "links"
check "geojson by Accept" 200 '/api/v1/lieux?departement=69&limit=3' -H 'Accept: application/geo+json'
js 'body.type === "FeatureCollection" && body.features[0].geometry.type === "Point"' "geojson"
header 'content-type: application/geo+json'
check "gzip" 200 '/api/v1/lieux?limit=100' --compressed
header 'content-encoding: gzip'
js 'body.lieux.length === 100' "gzip decoded"
check "one place" 200 "/api/v1/lieux/$(node -e 'const b=JSON.parse(require("fs").readFileSync(process.argv[1]));process.stdout.write(encodeURIComponent(b.lieux[0].ref))' "$WORK/body")"
js 'typeof body.nom === "string" && Array.isArray(body.sources)' "place by ref"
check "communes" 200 '/api/v1/communes?q=Villeurbanne'
js 'body.communes[0].code_insee === "69266"' "commune search"
check "epci" 200 '/api/v1/epci/200046977'
js 'body.nom === "Métropole de Lyon" && body.communes.length > 50' "EPCI with communes"
check "departement" 200 '/api/v1/departements/69'
js 'body.nom === "Rhône"' "département name"
check "statistics" 200 '/api/v1/statistiques?territoire=departement:69'
js 'body.total > 0 && body.par_service["Aide aux démarches administratives"] >= 0 && body.ouverts_maintenant <= body.total' "stats"
check "openapi" 200 '/api/v1/openapi.json'
js 'body.openapi === "3.0.3" && body.paths["/api/v1/lieux"]' "openapi document"
check "csv export of a territory" 200 '/api/v1/export/lieux.csv?departement=69'
header 'transfer-encoding: chunked'
head -1 "$WORK/body" | grep -q '^id,pivot,nom,commune,code_postal,code_insee,adresse' || fail "csv header"

# Bad input: a JSON error, the right status, and the server keeps serving.
check "unknown value" 400 '/api/v1/lieux?services=Cuisine'
js 'body.code === "unknown_value" && body.message.includes("Valeurs possibles")' "unknown_value"
check "invalid coordinates" 400 '/api/v1/lieux?near=100,500'
js 'body.code === "invalid_parameter"' "invalid_parameter"
check "negative radius" 400 '/api/v1/lieux?near=45,4&radius=-1km'
check "huge radius" 400 '/api/v1/lieux?near=45,4&radius=99999km'
check "malformed escape" 400 '/api/v1/lieux?text=%E9t%C3'
check "injection in text" 200 "/api/v1/lieux?text=%27%3B%20DROP%20TABLE%20places%3B--%3Cscript%3E"
js 'body.total === 0' "injection text matches nothing"
check "unknown route" 404 '/api/v1/nothing'
check "over-long URL" 414 "/api/v1/lieux?text=$(head -c 10000 /dev/zero | tr '\0' a)"
head -c 20000 /dev/zero | tr '\0' x >"$WORK/big"
check "over-long body" 413 '/api/v1/lieux' --data-binary "@$WORK/big" -H 'Expect:'
js 'body.code === "payload_too_large"' "payload_too_large"
check "method" 405 '/api/v1/lieux' -X DELETE
# The public pages (French HTML, DSFR served locally, report form stored).
html() { grep -q "$1" "$WORK/body" || fail "$2: page lacks /$1/"; }
check "home page" 200 /
html 'lang="fr"' "home language"
header "Content-Type: text/html"
header "Content-Security-Policy: default-src 'none'; style-src 'self'"
check "results page" 200 '/recherche?ou=Villeurbanne&services=Aide+aux+d%C3%A9marches+administratives&frais=Gratuit'
html 'href="/lieux/Hinaura:' "results link to places"
html 'Villeurbanne (69100)' "results say where"
REF=$(grep -o 'href="/lieux/[^"]*"' "$WORK/body" | head -1 | sed 's/href="//; s/"$//')
check "place page" 200 "$REF"
html 'Lundi' "weekly hours table"
check "report form" 200 "$REF/signaler"
check "report sent" 200 "$REF/signaler" --data 'categories=horaires&precision=Ferm%C3%A9+le+lundi+matin'
check "report without message" 400 "$REF/signaler" --data 'categories=horaires&precision='
check "unknown filter value, French page" 400 '/recherche?services=Cuisine'
html 'lang="fr"' "400 page in French"
check "unknown place" 404 '/lieux/nulle-part'
check "DSFR stylesheet" 200 /static/dsfr/core/core.min.css --compressed
header "Content-Encoding: gzip"
header "X-Content-Type-Options: nosniff"
grep -qi "^Content-Security-Policy" "$WORK/headers" && fail "static files carry no document headers"
check "no path traversal" 404 /static/dsfr/../package.json --path-as-is
check "still serving" 200 /healthz

# Graceful stop: a slow full export is running when SIGTERM arrives; it completes.
"$RELAIS" -q export lieux --format csv >"$WORK/expected.csv"
curl -s --limit-rate 100k -o "$WORK/export.csv" "$B/api/v1/export/lieux.csv" &
CURL=$!
sleep 1
kill -TERM "$PID"
wait "$CURL" || fail "export interrupted by the shutdown"
cmp -s "$WORK/export.csv" "$WORK/expected.csv" || fail "streamed export differs from relais export lieux"
wait "$PID"; rc=$?
PID=""
[ "$rc" = 0 ] || fail "serve exit code after SIGTERM: $rc"
grep -q 'stopped' "$WORK/serve.err" || fail "no clean stop in the log"
node -e 'const lines=require("fs").readFileSync(process.argv[1],"utf8").split("\n").filter(Boolean).map(JSON.parse); if (!(lines.length > 20 && lines.every(l => l.method && l.path && l.status && "ms" in l))) process.exit(1)' \
  "$WORK/access.log" || fail "access log is not one JSON object per request"

# The report reached the store, for the place's maintainers.
"$RELAIS" reports --json >"$WORK/reports.json" || fail "relais reports"
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (!(r.length===1 && r[0].place_ref===process.argv[2] && r[0].categories[0]==="horaires" && r[0].message==="Fermé le lundi matin")) process.exit(1)' \
  "$WORK/reports.json" "${REF#/lieux/}" || fail "stored report: $(cat "$WORK/reports.json")"
if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "serve end-to-end: all checks passed"
