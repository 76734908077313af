#!/usr/bin/env bash
# End-to-end test of the `relais` binary on a temporary database with the
# repository's real data: every subcommand, its exit code, and what it stored.
# Usage: cli_test.sh PATH/TO/relais REPO_ROOT
set -uo pipefail
RELAIS=$1
ROOT=$2
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT; echo "work dir $WORK"
. "$ROOT/tests/lib/test_database.sh"   # SQLite file, or a PostgreSQL schema on the suite's second pass
RELAIS_DATABASE_URL=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
export RELAIS_DATABASE_URL
export PYTHONPATH="$ROOT/tests/lib"    # db.py: queries on either backend
SECOND_DB=$(test_database_url "$RELAIS" "$WORK" second) || exit 1
EMPTY_DB=$(test_database_url "$RELAIS" "$WORK" empty) || exit 1
export RELAIS_KEYS_DIR="$WORK/keys"   # never ./var/keys of the build tree
SAMPLE="$ROOT/node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json"
DECOUPAGE="$ROOT/node_modules/@etalab/decoupage-administratif/data"
LAPOSTE="$ROOT/data/territoires/laposte_hexasmal_2020.csv"
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect_rc CODE DESCRIPTION -- COMMAND...
expect_rc() {
  local want=$1 what=$2; shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  [ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$WORK/err" | head -5; }
}
expect_out() {  # expect_out PATTERN DESCRIPTION (grep -E on the last stdout)
  grep -qE "$1" "$WORK/out" || { fail "$2: output lacks /$1/"; head -5 "$WORK/out" | sed 's/^/  | /'; }
}
expect_err() {
  grep -qE "$1" "$WORK/err" || { fail "$2: stderr lacks /$1/"; head -5 "$WORK/err" | sed 's/^/  | /'; }
}
json_check() {  # json_check 'JS expression on `lines` (array of parsed JSON lines)' DESCRIPTION
  local script='const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);'
  script+="if (!($1)) process.exit(1);"
  node -e "$script" "$WORK/out" || fail "$2"
}

[ -f "$SAMPLE" ] || { echo "npm packages missing: run scripts/setup.sh --no-data"; exit 1; }

# --- help and usage ---------------------------------------------------------
expect_rc 0 "help" -- "$RELAIS" --help
expect_out "Exit codes: 0 success; 1 invalid input" "help documents exit codes"
expect_rc 2 "no subcommand" -- "$RELAIS"
expect_rc 2 "unknown option" -- "$RELAIS" search --no-such-option
expect_rc 2 "missing file" -- "$RELAIS" import lieux "$WORK/nope.json"

# --- hours ------------------------------------------------------------------
expect_rc 0 "hours open" -- "$RELAIS" hours 'Mo-Fr 09:00-12:00,14:00-17:00; PH off' --at 2026-11-23T10:00
expect_out "^open since 2026-11-23T09:00\+01:00 until 2026-11-23T12:00\+01:00" "hours open since/until"
expect_rc 0 "hours public holiday" -- "$RELAIS" hours 'Mo-Fr 09:00-12:00; PH off' --at 2026-12-25T10:00
expect_out "^closed" "Christmas is a public holiday"
expect_rc 0 "hours across DST" -- "$RELAIS" hours 'Su 01:00-04:00' --at 2026-10-25T02:30 --json
json_check 'lines[0].open === true && lines[0].until === "2026-10-25T04:00+01:00"' "hours on the autumn DST night"
expect_rc 1 "hours parse error" -- "$RELAIS" hours 'Mo 13:30-19:00,10:00-12:00-14:00' --at 2026-11-23T10:00 --json
json_check 'lines[0].error.position === 26' "hours error position"
expect_rc 2 "hours bad --at" -- "$RELAIS" hours 'Mo 10:00-12:00' --at tomorrow
printf 'Mo-Fr 09:00-12:00\t2026-11-23T10:00\nMo-Fr 09:00-12:00\t2026-11-23T13:00\nMo 25:99\t2026-11-23T10:00\nno tab\n' \
  | "$RELAIS" hours --batch >"$WORK/out"
diff <(printf 'Mo-Fr 09:00-12:00\t2026-11-23T10:00\topen\nMo-Fr 09:00-12:00\t2026-11-23T13:00\tclosed\nMo 25:99\t2026-11-23T10:00\terror\nno tab\t\terror\n') "$WORK/out" >/dev/null \
  || { fail "hours --batch output"; cat -A "$WORK/out" | head; }

# --- validate ---------------------------------------------------------------
expect_rc 1 "validate the npm sample (it holds one error)" -- "$RELAIS" validate "$SAMPLE" --json
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (!(r.counts.read===687 && r.counts.errors===1 && r.problems.some(p=>p.severity==="error" && p.field && p.rule))) process.exit(1)' "$WORK/out" \
  || fail "validate JSON report counts and located error"
printf '[{"id":"1","nom":"Sans adresse"' >"$WORK/truncated.json"
expect_rc 1 "validate truncated JSON" -- "$RELAIS" validate "$WORK/truncated.json"
expect_out "truncated.json" "truncated JSON report names the file"

# --- import communes, lieux ---------------------------------------------------
expect_rc 0 "import communes" -- "$RELAIS" -q import communes --decoupage "$DECOUPAGE" --laposte "$LAPOSTE"
expect_err "^3[45][0-9]{3} communes stored" "communes count"
expect_rc 0 "import sample" -- "$RELAIS" import lieux "$SAMPLE" --source Hinaura --report "$WORK/report.json"
expect_err "687 records read, 687 accepted" "sample counts"
expect_err "687 inserted" "sample inserted"
node -e 'const r=require(process.argv[1]); if (!(r[0].counts.read===687 && r[0].problems.length>0 && r[0].problems[0].file)) process.exit(1)' "$WORK/report.json" \
  || fail "import report JSON"
expect_rc 0 "import the same file again" -- "$RELAIS" import lieux "$SAMPLE" --source Hinaura
expect_err "nothing changed" "second import changes nothing"

# A strict import of a file with an error is rejected; nothing stored is lost.
cat >"$WORK/bad.csv" <<'CSV'
id,nom,commune,code_postal,adresse,date_maj,pivot,code_insee,latitude,longitude,services
b1,Lieu valide,Lyon,69001,1 rue A,2024-01-01,00000000000000,69381,45.76,4.83,Aide aux démarches administratives
b2,Lieu au code faux,Lyon,6900X,1 rue B,2024-01-01,00000000000000,69381,45.76,4.83,Aide aux démarches administratives
CSV
expect_rc 1 "strict import rejected" -- "$RELAIS" import lieux "$WORK/bad.csv" --source Test --strict
expect_err "file rejected" "strict import says rejected"
expect_rc 0 "default import drops the bad record" -- "$RELAIS" import lieux "$WORK/bad.csv" --source Test
expect_err "1 accepted, 1 records dropped" "bad record dropped"
: >"$WORK/empty.csv"
expect_rc 1 "empty file rejected" -- "$RELAIS" import lieux "$WORK/empty.csv" --source Test
# A BOM and CRLF line ends are tolerated.
printf '\xef\xbb\xbfid,nom,commune,code_postal,adresse,date_maj,pivot\r\nc1,Lieu CRLF,Lyon,69001,1 rue C,2024-01-01,00000000000000\r\n' >"$WORK/bom.csv"
expect_rc 0 "validate a file with BOM and CRLF" -- "$RELAIS" validate "$WORK/bom.csv"
expect_out "1 records read, 1 accepted" "BOM and CRLF file reads one record"
expect_rc 1 "truncated import rejected" -- "$RELAIS" import lieux "$WORK/truncated.json" --source Test
"$RELAIS" -q export lieux --format json --all-records >"$WORK/out" 2>/dev/null
node -e 'const a=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (a.length!==688) {console.log(a.length); process.exit(1)}' "$WORK/out" \
  || fail "after rejected imports the store still holds 688 places"

# --- dedupe, search, export -------------------------------------------------------
expect_rc 0 "dedupe" -- "$RELAIS" dedupe --report "$WORK/pairs.csv"
expect_err "places after merging" "dedupe summary"
head -1 "$WORK/pairs.csv" | grep -q '^Score;Typologie 1;Typologie 2;Score Nom' || fail "pair report header"

expect_rc 0 "search near Lyon" -- "$RELAIS" search --near 45.76,4.83 --service "Aide aux démarches administratives" \
  --open-at 2026-11-24T10:00 --limit 5 --json
json_check 'lines.length === 5 && lines.every(l => l.id && typeof l.distance_metres === "number" && l.open === true
  && l.matched.services[0] === "Aide aux démarches administratives")
  && lines.every((l, i) => i === 0 || lines[i-1].distance_metres <= l.distance_metres)' "search results sorted, open, matched"
