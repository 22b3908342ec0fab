import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEPARTMENT_UNAVAILABLE } from '@govgraph/schema';

export interface OneErrorPerDepartmentOptions {
  /** Codes reported once per department, however many fetches to it failed. @default ['DEPARTMENT_UNAVAILABLE'] */
  codes?: readonly string[];
}

/**
 * A query plan can fetch from one department several times; when the department is down each
 * fetch fails the same way. The caller gets one DEPARTMENT_UNAVAILABLE per department, not
 * one per fetch.
 */
export function useOneErrorPerDepartment(
  options: OneErrorPerDepartmentOptions = {},
): ApolloServerPlugin<BaseContext> {
  const codes = new Set(options.codes ?? [DEPARTMENT_UNAVAILABLE.code]);
  return {
    async requestDidStart() {
      return {
        // Runs on the formatted response, just before it is serialised.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          const seen = new Set<string>();
          result.errors = result.errors.filter((error) => {
            const code = error.extensions?.code;
            if (typeof code !== 'string' || !codes.has(code)) return true;
            const key = `${code}/${String(error.extensions?.department)}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
        },
      };
    },
  };
}
