#!/usr/bin/env bash
# Diagnosis benchmark (issue 4, "Index and coverage for all ~35,000 communes
# against all places: under 200 ms end to end on one core"): Relais in
# process (relais_diagnosis_bench) against the same computation written
# plainly in Python/pandas (diagnosis_pandas.py) and in SQL on PostGIS
# (diagnosis_postgis_*.sql), in this one run, on the same inputs; the three
# results are compared (diagnosis_compare.py) and the script fails if they
# differ. Method: bench/diagnosis/README.md.
#   1. builds a throwaway database like scripts/setup.sh: communes
#      (decoupage-administratif + La Poste), the four real place files of
#      ../shared/data/lieux, dedupe, the raw indicators (ARCEP, Data for Good
#      mobile and INSEE) with data/indicateurs/mappings;
#   2. relais_diagnosis_bench loads it, exports the inputs of the other two
#      sides (communes.csv, places.csv) and times its own computation;
#   3. pandas on those CSV files, then PostGIS on a throwaway cluster (temp
#      dir, Unix socket only, parallel query off, deleted at the end).
# Each side is pinned to one CPU (taskset; the PostgreSQL server too).
# Usage: bench/diagnosis/run.sh [build-dir]   (default <repo>/build-bench, Release)
# Environment: RELAIS_BENCH_DIAG_RUNS (Relais and pandas runs, default 20),
# RELAIS_BENCH_DIAG_PG_RUNS (PostGIS runs, default 10),
# RELAIS_BENCH_CPU (the CPU, default the last one; "none" to not pin),
# RELAIS_BENCH_NO_BUILD=1 (use the binaries already in the build dir).
# Installs python3-pandas, python3-numpy, python3-scipy (Debian) when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench}"
runs="${RELAIS_BENCH_DIAG_RUNS:-20}"
pg_runs="${RELAIS_BENCH_DIAG_PG_RUNS:-10}"
definition="$repo/data/indicateurs/indices/ifn_v3_tout_age.json"
shared="$repo/../shared/data"
python=/usr/bin/python3   # Debian's, where the python3-* packages are

if ! "$python" -c 'import pandas, numpy, scipy' 2>/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y python3-pandas python3-numpy python3-scipy >/dev/null
fi
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] ||
  { echo "PostgreSQL 15 + PostGIS 3 missing (scripts/setup.sh --no-data --bench)" >&2; exit 1; }
[ -d "$shared/lieux" ] && [ -d "$shared/indicateurs" ] || { echo "$shared (real places and indicators) missing" >&2; exit 1; }