expect_rc 0 "search near a commune by name, folded label" -- "$RELAIS" search --commune Villeurbanne \
  --service "aide aux demarches administratives" --radius 3km --json
json_check 'lines.length > 0 && lines.every(l => l.distance_metres <= 3000)' "search radius"
expect_rc 0 "search in a territory" -- "$RELAIS" search --territoire commune:69123 --limit 1000 --json
json_check 'lines.length >= 5 && lines.every(l => l.code_insee === "69123" || l.code_insee.startsWith("6938"))' "Lyon contains its arrondissements"
expect_rc 2 "search unknown service" -- "$RELAIS" search --service "Cours de cuisine"
expect_err "unknown value" "unknown service is explained"
expect_rc 2 "search bad point" -- "$RELAIS" search --near 91,4
RELAIS_NOW=2026-11-24T10:00 expect_rc 0 "search open now (fixed clock)" -- "$RELAIS" search --near 45.76,4.83 --open-now --json
json_check 'lines.length === 20 && lines.every(l => l.open === true)' "open now"

expect_rc 0 "export csv of département 69" -- "$RELAIS" -q export lieux --format csv --territoire departement:69 -o "$WORK/69.csv"
[ "$(head -1 "$WORK/69.csv" | tr ',' '\n' | wc -l)" = 32 ] || fail "export CSV has the 32 columns"
# Round trip: import the export into a fresh database, export again, same bytes.
RELAIS_DATABASE_URL="$SECOND_DB" "$RELAIS" -q import lieux "$WORK/69.csv" >/dev/null 2>&1 \
  || fail "re-import of the export"
