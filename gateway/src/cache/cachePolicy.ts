import type { ClassificationLevel } from '@govgraph/governance';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { strictest } from '../access/classificationIndex.js';
import { type CacheHints, isPersonal } from './cacheHints.js';

/** How a document's answer may be cached, from the hints of every field it selects. */
export interface CachePolicy {
  /** Seconds the answer may be kept; 0 means never cache it. */
  ttlSeconds: number;
  /** The strictest classification among the selected fields. */
  level: ClassificationLevel;
  /** Why it is never cached, when `ttlSeconds` is 0. */
  uncacheable?: 'mutation' | 'introspection' | 'maxAge 0';
}

export interface PolicyLimits {
  defaultTtlSeconds: number;
  personalMaxTtlSeconds: number;
}

/**
 * The policy of an operation (the caller's, or a department fetch the planner built). TTL
 * is the smallest hint of any field: a field's own `@cacheControl`, else its return type's
 * when that is an object, else the configured default; a scalar field inherits its parent's.
 * A field whose level is unknown counts as PERSONAL, so doubt means encrypted and short-lived.
 */
export function cachePolicy(
  document: DocumentNode,
  hints: CacheHints,
  limits: PolicyLimits,
): CachePolicy {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const state = { ttl: Number.POSITIVE_INFINITY, level: 'PUBLIC' as ClassificationLevel };
  let uncacheable: CachePolicy['uncacheable'];
  const consider = (maxAge: number | undefined) => {
    if (maxAge !== undefined) state.ttl = Math.min(state.ttl, maxAge);
  };
  const walk = (set: SelectionSetNode, parent: string | undefined, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (name === '__schema' || name === '__type') {
          uncacheable ??= 'introspection';
          continue;
        }
        // `_entities` is the planner's; its inline fragments name the entity types.
        if (name === '_entities' && parent === 'Query') {
          if (selection.selectionSet) walk(selection.selectionSet, undefined, seen);
          continue;
        }
        const coordinate = `${parent ?? '?'}.${name}`;
        const returns = hints.returnType.get(coordinate);
        const own = hints.fieldMaxAge.get(coordinate);
        consider(
          own ??
            (returns && hints.composite.has(returns)
              ? (hints.typeMaxAge.get(returns) ?? limits.defaultTtlSeconds)
              : returns
                ? undefined
                : limits.defaultTtlSeconds),
        );
        state.level = strictest(hints.levels.levelOf(coordinate), state.level);
        if (selection.selectionSet) walk(selection.selectionSet, returns, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition?.name.value ?? parent;
        if (parent === undefined && type) {
          consider(hints.typeMaxAge.get(type) ?? limits.defaultTtlSeconds);
        }
        walk(selection.selectionSet, type, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const type = fragment.typeCondition.name.value;
        if (parent === undefined) consider(hints.typeMaxAge.get(type) ?? limits.defaultTtlSeconds);
        walk(fragment.selectionSet, type, new Set([...seen, name]));
      }
    }
  };
  for (const operation of operations) {
    if (operation.operation !== 'query') uncacheable ??= 'mutation';
    const root = operation.operation === 'query' ? 'Query' : 'Mutation';
    walk(operation.selectionSet, root, new Set());
  }
  if (state.ttl <= 0) uncacheable ??= 'maxAge 0';
  if (uncacheable) return { ttlSeconds: 0, level: state.level, uncacheable };
  let ttl = Number.isFinite(state.ttl) ? state.ttl : limits.defaultTtlSeconds;
  if (isPersonal(state.level)) ttl = Math.min(ttl, limits.personalMaxTtlSeconds);
  return { ttlSeconds: ttl, level: state.level };
}
