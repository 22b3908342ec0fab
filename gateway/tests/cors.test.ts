import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  callerHeaders,
  createHubTester,
  firstError,
  firstErrorCode,
  type HubTester,
  MemoryRegistry,
  memoryLogger,
  POLICE,
  TAX_ASSESSMENT,
  WANG,
} from './support/index.js';

// Browser apps on other origins (docs/access.md#browser-apps-cors), over HTTP as a browser sends
// them: the preflight, then the request with `Origin`. The browser itself: corsBrowser.test.ts.

const TAX_APP = 'https://tax-app.example.gov';
const POLICE_APP = 'http://police-app.example.gov:8080';
const PORTAL = 'https://citizen.example.gov';
const STRANGER = 'https://evil.example.com';
const TAX = callerHeaders({ as: CITY_TAX, purpose: TAX_ASSESSMENT });
const CITIZEN = { authorization: `Bearer citizen:${WANG}` };
const PERSON_NAME = `{ person(nationalId: "${WANG}") { name } }`;
const PUBLIC_QUERY = '{ notices { title } }';

const ALLOW_HEADERS =
  'content-type,x-api-key,authorization,x-purpose,x-case-id,x-operator-id,x-request-id,' +
  'x-govgraph-debug,apollo-require-preflight,x-apollo-operation-name,' +
  'apollographql-client-name,apollographql-client-version';
const EXPOSE_HEADERS = 'x-request-id,x-correlation-id,retry-after,x-gateway-worker';

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  text: string;
}

/** The `access-control-*` headers of an answer, by name. */
const corsHeaders = (headers: Headers): Record<string, string> =>
  Object.fromEntries([...headers].filter(([name]) => name.startsWith('access-control-')));