RELAIS_DATABASE_URL="$SECOND_DB" "$RELAIS" -q export lieux --format csv -o "$WORK/69-again.csv" \
  || fail "export of the re-import"
cmp -s "$WORK/69.csv" "$WORK/69-again.csv" || fail "export -> import -> export is not identical"
expect_rc 0 "export geojson" -- "$RELAIS" -q export lieux --format geojson
node -e 'const g=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if (!(g.type==="FeatureCollection" && g.features.length>600)) process.exit(1)' "$WORK/out" \
  || fail "geojson export"
expect_rc 2 "export bad territory" -- "$RELAIS" export lieux --territoire pays:FR

# --- import indicateurs -------------------------------------------------------
MAPPINGS="$ROOT/data/indicateurs/mappings"
printf 'Une note avant l en-tête\ncode_insee;nom;nbr;elig_thd30;elig_thd100;elig_thd1g\n69266;Villeurbanne;200;50;50;50\n01091;Châtillon;10;;5;5\n01033;Bellegarde;4;0;0;4\n13001;Aix;0;0;0;0\n99999;Nulle part;5;1;1;1\n' >"$WORK/arcep.csv"
expect_rc 0 "import indicateurs" -- "$RELAIS" import indicateurs "$WORK/arcep.csv" --mapping "$MAPPINGS/arcep_debit_communes.json"
expect_err "5 rows read, 3 territories stored as \"arcep_debit_communes\" \(1 indicators, 1 values missing\)" "indicators counts"
expect_err "arcep.csv:7 code=\"99999\" indicators.unknown_commune" "unknown commune located"
expect_err "former communes merged into 01033" "former commune codes put on today's commune"
indicator_rows() {
  python3 -c 'import db,sys; c=db.connect(sys.argv[1]); print(";".join(f"{r[0]}={None if r[1] is None else float(r[1])}" for r in c.execute("SELECT code, value FROM indicator_values ORDER BY code")))' "$RELAIS_DATABASE_URL"
}
stored="$(indicator_rows)"
[ "$stored" = "01033=0.0;13001=None;69266=25.0" ] || fail "indicator values stored: $stored (0 premises is missing, not 0 %)"
printf 'note\ncode_insee;nbr\n69266;10\n' >"$WORK/bad.csv"
expect_rc 1 "import indicateurs: file not matching its mapping" -- "$RELAIS" import indicateurs "$WORK/bad.csv" --mapping "$MAPPINGS/arcep_debit_communes.json"
expect_err "column \"elig_thd30\" \(indicator no_thd_coverage_rate\) is not in the header" "missing column explained"
[ "$(indicator_rows)" = "$stored" ] || fail "a rejected indicator file changed the stored set"
echo '{"source": "s"}' >"$WORK/bad-mapping.json"
expect_rc 2 "import indicateurs: bad mapping" -- "$RELAIS" import indicateurs "$WORK/arcep.csv" --mapping "$WORK/bad-mapping.json"
expect_err "bad-mapping.json: date: missing" "bad mapping explained"

# --- diagnose -------------------------------------------------------------------
expect_rc 0 "diagnose a département" -- "$RELAIS" diagnose --territoire departement:69 \
  --indice arcep_debit_communes:no_thd_coverage_rate --fragile 20 --semaine 2026-11-30 --csv "$WORK/diag.csv"
