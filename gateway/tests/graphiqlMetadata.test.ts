import { readFileSync } from 'node:fs';
import type { ApolloGateway } from '@apollo/gateway';
import { type GraphQLSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs, PUBLIC_START } from '../src/graphiql/graphiqlExamples.js';
import { createApolloGateway } from '../src/index.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  createHubTester,
  firstErrorCode,
  type HubTester,
  MemoryRegistry,
  postGraphQL,
  silentLogger,
  WANG,
} from './support/index.js';

// GraphiQL's fetcher sends this header; the gateway then prefixes each description in a
// __schema answer with the classification and departments (gateway/src/graphiql).
const META = { 'x-graphiql-metadata': '1' };
const SCHEMA = `query IntrospectionQuery {
  __schema { types { name description fields(includeDeprecated: true) { name description } } }
}`;

interface IntrospectedType {
  name: string;
  description: string | null;
  fields: { name: string; description: string | null }[] | null;
}

function typesOf(body: { data?: unknown }): IntrospectedType[] {
  const data = body.data as { __schema?: { types: IntrospectedType[] } } | undefined;
  return data?.__schema?.types ?? [];
}

/** `extensions.graphiql` of an answer: whom the gateway answered as. */
function sessionOf(body: object): unknown {
  const extensions = (body as { extensions?: Record<string, unknown> }).extensions;
  return extensions?.graphiql;
}

function fieldDescription(types: IntrospectedType[], coordinate: string): string | null {
  const [type, field] = coordinate.split('.');
  const found = types.find((t) => t.name === type)?.fields?.find((f) => f.name === field);
  if (!found) throw new Error(`${coordinate} is not in the answer`);
  return found.description;
}

