import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, requireChromium } from '@govgraph/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogGateway,
  committedSupergraph,
  startCatalogGateway,
  TAX_OFFICE_KEY,
} from './support/catalogGateway.js';

// Screenshots of each step, for a person to look at (gitignored).
const STORED_KEY = "sessionStorage.getItem('govgraph.catalog.apiKey')";
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/catalog/', import.meta.url));

describe('the data catalog page in Chromium', () => {
  let gateway: CatalogGateway;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    console.log(`catalog screenshots: ${SHOTS}`);
    gateway = await startCatalogGateway();
    browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  /** A page that records every request and every error the browser reports. */
  async function open(): Promise<{ page: Page; requested: string[]; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    await page.goto(`${gateway.url}/catalog`);
    await page.locator('section.type').first().waitFor();
    return { page, requested, problems };
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: false });

  const levelsShown = (page: Page) =>
    page
      .locator('tbody tr .badge')
      .evaluateAll((els) => [...new Set(els.map((e) => e.textContent))]);

  it('browses, filters by classification and searches, then signs in and sees its grants', async () => {
    const { page, requested, problems } = await open();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Not signed in');
    await shot(page, '01-anonymous');
    // Anonymous: the public graph only.
    expect(await levelsShown(page)).toEqual(['PUBLIC']);
    expect(await page.locator('#type-Person').count()).toBe(0);

    await page.locator('#search').fill('abnormal');
    const rows = page.locator('tbody tr');
    await expect.poll(() => page.locator('#count').textContent()).toMatch(/fields shown/);
    // Each row left says "abnormal" itself, or belongs to a type whose name or description does.
    const texts = await rows.evaluateAll((els) =>
      els.map((e) => {
        const section = e.closest('section');
        const about = section?.querySelector('h2')?.textContent ?? '';
        const description = section?.querySelector('.description')?.textContent ?? '';
        return `${e.textContent} ${about} ${description}`.toLowerCase();
      }),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('abnormal');
    expect(await page.locator('#type-AbnormalOperationListing').count()).toBe(1);
    expect(await page.locator('#type-Building').count()).toBe(0);
    await shot(page, '02-anonymous-search-abnormal');
    await page.locator('#search').fill('');

    // Sign in: the key goes into sessionStorage, never the URL.
    await page.locator('#api-key').fill(TAX_OFFICE_KEY);
    await page.locator('#sign-in-button').click();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Municipal Tax Office');
    expect(page.url()).toBe(`${gateway.url}/catalog`);
    expect(await page.evaluate(STORED_KEY)).toBe(TAX_OFFICE_KEY);
    expect(await page.locator('#api-key').inputValue()).toBe('');
    await page.locator('#type-Person').waitFor();
    await shot(page, '03-signed-in');

    // Filter by classification: every field row left is PERSONAL; each says under which purpose.
    await page.locator('#classification').selectOption('PERSONAL');
    await expect.poll(() => levelsShown(page)).toEqual(['PERSONAL']);
    const gender = page.locator('tr[data-coordinate="Person.gender"]');
    await expect.poll(() => gender.locator('.access').textContent()).toBe('under TAX_AUDIT');
    await page.locator('#type-Person').scrollIntoViewIfNeeded();
    await shot(page, '04-signed-in-personal');

    await page.locator('#classification').selectOption('SENSITIVE');
    const arrears = page.locator('tr[data-coordinate="PersonTaxProfile.arrears"] .access');
    await expect
      .poll(() => arrears.textContent())
      .toBe('under TAX_AUDIT (with X-Case-Id and X-Operator-Id)');
    await shot(page, '05-signed-in-sensitive');

    // Department filter, and "only what I may read".
    await page.locator('#classification').selectOption('');
    await page.locator('#department').selectOption('tax');
    await page.locator('#readable').check();
    const departments = await page
      .locator('tbody tr td:nth-child(3)')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(departments.length).toBeGreaterThan(0);
    for (const cell of departments) expect(cell).toContain('tax');
    const access = await page.locator('tbody tr .access').allTextContents();
    expect(access).not.toContain('no grant');
    await shot(page, '06-signed-in-tax-readable');

    // A reload keeps the sign-in (same tab); signing out forgets the key.
    await page.reload();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Municipal Tax Office');
    await page.locator('#sign-out').click();
    await expect.poll(() => page.locator('#who').textContent()).toContain('Not signed in');
    expect(await page.evaluate(STORED_KEY)).toBeNull();
    expect(await page.locator('#type-Person').count()).toBe(0);

    const origin = new URL(gateway.url).origin;
    expect(requested.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(requested.filter((url) => url.includes(TAX_OFFICE_KEY))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says when a key is refused, and shows the public catalog meanwhile', async () => {
    const { page, problems } = await open();
    await page.locator('#api-key').fill('not-a-key');
    await page.locator('#sign-in-button').click();
    await expect
      .poll(() => page.locator('#who').textContent())
      .toMatch(/Signing in failed: .*public data only/);
    expect(await page.evaluate(STORED_KEY)).toBeNull();
    expect(await page.locator('section.type').count()).toBeGreaterThan(0);
    await shot(page, '07-refused-key');
    // The browser logs the 401 itself; nothing else may go wrong.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });

  it('shows descriptions as text: markup in the supergraph never runs', async () => {
    const markup = '<img src="/x" onerror="window.pwned = 1">Listed <b>on</b>';
    await gateway.writeSupergraph(
      committedSupergraph().replace('"""Date the entity was listed."""', `"""${markup}"""`),
    );
    const { page } = await open();
    const cell = page.locator('tr[data-coordinate="AbnormalOperationListing.listedOn"] td').nth(1);
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toBe(markup);
    expect(await page.locator('section.type img, section.type b').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await page.close();
  });
});
