import { type CacheEntry, parseEntry } from './cacheEntry.js';
import type { GatewayCache } from './createGatewayCache.js';

// Single-flight across concurrent requests of one gateway process, as graphql-hive's in-flight
// dedupe does for whole requests: the first request to miss a key *leads* (puts a promise under
// the key in `cache.inFlight`, asks the department, stores, settles the promise with the entry's
// JSON); requests missing the same key meanwhile *follow* (await the promise instead of asking).
// A leader that stored nothing settles with undefined and its followers ask the department
// themselves. An invalidation clears the map (createGatewayCache): a request arriving after a
// write must not follow a leader whose read may predate it.

/** Settles a led read with the JSON it stored, or undefined when it stored none. */
export type SettleRead = (storedJson: string | undefined) => void;

/** Marks the read of `key` as in flight and returns how to settle it. */
export function leadRead(cache: GatewayCache, key: string): SettleRead {
  let settle: SettleRead = () => {};
  const promise = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  cache.inFlight.set(key, promise);
  void promise.finally(() => {
    if (cache.inFlight.get(key) === promise) cache.inFlight.delete(key);
  });
  return settle;
}

/** The read of `key` another request leads, if any. */
export function leaderOf(
  cache: GatewayCache,
  key: string,
): Promise<string | undefined> | undefined {
  return cache.inFlight.get(key);
}

/** The entry the leader stored, or undefined when it stored none (the follower fetches itself). */
export async function followRead<D, S>(
  leader: Promise<string | undefined>,
): Promise<CacheEntry<D, S> | undefined> {
  const storedJson = await leader;
  return storedJson === undefined ? undefined : parseEntry<D, S>(storedJson);
}
