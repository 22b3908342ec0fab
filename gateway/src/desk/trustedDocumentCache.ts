import { LRUCache } from 'lru-cache';

/** The prefix Apollo Server gives persisted-query keys in the cache it is handed. */
const APQ_PREFIX = 'apq:';

/**
 * Apollo Server's persisted-query cache, preloaded with trusted documents (the desk's): a
 * client sends `extensions.persistedQuery.sha256Hash` alone and the gateway runs the document
 * it holds under that hash. Registrations by other clients (automatic persisted queries, as
 * before) go to a bounded LRU beside it and can never replace a trusted document. The access
 * policy judges a document sent by hash exactly as one sent as text.
 */
export function trustedDocumentCache(trusted: ReadonlyMap<string, string>) {
  const registered = new LRUCache<string, string>({
    maxSize: 30 * 1024 * 1024,
    sizeCalculation: (value, key) => value.length + key.length,
  });
  const hashOf = (key: string) => (key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key);
  return {
    async get(key: string): Promise<string | undefined> {
      return trusted.get(hashOf(key)) ?? registered.get(key);
    },
    async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
      if (trusted.has(hashOf(key))) return;
      const ttl = options?.ttl ? options.ttl * 1000 : undefined;
      registered.set(key, value, ttl ? { ttl } : {});
    },
    async delete(key: string): Promise<boolean> {
      return registered.delete(key);
    },
  };
}