expect_out "^Territoire departement:69 : 2[0-9]{2} communes, [0-9]+ habitants, [0-9]+ communes avec au moins un lieu" "diagnose summary"
expect_out "^Indice : arcep_debit_communes:no_thd_coverage_rate \(1 communes sur 2[0-9]{2}\)" "diagnose index coverage (only Villeurbanne has a value in the 69)"
grep -q '^69266,Villeurbanne,[0-9]*,25.00,[1-9]' "$WORK/diag.csv" || fail "diagnose CSV: Villeurbanne with its index and places"
[ "$(wc -l <"$WORK/diag.csv")" -gt 200 ] || fail "diagnose CSV has one row per commune"
expect_rc 2 "diagnose: bad territory" -- "$RELAIS" diagnose --territoire pays:FR
expect_rc 2 "diagnose: unknown index" -- "$RELAIS" diagnose --territoire departement:69 --indice nope:x
expect_err "no such indicator set" "unknown index explained"

# --- plan -------------------------------------------------------------------------
IFN="$ROOT/../shared/data/indicateurs/ifn_communes_2023-08.csv"
if [ -f "$IFN" ]; then
  expect_rc 0 "import the official IFN" -- "$RELAIS" -q import indicateurs "$IFN" --mapping "$MAPPINGS/ifn_officiel_communes_2023.json"
  expect_rc 0 "plan 3 sites in the Rhône" -- "$RELAIS" plan --territoire departement:69 --k 3 --rayon 10 --exact
  expect_out "^Proposition \(3 sites au plus" "plan proposal"
  expect_out "^Borne supérieure \(relaxation lagrangienne\)" "plan Lagrangian bound"
  gap="$(sed -n 's/.*écart de la proposition : \([0-9.]*\) %.*/\1/p' "$WORK/out")"
  awk -v g="$gap" 'BEGIN { exit !(g != "" && g < 1) }' || fail "plan gap to CBC under 1 % (got '$gap')"
  expect_rc 0 "plan a mobile bus of 4 half-days" -- "$RELAIS" plan --territoire departement:69 --bus 4 --rayon 10
  expect_out "^Bus itinérant : 4 arrêts, 4 demi-journées par semaine" "bus summary"
  expect_out "^  lundi +matin : 69[0-9]{3} .* ; après-midi : 69[0-9]{3} .* km \(dépôt → arrêts → dépôt\)" "bus Monday"
  expect_out "^  Total : [0-9.]+ km par semaine" "bus weekly total"
  expect_rc 2 "plan: more sites than the bus has half-days" -- "$RELAIS" plan --territoire departement:69 --bus 2 --k 3
else
  echo "skip plan checks: $IFN absent"
fi
expect_rc 2 "plan: unknown service" -- "$RELAIS" plan --territoire departement:69 --service Cuisine
expect_err "not a service of the standard" "unknown service explained"

