import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { AccessRegistry, Caller, ClassificationLevel } from '@govgraph/governance';
import { BAD_REQUEST, FORBIDDEN } from '@govgraph/schema';
import { inSyncSpan } from '@govgraph/server';
import { execute, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { argumentSubjects } from '../audit/operationSubjects.js';
import type { AccessDecision, GatewayContext } from '../context.js';
import { cachedCallerValidation, showCallerValidationErrors } from './callerValidation.js';
import { type CitizenPaths, collectCitizenPaths, judgeCitizenPaths } from './citizenPaths.js';
import { type ClassificationIndex, classificationIndex, strictest } from './classificationIndex.js';
import { collectOperation, type OperationPlan } from './collectOperation.js';
import { dataSubjectTypes } from './dataSubjectTypes.js';
import { NATIONAL_ID_SCALAR } from './nationalIdSources.js';
import { type Denial, judgeCitizenSubjects, judgeCoordinates, withoutRepeats } from './policy.js';
import { readableSchema } from './readableSchema.js';
import { judgeWriteSubjects, judgeWrites } from './writePolicy.js';

export interface AccessPolicyOptions {
  registry: AccessRegistry;
  /**
   * The level of a field the supergraph leaves unclassified (the standards check refuses such
   * a supergraph; this only guards against one that slipped through). @default 'CONFIDENTIAL'
   */
  unclassified?: ClassificationLevel;
  /** Decisions (and operation plans) remembered. @default 10000 */
  cacheSize?: number;
}

const NATIONAL_ID: ReadonlySet<string> = new Set([NATIONAL_ID_SCALAR]);
const CREDIT_CODE: ReadonlySet<string> = new Set(['CreditCode']);

/** An operation's plan with its highest level; both depend on the document and supergraph only. */
interface Planned extends OperationPlan {
  level: ClassificationLevel;
  /** The `Mutation.*` coordinates of a mutation; empty for a query. */
  writes: readonly string[];
}

/** The policy's view of the current supergraph, replaced on every load. */
interface Loaded {
  version: number;
  index: ClassificationIndex;
  /** Types whose objects are persons (entities keyed by a national ID). */
  subjectTypes: ReadonlySet<string>;
}

/** The access policy: fed each supergraph the gateway loads, installed as a server plugin. */
export interface AccessPolicy {
  /** Call from `gateway.onSchemaLoadOrUpdate`. */
  update(supergraph: { coreSupergraphSdl: string }): void;
  plugin(): ApolloServerPlugin<GatewayContext>;
  /**
   * The API schema cut down to what the caller may read under the purpose: what introspection
   * answers from, and what `GET /schema.graphql` prints. Cached per caller and purpose.
   */
  readableSchema(schema: GraphQLSchema, who: Reader): GraphQLSchema;
}

/** Whose readable schema: the identified caller and the declared purpose. */
export type Reader = Pick<GatewayContext, 'caller' | 'purpose'>;

/**
 * Checks every operation before anything runs (docs/access.md): the coordinates it asks for
 * against the caller, purpose, grants and case, in `didResolveOperation`. A refusal is one
 * FORBIDDEN error (HTTP 403) listing every denied coordinate; `context.access` carries the
 * decision either way, for the audit. Introspection is answered from the schema the caller
 * may read, and so are the errors of an operation that fails validation. Operations mixing introspection with data are refused (BAD_REQUEST): their
 * introspection part would have to be answered from one schema and their data from another.
 */
export function createAccessPolicy(options: AccessPolicyOptions): AccessPolicy {
  const { registry } = options;
  const unclassified = options.unclassified ?? 'CONFIDENTIAL';
  const max = options.cacheSize ?? 10_000;
  let loaded: Loaded | undefined;
  const plans = new LRUCache<string, Planned>({ max });
  const decisions = new LRUCache<string, Denial[]>({ max });
  const citizenPlans = new LRUCache<string, CitizenPaths>({ max });
  const schemas = new LRUCache<string, GraphQLSchema>({ max: 100 });
  const callerValidation = cachedCallerValidation();

  const loadedOrFail = (): Loaded => {
    if (!loaded) throw new Error('the access policy has no supergraph yet');
    return loaded;
  };

  // Whom a citizen's operation reaches depends on the variables, so it is never cached; the
  // paths it walks (document only) are.
  const citizenDenials = (
    rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
    planKey: string,
    plan: Planned,
    nationalId: string,
  ): Denial[] => {
    const { index, subjectTypes } = loadedOrFail();
    let paths = citizenPlans.get(planKey);
    if (!paths) {
      paths = rc.operation
        ? collectCitizenPaths(rc.schema, rc.document, rc.operation, subjectTypes)
        : { outside: [], records: [] };
      citizenPlans.set(planKey, paths);
    }
    const variables = rc.request.variables ?? {};
    return [
      ...judgeCitizenSubjects(nationalId, plan.nationalIds, variables, index),
      ...judgeCitizenPaths(nationalId, paths, variables, index),
    ];
  };

  const decide = (
    rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  ): { plan: Planned; denied: Denial[] } => {
    const { index, version } = loadedOrFail();
    const ctx = rc.contextValue;
    const planKey = `${version}\n${rc.queryHash}\n${rc.operationName ?? ''}`;
    let plan = plans.get(planKey);
    if (!plan) {
      const collected = rc.operation
        ? collectOperation(rc.schema, rc.document, rc.operation)
        : { coordinates: [], introspection: false, nationalIds: [] };
      plan = {
        ...collected,
        level: highestLevel(collected.coordinates, index),
        writes: writeCoordinates(rc, collected.coordinates),
      };
      plans.set(planKey, plan);
    }
    const decisionKey = [
      planKey,
      registry.version,
      callerKey(ctx.caller),
      ctx.purpose ?? '',
      ctx.caseId ? 'case' : '',
      ctx.operatorId ? 'operator' : '',
    ].join('\n');
    let denied = decisions.get(decisionKey);
    if (!denied) {
      denied = withoutRepeats(
        judgeWrites(plan.writes, index, ctx.caller, ctx, registry),
        judgeCoordinates(plan.coordinates, index, ctx.caller, ctx, registry),
      );
      decisions.set(decisionKey, denied);
    }
    denied = withoutRepeats(denied, judgeWriteSubjectsOf(rc, plan, index));
    if (ctx.caller.kind === 'citizen') {
      denied = withoutRepeats(denied, citizenDenials(rc, planKey, plan, ctx.caller.nationalId));
    }
    return { plan, denied };
  };

  const schemaFor = (schema: GraphQLSchema, ctx: Reader): GraphQLSchema => {
    const { index, version } = loadedOrFail();
    const key = [version, registry.version, callerKey(ctx.caller), ctx.purpose ?? ''].join('\n');
    let readable = schemas.get(key);
    if (!readable) {
      // Introspection shows what may be read under the purpose; a case number is per request.
      const declared = { purpose: ctx.purpose, caseId: 'any', operatorId: 'any' };
      readable = readableSchema(
        schema,
        (c) => judgeCoordinates([c], index, ctx.caller, declared, registry).length === 0,
      );
      schemas.set(key, readable);
    }
    return readable;
  };

  return {
    update({ coreSupergraphSdl }) {
      loaded = {
        version: (loaded?.version ?? 0) + 1,
        index: classificationIndex(coreSupergraphSdl, unclassified),
        subjectTypes: dataSubjectTypes(coreSupergraphSdl),
      };
      plans.clear();
      citizenPlans.clear();
      decisions.clear();
      schemas.clear();
    },
    readableSchema: schemaFor,
    plugin: () => ({
      async requestDidStart() {
        let introspection = false;
        return {
          // Runs when the document failed validation against the full supergraph, before the
          // errors are sent: they are replaced by those the caller's readable schema gives.
          async validationDidStart(rc) {
            return async (errors) =>
              showCallerValidationErrors(
                errors,
                () =>
                  callerValidation(
                    schemaFor(rc.schema, rc.contextValue),
                    rc.queryHash,
                    rc.document,
                  ),
                rc.contextValue.logger,
              );
          },
          // Runs once the operation is parsed, validated and chosen; before any fetch.
          async didResolveOperation(rc) {
            const { plan, denied } = inSyncSpan(
              'access policy',
              () => decide(rc),
              (decided) => ({ 'govgraph.policy.denied': decided.denied.length }),
            );
            rc.contextValue.access = decision(rc, plan, denied);
            if (denied.length > 0) throw forbidden(denied, rc.contextValue.caller);
            if (plan.introspection) {
              if (plan.coordinates.length > 0) throw mixedIntrospection();
              introspection = true;
            }
          },
          // Introspection is answered here, from the caller's readable schema.
          async responseForOperation(rc) {
            if (!introspection) return null;
            const result = await execute({
              schema: schemaFor(rc.schema, rc.contextValue),
              document: rc.document,
              operationName: rc.operationName,
              variableValues: rc.request.variables,
              contextValue: rc.contextValue,
            });
            return { http: rc.response.http, body: { kind: 'single', singleResult: result } };
          },
        };
      },
    }),
  };
}

/**
 * The verdicts that depend on the variables, so are never cached: for whom a write is made,
 * and whether a citizen names anyone but themself.
 */
// Whom a mutation names (people, companies) depends on the variables, so it is never cached.
function judgeWriteSubjectsOf(
  rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  plan: Planned,
  index: ClassificationIndex,
): Denial[] {
  if (plan.writes.length === 0 || !rc.operation) return [];
  const ctx = rc.contextValue;
  const variables = rc.request.variables ?? {};
  const { schema, document, operation } = rc;
  const people = new Set<string>();
  const companies = new Set<string>();
  argumentSubjects(schema, document, operation, variables, people, NATIONAL_ID);
  argumentSubjects(schema, document, operation, variables, companies, CREDIT_CODE);
  return judgeWriteSubjects(plan.writes, { people, companies }, ctx.caller, ctx, index);
}

function highestLevel(
  coordinates: readonly string[],
  index: ClassificationIndex,
): ClassificationLevel {
  let level: ClassificationLevel = 'PUBLIC';
  for (const coordinate of coordinates) level = strictest(index.levelOf(coordinate), level);
  return level;
}

// Mutation fields sit on the mutation root only, so a coordinate of that type is a write.
function writeCoordinates(
  rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  coordinates: readonly string[],
): string[] {
  const root = rc.schema.getMutationType();
  if (rc.operation?.operation !== 'mutation' || !root) return [];
  return coordinates.filter((c) => c.startsWith(`${root.name}.`));
}

function decision(
  rc: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  plan: Planned,
  denied: readonly Denial[],
): AccessDecision {
  return {
    operationHash: rc.queryHash,
    operationName: rc.operationName ?? null,
    coordinates: plan.coordinates,
    level: plan.level,
    denied: denied.map(({ coordinate, reason }) => ({ coordinate, reason })),
  };
}

// Every citizen reads the same coordinates; whose data they name is checked per request.
function callerKey(caller: Caller): string {
  if (caller.kind === 'agency') return `agency:${caller.agencyId}`;
  return caller.kind;
}

function forbidden(denied: readonly Denial[], caller: Caller): GraphQLError {
  const list = denied.map((d) => `${d.coordinate} (${d.level}: ${d.reason})`).join('; ');
  const remedy =
    caller.kind === 'citizen'
      ? 'Remove those fields: a citizen token reads public data and personal data of the citizen alone.'
      : 'Remove those fields, or ask the platform operator for a grant.';
  return FORBIDDEN.refusal(
    `Nothing was run: the operation asks for fields the caller may not read under the declared purpose: ${list}. ${remedy}`,
    {
      extensions: {
        denied: denied.map(({ coordinate, level, reason }) => ({ coordinate, level, reason })),
      },
    },
  );
}

function mixedIntrospection(): GraphQLError {
  return BAD_REQUEST.refusal(
    'An operation may ask for introspection (__schema, __type) or for data, not both: send them as two operations.',
  );
}
