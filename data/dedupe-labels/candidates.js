// Helper for labelling (not part of the product): lists candidate pairs of the
// PACA file with the signals a human needs to judge them. Usage:
//   node data/dedupe-labels/candidates.js SHARED_DATA_DIR > /tmp/candidates.tsv
const fs = require('fs');
const path = require('path');
const fuzz = require(path.join(__dirname, '../../node_modules/fuzzball'));
const dir = process.argv[2];
const places = JSON.parse(fs.readFileSync(path.join(dir, 'lieux/cartonat_v0.1_20230516_hub-du-sud_paca.json'), 'utf8'));
const norm = (s) => (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()
  .replace(/[^A-Z0-9]+/g, ' ').trim().replace(/\bSAINTE\b/g, 'STE').replace(/\bSAINT\b/g, 'ST');
const lp = fs.readFileSync(path.join(dir, 'territoires/laposte_hexasmal_d4g_2020.csv'), 'utf8').split('\n').slice(1);
const byKey = new Map(), byCp = new Map();
for (const line of lp) {
  const f = line.split(';'); if (f.length < 3) continue;
  byKey.set(f[2] + '|' + norm(f[1]), f[0]);
  if (!byCp.has(f[2])) byCp.set(f[2], new Set()); byCp.get(f[2]).add(f[0]);
}
for (const p of places) {
  if (!p.code_insee) {
    const k = byKey.get(p.code_postal + '|' + norm(p.commune));
    const s = byCp.get(p.code_postal);
    p.insee = k || (s && s.size === 1 ? [...s][0] : undefined);
  } else p.insee = p.code_insee;
}
const digits = (t) => (t || '').replace(/\D/g, '').slice(-9);
const dist = (a, b) => {
  if (a.latitude == null || b.latitude == null) return NaN;
  const R = 6371000, r = Math.PI / 180;
  const dl = (b.latitude - a.latitude) * r, dn = (b.longitude - a.longitude) * r;
  const h = Math.sin(dl / 2) ** 2 + Math.cos(a.latitude * r) * Math.cos(b.latitude * r) * Math.sin(dn / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
};
const out = [];
for (let i = 0; i < places.length; i++) for (let j = i + 1; j < places.length; j++) {
  const a = places[i], b = places[j];
  const sameInsee = a.insee && a.insee === b.insee;
  const d = dist(a, b);
  const tel = digits(a.telephone) && digits(a.telephone) === digits(b.telephone);
  const mail = a.courriel && b.courriel && a.courriel.toLowerCase() === b.courriel.toLowerCase();
  const cp = a.code_postal === b.code_postal;
  if (!(sameInsee || d < 300 || tel || mail || cp)) continue;
  const n = fuzz.ratio(a.nom, b.nom), ad = fuzz.ratio(a.adresse, b.adresse);
  let ds = 100;
  if (a.latitude != null && b.latitude != null) {
    const dd = Math.sqrt((a.latitude - b.latitude) ** 2 + (a.longitude - b.longitude) ** 2);
    ds = dd < 0.0004 ? 100 : Math.trunc(100 / (dd * 1000 + 1));
  }
  const score = Math.trunc((n + ad + ds) / 3);
  out.push([a.id, b.id, a.source, b.source, sameInsee ? 1 : 0, score, n, ad, ds, isNaN(d) ? '' : Math.round(d),
    tel ? 1 : 0, mail ? 1 : 0, cp ? 1 : 0, a.nom, b.nom, a.adresse, b.adresse, a.commune, b.commune,
    a.telephone || '', b.telephone || '', a.courriel || '', b.courriel || ''].join('\t'));
}
console.log(out.join('\n'));
