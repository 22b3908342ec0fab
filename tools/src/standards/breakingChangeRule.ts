import { Supergraph } from '@apollo/federation-internals';
import { ensureError } from '@govgraph/schema';
import {
  type BreakingChange,
  buildASTSchema,
  findBreakingChanges,
  type GraphQLSchema,
} from 'graphql';
import type { AcceptedChange } from './acceptedChanges.js';
import type { Finding } from './Finding.js';

export interface BreakingChangeInput {
  /** The last published (committed) supergraph; undefined on the first composition. */
  previousSupergraphSdl: string | undefined;
  supergraphSdl: string;
  accepted: readonly AcceptedChange[];
  /** `--accept-breaking`: accept every breaking change of this run. */
  acceptAll: boolean;
}

export interface BreakingChangeResult {
  /** Breaking changes nobody accepted. */
  findings: Finding[];
  /** Breaking changes that were accepted, for the record. */
  accepted: Finding[];
  /** Entries of accepted-changes.json that matched nothing this run (safe to remove). */
  unused: AcceptedChange[];
}

/** The API schema agencies see (no join__ / link machinery), as graphql-js builds it. */
export function apiSchemaOf(supergraph: string | Supergraph): GraphQLSchema {
  const built = typeof supergraph === 'string' ? Supergraph.build(supergraph) : supergraph;
  // Rebuilt from the AST, not toGraphQLJSSchema(): federation-internals is CommonJS and holds
  // graphql's CJS build, whose schema objects graphql's ESM build (ours, under vitest and tsx)
  // refuses as "from another module or realm". An AST is plain data and crosses safely.
  return buildASTSchema(built.apiSchema().toAST());
}

/**
 * Breaking changes of the new API schema against the last published one (graphql-js
 * `findBreakingChanges`). Each is blamed on the subgraphs that declared the changed coordinate
 * in the previous supergraph.
 */
export function breakingChangeRule(input: BreakingChangeInput): BreakingChangeResult {
  const result: BreakingChangeResult = { findings: [], accepted: [], unused: [] };
  if (input.previousSupergraphSdl === undefined) {
    result.unused = [...input.accepted];
    return result;
  }
  let previous: Supergraph;
  let before: GraphQLSchema;
  try {
    previous = Supergraph.build(input.previousSupergraphSdl);
    before = apiSchemaOf(previous);
  } catch (error) {
    result.findings.push({
      rule: 'breaking-change',
      subgraph: 'supergraph',
      coordinate: 'gateway/supergraph.graphql',
      message: `the committed supergraph cannot be read, so breaking changes cannot be checked (${ensureError(error).message.split('\n')[0]}). Restore it from git.`,
    });
    return result;
  }
  const changes = findBreakingChanges(before, apiSchemaOf(input.supergraphSdl));
  const used = new Set<AcceptedChange>();
  for (const change of changes) {
    const match = input.accepted.find(
      (a) => a.type === change.type && a.description === change.description,
    );
    if (match) used.add(match);
    const coordinate = coordinateOf(change);
    const finding: Finding = {
      rule: 'breaking-change',
      subgraph: ownersOf(previous, coordinate).join(', ') || 'supergraph',
      coordinate,
      message: match
        ? `breaking change ${change.type} accepted: ${change.description} (${match.reason})`
        : `breaking change ${change.type}: ${change.description} Agencies' queries may stop working: restore it, or accept it with --accept-breaking or an entry {"type": "${change.type}", "description": "${change.description}", "reason": "..."} in gateway/accepted-changes.json.`,
    };
    (match || input.acceptAll ? result.accepted : result.findings).push(finding);
  }
  result.unused = input.accepted.filter((a) => !used.has(a));
  return result;
}

// graphql-js describes changes in prose only; these patterns recover the coordinate.
const COORDINATE_PATTERNS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^A required (?:field|arg) (\w+) on (?:input type |directive )?([\w.]+)/,
    (m) => `${m[2]}.${m[1]}`,
  ],
  [/^(\w+) was (?:removed|added) (?:from|to) (?:enum|union) type (\w+)/, (m) => `${m[2]}.${m[1]}`],
  [/^(\w+\.\w+) arg (\w+) /, (m) => `${m[1]}(${m[2]}:)`],
  [/^(\w+\.\w+) /, (m) => `${m[1]}`],
  [/^(\w+) (?:was removed|changed from|no longer implements)/, (m) => `${m[1]}`],
];

function coordinateOf(change: BreakingChange): string {
  for (const [pattern, coordinate] of COORDINATE_PATTERNS) {
    const match = pattern.exec(change.description);
    if (match) return coordinate(match);
  }
  return 'schema';
}

function ownersOf(supergraph: Supergraph, coordinate: string): string[] {
  const [typeName = '', rest] = coordinate.split('.');
  const fieldName = rest?.replace(/\(.*$/, '');
  return supergraph
    .subgraphs()
    .values()
    .filter((subgraph) => {
      const type = subgraph.schema.type(typeName);
      if (!type) return false;
      if (!fieldName || !('field' in type)) return true;
      return type.field(fieldName) !== undefined;
    })
    .map((subgraph) => subgraph.name);
}
