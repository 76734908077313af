#!/usr/bin/env bash
# Runs every benchmark of bench/ in one go and prints one summary with each
# ratio against its target (bench/README.md):
#   1. installs what the benchmarks compare against if missing
#      (scripts/setup.sh --no-data --bench: PostgreSQL 15 + PostGIS 3, SQLite,
#      node and the npm reference libraries),
#   2. configures a Release build in build-bench/ and builds the bench targets,
#   3. runs bench/hours/run.sh, bench/geo/run.sh (which starts and deletes its
#      own throwaway PostgreSQL + PostGIS cluster, Unix socket only),
#      bench/import/run.sh, bench/server/run.sh (wrk against relais serve on
#      loopback, 1M synthetic places, 5-minute soak) and bench/diagnosis/run.sh
#      (index and coverage of every commune against pandas and PostGIS), one
#      after the other, never in parallel,
#   4. writes the full log to bench/out/latest.log and the summary to
#      bench/out/latest.txt (bench/out/ is not committed).
# Usage: bash bench/run.sh [--setup]   (--setup: run scripts/setup.sh even if nothing is missing)
# Environment: RELAIS_BENCH_BUILD (default <repo>/build-bench), RELAIS_BENCH_JOBS
# (default 2), RELAIS_BENCH_SIZE (synthetic places, default 1000000),
# RELAIS_BENCH_QUERIES (default 2000), RELAIS_BENCH_IMPORT_REPEATS (default 50),
# RELAIS_BENCH_CPU (CPU the geo bench is pinned to, see bench/geo/run.sh),
# RELAIS_BENCH_SOAK_SECONDS (server soak, default 300) and the other
# RELAIS_BENCH_* settings of bench/server/run.sh.
# Works unattended (CI=true) and as root on a fresh Debian 12 machine.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
build="${RELAIS_BENCH_BUILD:-$repo/build-bench}"
jobs="${RELAIS_BENCH_JOBS:-2}"
size="${RELAIS_BENCH_SIZE:-1000000}"
queries="${RELAIS_BENCH_QUERIES:-2000}"
repeats="${RELAIS_BENCH_IMPORT_REPEATS:-50}"
force_setup=0
[ "${1:-}" = --setup ] && force_setup=1
out="$repo/bench/out"
mkdir -p "$out"
log="$out/latest.log"
summary="$out/latest.txt"
: >"$log"
say() { echo "$@" | tee -a "$log"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ---------------------------------------------------------------- 1. setup
missing=()
for f in /usr/lib/postgresql/15/bin/initdb /usr/share/postgresql/15/extension/postgis.control \
         /usr/include/postgresql/libpq-fe.h /usr/include/sqlite3.h \
         node_modules/opening_hours/package.json \
         node_modules/@gouvfr-anct/lieux-de-mediation-numerique/package.json; do
  [ -e "$f" ] || missing+=("$f")
done
for c in cmake c++ node sqlite3 wrk curl; do command -v "$c" >/dev/null || missing+=("$c"); done
if [ ${#missing[@]} -gt 0 ] || [ "$force_setup" = 1 ]; then
  say "== Setup (missing: ${missing[*]:-none}): scripts/setup.sh --no-data --bench"
  bash scripts/setup.sh --no-data --bench 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || { say "setup failed"; exit 1; }
fi

# ---------------------------------------------------------------- 2. build
say "== Release build in $build (-j$jobs)"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >>"$log" 2>&1 ||
  { say "configure failed, see $log"; exit 1; }
declare -A built
for t in relais_hours_bench relais_geo_bench relais_import_bench relais relais_server_bench_data relais_diagnosis_bench; do
  if cmake --build "$build" --target "$t" -j"$jobs" >>"$log" 2>&1; then built[$t]=1
  else built[$t]=0; say "   build of $t FAILED (see $log)"; fi
done

# ---------------------------------------------------------------- 3. runs
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
declare -A status load_before load_after
run_area() {  # area, target, command...
  local area="$1" target="$2"; shift 2
  load_before[$area]="$(loadavg)"
  say ""
  say "== $area: $* (load average $(loadavg))"
  if [ "${built[$target]}" != 1 ]; then status[$area]="not built"; return; fi
  local t0=$SECONDS
  "$@" 2>&1 | tee "$out/$area.txt" | tee -a "$log"
  if [ "${PIPESTATUS[0]}" = 0 ]; then status[$area]="ok"; else status[$area]="FAILED"; fi
  load_after[$area]="$(loadavg)"
  say "== $area: ${status[$area]} in $((SECONDS - t0)) s (load average $(loadavg))"
}
run_area hours relais_hours_bench sh bench/hours/run.sh "$build"
run_area geo relais_geo_bench sh bench/geo/run.sh "$build" "$size" "$queries"
run_area import relais_import_bench sh bench/import/run.sh "$build" "$repeats"
[ "${built[relais]}" = 1 ] || built[relais_server_bench_data]=0
RELAIS_BENCH_SIZE="$size" run_area server relais_server_bench_data bash bench/server/run.sh "$build"
[ "${built[relais]}" = 1 ] || built[relais_diagnosis_bench]=0
RELAIS_BENCH_NO_BUILD=1 run_area diagnosis relais_diagnosis_bench bash bench/diagnosis/run.sh "$build"

# ---------------------------------------------------------------- 4. summary
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {
  if (v == "") { print "n/a"; exit }
  ok = (dir == "min") ? (v + 0 >= t + 0) : (v + 0 < t + 0); print ok ? "MET" : "NOT MET" }'; }
{
  echo "Relais benchmarks, bash bench/run.sh, started $started"
  echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src bench 2>/dev/null || echo ' + uncommitted changes in src/ or bench/')"
  echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(c++ --version | head -1)"
  echo "load average (1/5/15 min) before/after each area: hours ${load_before[hours]:-?} / ${load_after[hours]:-?}; geo ${load_before[geo]:-?} / ${load_after[geo]:-?}; import ${load_before[import]:-?} / ${load_after[import]:-?}; server ${load_before[server]:-?} / ${load_after[server]:-?}; diagnosis ${load_before[diagnosis]:-?} / ${load_after[diagnosis]:-?}"
  echo

  echo "## Opening hours (bench/hours): is_open() vs npm opening_hours getState(), status ${status[hours]}"
  h="$out/hours.txt"
  if [ -f "$h" ]; then
    npm_rate="$(sed -n 's/^npm_evals_per_sec=//p' "$h")"
    cpp_rate="$(sed -n 's/^cpp_evals_per_sec=//p' "$h")"
    ratio="$(sed -n 's/^ratio C++\/npm = \([0-9.]*\)x/\1/p' "$h")"
    printf '  Relais %s evals/s, npm %s evals/s, ratio %sx (target >= 50x): %s\n' \
      "$cpp_rate" "$npm_rate" "$ratio" "$(verdict "$ratio" 50 min)"
  fi
  echo

  echo "## Geosearch (bench/geo): k = 20 nearest with two filters, one core, status ${status[geo]}"
  g="$out/geo.txt"
  if [ -f "$g" ]; then
    printf '  %-10s %-8s %-10s %-8s %9s %9s %9s %9s %8s\n' data places filter engine qps p50_us p99_us "Relais/x" timed
    grep '^RESULT .*engine=' "$g" | awk '{
      for (i = 2; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = kv[2] }
      printf "  %-10s %-8s %-10s %-8s %9s %9s %9s %9s %8s\n", f["data"], f["places"], f["filter"], f["engine"], f["qps"],
             f["p50_us"], f["p99_us"], f["engine"] == "relais" ? "" : f["ratio_relais"] "x", f["timed_queries"] }'
    echo "  targets:"
    grep '^RESULT .*engine=postgis' "$g" | while read -r line; do
      d="$(echo "$line" | sed 's/.*data=\([^ ]*\).*/\1/')"; fl="$(echo "$line" | sed 's/.*filter=\([^ ]*\).*/\1/')"
      r="$(echo "$line" | sed 's/.*ratio_relais=\([^ ]*\).*/\1/')"
      printf '  Relais/PostGIS qps, %s %s: %sx (target >= 20x): %s\n' "$d" "$fl" "$r" "$(verdict "$r" 20 min)"
    done
    grep -q 'engine=postgis' "$g" || echo "  Relais/PostGIS: no PostGIS rows (PostGIS missing?): NOT MEASURED"
    grep '^RESULT data=synthetic .*engine=relais' "$g" | while read -r line; do
      n="$(echo "$line" | sed 's/.*places=\([^ ]*\).*/\1/')"; fl="$(echo "$line" | sed 's/.*filter=\([^ ]*\).*/\1/')"
      p="$(echo "$line" | sed 's/.*p99_us=\([^ ]*\).*/\1/')"
      cpu="$(grep "^RESULT data=synthetic .*filter=$fl relais_cpu" "$g" | sed 's/.*relais_cpu_p99_us=\([^ ]*\).*/\1/')"
      printf '  Relais p99 at %s places, %s: %s us wall, %s us thread CPU (target < 1000 us): %s\n' \
        "$n" "$fl" "$p" "${cpu:-?}" "$(verdict "$p" 1000 max)"
    done
    grep '^RESULT data=synthetic .*memory' "$g" | while read -r line; do
      n="$(echo "$line" | sed 's/.*places=\([^ ]*\).*/\1/')"
      b="$(echo "$line" | sed 's/.*index_bytes=\([^ ]*\).*/\1/')"
      k="$(echo "$line" | sed 's/.*rss_delta_kib=\([^ ]*\).*/\1/')"
      mb="$(awk -v k="$k" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')"
      printf '  Memory, index at %s places: RSS growth %s KiB = %s MB (index arrays %s bytes) (target < 1000 MB): %s\n' \
        "$n" "$k" "$mb" "$b" "$(verdict "$mb" 1000 max)"
    done
  fi
  echo

  echo "## Import (bench/import, being reworked by its owner): status ${status[import]}"
  i="$out/import.txt"
  if [ -f "$i" ]; then
    grep -E '_records_per_sec=|^ratio' "$i" | sed 's/^/  /'
    grep '^ratio' "$i" | while read -r line; do
      r="$(echo "$line" | sed 's/.*= \([0-9.]*\)x$/\1/')"
      printf '  %s (target >= 20x): %s\n' "$(echo "$line" | cut -d= -f1 | sed 's/ *$//')" "$(verdict "$r" 20 min)"
    done
  fi
  echo

  echo "## HTTP server (bench/server): wrk on loopback, /api/v1/lieux?near=...&services=..., status ${status[server]}"
  sv="$out/server.txt"
  if [ -f "$sv" ]; then
    grep '^RESULT_SERVER .*phase=\(measured\|soak\)' "$sv" | awk '{
      for (i = 2; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = kv[2] }
      if (f["status"] == "not_measured") { printf "  %-4s %-9s %-8s not measured (%s)\n", f["area"], f["data"], f["phase"], f["reason"]; delete f; next }
      printf "  %-4s %-9s %-8s places %s: %s req/s, p50 %s ms, p99 %s ms, socket errors %d, non-2xx %s, RSS %s KiB\n", f["area"], f["data"], f["phase"], f["places"], f["rps"], f["p50_ms"], f["p99_ms"],
             f["errors_connect"] + f["errors_read"] + f["errors_write"] + f["errors_timeout"], f["non2xx"], f["rss_kib"]; delete f }'
    grep '^RESULT_COMPARE' "$sv" | sed 's/^RESULT_COMPARE /  real vs synthetic: /'
    echo "  targets (API, 1,000,000 synthetic places, measured run):"
    line="$(grep '^RESULT_SERVER area=api data=synthetic .*phase=measured' "$sv")"
    rps="$(echo "$line" | sed -n 's/.* rps=\([^ ]*\).*/\1/p')"
    p99="$(echo "$line" | sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p')"
    # Socket errors and statuses >= 400 of the measured run (wrk's own counts),
    # plus every non-2xx counted in the warm-up and the soak (the measured run
    # does not count them: bench/server/requests.lua says why).
    errs="$(grep '^RESULT_SERVER area=api data=synthetic .*phase=\(warmup\|measured\|soak\)' "$sv" | awk '
      { for (i = 2; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = kv[2] }
        n += f["errors_connect"] + f["errors_read"] + f["errors_write"] + f["errors_status"] + f["errors_timeout"]
        if (f["non2xx"] != "not_counted") n += f["non2xx"]; delete f }
      END { print n + 0 }')"
    printf '  req/s %s (target >= 20000): %s\n' "$rps" "$(verdict "$rps" 20000 min)"
    printf '  p99 %s ms (target < 10 ms): %s\n' "$p99" "$(verdict "$p99" 10 max)"
    printf '  errors + non-2xx %s (target 0): %s\n' "$errs" "$(verdict "$errs" 1 max)"
    soakline="$(grep '^RESULT_SOAK' "$sv")"
    if [ -n "$soakline" ]; then
      echo "  $soakline" | sed 's/RESULT_SOAK //'
      st="$(echo "$soakline" | sed -n 's/.* stable=\([a-z]*\).*/\1/p')"
      printf '  RSS stable over the soak (growth < 5 %%, second half < 1 %%): %s\n' "$([ "$st" = yes ] && echo MET || echo "NOT MET")"
    else
      echo "  RSS stable over the soak: NOT MEASURED (RELAIS_BENCH_SOAK_SECONDS=0)"
    fi
    grep -q '^RESULT_SERVER area=page .*rps=' "$sv" || echo "  HTML results page: not measured (not served yet)"
  fi
  echo

  echo "## Diagnosis (bench/diagnosis): index + coverage of every commune, one core, status ${status[diagnosis]}"
  dg="$out/diagnosis.txt"
  if [ -f "$dg" ]; then
    grep -E '^RESULT_DIAG side=|^RESULT_DIAG_BREAKDOWN|^CHECK ' "$dg" | sed 's/^/  /'
    line="$(grep '^RESULT_DIAG_SUMMARY' "$dg")"
    if [ -n "$line" ]; then
      r="$(echo "$line" | sed -n 's/.* relais_ms=\([^ ]*\).*/\1/p')"
      echo "  $line" | sed 's/RESULT_DIAG_SUMMARY //'
      printf '  Relais %s ms end to end (target < 200 ms): %s\n' "$r" "$(verdict "$r" 200 max)"
    fi
  fi
} >"$summary"
echo | tee -a "$log"
tee -a "$log" <"$summary"
echo "(summary: $summary, full log: $log)"
for a in hours geo import server diagnosis; do [ "${status[$a]}" = ok ] || exit 1; done
