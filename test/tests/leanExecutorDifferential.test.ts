import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { complaintsOfPerson, personApplications, type World } from '@govgraph/datagen';
import {
  documentHash,
  FILE_COMPLAINT,
  RECORD_SECTIONS,
  recordDocument,
  SUBMIT_APPLICATION,
  trustedDeskDocuments,
} from '@govgraph/desk';
import { createApolloGateway, type GatewayServerOptions } from '@govgraph/gateway';
import {
  createCallerTokenVerifier,
  createLogger,
  type Listening,
  type Logger,
} from '@govgraph/server';
import { departmentSettings, departments, SUPERGRAPH_PATH } from '@govgraph/tools';
import fc from 'fast-check';
import {
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type TypeNode,
  validate,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The test support of another workspace and modules their packages do not export, by relative
// path: test/'s tsconfig references gateway/ and tools/, so tsc reads their built declarations
// and vitest runs the sources.
import { exampleTabs, SAMPLE_NATIONAL_ID } from '../../gateway/src/graphiql/graphiqlExamples.js';
import {
  anyStyle,
  executionCounts,
  type Rendered,
  randomOperation,
  randomSearch,
  render,
  type ScalarValues,
} from '../../gateway/tests/support/randomOperations.js';
import { benchRng, scenarios } from '../../tools/src/bench/scenarios.js';
import { exampleQuery } from '../../tools/src/exampleQuery.js';
import { type AccessHub, startAccessHub } from './support/accessHub.js';
import { type CallerHeaders, callerHeaders } from './support/testHub.js';

// Differential tests of the lean executor (gateway/src/executor) over the whole hub: nine
// seeded departments, two gateways in front of them — `executor: 'lean'` and `executor:
// 'apollo'` (@apollo/gateway's executeQueryPlan), caches off, one access registry — and every
// request sent to both. The answers must be equal byte for byte as canonical JSON (keys
// sorted recursively) of the HTTP status, `data`, `errors` and `extensions`. The one thing
// taken out is each error's `extensions.requestId`: a fresh UUID per request, whichever
// executor ran (checked to be there on both sides, then replaced by a placeholder). And when
// fetches of a Parallel node fail in different departments, their errors come in the order the
// fetches finished, with either executor: then the errors may interleave differently, nothing
// else (expectSameAnswer).
//
// The requests: every document the project's suites and docs send (the desk's trusted
// documents, citizen-record.graphql, client/, the bench's scenarios and `npm start`'s example,
// GraphiQL's default tabs, the ```graphql blocks of README.md and docs/*.md), random
// operations over the hub's API schema, callers whose grants cover only part of what they
// ask, and departments down.

// Random operations: FC_RUNS, FC_SEED and FC_PATH as randomSearch says.
const { scale } = randomSearch;
const runs = 100 * scale;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const FULL = 'lean-diff-full';
const FULL_PURPOSE = 'LEAN_DIFFERENTIAL';
const PARTIAL = 'lean-diff-partial';
const PARTIAL_PURPOSE = 'LEAN_DIFFERENTIAL_PARTIAL';
/** What the partial agency may read: a person's name and birth date, and their access log. */
const PARTIAL_GRANTS = [
  'Query.person',
  'Person.name',
  'Person.birthDate',
  'Person.nationalId',
  'Person.accessLog',
  'AccessRecordConnection.*',
  'AccessRecord.*',
  'Query.legalEntity',
  'LegalEntity.name',
  'LegalEntity.creditCode',
];
const CASE = { caseId: 'LD-2026-0001', operatorId: 'lean-diff-01' };

// The limits refuse before anything is executed (their own tests cover them); here they would
// only turn random operations into refusals that compare nothing.
const UNLIMITED = {
  maxDepth: 1000,
  maxAliases: 1e6,
  maxDirectives: 1e6,
  maxTokens: 1e6,
  maxCost: 1e9,
  requestsPerSecond: 1e6,
  costPerSecond: 1e12,
};

interface Request {
  /** Where it comes from, for failure messages and counts. */
  label: string;
  caller: CallerHeaders;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  /** Sent besides the caller's. */
  headers?: Record<string, string>;
  /** Sent by hash only, as the desk page sends its trusted documents. */
  byHash?: boolean;
}

interface Posted {
  status: number;
  body: {
    data?: unknown;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

interface Pair {
  lean: Listening;
  apollo: Listening;
}

/** JSON with every object's keys sorted, recursively. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Errors = NonNullable<Posted['body']['errors']>;

/** The errors with each `extensions.requestId` (a fresh UUID per request) as a placeholder. */
function withoutRequestIds(errors: Posted['body']['errors']): Errors | undefined {
  return errors?.map((error) => {
    if (error.extensions?.requestId === undefined) return error;
    expect(error.extensions.requestId).toMatch(UUID);
    return { ...error, extensions: { ...error.extensions, requestId: '<request id>' } };
  });
}

/** What both gateways must answer alike: status, data, errors, extensions. */
function comparable({ status, body }: Posted, errors = withoutRequestIds(body.errors)): string {
  return canonicalJson({ status, data: body.data, errors, extensions: body.extensions });
}

/** The department an error came from: the fetch that appended it. */
const departmentOf = (error: Errors[number]) =>
  String(error.extensions?.serviceName ?? error.extensions?.department ?? '');

/** The errors one department's fetches gave, in their order, by department. */
function errorsByDepartment(errors: Errors | undefined): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const error of errors ?? []) {
    const department = departmentOf(error);
    by[department] = [...(by[department] ?? []), canonicalJson(error)];
  }
  return by;
}

/**
 * The two answers must be equal byte for byte, with one exception both executors share: a
 * Parallel node's fetches append their errors when each ends (executeQueryPlan.js and
 * executePlan.ts alike), so errors of different departments come in the order the fetches
 * happened to finish. Then the answers must be equal but for that interleaving: the same
 * errors, and each department's in the same order.
 */
function expectSameAnswer(lean: Posted, apollo: Posted, message: string): void {
  const exact = comparable(lean);
  if (exact === comparable(apollo)) return;
  const leanErrors = withoutRequestIds(lean.body.errors);
  const apolloErrors = withoutRequestIds(apollo.body.errors);
  const sorted = (errors: Errors | undefined) =>
    errors && [...errors].sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1));
  expect(comparable(lean, sorted(leanErrors)), message).toBe(
    comparable(apollo, sorted(apolloErrors)),
  );
  expect(errorsByDepartment(leanErrors), message).toEqual(errorsByDepartment(apolloErrors));
  expect(Object.keys(errorsByDepartment(leanErrors)).length, message).toBeGreaterThan(1);
}

