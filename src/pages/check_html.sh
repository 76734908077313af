#!/bin/sh
# HTML validity of every rendered sample page, checked with HTML Tidy
# (Debian package `tidy`, 5.6): any error or warning fails, except Tidy 5.6's
# "proprietary attribute aria-current" (aria-current is WAI-ARIA 1.1, valid
# HTML, used by the DSFR breadcrumb and pagination; Tidy's attribute table
# predates it). Skips (77) when tidy is not installed.
# Inline SVG (the territory pages' maps and charts) is checked apart: Tidy
# 5.6 predates SVG in HTML (it calls font-family, <title id> and decimal
# sizes "proprietary"), so each <svg> element is cut out and parsed as XML
# by xmllint (Debian `libxml2-utils`; the SVG must be well-formed), and
# Tidy sees the page with an empty <span> in its place.
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
  checked="$page"
  if grep -q '<svg' "$page"; then
    command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils"; exit 1; }
    checked="$page.nosvg"
    perl -0pe 's#<svg\b.*?</svg>#<span></span>#gs' "$page" >"$checked"
    n=0
    for svg in $(perl -0ne 'my $i = 0; while (/(<svg\b.*?<\/svg>)/gs) { $i++; open(my $f, ">", "$ARGV.svg$i") or die; print $f $1; close $f; print "$ARGV.svg$i\n"; }' "$page"); do
      n=$((n + 1))
      if ! xmllint --noout "$svg" 2>"$svg.log"; then
        echo "FAIL $(basename "$page"): SVG $n is not well-formed XML"
        cat "$svg.log"
        status=1
      fi
    done
  fi
  # -errors: report only; -q: no summary; exit 1 = warnings, 2 = errors.
  report=$(tidy -errors -q -utf8 --show-warnings yes --drop-empty-elements no "$checked" 2>&1 |
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
