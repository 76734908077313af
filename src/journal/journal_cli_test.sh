#!/usr/bin/env bash
# End-to-end test of `relais journal verify|seal|show` on a temporary database
# filled through journal::Journal (relais_journal_fill), then altered behind
# the application's back (the sqlite3 shell on SQLite, psql on the suite's
# PostgreSQL pass): an edited, a deleted and two swapped entries must each be
# named by `relais journal verify` (exit 1).
# Usage: journal_cli_test.sh PATH/TO/relais PATH/TO/relais_journal_fill [REPO_ROOT]
set -uo pipefail
RELAIS=$(realpath "$1")
FILL=$(realpath "$2")
ROOT=$(realpath "${3:-$(dirname "$0")/../..}")
WORK=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT; echo "work dir $WORK"
cd "$WORK" || exit 1
export RELAIS_KEYS_DIR="$WORK/var/keys"   # also ./var/keys, the default, from here
. "$ROOT/tests/lib/test_database.sh"
DB=$(test_database_url "$RELAIS" "$WORK" relais) || exit 1
failures=0

command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing (apt-get install sqlite3)"; exit 1; }

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect_rc CODE DESCRIPTION DB -- COMMAND...
expect_rc() {
  local want=$1 what=$2 db=$3; shift 4
  RELAIS_DATABASE_URL="$db" "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  [ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$WORK/out" "$WORK/err" | head -8; }
}
expect_out() {  # expect_out PATTERN DESCRIPTION (grep -E on the last stdout)
  grep -qE "$1" "$WORK/out" || { fail "$2: output lacks /$1/"; head -8 "$WORK/out" | sed 's/^/  | /'; }
}
expect_first() {  # expect_first PATTERN DESCRIPTION: the first problem line
  head -1 "$WORK/out" | grep -qE "$1" || { fail "$2: first line is not /$1/"; head -3 "$WORK/out" | sed 's/^/  | /'; }
}
# json_true SQL-CONDITION DESCRIPTION: the condition on the last stdout, as JSON `j`
# (SQLite's JSON functions, so the test needs no other tool than the sqlite3 shell).
json_true() {
  local got
  got=$(sqlite3 :memory: "SELECT ($1) FROM (SELECT readfile('$WORK/out') AS j)" 2>&1)
  [ "$got" = 1 ] || { fail "$2 ($got)"; head -8 "$WORK/out" | sed 's/^/  | /'; }
}
# altered NAME SQL: a copy of the database, altered by the SQL given with the
# append-only triggers out of the way, as an attacker with the database's
# files or its superuser would (SQLite: the triggers dropped from the copy;
# PostgreSQL: a copy made by `relais migrate-data`, triggers bypassed by
# session_replication_role). Prints the copy's URL.
altered() {
  local name=$1 sql=$2 copy
  if on_postgresql; then
    copy=$(test_database_url "$RELAIS" "$WORK" "$name") || { fail "schema for $name"; return; }
    RELAIS_DATABASE_URL="$DB" "$RELAIS" -q migrate-data --from "$DB" --to "$copy" >"$WORK/copy.out" 2>&1 ||
      { fail "migrate-data for $name"; cat "$WORK/copy.out" >&2; }
    psql -X -q -v ON_ERROR_STOP=1 "$copy" -c "SET session_replication_role = replica; $sql" >/dev/null ||
      fail "psql edit for $name"
  else
    copy="$WORK/$name.db"
    sqlite3 "$DB" ".backup '$copy'" || fail "backup for $name"
    sqlite3 "$copy" "DROP TRIGGER journal_entries_append_only_update; DROP TRIGGER journal_entries_append_only_delete;
                     $sql" || fail "sqlite3 edit for $name"
  fi
  echo "$copy"
}
# run_sql DB SQL: on the database itself, triggers in place.
run_sql() {
  if on_postgresql; then psql -X -q -v ON_ERROR_STOP=1 "$1" -c "$2" >/dev/null 2>&1; else sqlite3 "$1" "$2" 2>/dev/null; fi
}

# --- an empty journal -------------------------------------------------------
expect_rc 0 "verify an empty journal" "$DB" -- "$RELAIS" journal verify
expect_out "journal verified: 0 entries, 0 signed checkpoints" "empty journal verified"
expect_rc 0 "seal an empty journal" "$DB" -- "$RELAIS" journal seal
grep -q "empty" "$WORK/err" || fail "seal of an empty journal says so"

