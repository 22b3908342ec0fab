import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** Who is expected to act on an error: the caller fixes input, asks for access, retries, or reports. */
export type ErrorCategory = 'input' | 'access' | 'availability' | 'internal';

/**
 * One public error code. Codes are the error contract of govgraph: clients switch on
 * `extensions.code`, never on messages or classes. Each code is defined exactly once, in
 * `codes/*.ts`, and `docs/errors.md` is generated from the registry.
 */
export class ErrorCode {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    readonly description: string,
  ) {}

  /** Builds the GraphQL error for this code. `message` says what is wrong and what to do. */
  err(
    message: string,
    options: Omit<GraphQLErrorOptions, 'extensions'> & {
      extensions?: Record<string, unknown>;
    } = {},
  ): GraphQLError {
    return new GraphQLError(message, {
      ...options,
      extensions: { ...options.extensions, code: this.code },
    });
  }
}

export function makeCode(code: string, category: ErrorCategory, description: string): ErrorCode {
  return new ErrorCode(code, category, description);
}
