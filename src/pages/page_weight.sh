#!/bin/sh
# Weight of each rendered sample page as transferred: the HTML and each DSFR
# stylesheet it links, raw and gzip-compressed (gzip -6, like the server's
# zlib default), plus the Marianne fonts a first visit downloads (woff2,
# already compressed, counted apart). Fails when the results page (20 places,
# filters, no map) is over the budget of issue 3: 150 KB (150,000 bytes) of
# HTML and DSFR CSS transferred gzip-compressed. The fonts (about 83 KB on a
# first visit, cached after) are printed so the total stays visible.
# Skips (77) when node_modules/@gouvfr/dsfr is not installed (npm ci).
# Usage: page_weight.sh SAMPLES_BINARY OUTPUT_DIR DSFR_DIST_DIR
set -eu
samples=$1
dir=$2
dist=$3
budget=150000
if [ ! -f "$dist/core/core.min.css" ]; then
  echo "DSFR not installed in $dist (npm ci): skipped"
  exit 77
fi
rm -rf "$dir"
"$samples" "$dir"
gz() { gzip -6 -c "$1" | wc -c; }
# Fonts a page uses: regular text, bold headings, badges and buttons (the
# templates use no Medium weight: buttons carry fr-text--bold).
fonts=0
for f in Marianne-Regular Marianne-Bold; do
  fonts=$((fonts + $(wc -c < "$dist/fonts/$f.woff2")))
done
status=0
printf '%-18s %9s %9s %9s %9s %11s %9s %12s\n' page html html.gz css css.gz html+css.gz fonts +fonts.gz
for page in "$dir"/*.html; do
  name=$(basename "$page" .html)
  html=$(wc -c < "$page")
  html_gz=$(gz "$page")
  css=0
  css_gz=0
  while read -r sheet; do
    css=$((css + $(wc -c < "$dist/$sheet")))
    css_gz=$((css_gz + $(gz "$dist/$sheet")))
  done < "$dir/$name.css.txt"
  total=$((html_gz + css_gz))
  printf '%-18s %9d %9d %9d %9d %11d %9d %12d\n' "$name" "$html" "$html_gz" "$css" "$css_gz" "$total" "$fonts" \
    $((total + fonts))
  if [ "$name" = results ] && [ "$total" -gt "$budget" ]; then
    echo "results page: $total bytes of HTML and CSS transferred, over the $budget budget"
    status=1
  fi
done
exit $status
