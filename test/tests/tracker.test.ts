import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, type World } from '@govgraph/datagen';
import { grantCoordinates, issueApiKey } from '@govgraph/governance';
import { firstError } from '@govgraph/testing';
import { departments, type Hub, hubConfig, startHub } from '@govgraph/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessHubEnv, testCitizenIssuer } from './support/accessHub.js';

// The data tracker end to end (docs/access.md): an agency reads a person through the gateway,
// the audit log records it, and the tracker shows it to an auditor and to the citizen.

const PEOPLE = 300;
const SEED = 23;

interface Reply {
  status: number;
  /** The hub's id of the request (`X-Request-Id` of the response). */
  requestId: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

interface AccessRecordReply {
  readerKind: string;
  agencyId: string | null;
  agencyName: string | null;
  purpose: string | null;
  fields: string[];
  outcome: string;
  requestId: string;
}

describe('the data tracker over the whole hub', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'govgraph-tracker-'));
  const world: World = createWorld({ seed: SEED, people: PEOPLE });
  const citizens = testCitizenIssuer();
  let hub: Hub;
  const keys: Record<string, string> = {};

  const ask = async (
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<Reply> => {
    const res = await fetch(hub.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: res.status,
      requestId: res.headers.get('x-request-id'),
      body: (await res.json()) as Reply['body'],
    };
  };
  const asAgency = (agency: string, purpose: string) => ({
    'x-api-key': keys[agency] ?? '',
    'x-purpose': purpose,
  });
  const asCitizen = (nationalId: string) => ({
    authorization: `Bearer ${citizens.token(nationalId)}`,
  });
  const ACCESS_LOG = `query($id: NationalId!) { person(nationalId: $id) {
    accessLog { nodes { readerKind agencyId agencyName purpose fields outcome requestId } } } }`;
  const accessLogIn = (reply: Reply): AccessRecordReply[] =>
    (reply.body.data?.person as { accessLog?: { nodes: AccessRecordReply[] } } | null)?.accessLog
      ?.nodes ?? [];

  // Two living adults of the synthetic world, neither the other's spouse.
  const adult = (from: number) => {
    for (let i = from; i < PEOPLE; i++) {
      const p = world.person(i);
      if (p.status === 'ALIVE' && p.birthDate < '2000-01-01') return p;
    }
    throw new Error('no adult in the world');
  };
  const reader = adult(10);
  const other = adult(200);

  beforeAll(async () => {
    const config = hubConfig(departments, accessHubEnv(dataDir, PEOPLE, SEED, citizens));
    hub = await startHub({
      departments,
      config,
      createWorld,
      cache: { enabled: false },
    });
    // The operator's side: the `agency` command's functions, on the hub's own store.
    const { store, registry } = hub.services;
    for (const agency of ['service-desk-app', 'data-protection-auditor', 'tax-bureau']) {
      keys[agency] = (await issueApiKey(store, agency)).key;
    }
    // A grant for the access log without the auditor role: the policy lets it through, and
    // the tracker itself refuses it.
    await grantCoordinates(store, 'tax-bureau', 'TAX_AUDIT', [
      'Person.accessLog',
      'AccessRecordConnection.*',
      'AccessRecord.*',
    ]);
    await registry.refresh();
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows an auditor the service desk’s read of a person, with purpose and fields', async () => {
    const read = await ask(
      'query($id: NationalId!) { person(nationalId: $id) { name } }',
      { id: reader.nationalId },
      { ...asAgency('service-desk-app', 'SERVICE_DESK'), 'x-request-id': 'desk-read-1' },
    );
    expect(read.body).toEqual({ data: { person: { name: reader.name } } });

    const audit = await ask(
      ACCESS_LOG,
      { id: reader.nationalId },
      asAgency('data-protection-auditor', 'AUDIT'),
    );
    expect(audit.body.errors).toBeUndefined();
    expect(accessLogIn(audit)).toEqual([
      {
        readerKind: 'AGENCY',
        agencyId: 'service-desk-app',
        agencyName: 'Government service centre — citizen service desk application',
        purpose: 'SERVICE_DESK',
        fields: ['Person.name', 'Query.person'],
        outcome: 'OK',
        // The hub's id of the read, which the operator's logs hold; the desk's id is not it.
        requestId: read.requestId,
      },
    ]);
  });

  it('shows the citizen their own access log, the auditor’s look included', async () => {
    const own = await ask(ACCESS_LOG, { id: reader.nationalId }, asCitizen(reader.nationalId));
    expect(own.body.errors).toBeUndefined();
    expect(accessLogIn(own).map((r) => [r.readerKind, r.agencyId, r.purpose])).toEqual([
      ['AGENCY', 'data-protection-auditor', 'AUDIT'],
      ['AGENCY', 'service-desk-app', 'SERVICE_DESK'],
    ]);
  });

  it('refuses the citizen another person’s access log, and records the attempt', async () => {
    const refused = await ask(ACCESS_LOG, { id: other.nationalId }, asCitizen(reader.nationalId));
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The other person sees that someone tried: a citizen, denied.
    const audit = await ask(
      ACCESS_LOG,
      { id: other.nationalId },
      asAgency('data-protection-auditor', 'AUDIT'),
    );
    expect(accessLogIn(audit).map((r) => [r.readerKind, r.outcome])).toEqual([
      ['CITIZEN', 'DENIED'],
    ]);
  });

  it('refuses an agency granted the field but not an auditor, on the field itself', async () => {
    const refused = await ask(
      'query($id: NationalId!) { person(nationalId: $id) { name accessLog { nodes { agencyId } } } }',
      { id: reader.nationalId },
      asAgency('tax-bureau', 'TAX_AUDIT'),
    );
    expect(refused.body.data).toEqual({ person: { name: reader.name, accessLog: null } });
    expect(refused.body.errors).toHaveLength(1);
    expect(firstError(refused.body).extensions).toMatchObject({
      code: 'FORBIDDEN',
      department: 'tracker',
    });
    expect(firstError(refused.body).path).toEqual(['person', 'accessLog']);
  });
});
