#!/usr/bin/env bash
# HTTP benchmark of `relais serve` (issue 3, "Performance"): wrk on loopback
# against /api/v1/lieux?near=…&services=… on the 1,000,000-place SYNTHETIC
# scale-up, then the same on the real places, in the same run:
#   1. builds `relais` and `relais_server_bench_data` in the build dir,
#   2. makes two throwaway databases in a temp dir: "real" = communes + the four
#      real cartonat_v0.1_*.json files (1,581 records) + `relais dedupe`, as
#      scripts/setup.sh does; "synthetic" = 1,000,000 places written by
#      `relais_server_bench_data scale` (bench/geo's generator: real places'
#      fields, positions jittered around 5,000 anchors; labelled "synthetic"),
#      plus the communes,
#   3. for each: starts `relais serve` on a free loopback port (access log to
#      /dev/null: formatted and written, not stored), waits for /healthz, runs
#      wrk (requests.lua: 10,000 targets, a new query point and services filter
#      at every request) for a warm-up, then the measured run,
#   4. on the synthetic data: a soak run (RELAIS_BENCH_SOAK_SECONDS, default
#      300) sampling the server's VmRSS every 10 s,
#   5. the HTML results page (/recherche?ou=POSTCODE&services=…) the same way
#      when the server answers 200 to its first target; otherwise one
#      "not_measured" line with the status it got.
# Every figure is printed as a RESULT_* line; bench/run.sh summarises them.
# Usage: bench/server/run.sh [build-dir]   (default <repo>/build-bench, Release)
# Environment (defaults): RELAIS_BENCH_SIZE (1000000), RELAIS_BENCH_WARMUP_SECONDS
# (10), RELAIS_BENCH_SECONDS (30), RELAIS_BENCH_SOAK_SECONDS (300),
# RELAIS_BENCH_WRK_THREADS (2), RELAIS_BENCH_CONNECTIONS (64),
# RELAIS_BENCH_SERVER_THREADS (empty: the server's default), RELAIS_BENCH_TARGETS
# (10000), RELAIS_BENCH_PAGE_PATH (/recherche: path of the HTML results page; it
# gets ou=POSTCODE and the same services filter), RELAIS_BENCH_KEEP (1: keep the temp dir).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build-bench}"
size="${RELAIS_BENCH_SIZE:-1000000}"
warmup="${RELAIS_BENCH_WARMUP_SECONDS:-10}"
seconds="${RELAIS_BENCH_SECONDS:-30}"
soak="${RELAIS_BENCH_SOAK_SECONDS:-300}"
wrk_threads="${RELAIS_BENCH_WRK_THREADS:-2}"
connections="${RELAIS_BENCH_CONNECTIONS:-64}"
server_threads="${RELAIS_BENCH_SERVER_THREADS:-}"
targets="${RELAIS_BENCH_TARGETS:-10000}"
page_path="${RELAIS_BENCH_PAGE_PATH:-/recherche}"
command -v wrk >/dev/null || { echo "wrk is missing (Debian package wrk: scripts/setup.sh --no-data --bench)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 1; }

[ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target relais relais_server_bench_data -j2 >/dev/null
relais="$build/relais"
data_tool="$build/bench/server/relais_server_bench_data"

tmp="$(mktemp -d /tmp/relais-server-bench.XXXXXX)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  stop_server
  if [ "${RELAIS_BENCH_KEEP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "wrk: $(wrk -v 2>&1 | head -1)"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ data
t0=$SECONDS
lieux="$repo/../shared/data/lieux"
"$relais" --db "$tmp/real.db" import communes --decoupage "$repo/node_modules/@etalab/decoupage-administratif/data" \
  --laposte "$repo/data/territoires/laposte_hexasmal_2020.csv" >"$tmp/import.log" 2>&1
for f in "$lieux"/cartonat_v0.1_*.json; do
  "$relais" --db "$tmp/real.db" import lieux "$f" >>"$tmp/import.log" 2>&1 || true  # reported problems are kept out
done
"$relais" --db "$tmp/real.db" dedupe | tail -1
"$data_tool" scale --from "$tmp/real.db" --to "$tmp/synthetic.db" --size "$size"
for d in real synthetic; do
  "$data_tool" paths --db "$tmp/$d.db" --count "$targets" --out "$tmp/$d.targets" \
    --page-out "$tmp/$d.page-targets" --page-path "$page_path"
done
echo "data ready in $((SECONDS - t0)) s"

# ------------------------------------------------------------------ server
port=""
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status" 2>/dev/null || echo 0; }
start_server() {  # db
  : >"$tmp/serve.err"
  local args=(--db "$1" serve --listen 127.0.0.1 --port 0 --access-log /dev/null)
  [ -n "$server_threads" ] && args+=(--threads "$server_threads")
  local t=$SECONDS
  (cd "$repo" && exec "$relais" "${args[@]}") >"$tmp/serve.out" 2>"$tmp/serve.err" &
  server_pid=$!
  port=""
  while [ -z "$port" ]; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.err" >&2; echo "relais serve exited" >&2; exit 1; }
    port="$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\) .*|\1|p' "$tmp/serve.err")"
    sleep 0.5
  done
  until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
  grep -h 'catalogue loaded\|listening' "$tmp/serve.err"
  echo "server ready in $((SECONDS - t)) s, VmRSS $(rss_kib) KiB"
}

# The measured runs use a lean copy of requests.lua without its response()
# callback (requests.lua says why); the warm-up and the soak count every non-2xx.
sed -e '/^function response/,/^end/d' -e 's/^local counting = true$/local counting = false/' \
  "$here/requests.lua" >"$tmp/requests_lean.lua"
if grep -q '^function response' "$tmp/requests_lean.lua" || ! grep -q '^local counting = false$' "$tmp/requests_lean.lua"; then
  echo "could not derive the lean wrk script from requests.lua" >&2; exit 1
fi

run_wrk() {  # label data phase duration targets-file [extra RESULT fields]
  local label="$1" data="$2" phase="$3" duration="$4" file="$5"
  local out="$tmp/wrk-$label-$data-$phase.txt"
  local script="$here/requests.lua"
  [ "$phase" = measured ] && script="$tmp/requests_lean.lua"
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s "$script" \
    "http://127.0.0.1:$port" -- "$file" >"$out" 2>&1 || { cat "$out"; echo "wrk failed" >&2; exit 1; }
  if [ "$phase" != warmup ]; then sed -n '/Latency Distribution/,/Transfer/p' "$out"; fi
  local line
  line="$(grep '^RESULT_WRK' "$out" | sed 's/^RESULT_WRK //')"
  echo "RESULT_SERVER area=$label data=$data places=$places phase=$phase threads=$wrk_threads connections=$connections $line rss_kib=$(rss_kib) loadavg=$(cut -d' ' -f1 /proc/loadavg)" |
    tee -a "$tmp/results"
}

check_target() {  # url: 0 when it answers 200
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]
}

bench_data() {  # data
  local data="$1"
  start_server "$tmp/$data.db"
  places="$(curl -fs "http://127.0.0.1:$port/healthz" | sed -n 's/.*"lieux":\([0-9]*\).*/\1/p')"
  echo "RESULT_LOAD data=$data places=$places rss_kib=$(rss_kib) load_ms=$(sed -n 's/.*catalogue loaded: .*, \([0-9]*\) ms/\1/p' "$tmp/serve.err")"
  check_target "http://127.0.0.1:$port$(head -1 "$tmp/$data.targets")" || { echo "first target does not answer 200" >&2; exit 1; }
  echo "== $data: API warm-up ${warmup} s, then ${seconds} s measured (wrk -t$wrk_threads -c$connections)"
  run_wrk api "$data" warmup "$warmup" "$tmp/$data.targets"
  run_wrk api "$data" measured "$seconds" "$tmp/$data.targets"
  if check_target "http://127.0.0.1:$port$(head -1 "$tmp/$data.page-targets")"; then
    echo "== $data: HTML results page $page_path, warm-up ${warmup} s, then ${seconds} s measured"
    run_wrk page "$data" warmup "$warmup" "$tmp/$data.page-targets"
    run_wrk page "$data" measured "$seconds" "$tmp/$data.page-targets"
  else
    echo "RESULT_SERVER area=page data=$data phase=measured status=not_measured reason=$page_path?...:$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$(head -1 "$tmp/$data.page-targets")")"
  fi
}

# Synthetic first, with the soak; then the real places (the comparison).
bench_data synthetic
if [ "$soak" -gt 0 ]; then
  echo "== synthetic: soak ${soak} s, VmRSS every 10 s"
  soak_out="$tmp/wrk-soak.txt"
  wrk -t"$wrk_threads" -c"$connections" -d"${soak}s" --latency -s "$here/requests.lua" \
    "http://127.0.0.1:$port" -- "$tmp/synthetic.targets" >"$soak_out" 2>&1 &
  wrk_pid=$!
  samples=()
  start=$SECONDS
  samples+=("$(rss_kib)")
  echo "RESULT_RSS t_s=0 rss_kib=${samples[0]}"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 10
    kill -0 "$wrk_pid" 2>/dev/null || break
    r="$(rss_kib)"
    samples+=("$r")
    echo "RESULT_RSS t_s=$((SECONDS - start)) rss_kib=$r"
  done
  wait "$wrk_pid" || { cat "$soak_out"; echo "wrk failed" >&2; exit 1; }
  samples+=("$(rss_kib)")
  echo "RESULT_RSS t_s=$((SECONDS - start)) rss_kib=${samples[-1]} (after the run)"
  sed -n '/Latency Distribution/,/Transfer/p' "$soak_out"
  echo "RESULT_SERVER area=api data=synthetic places=$places phase=soak threads=$wrk_threads connections=$connections $(grep '^RESULT_WRK' "$soak_out" | sed 's/^RESULT_WRK //') rss_kib=$(rss_kib) loadavg=$(cut -d' ' -f1 /proc/loadavg)"
  # Stable: the second half of the soak adds less than 1 % of the resident set,
  # and the whole soak less than 5 %.
  n=${#samples[@]}
  printf '%s\n' "${samples[@]}" | awk -v n="$n" -v soak="$soak" '
    { s[NR] = $1; if ($1 > max) max = $1; if (min == "" || $1 < min) min = $1 }
    END {
      first = s[1]; last = s[n]; half = s[int((n + 1) / 2)]
      total = 100 * (last - first) / first; second = 100 * (last - half) / first
      stable = (total < 5 && second < 1) ? "yes" : "no"
      printf "RESULT_SOAK seconds=%d samples=%d first_kib=%d half_kib=%d last_kib=%d min_kib=%d max_kib=%d growth_pct=%.2f second_half_growth_pct=%.2f stable=%s\n",
             soak, n, first, half, last, min, max, total, second, stable }'
fi
stop_server
bench_data real
stop_server

# ------------------------------------------------------------------ ratios
# The same server and query mix on the real records vs the synthetic scale-up:
# what a million places cost per request.
awk '/ phase=measured / && / rps=/ {
    split("", f)
    for (i = 2; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = kv[2] }
    rps[f["area"] "/" f["data"]] = f["rps"]; p99[f["area"] "/" f["data"]] = f["p99_ms"] }
  END {
    for (a = 0; a < 2; ++a) {
      area = a ? "page" : "api"
      if ((area "/real") in rps && (area "/synthetic") in rps && rps[area "/synthetic"] > 0)
        printf "RESULT_COMPARE area=%s rps_real=%s rps_synthetic=%s real_over_synthetic=%.2f p99_ms_real=%s p99_ms_synthetic=%s\n",
               area, rps[area "/real"], rps[area "/synthetic"], rps[area "/real"] / rps[area "/synthetic"],
               p99[area "/real"], p99[area "/synthetic"]
    } }' "$tmp/results"