[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
[ "${RELAIS_BENCH_NO_BUILD:-0}" = 1 ] || cmake --build "$build" --target relais relais_diagnosis_bench -j2 >/dev/null

pin=""
ncpu="$(nproc)"
cpu="${RELAIS_BENCH_CPU:-$((ncpu - 1))}"
if [ "$cpu" != none ] && command -v taskset >/dev/null; then pin="taskset -c $cpu"; fi

tmp="$(mktemp -d /tmp/relais-diagnosis-bench.XXXXXX)"
chmod 755 "$tmp"
as_pg=""
[ "$(id -u)" = 0 ] && as_pg="runuser -u postgres --"
cleanup() {
  if [ -d "$tmp/data" ]; then (cd "$tmp" && $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m fast stop >/dev/null 2>&1) || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The database, like scripts/setup.sh (and bench/planning/run.sh).
db="$tmp/relais.db"
relais="$build/relais"
"$relais" --db "$db" -q import communes --decoupage "$repo/node_modules/@etalab/decoupage-administratif/data" \
  --laposte "$repo/data/territoires/laposte_hexasmal_2020.csv" >/dev/null 2>&1
for f in "$shared"/lieux/cartonat_v0.1_*.json; do
  "$relais" --db "$db" -q import lieux "$f" >/dev/null 2>&1 || true  # reported problems are kept out
done
"$relais" --db "$db" -q dedupe >/dev/null
for pair in "arcep_commune-debit-beta_2019-09.csv arcep_debit_communes" \
            "d4g_batch8_indicateurs_communes_merge_2020.csv d4g_indicateurs_communes_2020" \
            "d4g_batch8_taux_couverture_mobile_2020.csv d4g_couverture_mobile_2020"; do
  set -- $pair
  "$relais" --db "$db" -q import indicateurs "$shared/indicateurs/$1" \
    --mapping "$repo/data/indicateurs/mappings/$2.json" >/dev/null 2>&1
done

out="$repo/bench/out/diagnosis"
mkdir -p "$out" "$tmp/in"
chmod 755 "$tmp/in"
echo "machine: $ncpu CPUs, pinned to CPU ${cpu}, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 2. Relais (and the export of the inputs).
$pin "$build/bench/diagnosis/relais_diagnosis_bench" "$db" --runs "$runs" --export "$tmp/in" --out "$out" \
  --definition "$definition" --breakdown 1 | tee "$tmp/relais.txt"
# The other two sides take the definition's minimum number of classes for a total.
minimum="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["minimum_present"])' "$definition")"
chmod 644 "$tmp"/in/*.csv
echo "inputs: $(($(wc -l <"$tmp/in/communes.csv") - 1)) communes and arrondissements, $(($(wc -l <"$tmp/in/places.csv") - 1)) places with a position"

# 3. pandas.
$pin "$python" "$here/diagnosis_pandas.py" "$tmp/in" --runs "$runs" --out "$out" --minimum-present "$minimum" --breakdown |
  tee "$tmp/pandas.txt"

# 4. PostGIS: throwaway cluster on the same CPU, one worker per query.
[ -n "$as_pg" ] && chown postgres "$tmp"
(cd "$tmp" && $as_pg "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust >/dev/null)
(cd "$tmp" && $pin $as_pg "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/log" -w \
  -o "-c listen_addresses='' -k $tmp -c shared_buffers=256MB -c fsync=off -c max_parallel_workers_per_gather=0" \
  start >/dev/null)
export PGOPTIONS="-c client_min_messages=warning"
psql=(/usr/lib/postgresql/15/bin/psql -X -q -v ON_ERROR_STOP=1 -h "$tmp" -U postgres -d postgres)
start_ns=$(date +%s%N)
"${psql[@]}" -v indir="$tmp/in" -f "$here/diagnosis_postgis_load.sql" >/dev/null
pg_load_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
{
  echo '\timing on'
  for _ in $(seq "$pg_runs"); do echo "\\i $here/diagnosis_postgis_run.sql"; done
  echo '\timing off'
  echo "\\i $here/diagnosis_postgis_results.sql"
} | "${psql[@]}" -v minimum_present="$minimum" -v outdir="$tmp" >"$tmp/postgis.log"
cp "$tmp/postgis_summary.txt" "$tmp/postgis_communes.tsv" "$out/"
versions="$("${psql[@]}" -At -c "SELECT split_part(version(), ' ', 2) || ' postgis=' || postgis_lib_version() || ' jit=' || current_setting('jit') || ' max_parallel_workers_per_gather=' || current_setting('max_parallel_workers_per_gather')")"
# Each run: the sum of its statements' times (\timing, client side).
awk '/^RUN_START/ { t = 0; next } /^Time: / { t += $2; next } /^RUN_END/ { print t }' "$tmp/postgis.log" |
  sort -g >"$tmp/postgis_runs.txt"
n="$(wc -l <"$tmp/postgis_runs.txt")"
[ "$n" -gt 0 ] || { echo "PostGIS: no run timed (see $tmp/postgis.log)" >&2; cat "$tmp/postgis.log" >&2; exit 1; }
# Each statement's median over the runs (drop, classes, totals, offer, ranking, summary).
steps="$(awk '/^RUN_START/ { k = 0; next } /^Time: / { print k++, $2 }' "$tmp/postgis.log" | sort -k1,1n -k2,2g |
  awk '{ v[$1, ++c[$1]] = $2 } END {
    split("drop classes totals offer ranked summary", name, " ")
    for (k = 0; k in c; ++k) { n = c[k]; m = (n % 2) ? v[k, (n + 1) / 2] : (v[k, n / 2] + v[k, n / 2 + 1]) / 2
      printf " %s_ms=%.2f", (k + 1 in name) ? name[k + 1] : "statement" k, m } }')"
{
  echo "RESULT_DIAG side=postgis postgresql=$versions runs=$n load_ms=$pg_load_ms"
  echo "RESULT_DIAG_BREAKDOWN side=postgis$steps"
  awk -v n="$n" '{ v[NR] = $1 } END {
    med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "RESULT_DIAG side=postgis median_ms=%.2f min_ms=%.2f\n", med, v[1] }' "$tmp/postgis_runs.txt"
} | tee "$tmp/postgis.txt"

# 5. Same results on the three sides, or fail.
"$python" "$here/diagnosis_compare.py" "$out" relais pandas postgis

median_of() { sed -n 's/.*RESULT_DIAG side=[a-z]* median_ms=\([0-9.]*\).*/\1/p' "$1"; }
r="$(median_of "$tmp/relais.txt")"; p="$(median_of "$tmp/pandas.txt")"; g="$(median_of "$tmp/postgis.txt")"
awk -v r="$r" -v p="$p" -v g="$g" 'BEGIN {
  printf "RESULT_DIAG_SUMMARY relais_ms=%.1f pandas_ms=%.1f postgis_ms=%.1f pandas_over_relais=%.2f postgis_over_relais=%.2f target_200ms=%s\n",
         r, p, g, p / r, g / r, (r < 200 ? "met" : "not_met") }'
