#!/usr/bin/env bash
# Sets up Relais on a fresh Debian 12 machine, idempotently:
#   1. installs the Debian and npm packages the project needs,
#   2. builds the `relais` binary (build/relais),
#   3. unless --no-data: imports the communes and the real default places into
#      ./var/relais.db (the embedded SQLite store), deduplicates them, and runs
#      a first search to show the engine answering,
#   4. unless --no-data or --no-serve: starts the server in the foreground
#      (`relais serve`, http://127.0.0.1:8080/, RELAIS_PORT / RELAIS_LISTEN to
#      change it) until Ctrl-C or SIGTERM.
# Options:
#   --no-data        stop after the build (used by scripts/test.sh)
#   --no-serve       import the data but do not start the server (scripted use)
#   --bench          also install what the benchmarks compare against (PostGIS)
#   --open-data DIR  also import the real files of DIR/lieux (default: ../shared/data when it exists)
# Works unattended with CI=true (no prompts, no colours needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WITH_DATA=1
WITH_SERVE=1
WITH_BENCH=0
OPEN_DATA=""
[ -d "$ROOT/../shared/data" ] && OPEN_DATA="$ROOT/../shared/data"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-data) WITH_DATA=0 ;;
    --no-serve) WITH_SERVE=0 ;;
    --bench) WITH_BENCH=1 ;;
    --open-data) OPEN_DATA="$2"; shift ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

DEBIAN_PACKAGES=(
  build-essential cmake pkg-config git ca-certificates tzdata
  nodejs npm
  libgtest-dev libgmock-dev
  nlohmann-json3-dev libsqlite3-dev libsqlitecpp-dev libpq-dev postgresql-15 libcli11-dev libfmt-dev libspdlog-dev
  libhowardhinnant-date-dev libutf8proc-dev libpcre2-dev libcsv-dev
  libssl-dev libsodium-dev libqrencode-dev zbar-tools librsvg2-bin
  librestinio-dev libasio-dev libhttp-parser-dev zlib1g-dev curl
  libkainjow-mustache-dev tidy libxml2-utils libnanoflann-dev
  chromium poppler-utils
  libcurl4-openssl-dev python3-aiosmtpd
  coinor-cbc
  clang libclang-rt-14-dev
)
BENCH_PACKAGES=(postgresql-15 postgresql-15-postgis-3 libpq-dev sqlite3 libbenchmark-dev hyperfine wrk)

missing=()
wanted=("${DEBIAN_PACKAGES[@]}")
[ "$WITH_BENCH" = 1 ] && wanted+=("${BENCH_PACKAGES[@]}")
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# node and npm may come from outside Debian on some images: keep theirs.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -ra missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "== Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== Installing npm packages (package-lock.json)"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

echo "== Building"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

[ "$WITH_DATA" = 1 ] || exit 0

RELAIS="$ROOT/build/relais"
mkdir -p var
echo "== Importing communes"
"$RELAIS" import communes \
  --decoupage node_modules/@etalab/decoupage-administratif/data \
  --laposte data/territoires/laposte_hexasmal_2020.csv

echo "== Importing the default places (npm @gouvfr-anct/cartographie-nationale 5.22.0)"
"$RELAIS" import lieux node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json --source Hinaura

if [ -n "$OPEN_DATA" ] && [ -d "$OPEN_DATA/lieux" ]; then
  echo "== Importing the open-data folder $OPEN_DATA/lieux"
  for f in "$OPEN_DATA"/lieux/cartonat_v0.1_*.json; do
    case "$f" in *hinaura*) continue ;; esac   # same file as the npm default
    "$RELAIS" import lieux "$f" || echo "   (reported problems in $f, see above)"
  done
fi

echo "== Deduplicating"
"$RELAIS" dedupe

if [ -n "$OPEN_DATA" ] && [ -d "$OPEN_DATA/indicateurs" ]; then
  echo "== Importing the territory indicators of $OPEN_DATA/indicateurs (official IFN 2023, ARCEP, INSEE via Data for Good)"
  M=data/indicateurs/mappings
  I="$OPEN_DATA/indicateurs"
  for pair in "ifn_communes_2023-08.csv ifn_officiel_communes_2023" "ifn_epci_2023-08.csv ifn_officiel_epci_2023" \
              "arcep_commune-debit-beta_2019-09.csv arcep_debit_communes" \
              "d4g_batch8_indicateurs_communes_merge_2020.csv d4g_indicateurs_communes_2020" \
              "d4g_batch8_taux_couverture_mobile_2020.csv d4g_couverture_mobile_2020"; do
    set -- $pair
    [ -f "$I/$1" ] && { "$RELAIS" -q import indicateurs "$I/$1" --mapping "$M/$2.json" || echo "   (problems in $1, see above)"; }
  done
  echo "== Computing Relais' own IFN v3 (tout âge) from those indicators: relais indice calculer (docs/index.md)"
  "$RELAIS" -q indice calculer --definition data/indicateurs/indices/ifn_v3_tout_age.json \
    || echo "   (IFN v3 not computed: an input above is missing)"
fi

if [ -n "$OPEN_DATA" ] && [ -d "$OPEN_DATA/contours" ]; then
  echo "== Importing the contours of communes, départements and régions of $OPEN_DATA/contours (IGN Admin Express 2018 via gregoiredavid/france-geojson)"
  for pair in "communes_2018_gregoiredavid_merged-from-departements.geojson commune" \
              "departements_avec-outre-mer_2018_gregoiredavid.geojson departement" \
              "regions_simplifie_2018_gregoiredavid.geojson region"; do
    set -- $pair
    [ -f "$OPEN_DATA/contours/$1" ] && { "$RELAIS" -q import contours "$OPEN_DATA/contours/$1" --niveau "$2" || echo "   (problems in $1, see above)"; }
  done
fi

if [ -n "$OPEN_DATA" ] && [ -d "$OPEN_DATA/indicateurs" ]; then
  echo "== A territorial diagnosis of the Rhône, written to var/diagnostic-69/ (rapport.html, communes.csv, communes.geojson)"
  "$RELAIS" diagnose --territoire departement:69 --sortie var/diagnostic-69 || echo "   (diagnosis failed, see above)"
fi

echo "== Ready. Places near Lyon offering help with administrative procedures, open now:"
"$RELAIS" search --near 45.76,4.83 --service "Aide aux démarches administratives" --open-now --limit 5
echo "== The same, open or not (each says when it opens or closes):"
"$RELAIS" search --near 45.76,4.83 --service "Aide aux démarches administratives" --limit 5

[ "$WITH_SERVE" = 1 ] || exit 0
echo "== Serving the API on http://${RELAIS_LISTEN:-127.0.0.1}:${RELAIS_PORT:-8080}/api/v1/lieux (Ctrl-C to stop)"
echo "   territory pages: http://127.0.0.1:${RELAIS_PORT:-8080}/territoire/departement/69"
echo "   staff space: http://127.0.0.1:${RELAIS_PORT:-8080}/espace (first account: build/relais compte admin --email you@example.fr)"
echo "   try: curl 'http://127.0.0.1:${RELAIS_PORT:-8080}/api/v1/lieux?near=45.76,4.83&services=Aide+aux+d%C3%A9marches+administratives&open_now=true&limit=3'"
exec "$RELAIS" serve
