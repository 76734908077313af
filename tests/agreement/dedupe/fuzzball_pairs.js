// Writes one JSON line [a, b, fuzzball.ratio(a, b)] per distinct string pair:
// nom and adresse of every same-commune pair of the PACA and Hinaura files
// (commune compared case-insensitively), plus tricky strings.
// Usage: node fuzzball_pairs.js SHARED_DATA_DIR NODE_MODULES_DIR > pairs.jsonl
const fs = require('fs');
const path = require('path');
const [dataDir, modulesDir] = process.argv.slice(2);
const fuzz = require(path.join(modulesDir, 'fuzzball'));
const files = ['cartonat_v0.1_20230516_hub-du-sud_paca.json', 'cartonat_v0.1_hinaura_auvergne-rhone-alpes.json'];
const seen = new Set();
const out = [];
const emit = (a, b) => {
  const key = a + '\u0000' + b;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(JSON.stringify([a, b, fuzz.ratio(a, b)]));
};
for (const file of files) {
  const places = JSON.parse(fs.readFileSync(path.join(dataDir, 'lieux', file), 'utf8'));
  const byCommune = new Map();
  for (const p of places) {
    const key = String(p.commune || '').toLowerCase();
    if (!byCommune.has(key)) byCommune.set(key, []);
    byCommune.get(key).push(p);
  }
  for (const group of byCommune.values()) {
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) {
      emit(String(group[i].nom || ''), String(group[j].nom || ''));
      emit(String(group[i].adresse || ''), String(group[j].adresse || ''));
    }
  }
}
const tricky = ['', ' ', '!!!', 'Médiathèque', 'MEDIATHEQUE', 'mediatheque', 'e\u0301cole', 'école', 'ÉCOLE',
  'L’Escarène', "L'Escarène", 'Saint-Étienne-de-Tinée', 'St Etienne de Tinee', 'İstanbul', 'ß', 'SS',
  'a😀b', 'ab', '𝐀bc', 'abc', 'Œuvre', 'oeuvre', 'Ærø', '½ prix', '1/2 prix', 'n° 12', 'N°12',
  'Rue_de_la_Paix', 'rue de la paix', '  spaced\tout\n', 'ΣΟΦΙΑ', 'σοφια', 'ΟΔΟΣ', 'οδοσ', 'ΟΔΟΣ Α', 'οδος α', 'ΑΣ', 'Σ', 'Ⅻ', 'xii', '١٢٣', '123',
  '中文', '日本語', 'ﬁn', 'fin', 'ǅ', 'dž', '\u00a0nbsp\u00a0', 'nbsp', 'x'.repeat(70) + 'y', 'x'.repeat(71),
  'Esp@ce informatique', 'Espace Informatique', "Centre d'Accès au Droit", 'centre dacces au droit'];
for (const a of tricky) for (const b of tricky) emit(a, b);
process.stdout.write(out.join('\n') + '\n');