# --- indice (index engine, docs/index.md) ------------------------------------------
# Small synthetic inputs imported with the shipped mappings; the arcep set above
# holds 01033 = 0 and 69266 = 25 (13001 missing). Expected classes by hand:
# THD 01033 5, 69266 10; mobile non-coverage 0/0/20/50 -> 69266 4, 69381 4, 69382 8, 01033 10;
# poverty 69266 10, 01033 5; 65+ 15/20/25/30 -> 69266 3, 69381 5, 01033 8, 69382 10;
# diploma 25/30/35/40 -> 69381 3, 69266 5, 69382 8, 01033 10.
INDICES="$ROOT/data/indicateurs/indices"
printf 'CODE_INSEE,TX_POVERTY,TX_NSCOL15P,TX_MENSEUL,TX_FAMMONO,TX_65ETPLUS,TX_25ETMOINS,TX_DEMANDEUR_EMPLOIS\n69266,20,30,40,10,15,12,\n69381,,25,45,11,20,10,\n69382,,35,44,12,30,11,\n01033,5,40,30,8,25,9,\n' >"$WORK/d4g.csv"
printf 'CODE_INSEE,COUVERTURE_MOBILE\n69266,1\n01033,0.5\n69381,1\n69382,0.8\n' >"$WORK/mobile.csv"
expect_rc 0 "import d4g indicators" -- "$RELAIS" -q import indicateurs "$WORK/d4g.csv" --mapping "$MAPPINGS/d4g_indicateurs_communes_2020.json"
expect_rc 0 "import mobile coverage" -- "$RELAIS" -q import indicateurs "$WORK/mobile.csv" --mapping "$MAPPINGS/d4g_couverture_mobile_2020.json"
expect_rc 0 "indice calculer v3" -- "$RELAIS" indice calculer --definition "$INDICES/ifn_v3_tout_age.json"
expect_out "^Indice « IFN v3 tout âge » .*, 2 avec un total \(au moins 4 composantes présentes\)" "index summary"
expect_out "poverty_rate ← d4g_indicateurs_communes_2020:poverty_rate : 2 avec valeur" "index summary per input"
expect_out "^Enregistré : ifn_v3_tout_age \(.*ifn_v3_tout_age_epci .*ifn_v3_tout_age_region" "index sets named"
index_value() {  # index_value SET INDICATOR CODE -> value or None
  python3 -c 'import db,sys; c=db.connect(sys.argv[1]); r=c.execute("SELECT v.value FROM indicator_values v JOIN indicator_sets s ON s.id=v.set_id WHERE s.name=? AND v.indicator=? AND v.code=?", sys.argv[2:5]).fetchone(); print("absent" if r is None else (round(float(r[0]),6) if r[0] is not None else None))' \
    "$RELAIS_DATABASE_URL" "$@"
}
[ "$(index_value ifn_v3_tout_age total 69266)" = "6.4" ] || fail "v3 total of 69266 = (10+4+10+3+5)/5, got $(index_value ifn_v3_tout_age total 69266)"
[ "$(index_value ifn_v3_tout_age total 01033)" = "7.6" ] || fail "v3 total of 01033 = (5+10+5+8+10)/5, got $(index_value ifn_v3_tout_age total 01033)"
[ "$(index_value ifn_v3_tout_age total 69381)" = "None" ] || fail "69381 has 3 scores of 5: no total (stored as NULL, not 0)"
[ "$(index_value ifn_v3_tout_age no_thd_coverage_rate 13001)" = "None" ] || fail "a missing input stays missing"
[ "$(index_value ifn_v3_tout_age_departement total 01)" = "7.6" ] || fail "département 01 = its only valued commune"
python3 - "$RELAIS_DATABASE_URL" <<'PY' || fail "index provenance (source, oldest input date, level)"
import db, sys
c = db.connect(sys.argv[1])
source, date, level = c.execute("SELECT source, data_date, level FROM indicator_sets WHERE name='ifn_v3_tout_age_epci'").fetchone()
assert "IFN v3 tout_age" in source and "calculé le" in source and "arcep_debit_communes (2019-09-30)" in source, source
assert date == "2019-09-30" and level == "epci", (date, level)
PY
expect_rc 0 "diagnose with the computed index" -- "$RELAIS" diagnose --territoire departement:69 --indice ifn_v3_tout_age:total --semaine 2026-11-30
expect_out "^Indice : ifn_v3_tout_age:total \([1-9][0-9]* communes sur" "diagnose reads the computed total"
# A user-defined index under another name: THD weighted 2, at least 2 of 3. Lyon
# (69123) = its arrondissements weighted by population: 69381 (5+3)/2, 69382 (10+8)/2.
expect_rc 0 "indice calculer custom --nom" -- "$RELAIS" indice calculer --definition "$INDICES/exemple_personnalise.json" --nom essai
[ "$(index_value essai total 69266)" = "7.0" ] || fail "custom total of 69266 = (2×10+3+5)/4, got $(index_value essai total 69266)"
python3 - "$RELAIS_DATABASE_URL" <<'PY' || fail "Lyon's value is its arrondissements' population-weighted mean"
import db, sys
c = db.connect(sys.argv[1])
pop = dict(c.execute("SELECT code_insee, population FROM communes WHERE code_insee IN ('69381','69382')").fetchall())
want = (pop["69381"] * 4 + pop["69382"] * 9) / (pop["69381"] + pop["69382"])
got = c.execute("SELECT v.value FROM indicator_values v JOIN indicator_sets s ON s.id=v.set_id WHERE s.name='essai' AND v.indicator='total' AND v.code='69123'").fetchone()[0]
assert abs(got - want) < 1e-9, (got, want)
PY
expect_rc 0 "indice lister" -- "$RELAIS" indice lister
expect_out "^essai_region — niveau region" "list shows the computed sets"
expect_out "essai:total" "list shows SET:INDICATOR"
printf '{"name": "x", "generation": "v3", "method": "classes", "indicators": [{"name": "a", "input": "nope:a", "weight": 0}]}' >"$WORK/bad-index.json"
expect_rc 2 "indice calculer: bad definition" -- "$RELAIS" indice calculer --definition "$WORK/bad-index.json"
expect_err "bad-index.json: indicators\[0\]\.weight: must be a number above 0" "bad definition located"
printf '{"name": "x", "generation": "v3", "method": "classes", "indicators": [{"name": "a", "input": "nope:a"}]}' >"$WORK/missing-input.json"
expect_rc 2 "indice calculer: input not imported" -- "$RELAIS" indice calculer --definition "$WORK/missing-input.json"
expect_err "nope:a \(ensemble absent\)" "missing input named"
[ "$(index_value x total 69266)" = "absent" ] || fail "a failed computation stored nothing"
expect_rc 2 "indice calculer: --nom of an input set" -- "$RELAIS" indice calculer --definition "$INDICES/ifn_v3_tout_age.json" --nom arcep_debit_communes
expect_err "est une entrée de l'indice" "overwriting an input refused"

