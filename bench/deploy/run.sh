#!/usr/bin/env bash
# The documented deployment (docs/deploy.md) on loopback, under load, with
# faults: nginx -> 2 `relais serve` -> PostgreSQL primary + streaming replica,
# against 1 `relais serve` on a SQLite file, in the same run.
#   1. installs what is missing (Debian: postgresql-15, nginx-light, wrk,
#      python3, sqlite3, curl) when run as root;
#   2. data in a temp dir: communes + the real places + `relais dedupe`
#      (bench/server's "real" database), then the SYNTHETIC scale-up of
#      bench/server (`relais_server_bench_data scale`, RELAIS_BENCH_SIZE
#      places, default 1,000,000) into a SQLite file;
#   3. PostgreSQL: a primary cluster (initdb/pg_ctl of
#      /usr/lib/postgresql/15/bin, as user postgres when run as root; Unix
#      socket in the temp dir plus a loopback TCP port), a streaming replica
#      made with `pg_basebackup -R`, `relais migrate`, then `relais
#      migrate-data` of the SQLite file into it;
#   4. each setup in turn (one at a time: at 1M places a server holds about
#      5 GB): "sqlite-1" = 1 server on the SQLite file, clients straight to
#      it; "postgresql-2" = 2 servers on PostgreSQL (catalogue read from the
#      replica) behind nginx (deploy/nginx/relais.conf, as written except TLS
#      and ports). The same mix on both: wrk (bench/server/requests.lua, which
#      counts every non-2xx) on API searches, HTML results pages and place
#      pages, while staff_client.py signs in as a staff account (password +
#      TOTP) and edits places' records through the staff pages; then reads
#      every edit the server acknowledged back from the database;
#   5. fault tests on the 2-server setup, each bounded in time: kill -9 of one
#      server under load, `pg_ctl restart -m fast` of the primary during
#      writes; and a SQLite file on a full disk (tmpfs of a few MB, or an ext4
#      image on a loop device; skipped, saying so, when neither can be mounted);
#   6. prints the summary and writes it to bench/out/deploy.txt.
# Every process and the temp dir are removed on exit, whatever happens.
#
# Until the PostgreSQL backend exists (`relais migrate` and `relais
# migrate-data` are the test), step 3 is skipped and the 2-server setup runs
# on one SQLite file ("sqlite-2"), which exercises nginx, the retries and the
# shared sessions; the PostgreSQL restart test is then skipped, saying so.
#
# Usage: bench/deploy/run.sh [--smoke] [build-dir]   (default <repo>/build-bench, Release)
#   --smoke: 2,000 places, 3 s warm-up, 10 s loads (to check the script, not to measure)
# Environment (defaults; --smoke's in brackets):
#   RELAIS_BENCH_SIZE (1000000 [2000])          synthetic places
#   RELAIS_BENCH_WARMUP_SECONDS (10 [3])        per setup, not reported
#   RELAIS_BENCH_SECONDS (60 [10])              measured load per setup
#   RELAIS_BENCH_FAULT_SECONDS (30 [10])        load during each fault test
#   RELAIS_BENCH_RECOVERY_SECONDS (30)          edits must succeed again within this after a PostgreSQL restart
#   RELAIS_BENCH_CONNECTIONS (64 [16]), RELAIS_BENCH_WRK_THREADS (2), RELAIS_BENCH_TARGETS (10000 [2000])
#   RELAIS_BENCH_WRITERS (2)                    concurrent editors, one place each
#   RELAIS_BENCH_EDIT_INTERVAL (0.5)            seconds between two edits of one editor
#   RELAIS_BENCH_SERVER_THREADS ("")            --threads of each server (default: the server's)
#   RELAIS_BENCH_RELOAD_SECONDS (5)             each server's reload_seconds (the server's default)
#   RELAIS_BENCH_START_SECONDS (900 [120])      longest wait for a server's catalogue
#   RELAIS_BENCH_BACKEND (auto)                 auto | sqlite (force the SQLite-only mode)
#   RELAIS_BENCH_NO_BUILD (0)                   1: use the build dir's binaries as they are
#   RELAIS_BENCH_KEEP (0)                       1: keep the temp dir (databases, logs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
smoke=0
build=""
for a in "$@"; do
  case "$a" in
    --smoke) smoke=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) build="$a" ;;
  esac
