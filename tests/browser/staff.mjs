// The staff space (issue 5) in a real browser: headless Chromium driven by
// playwright-core against the `relais serve` that staff_run.sh started, with
// a real SMTP server on loopback. Every page goes through axe-core (WCAG 2.1
// A and AA) and is photographed into OUTPUT_DIR.
//
// Usage: node tests/browser/staff.mjs BASE_URL OUTPUT_DIR MAIL_DIR PLACE_REF
//        REFERENTE_INVITATION_PATH COORDINATION_INVITATION_PATH
// The path of the "done when", as people would click it: the
// référente accepts her invitation and enrols TOTP from the page's key, sees
// her recovery codes, invites a médiateur from the members page; he receives
// the e-mail, joins, enrols, signs out, signs in with password and code,
// changes his place's Monday hours in the weekly form, and the public page
// shows them. Then: his account page and sessions, the reports inbox, a
// structure registered on the public form and validated by the coordination
// of the Rhône on its territory page. Exits 1 on any failure.
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { CHROMIUM, CHROMIUM_ARGS, Run, check } from './lib.mjs';

const [BASE, OUT, MAIL_DIR, PLACE, REFERENTE_PATH, COORDINATION_PATH] = process.argv.slice(2);
if (!COORDINATION_PATH) {
  console.error('usage: node staff.mjs BASE_URL OUTPUT_DIR MAIL_DIR PLACE_REF REFERENTE_PATH COORDINATION_PATH');
  process.exit(2);
}
const run = new Run(BASE, OUT);
const PASSWORD = 'une phrase de passe pour le navigateur';

// RFC 6238 with the RFC 4648 base32 key the enrolment page shows, computed
// here as an authenticator app would.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    check(v >= 0, `not base32: ${c}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
function totp(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = crypto.createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const currentStep = () => Math.floor(Date.now() / 1000 / 30);
// Each code is single-use and one step of drift is accepted: after `last`,
// the next code to type (waiting at most one 30 s step, as a person would).
async function nextCounter(last) {
  while (currentStep() < last) await new Promise(r => setTimeout(r, 500));
  return last + 1;
}

function mailLink(recipient) {
  try {
    const link = execFileSync('python3', ['tests/browser/mail_link.py', MAIL_DIR, recipient], { encoding: 'utf8' }).trim();
    return link.slice(link.indexOf('/espace/'));
  } catch (err) {
    throw new Error(`no e-mail with a link to ${recipient}`);
  }
}

// A person with their own browser context (cookies), their TOTP key and the
// last counter they used.
class Person {
  constructor(browser, name) {
    this.browser = browser;
    this.name = name;
    this.key = null;
    this.counter = 0;
  }
  async start() {
    this.context = await this.browser.newContext();
    this.page = await this.context.newPage();
  }
  // Accepts an invitation (name and password), enrols TOTP from the key
  // written on the page, and returns the recovery codes shown.
  async join(invitationPath, shots) {
    const page = this.page;
    await run.open(page, invitationPath, 200);
    if (shots) {
      await run.axe(page, 'invitation');
      await run.shot(page, `${shots}-invitation`);
    }
    await page.getByLabel('Votre nom').fill(this.name);
    await page.getByLabel(/Mot de passe/).fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/espace\/enrolement$/), page.getByRole('button', { name: 'Créer mon compte' }).click()]);
    check(await page.locator('svg').first().isVisible(), 'no QR code on the enrolment page');
    const secret = (await page.locator('p.fr-text--lg code').innerText()).trim();
    this.key = base32Decode(secret);
    if (shots) {
      await run.axe(page, 'enrolment');
      await run.shot(page, `${shots}-enrolment`);
    }
    this.counter = currentStep();
    await page.getByLabel(/Code à 6 chiffres/).fill(totp(this.key, this.counter));
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.waitForSelector('h1:has-text("Vos codes de secours")');
    const codes = await page.locator('ol code').allInnerTexts();
    check(codes.length === 10, `${codes.length} recovery codes shown`);
    if (shots) {
      await run.axe(page, 'recovery codes');
      await run.shot(page, `${shots}-recovery-codes`);
    }
    return codes;
  }
  // Password, then the next TOTP code.
  async signIn(email, shots) {
    const page = this.page;
    await run.open(page, '/espace/connexion', 200);
    if (shots) {
      await run.axe(page, 'sign-in');
      await run.shot(page, `${shots}-sign-in`);
    }
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/espace\/connexion\/code/), page.getByRole('button', { name: 'Se connecter' }).click()]);
    if (shots) {
      await run.axe(page, 'second factor');
      await run.shot(page, `${shots}-second-factor`);
    }
    this.counter = await nextCounter(this.counter);
    await page.getByLabel(/Code à 6 chiffres/).fill(totp(this.key, this.counter));
    await Promise.all([page.waitForURL(/\/espace$/), page.getByRole('button', { name: 'Valider' }).click()]);
  }
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const referente = new Person(browser, 'Camille Référente');
const mediateur = new Person(browser, 'Marc Médiateur');
const coordination = new Person(browser, 'Claire Coordinatrice');
for (const p of [referente, mediateur, coordination]) await p.start();
const placePath = `/espace/lieux/${encodeURIComponent(PLACE)}`;

