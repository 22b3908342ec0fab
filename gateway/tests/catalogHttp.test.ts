import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerCatalog } from '../src/catalog/callerCatalog.js';
import { createGatewayServer } from '../src/index.js';

import {
  type CatalogGateway,
  committedSupergraph,
  startCatalogGateway,
  TAX_OFFICE_KEY,
} from './support/catalogGateway.js';
import {
  freePort,
  MemoryRegistry,
  postGraphQL,
  silentLogger,
  tempSupergraph,
  testCallerToken,
} from './support/index.js';

const INTROSPECT = '{ __schema { types { name kind fields { name } } } }';

describe('GET /catalog.json', () => {
  let gateway: CatalogGateway;

  beforeAll(async () => {
    gateway = await startCatalogGateway();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const get = async (headers: Record<string, string> = {}, query = '') => {
    const res = await fetch(`${gateway.url}/catalog.json${query}`, { headers });
    return { res, body: (await res.json()) as CallerCatalog & { errors?: unknown } };
  };

  const coordinates = (catalog: CallerCatalog) =>
    catalog.types
      .filter((t) => t.kind === 'OBJECT' || t.kind === 'INTERFACE')
      .flatMap((t) => t.fields.map((f) => f.coordinate))
      .sort();

  /** What introspection shows the same caller, as `Type.field` of object and interface types. */
  const introspected = async (headers: Record<string, string>) => {
    const { body } = await postGraphQL(`${gateway.url}/graphql`, INTROSPECT, { headers });
    const schema = body.data?.__schema as {
      types: { name: string; kind: string; fields: { name: string }[] | null }[];
    };
    return schema.types
      .filter((t) => !t.name.startsWith('__') && (t.kind === 'OBJECT' || t.kind === 'INTERFACE'))
      .flatMap((t) => (t.fields ?? []).map((f) => `${t.name}.${f.name}`))
      .sort();
  };

  it('shows an anonymous caller the public graph only: exactly what its introspection shows', async () => {
    const { res, body } = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(body.caller).toEqual({ kind: 'anonymous' });
    const fields = body.types.flatMap((t) => t.fields);
    expect(fields.length).toBeGreaterThan(20);
    for (const f of fields) {
      if (f.classification !== null) expect(f.classification, f.coordinate).toBe('PUBLIC');
      expect(f.access).toEqual({ withoutPurpose: true, purposes: [], needsCase: false });
    }
    const names = body.types.map((t) => t.name);
    expect(names).not.toContain('Person');
    expect(names).not.toContain('PersonTaxProfile');
    expect(JSON.stringify(body)).not.toMatch(/Person\.taxProfile|Query\.person"|accessLog/);
    expect(coordinates(body)).toEqual(await introspected({}));
  });

  it('shows an agency its readable schema, with the purpose each field may be read under', async () => {
    const { res, body } = await get({ 'x-api-key': TAX_OFFICE_KEY });
    expect(res.status).toBe(200);
    expect(body.caller).toEqual({
      kind: 'agency',
      agencyId: 'tax-office',
      name: 'Municipal Tax Office',
      purposes: [{ code: 'TAX_AUDIT', description: 'TAX_AUDIT', legalBasis: 'test' }],
    });
    const byCoordinate = new Map(
      body.types.flatMap((t) => t.fields.map((f) => [f.coordinate, f] as const)),
    );
    expect(byCoordinate.get('Query.person')?.access).toEqual({
      withoutPurpose: false,
      purposes: ['TAX_AUDIT'],
      needsCase: false,
    });
    expect(byCoordinate.get('Person.gender')?.access.purposes).toEqual(['TAX_AUDIT']);
    expect(byCoordinate.get('PersonTaxProfile.arrears')).toMatchObject({
      classification: 'SENSITIVE',
      access: { withoutPurpose: false, purposes: ['TAX_AUDIT'], needsCase: true },
    });
    // INTERNAL is for every identified agency, no purpose needed.
    expect(byCoordinate.get('Query.application')?.access.withoutPurpose).toBe(true);
    // CONFIDENTIAL and not granted: not listed, as introspection does not list it.
    expect(byCoordinate.has('EnterpriseTaxProfile.creditRating')).toBe(false);
    expect(coordinates(body)).toEqual(
      await introspected({ 'x-api-key': TAX_OFFICE_KEY, 'x-purpose': 'TAX_AUDIT' }),
    );
  });

  it("lists another agency's grants for it alone, and never one agency's for another", async () => {
    const housing = await get({ 'x-api-key': 'k-housing' });
    const fields = housing.body.types.flatMap((t) => t.fields);
    expect(fields.find((f) => f.coordinate === 'Person.name')?.access.purposes).toEqual([
      'HOUSING_BENEFIT',
    ]);
    expect(fields.some((f) => f.coordinate === 'Person.gender')).toBe(false);
    expect(JSON.stringify(housing.body)).not.toContain('TAX_AUDIT');
    // The views are cached per caller: the anonymous one after an agency's is still public.
    const anonymous = await get();
    expect(anonymous.body.types.some((t) => t.name === 'Person')).toBe(false);
  });

  it('follows the registry: a grant given shows at once, a grant taken back is gone', async () => {
    const housingFields = async () =>
      (await get({ 'x-api-key': 'k-housing' })).body.types
        .flatMap((t) => t.fields)
        .map((f) => f.coordinate);
    expect(await housingFields()).not.toContain('Person.gender');
    gateway.registry.grant('housing-bureau', 'HOUSING_BENEFIT', [
      'Query.person',
      'Person.name',
      'Person.gender',
    ]);
    expect(await housingFields()).toContain('Person.gender');
    gateway.registry.grant('housing-bureau', 'HOUSING_BENEFIT', ['Query.person', 'Person.name']);
    expect(await housingFields()).not.toContain('Person.gender');
  });

  it('shows a citizen the public graph and the fields it may read about itself', async () => {
    const citizen = { authorization: 'Bearer citizen:11010519491231002X' };
    const { res, body } = await get(citizen);
    expect(res.status).toBe(200);
    expect(body.caller).toEqual({ kind: 'citizen' });
    const person = body.types.find((t) => t.name === 'Person');
    expect(person?.fields.map((f) => f.name).sort()).toEqual(['name', 'nationalId']);
    expect(coordinates(body)).toEqual(await introspected(citizen));
  });

  it('refuses a bad credential as /graphql does, and shows nothing with the refusal', async () => {
    const cases: Record<string, string>[] = [
      { 'x-api-key': 'not-a-key' },
      { authorization: 'Basic abc' },
      { authorization: 'Bearer not-a-token' },
      { 'x-api-key': TAX_OFFICE_KEY, authorization: 'Bearer x' },
    ];
    for (const headers of cases) {
      const { res, body } = await get(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(body.errors).toEqual([
        { message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } },
      ]);
      expect(body.types).toBeUndefined();
    }
  });

  it('takes the credential from headers only: not from the URL, and a purpose widens nothing', async () => {
    const inUrl = await get({}, `?x-api-key=${TAX_OFFICE_KEY}&apiKey=${TAX_OFFICE_KEY}`);
    expect(inUrl.body.caller).toEqual({ kind: 'anonymous' });
    const withPurpose = await get({ 'x-purpose': 'TAX_AUDIT', 'x-case-id': 'C-1' });
    expect(withPurpose.body.caller).toEqual({ kind: 'anonymous' });
    expect(withPurpose.body.types.some((t) => t.name === 'Person')).toBe(false);
    const badPurpose = await get({ 'x-purpose': '<script>' });
    expect(badPurpose.res.status).toBe(400);
  });

  it('follows the supergraph the gateway serves when it is reloaded', async () => {
    const described = async () =>
      (await get()).body.types
        .find((t) => t.name === 'AbnormalOperationListing')
        ?.fields.find((f) => f.name === 'listedOn')?.description;
    expect(await described()).toBe('Date the entity was listed.');
    await gateway.writeSupergraph(
      committedSupergraph().replace('Date the entity was listed.', 'Day the listing began.'),
    );
    await expect.poll(described, { timeout: 10_000 }).toBe('Day the listing began.');
  });

  it('answers GET and HEAD only', async () => {
    const postRes = await fetch(`${gateway.url}/catalog.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TAX_OFFICE_KEY },
      body: '[{}]',
    });
    expect(postRes.status).toBe(405);
    expect(postRes.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${gateway.url}/catalog.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('GET /catalog', () => {
  let gateway: CatalogGateway;

  beforeAll(async () => {
    gateway = await startCatalogGateway();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('is a page with no inline script or style and nothing from another origin', async () => {
    const res = await fetch(`${gateway.url}/catalog`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\son\w+=/);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((ref) => ref !== 'data:,');
    expect(refs).toHaveLength(2);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/catalog\/assets\/catalog\.(js|css)\?v=[0-9a-f]{12}$/);
      const asset = await fetch(`${gateway.url}${ref}`);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('cache-control'), ref).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('/catalog.json before the first supergraph', () => {
  it('answers 503 GATEWAY_NOT_READY, then the catalog once the supergraph is loaded', async () => {
    const file = await tempSupergraph();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/catalog.json`;
    const starting = createGatewayServer({
      access: { registry: new MemoryRegistry(), signer: testCallerToken.signer },
      supergraphPath: file.path,
      logger: silentLogger(),
      reloadDebounceMs: 20,
    }).listen(port);
    try {
      let early: Response | undefined;
      for (let i = 0; i < 100 && !early; i++) {
        early = await fetch(url).catch(() => undefined);
        if (!early) await delay(20);
      }
      expect(early?.status).toBe(503);
      expect(early?.headers.get('retry-after')).toBe('5');
      expect(await early?.json()).toEqual({
        errors: [
          { message: expect.stringMatching(/Retry/), extensions: { code: 'GATEWAY_NOT_READY' } },
        ],
      });
      await file.write(committedSupergraph());
      const listening = await starting;
      try {
        expect((await fetch(url)).status).toBe(200);
      } finally {
        await listening.close();
      }
    } finally {
      await file.remove();
    }
  });
});
