import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloGateway } from '@apollo/gateway';
import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { Caller } from '@govgraph/governance';
import { creditCodeCheckChar, FORBIDDEN, standardScalars } from '@govgraph/schema';
import fc from 'fast-check';
import { GraphQLError, type GraphQLSchema, getOperationAST, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Declared, Denial } from '../src/access/policy.js';
import { type AccessPolicy, createAccessPolicy } from '../src/access/useAccessPolicy.js';
import type { GatewayContext } from '../src/context.js';
import { createApolloGateway } from '../src/index.js';
import { applyScalarRules } from '../src/plugins/useStandardScalars.js';
import { LI, MemoryRegistry, silentLogger, WANG } from './support/index.js';
import {
  anyStyle,
  type Operation,
  plainStyle,
  type Rendered,
  randomOperation,
  render,
  type ScalarValues,
  withNationalIds,
} from './support/randomOperations.js';

// Property-based tests (fast-check) of the operation checker: random operations over the real
// supergraph, judged by the access policy exactly as the gateway installs it (its plugin's
// didResolveOperation, on the API schema the gateway builds, with the standard scalars' rules),
// must get the same verdict however they are written. A failure prints the seed and path;
// rerun one with FC_SEED=<seed> FC_PATH=<path>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
// FC_RUNS=<n> multiplies every property's runs, for a longer search than CI's.
const scale = Number(process.env.FC_RUNS ?? 1);
const runs = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.ceil(numRuns * scale),
  ...(seed === undefined ? {} : { seed }),
  ...(path === undefined ? {} : { path }),
});

const supergraphSdl = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const COMPANY = `91110000100000000${creditCodeCheckChar('91110000100000000')}`;
const WANG_LOWER_X = `${WANG.slice(0, 17)}x`;

/** Valid values for each scalar an argument may take: people are the caller or someone else. */
const SCALARS: ScalarValues = {
  NationalId: [WANG, LI, WANG_LOWER_X],
  CreditCode: [COMPANY],
  DivisionCode: ['110105', '310104'],
  BuildingId: ['110105B00000042'],
  Date: ['2024-05-01'],
  DateTime: ['2024-05-01T08:30:00+08:00'],
  Money: ['12.50'],
  Int: [1, 3],
  Float: [1.5],
  String: ['x', '有限公司-0001'],
  Boolean: [true, false],
  ID: ['1'],
};

const AGENCY = 'fuzz-agency';
const PURPOSE = 'fuzz-purpose';
const agency: Caller = {
  kind: 'agency',
  agencyId: AGENCY,
  name: 'Fuzz agency',
  roles: [],
  credential: 'api-key',
};
const citizen: Caller = { kind: 'citizen', nationalId: WANG };

interface Verdict {
  /** Every coordinate the operation asks for, as the decision records it. */
  coordinates: readonly string[];
  level: string;
  /** Each denied coordinate with its reason, sorted; empty when the operation is allowed. */
  denied: readonly string[];
}

let gateway: ApolloGateway;
let schema: GraphQLSchema;
let policy: AccessPolicy;
const registry = new MemoryRegistry().addPurpose(PURPOSE);

beforeAll(async () => {
  // The API schema as the gateway builds it, with the scalar rules its plugin applies.
  gateway = createApolloGateway({ supergraphSdl, logger: silentLogger() });
  schema = (await gateway.load()).schema;
  applyScalarRules(schema, standardScalars);
  policy = createAccessPolicy({ registry });
  policy.update({ coreSupergraphSdl: supergraphSdl });
});

afterAll(async () => {
  await gateway?.stop();
});

/** The policy's verdict on one request, through the plugin hook the gateway runs. */
async function verdict(rendered: Rendered, caller: Caller, declared: Declared): Promise<Verdict> {
  const document = parse(rendered.text);
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new Error(`generated an invalid operation: ${errors[0]?.message}\n${rendered.text}`);
  }
  const contextValue = { caller, ...declared, logger: silentLogger(), subjects: new Set() };
  const rc = {
    schema,
    document,
    operation: getOperationAST(document),
    operationName: 'Op',
    queryHash: createHash('sha256').update(rendered.text).digest('hex'),
    request: { query: rendered.text, variables: rendered.variables },
    contextValue,
  } as unknown as GraphQLRequestContextDidResolveOperation<GatewayContext>;
  const hooks = await policy.plugin().requestDidStart?.(rc);
  let denied: string[] = [];
  try {
    await hooks?.didResolveOperation?.(rc);
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code !== FORBIDDEN.code) throw error;
    const list = error.extensions.denied as Denial[];
    denied = list.map((d) => `${d.coordinate}: ${d.reason}`).sort();
  }
  const access = rc.contextValue.access;
  if (!access) throw new Error('the policy made no decision');
  return { coordinates: access.coordinates, level: access.level, denied };
}

