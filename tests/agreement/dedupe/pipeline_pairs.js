// Independent node implementation of the pipeline's candidate pairs and
// scores (mednum-cli src/dedupliquer/, reference §11.1-11.3) with npm
// fuzzball, on places exported by relais_dedupe_pipeline_compare.
// Usage: node pipeline_pairs.js PLACES.json NODE_MODULES_DIR > pairs.json
// Output: {"cross": [[id_a, id_b, score]...], "internal": [...]}, ids in file order.
const fs = require('fs');
const path = require('path');
const [placesFile, modulesDir] = process.argv.slice(2);
const { ratio } = require(path.join(modulesDir, 'fuzzball'));
const places = JSON.parse(fs.readFileSync(placesFile, 'utf8'));
const distanceScore = (a, b) => {
  if (a.latitude === undefined || b.latitude === undefined) return 100;
  const d = Math.sqrt((a.latitude - b.latitude) ** 2 + (a.longitude - b.longitude) ** 2);
  return d < 0.0004 ? 100 : Math.trunc(100 / (d * 1000 + 1));
};
const run = (allowInternal) => {
  const threshold = allowInternal ? 90 : 83;
  const out = [];
  for (let i = 0; i < places.length; i++) for (let j = i + 1; j < places.length; j++) {
    const a = places[i], b = places[j];
    if (a.code_insee === undefined || a.code_insee !== b.code_insee || a.id === b.id) continue;
    if (!allowInternal && a.source === b.source) continue;
    const score = Math.trunc((ratio(a.adresse, b.adresse) + ratio(a.nom, b.nom) + distanceScore(a, b)) / 3);
    if (score > threshold) out.push([a.id, b.id, score]);
  }
  return out;
};
process.stdout.write(JSON.stringify({ cross: run(false), internal: run(true) }));
