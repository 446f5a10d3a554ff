import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addServiceFixture } from '../apps/api/src/modules/directory/directory.fixtures';
import { ensureDefaultTaxonomy } from '../apps/api/src/modules/directory/directory.taxonomy';
import { Contact } from '../packages/contracts/src/index';
import { chromiumOrSkip } from './support/browser';
import { screenshot as fullPageShot, signInAs, startConsole, type RunningConsole } from './support/console';

const chromiumPath = chromiumOrSkip();

const CALLER = { firstName: 'Marguerite', phone: '807-555-0163' };
const THUNDER_BAY = { city: 'Thunder Bay', latitude: 48.382, longitude: -89.2502, postalCode: 'P7B 1A1' };
const RENT_BANK = 'Thunder Bay Community Rent Bank';
const FOOD_BANK = 'Thunder Bay Regional Food Bank';
const RENT_BANK_FR = 'Banque de loyer communautaire de Thunder Bay';
const FOOD_BANK_FR = 'Banque alimentaire régionale de Thunder Bay';

/** The done-when: a whole call logged in the workspace, with a reload half-way that loses nothing. */
describe.skipIf(!chromiumPath)('contact logging journey', () => {
  let relais: RunningConsole;

  beforeAll(async () => {
    mkdirSync('/tmp/shots', { recursive: true });
    relais = await startConsole(chromiumPath ?? '');
    // Two known services in Thunder Bay, whatever else the demo directory holds.
    const db = relais.database.db;
    await ensureDefaultTaxonomy(db);
    await addServiceFixture(db, {
      organization: {
        nameEn: 'Thunder Bay Housing Help Centre',
        nameFr: "Centre d'aide au logement de Thunder Bay",
      },
      service: {
        nameEn: RENT_BANK,
        nameFr: RENT_BANK_FR,
        descriptionEn: 'Interest-free loans and grants to help with rent arrears and last month rent.',
        descriptionFr: 'Prêts sans intérêt et subventions pour les arriérés de loyer.',
      },
      terms: ['HOUSING-RENT-ASSIST'],
      languages: ['en', 'fr'],
      site: { ...THUNDER_BAY, address1: '130 Brodie Street North' },
      phone: '807-555-0142',
      hours: [['MO,TU,WE,TH,FR', '09:00', '17:00']],
    });
    await addServiceFixture(db, {
      organization: {
        nameEn: 'Regional Food Distribution Association',
        nameFr: 'Association régionale de distribution alimentaire',
      },
      service: {
        nameEn: FOOD_BANK,
        nameFr: FOOD_BANK_FR,
        descriptionEn: 'Emergency food hampers for individuals and families.',
        descriptionFr: "Paniers alimentaires d'urgence pour les personnes et les familles.",
      },
      terms: ['FOOD-BANK'],
      languages: ['en', 'fr'],
      site: { ...THUNDER_BAY, address1: '570 Squier Street' },
      phone: '807-555-0175',
      hours: [['MO,TU,WE,TH,FR,SA', '10:00', '16:00']],
    });
  });
  afterAll(async () => {
    await relais?.close();
  });

  it('logs a whole call: caller, three needs (two referred, one unmet), a reload half-way, wrap-up', async () => {
    const { page } = await relais.newPage({ locale: 'en-CA' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await signInAs(page, 'specialist');

    await page.getByRole('navigation').getByRole('link', { name: 'New contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a contact' }).waitFor();
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByRole('radio', { name: /211 general line/ }).check();
    await screenshot(page, 'contact-start-en');
    await page.getByRole('button', { name: 'Start contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact · Phone · 211 general line' }).waitFor();
    const contactId = page.url().split('/').at(-1) ?? '';
    expect(contactId).toMatch(/^[0-9a-f-]{36}$/);

    // The caller: a senior woman in Thunder Bay who speaks French.
    await page.getByRole('group', { name: 'Age group' }).getByText('Senior', { exact: true }).click();
    await page.getByRole('group', { name: 'Gender' }).getByText('Woman', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Preferred language' }).fill('fren');
    await page.getByRole('option', { name: /^French/ }).click();
    await page.getByLabel('Municipality').fill('Thunder Bay');
    await page.getByLabel('Municipality').blur();
    // She gives a first name and a number to call back (both personal data the server must never log).
    await page.getByLabel('First name').fill(CALLER.firstName);
    await page.getByLabel('Phone number').fill(CALLER.phone);
    await page.getByLabel('Phone number').blur();

    // Need 1: rent help, referred from the directory search inside the workspace.
    await addNeed(page, 'Housing', 'Rent assistance and rent banks');
    await referFromSearch(page, 'rent help Thunder Bay', RENT_BANK);
    await waitSaved(page);
    await page.locator('.ct-search-column').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'contact-workspace-en');

    // Reload half-way: everything typed so far is still there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Contact · Phone · 211 general line' }).waitFor();
    await expectCallerAsTyped(page);
    const needOne = page.getByRole('article', { name: 'Need 1' });
    await needOne.getByRole('heading', { name: /Housing › Rent assistance and rent banks/ }).waitFor();
    await needOne.getByText(RENT_BANK).waitFor();

    // Need 2: food, referred as a warm transfer. Need 3: home care, unmet (waitlist).
    await addNeed(page, 'Food / Meals', 'Food banks');
    await page.getByLabel('Refer as').selectOption({ label: 'Warm transfer' });
    await referFromSearch(page, 'food bank Thunder Bay', FOOD_BANK);
    await addNeed(page, 'Health Care', 'Home and community care');
    const needThree = page.getByRole('article', { name: 'Need 3' });
    await needThree.getByRole('button', { name: 'Close search' }).click();
    await needThree.getByRole('button', { name: 'Mark unmet' }).click();
    await needThree.getByLabel('Why was it not met?').selectOption({ label: 'Waitlist / full' });

    // The summary for the caller is written in her language (French).
    await page.getByRole('button', { name: 'Show summary' }).click();
    const summary = page.getByTestId('referral-summary');
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    // …with the services' French names, as the referrals' snapshots hold them.
    expect(text).toContain('Vos références du 211');
    expect(text).toContain(RENT_BANK_FR);
    expect(text).toContain(`${FOOD_BANK_FR} (transfert accompagné)`);

    await page.getByLabel('Disposition').selectOption({ label: 'Referral given' });
    await page.getByLabel('Notes').fill('Caller behind on rent since September; food hamper today.');
    await waitSaved(page);
    await page.getByText('Everything the reports need is here.').waitFor();
    await screenshot(page, 'contact-wrap-up-en');

    await page.getByRole('button', { name: 'Close contact' }).click();
    await page.getByText('Contact closed.').waitFor();
    await screenshot(page, 'contact-record-en');

    const saved = Contact.parse(await (await page.request.get(`/api/contacts/${contactId}`)).json());
    expect(saved.status).toBe('closed');
    expect(saved.channel).toBe('phone');
    expect(saved.caller).toMatchObject({
      ageGroup: 'senior',
      gender: 'woman',
      language: 'fr',
      location: { undisclosed: false, municipality: 'Thunder Bay' },
    });
    expect(saved.needs.map((n) => [n.termId, n.status, n.unmetReason])).toEqual([
      ['HOUSING-RENT-ASSIST', 'met', null],
      ['FOOD-BANK', 'met', null],
      ['HEALTH-HOME-CARE', 'unmet', 'waitlist_full'],
    ]);
    expect(saved.needs.flatMap((n) => n.referrals.map((r) => [r.serviceName, r.kind]))).toEqual([
      [RENT_BANK, 'referral'],
      [FOOD_BANK, 'warm_transfer'],
    ]);
    expect(saved.disposition).toBe('referral_given');
    expect(saved.endedAt).not.toBeNull();
    expect(saved.caller.firstName).toBe(CALLER.firstName);
    expect(saved.caller.phoneMasked).toBe('•••-•••-0163');
  });

  it('in French: a crisis flagged by a specialist alerts a supervisor at once, and wrap-up asks for a follow-up decision', async () => {
    // A supervisor watching the contacts list (English).
    const supervisor = await relais.newPage({ locale: 'en-CA' });
    await supervisor.page.setViewportSize({ width: 1440, height: 900 });
    await supervisor.page.goto('/login');
    await signInAs(supervisor.page, 'supervisor');
    await supervisor.page.goto('/contacts');
    await supervisor.page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();

    const { page } = await relais.newPage({ locale: 'fr-CA' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/login');
    await signInAs(page, 'specialist');
    await page.getByRole('button', { name: 'Français' }).click();

    await page.getByRole('navigation').getByRole('link', { name: 'Nouveau contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Commencer un contact' }).waitFor();
    await screenshot(page, 'contact-start-fr');
    await page.getByRole('button', { name: 'Commencer le contact' }).click();
    await page.getByRole('heading', { level: 1, name: /^Contact · Téléphone · / }).waitFor();

    await page.getByRole('group', { name: "Groupe d'âge" }).getByText('Aîné', { exact: true }).click();
    await page.getByRole('group', { name: 'Genre' }).getByText('Femme', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Langue préférée' }).fill('franç');
    await page.getByRole('option', { name: /^Français/ }).click();
    await page.getByLabel('Municipalité').fill('Thunder Bay');
    await addNeed(page, 'Logement', 'Aide au loyer et banques de loyer', 'fr');
    await page.getByRole('checkbox', { name: 'Danger pour soi' }).check();
    await page.getByText(/^Enregistré · /).waitFor({ timeout: 30_000 });

    // The supervisor sees it without reloading anything (beside any open crisis the demo data holds).
    const contactId = page.url().split('/').at(-1) ?? '';
    const alert = supervisor.page
      .getByTestId('crisis-alert')
      .filter({ has: supervisor.page.locator(`a[href="/contacts/${contactId}"]`) });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('Danger to self');
    await screenshot(supervisor.page, 'contacts-list-crisis-alert-en');

    await page.locator('.ct-search-column').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'contact-workspace-fr');
    await page.getByRole('button', { name: 'Clore le contact' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Le contact ne peut pas encore être clos' });
    await refusal.waitFor();
    expect(await refusal.getByRole('listitem').allTextContents()).toEqual([
      'Besoin 1 — raison du besoin non comblé',
      'Décision de suivi',
    ]);
    await screenshot(page, 'contact-wrap-up-refused-fr');

    // Decide: no follow-up needed, with the reason; mark the need unmet; then it closes.
    await page.getByRole('radio', { name: 'Aucun suivi' }).check();
    await page.getByLabel('Pourquoi aucun suivi?').fill("Transférée à la ligne de crise pendant l'appel");
    const need = page.getByRole('article', { name: 'Besoin 1' });
    await need.getByRole('button', { name: 'Fermer la recherche' }).click();
    await need.getByRole('button', { name: 'Marquer non comblé' }).click();
    await need
      .getByLabel("Pourquoi n'a-t-il pas été comblé?")
      .selectOption({ label: 'La personne a refusé' });
    await page.getByText('Tout ce dont les rapports ont besoin est là.').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Clore le contact' }).click();
    await page.getByText('Contact clos.').waitFor();
    await screenshot(page, 'contact-record-fr');
  });

  // Runs after the journeys above (one file, in order): everything the server logged while they ran.
  it('leaves no caller name, phone number, place or note in the server log of these journeys', () => {
    const log = relais.logs();
    // The server did log the journeys, request by request (at the production level, info).
    expect(log.match(/"path":"\/api\/contacts/g)?.length ?? 0).toBeGreaterThan(20);
    const digits = CALLER.phone.replace(/\D/g, '');
    for (const personal of [
      CALLER.firstName,
      CALLER.phone,
      digits,
      digits.slice(-7),
      'Thunder Bay',
      'behind on rent',
      'ligne de crise',
    ]) {
      expect(log, `the server log holds "${personal}"`).not.toContain(personal);
    }
  });
});

async function addNeed(page: Page, category: string, subcategory: string, lang: 'en' | 'fr' = 'en') {
  const needs = page.getByRole('region', { name: lang === 'fr' ? 'Besoins' : 'Needs', exact: true });
  await needs
    .getByLabel(lang === 'fr' ? 'Catégorie' : 'Category', { exact: true })
    .selectOption({ label: category });
  await needs
    .getByLabel(lang === 'fr' ? 'Sous-catégorie' : 'Subcategory', { exact: true })
    .selectOption({ label: subcategory });
  await needs.getByRole('button', { name: lang === 'fr' ? 'Ajouter le besoin' : 'Add need' }).click();
}

/** The directory search panel embedded in the workspace: search, then refer the named service. */
async function referFromSearch(page: Page, query: string, serviceName: string) {
  const panel = page.getByRole('complementary', { name: 'Find services' });
  await panel.getByRole('searchbox').fill(query);
  const result = panel.getByRole('listitem').filter({ hasText: serviceName }).first();
  await result.waitFor();
  await result.getByRole('button', { name: /Refer|Select/ }).click();
  await page.getByRole('article').filter({ hasText: serviceName }).first().waitFor();
}

async function waitSaved(page: Page) {
  await page
    .getByTestId('save-status')
    .filter({ hasText: /^Saved · / })
    .waitFor({ timeout: 30_000 });
}

async function expectCallerAsTyped(page: Page) {
  expect(
    await page.getByRole('group', { name: 'Age group' }).getByRole('radio', { name: 'Senior' }).isChecked(),
  ).toBe(true);
  expect(
    await page.getByRole('group', { name: 'Gender' }).getByRole('radio', { name: 'Woman' }).isChecked(),
  ).toBe(true);
  expect(await page.getByTestId('language-current').textContent()).toBe('French');
  expect(await page.getByLabel('Municipality').inputValue()).toBe('Thunder Bay');
}

/** Full-page screenshot taken from the top, so sticky headers sit where a person sees them. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPageShot(page, name);
}
