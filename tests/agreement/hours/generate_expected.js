// Writes the npm `opening_hours` verdicts for every real `horaires` string at
// a fixed set of instants, for the C++ comparer (agree.cpp).
// Usage: node generate_expected.js <shared-data-dir> <node_modules-dir> <out-file> [strings-file]
// (strings-file, one string per line, replaces the real strings: for exploring.)
// Output: line 1 `T<TAB>epoch seconds, comma-separated`; then one line per
// string: `ok|error<TAB>bits (1 = getState true per instant)<TAB>string`.
'use strict';
process.env.TZ = 'Europe/Paris';  // the library evaluates in the JS local zone
const fs = require('fs');
const path = require('path');
const { extractStrings } = require('./extract_strings.js');

const [dataDir, modulesDir, outFile, stringsFile] = process.argv.slice(2);
const OpeningHours = require(path.join(modulesDir, 'opening_hours'));
// French public holidays need a country; no state (Alsace-Moselle not wanted).
const nominatim = { lat: 48.85, lon: 2.35, address: { country_code: 'fr', state: '' } };

const instants = [];
const start = Date.UTC(2025, 11, 31, 23, 0) / 1000;  // 2026-01-01T00:00 Paris
const end = Date.UTC(2026, 11, 31, 23, 0) / 1000;
for (let t = start; t < end; t += 97 * 60) instants.push(t);
// Dense sampling around the two 2026 DST switches (01:00Z), every 7 minutes over ±26 h.
for (const sw of [Date.UTC(2026, 2, 29, 1, 0) / 1000, Date.UTC(2026, 9, 25, 1, 0) / 1000])
  for (let t = sw - 26 * 3600; t <= sw + 26 * 3600; t += 7 * 60) instants.push(t);
const dates = instants.map((t) => new Date(t * 1000));

const lines = ['T\t' + instants.join(',')];
const strings = stringsFile
  ? fs.readFileSync(stringsFile, 'utf8').split('\n').filter((l) => l !== '')
  : extractStrings(dataDir);
for (const s of strings) {
  let oh;
  try {
    oh = new OpeningHours(s, nominatim);
  } catch (e) {
    lines.push('error\t\t' + s);
    continue;
  }
  let bits = '';
  for (const d of dates) bits += oh.getState(d) ? '1' : '0';
  lines.push('ok\t' + bits + '\t' + s);
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
console.log(`npm opening_hours: ${lines.length - 1} strings x ${instants.length} instants`);