/** Who asks: the agency under the purpose (grants and case headers random), a citizen, nobody. */
interface Asker {
  caller: Caller;
  declared: Declared;
}

function askers(g: fc.GeneratorValue, coordinates: readonly string[]): Asker[] {
  const types = [...new Set(coordinates.map((c) => c.slice(0, c.indexOf('.'))))];
  const grantable = [...coordinates, ...types.map((t) => `${t}.*`)];
  registry.grant(AGENCY, PURPOSE, g(fc.subarray, grantable));
  registry.setCitizenCoordinates(g(fc.subarray, grantable));
  const declared: Declared = {
    purpose: g(fc.constantFrom, PURPOSE, PURPOSE, 'unregistered', null),
    caseId: g(fc.boolean) ? 'CASE-1' : null,
    operatorId: g(fc.boolean) ? 'officer-1' : null,
  };
  const none: Declared = { purpose: null, caseId: null, operatorId: null };
  return [
    { caller: agency, declared },
    { caller: citizen, declared: none },
    { caller: { kind: 'anonymous' }, declared: none },
  ];
}

/** Renders the operation plainly and rewritten; every asker gets the same verdict for both. */
async function expectSameVerdicts(
  g: fc.GeneratorValue,
  operation: Operation,
  rewritten: Rendered,
): Promise<void> {
  const plain = render(operation, plainStyle);
  const { coordinates } = await verdict(
    plain,
    { kind: 'anonymous' },
    {
      purpose: null,
      caseId: null,
      operatorId: null,
    },
  );
  for (const { caller, declared } of askers(g, coordinates)) {
    const expected = await verdict(plain, caller, declared);
    const actual = await verdict(rewritten, caller, declared);
    expect(
      actual,
      `${caller.kind} ${JSON.stringify(declared)}\n${plain.text}\n${rewritten.text}\n${JSON.stringify(rewritten.variables)}`,
    ).toEqual(expected);
  }
}

describe('the operation checker gives a document and its rewrites the same verdict', () => {
  it(
    'for queries: aliases, fragments, inline fragments, @include/@skip, variables, duplicates',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyStyle, async (g, style) => {
          const operation = randomOperation(g, schema, 'query', 3, SCALARS);
          await expectSameVerdicts(g, operation, render(operation, style));
        }),
        runs(150),
      );
    },
    30_000 * scale,
  );

  it(
    'for mutations, with the write policy and whom the write names',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyStyle, async (g, style) => {
          const operation = randomOperation(g, schema, 'mutation', 2, SCALARS);
          await expectSameVerdicts(g, operation, render(operation, style));
        }),
        runs(100),
      );
    },
    30_000 * scale,
  );
});

const coordinatesOf = (v: Verdict) => new Set(v.denied.map((d) => d.slice(0, d.indexOf(':'))));

/** True when every denied coordinate of `narrow` is denied in `wide` too. */
const deniesNoMore = (narrow: Verdict, wide: Verdict) =>
  [...coordinatesOf(narrow)].every((c) => coordinatesOf(wide).has(c));

const anyKind = fc.constantFrom<'query' | 'mutation'>('query', 'query', 'mutation');
const noHeaders: Declared = { purpose: null, caseId: null, operatorId: null };

