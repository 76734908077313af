#!/bin/sh
# The orientation sheet prints on ONE A4 page: the longest sheet
# (orientation_sample_data.h) is rendered with the real DSFR stylesheets and
# the print stylesheet, printed to PDF by headless Chromium (Debian
# `chromium`), and its pages counted with pdfinfo (Debian `poppler-utils`).
# Skips (77) only when chromium is not installed.
# Usage: orientation_pdf_test.sh SAMPLES_BINARY OUTPUT_DIR DSFR_DIST
set -eu
samples=$1
dir=$2
dsfr=$3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium not installed (apt-get install chromium): skipped"
  exit 77
fi
command -v pdfinfo >/dev/null || { echo "pdfinfo missing: apt-get install poppler-utils"; exit 1; }
[ -d "$dsfr" ] || { echo "DSFR not installed at $dsfr: run npm ci"; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
"$samples" "$dir" "file://$dsfr"
status=0
for page in sheet sheet-longest; do
  # The page links /orientation/fiche.css on the server; here the file is beside it.
  sed 's|href="/orientation/fiche.css"|href="fiche.css"|' "$dir/$page.html" >"$dir/$page.print.html"
  grep -q 'href="fiche.css"' "$dir/$page.print.html" || { echo "FAIL $page: no print stylesheet link"; status=1; }
  "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$dir/profile" \
    --allow-file-access-from-files --print-to-pdf="$dir/$page.pdf" "file://$dir/$page.print.html" \
    >"$dir/$page.chromium.log" 2>&1 || true
  if [ ! -s "$dir/$page.pdf" ]; then
    echo "FAIL $page: chromium wrote no PDF"; cat "$dir/$page.chromium.log"; status=1; continue
  fi
  pages=$(pdfinfo "$dir/$page.pdf" | sed -n 's/^Pages: *//p')
  size=$(pdfinfo "$dir/$page.pdf" | sed -n 's/^Page size: *//p')
  text=$(pdftotext -layout "$dir/$page.pdf" - 2>/dev/null || true)
  echo "$page: $pages page(s), $size"
  [ "$pages" = 1 ] || { echo "FAIL $page: $pages pages, expected 1"; status=1; }
  case "$size" in *"(A4)"*) ;; *) echo "FAIL $page: not A4 portrait ($size)"; status=1 ;; esac
  # What the sheet must show, and what print must hide.
  for want in "Fiche d" "Horaires" "Comment y aller" "Orientation réalis" "openstreetmap.org"; do
    printf '%s' "$text" | grep -q "$want" || { echo "FAIL $page: printed text lacks \"$want\""; status=1; }
  done
  for hidden in "Envoyer par e-mail" "Aller au contenu" "Nouvelle orientation" "Étape 4 sur 4"; do
    if printf '%s' "$text" | grep -q "$hidden"; then echo "FAIL $page: \"$hidden\" is printed"; status=1; fi
  done
done
exit $status