done
build="${build:-$repo/build-bench}"
d() { [ "$smoke" = 1 ] && echo "$2" || echo "$1"; }  # default, smoke default
size="${RELAIS_BENCH_SIZE:-$(d 1000000 2000)}"
warmup="${RELAIS_BENCH_WARMUP_SECONDS:-$(d 10 3)}"
seconds="${RELAIS_BENCH_SECONDS:-$(d 60 10)}"
fault_seconds="${RELAIS_BENCH_FAULT_SECONDS:-$(d 30 10)}"
recovery_seconds="${RELAIS_BENCH_RECOVERY_SECONDS:-30}"
connections="${RELAIS_BENCH_CONNECTIONS:-$(d 64 16)}"
wrk_threads="${RELAIS_BENCH_WRK_THREADS:-2}"
targets="${RELAIS_BENCH_TARGETS:-$(d 10000 2000)}"
writers="${RELAIS_BENCH_WRITERS:-2}"
edit_interval="${RELAIS_BENCH_EDIT_INTERVAL:-0.5}"
server_threads="${RELAIS_BENCH_SERVER_THREADS:-}"
reload_seconds="${RELAIS_BENCH_RELOAD_SECONDS:-5}"
start_seconds="${RELAIS_BENCH_START_SECONDS:-$(d 900 120)}"
backend_choice="${RELAIS_BENCH_BACKEND:-auto}"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
is_root=0; [ "$(id -u)" = 0 ] && is_root=1

# ------------------------------------------------------------------ packages
# What the run needs from Debian; installed here when missing (root only), so
# a fresh Debian 12 machine with CI=true needs nothing else.
pgbin=/usr/lib/postgresql/15/bin
missing=()
[ -x "$pgbin/initdb" ] || missing+=(postgresql-15)
command -v psql >/dev/null || missing+=(postgresql-client-15)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v python3 >/dev/null || missing+=(python3)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v curl >/dev/null || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$is_root" != 1 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2; exit 1
  fi
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# ------------------------------------------------------------------ build
if [ "${RELAIS_BENCH_NO_BUILD:-0}" != 1 ]; then
  [ -f "$build/CMakeCache.txt" ] || cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRELAIS_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target relais relais_server_bench_data -j2 >/dev/null
fi
relais="$build/relais"
data_tool="$build/bench/server/relais_server_bench_data"
[ -x "$relais" ] && [ -x "$data_tool" ] || { echo "no $relais or $data_tool (build them, or drop RELAIS_BENCH_NO_BUILD)" >&2; exit 1; }

# PostgreSQL mode when this binary has the PostgreSQL backend's commands.
backend=sqlite
subcommands="$("$relais" --help 2>/dev/null | sed -n '/^Subcommands:/,$s/^  \([a-z-]*\) .*/\1/p')"
if [ "$backend_choice" = auto ] && grep -qx migrate <<<"$subcommands" && grep -qx migrate-data <<<"$subcommands"; then
  backend=postgresql
fi
multi="$([ "$backend" = postgresql ] && echo postgresql-2 || echo sqlite-2)"