describe('asking about others, or with fewer rights, never reads more', () => {
  it(
    'a citizen naming another person instead of themself is denied at least as much',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyKind, anyStyle, async (g, kind, style) => {
          const own = randomOperation(g, schema, kind, 3, SCALARS);
          const other = withNationalIds(own, (id) => (id === LI ? id : LI));
          const { coordinates } = await verdict(render(own, plainStyle), citizen, noHeaders);
          askers(g, coordinates);
          const mine = await verdict(render(own, style), citizen, noHeaders);
          const theirs = await verdict(render(other, style), citizen, noHeaders);
          expect(
            deniesNoMore(mine, theirs),
            `${JSON.stringify(mine)}\n${JSON.stringify(theirs)}`,
          ).toBe(true);
        }),
        runs(80),
      );
    },
    30_000 * scale,
  );

  it(
    'an agency with more grants, a case number or an operator is denied at most as much',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), anyKind, anyStyle, async (g, kind, style) => {
          const operation = randomOperation(g, schema, kind, 3, SCALARS);
          const rendered = render(operation, style);
          const { coordinates } = await verdict(rendered, citizen, noHeaders);
          const types = [...new Set(coordinates.map((c) => c.slice(0, c.indexOf('.'))))];
          const grantable = [...coordinates, ...types.map((t) => `${t}.*`)];
          const few = g(fc.subarray, grantable);
          const declared: Declared = { purpose: PURPOSE, caseId: null, operatorId: null };
          registry.grant(AGENCY, PURPOSE, few);
          const before = await verdict(rendered, agency, declared);
          registry.grant(AGENCY, PURPOSE, [...few, ...g(fc.subarray, grantable)]);
          const more = await verdict(rendered, agency, declared);
          const headers = { purpose: PURPOSE, caseId: 'CASE-1', operatorId: 'officer-1' };
          const withHeaders = await verdict(rendered, agency, headers);
          expect(deniesNoMore(more, before)).toBe(true);
          expect(deniesNoMore(withHeaders, more)).toBe(true);
        }),
        runs(80),
      );
    },
    30_000 * scale,
  );
});

describe('regressions found by these properties', () => {
  const fileOwnComplaint = (args: string, declared = '') =>
    `mutation Op${declared} { fileComplaint(input: { ${args} }) { id status } }`;
  const literals = `complainantNationalId: "${WANG}", againstCreditCode: "${COMPANY}", category: PRODUCT_QUALITY, description: "x"`;

  it('a citizen’s own write is not refused because another argument is a variable', async () => {
    // Any variable in the arguments used to count as a national ID source; a credit code
    // names no national ID, so the citizen's own complaint was "not their own record".
    registry.setCitizenCoordinates(['Mutation.fileComplaint', 'Complaint.*']);
    const plain = await verdict(
      { text: fileOwnComplaint(literals), variables: {} },
      citizen,
      noHeaders,
    );
    const withVariables = await verdict(
      {
        text: fileOwnComplaint(
          `complainantNationalId: "${WANG}", againstCreditCode: $c, category: $k, description: $d`,
          '($c: CreditCode!, $k: ComplaintCategory! = PRODUCT_QUALITY, $d: String!)',
        ),
        variables: { c: COMPANY, d: 'x' },
      },
      citizen,
      noHeaders,
    );
    expect(plain.denied).toEqual([]);
    expect(withVariables).toEqual(plain);
  });

  it('a national ID typed with a lower-case x names the same citizen, written any way', async () => {
    // The literal was compared as typed, the variable too, but the write policy compared the
    // literal as the scalar reads it (…X): the same request was judged three ways.
    registry.setCitizenCoordinates([
      'Query.person',
      'Person.*',
      'Mutation.fileComplaint',
      'Complaint.*',
    ]);
    const forms: Rendered[] = [
      { text: fileOwnComplaint(literals.replace(WANG, WANG_LOWER_X)), variables: {} },
      {
        text: fileOwnComplaint(literals.replace(`"${WANG}"`, '$id'), '($id: NationalId!)'),
        variables: { id: WANG_LOWER_X },
      },
      {
        text: fileOwnComplaint(
          literals.replace(`"${WANG}"`, '$id'),
          `($id: NationalId! = "${WANG_LOWER_X}")`,
        ),
        variables: {},
      },
      { text: `query Op { person(nationalId: "${WANG_LOWER_X}") { name } }`, variables: {} },
      {
        text: 'query Op($id: NationalId!) { person(nationalId: $id) { name } }',
        variables: { id: WANG_LOWER_X },
      },
    ];
    for (const form of forms) {
      expect((await verdict(form, citizen, noHeaders)).denied, form.text).toEqual([]);
    }
    const other = await verdict(
      { text: fileOwnComplaint(literals.replace(WANG, LI)), variables: {} },
      citizen,
      noHeaders,
    );
    expect(coordinatesOf(other)).toContain('Mutation.fileComplaint');
  });
});
