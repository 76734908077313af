#!/bin/sh
# Agreement test: npm opening_hours vs relais::hours on every real `horaires`
# string. Usage: run_agreement.sh <agree-binary> <shared-data-dir> <node_modules-dir>
# Exits 77 (skipped) when node, the npm package or the shared data is missing.
set -eu
agree="$1"; data="$2"; modules="$3"
here="$(cd "$(dirname "$0")" && pwd)"
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
[ -d "$modules/opening_hours" ] || { echo "npm opening_hours not installed: skipped"; exit 77; }
[ -d "$data/lieux" ] || { echo "shared data not found: skipped"; exit 77; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
TZ=Europe/Paris node "$here/generate_expected.js" "$data" "$modules" "$out/expected.tsv"
"$agree" "$out/expected.tsv"
