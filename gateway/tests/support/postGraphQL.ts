/** One error of a GraphQL response, as the gateway sends it. */
export interface GraphQLResponseError {
  message: string;
  path?: unknown[];
  extensions?: Record<string, unknown>;
}

/** Any body that may carry errors: the error helpers read only those. */
export interface WithErrors {
  errors?: readonly GraphQLResponseError[] | undefined;
}

/** A GraphQL response body. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLResponseError[];
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

/** The code of the response's first error; undefined when there is none. */
export function firstErrorCode(response: WithErrors): unknown {
  return response.errors?.[0]?.extensions?.code;
}

/** The code of every error, in order. */
export function errorCodes(response: WithErrors): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** The response's first error; the test fails here, saying what came, when there is none. */
export function firstError(response: WithErrors): GraphQLResponseError {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return error;
}
