import { buildSchema, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { callerHeaders } from './support/testHub.js';

// GET /schema.graphql for a citizen signed in with their identity provider's token: the
// registry's citizen coordinates, nothing else personal.

function coordinatesOf(schema: GraphQLSchema): string[] {
  const coordinates: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) coordinates.push(`${type.name}.${field}`);
  }
  return coordinates;
}

describe('the client schema of a citizen', () => {
  let t: AccessHub;
  beforeAll(async () => {
    t = await startAccessHub([]);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('holds the citizen coordinates of the registry and no other personal field', async () => {
    const me = t.world.person(7).nationalId;
    const res = await fetch(`${t.hub.gatewayUrl}/schema.graphql`, {
      headers: callerHeaders(t.citizen(me)),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const coordinates = coordinatesOf(buildSchema(await res.text()));
    expect(coordinates).toContain('Query.person');
    expect(coordinates).toContain('Person.accessLog');
    expect(coordinates).toContain('Mutation.fileComplaint');
    expect(coordinates.filter((c) => c.startsWith('Person.')).sort()).toEqual([
      'Person.accessLog',
      'Person.name',
      'Person.nationalId',
    ]);
    for (const hidden of ['Person.taxProfile', 'Person.spouse', 'Query.people']) {
      expect(coordinates).not.toContain(hidden);
    }
  });

  it('refuses a forged citizen token with 401 UNAUTHENTICATED', async () => {
    const token = t.citizen(t.world.person(7).nationalId).bearerToken ?? '';
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await fetch(`${t.hub.gatewayUrl}/schema.graphql`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
