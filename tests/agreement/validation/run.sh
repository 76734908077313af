#!/bin/sh
# Agreement test of validation with the reference JS library. Environment (set
# by CTest, see src/validation/CMakeLists.txt): RELAIS_AGREE_TOOL,
# RELAIS_SOURCE_DIR, RELAIS_SHARED_DATA_DIR, RELAIS_WORK_DIR, NODE.
# Exit 77 (skipped) when node, node_modules or the shared data are missing.
set -eu
NODE=${NODE:-node}
LIB="$RELAIS_SOURCE_DIR/node_modules/@gouvfr-anct/lieux-de-mediation-numerique"
DATA="$RELAIS_SHARED_DATA_DIR"
if ! command -v "$NODE" >/dev/null 2>&1 || [ ! -d "$LIB" ] || [ ! -d "$DATA/lieux" ]; then
  echo "skipped: node, $LIB or $DATA/lieux missing"
  exit 77
fi
# Inputs: the 4 real v0.1 files, and the sample data shipped by the national
# map's npm package (its default source.json, v0.1 layout, and a fake sample).
MAP_DATA="$RELAIS_SOURCE_DIR/node_modules/@gouvfr-anct/cartographie-nationale/assets/data"
set -- "$DATA"/lieux/cartonat_v0.1_*.json
for extra in "$MAP_DATA/source.json" "$MAP_DATA/lieux-inclusion-numerique.fake.json"; do
  [ -f "$extra" ] && set -- "$@" "$extra"
done
"$RELAIS_AGREE_TOOL" "$RELAIS_WORK_DIR" "$DATA/standard/lamednum_exemple-valide_v1.csv" "$@"
NODE_PATH="$RELAIS_SOURCE_DIR/node_modules" exec "$NODE" "$RELAIS_SOURCE_DIR/tests/agreement/validation/agree.cjs" "$RELAIS_WORK_DIR"
