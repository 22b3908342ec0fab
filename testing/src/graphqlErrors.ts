/** One error of a GraphQL response, as a server sends it. */
export interface GraphQLResponseError {
  message: string;
  path?: readonly unknown[];
  extensions?: Record<string, unknown>;
}

/** The least an error must have for the helpers below: tests type their answers loosely. */
export interface ErrorLike {
  message?: string;
  extensions?: { code?: unknown };
}

/** Any GraphQL response body: the helpers below read only its errors. */
export interface WithErrors<E extends ErrorLike = ErrorLike> {
  data?: unknown;
  errors?: readonly E[] | undefined;
}

// Tests read the first error's code hundreds of times; these keep that one readable line and
// say, when it fails, what came instead.

/** The code of the response's first error; undefined when there is none. */
export function firstErrorCode(response: WithErrors): unknown {
  return response.errors?.[0]?.extensions?.code;
}

/** The code of every error, in order. */
export function errorCodes(response: WithErrors): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** The response's first error; the test fails here, saying what came, when there is none. */
export function firstError<E extends ErrorLike>(response: WithErrors<E>): E {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response)}`);
  return error;
}
