import type { ApolloGateway } from '@apollo/gateway';
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloGateway } from '../src/index.js';

import { residents, taxes } from './support/departments/accessDepartments.js';
import {
  createHubTester,
  type GraphQLResponse,
  type HubTester,
  LI,
  MemoryRegistry,
  silentLogger,
  WANG,
} from './support/index.js';
import {
  anyStyle,
  plainStyle,
  type Rendered,
  randomOperation,
  render,
} from './support/randomOperations.js';

// The checker's rewriting property over HTTP, against a running gateway and two small
// departments whose schema has an interface (Notice) besides an entity spread over both: the
// verdict a caller gets (status, denied coordinates and reasons) is the same for a document
// sent plainly and for its rewrites sent by POST and by GET.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const scale = Number(process.env.FC_RUNS ?? 1);

const SCALARS = { NationalId: [WANG, LI], String: ['x'] };
const PURPOSE = 'fuzz-purpose';

interface Outcome {
  status: number;
  denied: string[];
}

let hub: HubTester;
let api: ApolloGateway;
let schema: GraphQLSchema;
const registry = new MemoryRegistry()
  .addAgency({ agencyId: 'fuzz', name: 'Fuzz', roles: [], apiKey: 'k-fuzz' })
  .addPurpose(PURPOSE);

beforeAll(async () => {
  hub = await createHubTester({ departments: [residents, taxes], registry });
  api = createApolloGateway({ supergraphSdl: hub.supergraphSdl, logger: silentLogger() });
  schema = (await api.load()).schema;
});

afterAll(async () => {
  await hub?.close();
  await api?.stop();
});

/** Sends the request by POST or GET and reads the verdict from the answer. */
async function send(
  rendered: Rendered,
  method: 'POST' | 'GET',
  headers: Record<string, string>,
): Promise<Outcome> {
  const url = new URL(hub.graphqlUrl);
  let init: RequestInit = {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: rendered.text, variables: rendered.variables }),
  };
  if (method === 'GET') {
    url.searchParams.set('query', rendered.text);
    url.searchParams.set('variables', JSON.stringify(rendered.variables));
    init = { method, headers: { 'apollo-require-preflight': 'true', ...headers } };
  }
  const res = await fetch(url, init);
  const body = (await res.json()) as GraphQLResponse;
  const forbidden = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
  const denied = forbidden.flatMap(
    (e) => (e.extensions?.denied ?? []) as { coordinate: string; reason: string }[],
  );
  return { status: res.status, denied: denied.map((d) => `${d.coordinate}: ${d.reason}`).sort() };
}

describe('over HTTP, a document and its rewrites get the same verdict', () => {
  it(
    'by POST and by GET, for an agency, a citizen and an anonymous caller',
    async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyStyle, async (g, style) => {
          const operation = randomOperation(g, schema, 'query', 3, SCALARS);
          const grantable = ['Person.*', 'Person.name', 'Person.health', 'Person.taxDue'];
          registry.grant('fuzz', PURPOSE, g(fc.subarray, [...grantable, 'Notice.*', 'Award.*']));
          registry.setCitizenCoordinates(g(fc.subarray, ['Query.person', ...grantable]));
          const agency = {
            'x-api-key': 'k-fuzz',
            'x-purpose': PURPOSE,
            ...(g(fc.boolean) ? { 'x-case-id': 'CASE-1', 'x-operator-id': 'officer-1' } : {}),
          };
          const citizen = { authorization: `Bearer citizen:${WANG}` };
          const callers: Record<string, string>[] = [agency, citizen, {}];
          const plain = render(operation, plainStyle);
          const rewritten = render(operation, style);
          for (const headers of callers) {
            const expected = await send(plain, 'POST', headers);
            expect(expected.status, JSON.stringify(expected)).not.toBe(500);
            statuses.add(expected.status);
            const context = `${JSON.stringify(headers)}\n${plain.text}\n${rewritten.text}`;
            expect(await send(rewritten, 'POST', headers), context).toEqual(expected);
            expect(await send(rewritten, 'GET', headers), context).toEqual(expected);
          }
        }),
        { numRuns: Math.ceil(25 * scale), ...(seed === undefined ? {} : { seed }) },
      );
      // The runs reached both verdicts: answers and refusals.
      expect([...statuses]).toEqual(expect.arrayContaining([200, 403]));
    },
    60_000 * scale,
  );
});