# --- import contours ----------------------------------------------------------
sq() { awk -v la="$1" -v lo="$2" 'BEGIN { printf "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]", lo, la, lo+0.01, la, lo+0.01, la+0.01, lo, la }'; }
feature() { printf '{"type":"Feature","properties":{"code":"%s","nom":"%s"},"geometry":{"type":"Polygon","coordinates":%s}}' "$1" "$2" "$(sq "$3" "$4")"; }
printf '{"type":"FeatureCollection","features":[%s,%s,%s,%s]}' "$(feature 01033 Bellegarde 46.1 5.8)" \
  "$(feature 01091 Châtillon 46.14 5.8)" "$(feature 99999 Nulle 45 4)" "$(feature 69123 Lyon 45.75 4.83)" >"$WORK/communes.geojson"
expect_rc 2 "import contours before communes" -- env RELAIS_DATABASE_URL="$EMPTY_DB" "$RELAIS" import contours "$WORK/communes.geojson"
expect_err "lancez d'abord .relais import communes" "contours need communes first"
expect_rc 0 "import contours" -- "$RELAIS" import contours "$WORK/communes.geojson"
expect_err "4 entités lues, 2 contours de niveau commune \(deviné d'après « code »\) enregistrés" "contours counts"
expect_err "communes.geojson entité 2 properties.code=\"99999\" contours.unknown_code" "unknown contour code located"
expect_err "01091\" contours.former_commune: former commune: its polygons are added to 01033" "former commune joined"
expect_err "3[45][0-9]{3} territoires d'aujourd'hui sans contour" "communes without contour counted"
contour_rows() {
  python3 -c 'import db,sys; c=db.connect(sys.argv[1]); print(";".join(f"{r[0]}:{r[1]}:{r[2]}" for r in c.execute("SELECT level, code, name FROM contours ORDER BY level, code")))' "$RELAIS_DATABASE_URL"
}
stored="$(contour_rows)"
[ "$stored" = "commune:01033:Valserhône;commune:69123:Lyon" ] || fail "contours stored: $stored"
echo '{"type":"FeatureCollection","features":[' >"$WORK/broken.geojson"
expect_rc 1 "import contours: broken file" -- "$RELAIS" import contours "$WORK/broken.geojson"
expect_err "fichier refusé, rien n'est enregistré" "broken contours file refused"
[ "$(contour_rows)" = "$stored" ] || fail "a refused contours file changed the stored contours"
expect_rc 2 "import contours: bad level" -- "$RELAIS" import contours "$WORK/communes.geojson" --niveau canton
DEPARTEMENTS="$ROOT/../shared/data/contours/departements_avec-outre-mer_2018_gregoiredavid.geojson"
if [ -f "$DEPARTEMENTS" ]; then
  expect_rc 0 "import real département contours" -- "$RELAIS" import contours "$DEPARTEMENTS"
  expect_err "101 entités lues, 101 contours de niveau departement" "101 départements"
  [ "$(python3 -c 'import db,sys; print(db.connect(sys.argv[1]).execute("SELECT name FROM contours WHERE level = ? AND code = ?", ("departement", "69")).fetchone()[0])' "$RELAIS_DATABASE_URL")" = "Rhône" ] \
    || fail "Rhône contour stored"
else
  echo "skip real contours: $DEPARTEMENTS absent"
fi

# --- IRIS-level indicators: kept as IRIS for the index engine ---------------------
printf '{"source": "INSEE (test)", "date": "2019", "level": "iris", "code": "IRIS", "indicators": {"pop": {"column": "P19_POP"}, "older_65_rate": {"column": "TX65"}}}' >"$WORK/iris.json"
printf 'IRIS;P19_POP;TX65\n692660101;1000;10\n692660102;3000;30\n010910000;500;20\n999990000;1;1\n69266;2;2\n' | tr ';' ',' >"$WORK/iris.csv"
expect_rc 0 "import IRIS indicators" -- "$RELAIS" import indicateurs "$WORK/iris.csv" --mapping "$WORK/iris.json" --name iris_test
expect_err "4 rows read, 2 territories stored as \"iris_test\"" "IRIS rows kept"
expect_err "iris.csv:4 code=\"010910000\" indicators.former_commune_iris" "former commune's IRIS located"
expect_err "iris.csv:5 code=\"999990000\" indicators.unknown_commune" "unknown IRIS located"
expect_err "iris.csv:6 IRIS=\"69266\" indicators.code" "a commune code in an IRIS file is refused"
[ "$(python3 -c 'import db,sys; print(db.connect(sys.argv[1]).execute("SELECT level FROM indicator_sets WHERE name=?", ("iris_test",)).fetchone()[0])' "$RELAIS_DATABASE_URL")" = "iris" ] \
  || fail "IRIS set stored with level iris"

