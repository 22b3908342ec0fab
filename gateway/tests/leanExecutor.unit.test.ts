import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { buildSchema, OperationTypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../src/executor/executePlan.js';
import { UnsupportedOperation } from '../src/executor/shapeResponse.js';

// The parts of the lean executor that need no department: which plans it takes, and what it
// compiles from them. Its answers are held to Apollo's by federationDifferential.test.ts.

const fetch = (serviceName: string, extra: Partial<FetchNode> = {}): FetchNode => ({
  kind: 'Fetch',
  serviceName,
  variableUsages: [],
  operation: '{ __typename }',
  operationName: undefined,
  operationKind: OperationTypeNode.QUERY,
  operationDocumentNode: undefined,
  ...extra,
});

const plan = (node: QueryPlan['node']): QueryPlan => ({ kind: 'QueryPlan', node });

/** Why compilePlan leaves the plan to Apollo's executor, or undefined when it compiles it. */
function unsupportedNode(node: QueryPlan['node']): string | undefined {
  try {
    compilePlan(plan(node));
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedOperation) return error.message;
    throw error;
  }
}

describe('compilePlan: the plans it leaves to Apollo’s executor', () => {
  it('takes every node kind the lean executor runs, however deep', () => {
    const node: PlanNode = {
      kind: 'Sequence',
      nodes: [
        fetch('a'),
        {
          kind: 'Parallel',
          nodes: [
            { kind: 'Flatten', path: ['items', '@'], node: fetch('b') },
            { kind: 'Condition', condition: 'withC', ifClause: fetch('c'), elseClause: undefined },
          ],
        },
      ],
    };
    expect(unsupportedNode(node)).toBeUndefined();
    expect(unsupportedNode(undefined)).toBeUndefined();
  });

  it('names a @defer or subscription node anywhere in the plan', () => {
    const defer = {
      kind: 'Defer',
      primary: { subselection: undefined, node: fetch('a') },
      deferred: [],
    } as unknown as PlanNode;
    expect(
      unsupportedNode({
        kind: 'Sequence',
        nodes: [fetch('a'), { kind: 'Flatten', path: ['x'], node: defer }],
      }),
    ).toBe('Defer node');
    expect(
      unsupportedNode({
        kind: 'Condition',
        condition: 'v',
        ifClause: undefined,
        elseClause: defer,
      }),
    ).toBe('Defer node');
    expect(
      unsupportedNode({ kind: 'Subscription', primary: fetch('a') } as unknown as PlanNode),
    ).toBe('Subscription node');
  });
});

describe('compilePlan', () => {
  const schema = buildSchema(`
    interface Media { id: ID! }
    type Book implements Media { id: ID! isbn: String }
    type Movie implements Media { id: ID! }
    type Query { media: [Media] }
  `);
  const entityFetch = fetch('ratings', {
    requires: [
      {
        kind: 'InlineFragment',
        typeCondition: 'Book',
        selections: [
          { kind: 'Field', name: '__typename' },
          { kind: 'Field', name: 'id' },
          { kind: 'Field', name: 'isbn' },
        ],
      },
    ],
  });

  it('collects the variables of Condition nodes', () => {
    const compiled = compilePlan(
      plan({
        kind: 'Condition',
        condition: 'first',
        ifClause: { kind: 'Condition', condition: 'second', ifClause: fetch('a') },
        elseClause: fetch('b'),
      }),
    );
    expect([...compiled.conditionVariables].sort()).toEqual(['first', 'second']);
  });

  it('builds representations as Apollo does: per type condition, none when a key is missing', () => {
    const compiled = compilePlan(
      plan({ kind: 'Flatten', path: ['media', '@'], node: entityFetch }),
    );
    const representation = compiled.representations.get(entityFetch);
    expect(representation).toBeDefined();
    if (!representation) return;
    expect(representation(schema, { __typename: 'Book', id: '1', isbn: 'x', title: 't' })).toEqual({
      __typename: 'Book',
      id: '1',
      isbn: 'x',
    });
    // Another type: the fragment does not apply, and the representation has no __typename
    // (so the lean executor, as Apollo's, sends none for it).
    expect(representation(schema, { __typename: 'Movie', id: '2' })).toEqual({});
    // A selected field missing from the entity: no representation at all.
    expect(representation(schema, { __typename: 'Book', id: '3' })).toEqual({});
    expect(representation(schema, null)).toBeNull();
  });
});
