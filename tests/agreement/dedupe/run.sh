#!/bin/sh
# fuzzball agreement: node writes fuzzball.ratio on real and tricky string
# pairs, the C++ tool recomputes them; then the pipeline rules are compared
# with a node implementation on real fuzzball. Exit 77 (skip) without node, the
# fuzzball package or the shared data.
set -eu
: "${RELAIS_COMPARE_TOOL:?}" "${RELAIS_PIPELINE_TOOL:?}" "${RELAIS_SOURCE_DIR:?}" "${RELAIS_SHARED_DATA_DIR:?}" "${RELAIS_WORK_DIR:?}"
NODE="${NODE:-node}"
if ! command -v "$NODE" >/dev/null 2>&1; then echo "node not found: skipped"; exit 77; fi
if [ ! -d "$RELAIS_SOURCE_DIR/node_modules/fuzzball" ]; then echo "fuzzball not installed: skipped"; exit 77; fi
if [ ! -f "$RELAIS_SHARED_DATA_DIR/lieux/cartonat_v0.1_20230516_hub-du-sud_paca.json" ] ||
   [ ! -f "$RELAIS_SHARED_DATA_DIR/lieux/cartonat_v0.1_hinaura_auvergne-rhone-alpes.json" ]; then
  echo "shared data missing: skipped"; exit 77
fi
mkdir -p "$RELAIS_WORK_DIR"
"$NODE" "$RELAIS_SOURCE_DIR/tests/agreement/dedupe/fuzzball_pairs.js" "$RELAIS_SHARED_DATA_DIR" \
  "$RELAIS_SOURCE_DIR/node_modules" > "$RELAIS_WORK_DIR/fuzzball_pairs.jsonl"
"$RELAIS_COMPARE_TOOL" "$RELAIS_WORK_DIR/fuzzball_pairs.jsonl"
"$RELAIS_PIPELINE_TOOL" export "$RELAIS_SHARED_DATA_DIR" "$RELAIS_WORK_DIR/pipeline_places.json"
"$NODE" "$RELAIS_SOURCE_DIR/tests/agreement/dedupe/pipeline_pairs.js" "$RELAIS_WORK_DIR/pipeline_places.json" \
  "$RELAIS_SOURCE_DIR/node_modules" > "$RELAIS_WORK_DIR/pipeline_pairs.json"
"$RELAIS_PIPELINE_TOOL" check "$RELAIS_SHARED_DATA_DIR" "$RELAIS_WORK_DIR/pipeline_pairs.json"
