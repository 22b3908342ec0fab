import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEPARTMENT_ANSWER_TOO_LARGE, DEPARTMENT_UNAVAILABLE } from '@govgraph/schema';
import type { GraphQLFormattedError } from 'graphql';

/** Codes of a department fetch that failed as a whole: one error per nulled field, merged here. */
export const NULLING_CODES: readonly string[] = [
  DEPARTMENT_UNAVAILABLE.code,
  DEPARTMENT_ANSWER_TOO_LARGE.code,
];

export interface OneErrorPerDepartmentOptions {
  /** Codes reported once per department, however many fetches to it failed. @default ['DEPARTMENT_UNAVAILABLE', 'DEPARTMENT_ANSWER_TOO_LARGE'] */
  codes?: readonly string[];
}

/**
 * A query plan can fetch from one department several times; when the department is down each
 * fetch fails the same way. The caller gets one DEPARTMENT_UNAVAILABLE per department, not
 * one per fetch (or per nulled field). Its `path` is the first field the department's outage
 * left null; `extensions.paths` lists every one, in the order Apollo reported them.
 */
export function useOneErrorPerDepartment(
  options: OneErrorPerDepartmentOptions = {},
): ApolloServerPlugin<BaseContext> {
  const codes = new Set(options.codes ?? NULLING_CODES);
  return {
    async requestDidStart() {
      return {
        // Runs on the formatted response, just before it is serialised.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          result.errors = mergePerDepartment(result.errors, codes);
        },
      };
    },
  };
}

type Path = NonNullable<GraphQLFormattedError['path']>;

/** Keeps the first error of each code and department; the others give it their paths. */
export function mergePerDepartment(
  errors: readonly GraphQLFormattedError[],
  codes: ReadonlySet<string>,
): GraphQLFormattedError[] {
  const kept: GraphQLFormattedError[] = [];
  const pathsOf = new Map<string, Path[]>();
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code !== 'string' || !codes.has(code)) {
      kept.push(error);
      continue;
    }
    const key = `${code}/${String(error.extensions?.department)}`;
    const paths = pathsOf.get(key);
    if (paths) {
      if (error.path) paths.push(error.path);
      continue;
    }
    const first: Path[] = error.path ? [error.path] : [];
    pathsOf.set(key, first);
    kept.push(error);
  }
  return kept.map((error) => withAllPaths(error, pathsOf));
}

function withAllPaths(
  error: GraphQLFormattedError,
  pathsOf: ReadonlyMap<string, Path[]>,
): GraphQLFormattedError {
  const key = `${String(error.extensions?.code)}/${String(error.extensions?.department)}`;
  const paths = pathsOf.get(key);
  if (!paths || paths.length === 0) return error;
  return { ...error, extensions: { ...error.extensions, paths } };
}