await run.step('the référente accepts her invitation and enrols TOTP', async () => {
  await referente.join(REFERENTE_PATH, '01');
  await run.open(referente.page, '/espace', 200);
  check(await referente.page.getByText('Centre social des Buers').count() > 0, 'her structure is not on the home page');
  await run.axe(referente.page, 'home');
  await run.shot(referente.page, '02-home');
});

await run.step('she invites a médiateur from the members page', async () => {
  const page = referente.page;
  await page.getByRole('link', { name: 'gérer les membres' }).click();
  await page.waitForSelector('h1:has-text("Membres")');
  await run.axe(page, 'members');
  await run.shot(page, '03-members');
  await page.getByLabel(/Adresse e-mail professionnelle/).fill('mediateur@buers.example');
  check(await page.locator('#role-mediateur').isChecked(), 'médiateur is not the default role');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await page.waitForSelector('text=L’invitation a été envoyée.');
  check(await page.getByText('mediateur@buers.example').count() > 0, 'the pending invitation is not listed');
});

await run.step('the médiateur joins from the e-mail, signs out, signs in with password and code', async () => {
  await mediateur.join(mailLink('mediateur@buers.example'), '');
  const page = mediateur.page;
  await run.open(page, '/espace', 200);
  await Promise.all([page.waitForURL(/\/espace\/connexion/), page.getByRole('button', { name: 'Se déconnecter' }).click()]);
  await run.open(page, '/espace/lieux', 200);
  check(page.url().includes('/espace/connexion'), 'the staff pages are open after sign-out');
  await mediateur.signIn('mediateur@buers.example', '04');
});

let newHours = false;
await run.step('he changes the Monday hours of his place in the weekly form', async () => {
  const page = mediateur.page;
  await run.open(page, '/espace/lieux', 200);
  await run.axe(page, 'places');
  await run.shot(page, '05-places');
  await run.open(page, placePath, 200);
  await run.axe(page, 'place record');
  await run.shot(page, '06-place-record');
  const advanced = page.locator('#horaires_avance');
  if (await advanced.count() > 0) await advanced.fill('');  // the form's own instruction to use the week
  const closed = page.locator('#horaires_lundi_ferme');
  if (await closed.count() > 0 && await closed.isChecked()) await page.locator('label[for="horaires_lundi_ferme"]').click();
  await page.locator('#horaires_lundi_1_debut').fill('08:30');
  await page.locator('#horaires_lundi_1_fin').fill('12:15');
  await Promise.all([page.waitForURL(/enregistre=1/), page.getByRole('button', { name: 'Enregistrer et publier' }).click()]);
  check(await page.getByText('Fiche enregistrée').count() > 0, 'no confirmation after saving');
  await run.axe(page, 'place saved');
  newHours = true;
  await run.open(page, `${placePath}/historique`, 200);
  check(await page.getByText('Marc Médiateur').count() > 0, 'the history does not name him');
  await run.axe(page, 'place history');
  await run.shot(page, '07-place-history');
});

