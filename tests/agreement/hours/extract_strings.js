// Collects every real `horaires` string (deduplicated, in first-seen order)
// from the shared data set: the four cartonat v0.1 files plus the mednum-cli
// raw sources whose config maps `horaires` straight from an OSM column.
// Usage: node extract_strings.js <shared-data-dir>  → one string per line on stdout,
// or require() it and call extractStrings(dir).
'use strict';
const fs = require('fs');
const path = require('path');

function extractStrings(dataDir) {
const lieux = path.join(dataDir, 'lieux');
const seen = new Set();
const out = [];
function add(value) {
  if (typeof value !== 'string') return;
  const s = value.replace(/[\r\n]+/g, ' ').trim();
  if (s === '' || seen.has(s)) return;
  seen.add(s);
  out.push(s);
}

for (const f of fs.readdirSync(lieux).filter((n) => /^cartonat_v0\.1_.*\.json$/.test(n)).sort()) {
  for (const record of JSON.parse(fs.readFileSync(path.join(lieux, f), 'utf8'))) add(record.horaires);
}

const raw = path.join(lieux, 'mednum-cli_sources_brutes');
for (const f of fs.readdirSync(raw).filter((n) => n.endsWith('.config.json')).sort()) {
  const config = JSON.parse(fs.readFileSync(path.join(raw, f), 'utf8'));
  const column = config.horaires && typeof config.horaires.osm === 'string' && !config.horaires.jours
    ? config.horaires.osm : null;
  const dataFile = path.join(raw, f.replace('.config.json', '.json'));
  if (!column || !fs.existsSync(dataFile)) continue;
  let records = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
  if (!Array.isArray(records)) records = Object.values(records).find(Array.isArray) || [];
  for (const record of records) add(record && record[column]);
}
return out;
}

module.exports = { extractStrings };
if (require.main === module) process.stdout.write(extractStrings(process.argv[2]).join('\n') + '\n');