describe('browser apps on other origins (CORS)', () => {
  let hub: HubTester;
  const fetches = () =>
    hub.department(residents.name).requests.length + hub.department(taxes.name).requests.length;
  const logs = memoryLogger();

  const send = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Answer> => {
    const res = await fetch(`${hub.url}${path}`, init);
    const text = await res.text();
    let body: Answer['body'] = {};
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      // not JSON (an empty 204, a page): `text` says what it was
    }
    return { status: res.status, headers: res.headers, body, text };
  };
  const preflight = (origin: string, requestHeaders = 'content-type,x-api-key,x-purpose') =>
    send('/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': requestHeaders,
      },
    });
  const postFrom = (
    origin: string | undefined,
    query: string,
    headers: Record<string, string> = {},
    contentType = 'application/json',
  ) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, ...(origin ? { origin } : {}), ...headers },
      body: JSON.stringify({ query }),
    });
  const code = (answer: Answer) => firstErrorCode(answer.body);

  beforeAll(async () => {
    const registry = new MemoryRegistry()
      .addAgency({ ...CITY_TAX, origins: [TAX_APP] })
      .addAgency({ ...POLICE, origins: [POLICE_APP] })
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Person.name'])
      .setCitizenCoordinates(['Query.person', 'Person.name', 'Person.nationalId'])
      .setCitizenOrigins([PORTAL]);
    hub = await createHubTester({
      departments: [residents, taxes],
      registry,
      gateway: { logger: logs.logger },
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  describe('the preflight', () => {
    it('is answered 204 without a credential for an origin an agency lists, with exact headers', async () => {
      const answer = await preflight(TAX_APP);
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
      expect(corsHeaders(answer.headers)).toEqual({
        'access-control-allow-origin': TAX_APP,
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': '600',
        'access-control-expose-headers': EXPOSE_HEADERS,
      });
      expect(answer.headers.get('vary')).toBe('Origin');
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      expect(fetches()).toBe(0);
    });

    it('is the same for every registered origin, whoever lists it: it carries no credential', async () => {
      for (const origin of [POLICE_APP, PORTAL]) {
        const answer = await preflight(origin, 'authorization,content-type');
        expect(answer.status).toBe(204);
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      }
    });

    it('is refused 403 ORIGIN_NOT_ALLOWED without any CORS header for an unregistered origin', async () => {
      for (const origin of [
        STRANGER,
        'null',
        `${TAX_APP}:443`, // not how a browser writes it, so no match
        'http://tax-app.example.gov', // another scheme is another origin
        'https://tax-app.example.gov.evil.example.com',
      ]) {
        const answer = await preflight(origin);
        expect({ origin, status: answer.status }).toEqual({ origin, status: 403 });
        expect(corsHeaders(answer.headers)).toEqual({});
        expect(answer.headers.get('vary')).toBe('Origin');
        expect(code(answer)).toBe('ORIGIN_NOT_ALLOWED');
        expect(firstError(answer.body).message).toMatch(
          /may not call this endpoint: the origin is not registered with the hub\. Ask the platform operator/,
        );
      }
    });

    it('answers an OPTIONS without Origin (no preflight) with the methods, and nothing else', async () => {
      const answer = await send('/graphql', { method: 'OPTIONS' });
      expect(answer.status).toBe(204);
      expect(answer.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(corsHeaders(answer.headers)).toEqual({});
    });

    it('is not given on the other routes: GraphiQL, /health and /metrics need no CORS', async () => {
      for (const path of ['/graphiql', '/health', '/metrics']) {
        const options = await send(path, {
          method: 'OPTIONS',
          headers: { origin: TAX_APP, 'access-control-request-method': 'GET' },
        });
        expect(corsHeaders(options.headers)).toEqual({});
        const got = await send(path, { headers: { origin: TAX_APP } });
        expect({ path, status: got.status }).toEqual({ path, status: 200 });
        expect(corsHeaders(got.headers)).toEqual({});
      }
    });
  });

  describe('the request after it', () => {
    it('answers an agency’s key from an origin it lists, and the page may read the answer', async () => {
      const answer = await postFrom(TAX_APP, PERSON_NAME, TAX);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
      expect(corsHeaders(answer.headers)).toEqual({
        'access-control-allow-origin': TAX_APP,
        'access-control-expose-headers': EXPOSE_HEADERS,
      });
      expect(answer.headers.get('vary')).toBe('Origin');
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a key from an origin its agency does not list, before any department is asked', async () => {
      const before = fetches();
      // Listed by another agency: the preflight passes, the key does not.
      const elsewhere = await postFrom(POLICE_APP, PERSON_NAME, TAX);
      expect(elsewhere.status).toBe(403);
      expect(code(elsewhere)).toBe('ORIGIN_NOT_ALLOWED');
      expect(firstError(elsewhere.body).message).toBe(
        `The agency "city-tax" does not list the origin "${POLICE_APP}", so its credentials are refused from pages there. Call from one of its registered origins, or ask the platform operator to add this one (npm run agency -- origin add city-tax <origin>).`,
      );
      expect(elsewhere.body.data).toBeUndefined();
      // The origin is registered, so the page may read why it was refused.
      expect(elsewhere.headers.get('access-control-allow-origin')).toBe(POLICE_APP);
      // Listed by nobody: refused, and not even readable there.
      const stranger = await postFrom(STRANGER, PERSON_NAME, TAX);
      expect(stranger.status).toBe(403);
      expect(code(stranger)).toBe('ORIGIN_NOT_ALLOWED');
      expect(corsHeaders(stranger.headers)).toEqual({});
      expect(fetches()).toBe(before);
      // The operator sees it: who, and from where.
      const refused = logs.lines.filter((l) => String(l.msg).startsWith('refused a browser'));
      expect(refused.slice(-2).map((l) => [l.caller, l.origin, l.requestId])).toEqual([
        ['city-tax', POLICE_APP, elsewhere.headers.get('x-request-id')],
        ['city-tax', STRANGER, stranger.headers.get('x-request-id')],
      ]);
    });

    it('refuses it however the operation is sent: GET, variables, aliases and fragments, batches', async () => {
      const before = fetches();
      const query = `query Q($id: NationalId! = "${WANG}") { who: person(nationalId: $id) { ...F } } fragment F on Person { ... on Person { name } }`;
      const get = await send(`/graphql?query=${encodeURIComponent(query)}`, {
        headers: { origin: POLICE_APP, 'apollo-require-preflight': 'true', ...TAX },
      });
      expect([get.status, code(get)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      const batch = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: POLICE_APP, ...TAX },
        body: JSON.stringify([{ query: PERSON_NAME }, { query: PUBLIC_QUERY }]),
      });
      expect([batch.status, code(batch)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      const persisted = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: POLICE_APP, ...TAX },
        body: JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
        }),
      });
      expect([persisted.status, code(persisted)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect(fetches()).toBe(before);
      // The same GET from the agency's own origin is answered.
      const own = await send(`/graphql?query=${encodeURIComponent(query)}`, {
        headers: { origin: TAX_APP, 'apollo-require-preflight': 'true', ...TAX },
      });
      expect(own.status).toBe(200);
      expect(own.body).toEqual({ data: { who: { name: 'Wang Fang' } } });
    });

    it('lets anonymous pages on any registered origin read public data, and no other page', async () => {
      for (const origin of [TAX_APP, POLICE_APP, PORTAL]) {
        const answer = await postFrom(origin, PUBLIC_QUERY);
        expect({ origin, status: answer.status }).toEqual({ origin, status: 200 });
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      }
      const stranger = await postFrom(STRANGER, PUBLIC_QUERY);
      expect([stranger.status, code(stranger)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect(firstError(stranger.body).message).toMatch(/no agency has registered that origin/);
      expect(corsHeaders(stranger.headers)).toEqual({});
    });

    it('takes a citizen’s token from the citizen portal only', async () => {
      const portal = await postFrom(PORTAL, PERSON_NAME, CITIZEN);
      expect(portal.status).toBe(200);
      expect(portal.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
      const agencyApp = await postFrom(TAX_APP, PERSON_NAME, CITIZEN);
      expect([agencyApp.status, code(agencyApp)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect(firstError(agencyApp.body).message).toMatch(/from the citizen portal's pages only/);
    });

    it('still refuses a bad credential as such, from any origin', async () => {
      const answer = await postFrom(TAX_APP, PERSON_NAME, { 'x-api-key': 'k-unknown' });
      expect([answer.status, code(answer)]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('leaves requests without Origin, and same-origin pages such as GraphiQL, as they were', async () => {
      const curl = await postFrom(undefined, PERSON_NAME, TAX);
      expect(curl.status).toBe(200);
      expect(corsHeaders(curl.headers)).toEqual({});
      expect(curl.headers.get('vary')).toBe('Origin');
      // GraphiQL served by the gateway posts with the gateway's own origin.
      const graphiql = await postFrom(hub.url, PERSON_NAME, TAX);
      expect(graphiql.status).toBe(200);
      expect(graphiql.body).toEqual({ data: { person: { name: 'Wang Fang' } } });
    });
  });

  describe('CSRF protection, kept for everything else', () => {
    it('blocks a simple cross-site form POST (no preflight) from a registered origin', async () => {
      const before = fetches();
      for (const type of [
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data',
      ]) {
        const answer = await postFrom(TAX_APP, PUBLIC_QUERY, {}, type);
        expect({ type, status: answer.status }).toEqual({ type, status: 400 });
        expect(firstError(answer.body).message).toMatch(/Cross-Site Request Forgery/);
      }
      // From an unregistered origin it is refused for that first.
      const stranger = await postFrom(STRANGER, PUBLIC_QUERY, {}, 'text/plain');
      expect([stranger.status, code(stranger)]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect(fetches()).toBe(before);
    });

    it('blocks a plain cross-site GET, and never runs a mutation over GET', async () => {
      const url = `/graphql?query=${encodeURIComponent(PUBLIC_QUERY)}`;
      const simple = await send(url, { headers: { origin: TAX_APP } });
      expect(simple.status).toBe(400);
      expect(firstError(simple.body).message).toMatch(/Cross-Site Request Forgery/);
      const mutation = `/graphql?query=${encodeURIComponent('mutation { noSuchThing }')}`;
      const viaGet = await send(mutation, { headers: { origin: TAX_APP } });
      expect(viaGet.status).toBe(400);
      expect(firstError(viaGet.body).message).toMatch(/Cross-Site Request Forgery/);
      const withHeader = await send(mutation, {
        headers: { origin: TAX_APP, 'apollo-require-preflight': 'true' },
      });
      expect(withHeader.status).toBe(405);
    });
  });
});
