// What the browser tests share (e2e.mjs for the public pages, staff.mjs for
// the staff space): Chromium's flags on this closed network, one line per
// check, axe-core with the WCAG 2.1 A/AA rules, screenshots, page opening.
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.RELAIS_CHROMIUM || '/usr/bin/chromium';
// Flags for a closed network (no update or sync traffic) and a root user in CI
// (Chromium refuses to run its sandbox as root).
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function check(condition, what) {
  if (!condition) throw new Error(what);
}

// Counts the checks and the pages axe looked at; `out` is the screenshot folder.
export class Run {
  constructor(base, out) {
    this.base = base;
    this.out = out;
    this.passed = 0;
    this.failed = 0;
    this.axeSummary = [];
    fs.mkdirSync(out, { recursive: true });
  }

  async step(name, fn) {
    try {
      await fn();
      this.passed += 1;
      console.log(`ok   ${name}`);
    } catch (err) {
      this.failed += 1;
      console.log(`FAIL ${name}: ${err && err.message ? err.message.split('\n')[0] : err}`);
    }
  }

  // axe-core on the page as it is now; every WCAG 2.1 A/AA violation fails.
  async axe(page, name) {
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    this.axeSummary.push({ page: name, url: page.url(), violations: result.violations.length,
      passes: result.passes.length, incomplete: result.incomplete.length });
    const lines = result.violations.map(v =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
    check(result.passes.length > 0, `axe ran no rule on ${name}`);
    check(result.violations.length === 0, `axe on ${name}: ${lines.join(' | ')}`);
  }

  async shot(page, name) {
    const file = path.join(this.out, `${name}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true });
    } catch (err) {  // Chromium sometimes refuses a first full-page capture: once more
      await page.waitForTimeout(300);
      await page.screenshot({ path: file, fullPage: true });
    }
  }

  // Opens a page; checks its status and language.
  async open(page, url, status) {
    const response = await page.goto(this.base + url);
    check(response.status() === status, `${url}: HTTP ${response.status()}, expected ${status}`);
    check(await page.getAttribute('html', 'lang') === 'fr', `${url}: <html lang> is not fr`);
    return response;
  }

  // Writes axe-summary.json, prints the totals; the process's exit status.
  async finish() {
    fs.writeFileSync(path.join(this.out, 'axe-summary.json'), JSON.stringify(this.axeSummary, null, 2));
    console.log(`axe-core ${(await import('axe-core')).default.version}: ${this.axeSummary.length} pages, ` +
      `${this.axeSummary.reduce((s, a) => s + a.violations, 0)} violations`);
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0 ? 0 : 1;
  }
}
