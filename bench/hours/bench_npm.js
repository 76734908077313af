// npm `opening_hours` getState() throughput on real `horaires` strings.
// Usage: node bench_npm.js <shared-data-dir> <node_modules-dir> <pairs-out>
// Writes the (string, instant) workload to <pairs-out> so the C++ benchmark
// evaluates exactly the same pairs, then prints `npm_evals_per_sec=<n>`.
'use strict';
process.env.TZ = 'Europe/Paris';
const fs = require('fs');
const path = require('path');
const { extractStrings } = require('../../tests/agreement/hours/extract_strings.js');

const [dataDir, modulesDir, pairsOut] = process.argv.slice(2);
const OpeningHours = require(path.join(modulesDir, 'opening_hours'));
const nominatim = { lat: 48.85, lon: 2.35, address: { country_code: 'fr', state: '' } };

// 1,000 instants spread over 2026 (a prime step so times of day vary).
const instants = [];
for (let i = 0, t = Date.UTC(2025, 11, 31, 23, 0) / 1000; i < 1000; ++i, t += 31567) instants.push(t);
const dates = instants.map((t) => new Date(t * 1000));

const compiled = [];
const accepted = [];
for (const s of extractStrings(dataDir)) {
  try { compiled.push(new OpeningHours(s, nominatim)); accepted.push(s); } catch (e) { /* skipped */ }
}
fs.writeFileSync(pairsOut, 'T\t' + instants.join(',') + '\n' + accepted.join('\n') + '\n');

let open = 0;
let seconds = Infinity;
for (let repeat = 0; repeat < 5; ++repeat) {  // best of 5, as the C++ side
  open = 0;
  const begin = process.hrtime.bigint();
  for (const oh of compiled) for (const d of dates) if (oh.getState(d)) ++open;
  seconds = Math.min(seconds, Number(process.hrtime.bigint() - begin) / 1e9);
}
const evals = compiled.length * dates.length;
console.log(`npm: ${compiled.length} strings x ${dates.length} instants = ${evals} getState() in ${seconds.toFixed(3)} s (best of 5, open=${open})`);
console.log(`npm_evals_per_sec=${Math.round(evals / seconds)}`);
