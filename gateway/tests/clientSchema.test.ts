import { listen } from '@govgraph/schema/runtime';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientSchemaRoutes } from '../src/clientSchema/clientSchemaRoute.js';
import { printClientSchema } from '../src/clientSchema/printClientSchema.js';

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