# --- diagnose --sortie: the report for élus ---------------------------------------
# Four rows of the official IFN 2023 (as published): Aigueperse is 24 km from
# any place, so the proposal has a site to place.
printf 'name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total\nAffoux,city,69001,8.0,10.0,9.0,1.0,3.0,6.2\nAigueperse,city,69002,9.0,10.0,9.0,9.0,9.0,9.2\nAlbigny-sur-Saône,city,69003,1.0,5.0,3.0,8.0,2.0,3.8\nAlix,city,69004,4.0,5.0,9.0,8.0,3.0,5.8\n' >"$WORK/ifn.csv"
expect_rc 0 "import official IFN rows" -- "$RELAIS" -q import indicateurs "$WORK/ifn.csv" --mapping "$MAPPINGS/ifn_officiel_communes_2023.json"
expect_rc 0 "diagnose --sortie" -- "$RELAIS" diagnose --territoire departement:69 --sortie "$WORK/rapport-69" \
  --semaine 2026-11-30 --sites 3 --decoupage "$ROOT/node_modules/@etalab/decoupage-administratif/data"
expect_out "^Rapport écrit dans .*rapport-69 : rapport.html, communes.csv, communes.geojson" "report files announced"
expect_out "^Proposition : [1-3] nouveaux? sites? « Aide aux démarches administratives » à 10 km" "planning proposal printed"
expect_out "^   1\. 690[0-9]{2} .* — [1-9][0-9]* hab\. nouvellement à portée" "first proposed site"
for f in rapport.html communes.csv communes.geojson; do
  [ -s "$WORK/rapport-69/$f" ] || fail "diagnose --sortie: $f missing"
done
for section in 'id="chiffres"' 'id="carte-indice"' 'id="besoins"' 'id="proposition"' 'id="sources"' '<style>' 'Diagnostic numérique : Rhône'; do
  grep -q "$section" "$WORK/rapport-69/rapport.html" || fail "rapport.html lacks $section"
done
grep -q '<link\|<script' "$WORK/rapport-69/rapport.html" && fail "rapport.html is not self-contained"
python3 - "$WORK/rapport-69/communes.geojson" "$WORK/rapport-69/communes.csv" <<'PY' || fail "communes.geojson does not match communes.csv"
import csv, json, sys
features = json.load(open(sys.argv[1]))["features"]
communes = [f for f in features if f["properties"]["couche"] == "commune"]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert len(communes) == len(rows) > 200, (len(communes), len(rows))
assert 1 <= sum(1 for f in features if f["properties"]["couche"] == "proposition") <= 3
assert any(f["geometry"]["type"] == "MultiPolygon" for f in communes), "Lyon's imported contour"
assert all(f["properties"]["indice"] is None or 0 <= f["properties"]["indice"] <= 10 for f in communes)
PY
if command -v chromium >/dev/null && command -v pdfinfo >/dev/null; then
  expect_rc 0 "diagnose --pdf" -- "$RELAIS" diagnose --territoire departement:69 --sortie "$WORK/rapport-pdf" --pdf \
    --semaine 2026-11-30 --decoupage "$ROOT/node_modules/@etalab/decoupage-administratif/data"
  pages="$(pdfinfo "$WORK/rapport-pdf/rapport.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
  [ -n "$pages" ] && [ "$pages" -ge 2 ] && [ "$pages" -le 12 ] || fail "rapport.pdf: $pages pages"
  pdfinfo "$WORK/rapport-pdf/rapport.pdf" | grep -q "^Page size:.*(A4)" || fail "rapport.pdf is not A4"
else
  echo "skip diagnose --pdf: chromium or pdfinfo absent"
fi
expect_rc 2 "diagnose --pdf without --sortie" -- "$RELAIS" diagnose --territoire departement:69 --pdf
expect_rc 2 "diagnose: unknown service" -- "$RELAIS" diagnose --territoire departement:69 --sortie "$WORK/x" --service Cuisine

