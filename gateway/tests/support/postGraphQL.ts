import type { GraphQLResponseError } from '@govgraph/testing';

export {
  errorCodes,
  firstError,
  firstErrorCode,
  type GraphQLResponseError,
  type WithErrors,
} from '@govgraph/testing';

/** A GraphQL response body. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLResponseError[];
  extensions?: Record<string, unknown>;
}

/** What a test sends: a bare query, or the whole body (persisted-query tests send no query). */
export type GraphQLRequest =
  | string
  | {
      query?: string;
      variables?: Record<string, unknown>;
      operationName?: string;
      extensions?: Record<string, unknown>;
    };

/** Who asks: an agency by its API key, or a bearer token (`citizen(nationalId)`). */
export type Asker = { apiKey: string } | { bearer: string };

export interface PostOptions {
  /** The caller; none is anonymous. */
  as?: Asker;
  /** The purpose the agency states (`X-Purpose`). */
  purpose?: string;
  /** Further headers; they win over those `as` and `purpose` set. */
  headers?: Record<string, string>;
}

export interface GraphQLResult {
  status: number;
  headers: Headers;
  body: GraphQLResponse;
  /** The body as sent, for tests that check what it does not contain. */
  text: string;
}

/** The headers that make a request come from `as` for `purpose`. */
export function callerHeaders(options: PostOptions): Record<string, string> {
  const { as, purpose } = options;
  return {
    ...(as && 'apiKey' in as ? { 'x-api-key': as.apiKey } : {}),
    ...(as && 'bearer' in as ? { authorization: `Bearer ${as.bearer}` } : {}),
    ...(purpose === undefined ? {} : { 'x-purpose': purpose }),
    ...options.headers,
  };
}

/** POSTs a GraphQL request and returns the status, the headers and the parsed body. */
export async function postGraphQL(
  url: string,
  request: GraphQLRequest,
  options: PostOptions = {},
): Promise<GraphQLResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...callerHeaders(options) },
    body: JSON.stringify(typeof request === 'string' ? { query: request } : request),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(text) as GraphQLResponse,
    text,
  };
}
