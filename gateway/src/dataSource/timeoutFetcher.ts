import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The fetch signature `RemoteGraphQLDataSource` calls. */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * A `fetch` for one department that gives up after `timeoutMs` (connect, headers and body
 * together). Node's global fetch (undici) keeps connections alive in a pool per origin, so
 * the gateway does not open a new TCP connection for every subgraph request.
 */
export function timeoutFetcher(timeoutMs: number): Fetcher {
  return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}
