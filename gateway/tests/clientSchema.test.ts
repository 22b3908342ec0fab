import { listen } from '@govgraph/server';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classificationIndex } from '../src/access/classificationIndex.js';
import { identify } from '../src/access/identify.js';
import { clientSchemaRoutes } from '../src/clientSchema/clientSchemaRoute.js';
import { printClientSchema } from '../src/clientSchema/printClientSchema.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  CITY_TAX,
  callerHeaders,
  createHubTester,
  type HubTester,
  MemoryRegistry,
  TAX_ASSESSMENT,
} from './support/index.js';

// A schema carrying what a supergraph may hold beside the client's types.
const LEAKY = `
  directive @link(url: String!) repeatable on SCHEMA
  directive @join__field(graph: join__Graph) repeatable on FIELD_DEFINITION
  directive @classification(level: String!) on FIELD_DEFINITION | OBJECT
  enum join__Graph { PEOPLE }
  scalar link__Import
  scalar _Any
  type _Service { sdl: String }
  union _Entity = Person
  """Resident identity number."""
  scalar NationalId @specifiedBy(url: "https://example.org/gb11643")
  """A person."""
  type Person {
    """Their ID."""
    nationalId: NationalId! @join__field(graph: PEOPLE) @classification(level: "PERSONAL")
    old: String @deprecated(reason: "Use nationalId.")
  }
  type Query {
    person(nationalId: NationalId!): Person
    _entities(representations: [_Any!]!): [_Entity]!
    _service: _Service!
  }
`;

describe('the printed client schema', () => {
  it('drops federation types, fields and directives and keeps descriptions, @specifiedBy and @deprecated', () => {
    const sdl = printClientSchema(buildSchema(LEAKY));
    expect(sdl).not.toMatch(/join__|link__|@link|_Entity|_Service|_Any|_entities|_service/);
    expect(sdl).not.toContain('classification');
    expect(sdl).toContain('"""Resident identity number."""');
    expect(sdl).toContain('scalar NationalId @specifiedBy(url: "https://example.org/gb11643")');
    expect(sdl).toContain('"""Their ID."""');
    expect(sdl).toContain('old: String @deprecated(reason: "Use nationalId.")');
    expect(Object.keys(buildSchema(sdl).getQueryType()?.getFields() ?? {})).toEqual(['person']);
  });

  it('is printed once per schema object', () => {
    const schema = buildSchema(LEAKY);
    expect(printClientSchema(schema)).toBe(printClientSchema(schema));
  });
});

describe('GET /schema.graphql before a supergraph is loaded', () => {
  it('answers 503 GATEWAY_NOT_READY with Retry-After, as JSON', async () => {
    const routes = clientSchemaRoutes({
      registry: undefined,
      policy: undefined,
      apiSchema: () => undefined,
      identify: (req) => identify(req, undefined),
    });
    const route = routes['/schema.graphql'];
    if (!route) throw new Error('no /schema.graphql route');
    const server = await listen((req, res) => void route(req, res), 0);
    try {
      const res = await fetch(`${server.url}/schema.graphql`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('GATEWAY_NOT_READY');
    } finally {
      await server.close();
    }
  });

  it('serves the whole API schema to everyone when the access layer is off (unchecked gateway)', async () => {
    const routes = clientSchemaRoutes({
      registry: undefined,
      policy: undefined,
      apiSchema: () => buildSchema(LEAKY),
      identify: (req) => identify(req, undefined),
    });
    const route = routes['/schema.graphql'];
    if (!route) throw new Error('no /schema.graphql route');
    const server = await listen((req, res) => void route(req, res), 0);
    try {
      const res = await fetch(`${server.url}/schema.graphql`, { headers: { 'x-api-key': 'any' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('type Person');
    } finally {
      await server.close();
    }
  });
});

describe('GET /schema.graphql on a gateway with the access policy and rate limits', () => {
  let hub: HubTester;
  const schema = () => `${hub.url}/schema.graphql`;
  const TAX = callerHeaders({ as: CITY_TAX, purpose: TAX_ASSESSMENT });

  beforeAll(async () => {
    const registry = new MemoryRegistry()
      .addAgency(CITY_TAX)
      .addPurpose(TAX_ASSESSMENT)
      .grant(CITY_TAX.agencyId, TAX_ASSESSMENT, ['Query.person', 'Person.name', 'Person.taxDue']);
    hub = await createHubTester({
      departments: [residents, taxes],
      registry,
      gateway: {
        // Three requests a minute (0.05/s over a 60 s window): the fourth is over, however fast.
        limits: { requestsPerSecond: 0.05 },
        rateLimit: { windowSeconds: 60, keyPrefix: `schema-test-${Date.now()}` },
      },
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('cuts the schema to the grants, as introspection does: no SENSITIVE health', async () => {
    const res = await fetch(schema(), { headers: TAX });
    expect(res.status).toBe(200);
    const person = buildSchema(await res.text()).getType('Person');
    const fields = person && 'getFields' in person ? Object.keys(person.getFields()).sort() : [];
    // district is INTERNAL (any agency); name and taxDue are granted; health is not.
    expect(fields).toEqual(['district', 'name', 'taxDue']);
  });

  it('charges the caller’s request budget, bad credentials included: 429 with Retry-After once spent', async () => {
    // The agency's budget: one request spent above, two more allowed.
    for (let i = 0; i < 2; i++) expect((await fetch(schema(), { headers: TAX })).status).toBe(200);
    const over = await fetch(schema(), { headers: TAX });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await over.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    // Guessing keys is charged to the client address, like anonymous requests.
    const guesses: number[] = [];
    for (let i = 0; i < 4; i++) {
      guesses.push((await fetch(schema(), { headers: { 'x-api-key': `gg_guess-${i}` } })).status);
    }
    expect(guesses).toEqual([401, 401, 401, 429]);
  });
});

describe('GET /schema.graphql for an anonymous caller', () => {
  let hub: HubTester;

  beforeAll(async () => {
    hub = await createHubTester({
      departments: [residents, taxes],
      registry: new MemoryRegistry(),
    });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('holds PUBLIC fields only, interfaces and their implementations included', async () => {
    const res = await fetch(`${hub.url}/schema.graphql`);
    expect(res.status).toBe(200);
    const schema = buildSchema(await res.text());
    const index = classificationIndex(hub.supergraphSdl, 'CONFIDENTIAL');
    const coordinates: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.keys(type.getFields())) coordinates.push(`${type.name}.${field}`);
    }
    expect(coordinates).toContain('Query.notices');
    expect(coordinates).toContain('Notice.title');
    expect(coordinates.filter((c) => index.levelOf(c) !== 'PUBLIC')).toEqual([]);
    expect(schema.getType('Person')).toBeUndefined();
  });
});