# --- 40 entries, sealed every 16 --------------------------------------------
RELAIS_DATABASE_URL="$DB" "$FILL" "$DB" "$WORK/var/keys" 40 16 || fail "relais_journal_fill"
expect_rc 0 "verify" "$DB" -- "$RELAIS" journal verify
expect_out "journal verified: 40 entries, 2 signed checkpoints" "40 entries, checkpoints at 16 and 32"
RELAIS_PUBLIC_URL=https://relais.ville.example expect_rc 0 "seal" "$DB" -- "$RELAIS" journal seal
expect_out "^relais/journal$" "seal keeps the origin of the journal's first checkpoint (not RELAIS_PUBLIC_URL's)"
expect_out "^40$" "seal prints the size"
grep -qE "^— relais [A-Za-z0-9+/]{91}=$" "$WORK/out" || fail "seal prints a C2SP signature line"
cp "$WORK/out" "$WORK/note40"
expect_rc 0 "seal again" "$DB" -- "$RELAIS" journal seal
grep -q "nothing new" "$WORK/err" || fail "second seal says nothing new"
cmp -s "$WORK/out" "$WORK/note40" || fail "second seal prints the same note"
expect_rc 0 "verify --json" "$DB" -- "$RELAIS" journal verify --json
json_true "j->>'ok' = 1 AND j->>'entries' = 40 AND j->>'checkpoints' = 3 AND json_array_length(j, '\$.problems') = 0" \
  "verify --json: ok, 40 entries, 3 checkpoints"
expect_rc 0 "verify --public-key" "$DB" -- "$RELAIS" journal verify --public-key "$WORK/var/keys/journal-ed25519.pub"

# Another key: every checkpoint is refused.
head -c 32 /dev/urandom >"$WORK/other.pub"; chmod 600 "$WORK/other.pub"
expect_rc 1 "verify with another public key" "$DB" -- "$RELAIS" journal verify --public-key "$WORK/other.pub"
expect_out "pas signé par cette clé publique" "another key is named"

# --- show ---------------------------------------------------------------------
expect_rc 0 "show" "$DB" -- "$RELAIS" journal show --from 2 --limit 3
expect_out "^#2 .* Connexion \[connexion\] utilisateur 12 structure 3 session session-2" "show prints labels"
expect_out "^#3 .* Connexion refusée \[connexion_refusee\]" "show: French label of a failure"
[ "$(grep -c '^#' "$WORK/out")" = 3 ] || fail "show --limit 3 prints 3 entries"
expect_rc 0 "show --json --personal" "$DB" -- "$RELAIS" journal show --json --personal --limit 2
json_true "json_array_length(j) = 2 AND j->>'\$[0].label' = 'Connexion' AND j->>'\$[0].personal.email' LIKE '%@example.fr' AND json_type(j, '\$[1].personal') = 'null'" \
  "show --json --personal"

# --- tampering behind the application's back ----------------------------------
# The triggers refuse an UPDATE while they are there.
if run_sql "$DB" "UPDATE journal_entries SET details = '{}' WHERE seq = 7"; then
  fail "the append-only trigger let an UPDATE through"
fi

db=$(altered edited "UPDATE journal_entries SET details = '{\"essai\":999,\"methode\":\"totp\"}' WHERE seq = 7;")
expect_rc 1 "verify an edited entry" "$db" -- "$RELAIS" journal verify
expect_first "^entry 7: l'entrée 7 a été modifiée" "the edited entry is named"

db=$(altered deleted "DELETE FROM journal_entries WHERE seq = 12;")
expect_rc 1 "verify a deleted entry" "$db" -- "$RELAIS" journal verify
expect_first "^entry 12: l'entrée 12 manque" "the deleted entry is named"

db=$(altered swapped "UPDATE journal_entries SET seq = -20 WHERE seq = 20;
  UPDATE journal_entries SET seq = 20 WHERE seq = 21;
  UPDATE journal_entries SET seq = 21 WHERE seq = -20;")
expect_rc 1 "verify swapped entries" "$db" -- "$RELAIS" journal verify
expect_first "^entry 20: l'entrée 20 n'est plus à sa place" "the first swapped entry is named"
expect_out "^entry 21: " "the second swapped entry is named"

db=$(altered truncated "DELETE FROM journal_entries WHERE seq > 35;")
expect_rc 1 "verify a truncated journal" "$db" -- "$RELAIS" journal verify
expect_out "taille 40 couvre plus d'entrées que le journal n'en contient \(35\)" "truncation caught by the checkpoint"

db=$(altered personal "UPDATE journal_personal SET fields = '{\"email\":\"autre@example.fr\",\"ip\":\"192.0.2.10\"}' WHERE seq = 9;")
expect_rc 1 "verify altered personal data" "$db" -- "$RELAIS" journal verify
expect_first "^entry 9: les données personnelles de l'entrée 9 ont été modifiées" "altered personal data named"

# Erasure (what account deletion does) keeps the journal verifiable.
db=$(altered erased "UPDATE journal_personal SET salt = '', fields = '', erased_at = '2027-01-01T00:00:00Z' WHERE user_id = 11;")
expect_rc 0 "verify after erasure" "$db" -- "$RELAIS" journal verify

# The untouched database still verifies.
expect_rc 0 "verify the original" "$DB" -- "$RELAIS" journal verify

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "journal cli: all checks passed"
