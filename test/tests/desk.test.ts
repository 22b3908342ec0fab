import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Person } from '@govgraph/datagen';
import { addOperator, setOperatorDisabled } from '@govgraph/governance';
import { CHROMIUM_ARGS, requireChromium } from '@govgraph/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// The service desk as a clerk uses it, in Chromium against the whole hub: sign in, look up a
// citizen, read every department's section, mistype an ID, see a department that is down, and
// file a complaint that then shows in the record. Each step leaves a screenshot.

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots/desk');
const SECTIONS = [
  'Identity',
  'Household registration',
  'Family',
  'Companies represented',
  'Real estate',
  'Tax',
  'Social insurance',
  'Employment',
  'Complaints filed',
  'Applications',
  'Access trail',
];

describe('the service desk in a browser', () => {
  let t: TestHub;
  let browser: Browser;
  let person: Person;
  let company: string;
  let password: string;

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const signIn = async (page: Page, base: string) => {
    await page.goto(`${base}/desk`);
    await page.getByLabel('Operator').fill('clerk-01');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Case number').waitFor();
  };
  const lookUp = async (page: Page, nationalId: string) => {
    await page.getByLabel('Case number').fill('SD-2026-0311');
    await page.getByLabel('National ID').fill(nationalId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.locator('section[data-section="name"]').waitFor();
  };
  const watch = (page: Page) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (req) => {
      if (!/^http:\/\/(localhost|127\.0\.0\.1):\d+\//.test(req.url())) problems.push(req.url());
    });
    return problems;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    console.log(`desk screenshots: ${SHOTS}`);
    t = await startTestHub('sqlite', 400);
    const companies = Array.from({ length: 40 }, (_, j) => t.world.company(j));
    const owned = companies.find((c) => t.world.person(c.representativeIndex).status === 'ALIVE');
    if (!owned) throw new Error('the test world has no living company representative');
    person = t.world.person(owned.representativeIndex);
    company = (companies.find((c) => c !== owned) ?? owned).creditCode;
    ({ password } = await addOperator(t.hub.services.store, {
      agencyId: 'service-desk-app',
      id: 'clerk-01',
      name: 'Li Na',
    }));
    browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs in and shows every department’s section of the record, labelled', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watch(page);
    await page.goto(`${t.hub.gatewayUrl}/desk`);
    await page.getByLabel('Operator').waitFor();
    await shot(page, '01-sign-in');
    await signIn(page, t.hub.gatewayUrl);
    await expect(page.locator('header.bar').textContent()).resolves.toContain('Li Na (clerk-01)');
    await lookUp(page, person.nationalId);
    await shot(page, '02-record');
    const titles = await page.locator('section.section h3').allTextContents();
    expect(titles).toEqual(SECTIONS);
    const identity = page.locator('section[data-section="name"]');
    await expect(identity.textContent()).resolves.toContain(person.name);
    await expect(identity.locator('.badge').allTextContents()).resolves.toEqual([
      'Population registry',
      'PERSONAL',
    ]);
    const tax = page.locator('section[data-section="taxProfile"]');
    await expect(tax.locator('.badge').allTextContents()).resolves.toEqual([
      'Tax administration',
      'SENSITIVE',
    ]);
    const companiesSection = page.locator('section[data-section="representedEntities"]');
    await expect(companiesSection.textContent()).resolves.toMatch(/\d+ in total/);
    // The access trail is for auditors and the citizen: the desk says so instead of failing.
    await expect(
      page.locator('section[data-section="accessLog"] .not-granted').textContent(),
    ).resolves.toMatch(/auditor agencies and to the citizen/);
    expect(await page.locator('.note.down').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a wrong check character as the clerk types, and asks nothing of the hub', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await signIn(page, t.hub.gatewayUrl);
    const right = person.nationalId.charAt(17);
    const wrong = right === '5' ? '6' : '5';
    const graphql: string[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/graphql')) graphql.push(req.url());
    });
    await page.getByLabel('National ID').fill(`${person.nationalId.slice(0, 17)}${wrong}`);
    const hint = page.locator('#id-hint');
    await expect(hint.textContent()).resolves.toBe(
      `The last character should be ${right}, not ${wrong} — check the digits: one of them is probably mistyped.`,
    );
    await page.getByLabel('Case number').fill('SD-2026-0311');
    await page.getByRole('button', { name: 'Look up' }).click();
    await shot(page, '03-wrong-check-character');
    await page.getByLabel('National ID').fill(person.nationalId.slice(0, 12));
    await expect(hint.textContent()).resolves.toContain('18 characters; this one has 12');
    expect(graphql).toEqual([]);
    // A valid ID nobody holds (the standard's sample): the record says so.
    await page.getByLabel('National ID').fill('11010519491231002X');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('No person with this national ID is registered').waitFor();
    await page.close();
  });

  it('shows a department that is down in its own section while the rest show', async () => {
    const urls = Object.fromEntries(t.hub.departments.map((d) => [d.name, d.url]));
    const gateway = await t.hub.addGateway({
      subgraphUrls: { ...urls, tax: 'http://127.0.0.1:9/graphql' },
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, gateway.url);
    await lookUp(page, person.nationalId);
    await shot(page, '04-tax-department-down');
    const tax = page.locator('section[data-section="taxProfile"]');
    await expect(tax.locator('.note.down').textContent()).resolves.toContain(
      'Tax administration is not answering right now',
    );
    await expect(page.locator('section[data-section="name"]').textContent()).resolves.toContain(
      person.name,
    );
    expect(await page.locator('.note.down').count()).toBe(1);
    await page.close();
  });

  it('files a complaint for the person and shows it in the record', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, t.hub.gatewayUrl);
    await lookUp(page, person.nationalId);
    const complaints = page.locator('section[data-section="complaintsFiled"]');
    const before = await complaints.textContent();
    await page.getByLabel('Against (credit code)').fill(company);
    await page.getByLabel('Category').selectOption('FOOD_SAFETY');
    await page
      .getByLabel('What happened')
      .fill('The dumplings were sold three days past their date.');
    await shot(page, '05-complaint-form');
    await page.getByRole('button', { name: 'File complaint' }).click();
    const done = page.locator('.done');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    const id = /Complaint (\S+) filed/.exec(text)?.[1];
    expect(id, text).toBeDefined();
    await expect(complaints.textContent()).resolves.toContain(id);
    expect(await complaints.textContent()).not.toBe(before);
    await shot(page, '06-complaint-filed');
    await page.close();
  });

  it('says a wrong password is wrong, and signing out ends the session', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await page.goto(`${t.hub.gatewayUrl}/desk`);
    await page.getByLabel('Operator').fill('clerk-01');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText(/agency, operator or password is wrong/)
      .waitFor();
    await shot(page, '07-wrong-password');
    await signIn(page, t.hub.gatewayUrl);
    const stored = 'sessionStorage.getItem("govgraph.desk.session")';
    const token = (await page.evaluate(stored)) as string | null;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alert').getByText('You are signed out.').waitFor();
    expect(await page.evaluate(stored)).toBeNull();
    const old = JSON.parse(token ?? '{}') as { token?: string };
    const res = await fetch(`${t.hub.gatewayUrl}/desk/plan`, {
      headers: { authorization: `Bearer ${old.token}`, 'x-purpose': 'SERVICE_DESK' },
    });
    expect(res.status).toBe(401);
    await page.close();
  });

  it('starts an application for the person and shows it in the record', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, t.hub.gatewayUrl);
    await lookUp(page, person.nationalId);
    await page.getByLabel('Kind').selectOption('FOOD_BUSINESS_LICENSE');
    await page.getByRole('button', { name: 'Submit application' }).click();
    const done = page.locator('.done');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    const id = /Application (\S+) \(FOOD_BUSINESS_LICENSE\) submitted/.exec(text)?.[1];
    expect(id, text).toBeDefined();
    await expect(
      page.locator('section[data-section="applications"]').textContent(),
    ).resolves.toContain(id);
    await shot(page, '08-application-started');
    await page.close();
  });

  it('goes back to sign-in, saying why, when the session is ended elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
    await signIn(page, t.hub.gatewayUrl);
    // The platform operator disables the clerk meanwhile, then enables them again.
    await setOperatorDisabled(t.hub.services.store, 'service-desk-app', 'clerk-01', true);
    await setOperatorDisabled(t.hub.services.store, 'service-desk-app', 'clerk-01', false);
    await page.getByLabel('Case number').fill('SD-2026-0311');
    await page.getByLabel('National ID').fill(person.nationalId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page
      .getByRole('alert')
      .getByText(/signed out/)
      .waitFor();
    await shot(page, '09-session-ended');
    await page.close();
  });
});
