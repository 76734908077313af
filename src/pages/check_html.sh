#!/bin/sh
# HTML validity of every rendered sample page, checked with HTML Tidy
# (Debian package `tidy`, 5.6): any error or warning fails, except Tidy 5.6's
# "proprietary attribute aria-current" (aria-current is WAI-ARIA 1.1, valid
# HTML, used by the DSFR breadcrumb and pagination; Tidy's attribute table
# predates it). Skips (77) when tidy is not installed.
# Usage: check_html.sh SAMPLES_BINARY OUTPUT_DIR
set -eu
samples=$1
dir=$2
if ! command -v tidy >/dev/null 2>&1; then
  echo "tidy not installed (apt-get install tidy): skipped"
  exit 77
fi
rm -rf "$dir"
"$samples" "$dir"
status=0
count=0
for page in "$dir"/*.html; do
  count=$((count + 1))
  # -errors: report only; -q: no summary; exit 1 = warnings, 2 = errors.
  report=$(tidy -errors -q -utf8 --show-warnings yes --drop-empty-elements no "$page" 2>&1 |
    grep -v 'Warning: <[a-z]*> proprietary attribute "aria-current"$' || true)
  if [ -n "$report" ]; then
    echo "FAIL $(basename "$page")"
    echo "$report"
    status=1
  else
    echo "ok   $(basename "$page")"
  fi
done
[ "$count" -gt 0 ] || { echo "no sample rendered"; exit 1; }
exit $status
