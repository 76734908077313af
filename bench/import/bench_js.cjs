// JS side of the import benchmark: the reference library's validation
// (fromSchemaLieuDeMediationNumerique per record, as the national pipeline's
// fromSchemaLieuxDeMediationNumerique does, but catching the throw so one bad
// record does not stop the run) on the v1 records written by
// relais_import_bench; "pipeline" adds JSON.parse of the v1 JSON text.
//
//   node bench_js.cjs V1_JSON REPEATS
'use strict';
const fs = require('fs');
const lib = require('@gouvfr-anct/lieux-de-mediation-numerique');

const [file, repeatsText] = process.argv.slice(2);
const repeats = Number(repeatsText);
const text = fs.readFileSync(file, 'utf8');
const records = JSON.parse(text);

const validateAll = (list) => {
  let valid = 0;
  for (const record of list) {
    try {
      lib.fromSchemaLieuDeMediationNumerique(record);
      valid++;
    } catch (e) { /* rejected */ }
  }
  return valid;
};

validateAll(records);  // warm-up (JIT)

let start = process.hrtime.bigint();
let validated = 0, valid = 0;
for (let r = 0; r < repeats; r++) { valid += validateAll(records); validated += records.length; }
const validateS = Number(process.hrtime.bigint() - start) / 1e9;

start = process.hrtime.bigint();
let parsed = 0;
for (let r = 0; r < repeats; r++) { const list = JSON.parse(text); validateAll(list); parsed += list.length; }
const pipelineS = Number(process.hrtime.bigint() - start) / 1e9;

console.log(`js_validate_records=${validated} valid=${valid} seconds=${validateS}`);
console.log(`js_validate_records_per_sec=${Math.round(validated / validateS)}`);
console.log(`js_pipeline_records=${parsed} seconds=${pipelineS}`);
console.log(`js_pipeline_records_per_sec=${Math.round(parsed / pipelineS)}`);
