import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { issueApiKey } from '@govgraph/governance';
import { CHROMIUM_ARGS, requireChromium } from '@govgraph/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// GraphiQL as a person uses it, against the whole hub (every department, the hub's registry):
// first visit, connection, docs, reload, the citizen-record example, sign-out. Each step is
// photographed; the folder is printed so a person can look at the pictures.
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/graphiql/', import.meta.url));

describe('GraphiQL in Chromium against the whole hub', () => {
  let t: TestHub;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    // The service-desk app of governance/registry.json, as `npm run agency -- key issue` makes a key.
    ({ key: apiKey } = await issueApiKey(t.hub.services.store, 'service-desk-app'));
    await t.hub.services.registry.refresh();
    browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    console.log(`GraphiQL screenshots: ${SHOTS}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the note, follows the connection, keeps it on reload and runs the citizen record', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png` });
    const person = t.world.person(t.world.company(3).representativeIndex);

    // First visit: the note, anonymous status, and no `person` in the docs.
    await page.goto(t.hub.graphiqlUrl);
    const note = page.getByRole('complementary', { name: 'First visit' });
    await note.getByText('What is public.').waitFor();
    expect(await note.getByRole('link', { name: 'data catalog' }).getAttribute('href')).toBe(
      '/catalog',
    );
    await expect.poll(() => status(page)).toMatch(/^Anonymous: you see PUBLIC fields only/);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer').getByText('searchLegalEntities').first().waitFor();
    expect(await docsFieldNames(page)).not.toContain('person');
    await shot('01-first-visit');

    // Dismiss the note; set the connection. The schema follows without "Re-fetch schema".
    await note.getByRole('button', { name: 'Got it' }).click();
    await note.waitFor({ state: 'detached' });
    await page.locator('input[name="credential"]').fill(apiKey);
    await page.locator('select[name="purpose"]').selectOption('SERVICE_DESK');
    await page.locator('input[name="caseId"]').fill('DEMO-2026-0001');
    await page.locator('input[name="operatorId"]').fill('desk-clerk-01');
    await shot('02-connection-filled');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => status(page))
      .toBe(
        'Signed in as Government service centre — citizen service desk application (service-desk-app) under SERVICE_DESK.',
      );
    await expect.poll(() => docsFieldNames(page)).toContain('person');
    await shot('03-signed-in-docs');

    // Kept in sessionStorage only: never the URL, never localStorage.
    expect(page.url()).not.toContain(apiKey);
    // Evaluated in the page (this package's TypeScript has no DOM types).
    const stored = {
      session: await page.evaluate<string>('JSON.stringify(sessionStorage)'),
      local: await page.evaluate<string>('JSON.stringify(localStorage)'),
    };
    expect(stored.session).toContain(apiKey);
    expect(stored.local).not.toContain(apiKey);

    // Reload: connection, status and schema are back; the note stays dismissed.
    await page.reload();
    await expect.poll(() => status(page)).toMatch(/^Signed in as .* under SERVICE_DESK\.$/);
    expect(await page.locator('input[name="credential"]').inputValue()).toBe(apiKey);
    expect(await page.locator('input[name="caseId"]').inputValue()).toBe('DEMO-2026-0001');
    expect(await page.locator('aside.govgraph-note').count()).toBe(0);
    await shot('04-after-reload');

    // The citizen-record example tab, with a national ID from the data, run.
    await page.locator('.graphiql-tab').getByText('CitizenRecord').click();
    await page.locator('.graphiql-query-editor').getByText('query CitizenRecord').waitFor();
    const variables = page.locator('.graphiql-editor-tool .CodeMirror').first();
    await variables.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ nationalId: person.nationalId }));
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText(`"name": "${person.name}"`).first().waitFor();
    expect(await result.textContent()).toContain(`"nationalId": "${person.nationalId}"`);
    expect(await result.textContent()).not.toContain('"errors"');
    await shot('05-citizen-record');

    // The docs explorer: Person.name is PERSONAL, from the population registry.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.locator('.graphiql-doc-explorer-search-input').click();
    await page.keyboard.type('Person');
    await page
      .getByRole('option', { name: /^Person$/ })
      .first()
      .click();
    await docs
      .locator('.graphiql-doc-explorer-title')
      .getByText('Person', { exact: true })
      .waitFor();
    await shot('06-docs-person');
    await docs.getByText('name', { exact: true }).first().click();
    await docs.locator('.graphiql-doc-explorer-title').getByText('name', { exact: true }).waitFor();
    const nameDocs = await docs.textContent();
    expect(nameDocs).toContain('PERSONAL · population registry');
    await shot('07-docs-person-name');

    // GraphiQL's state (tabs, variables) is in sessionStorage too: no national ID on disk.
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(
      person.nationalId,
    );

    // Sign out: the tab session is forgotten and the page starts afresh, anonymous, without
    // `person` in the schema.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => status(page)).toMatch(/^Anonymous/);
    const session = await page.evaluate<string>('JSON.stringify(sessionStorage)');
    expect(session).not.toContain(apiKey);
    expect(session).not.toContain(person.nationalId);
    expect(await page.locator('input[name="credential"]').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer').getByText('searchLegalEntities').first().waitFor();
    expect(await docsFieldNames(page)).not.toContain('person');
    await shot('08-signed-out');

    const origin = new URL(t.hub.graphiqlUrl).origin;
    expect(
      requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')),
    ).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says why a wrong key is refused, and keeps the person anonymous', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
    await page.goto(t.hub.graphiqlUrl);
    await page.locator('input[name="credential"]').fill('gg_not-a-real-key');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => status(page)).toMatch(/^Not signed in: /);
    await page.screenshot({ path: `${SHOTS}09-wrong-key.png` });
    await page.close();
  });
});

async function status(page: Page): Promise<string> {
  return (await page.locator('#govgraph-status').textContent()) ?? '';
}

/** The field names the docs explorer lists on the page it shows. */
async function docsFieldNames(page: Page): Promise<string[]> {
  return page.locator('.graphiql-doc-explorer .graphiql-doc-explorer-field-name').allTextContents();
}