# ------------------------------------------------------------------ temp dir, cleanup
tmp="$(mktemp -d /tmp/relais-deploy-bench.XXXXXX)"
chmod 755 "$tmp"  # the postgres user reaches its data directories through it
results="$tmp/results"
: >"$results"
declare -A server_pid=()   # name -> pid
bg_pids=()                 # wrk, staff clients, samplers
nginx_pid=""
pg_started=()              # data directories of the clusters started
full_mounted=""
cleanup() {
  set +e
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
  for n in "${!server_pid[@]}"; do kill -TERM "${server_pid[$n]}" 2>/dev/null; done
  for n in "${!server_pid[@]}"; do wait "${server_pid[$n]}" 2>/dev/null; done
  [ -n "$nginx_pid" ] && { kill -QUIT "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; }
  for ((i = ${#pg_started[@]} - 1; i >= 0; --i)); do as_pg "$pgbin/pg_ctl" -D "${pg_started[$i]}" -m immediate -w stop >/dev/null 2>&1; done
  [ -n "$full_mounted" ] && umount "$full_mounted" 2>/dev/null
  if [ "${RELAIS_BENCH_KEEP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# initdb refuses to run as root: the clusters belong to postgres then.
as_pg() { if [ "$is_root" = 1 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
result() { echo "$*" | tee -a "$results"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2" | head -1; }  # field NAME LINE

echo "== relais deploy bench: backend $backend, $size synthetic places, loads ${seconds} s, faults ${fault_seconds} s$([ "$smoke" = 1 ] && echo ', SMOKE RUN (not a measurement)')"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "relais: $relais ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')); $(wrk -v 2>&1 | head -1); $(nginx -v 2>&1); $("$pgbin/postgres" --version)"

# ------------------------------------------------------------------ data
t0=$SECONDS
lieux="$repo/../shared/data/lieux"
"$relais" --db "$tmp/real.db" -q import communes --decoupage "$repo/node_modules/@etalab/decoupage-administratif/data" \
  --laposte "$repo/data/territoires/laposte_hexasmal_2020.csv" >"$tmp/import.log" 2>&1
if compgen -G "$lieux/cartonat_v0.1_*.json" >/dev/null; then
  for f in "$lieux"/cartonat_v0.1_*.json; do
    "$relais" --db "$tmp/real.db" -q import lieux "$f" >>"$tmp/import.log" 2>&1 || true  # reported problems are kept out
  done
else  # no ../shared/data here: the npm sample places (what the tests use)
  "$relais" --db "$tmp/real.db" -q import lieux "$repo/node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json" \
    --source Hinaura >>"$tmp/import.log" 2>&1
fi
"$relais" --db "$tmp/real.db" dedupe | tail -1
"$data_tool" scale --from "$tmp/real.db" --to "$tmp/synthetic.db" --size "$size"
# The request mix: 3 in 5 API searches, 1 in 5 HTML results pages (the
# searches of bench/server), 1 in 5 pages of a random synthetic place.
"$data_tool" paths --db "$tmp/synthetic.db" --count "$targets" --out "$tmp/api.targets" --page-out "$tmp/page.targets" >/dev/null
awk -v n="$size" -v seed=11 'BEGIN { srand(seed) }
  FNR == NR { page[FNR] = $0; next }
  { k = FNR % 5
    if (k == 3) print page[FNR]
    else if (k == 4) printf "/lieux/synthetic:synthetic-%d\n", int(rand() * n)
    else print }' "$tmp/page.targets" "$tmp/api.targets" >"$tmp/mix.targets"
echo "data ready in $((SECONDS - t0)) s: $(wc -l <"$tmp/mix.targets") request targets"

edit_places=""
for ((i = 0; i < writers; ++i)); do edit_places+="${edit_places:+,}synthetic:synthetic-$i"; done
export RELAIS_KEYS_DIR="$tmp/keys"  # one key ring for every process: the TOTP seeds are sealed with it

# staff_account DB_URL EMAIL: a structure owning the edited places and an
# invitation of a référente, made with the CLI as an operator does; prints
# the invitation link.
staff_account() {
  local url="$1" email="$2" sid
  sid="$(RELAIS_DATABASE_URL="$url" "$relais" structure creer --nom "Centre du banc d'essai" --type association \
           --commune 69123 --adresse "1 rue du Banc" 2>/dev/null | tail -1)"
  local IFS=,
  for ref in $edit_places; do RELAIS_DATABASE_URL="$url" "$relais" structure rattacher --structure "$sid" --lieu "$ref" 2>/dev/null; done
  RELAIS_DATABASE_URL="$url" "$relais" compte inviter --structure "$sid" --email "$email" --role referent 2>/dev/null | tail -1
}

# ------------------------------------------------------------------ PostgreSQL
pg_url="" pg_read_url="" pg_primary="" pg_port="" replica_port=""
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$tmp/pg/sock" -p "$1" -U postgres -d "${3:-postgres}" -At -c "$2"; }
if [ "$backend" = postgresql ]; then
  t0=$SECONDS
  mkdir -p "$tmp/pg/sock"
  [ "$is_root" = 1 ] && chown -R postgres: "$tmp/pg"
  pg_port="$(free_port)"; replica_port="$(free_port)"
  superuser_pw="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  relais_pw="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  repl_pw="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  echo "$superuser_pw" >"$tmp/pg/superuser.pw"; chmod 644 "$tmp/pg/superuser.pw"
  pg_primary="$tmp/pg/primary"
  # Local socket: trust (only this machine's users, for the script's psql);
  # TCP: passwords (SCRAM), as in docs/deploy.md.
  as_pg "$pgbin/initdb" -D "$pg_primary" -U postgres --pwfile="$tmp/pg/superuser.pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$tmp/pg/initdb.log"
  cat >>"$pg_primary/postgresql.conf" <<EOF
# bench/deploy/run.sh
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$tmp/pg/sock'
max_connections = 300
shared_buffers = $(d 1GB 128MB)
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
EOF
  as_pg "$pgbin/pg_ctl" -D "$pg_primary" -l "$tmp/pg/primary.log" -w -t 60 start >/dev/null
  pg_started+=("$pg_primary")
  psql_admin "$pg_port" "CREATE ROLE relais LOGIN PASSWORD '$relais_pw'; CREATE ROLE replicator REPLICATION LOGIN PASSWORD '$repl_pw';"
  psql_admin "$pg_port" "CREATE DATABASE relais OWNER relais"
  # The replica: a base backup that writes standby.signal and primary_conninfo
  # (-R), streaming the WAL it needs during the copy (-X stream), with a
  # replication slot so the primary keeps WAL the replica has not received.
  as_pg env PGPASSWORD="$repl_pw" "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U replicator -D "$tmp/pg/replica" \
    -R -X stream -C -S relais_replica -c fast
  echo "port = $replica_port" | as_pg tee -a "$tmp/pg/replica/postgresql.conf" >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$tmp/pg/replica" -l "$tmp/pg/replica.log" -w -t 60 start >/dev/null
  pg_started+=("$tmp/pg/replica")
  for _ in $(seq 1 100); do
    [ "$(psql_admin "$pg_port" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 1 ] && break
    sleep 0.2
  done
  result "RESULT_PG primary_port=$pg_port replica_port=$replica_port streaming=$(psql_admin "$pg_port" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") replica_in_recovery=$(psql_admin "$replica_port" 'SELECT pg_is_in_recovery()')"
  pg_url="postgresql://relais:$relais_pw@127.0.0.1:$pg_port/relais"
  pg_read_url="postgresql://relais:$relais_pw@127.0.0.1:$replica_port/relais"
  RELAIS_DATABASE_URL="$pg_url" "$relais" migrate
  t1=$SECONDS
  "$relais" migrate-data --from "$tmp/synthetic.db" --to "$pg_url"
  result "RESULT_MIGRATE_DATA places=$(psql_admin "$pg_port" 'SELECT count(*) FROM places' relais) seconds=$((SECONDS - t1))"
  echo "PostgreSQL ready in $((SECONDS - t0)) s"
fi
# The 2-server setup's own database, so both setups start from the same data.
[ "$backend" = sqlite ] && cp "$tmp/synthetic.db" "$tmp/synthetic-2.db"
multi_url="$([ "$backend" = postgresql ] && echo "$pg_url" || echo "$tmp/synthetic-2.db")"
link_single="$(staff_account "$tmp/synthetic.db" staff-sqlite@relais.example)"
link_multi="$(staff_account "$multi_url" staff-multi@relais.example)"
[ -n "$link_single" ] && [ -n "$link_multi" ] || { echo "no invitation link printed by relais compte inviter" >&2; exit 1; }

# ------------------------------------------------------------------ servers, nginx
# start_server NAME PORT DB_URL READ_URL PUBLIC_URL TRUSTED_PROXIES: in the
# background from the repository root (node_modules' DSFR files).
start_server() {
  local name="$1" port="$2"
  local args=(serve --access-log /dev/null)
  [ -n "$server_threads" ] && args+=(--threads "$server_threads")
  (cd "$repo" && RELAIS_DATABASE_URL="$3" RELAIS_LISTEN=127.0.0.1 RELAIS_PORT="$port" RELAIS_PUBLIC_URL="$5" \
     RELAIS_TRUSTED_PROXIES="$6" RELAIS_RELOAD_SECONDS="$reload_seconds" exec env ${4:+RELAIS_DATABASE_READ_URL="$4"} "$relais" "${args[@]}") \
    >"$tmp/serve-$name.out" 2>>"$tmp/serve-$name.err" &
  server_pid[$name]=$!
}
wait_healthy() {  # NAME PORT
  local t=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/healthz")" = 200 ]; do
    kill -0 "${server_pid[$1]}" 2>/dev/null || { tail -5 "$tmp/serve-$1.err" >&2; echo "server $1 exited" >&2; exit 1; }
    [ $((SECONDS - t)) -lt "$start_seconds" ] || { echo "server $1 not ready after $start_seconds s" >&2; exit 1; }
    sleep 0.5
  done
  echo "server $1 ready in $((SECONDS - t)) s: $(grep -h 'catalogue loaded' "$tmp/serve-$1.err" | tail -1 | sed 's/^[^ ]* [^ ]* //')"
}
stop_server() {  # NAME
  local p="${server_pid[$1]:-}"
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset "server_pid[$1]"
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# nginx with deploy/nginx/relais.conf as written, minus TLS (lines marked
# "# TLS" and the port-80 redirect), on a loopback port, upstreams on the
# two servers' ports. Its access log records the upstream(s) each request went
# to, which shows the retries.
start_nginx() {  # PORT UPSTREAM_PORT_1 UPSTREAM_PORT_2
  local n="$tmp/nginx"
  mkdir -p "$n/tmp"
  [ "$is_root" = 1 ] && chown www-data: "$n/tmp"
  sed -e '/^# --- BEGIN port 80/,/^# --- END port 80/d' -e '/# TLS$/d' \
      -e "s/server 127\.0\.0\.1:8081 /server 127.0.0.1:$2 /" -e "s/server 127\.0\.0\.1:8082 /server 127.0.0.1:$3 /" \
      -e "s/^\(    server_name \)relais\.example\.fr;/    listen 127.0.0.1:$1;\n\1localhost;/" \
      "$repo/deploy/nginx/relais.conf" >"$n/relais.conf"
  grep -q "listen 127.0.0.1:$1;" "$n/relais.conf" && grep -q "server 127.0.0.1:$2 " "$n/relais.conf" &&
    grep -q "server 127.0.0.1:$3 " "$n/relais.conf" && ! grep -q 'ssl_\|listen 443' "$n/relais.conf" ||
    { echo "deploy/nginx/relais.conf changed shape: cannot adapt it to loopback (see start_nginx)" >&2; exit 1; }
  cat >"$n/nginx.conf" <<EOF
$([ "$is_root" = 1 ] && echo "user www-data;")
worker_processes auto;
pid $n/nginx.pid;
error_log $n/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $n/tmp/body;
  proxy_temp_path $n/tmp/proxy;
  fastcgi_temp_path $n/tmp/fastcgi;
  uwsgi_temp_path $n/tmp/uwsgi;
  scgi_temp_path $n/tmp/scgi;
  log_format relais_bench '\$msec \$request_method \$status "\$upstream_addr" "\$upstream_status" \$request_time';
  access_log $n/access.log relais_bench buffer=256k flush=1s;
  include $n/relais.conf;
}
EOF
  nginx -e "$n/error.log" -p "$n" -c "$n/nginx.conf" -t >"$n/test.log" 2>&1 || { cat "$n/test.log" >&2; exit 1; }
  nginx -e "$n/error.log" -p "$n" -c "$n/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 0.1; done
  echo "nginx did not start" >&2; cat "$n/error.log" >&2; exit 1
}

# ------------------------------------------------------------------ load
# run_load LABEL BASE_URL SECONDS STATE_FILE [FAULT_AT FAULT_COMMAND...]:
# wrk on the mix and the staff editors at once; optionally FAULT_COMMAND
# after FAULT_AT seconds. Prints RESULT_LOAD and the editors' RESULT_WRITES.
run_load() {
  local label="$1" base="$2" secs="$3" state="$4"
  shift 4
  local out="$tmp/wrk-$label.txt"
  timeout $((secs + 120)) python3 "$here/staff_client.py" edit --base "$base" --state "$state" --places "$edit_places" \
    --seconds "$secs" --interval "$edit_interval" --log "$tmp/edits-$label.jsonl" --label "$label" >"$tmp/writes-$label.txt" 2>&1 &
  local writer=$!
  bg_pids+=("$writer")
  wrk -t"$wrk_threads" -c"$connections" -d"${secs}s" --latency -s "$repo/bench/server/requests.lua" "$base" -- \
    "$tmp/mix.targets" >"$out" 2>&1 &
  local wrk_pid=$!
  bg_pids+=("$wrk_pid")
  # Peak resident memory of the servers over the run (catalogue reloads
  # hold two catalogues for a while).
  # On PostgreSQL, also the most connections Relais held at once.
  local peak=0 t=$SECONDS fault_done=0 conns=0 c
  while kill -0 "$wrk_pid" 2>/dev/null; do
    for n in "${!server_pid[@]}"; do r="$(rss_kib "${server_pid[$n]}")"; [ "$r" -gt "$peak" ] && peak=$r; done
    if [ -n "$pg_port" ]; then
      c="$(psql_admin "$pg_port" "SELECT count(*) FROM pg_stat_activity WHERE usename = 'relais'" 2>/dev/null || echo 0)"
      [ "${c:-0}" -gt "$conns" ] && conns=$c
    fi
    if [ $# -gt 0 ] && [ "$fault_done" = 0 ] && [ $((SECONDS - t)) -ge "$1" ]; then
      fault_done=1
      "${@:2}"
    fi
    sleep 1
  done
  wait "$wrk_pid" || { cat "$out" >&2; echo "wrk failed" >&2; exit 1; }
  wait "$writer" || true
  cat "$tmp/writes-$label.txt"
  local line
  line="$(grep '^RESULT_WRK' "$out" | sed 's/^RESULT_WRK //')"
  [ -n "$line" ] || { cat "$out" >&2; echo "no RESULT_WRK line from wrk" >&2; exit 1; }
  local errors=$(( $(field errors_connect "$line") + $(field errors_read "$line") + $(field errors_write "$line") +
                   $(field errors_timeout "$line") + $(field non2xx "$line") ))
  result "RESULT_LOAD setup=$label $line errors_total=$errors server_peak_rss_kib=$peak$([ -n "$pg_port" ] && echo " primary_peak_connections=$conns") loadavg=$(cut -d' ' -f1 /proc/loadavg)"
  grep '^RESULT_WRITE' "$tmp/writes-$label.txt" >>"$results" || true
}

verify_edits() {  # LABEL DB_URL
  local args=(--sqlite "$2")
  [[ "$2" == postgresql://* ]] && args=(--psql "$2")
  python3 "$here/staff_client.py" verify --log "$tmp/edits-$1.jsonl" "${args[@]}" | sed "s/^RESULT_VERIFY /RESULT_VERIFY label=$1 /" |
    tee -a "$results"
}

reloads() { grep -c 'catalogue loaded' "$tmp/serve-$1.err" 2>/dev/null || echo 0; }

# ------------------------------------------------------------------ setup 1: sqlite-1
echo "== sqlite-1: 1 server on the SQLite file, clients straight to it"
port_single="$(free_port)"
base_single="http://127.0.0.1:$port_single"
start_server single "$port_single" "$tmp/synthetic.db" "" "$base_single" ""
wait_healthy single "$port_single"
python3 "$here/staff_client.py" enrol --base "$base_single" --invitation "$link_single" --email staff-sqlite@relais.example \
  --state "$tmp/state-single.json" | tee -a "$results"
wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" -s "$repo/bench/server/requests.lua" "$base_single" -- "$tmp/mix.targets" \
  >"$tmp/wrk-warmup-single.txt" 2>&1
echo "warm-up: $(grep '^RESULT_WRK' "$tmp/wrk-warmup-single.txt" | sed 's/^RESULT_WRK //')"
before="$(reloads single)"
run_load sqlite-1 "$base_single" "$seconds" "$tmp/state-single.json"
result "RESULT_RELOADS setup=sqlite-1 server=single catalogue_reloads=$(( $(reloads single) - before ))"
verify_edits sqlite-1 "$tmp/synthetic.db"
stop_server single

# ------------------------------------------------------------------ setup 2: nginx + 2 servers
echo "== $multi: 2 servers behind nginx$([ "$backend" = postgresql ] && echo ' on PostgreSQL (catalogue from the replica)' || echo ' on one SQLite file (no PostgreSQL backend in this binary)')"
port_a="$(free_port)"; port_b="$(free_port)"; port_nginx="$(free_port)"
base_multi="http://127.0.0.1:$port_nginx"
read_url="$([ "$backend" = postgresql ] && echo "$pg_read_url" || true)"
start_server a "$port_a" "$multi_url" "$read_url" "$base_multi" "127.0.0.1, ::1"
start_server b "$port_b" "$multi_url" "$read_url" "$base_multi" "127.0.0.1, ::1"
wait_healthy a "$port_a"
wait_healthy b "$port_b"
start_nginx "$port_nginx" "$port_a" "$port_b"
python3 "$here/staff_client.py" enrol --base "$base_multi" --invitation "$link_multi" --email staff-multi@relais.example \
  --state "$tmp/state-multi.json" | tee -a "$results"
wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" -s "$repo/bench/server/requests.lua" "$base_multi" -- "$tmp/mix.targets" \
  >"$tmp/wrk-warmup-multi.txt" 2>&1
echo "warm-up: $(grep '^RESULT_WRK' "$tmp/wrk-warmup-multi.txt" | sed 's/^RESULT_WRK //')"
before_a="$(reloads a)"; before_b="$(reloads b)"
run_load "$multi" "$base_multi" "$seconds" "$tmp/state-multi.json"
result "RESULT_RELOADS setup=$multi server=a catalogue_reloads=$(( $(reloads a) - before_a )) server=b catalogue_reloads=$(( $(reloads b) - before_b ))"
verify_edits "$multi" "$multi_url"

# ------------------------------------------------------------------ fault 1: kill -9 one server
# nginx access-log lines since a mark: statuses and retries (two upstreams).
nginx_since() {  # LINE_NUMBER: prints "requests=.. retried=.. get_5xx=.. post_5xx=.."
  sleep 1.5  # the access log is flushed every second
  tail -n +"$(( $1 + 1 ))" "$tmp/nginx/access.log" | awk '
    { n++; if ($4 ~ /,/) r++; if ($3 >= 500) { if ($2 == "POST") p++; else g++ } }
    END { printf "requests=%d retried=%d get_5xx=%d post_5xx=%d", n, r, g, p }'
}
echo "== fault: kill -9 server a after $((fault_seconds / 3)) s of a ${fault_seconds} s load"
mark="$(wc -l <"$tmp/nginx/access.log")"
error_mark="$(wc -l <"$tmp/nginx/error.log")"
kill_a() { echo "kill -9 server a (pid ${server_pid[a]}) at $(date -u +%T)"; kill -9 "${server_pid[a]}"; }
run_load kill9 "$base_multi" "$fault_seconds" "$tmp/state-multi.json" $((fault_seconds / 3)) kill_a
wait "${server_pid[a]}" 2>/dev/null || true
unset "server_pid[a]"
result "RESULT_FAULT test=kill9 nginx $(nginx_since "$mark") nginx_upstream_errors=$(tail -n +"$((error_mark + 1))" "$tmp/nginx/error.log" | grep -c '\[error\].*upstream' || true)"
verify_edits kill9 "$multi_url"
echo "restarting server a"
start_server a "$port_a" "$multi_url" "$read_url" "$base_multi" "127.0.0.1, ::1"
wait_healthy a "$port_a"

# ------------------------------------------------------------------ fault 2: PostgreSQL restart
if [ "$backend" = postgresql ]; then
  echo "== fault: pg_ctl restart -m fast of the primary after $((fault_seconds / 3)) s of a ${fault_seconds} s load"
  mark="$(wc -l <"$tmp/nginx/access.log")"
  restart_pg() {
    local t=$SECONDS
    echo "pg_ctl restart -m fast at $(date -u +%T)"
    as_pg "$pgbin/pg_ctl" -D "$pg_primary" -m fast -w -t 60 restart >>"$tmp/pg/restart.log" 2>&1
    echo "PostgreSQL back after $((SECONDS - t)) s"
  }
  run_load pgrestart "$base_multi" "$fault_seconds" "$tmp/state-multi.json" $((fault_seconds / 3)) restart_pg
  w="$(grep '^RESULT_WRITES' "$tmp/writes-pgrestart.txt" || true)"
  outage="$(field longest_outage_s "$w")"
  recovered="$(awk -v o="${outage:-999}" -v n="$recovery_seconds" -v r="$(field recovered "$w")" \
                 'BEGIN { print (r == "yes" && o <= n) ? "yes" : "no" }')"
  result "RESULT_FAULT test=pgrestart nginx $(nginx_since "$mark") edits_longest_outage_s=$outage recovered_within_${recovery_seconds}s=$recovered replica_streaming=$(psql_admin "$pg_port" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")"
  verify_edits pgrestart "$multi_url"

  # ---------------------------------------------------------------- replica lag
  # The servers load their catalogue from the replica: while the replica does
  # not replay, an edit (made on the primary) must not reach the public pages,
  # and once it replays again, every server must show it within a reload.
  echo "== fault: replica lag (WAL replay paused on the replica, one edit, replay resumed)"
  psql_admin "$replica_port" 'SELECT pg_wal_replay_pause()' >/dev/null
  ref0="${edit_places%%,*}"
  python3 "$here/staff_client.py" edit --base "$base_multi" --state "$tmp/state-multi.json" --places "$ref0" \
    --seconds 1 --interval 0 --log "$tmp/edits-lag.jsonl" --label lag >"$tmp/writes-lag.txt"
  marker="$(python3 -c 'import json,sys; print([e["marker"] for e in map(json.loads, open(sys.argv[1])) if e["outcome"] == "acked"][-1])' "$tmp/edits-lag.jsonl")"
  shows() {  # PORT: does this server's public page of ref0 show the marker?
    curl -s "http://127.0.0.1:$1/lieux/$ref0" | grep -qF "$marker"
  }
  sleep $((2 * reload_seconds + 2))  # more than two reload periods
  stale=yes
  shows "$port_a" && stale=no
  shows "$port_b" && stale=no
  psql_admin "$replica_port" 'SELECT pg_wal_replay_resume()' >/dev/null
  t=$SECONDS
  followed=no
  while [ $((SECONDS - t)) -lt "$start_seconds" ]; do  # a reload at 1M places takes about a minute
    if shows "$port_a" && shows "$port_b"; then followed=yes; break; fi
    sleep 0.5
  done
  w="$(grep '^RESULT_WRITES' "$tmp/writes-lag.txt" || true)"
  result "RESULT_FAULT test=replicalag edits_acked=$(field acked "$w") edits_failed=$(field failed "$w") stale_while_replay_paused=$stale followed_after_resume=$followed seconds=$((SECONDS - t))"
else
  result "RESULT_FAULT test=pgrestart status=skipped reason=no_postgresql_backend_in_this_binary"
  result "RESULT_FAULT test=replicalag status=skipped reason=no_postgresql_backend_in_this_binary"
fi
stop_server a; stop_server b
kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

# ------------------------------------------------------------------ fault 3: SQLite on a full disk
# A small filesystem holding a copy of the real database, filled up but for
# a few hundred KiB, then an import of every real place under a new source:
# the import must fail with a clear message, the file must pass SQLite's
# integrity check with nothing of the import in it, and the same import must
# succeed once space is freed.
echo "== fault: SQLite database on a full disk"
full="$tmp/full"; mkdir -p "$full"
db_kib=$(( $(stat -c %s "$tmp/real.db") / 1024 ))
fs_mb=$(( db_kib / 1024 + 8 ))
fs=""
if mount -t tmpfs -o "size=${fs_mb}m" relais-bench-full "$full" 2>/dev/null; then
  fs=tmpfs
elif truncate -s "$((fs_mb + 4))M" "$tmp/full.img" && mkfs.ext4 -q -F "$tmp/full.img" >/dev/null 2>&1 &&
     mount -o loop "$tmp/full.img" "$full" 2>/dev/null; then
  fs=ext4-loop
fi
if [ -z "$fs" ]; then
  result "RESULT_FAULT test=diskfull status=skipped reason=cannot_mount_tmpfs_or_loop_image_here"
else
  full_mounted="$full"
  cp "$tmp/real.db" "$full/relais.db"
  "$relais" --db "$tmp/real.db" -q export lieux --format json -o "$tmp/lieux.json"
  before="$(sqlite3 "$full/relais.db" 'SELECT count(*) FROM places')"
  avail=$(df -Pk "$full" | awk 'NR == 2 { print $4 }')
  dd if=/dev/zero of="$full/filler" bs=1K count=$(( avail - 256 )) 2>/dev/null || true
  set +e
  "$relais" --db "$full/relais.db" import lieux "$tmp/lieux.json" --source diskfull >"$tmp/diskfull.out" 2>"$tmp/diskfull.err"
  rc=$?
  set -e
  message="$(grep -im1 'full\|space\|espace\|disk' "$tmp/diskfull.err" "$tmp/diskfull.out" | cut -d: -f2- | tr -s ' ' | cut -c1-160)"
  integrity="$(sqlite3 "$full/relais.db" 'PRAGMA integrity_check' 2>&1 | head -1)"
  after="$(sqlite3 "$full/relais.db" 'SELECT count(*) FROM places')"
  rm -f "$full/filler"
  set +e
  "$relais" --db "$full/relais.db" -q import lieux "$tmp/lieux.json" --source diskfull >/dev/null 2>"$tmp/diskfull-again.err"
  rc_again=$?
  set -e
  again="$(sqlite3 "$full/relais.db" 'SELECT count(*) FROM places')"
  result "RESULT_FAULT test=diskfull fs=$fs size_mb=$fs_mb import_exit=$rc places_before=$before places_after=$after integrity=$integrity import_after_freeing_exit=$rc_again places_then=$again"
  echo "  import's message on the full disk: ${message:-(none matching full/space/disk: see below)}"
  [ -n "$message" ] || head -3 "$tmp/diskfull.err"
  umount "$full" && full_mounted=""
fi

# ------------------------------------------------------------------ summary
summary="$tmp/summary.txt"
{
  echo "bench/deploy/run.sh$([ "$smoke" = 1 ] && echo ' --smoke (SMOKE RUN: short loads, small data; not a measurement)')"
  echo "started $started_at, ended $(date -u +%Y-%m-%dT%H:%M:%SZ); code $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'); backend $backend"
  echo "machine: $(nproc) CPUs, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); $size synthetic places; wrk -t$wrk_threads -c$connections; $writers editors, one edit per ${edit_interval} s each"
  echo
  printf '%-14s %10s %8s %8s %8s %7s %7s %8s %8s %6s %s\n' setup req/s p50_ms p99_ms requests errors edits edit_err edit_p99 stored verify
  for s in sqlite-1 "$multi" kill9 pgrestart; do
    l="$(grep "^RESULT_LOAD setup=$s " "$results" || true)"
    [ -n "$l" ] || continue
    w="$(grep "^RESULT_WRITES label=$s " "$results" || true)"
    v="$(grep "^RESULT_VERIFY label=$s " "$results" || true)"
    printf '%-14s %10s %8s %8s %8s %7s %7s %8s %8s %6s %s\n' "$s" "$(field rps "$l")" "$(field p50_ms "$l")" "$(field p99_ms "$l")" \
      "$(field requests "$l")" "$(field errors_total "$l")" "$(field acked "$w")" "$(field failed "$w")" "$(field edit_p99_ms "$w")" \
      "$(field acked_stored "$v")" "$(field ok "$v")"
  done
  a="$(field rps "$(grep "^RESULT_LOAD setup=sqlite-1 " "$results")")"
  b="$(field rps "$(grep "^RESULT_LOAD setup=$multi " "$results")")"
  echo
  awk -v a="$a" -v b="$b" -v m="$multi" 'BEGIN { if (a > 0) printf "ratio %s / sqlite-1 (req/s): %.2f\n", m, b / a }'
  echo "errors = wrk socket errors (connect, read, write, timeout) + non-2xx answers; edit_err = edits not acknowledged;"
  echo "stored = acknowledged edits found in the database afterwards; verify = none missing, none stored twice, no half-written record"
  echo
  grep -E '^RESULT_(FAULT|RELOADS|WRITE_ERROR|PG|MIGRATE_DATA)' "$results" || true
} >"$summary"
echo
echo "================ summary"
cat "$summary"
mkdir -p "$repo/bench/out"
{ cat "$summary"; echo; echo "---- every RESULT line"; cat "$results"; } >"$repo/bench/out/deploy.txt"
echo "written to bench/out/deploy.txt"
