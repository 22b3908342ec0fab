import { createGatewayServer } from '@govgraph/gateway';
import { createCallerTokenSigner, createLogger, type Listening } from '@govgraph/server';
import { SUPERGRAPH_PATH } from '@govgraph/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/testHub.js';

describe('a department that is down', () => {
  let t: TestHub;
  let gateway: Listening;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    // A second gateway over the same supergraph, with the market department pointing at a
    // port where nothing listens: the department is down.
    const urls = Object.fromEntries(t.hub.departments.map((d) => [d.name, d.url]));
    urls.market = 'http://127.0.0.1:9/graphql';
    gateway = await createGatewayServer({
      supergraphPath: SUPERGRAPH_PATH,
      logger: createLogger('gateway', 'silent'),
      subgraphUrls: urls,
      subgraphTimeoutMs: 2_000,
      // Departments answer only requests signed with this hub's key.
      access: {
        unchecked: true,
        signer: await createCallerTokenSigner({ privateKey: t.hub.callerTokenKeys.privateJwk }),
      },
    }).listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway?.close();
    await t?.stop();
  });

  it("returns the other departments' data and an error naming the missing one", async () => {
    const person = t.world.person(t.world.company(3).representativeIndex);
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($id: NationalId!) { person(nationalId: $id) {
          name birthDate representedEntities { totalCount }
        } }`,
        variables: { id: person.nationalId },
      }),
    });
    const body = (await res.json()) as {
      data: { person: { name: string; birthDate: string; representedEntities: unknown } };
      errors: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[];
    };
    expect(body.data.person).toEqual({
      name: person.name,
      birthDate: person.birthDate,
      representedEntities: null,
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.extensions.code).toBe('DEPARTMENT_UNAVAILABLE');
    expect(body.errors[0]?.extensions.department).toBe('market');
    expect(body.errors[0]?.path).toEqual(['person', 'representedEntities']);
    expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:9\b|at \w+ \(/);
  });

  // The gateway with one more department pointing nowhere.
  const gatewayWithout = async (down: string): Promise<Listening> => {
    const urls = Object.fromEntries(t.hub.departments.map((d) => [d.name, d.url]));
    urls[down] = 'http://127.0.0.1:9/graphql';
    return createGatewayServer({
      supergraphPath: SUPERGRAPH_PATH,
      logger: createLogger('gateway', 'silent'),
      subgraphUrls: urls,
      subgraphTimeoutMs: 2_000,
      access: {
        unchecked: true,
        signer: await createCallerTokenSigner({ privateKey: t.hub.callerTokenKeys.privateJwk }),
      },
    }).listen(0, '127.0.0.1');
  };
  const citizenRecordPart = async (url: string) => {
    const person = t.world.person(t.world.company(3).representativeIndex);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($id: NationalId!) { person(nationalId: $id) {
          name taxProfile { arrears } representedEntities { totalCount }
        } }`,
        variables: { id: person.nationalId },
      }),
    });
    return (await res.json()) as {
      data: { person: { name: string; taxProfile: unknown } | null };
      errors: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[];
    };
  };

  it('the root field’s department down: person is null, the error points at it and says so', async () => {
    const without = await gatewayWithout('population');
    try {
      const body = await citizenRecordPart(without.url);
      expect(body.data.person).toBeNull();
      expect(body.errors).toHaveLength(1);
      const [error] = body.errors;
      expect(error?.path).toEqual(['person']);
      expect(error?.extensions).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'population',
      });
      expect(error?.message).toContain('whatever other departments would have added under them');
      expect(error?.message).not.toContain('complete');
    } finally {
      await without.close();
    }
  });

  it('an entity field’s department down: only person.taxProfile is null, and the path says so', async () => {
    const without = await gatewayWithout('tax');
    try {
      const body = await citizenRecordPart(without.url);
      expect(body.data.person?.name).toEqual(expect.any(String));
      expect(body.data.person?.taxProfile).toBeNull();
      expect(body.errors).toHaveLength(1);
      const [error] = body.errors;
      expect(error?.path).toEqual(['person', 'taxProfile']);
      expect(error?.extensions).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'tax',
        paths: [['person', 'taxProfile']],
      });
      expect(error?.message).not.toContain('complete');
    } finally {
      await without.close();
    }
  });
});