async function post(gateway: Listening, request: Request): Promise<Posted> {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...request.headers,
      ...callerHeaders(request.caller),
    },
    body: JSON.stringify({
      ...(request.byHash
        ? {
            extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(request.query) } },
          }
        : { query: request.query }),
      operationName: request.operationName,
      variables: request.variables,
    }),
  });
  return { status: res.status, body: (await res.json()) as Posted['body'] };
}

/** What one comparison saw: the lean gateway's answer. */
interface Compared {
  request: Request;
  answer: Posted;
}

/** Sends the request to both gateways of the pair; their answers must be equal. */
async function expectSame(pair: Pair, request: Request): Promise<Compared> {
  const [lean, apollo] = await Promise.all([post(pair.lean, request), post(pair.apollo, request)]);
  expectSameAnswer(
    lean,
    apollo,
    `${request.label}\n${request.query}\n${JSON.stringify(request.variables)}`,
  );
  return { request, answer: lean };
}

/** Each item through `run`, `width` at a time; results in the items' order. */
async function inPool<T, R>(items: readonly T[], width: number, run: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** Whether the gateway executed the operation: an answer with a `data` key. */
const executed = (c: Compared) => 'data' in c.answer.body;

// ---- The documents the project's suites and docs use ----------------------------------------

/** The operation definitions of a document; none for SDL and other non-executable text. */
function operationsOf(text: string): OperationDefinitionNode[] {
  try {
    return parse(text).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return [];
  }
}

/** The ```graphql blocks of a Markdown file. */
function graphqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^[ \t]*```graphql[^\n]*\n([\s\S]*?)^[ \t]*```/gm)].map(
    (m) => m[1] ?? '',
  );
}

/** Files under a folder (no node_modules, dist or generated code), relative to the root. */
function filesUnder(folder: string): string[] {
  const skip = new Set(['node_modules', 'dist', '__generated__', '.turbo']);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(ROOT, full));
    }
  };
  walk(join(ROOT, folder));
  return out;
}

/**
 * The GraphQL documents of client/: .graphql files, ```graphql blocks of its Markdown, and the
 * tagged templates (`graphql(`…`)`, gql`…`) of its TypeScript.
 */