describe('GraphiQL metadata in the docs explorer', () => {
  let hub: HubTester;
  let registry: MemoryRegistry;
  let url: string;

  beforeAll(async () => {
    registry = new MemoryRegistry()
      .addAgency({ agencyId: 'desk', name: 'Service desk', roles: [], apiKey: 'k-desk' })
      .addAgency({ agencyId: 'tax', name: 'Tax office', roles: [], apiKey: 'k-tax' })
      .addPurpose('SERVICE_DESK')
      .addPurpose('TAX_AUDIT')
      .grant('desk', 'SERVICE_DESK', ['Query.person', 'Person.name', 'Person.nationalId'])
      .grant('tax', 'TAX_AUDIT', ['Query.person', 'Person.*']);
    hub = await createHubTester({ departments: [residents, taxes], registry });
    url = hub.graphqlUrl;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('prefixes each field and type with its classification and departments', async () => {
    const res = await postGraphQL(url, SCHEMA, {
      headers: {
        ...META,
        'x-api-key': 'k-tax',
        'x-purpose': 'TAX_AUDIT',
      },
    });
    expect(res.status).toBe(200);
    const types = typesOf(res.body);
    expect(fieldDescription(types, 'Person.name')).toBe('`PERSONAL` · residents\n\nFull name.');
    expect(fieldDescription(types, 'Person.health')).toBe(
      '`SENSITIVE` · residents\n\nHealth condition.',
    );
    expect(fieldDescription(types, 'Person.taxDue')).toBe('`CONFIDENTIAL` · taxes\n\nTax due.');
    expect(types.find((t) => t.name === 'Person')?.description).toBe(
      '`PERSONAL` · residents, taxes\n\nA registered resident.',
    );
    expect(fieldDescription(types, 'Query.notices')).toBe(
      '`PUBLIC` · residents\n\nPublished notices.',
    );
    expect(sessionOf(res.body)).toEqual({
      kind: 'agency',
      agencyId: 'tax',
      agencyName: 'Tax office',
      purpose: 'TAX_AUDIT',
      caseId: false,
      operatorId: false,
    });
  });

  it('leaves the schema as it was for callers that do not ask', async () => {
    const res = await postGraphQL(url, SCHEMA, {
      headers: {
        'x-api-key': 'k-tax',
        'x-purpose': 'TAX_AUDIT',
      },
    });
    expect(fieldDescription(typesOf(res.body), 'Person.name')).toBe('Full name.');
    expect(sessionOf(res.body)).toBeUndefined();
  });

  it('names no field, level or department the caller cannot see', async () => {
    // Granted Person.name and nationalId (district is INTERNAL, open to every agency): taxDue
    // (CONFIDENTIAL, the only field of taxes) and health (SENSITIVE) stay hidden.
    const desk = await postGraphQL(url, SCHEMA, {
      headers: {
        ...META,
        'x-api-key': 'k-desk',
        'x-purpose': 'SERVICE_DESK',
      },
    });
    const types = typesOf(desk.body);
    expect(fieldDescription(types, 'Person.name')).toMatch(/^`PERSONAL` · residents\n/);
    expect(
      types
        .find((t) => t.name === 'Person')
        ?.fields?.map((f) => f.name)
        .sort(),
    ).toEqual(['district', 'name', 'nationalId']);
    expect(desk.text).not.toMatch(/CONFIDENTIAL|SENSITIVE|taxDue|Tax due|health|Health/);
    expect(types.find((t) => t.name === 'Query')?.description).toBe('residents');
    // The key both departments resolve names only the one whose fields the caller sees.
    expect(fieldDescription(types, 'Person.nationalId')).toBe(
      '`PERSONAL` · residents\n\nResident identity number.',
    );
    expect(types.find((t) => t.name === 'Person')?.description).toBe(
      '`PERSONAL` · residents\n\nA registered resident.',
    );
    expect(desk.text).not.toContain('taxes');

    // Anonymous: PUBLIC fields only, so no Person, and every line says PUBLIC.
    const anonymous = await postGraphQL(url, SCHEMA, { headers: META });
    const open = typesOf(anonymous.body);
    expect(open.find((t) => t.name === 'Person')).toBeUndefined();
    expect(anonymous.text).not.toMatch(/PERSONAL|CONFIDENTIAL|SENSITIVE|INTERNAL|Full name|taxes/);
    const lines = open
      .flatMap((t) => t.fields ?? [])
      .map((f) => f.description ?? '')
      .filter((d) => d.startsWith('`'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^`PUBLIC` · /);
    expect(sessionOf(anonymous.body)).toMatchObject({ kind: 'anonymous', purpose: null });
  });

  it('gives nothing more through __type, aliases, fragments, variables, GET or batches', async () => {
    const tries = [
      '{ __type(name: "Person") { name description fields { name description } } }',
      '{ s: __schema { types { name description fields { name description } } } }',
      'query Q { ...F } fragment F on Query { __schema { ...T } } fragment T on __Schema { types { name fields { name description } } }',
      '{ __schema { ... on __Schema { types { name fields { name description } } } } }',
      'query V($n: String! = "Person") { __type(name: $n) { fields { name description } } }',
    ];
    for (const query of tries) {
      const res = await postGraphQL(url, { query, variables: { n: 'Person' } }, { headers: META });
      expect(res.status, query).toBe(200);
      expect(res.text, query).not.toMatch(/PERSONAL|Full name|taxDue|taxes/);
    }
    const get = await fetch(`${url}?query=${encodeURIComponent(SCHEMA)}`, {
      headers: { ...META, 'apollo-require-preflight': '1' },
    });
    const getText = await get.text();
    expect(get.status).toBe(200);
    expect(getText).toContain('`PUBLIC` · residents');
    expect(getText).not.toMatch(/PERSONAL|Full name/);
    const batch = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...META },
      body: JSON.stringify([{ query: SCHEMA }, { query: SCHEMA }]),
    });
    expect(batch.status).toBe(400);
    expect(await batch.text()).not.toMatch(/PERSONAL|Full name/);
  });

  it('reports a wrong key with the gateway’s own 401, and never annotates data answers', async () => {
    const wrong = await postGraphQL(url, '{ __typename }', {
      headers: { ...META, 'x-api-key': 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(firstErrorCode(wrong.body)).toBe('UNAUTHENTICATED');
    const data = await postGraphQL(url, `{ person(nationalId: "${WANG}") { name } }`, {
      headers: {
        ...META,
        'x-api-key': 'k-desk',
        'x-purpose': 'SERVICE_DESK',
      },
    });
    expect(data.body.data).toEqual({ person: { name: 'Wang Fang' } });
  });

  it('serves the registered purposes for the connection bar, codes and descriptions only', async () => {
    const res = await fetch(`${hub.url}/graphiql/purposes.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      purposes: [
        { code: 'SERVICE_DESK', description: 'SERVICE_DESK' },
        { code: 'TAX_AUDIT', description: 'TAX_AUDIT' },
      ],
    });
    const post = await fetch(`${hub.url}/graphiql/purposes.json`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('GraphiQL metadata and the response cache', () => {
  let hub: HubTester;
  const residentsDept = () => hub.department(residents.name);

  beforeAll(async () => {
    const registry = new MemoryRegistry().addAgency({
      agencyId: 'desk',
      name: 'Service desk',
      roles: [],
      apiKey: 'k-desk',
    });
    hub = await createHubTester({
      departments: [residents],
      registry,
      gateway: { cache: {} }, // in-process: response and entity caches
    });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('never stores whom GraphiQL was answered as, and a replay names the caller asking now', async () => {
    const url = `${hub.url}/graphql`;
    const query = '{ notices { title } }';
    const cold = await postGraphQL(url, query, { headers: META });
    expect(sessionOf(cold.body)).toMatchObject({ kind: 'anonymous' });
    const fetched = residentsDept().requests.length;

    const plain = await postGraphQL(url, query);
    expect(plain.body.data).toEqual(cold.body.data);
    expect(plain.text).not.toContain('graphiql');
    const desk = await postGraphQL(url, query, { headers: { ...META, 'x-api-key': 'k-desk' } });
    expect(sessionOf(desk.body)).toMatchObject({ kind: 'agency', agencyId: 'desk' });
    // Both came from the cache: the department was not asked again.
    expect(residentsDept().requests.length).toBe(fetched);
  });
});

describe('GraphiQL example tabs', () => {
  let schema: GraphQLSchema;
  let gateway: ApolloGateway;

  beforeAll(async () => {
    const sdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
    gateway = createApolloGateway({ supergraphSdl: sdl, logger: silentLogger() });
    ({ schema } = await gateway.load());
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('each validate against the committed supergraph, with their variables', () => {
    const tabs = exampleTabs();
    expect(tabs.map((t) => /query (\w+)/.exec(t.query)?.[1])).toEqual([
      'PublicStart',
      'CitizenRecord',
      'CompanySearch',
      'Statistics',
    ]);
    expect(tabs[1]?.query).toBe(
      readFileSync(new URL('../../citizen-record.graphql', import.meta.url), 'utf8'),
    );
    for (const tab of tabs) {
      expect(validate(schema, parse(tab.query)), tab.query).toEqual([]);
      if (tab.variables) expect(JSON.parse(tab.variables)).toBeTypeOf('object');
    }
    expect(JSON.parse(tabs[1]?.variables ?? '{}')).toEqual({ nationalId: '11010519491231002X' });
    expect(tabs[0]?.query).toBe(PUBLIC_START);
  });
});
