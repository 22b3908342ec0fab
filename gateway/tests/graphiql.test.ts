import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CHROMIUM_ARGS, requireChromium } from '@govgraph/testing';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as companies from './support/departments/companies.js';
import * as people from './support/departments/people.js';
import { createHubTester, type HubTester, MemoryRegistry } from './support/index.js';

const DEFAULT_QUERY = `{ person(nationalId: "${people.WANG}") { name companies { name } } }`;
const require = createRequire(import.meta.url);
const packageFile = (pkg: string, file: string) =>
  readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));

describe('GraphiQL served by the gateway', () => {
  let hub: HubTester;

  beforeAll(async () => {
    hub = await createHubTester({
      departments: [people, companies],
      gateway: { graphiqlDefaultQuery: DEFAULT_QUERY },
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('serves a page whose every asset is a path on the gateway, never an http(s) URL', async () => {
    const res = await fetch(`${hub.url}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1])
      .filter((ref) => ref !== 'data:,'); // the empty favicon, so the browser asks for none
    expect(refs).toHaveLength(6);
    for (const ref of refs) expect(ref).toMatch(/^\/graphiql\/assets\/[\w.-]+\?v=[0-9a-f]{12}$/);
    expect(html).toContain(JSON.stringify(DEFAULT_QUERY).replaceAll('<', '\\u003c'));
  });

  it('lists no purposes when the gateway runs without a registry', async () => {
    const res = await fetch(`${hub.url}/graphiql/purposes.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purposes: [] });
  });

  it('serves GraphiQL 3.9 and React 18.3 from node_modules with long cache headers and content types', async () => {
    const expected = [
      [
        'graphiql.min.js',
        'text/javascript; charset=utf-8',
        packageFile('graphiql', 'graphiql.min.js'),
      ],
      ['graphiql.min.css', 'text/css; charset=utf-8', packageFile('graphiql', 'graphiql.min.css')],
      [
        'react.production.min.js',
        'text/javascript; charset=utf-8',
        packageFile('react', 'umd/react.production.min.js'),
      ],
      [
        'react-dom.production.min.js',
        'text/javascript; charset=utf-8',
        packageFile('react-dom', 'umd/react-dom.production.min.js'),
      ],
    ] as const;
    for (const [name, type, body] of expected) {
      const res = await fetch(`${hub.url}/graphiql/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toBe(type);
      expect(res.headers.get('cache-control'), name).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(body), name).toBe(true);
      const again = await fetch(`${hub.url}/graphiql/assets/${name}`, {
        headers: { 'if-none-match': res.headers.get('etag') ?? '' },
      });
      expect(again.status, name).toBe(304);
    }
  });

  it('runs in Chromium with no request leaving the gateway, and shows a query result', async () => {
    const browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      const problems: string[] = [];
      page.on('request', (req) => requested.push(req.url()));
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });

      await page.goto(`${hub.url}/graphiql`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      expect(await page.locator('.graphiql-query-editor').textContent()).toContain(
        `person(nationalId: "${people.WANG}")`,
      );
      await page.locator('.graphiql-execute-button').click();
      await page.locator('.result-window').getByText('Minjiang Tea Co.').waitFor();

      const result = await page.locator('.result-window').textContent();
      expect(result).toContain('"name": "Wang Fang"');
      const origin = new URL(hub.url).origin;
      const elsewhere = requested.filter(
        (url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'),
      );
      expect(elsewhere).toEqual([]);
      expect(requested).toContain(`${origin}/graphql`);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('GraphiQL connection bar with a bearer token', () => {
  let hub: HubTester;

  beforeAll(async () => {
    const registry = new MemoryRegistry()
      .addPurpose('SERVICE_DESK')
      .addPurpose('TAX_AUDIT')
      .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId']);
    hub = await createHubTester({ departments: [people], registry });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('sends the token as Authorization, lists the purposes and names the citizen', async () => {
    const browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = await browser.newPage();
      const sent: Record<string, string>[] = [];
      page.on('request', (req) => {
        if (req.url().endsWith('/graphql')) sent.push(req.headers());
      });
      await page.goto(`${hub.url}/graphiql`);
      const purposes = page.locator('select[name="purpose"] option');
      await expect
        .poll(() => purposes.allTextContents())
        .toEqual(['— no purpose —', 'SERVICE_DESK — SERVICE_DESK', 'TAX_AUDIT — TAX_AUDIT']);
      await page.locator('select[name="kind"]').selectOption('bearer');
      await page.locator('input[name="credential"]').fill(`citizen:${people.WANG}`);
      await page.getByRole('button', { name: 'Connect' }).click();
      const status = page.locator('#govgraph-status');
      await expect
        .poll(() => status.textContent())
        .toBe('Signed in as a citizen: your own record only.');
      await expect
        .poll(() => sent.some((h) => h.authorization === `Bearer citizen:${people.WANG}`))
        .toBe(true);
      expect(sent.every((h) => h['x-api-key'] === undefined)).toBe(true);
      expect(page.url()).not.toContain('citizen:');
    } finally {
      await browser.close();
    }
  });
});