function clientDocuments(): { source: string; text: string }[] {
  const documents: { source: string; text: string }[] = [];
  for (const file of filesUnder('client')) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.graphql')) documents.push({ source: file, text });
    if (file.endsWith('.md')) {
      for (const block of graphqlBlocks(text)) documents.push({ source: file, text: block });
    }
    if (/\.tsx?$/.test(file)) {
      for (const m of text.matchAll(/(?:graphql\(\s*|gql)`([^`]*)`/g)) {
        documents.push({ source: file, text: m[1] ?? '' });
      }
    }
  }
  return documents.filter((d) => operationsOf(d.text).length > 0);
}

/** README.md's and docs/*.md's ```graphql blocks that are executable operations. */
function markdownDocuments(): { source: string; text: string }[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((file) =>
    graphqlBlocks(readFileSync(join(ROOT, file), 'utf8'))
      .filter((text) => operationsOf(text).length > 0)
      .map((text) => ({ source: file, text })),
  );
}

/** Real values from the seeded data, harvested through the hub, and unknown ones. */
interface Seeded {
  /** People of several kinds: representatives of companies, a child, plain residents. */
  people: string[];
  /** A valid national ID of nobody, and malformed ones. */
  unknownPeople: string[];
  companies: string[];
  searchTerms: string[];
  buildings: string[];
  certificates: string[];
  applications: string[];
  complaints: string[];
  divisions: string[];
  years: number[];
  cursors: string[];
}

/** The variables an operation needs, from its variable definitions (defaults left to it). */
function variablesFor(
  operation: OperationDefinitionNode,
  nationalId: string,
  seeded: Seeded,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) continue;
    const name = definition.variable.name.value;
    const type = typeText(definition.type);
    if (type === 'NationalId!' || type === 'NationalId') variables[name] = nationalId;
    else if (type === '[NationalId!]!')
      variables[name] = [nationalId, ...seeded.people.slice(0, 9)];
    else if (type === 'String!' && name === 'name') variables[name] = seeded.searchTerms[0];
    else if (type === 'String!' && name === 'code') variables[name] = 'POP_REGISTERED';
    else throw new Error(`no seeded value for $${name}: ${type}`);
  }
  return variables;
}

function typeText(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${typeText(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${typeText(type.type)}]`;
  return type.name.value;
}

// ---- The hub --------------------------------------------------------------------------------

let t: AccessHub;
let world: World;
let main: Pair;
let schema: GraphQLSchema;
let seeded: Seeded;
const silent: Logger = createLogger('lean-diff', 'silent');

const full = (): CallerHeaders => t.agency(FULL, CASE);
const partial = (): CallerHeaders => t.agency(PARTIAL, CASE);

async function pairOf(
  overrides: Pick<GatewayServerOptions, 'subgraphUrls' | 'departmentGuard'> = {},
): Promise<Pair> {
  return {
    lean: await t.hub.addGateway({ executor: 'lean', limits: UNLIMITED, ...overrides }),
    apollo: await t.hub.addGateway({ executor: 'apollo', limits: UNLIMITED, ...overrides }),
  };
}

beforeAll(async () => {
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const everyType = parse(supergraph)
    .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((d) => `${d.name.value}.*`);
  t = await startAccessHub([
    { id: FULL, purpose: FULL_PURPOSE, coordinates: everyType },
    { id: PARTIAL, purpose: PARTIAL_PURPOSE, coordinates: PARTIAL_GRANTS },
  ]);
  world = t.world;
  main = await pairOf();
  const gateway = createApolloGateway({ supergraphSdl: supergraph, logger: silent });
  schema = (await gateway.load()).schema;
  await gateway.stop();
  seeded = await harvest();
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** Real keys of every kind, read through the hub (lean gateway) as the full agency. */
async function harvest(): Promise<Seeded> {
  const representatives = [3, 5, 10, 20].map((j) => world.company(j).representativeIndex);
  const everyone = [...world.persons()];
  const child = everyone.find((p) => p.birthDate > '2015-01-01');
  // People who applied for something, and who complained: the approvals' and hotline's rows.
  const applicant = everyone.findIndex((_, i) => personApplications(world, i).length > 0);
  const complainant = everyone.findIndex((_, i) => complaintsOfPerson(world, i).length > 0);
  const ids = [
    ...new Set([
      ...representatives.map((i) => world.person(i).nationalId),
      ...(child ? [child.nationalId] : []),
      ...[applicant, complainant].filter((i) => i >= 0).map((i) => world.person(i).nationalId),
      ...[0, 1, 7, 42, 99, 150, 260, 399].map((i) => world.person(i).nationalId),
    ]),
  ];
  const query = `query($ids: [NationalId!]!, $term: String!) {
    people(nationalIds: $ids) {
      nationalId
      householdRegistration { divisionCode building { buildingId } }
      realEstate(first: 2) { nodes { certificateNumber } }
      complaintsFiled(first: 2) { nodes { id } }
      applications(first: 2) { nodes { id } }
      taxProfile { years(last: 2) { year } }
    }
    searchLegalEntities(name: $term, first: 2) { pageInfo { endCursor } }
  }`;
  const term = world.company(3).name.slice(2, 4);
  const { status, body } = await post(main.lean, {
    label: 'harvest',
    caller: full(),
    query,
    variables: { ids, term },
  });
  expect(status, JSON.stringify(body.errors)).toBe(200);
  interface HarvestedPerson {
    householdRegistration: { divisionCode: string; building: { buildingId: string } | null } | null;
    realEstate: { nodes: { certificateNumber: string }[] };
    complaintsFiled: { nodes: { id: string }[] };
    applications: { nodes: { id: string }[] };
    taxProfile: { years: { year: number }[] } | null;
  }
  const data = body.data as {
    people: (HarvestedPerson | null)[];
    searchLegalEntities: { pageInfo: { endCursor: string | null } };
  };
  const people = data.people.flatMap((p) => (p ? [p] : []));
  const unique = <T>(values: T[]) => [...new Set(values)];
  const harvested: Seeded = {
    people: ids,
    unknownPeople: [SAMPLE_NATIONAL_ID, '110105194912310021', 'not-an-id'],
    companies: [3, 5, 10].map((j) => world.company(j).creditCode),
    searchTerms: [term, world.company(5).name.slice(2, 4)],
    buildings: unique(
      people.flatMap((p) =>
        p.householdRegistration?.building ? [p.householdRegistration.building.buildingId] : [],
      ),
    ).slice(0, 3),
    certificates: unique(
      people.flatMap((p) => p.realEstate.nodes.map((n) => n.certificateNumber)),
    ).slice(0, 3),
    applications: unique(people.flatMap((p) => p.applications.nodes.map((n) => n.id))).slice(0, 3),
    complaints: unique(people.flatMap((p) => p.complaintsFiled.nodes.map((n) => n.id))).slice(0, 3),
    divisions: unique(
      people.flatMap((p) =>
        p.householdRegistration ? [p.householdRegistration.divisionCode] : [],
      ),
    ).slice(0, 2),
    years: unique(people.flatMap((p) => p.taxProfile?.years.map((y) => y.year) ?? [])).slice(0, 2),
    cursors: data.searchLegalEntities.pageInfo.endCursor
      ? [data.searchLegalEntities.pageInfo.endCursor]
      : [],
  };
  // The random operations and documents must hit real rows of every kind.
  for (const [kind, values] of Object.entries(harvested)) {
    expect(values.length, `seeded ${kind}`).toBeGreaterThan(0);
  }
  return harvested;
}

/** The people a document is asked for: real ones of several kinds, nobody, and malformed. */
const peopleToAsk = () => [
  ...seeded.people.slice(0, 4),
  seeded.people[seeded.people.length - 1] ?? '',
  ...seeded.unknownPeople,
];

/** Requests for a document: once per person to ask, with the variables it needs. */
function requestsFor(label: string, text: string, caller: CallerHeaders): Request[] {
  const operations = operationsOf(text);
  expect(operations.length, label).toBeGreaterThan(0);
  const usesPerson = operations.some((o) =>
    o.variableDefinitions?.some((v) => typeText(v.type).includes('NationalId')),
  );
  const people = usesPerson ? peopleToAsk() : [seeded.people[0] ?? ''];
  return operations.flatMap((operation) =>
    people.map((nationalId) => ({
      label: `${label} (${nationalId})`,
      caller,
      query: text,
      ...(operations.length > 1 && operation.name ? { operationName: operation.name.value } : {}),
      variables: variablesFor(operation, nationalId, seeded),
    })),
  );
}

// ---- 1. Every document the project's suites and docs use ------------------------------------

describe('the lean executor answers every document of the project as Apollo’s does', () => {
  const counts: Record<string, number> = {};
  const compared: Compared[] = [];
  let before: Map<string, number>;

  beforeAll(async () => {
    before = await executionCounts(main.lean.url);
  });

  const compareAll = async (source: string, requests: Request[], documents: number) => {
    counts[source] = documents;
    compared.push(...(await inPool(requests, 4, (r) => expectSame(main, r))));
  };

  it('the desk’s trusted documents: every record section set for several people, and the writes’ refusals', async () => {
    const texts = [...trustedDeskDocuments().values()];
    const reads = texts.filter((text) => operationsOf(text)[0]?.operation === 'query');
    const writes = texts.filter((text) => operationsOf(text)[0]?.operation === 'mutation');
    expect(reads.length).toBe(2 ** 11 - 1);
    expect(writes.length).toBe(2);
    // Each record document for one person, the people taking turns: real people of every
    // kind, nobody, malformed IDs. The full set of sections for every one of them.
    const people = peopleToAsk();
    // Every other one by hash only, as the desk page sends them.
    const requests: Request[] = reads.map((text, i) => ({
      label: `desk record ${i}`,
      caller: full(),
      query: text,
      variables: { nationalId: people[i % people.length] },
      byHash: i % 2 === 0,
    }));
    const everySection = reads.at(-1) ?? '';
    expect(everySection).toContain('accessLog');
    for (const nationalId of people) {
      requests.push({
        label: 'desk record, every section',
        caller: full(),
        query: everySection,
        variables: { nationalId },
      });
    }
    await compareAll('desk (reads)', requests, reads.length);
    // The writes that write nothing (a department refuses them): equal errors. Writes that
    // change data are compared in their own test below.
    const [fileComplaint, submitApplication] = writes;
    const refused: Request[] = [
      {
        label: 'desk complaint, description too short',
        caller: full(),
        query: fileComplaint ?? '',
        variables: {
          input: {
            complainantNationalId: seeded.people[0],
            againstCreditCode: seeded.companies[0],
            category: 'FOOD_SAFETY',
            description: 'short',
          },
        },
      },
      {
        label: 'desk application, both applicants',
        caller: full(),
        query: submitApplication ?? '',
        variables: {
          input: {
            idempotencyKey: 'lean-diff-both-applicants',
            applicantNationalId: seeded.people[0],
            applicantCreditCode: seeded.companies[0],
            kind: 'FOOD_BUSINESS_LICENSE',
          },
        },
      },
    ];
    await compareAll('desk (writes refused)', refused, writes.length);
  }, 600_000);

  it('the desk’s writes that write: an application (idempotent) and a complaint', async () => {
    // Sequential, lean first: each write changes what the next request reads.
    const application: Request = {
      label: 'desk application',
      caller: full(),
      query: SUBMIT_APPLICATION,
      variables: {
        input: {
          idempotencyKey: 'lean-diff-application-1',
          applicantNationalId: seeded.people[1],
          kind: 'FOOD_BUSINESS_LICENSE',
        },
      },
    };
    const first = await post(main.lean, application);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // The key is the agency's: the retry through Apollo's executor returns the same application.
    const apollo = await post(main.apollo, application);
    expect(comparable(apollo)).toBe(comparable(first));
    const retried = await post(main.lean, application);
    expect(comparable(retried)).toBe(comparable(first));
    compared.push({ request: application, answer: first });
    // A complaint is a new ticket each time: equal but for its number and filing time.
    const complaint: Request = {
      label: 'desk complaint',
      caller: full(),
      query: FILE_COMPLAINT,
      variables: {
        input: {
          complainantNationalId: seeded.people[1],
          againstCreditCode: seeded.companies[0],
          category: 'FOOD_SAFETY',
          description: 'The noodles were sold past their use-by date.',
        },
      },
    };
    const filed = [await post(main.lean, complaint), await post(main.apollo, complaint)];
    const tickets = filed.map((answer) => {
      const made = (answer.body.data as { fileComplaint: { id: string; filedAt: string } } | null)
        ?.fileComplaint;
      expect(made?.id, JSON.stringify(answer.body)).toMatch(/^12345-/);
      expect(made?.filedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      return made?.id;
    });
    expect(tickets[0]).not.toBe(tickets[1]);
    const withoutTicket = (answer: Posted) =>
      comparable({
        ...answer,
        body: {
          ...answer.body,
          data: {
            fileComplaint: {
              ...(answer.body.data as { fileComplaint: object }).fileComplaint,
              id: '<ticket>',
              filedAt: '<now>',
            },
          },
        },
      });
    expect(withoutTicket(filed[1] as Posted)).toBe(withoutTicket(filed[0] as Posted));
    compared.push({ request: complaint, answer: filed[0] as Posted });
    // And the record of the person they were made for reads alike afterwards.
    const record = readFileSync(join(ROOT, 'citizen-record.graphql'), 'utf8');
    compared.push(
      await expectSame(main, {
        label: 'citizen record after the writes',
        caller: full(),
        query: record,
        variables: { nationalId: seeded.people[1] },
      }),
    );
    counts['desk (writes)'] = 2;
  });

  it('a request asking for Apollo’s experimental query plan (Apollo-Query-Plan-Experimental)', async () => {
    // Apollo's executor answers that header with the plan in `extensions` outside
    // NODE_ENV=production; the hub never shows a caller its plans (createApolloGateway turns it
    // off), so both executors answer alike and neither carries the plan.
    const text = readFileSync(join(ROOT, 'citizen-record.graphql'), 'utf8');
    const smallest = '{ indicators(first: 1) { totalCount } }';
    const requests: Request[] = [];
    for (const format of [undefined, 'prettified', 'internal', 'other']) {
      const headers = {
        'apollo-query-plan-experimental': '1',
        ...(format ? { 'apollo-query-plan-experimental-format': format } : {}),
      };
      requests.push(
        { label: `smallest, plan ${format}`, caller: {}, query: smallest, headers },
        {
          label: `citizen record, plan ${format}`,
          caller: full(),
          query: text,
          variables: { nationalId: seeded.people[0] },
          headers,
        },
      );
    }
    const before = compared.length;
    await compareAll('query-plan header', requests, 2);
    const answers = compared.slice(before).map((c) => c.answer.body);
    expect(answers).toHaveLength(requests.length);
    for (const body of answers) {
      expect(body.extensions).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('Fetch(service');
    }
    expect(answers[0]?.data).toEqual({ indicators: { totalCount: expect.any(Number) } });
  });

  it('citizen-record.graphql', async () => {
    const text = readFileSync(join(ROOT, 'citizen-record.graphql'), 'utf8');
    await compareAll('citizen-record.graphql', requestsFor('citizen record', text, full()), 1);
  });

  it('client/: its GraphQL documents (it has none of its own: its recipe uses citizen-record.graphql)', async () => {
    const documents = clientDocuments();
    const requests = documents.flatMap((d) => requestsFor(d.source, d.text, full()));
    await compareAll('client/', requests, documents.length);
    // The client's README points its codegen recipe at the citizen record compared above.
    expect(readFileSync(join(ROOT, 'client/README.md'), 'utf8')).toContain('CitizenRecordDocument');
  });

  it('the bench’s scenarios (npm run bench) and npm start’s example query', async () => {
    const all = scenarios();
    const requests: Request[] = [];
    let documents = 0;
    for (const scenario of Object.values(all)) {
      if (scenario.name === 'mixed') continue; // the other three in turn
      documents++;
      for (const [i, request] of scenario.requests(world, benchRng(11, 0), 6).entries()) {
        const { query, variables } = JSON.parse(request.body) as Request;
        requests.push({
          label: `bench ${scenario.name} ${i}`,
          caller: request.caller === 'agency' ? full() : {},
          query,
          ...(variables ? { variables } : {}),
        });
      }
    }
    const mixed = all.mixed.requests(world, benchRng(11, 1), 6);
    expect(mixed.length).toBe(6);
    documents++;
    for (const nationalId of peopleToAsk()) {
      requests.push({
        label: 'npm start example',
        caller: full(),
        query: exampleQuery(nationalId),
      });
    }
    await compareAll('bench + npm start', requests, documents);
  });

  it('GraphiQL’s default tabs, with their variables and with seeded ones', async () => {
    const tabs = [...exampleTabs(), ...exampleTabs({ nationalId: seeded.people[0] ?? '' })];
    const requests: Request[] = [];
    for (const [i, tab] of tabs.entries()) {
      const variables = tab.variables
        ? (JSON.parse(tab.variables) as Record<string, unknown>)
        : undefined;
      for (const caller of [full(), {}]) {
        requests.push({
          label: `GraphiQL tab ${i}`,
          caller,
          query: tab.query,
          ...(variables ? { variables } : {}),
        });
      }
      requests.push(...requestsFor(`GraphiQL tab ${i}, seeded`, tab.query, full()));
    }
    await compareAll('GraphiQL tabs', requests, exampleTabs().length);
  });

  it('the ```graphql blocks of README.md and docs/*.md that are operations', async () => {
    const documents = markdownDocuments();
    expect(documents.length).toBeGreaterThan(0);
    const requests = documents.flatMap((d) => requestsFor(d.source, d.text, full()));
    // The README's block asks for a legal entity by a credit code; ask for seeded ones too.
    for (const creditCode of seeded.companies) {
      for (const d of documents.filter((doc) => /creditCode: "\w+"/.test(doc.text))) {
        requests.push({
          label: `${d.source}, seeded credit code`,
          caller: full(),
          query: d.text.replace(/creditCode: "\w+"/, `creditCode: "${creditCode}"`),
        });
      }
    }
    await compareAll('README.md + docs/*.md', requests, documents.length);
  });

  it('the lean executor ran them: govgraph_executions_total{executor="lean"} grew by each', async () => {
    const ran = compared.filter(executed);
    // Most requests are executed (the rest are refused before execution, equal too: the
    // malformed national IDs among the people asked for).
    expect(ran.length).toBeGreaterThan(compared.length * 0.7);
    const after = await executionCounts(main.lean.url);
    const grown = (after.get('lean') ?? 0) - (before.get('lean') ?? 0);
    expect(grown).toBeGreaterThanOrEqual(ran.length);
    // None of them was left to Apollo's executor by the lean gateway.
    expect([...after.keys()].filter((key) => key !== 'lean')).toEqual([]);
    // The other gateway hands Apollo's executor to Apollo Server as it is: the lean one never
    // ran there, so the equal answers came from two executors.
    const apollo = await executionCounts(main.apollo.url);
    expect(apollo.get('lean') ?? 0).toBe(0);
    // Partial answers are among them: data with errors (the access log, refused at run time).
    expect(ran.some((c) => c.answer.body.data && c.answer.body.errors?.length)).toBe(true);
    console.info(
      `lean-executor differential: documents per source ${JSON.stringify(counts)}; ${compared.length} requests, ${ran.length} executed`,
    );
  });
});

// ---- Hand-written edges of plan execution ----------------------------------------------------

describe('the lean executor answers the edges of plan execution as Apollo’s does', () => {
  it('lists with nulls, entity errors at list paths, unions, introspection, conditions, several operations', async () => {
    const [a = '', b = '', c = ''] = seeded.people;
    const [unknown = '', , malformed = ''] = seeded.unknownPeople;
    const certificate = seeded.certificates[0] ?? '';
    const application = seeded.applications[0] ?? '';
    const cases: [string, Record<string, unknown>?, string?][] = [
      // Entity fetches over a list with null holes: representations skip them, paths do not.
      [
        'query($ids: [NationalId!]!) { people(nationalIds: $ids) { name taxProfile { hasArrears } socialInsurance { pensionStatus } } }',
        { ids: [a, unknown, b, unknown, c] },
      ],
      // An entity error (the tracker's FORBIDDEN) for every element: hydrated error paths.
      [
        'query($ids: [NationalId!]!) { people(nationalIds: $ids) { name accessLog(first: 1) { totalCount } } }',
        { ids: [a, unknown, b] },
      ],
      // Nested entity chains: person → companies → penalties → back to people.
      [
        'query($id: NationalId!) { person(nationalId: $id) { representedEntities { nodes { name legalRepresentative { name taxProfile { arrears } representedEntities { totalCount } } } } } }',
        { id: world.person(world.company(3).representativeIndex).nationalId },
      ],
      // The same field twice under aliases with other arguments, across departments.
      [
        'query($id: NationalId!) { person(nationalId: $id) { x: taxProfile { years(last: 1) { year } } y: taxProfile { years(last: 3) { year taxPaid } } taxProfile { hasArrears } } }',
        { id: a },
      ],
      // Unions: a title's owners, an application's applicant.
      [
        'query($n: String!) { realEstateTitle(certificateNumber: $n) { unit owners { share owner { __typename ... on Person { name taxProfile { hasArrears } } ... on LegalEntity { name status } } } } }',
        { n: certificate },
      ],
      [
        'query($id: ID!) { application(id: $id) { kind status applicant { __typename ... on Person { name birthDate } ... on LegalEntity { name } } reviews { department status } } }',
        { id: application },
      ],
      // Introspection beside data, and __typename at every level.
      [
        'query($id: NationalId!) { __typename __type(name: "Person") { name kind } person(nationalId: $id) { __typename name taxProfile { __typename } } }',
        { id: a },
      ],
      // Conditions from variables sent, defaulted, and null; @skip and @include together.
      [
        'query($id: NationalId!, $yes: Boolean!, $no: Boolean = false) { person(nationalId: $id) { name taxProfile @include(if: $yes) { arrears } socialInsurance @skip(if: $no) { pensionStatus } employment @include(if: $no) { since } } }',
        { id: a, yes: true },
      ],
      [
        'query($id: NationalId!, $yes: Boolean!, $no: Boolean = false) { person(nationalId: $id) { name taxProfile @include(if: $yes) @skip(if: $yes) { arrears } socialInsurance @skip(if: $no) { pensionStatus } } }',
        { id: a, yes: false, no: true },
      ],
      [
        'query($id: NationalId!, $maybe: Boolean) { person(nationalId: $id) { name taxProfile @include(if: $maybe) { arrears } } }',
        { id: a, maybe: null },
      ],
      // Fragments on the entity type spread at several levels.
      [
        'fragment P on Person { name taxProfile { hasArrears } } query($id: NationalId!) { person(nationalId: $id) { ...P spouse { ...P } parents { ...P } children { ...P } } }',
        { id: a },
      ],
      // Several operations: the one named runs.
      [
        'query One($id: NationalId!) { person(nationalId: $id) { name } } query Two($id: NationalId!) { person(nationalId: $id) { taxProfile { arrears } } }',
        { id: b },
        'Two',
      ],
      // Values a department refuses: a malformed key inline, a short search, a bad cursor.
      [`{ person(nationalId: "${malformed}") { name } }`],
      ['{ searchLegalEntities(name: "a") { totalCount } }'],
      ['{ searchLegalEntities(name: "公司", after: "not-a-cursor") { totalCount } }'],
      ['{ building(buildingId: "110105B99999999") { address titles { totalCount } } }'],
      // Root fields of several departments at once.
      [
        `{ indicators(first: 2) { nodes { code total } } taxCreditRatingsPublished(year: ${seeded.years[0]}, first: 2) { totalCount nodes { creditCode } } searchLegalEntities(name: "公司", first: 2) { nodes { name } } }`,
      ],
    ];
    const requests = cases.map(([query, variables, operationName], i) => ({
      label: `edge ${i}`,
      caller: full(),
      query,
      ...(variables ? { variables } : {}),
      ...(operationName ? { operationName } : {}),
    }));
    const before = await executionCounts(main.lean.url);
    const compared = await inPool(requests, 4, (r) => expectSame(main, r));
    // Entity errors land at list paths; the union answers are real rows.
    expect(JSON.stringify(compared[1]?.answer.body.errors?.map((e) => e.path))).toBe(
      JSON.stringify([
        ['people', 0, 'accessLog'],
        ['people', 2, 'accessLog'],
      ]),
    );
    expect(JSON.stringify(compared[4]?.answer.body.data)).toContain('"owner":{"__typename"');
    expect(JSON.stringify(compared[5]?.answer.body.data)).toContain('"applicant":{"__typename"');
    const after = await executionCounts(main.lean.url);
    expect((after.get('lean') ?? 0) - (before.get('lean') ?? 0)).toBeGreaterThanOrEqual(
      compared.filter(executed).length,
    );
  });
});

describe('the lean executor answers mutations that change nothing as Apollo’s does', () => {
  it('several mutations in one document, the first refused or idempotent, entities under them', async () => {
    const [a = '', b = ''] = seeded.people;
    const company = seeded.companies[0] ?? '';
    const application = seeded.applications[0] ?? '';
    const submit = (key: string, extra = '') =>
      `submitApplication(input: { idempotencyKey: "${key}", applicantNationalId: "${a}", kind: FOOD_BUSINESS_LICENSE${extra} }) { id kind status applicant { __typename ... on Person { name taxProfile { hasArrears } } } }`;
    const cases: [string, Record<string, unknown>?][] = [
      // The same key twice: the same application, and the entity fields under it.
      [
        `mutation { first: ${submit('lean-diff-mutation-1')} again: ${submit('lean-diff-mutation-1')} }`,
      ],
      // Refused by the department: the later mutations do not run, data is null.
      [
        `mutation { bad: ${submit('lean-diff-mutation-2', `, applicantCreditCode: "${company}"`)} never: ${submit('lean-diff-mutation-3')} }`,
      ],
      // An application found again, then a refusal (the agency acts for no department): both
      // fields are non-null, so the refusal nulls the whole answer.
      [
        `mutation { ok: ${submit('lean-diff-mutation-1')} review: recordReview(input: { applicationId: "${application}", department: FIRE_SERVICE, decision: APPROVE }) { id status reviews { department status } } }`,
      ],
      [
        'mutation($id: ID!) { resolveComplaint(input: { id: $id, outcome: RESOLVED, resolution: "Refunded in full." }) { id status } }',
        { id: '12345-1999-999999' },
      ],
      [
        'mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { id complainant { name } against { name } } }',
        {
          input: {
            complainantNationalId: b,
            againstCreditCode: company,
            category: 'PRICING',
            description: ' too short ',
          },
        },
      ],
    ];
    // One after another: the first creates the application the others find again.
    const compared: Compared[] = [];
    for (const [i, [query, variables]] of cases.entries()) {
      const request: Request = {
        label: `mutation ${i}`,
        caller: full(),
        query,
        ...(variables ? { variables } : {}),
      };
      const lean = await post(main.lean, request);
      const apollo = await post(main.apollo, request);
      expectSameAnswer(lean, apollo, `${request.label}\n${query}`);
      compared.push({ request, answer: lean });
    }
    const [twice, refused, partly] = compared.map((c) => c.answer.body);
    const made = twice?.data as { first: { id: string }; again: { id: string } } | undefined;
    expect(made?.first.id).toBe(made?.again.id);
    expect(refused?.data).toBeNull();
    expect(refused?.errors?.length).toBe(1);
    expect(partly?.data, JSON.stringify(partly)).toBeNull();
    expect(JSON.stringify(partly?.errors)).toContain('DEPARTMENT_MISMATCH');
  });
});

// ---- 2. Random operations over the hub's API schema -----------------------------------------

/** Argument values: seeded keys of every kind, valid keys of nothing, and malformed ones. */
function randomScalars(): ScalarValues {
  return {
    NationalId: [...seeded.people.slice(0, 5), ...seeded.unknownPeople],
    CreditCode: [...seeded.companies, '91350100M000100Y43', 'not-a-code'],
    BuildingId: [...seeded.buildings, '110105B99999999', 'B1'],
    DivisionCode: [...seeded.divisions, '999999', 'x'],
    ID: [...seeded.applications, ...seeded.complaints, '404', 'x1'],
    String: [
      ...seeded.searchTerms,
      ...seeded.certificates,
      ...seeded.cursors,
      'POP_REGISTERED',
      'a',
      'ghost',
    ],
    Int: [1, 3, ...seeded.years, 0, -1],
    Float: [1.5],
    Boolean: [true, false],
  };
}

/**
 * `numRuns` random valid queries over the hub's API schema, rewritten in random styles, sent
 * to both gateways of the pair as `caller`; what they were answered.
 */
async function randomComparisons(
  pair: Pair,
  caller: () => CallerHeaders,
  numRuns: number,
): Promise<Compared[]> {
  const scalars = randomScalars();
  const compared: Compared[] = [];
  await fc.assert(
    fc.asyncProperty(fc.gen(), anyStyle, async (g, style) => {
      const operation = randomOperation(g, schema, 'query', 4, scalars);
      const rendered: Rendered = render(operation, style);
      const errors = validate(schema, parse(rendered.text));
      if (errors.length > 0) {
        throw new Error(`generated an invalid operation: ${errors[0]?.message}\n${rendered.text}`);
      }
      compared.push(
        await expectSame(pair, {
          label: 'random operation',
          caller: caller(),
          query: rendered.text,
          variables: rendered.variables,
        }),
      );
    }),
    randomSearch.parameters(numRuns),
  );
  return compared;
}

describe('the lean executor answers random operations over the hub as Apollo’s does', () => {
  it(
    'random valid operations, with fragments, aliases, variables and directives, over seeded and unknown keys',
    async () => {
      const before = await executionCounts(main.lean.url);
      const compared = await randomComparisons(main, full, runs);
      const ran = compared.filter(executed).length;
      // Most random operations are executed, not refused: the comparison proves something.
      console.info(
        `lean-executor differential: ${compared.length} random operations, ${ran} executed`,
      );
      expect(ran).toBeGreaterThan(compared.length / 2);
      const after = await executionCounts(main.lean.url);
      expect((after.get('lean') ?? 0) - (before.get('lean') ?? 0)).toBeGreaterThanOrEqual(ran);
    },
    300_000 * scale,
  );

  it(
    'the same as an anonymous caller and as the agency with partial grants: refused or public',
    async () => {
      const before = await executionCounts(main.lean.url);
      const compared = [
        ...(await randomComparisons(main, () => ({}), Math.ceil(runs / 4))),
        ...(await randomComparisons(main, partial, Math.ceil(runs / 4))),
      ];
      const ran = compared.filter(executed).length;
      expect(ran).toBeGreaterThan(0);
      const after = await executionCounts(main.lean.url);
      expect((after.get('lean') ?? 0) - (before.get('lean') ?? 0)).toBeGreaterThanOrEqual(ran);
    },
    300_000 * scale,
  );
});

// ---- 3. Access denials and partial answers --------------------------------------------------

describe('the lean executor answers callers with partial grants as Apollo’s does', () => {
  it('an agency granted some of the fields asked: refusals, and fields nulled with errors', async () => {
    const before = await executionCounts(main.lean.url);
    const texts = [...trustedDeskDocuments().values()].filter(
      (text) => operationsOf(text)[0]?.operation === 'query',
    );
    // The record for each single section, and the sections the grants cover (with the access
    // log, which the tracker refuses at run time to anyone but an auditor: null and an error).
    const single = RECORD_SECTIONS.map((section) => recordDocument([section.key]));
    expect(single.every((text) => texts.includes(text))).toBe(true);
    const requests: Request[] = [];
    for (const text of single) {
      for (const nationalId of peopleToAsk().slice(0, 3)) {
        requests.push({
          label: 'partial agency, one section',
          caller: partial(),
          query: text,
          variables: { nationalId },
        });
      }
    }
    const granted = `query($id: NationalId!) { person(nationalId: $id) { name birthDate accessLog(first: 3) { totalCount nodes { at } } } }`;
    const aliased = `query($id: NationalId!) { me: person(nationalId: $id) { n: name log: accessLog { totalCount } ... on Person { birthDate } } }`;
    const companyLog = `query($c: CreditCode!) { legalEntity(creditCode: $c) { name accessLog { totalCount } } }`;
    for (const nationalId of peopleToAsk()) {
      for (const query of [granted, aliased]) {
        requests.push({
          label: 'partial agency, access log',
          caller: partial(),
          query,
          variables: { id: nationalId },
        });
      }
    }
    for (const c of seeded.companies) {
      requests.push({
        label: 'partial agency, company access log',
        caller: partial(),
        query: companyLog,
        variables: { c },
      });
    }
    // The same agency without a case and operator; an anonymous caller; a citizen reading
    // their own name (what the registry lets citizens read), more, and someone else's.
    const citizen = seeded.people[0] ?? '';
    const ownRecord = recordDocument([
      'name',
      'householdRegistration',
      'taxProfile',
      'socialInsurance',
      'complaintsFiled',
      'applications',
    ]);
    const name = 'query($id: NationalId!) { person(nationalId: $id) { __typename name } }';
    for (const [label, caller, nationalId, query] of [
      ['partial agency, no case', t.agency(PARTIAL), citizen, granted],
      ['partial agency, no case', t.agency(PARTIAL), citizen, ownRecord],
      ['anonymous', {}, citizen, granted],
      ['anonymous', {}, citizen, name],
      ['citizen, own name', t.citizen(citizen), citizen, name],
      ['citizen, own record', t.citizen(citizen), citizen, ownRecord],
      ['citizen, another name', t.citizen(citizen), seeded.people[1] ?? '', name],
    ] as const) {
      const variables = query === ownRecord ? { nationalId } : { id: nationalId };
      requests.push({ label, caller, query, variables });
    }
    const compared = await inPool(requests, 4, (r) => expectSame(main, r));
    const refused = compared.filter((c) => c.answer.status === 403);
    const nulled = compared.filter(
      (c) =>
        c.answer.body.data &&
        c.answer.body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.path),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(nulled.length).toBeGreaterThan(0);
    // The citizen reads their own name (executed) but not another's (refused).
    const own = compared.find((c) => c.request.label === 'citizen, own name');
    expect(own?.answer.body, JSON.stringify(own?.answer.body)).toEqual({
      data: {
        person: {
          __typename: 'Person',
          name: world.person(world.personIndexOf(citizen) ?? -1).name,
        },
      },
    });
    const theirs = compared.find((c) => c.request.label === 'citizen, another name');
    expect(theirs?.answer.status).toBe(403);
    const after = await executionCounts(main.lean.url);
    expect((after.get('lean') ?? 0) - (before.get('lean') ?? 0)).toBeGreaterThanOrEqual(
      compared.filter(executed).length,
    );
  }, 300_000);
});

// ---- 4. A department down -------------------------------------------------------------------

describe('the lean executor answers as Apollo’s does while a department is down', () => {
  /** A second server of the department over its database: one the test can stop. */
  async function departmentCopy(name: string): Promise<Listening> {
    const department = departments.find((d) => d.name === name);
    if (!department) throw new Error(`no department ${name}`);
    const database = await department.openDatabase(
      departmentSettings(department, { GOVGRAPH_DATA_DIR: t.dataDir }).database,
    );
    const listening = await department
      .createServer({
        database,
        logger: silent,
        callerToken: createCallerTokenVerifier({ publicKeys: t.hub.callerTokenKeys.publicJwks }),
      })
      .listen(0, '127.0.0.1');
    return {
      ...listening,
      close: async () => {
        await listening.close();
        await database.close();
      },
    };
  }

  for (const down of ['population', 'tax', 'market']) {
    it(
      `${down} down: equal answers and errors, the department named at the same paths`,
      async () => {
        const copy = await departmentCopy(down);
        const urls = Object.fromEntries(t.hub.departments.map((d) => [d.name, d.url]));
        urls[down] = `${copy.url}/graphql`;
        // The circuit stays closed: an open one says when it is tried again, to the millisecond
        // of each gateway's own failure, which no two gateways share.
        const pair = await pairOf({
          subgraphUrls: urls,
          departmentGuard: { breakerFailures: 1000 },
        });
        const citizenRecord = readFileSync(join(ROOT, 'citizen-record.graphql'), 'utf8');
        const desk = [...trustedDeskDocuments().values()].filter(
          (text) => operationsOf(text)[0]?.operation === 'query',
        );
        const requests: Request[] = [
          ...requestsFor('citizen record', citizenRecord, full()),
          ...markdownDocuments().flatMap((d) => requestsFor(d.source, d.text, full())),
          ...exampleTabs().flatMap((tab, i) => requestsFor(`GraphiQL tab ${i}`, tab.query, full())),
          ...desk
            .filter((_, i) => i % 97 === 0)
            .map((query) => ({
              label: 'desk record',
              caller: full(),
              query,
              variables: { nationalId: seeded.people[0] },
            })),
        ];
        // With the department up, both answer without its errors.
        const up = await inPool(requests.slice(0, 3), 2, (r) => expectSame(pair, r));
        expect(JSON.stringify(up.map((c) => c.answer.body.errors ?? []))).not.toContain(
          'DEPARTMENT_UNAVAILABLE',
        );
        await copy.close();
        const before = await executionCounts(pair.lean.url);
        const compared = await inPool(requests, 2, (r) => expectSame(pair, r));
        const unavailable = compared.filter((c) =>
          c.answer.body.errors?.some(
            (e) =>
              e.extensions?.code === 'DEPARTMENT_UNAVAILABLE' && e.extensions.department === down,
          ),
        );
        expect(unavailable.length).toBeGreaterThan(0);
        compared.push(...(await randomComparisons(pair, full, Math.ceil(runs / 4))));
        const after = await executionCounts(pair.lean.url);
        expect((after.get('lean') ?? 0) - (before.get('lean') ?? 0)).toBeGreaterThanOrEqual(
          compared.filter(executed).length,
        );
      },
      300_000 * scale,
    );
  }
});
