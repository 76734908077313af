// Page weight in a real browser: bytes received (headers + bodies as
// transferred, gzip/br included; DevTools protocol Network.loadingFinished
// encodedDataLength) for a cold load of a page, cache disabled, until the
// network is idle. Measures Relais' pages at RELAIS_URL, and the national
// map's client (npm @gouvfr-anct/cartographie-nationale, its documented
// "intégration dans une page HTML") served from node_modules by a small static
// server on loopback, with gzip like ours.
// Usage: node bench/weight/measure.mjs RELAIS_URL REPO_ROOT [OUT.json]
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [RELAIS, ROOT, OUT_JSON] = process.argv.slice(2);
const PKG = path.join(ROOT, 'node_modules/@gouvfr-anct/cartographie-nationale');
const VERSION = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;
const CDN_ASSETS = 'https://cdn.jsdelivr.net/npm/@gouvfr-anct/cartographie-nationale@5.20.0/assets';

// The README's page: base, styles.css, the web components, centred on
// Villeurbanne, on the same data as Relais (assets/data/source.json).
const INDEX = `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Cartographie nationale</title><base href="/">
<link href="/styles.css" rel="stylesheet"></head>
<body>
<fr-mediation-numerique-conteneur>
<fr-mediation-numerique source="/assets/data/source.json" latitude="45.7719" longitude="4.8902" zoom="13"></fr-mediation-numerique>
</fr-mediation-numerique-conteneur>
<script src="/mediation-numerique.js" type="module"></script>
</body>
</html>`;

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.html': 'text/html' };
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.html', '.ttf']);

function serveStatic() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.normalize(path.join(PKG, decodeURIComponent(url.pathname)));
    let body;
    let ext;
    if (!file.startsWith(PKG + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      body = Buffer.from(INDEX);  // the single-page application's routes
      ext = '.html';
    } else {
      body = fs.readFileSync(file);
      ext = path.extname(file);
      // Assets (data, fonts, images) are fetched from the CDN path compiled into
      // the bundle and the stylesheet: served from here instead.
      if (ext === '.js' || ext === '.css') body = Buffer.from(body.toString('utf8').split(CDN_ASSETS).join('/assets'));
    }
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream' };
    if (COMPRESSIBLE.has(ext) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function measure(browser, url, settle, loopbackOnly = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Map tiles come from the operator's tile server: never counted (they cannot
  // load on a closed machine, and their weight depends on the area shown).
  if (loopbackOnly) await context.route(u => !u.href.startsWith(RELAIS), r => r.abort());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map();
  const byType = {};
  let total = 0;
  let requests = 0;
  const failed = [];
  cdp.on('Network.responseReceived', e => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', e => {
    requests += 1;
    total += e.encodedDataLength;
    const t = types.get(e.requestId) || 'Other';
    byType[t] = (byType[t] || 0) + e.encodedDataLength;
  });
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', e => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFailed', e => failed.push(urls.get(e.requestId)));
  await page.goto(url, { waitUntil: 'networkidle', timeout: 60000 });
  if (settle) await settle(page);
  await page.waitForLoadState('networkidle');
  const shot = await page.screenshot();
  await context.close();
  return { url, total, requests, byType, failed, shot };
}

const browser = await chromium.launch({ executablePath: process.env.RELAIS_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'] });
const server = await serveStatic();
const NATIONAL = `http://127.0.0.1:${server.address().port}`;
const SERVICE = encodeURIComponent('Aide aux démarches administratives');
const rows = [];
const pages = [
  ['Relais: results (20 places, no map)', `${RELAIS}/recherche?ou=Villeurbanne&services=${SERVICE}`],
  ['Relais: results + map opened (no tiles)', `${RELAIS}/recherche?ou=Villeurbanne&services=${SERVICE}`],
  ['Relais: home', `${RELAIS}/`],
  ['Relais: place', null],  // filled from the results
  [`National map ${VERSION}: results (list + map, no tiles)`, `${NATIONAL}/cartographie`],
];
for (const [name, url0] of pages) {
  let url = url0;
  if (!url) {
    const html = await (await fetch(`${RELAIS}/recherche?ou=Villeurbanne&services=${SERVICE}`)).text();
    url = RELAIS + html.match(/href="(\/lieux\/[^"]+)"/)[1];
  }
  const withMap = name.includes('map opened');
  const settle = name.startsWith('National') ? async page => {
    // The list of places is drawn once the data is loaded.
    await page.waitForTimeout(3000);
  } : withMap ? async page => {
    // The person asks for the map: Leaflet and markercluster load, markers show.
    await page.getByRole('button', { name: 'Voir sur une carte' }).click();
    await page.locator('#carte .leaflet-marker-icon').first().waitFor({ timeout: 20000 });
  } : null;
  const r = await measure(browser, url, settle, withMap);
  const file = path.join(ROOT, 'bench/out', `weight-${rows.length + 1}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, r.shot);
  rows.push({ name, url: r.url, bytes: r.total, requests: r.requests, byType: r.byType, failed: r.failed });
  console.log(`${name}: ${(r.total / 1024).toFixed(1)} KiB (${r.total} bytes) in ${r.requests} requests; ` +
    Object.entries(r.byType).sort((a, b) => b[1] - a[1]).map(([t, b]) => `${t} ${(b / 1024).toFixed(1)}`).join(', ') +
    (r.failed.length ? `; ${r.failed.length} failed (${[...new Set(r.failed.map(u => new URL(u).host))].join(', ')})` : ''));
}
server.close();
await browser.close();
if (OUT_JSON) fs.writeFileSync(OUT_JSON, JSON.stringify(rows, null, 2));
