import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, requireChromium } from '@govgraph/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  createHubTester,
  type HubTester,
  MemoryRegistry,
  POLICE,
  TAX_ASSESSMENT,
  WANG,
} from './support/index.js';

// A web app on another origin calls the gateway from Chromium (docs/access.md#browser-apps-cors):
// the page is served by a second HTTP server on another port, so the browser preflights and
// enforces CORS as it would for a real agency app. Screenshots: test-results/cors-browser/.

const SHOTS = resolve(fileURLToPath(new URL('../../test-results/cors-browser', import.meta.url)));

/** The agency app: a key field, a button, and what the gateway answered (or that it was blocked). */
function appPage(gatewayUrl: string): string {
  const query = `{ person(nationalId: "${WANG}") { name } }`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Tax app</title>
<style>body{font:16px sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}</style>
</head><body>
<h1>Tax app on <span id="origin"></span></h1>
<p>Calls <code>${gatewayUrl}/graphql</code> with the key below.</p>
<label>X-Api-Key <input id="key" value=""></label>
<button id="call">Call the gateway</button>
<pre id="out">not called yet</pre>
<script>
document.getElementById('origin').textContent = location.origin;
document.getElementById('call').addEventListener('click', async () => {
  const out = document.getElementById('out');
  out.textContent = 'calling…';
  try {
    const res = await fetch(${JSON.stringify(`${gatewayUrl}/graphql`)}, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': document.getElementById('key').value,
        'x-purpose': 'tax-assessment',
      },
      body: JSON.stringify({ query: ${JSON.stringify(query)} }),
    });
    out.textContent = 'HTTP ' + res.status + ', x-request-id readable: ' +
      (res.headers.get('x-request-id') !== null) + '\\n' + JSON.stringify(await res.json(), null, 2);
  } catch (error) {
    out.textContent = 'BLOCKED by the browser: ' + error.message;
  }
});
</script></body></html>`;
}

describe('a web app on another origin, in Chromium', () => {
  let hub: HubTester;
  let app: Server;
  let appPort: number;
  let browser: Browser;
  const fetches = () =>
    hub.department(residents.name).requests.length + hub.department(taxes.name).requests.length;
  /** The app page as served on 127.0.0.1 (the registered origin) or on localhost (another one). */
  const appOrigin = (host: '127.0.0.1' | 'localhost') => `http://${host}:${appPort}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    console.log(`CORS browser screenshots: ${SHOTS}`);
    const registry = new MemoryRegistry();
    hub = await createHubTester({ departments: [residents, taxes], registry });
    app = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(appPage(hub.url));
    });
    await new Promise<void>((done) => app.listen(0, '0.0.0.0', done));
    appPort = (app.address() as AddressInfo).port;
    registry
      .addAgency({ ...CITY_TAX, origins: [appOrigin('127.0.0.1')] })
      .addAgency({ ...POLICE, origins: ['https://police.example.gov'] })
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Person.name'])
      .grant(POLICE.agencyId, TAX_ASSESSMENT, ['Person.name']);
    browser = await chromium.launch({
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (app ? app.close(() => done()) : done()));
    await hub?.close();
  });

  /** Opens the app on `origin`, calls the gateway with `key`, screenshots `shot`; the page's text. */
  async function callFrom(origin: string, key: string, shot: string): Promise<string> {
    const page: Page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    try {
      await page.goto(`${origin}/`);
      await page.locator('#key').fill(key);
      await page.locator('#call').click();
      await page
        .locator('#out')
        .filter({ hasNotText: /calling|not called/ })
        .waitFor();
      await page.screenshot({ path: join(SHOTS, shot) });
      return (await page.locator('#out').textContent()) ?? '';
    } finally {
      await page.close();
    }
  }

  it('gets data with the key of an agency that lists the page’s origin', async () => {
    const out = await callFrom(appOrigin('127.0.0.1'), 'k-tax', '1-listed-origin-data.png');
    expect(out).toContain('HTTP 200, x-request-id readable: true');
    expect(out).toContain('"name": "Wang Fang"');
  });

  it('is refused, readably, with the key of an agency that does not list it', async () => {
    const before = fetches();
    const out = await callFrom(
      appOrigin('127.0.0.1'),
      'k-police',
      '2-other-agency-key-refused.png',
    );
    expect(out).toContain('HTTP 403');
    expect(out).toContain('"code": "ORIGIN_NOT_ALLOWED"');
    expect(out).toContain('The agency \\"police\\" does not list the origin');
    expect(out).not.toContain('Wang Fang');
    expect(fetches()).toBe(before);
  });

  it('is blocked by the browser on an origin nobody registered, even with a valid key', async () => {
    const before = fetches();
    const out = await callFrom(
      appOrigin('localhost'),
      'k-tax',
      '3-unregistered-origin-blocked.png',
    );
    expect(out).toMatch(/^BLOCKED by the browser: Failed to fetch/);
    expect(fetches()).toBe(before);
  });

  it('leaves pages served by the gateway itself alone (same origin, no CORS)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${hub.url}/health`);
      const status = await page.evaluate(
        async ([query]) => {
          const res = await fetch('/graphql', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-api-key': 'k-police',
              'x-purpose': 'tax-assessment',
            },
            body: JSON.stringify({ query }),
          });
          return `${res.status} ${JSON.stringify(await res.json())}`;
        },
        [`{ person(nationalId: "${WANG}") { name } }`],
      );
      expect(status).toBe('200 {"data":{"person":{"name":"Wang Fang"}}}');
    } finally {
      await page.close();
    }
  });
});
