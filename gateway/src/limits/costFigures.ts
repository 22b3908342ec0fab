import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type ValueNode,
  visit,
} from 'graphql';
import { actualCost, type PriceMemo } from './actualCost.js';
import type { CostDirectives } from './costDirectives.js';
import { type CostInput, DEFAULT_LIST_SIZE, estimateCost, withDefaults } from './costEstimate.js';

type Data = Readonly<Record<string, unknown>>;

/**
 * An operation's cost figures kept across requests: Apollo Server keeps one parsed document per
 * query text, so what depends only on the document, the schema and the cost directives is
 * worked out once: the estimate itself, and the actual cost's priced selections (its walk of the
 * answer stays per request). Each figure is kept per value of the variables it can read (those
 * in `@skip`/`@include` and in slicing arguments such as `first`), so a document sent with
 * other page sizes or conditions is costed again; a schema or directives of their own (a
 * supergraph reload) start afresh. The answers are those of `estimateCost` and `actualCost`.
 */
export interface CostFigures {
  estimate(input: CostInput): number;
  actual(input: CostInput & { data: Data | null | undefined }): number;
}

/** Figures kept per document for this many distinct values of the variables they read. */
export const FIGURES_PER_DOCUMENT = 64;

/** What is kept of one operation of one document, for one schema and one set of directives. */
interface Costed {
  document: DocumentNode;
  directives: CostDirectives;
  defaultListSize: number;
  /** The variables any figure may read, by name; none: the figures are constants. */
  read: readonly string[];
  byValues: Map<string, Figures>;
}

/** The figures for one value of the variables read. */
interface Figures {
  estimated?: number;
  priced: PriceMemo;
}

export function createCostFigures(): CostFigures {
  let kept = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Costed>>();
  let directivesSeen: CostDirectives | undefined;

  const figuresOf = (input: CostInput): Figures | undefined => {
    // Directives are replaced, never changed, on a reload: new ones start afresh.
    if (input.directives !== directivesSeen) {
      kept = new WeakMap();
      directivesSeen = input.directives;
    }
    let byOperation = kept.get(input.schema);
    if (!byOperation) {
      byOperation = new WeakMap();
      kept.set(input.schema, byOperation);
    }
    const defaultListSize = input.defaultListSize ?? DEFAULT_LIST_SIZE;
    let costed = byOperation.get(input.operation);
    if (
      !costed ||
      costed.document !== input.document ||
      costed.directives !== input.directives ||
      costed.defaultListSize !== defaultListSize
    ) {
      costed = {
        document: input.document,
        directives: input.directives,
        defaultListSize,
        read: variablesRead(input.document, input.directives),
        byValues: new Map(),
      };
      byOperation.set(input.operation, costed);
    }
    const key = valuesKey(costed.read, input);
    if (key === undefined) return undefined;
    let figures = costed.byValues.get(key);
    if (!figures) {
      if (costed.byValues.size >= FIGURES_PER_DOCUMENT) costed.byValues.clear();
      figures = { priced: new Map() };
      costed.byValues.set(key, figures);
    }
    return figures;
  };

  return {
    estimate(input) {
      const figures = figuresOf(input);
      if (!figures) return estimateCost(input);
      figures.estimated ??= estimateCost(input);
      return figures.estimated;
    },
    actual(input) {
      return actualCost(input, figuresOf(input)?.priced);
    },
  };
}

/**
 * The values of the variables read, defaults applied, as a key; undefined when one is not a
 * scalar (a list or an object: such figures are not kept). A variable left out and one sent as
 * null are read alike (neither is a number nor a boolean), so they share a key.
 */
function valuesKey(read: readonly string[], input: CostInput): string | undefined {
  if (read.length === 0) return '';
  const variables = withDefaults(input.operation, input.variables);
  const values: unknown[] = [];
  for (const name of read) {
    const value = variables[name];
    if (value !== null && typeof value === 'object') return undefined;
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      return undefined;
    }
    values.push(value);
  }
  return JSON.stringify(values);
}

const slicingNames = new WeakMap<CostDirectives, ReadonlySet<string>>();

/**
 * Every variable the cost of any operation of the document may read: those in the arguments of
 * `@skip` and `@include`, and those in a field argument named like any slicing argument of the
 * directives (the estimate reads only the slicing arguments of the field's own `@listSize`, so
 * this is a superset).
 */
export function variablesRead(document: DocumentNode, directives: CostDirectives): string[] {
  let slicing = slicingNames.get(directives);
  if (!slicing) {
    slicing = new Set(
      [...directives.listSizes.values()].flatMap((listSize) => listSize.slicingArguments),
    );
    slicingNames.set(directives, slicing);
  }
  const names = new Set<string>();
  const sliced = slicing;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return;
      for (const argument of node.arguments ?? []) variablesIn(argument.value, names);
    },
    Field(node) {
      for (const argument of node.arguments ?? []) {
        if (sliced.has(argument.name.value)) variablesIn(argument.value, names);
      }
    },
  });
  return [...names].sort();
}

function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT)
    for (const field of value.fields) variablesIn(field.value, into);
}
