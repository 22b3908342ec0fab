import type { Person } from '@govgraph/datagen';
import { documentHash, FILE_COMPLAINT, recordDocument, SUBMIT_APPLICATION } from '@govgraph/desk';
import {
  addOperator,
  createOperatorSessions,
  grantCoordinates,
  issueApiKey,
  latestAuditRecords,
  revokeCoordinates,
  setOperatorDisabled,
} from '@govgraph/governance';
import { firstError, firstErrorCode } from '@govgraph/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

// Service-desk sessions over the whole hub (docs/access.md "Service-desk sessions"): a named
// operator signs in with a password, the hub issues a short-lived opaque token kept hashed in
// the hub store, and the token is a bearer credential that fixes the operator.

const DESK = 'service-desk-app';
const CASE = 'SD-2026-0042';
const IDENTITY = recordDocument(['name']);

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('service-desk sessions', () => {
  let t: TestHub;
  let person: Person;
  let password: string;

  const signIn = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.hub.gatewayUrl}/desk/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & Answer };
  };
  const tokenOf = async (operator = 'clerk-01', pass = password, agency = DESK) => {
    const { status, body } = await signIn({ agency, operator, password: pass });
    expect(status, JSON.stringify(body)).toBe(200);
    return String(body.token);
  };
  /** Sends a trusted document by its hash only, as the desk page does. */
  const byHash = async (
    headers: Record<string, string>,
    text: string,
    variables: Record<string, unknown>,
  ) => {
    const res = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(text) } },
      }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const desk = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    'x-purpose': 'SERVICE_DESK',
    'x-case-id': CASE,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestHub('sqlite', 300);
    person = [...t.world.persons()].find((p) => p.status === 'ALIVE') as Person;
    ({ password } = await addOperator(t.hub.services.store, {
      agencyId: DESK,
      id: 'clerk-01',
      name: 'Li Na',
    }));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('signs an operator in, and the session reads the record as that operator, audited so', async () => {
    const token = await tokenOf();
    expect(token).toMatch(/^ggs_[\w-]{43}$/);
    const { status, body } = await byHash(desk(token), IDENTITY, { nationalId: person.nationalId });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data?.person).toMatchObject({ nationalId: person.nationalId, name: person.name });
    const [record] = await latestAuditRecords(t.hub.services.store, 1);
    expect(record).toMatchObject({
      agencyId: DESK,
      operatorId: 'clerk-01',
      purpose: 'SERVICE_DESK',
      caseId: CASE,
      outcome: 'ok',
    });
  });

  it('refuses a wrong password and an unknown operator with one message, and stores no token', async () => {
    const wrong = await signIn({ agency: DESK, operator: 'clerk-01', password: 'not-it-at-all' });
    const unknown = await signIn({ agency: DESK, operator: 'nobody-here', password: 'whatever' });
    const otherAgency = await signIn({ agency: 'tax-bureau', operator: 'clerk-01', password });
    for (const refused of [wrong, unknown, otherAgency]) {
      expect(refused.status).toBe(401);
      expect(firstErrorCode(refused.body)).toBe('UNAUTHENTICATED');
      expect(firstError(refused.body).message).toBe(firstError(wrong.body).message);
      expect(refused.body.token).toBeUndefined();
    }
    const rows = await t.hub.services.store.db
      .selectFrom('operator_sessions')
      .select('token_hash')
      .execute();
    // Only hashes are stored: no row holds a token.
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an oversized or malformed sign-in with 400, answering it whole', async () => {
    const big = await signIn({ agency: DESK, operator: 'clerk-01', password: 'x'.repeat(10_000) });
    expect(big.status).toBe(400);
    const res = await fetch(`${t.hub.gatewayUrl}/desk/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"agency":',
    });
    expect(res.status).toBe(400);
    expect(firstErrorCode((await res.json()) as Answer)).toBe('BAD_REQUEST');
  });

  it('refuses a sign-in that is not JSON (a cross-site form cannot post one without CORS)', async () => {
    const res = await fetch(`${t.hub.gatewayUrl}/desk/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `agency=${DESK}&operator=clerk-01&password=${password}`,
    });
    expect(res.status).toBe(415);
  });

  it('signs out: the token is refused afterwards, on this and on another gateway instance', async () => {
    const token = await tokenOf();
    const other = await t.hub.addGateway();
    const out = await fetch(`${t.hub.gatewayUrl}/desk/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    for (const url of [t.hub.graphqlUrl, `${other.url}/graphql`]) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...desk(token) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as Answer;
      expect(firstError(body).message).toMatch(/signed out/);
    }
  });

  it('refuses an expired session, saying when it expired', async () => {
    const past = createOperatorSessions(t.hub.services.store, {
      now: () => new Date(Date.now() - 31 * 60_000),
    });
    const { token, expiresAt } = await past.signIn({
      agencyId: DESK,
      operatorId: 'clerk-01',
      password,
    });
    const { status, body } = await byHash(desk(token), IDENTITY, { nationalId: person.nationalId });
    expect(status).toBe(401);
    expect(firstError(body).message).toContain(`expired at ${expiresAt.toISOString()}`);
  });

  it('ends the sessions of a disabled operator at once and refuses their sign-in', async () => {
    const { password: own } = await addOperator(t.hub.services.store, {
      agencyId: DESK,
      id: 'clerk-02',
      name: 'Zhang Wei',
    });
    const token = await tokenOf('clerk-02', own);
    await setOperatorDisabled(t.hub.services.store, DESK, 'clerk-02', true);
    const { status } = await byHash(desk(token), IDENTITY, { nationalId: person.nationalId });
    expect(status).toBe(401);
    const again = await signIn({ agency: DESK, operator: 'clerk-02', password: own });
    expect(again.status).toBe(401);
    expect(firstError(again.body).message).toMatch(/disabled/);
  });

  it('refuses an X-Operator-Id naming someone else; the same operator is accepted', async () => {
    const token = await tokenOf();
    const other = await byHash(desk(token, { 'x-operator-id': 'clerk-99' }), IDENTITY, {
      nationalId: person.nationalId,
    });
    expect(other.status).toBe(400);
    expect(firstError(other.body).message).toMatch(/clerk-01/);
    const same = await byHash(desk(token, { 'x-operator-id': 'clerk-01' }), IDENTITY, {
      nationalId: person.nationalId,
    });
    expect(same.status).toBe(200);
  });

  it('a session of one agency cannot act as another', async () => {
    const { password: taxPassword } = await addOperator(t.hub.services.store, {
      agencyId: 'tax-bureau',
      id: 'inspector-01',
      name: 'Chen Jie',
    });
    const token = await tokenOf('inspector-01', taxPassword, 'tax-bureau');
    // The tax bureau holds no SERVICE_DESK grant: the session is the tax bureau's, whatever it claims.
    const read = await byHash(desk(token), IDENTITY, { nationalId: person.nationalId });
    expect(read.status).toBe(403);
    expect(firstErrorCode(read.body)).toBe('FORBIDDEN');
    const write = await byHash(desk(token), FILE_COMPLAINT, {
      input: {
        complainantNationalId: person.nationalId,
        againstCreditCode: t.world.company(0).creditCode,
        category: 'PRICING',
        description: 'Charged twice for one meal.',
      },
    });
    expect(write.status).toBe(403);
    // Nor can a desk API key be sent beside it to borrow the desk's grants.
    const deskKey = (await issueApiKey(t.hub.services.store, DESK)).key;
    const both = await byHash(desk(token, { 'x-api-key': deskKey }), IDENTITY, {
      nationalId: person.nationalId,
    });
    expect(both.status).toBe(401);
  });

  it('plans the record only for a session, from the grants: the access trail is not the desk’s', async () => {
    const token = await tokenOf();
    const res = await fetch(`${t.hub.gatewayUrl}/desk/plan`, { headers: desk(token) });
    expect(res.status).toBe(200);
    const plan = (await res.json()) as {
      sections: {
        key: string;
        department: string;
        classification: string;
        granted: boolean;
        reason?: string;
      }[];
      recordHash: string;
      writes: Record<string, { allowed: boolean }>;
    };
    const byKey = Object.fromEntries(plan.sections.map((s) => [s.key, s]));
    expect(byKey.taxProfile).toMatchObject({
      department: 'tax',
      classification: 'SENSITIVE',
      granted: true,
    });
    expect(byKey.representedEntities).toMatchObject({ department: 'market', granted: true });
    expect(byKey.accessLog).toMatchObject({ department: 'tracker', granted: false });
    const granted = plan.sections.filter((s) => s.granted).map((s) => s.key);
    expect(plan.recordHash).toBe(documentHash(recordDocument(granted)));
    expect(plan.writes).toMatchObject({
      fileComplaint: { allowed: true },
      submitApplication: { allowed: true },
    });
    const key = (await issueApiKey(t.hub.services.store, DESK)).key;
    const withKey = await fetch(`${t.hub.gatewayUrl}/desk/plan`, {
      headers: { 'x-api-key': key, 'x-purpose': 'SERVICE_DESK' },
    });
    expect(withKey.status).toBe(401);
  });

  it('runs the planned record by hash, every granted section at once; an unknown hash is not found', async () => {
    const token = await tokenOf();
    const plan = (await (
      await fetch(`${t.hub.gatewayUrl}/desk/plan`, { headers: desk(token) })
    ).json()) as { sections: { key: string; granted: boolean }[] };
    const granted = plan.sections.filter((s) => s.granted).map((s) => s.key);
    const { status, body } = await byHash(desk(token), recordDocument(granted), {
      nationalId: person.nationalId,
    });
    expect(status, JSON.stringify(body.errors)).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data?.person as object)).toEqual(
      expect.arrayContaining(['name', 'taxProfile', 'socialInsurance', 'complaintsFiled']),
    );
    const unknown = await byHash(desk(token), '{ nothing }', {});
    expect(firstErrorCode(unknown.body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('slows password guessing: after five failures even the right password waits', async () => {
    await addOperator(t.hub.services.store, { agencyId: DESK, id: 'clerk-03', name: 'Wu Fang' });
    for (let i = 0; i < 5; i++) {
      const { status } = await signIn({
        agency: DESK,
        operator: 'clerk-03',
        password: `guess-${i}`,
      });
      expect(status).toBe(401);
    }
    const blocked = await signIn({ agency: DESK, operator: 'clerk-03', password: 'guess-6' });
    expect(blocked.status).toBe(429);
    expect(firstErrorCode(blocked.body)).toBe('SIGN_IN_THROTTLED');
  });

  it('keeps a trusted document: other text under its hash is refused, the document still runs', async () => {
    const token = await tokenOf();
    const res = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...desk(token) },
      body: JSON.stringify({
        query: 'query DeskRecord { __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(IDENTITY) } },
      }),
    });
    expect(res.status).toBe(400);
    const after = await byHash(desk(token), IDENTITY, { nationalId: person.nationalId });
    expect(after.body.data?.person).toMatchObject({ name: person.name });
  });

  it('judges a document sent by hash like its text: GET, batches and cache replay get around nothing', async () => {
    const desk1 = await tokenOf();
    const { password: taxPassword } = await addOperator(t.hub.services.store, {
      agencyId: 'tax-bureau',
      id: 'inspector-02',
      name: 'Zhao Min',
    });
    const tax = await tokenOf('inspector-02', taxPassword, 'tax-bureau');
    const variables = { nationalId: person.nationalId };
    // Read once by the desk, so a cached answer exists if the hub caches it at all.
    const first = await byHash(desk(desk1), IDENTITY, variables);
    expect(first.status).toBe(200);
    const replay = await byHash(desk(tax), IDENTITY, variables);
    expect(replay.status).toBe(403);
    expect(replay.body.data ?? null).toBeNull();
    const anonymous = await byHash({}, IDENTITY, variables);
    expect(anonymous.status).toBe(403);
    const get = (token: string) => {
      const params = new URLSearchParams({
        variables: JSON.stringify(variables),
        extensions: JSON.stringify({
          persistedQuery: { version: 1, sha256Hash: documentHash(IDENTITY) },
        }),
      });
      return fetch(`${t.hub.graphqlUrl}?${params}`, {
        headers: { ...desk(token), 'apollo-require-preflight': 'true' },
      });
    };
    expect((await get(desk1)).status).toBe(200);
    const refused = await get(tax);
    expect(refused.status).toBe(403);
    const batch = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...desk(tax) },
      body: JSON.stringify([
        {
          variables,
          extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(IDENTITY) } },
        },
      ]),
    });
    expect(batch.status).toBe(400);
  });

  it('sends the record private and unstored', async () => {
    const token = await tokenOf();
    const res = await fetch(t.hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...desk(token) },
      body: JSON.stringify({
        variables: { nationalId: person.nationalId },
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(IDENTITY) } },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('starts an application once per idempotency key, audited under the operator', async () => {
    const token = await tokenOf();
    const input = {
      idempotencyKey: 'desk-test-application-0001',
      applicantNationalId: person.nationalId,
      kind: 'FOOD_BUSINESS_LICENSE',
    };
    const first = await byHash(desk(token), SUBMIT_APPLICATION, { input });
    expect(first.status, JSON.stringify(first.body.errors)).toBe(200);
    const again = await byHash(desk(token), SUBMIT_APPLICATION, { input });
    const idOf = (body: Answer) =>
      (body.data?.submitApplication as { id?: string } | undefined)?.id;
    expect(idOf(first.body)).toMatch(/^SP/);
    expect(idOf(again.body)).toBe(idOf(first.body));
    const records = await latestAuditRecords(t.hub.services.store, 2);
    for (const record of records) {
      expect(record).toMatchObject({ agencyId: DESK, operatorId: 'clerk-01', caseId: CASE });
      expect(record.coordinates).toContain('Mutation.submitApplication');
    }
    // Without a case a write on someone's behalf is refused, session or not.
    const noCase = await byHash(
      { authorization: `Bearer ${token}`, 'x-purpose': 'SERVICE_DESK' },
      SUBMIT_APPLICATION,
      { input: { ...input, idempotencyKey: 'desk-test-application-0002' } },
    );
    expect(noCase.status).toBe(403);
  });

  it('leaves out a section whose grant is revoked, saying why, and asks for the rest in one request', async () => {
    const { store, registry } = t.hub.services;
    await revokeCoordinates(store, DESK, 'SERVICE_DESK', ['Person.taxProfile']);
    await registry.refresh();
    try {
      const token = await tokenOf();
      const res = await fetch(`${t.hub.gatewayUrl}/desk/plan`, { headers: desk(token) });
      const plan = (await res.json()) as {
        sections: { key: string; granted: boolean; reason?: string }[];
        recordHash: string;
      };
      const tax = plan.sections.find((s) => s.key === 'taxProfile');
      expect(tax).toMatchObject({ granted: false });
      expect(tax?.reason).toMatch(/Person\.taxProfile: agency service-desk-app holds no grant/);
      const granted = plan.sections.filter((s) => s.granted).map((s) => s.key);
      expect(granted).not.toContain('taxProfile');
      expect(plan.recordHash).toBe(documentHash(recordDocument(granted)));
      const { status, body } = await byHash(desk(token), recordDocument(granted), {
        nationalId: person.nationalId,
      });
      expect(status, JSON.stringify(body.errors)).toBe(200);
      expect(body.data?.person).not.toHaveProperty('taxProfile');
      // The whole record, tax included, is refused outright: that is why the desk plans first.
      const all = await byHash(desk(token), recordDocument([...granted, 'taxProfile']), {
        nationalId: person.nationalId,
      });
      expect(all.status).toBe(403);
    } finally {
      await grantCoordinates(store, DESK, 'SERVICE_DESK', ['Person.taxProfile']);
      await registry.refresh();
    }
  });

  it('shows an auditor agency the access trail, naming the desk’s reads, and nothing it is not granted', async () => {
    const { password: auditorPassword } = await addOperator(t.hub.services.store, {
      agencyId: 'data-protection-auditor',
      id: 'auditor-01',
      name: 'Sun Li',
    });
    const token = await tokenOf('auditor-01', auditorPassword, 'data-protection-auditor');
    const headers = { ...desk(token), 'x-purpose': 'AUDIT' };
    const plan = (await (await fetch(`${t.hub.gatewayUrl}/desk/plan`, { headers })).json()) as {
      sections: { key: string; granted: boolean }[];
      writes: Record<string, { allowed: boolean }>;
    };
    const granted = plan.sections.filter((s) => s.granted).map((s) => s.key);
    expect(granted).toEqual(['accessLog']);
    expect(plan.writes.fileComplaint?.allowed).toBe(false);
    const { status, body } = await byHash(headers, recordDocument(granted), {
      nationalId: person.nationalId,
    });
    expect(status, JSON.stringify(body.errors)).toBe(200);
    const answered = body.data?.person as
      | { accessLog: { totalCount: number; nodes: unknown[] } }
      | undefined;
    const log = answered?.accessLog ?? { totalCount: 0, nodes: [] };
    expect(log.totalCount).toBeGreaterThan(0);
    expect(log.nodes).toContainEqual(
      expect.objectContaining({ operatorId: 'clerk-01', purpose: 'SERVICE_DESK', caseId: CASE }),
    );
  });

  it('serves the page under a strict CSP with its assets from the gateway, long-cached', async () => {
    const res = await fetch(`${t.hub.gatewayUrl}/desk`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    const script = /src="(\/desk\/assets\/desk\.js\?v=[0-9a-f]{12})"/.exec(html)?.[1];
    const asset = await fetch(`${t.hub.gatewayUrl}${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${t.hub.gatewayUrl}/desk`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${t.hub.gatewayUrl}/desk/session`)).status).toBe(405);
  });
});
