import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** Who is expected to act on an error: the caller fixes input, asks for access, retries, or reports. */
export type ErrorCategory = 'input' | 'access' | 'availability' | 'internal';

/** The HTTP statuses public errors answer with (docs/errors.md). */
export type ErrorHttpStatus = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503 | 504;

/** Options of a GraphQL error built from a code; `code` itself is the code's, never the caller's. */
export type ErrorCodeOptions = Omit<GraphQLErrorOptions, 'extensions'> & {
  extensions?: Record<string, unknown>;
};

/** One error as an answer's `errors` list holds it, serialised. */
export interface FormattedCodedError {
  message: string;
  extensions: Record<string, unknown> & { code: string };
}

/** The JSON body of an error answered outside GraphQL execution (a route, a refusal at the edge). */
export interface ErrorBody {
  errors: FormattedCodedError[];
}

/**
 * One public error code. Codes are the error contract of govgraph: clients switch on
 * `extensions.code`, never on messages or classes. Each code is defined exactly once, in
 * `codes/*.ts`, and `docs/errors.md` is generated from the registry. Every error govgraph
 * answers is built through a code (as federation's `makeCodeDefinition(...).err`), so no call
 * site spells a code or a status by hand.
 */
export class ErrorCode {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    /**
     * The status of an HTTP answer that is this error alone: a refused request or a route's
     * error. Inside a GraphQL answer with data (a field error) the answer stays 200.
     */
    readonly httpStatus: ErrorHttpStatus,
    readonly description: string,
  ) {}

  /** Builds the GraphQL error for this code. `message` says what is wrong and what to do. */
  err(message: string, options: ErrorCodeOptions = {}): GraphQLError {
    return new GraphQLError(message, {
      ...options,
      extensions: { ...options.extensions, code: this.code },
    });
  }

  /**
   * Builds the error that refuses a whole request: `extensions.http` carries the code's status
   * (and `headers`, e.g. `Retry-After`), which Apollo Server and the hub's HTTP edge answer with.
   */
  refusal(
    message: string,
    options: ErrorCodeOptions & { headers?: ReadonlyMap<string, string> } = {},
  ): GraphQLError {
    const { headers, ...rest } = options;
    return this.err(message, {
      ...rest,
      extensions: {
        ...rest.extensions,
        http: { status: this.httpStatus, ...(headers ? { headers } : {}) },
      },
    });
  }

  /** This error as a serialised answer holds it, for answers built without graphql-js. */
  formatted(message: string, extensions: Record<string, unknown> = {}): FormattedCodedError {
    // `code` leads, as in the answers graphql-js serialises, and cannot be overridden.
    const { code: _ignored, ...rest } = extensions;
    return { message, extensions: { code: this.code, ...rest } };
  }

  /** The JSON body of this error answered outside GraphQL (send it with `httpStatus`). */
  body(message: string, extensions: Record<string, unknown> = {}): ErrorBody {
    return { errors: [this.formatted(message, extensions)] };
  }
}

export function makeCode(
  code: string,
  category: ErrorCategory,
  httpStatus: ErrorHttpStatus,
  description: string,
): ErrorCode {
  return new ErrorCode(code, category, httpStatus, description);
}
