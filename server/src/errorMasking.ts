import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  boundQuotedInput,
  clipInput,
  INTERNAL_ERROR,
  isRegisteredCode,
  QUOTED_INPUT_CHARS,
} from '@govgraph/schema/errors';
import * as apolloCodes from '@govgraph/schema/errors/codes/graphql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { CallerTokenClaims } from './callerToken.js';
import type { Logger } from './logger.js';

/** The context fields that error masking and logging rely on. */
export interface RequestScope {
  requestId: string;
  logger: Logger;
  /** In a department: who the gateway is answering, from its verified caller token. */
  hub?: CallerTokenClaims;
}

// Extensions a caller may see; anything else (stacktrace, exception, http) stays in the log.
const PUBLIC_EXTENSIONS = new Set([
  'code',
  'department',
  'argument',
  'requestId',
  'serviceName',
  // FORBIDDEN: every denied field coordinate with its level and reason.
  'denied',
  // RATE_LIMITED: when to retry, and which budget was spent (its name and size);
  // OPERATION_LIMIT_EXCEEDED, RESPONSE_TOO_LARGE: `{ name, value, max }` (docs/limits.md).
  'retryAfterSeconds',
  'limit',
  // DEPARTMENT_UNAVAILABLE without a call (CIRCUIT_OPEN, TOO_BUSY) and when it is tried again;
  // DEPARTMENT_ANSWER_TOO_LARGE's cap (docs/reliability.md).
  'reason',
  'retryAt',
  'limitBytes',
  // COST_LIMIT_EXCEEDED: the operation's estimated cost and the caller's limit.
  'cost',
]);

/**
 * Apollo Server `formatError`: the deepest registered code in the error's cause chain wins
 * (a scalar's INVALID_NATIONAL_ID beats the GRAPHQL_VALIDATION_FAILED wrapped around it), and
 * an error with no registered code is masked, so no stack, SQL or path reaches a caller.
 */
export function formatPublicError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  let code: string | undefined;
  // graphql-js builds its wrappers' messages from the original's, but a plain Error wrapping a
  // registered error (its message could hold SQL) must not speak for it: past a plain Error,
  // the message shown is that of the error carrying the code.
  let message = formatted.message;
  // The message of the error carrying a govgraph code: written by this code, quoting input
  // through quoteInput. Whatever graphql-js wrapped around it echoes input whole.
  let own: string | undefined;
  let pastPlainError = false;
  for (
    let e: unknown = error;
    e instanceof Error;
    e = (e as GraphQLError).originalError ?? e.cause
  ) {
    const candidate = e instanceof GraphQLError ? e.extensions.code : undefined;
    if (!(e instanceof GraphQLError)) pastPlainError = true;
    if (isRegisteredCode(candidate)) {
      code = candidate;
      own = APOLLO_CODES.has(candidate) ? undefined : e.message;
      if (pastPlainError) message = e.message;
    }
    if (e === (e as GraphQLError).originalError) break;
  }
  const ownCode = formatted.extensions?.code;
  if (!code && isRegisteredCode(ownCode)) code = ownCode;
  if (!code) {
    return {
      ...INTERNAL_ERROR.formatted(
        'Internal error. Quote the request id to the operator; the logs hold the cause.',
      ),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
  }
  const extensions: Record<string, unknown> = { code };
  for (const [key, value] of Object.entries(formatted.extensions ?? {})) {
    if (key !== 'code' && PUBLIC_EXTENSIONS.has(key)) extensions[key] = value;
  }
  return { ...formatted, message: boundEchoes(message, own), extensions };
}

// Codes whose messages graphql-js or Apollo write (validation, variable coercion, parsing).
const APOLLO_CODES: ReadonlySet<string> = new Set(
  Object.values(apolloCodes).map((definition) => definition.code),
);

// graphql-js's prefix to a coded error a variable's value raised: `Variable "$v" got invalid
// value <value>[ at "<path>"]; `, the value printed whole, an object's keys unquoted.
const VARIABLE_ECHO =
  /^(Variable "\$[_A-Za-z][_0-9A-Za-z]*" got invalid value )([\s\S]*?)((?: at "[^"]*")?); $/;

/** The message with every value graphql-js echoed cut short; `own` text is left as written. */
function boundEchoes(message: string, own: string | undefined): string {
  if (own === undefined || !message.endsWith(own)) return boundQuotedInput(message);
  const echo = message.slice(0, message.length - own.length);
  const variable = VARIABLE_ECHO.exec(echo);
  if (variable) {
    const [, head, value = '', at = ''] = variable;
    return `${head}${boundValue(value)}${clipInput(at, 2 * QUOTED_INPUT_CHARS)}; ${own}`;
  }
  return boundQuotedInput(echo) + own;
}

/**
 * A variable's value as graphql-js printed it, at most QUOTED_INPUT_CHARS characters of it:
 * a string as `quoteInput` quotes it, anything else (keys may hold quotes and blanks) cut whole.
 */
function boundValue(printed: string): string {
  if ([...printed].length <= QUOTED_INPUT_CHARS) return printed;
  if (/^"(?:[^"\\]|\\.)*"$/.test(printed)) return boundQuotedInput(printed);
  return clipInput(printed, QUOTED_INPUT_CHARS);
}

/**
 * Logs every error with its request id and full detail, and stamps the request id on the
 * errors the caller sees so that an operator can find the log line.
 */
export function useErrorMasking<
  TContext extends BaseContext & RequestScope,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        // Runs once per request that produced errors, before they are formatted.
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = error.originalError ?? error;
            const code = error.extensions.code;
            if (isRegisteredCode(code) && code !== INTERNAL_ERROR.code) {
              // The logger is already bound to the request id; the message is the log line's own.
              contextValue.logger.info({ code }, `request error: ${error.message}`);
            } else {
              contextValue.logger.error({ err: original, path: error.path }, 'request error');
            }
          }
        },
        // Runs just before the response is serialised.
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