# --- staff accounts, structures, retention, journal (issue 5) ---------------------
expect_rc 0 "structure creer" -- "$RELAIS" structure creer --nom "Centre social des Buers" --type centre_social \
  --commune 69266 --siret 12345678900015 --adresse "12 rue Léon Blum"
expect_out "^[0-9]+$" "structure creer prints the id"
SID=$(tr -dc 0-9 <"$WORK/out")
expect_rc 1 "structure creer: unknown commune" -- "$RELAIS" structure creer --nom X --type association --commune 99999
expect_err "commune" "unknown commune is named"
expect_rc 1 "structure creer: same SIRET" -- "$RELAIS" structure creer --nom Y --type association --commune 69266 \
  --siret 12345678900015
expect_rc 2 "structure creer: unknown type" -- "$RELAIS" structure creer --nom Z --type cuisine --commune 69266
PLACE=$(python3 -c "import db,sys; print(':'.join(db.connect(sys.argv[1]).execute('SELECT source, id FROM places ORDER BY id LIMIT 1').fetchone()))" "$RELAIS_DATABASE_URL")
expect_rc 0 "structure rattacher" -- "$RELAIS" structure rattacher --structure "$SID" --lieu "$PLACE"
expect_rc 1 "structure rattacher: unknown place" -- "$RELAIS" structure rattacher --structure "$SID" --lieu Hinaura:nope
expect_rc 2 "structure rattacher: not SOURCE:ID" -- "$RELAIS" structure rattacher --structure "$SID" --lieu nope
expect_rc 0 "structure lister --json" -- "$RELAIS" structure lister --json
node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!(s.length === 1 && s[0].status === "validee" && s[0].places.length === 1 && s[0].commune === "Villeurbanne")) process.exit(1);' \
  "$WORK/out" || fail "structure lister: one validated structure with its place"
RELAIS_PUBLIC_URL=https://relais.ville.example expect_rc 0 "compte inviter" -- \
  "$RELAIS" compte inviter --structure "$SID" --email Referente@Buers.example --role referent
expect_out "^https://relais.ville.example/espace/invitation/[A-Za-z0-9_-]{40,}$" "the invitation link names the public origin"
expect_rc 2 "compte inviter: unknown role" -- "$RELAIS" compte inviter --structure "$SID" --email a@b.example --role chef
expect_rc 1 "compte inviter: bad address" -- "$RELAIS" compte inviter --structure "$SID" --email pas-une-adresse
expect_rc 0 "compte admin" -- "$RELAIS" compte admin --email admin@ville.example
expect_out "/espace/invitation/" "admin invitation link"
expect_rc 0 "compte coordinateur" -- "$RELAIS" compte coordinateur --email coord@ville.example --territoire departement:69
expect_out "/espace/invitation/" "a new coordinateur gets an invitation link"
expect_rc 2 "compte coordinateur: bad territory" -- "$RELAIS" compte coordinateur --email c@x.example --territoire 69
expect_rc 0 "compte lister --json" -- "$RELAIS" compte lister --json
node -e 'const u = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = u.find(x => x.email === "coord@ville.example");
  if (!(c && c.status === "invite" && c.territories[0] === "departement:69" && !c.second_factor)) process.exit(1);' \
  "$WORK/out" || fail "compte lister: the coordinateur, waiting, with its territory"
expect_rc 0 "export lieux is journalled" -- "$RELAIS" -q export lieux --format json -o "$WORK/journalled.json"
expect_rc 0 "maintenance --dry-run" -- "$RELAIS" maintenance --dry-run --json
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!(r.dry_run === true && r.sessions_deleted === null && r.journal_sealed_tree_size === null)) process.exit(1);' \
  "$WORK/out" || fail "maintenance --dry-run changes nothing"
expect_rc 0 "maintenance" -- "$RELAIS" maintenance --json
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!(r.dry_run === false && r.sessions_deleted === 0 && r.journal_sealed_tree_size > 0 && r.smtp === false)) process.exit(1);' \
  "$WORK/out" || fail "maintenance runs and seals the journal"
expect_rc 0 "journal verify" -- "$RELAIS" journal verify
expect_rc 0 "journal show --json" -- "$RELAIS" journal show --json --limit 1000
for action in structure_creee lieu_rattache invitation_envoyee export maintenance_conservation; do
  grep -q "\"$action\"" "$WORK/out" || fail "the journal has no $action entry"
done
grep -q "Referente@Buers.example\|referente@buers.example" "$WORK/out" && fail "journal show printed personal data without --personal"
[ "$(stat -c %a "$WORK/keys")" = 700 ] || fail "the keys folder is not 0700"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI checks passed"