await run.step('the public page shows the new hours', async () => {
  check(newHours, 'the hours were not saved');
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  let shown = false;
  for (let i = 0; i < 40 && !shown; i += 1) {
    await run.open(page, `/lieux/${encodeURIComponent(PLACE)}`, 200);
    shown = /8\s*h\s*30/.test(await page.locator('main').innerText());
    if (!shown) await page.waitForTimeout(250);
  }
  check(shown, 'the public page does not show 8 h 30');
  await run.shot(page, '08-public-place');
  await visitor.close();
});

await run.step('his account page lists his sessions; the reports inbox opens', async () => {
  const page = mediateur.page;
  await run.open(page, '/espace/compte', 200);
  check(await page.getByText(/Sessions/).count() > 0, 'no sessions on the account page');
  await run.axe(page, 'account');
  await run.shot(page, '09-account');
  await run.open(page, '/espace/signalements', 200);
  await run.axe(page, 'reports inbox');
  // Another structure's members page: refused.
  const response = await page.goto(BASE + '/espace/structures/999/membres');
  check(response.status() === 403 || response.status() === 404, `another structure's members: ${response.status()}`);
  await run.axe(page, 'refusal');
});

await run.step('a structure registers on the public form', async () => {
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await run.open(page, '/espace/connexion', 200);
  await page.getByRole('link', { name: 'Inscrire ma structure' }).click();
  await page.waitForSelector('h1:has-text("Inscrire ma structure")');
  await run.axe(page, 'registration');
  await run.shot(page, '10-registration');
  await page.getByLabel(/Nom de la structure/).fill('Médiathèque du Tonkin');
  await page.getByLabel('Type de structure').selectOption('mediatheque');
  await page.getByLabel(/^Adresse/).fill('2 rue du Tonkin');
  await page.getByLabel(/Code postal/).fill('69100');
  await page.getByLabel('Commune').fill('Villeurbanne');
  await page.getByLabel('Votre nom').fill('Ines Martin');
  await page.getByLabel('Votre adresse e-mail').fill('ines@tonkin.example');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.waitForSelector('h1:has-text("Demande envoyée")');
  await run.axe(page, 'registration sent');
  await visitor.close();
});

await run.step('the coordination of the Rhône validates it on its territory page', async () => {
  await coordination.join(COORDINATION_PATH, '');
  const page = coordination.page;
  await run.open(page, '/espace/territoires/departement/69', 200);
  check(await page.getByText('ines@tonkin.example').count() > 0, 'the request is not on the territory page');
  await run.axe(page, 'territory');
  await run.shot(page, '11-territory');
  await page.getByRole('button', { name: 'Valider Médiathèque du Tonkin' }).click();
  await page.waitForURL(/\/espace\/territoires\/departement\/69$/);
  check(await page.getByRole('button', { name: 'Valider Médiathèque du Tonkin' }).count() === 0, 'still to validate');
  const link = mailLink('ines@tonkin.example');
  check(link.startsWith('/espace/invitation/'), `the requester got ${link}`);
  // Its places, from the catalogue's search.
  await run.open(page, '/espace/structures', 200);
  await run.axe(page, 'structures');
  await page.getByRole('link', { name: 'Créer une structure' }).first().click();
  await page.waitForSelector('h1:has-text("Créer une structure")');
  await run.axe(page, 'new structure');
});

await browser.close();
process.exit(await run.finish());
