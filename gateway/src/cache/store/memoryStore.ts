import { type InvalidationMessage, tagsOf } from '@govgraph/cache';
import { LRUCache } from 'lru-cache';
import type { CacheStore, StoreEntry } from './CacheStore.js';

interface Held {
  value: string;
  tags: readonly string[];
}

export interface MemoryStoreOptions {
  /** Most entries kept; the least recently used go first. @default 100000 */
  maxEntries?: number;
  /** Most bytes of keys and values kept (UTF-16 code units × 2). @default 64 MiB */
  maxBytes?: number;
}

/**
 * The in-process store used when no REDIS_URL is set: one gateway instance, the same rules as
 * Redis (tags, versions). Departments in the same process (`npm start`) evict it directly.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): CacheStore {
  const tagged = new Map<string, Set<string>>();
  const versions = new Map<string, number>();
  const entries = new LRUCache<string, Held>({
    max: options.maxEntries ?? 100_000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (held, key) => 2 * (held.value.length + key.length) + 64,
    dispose: (held, key) => {
      for (const tag of held.tags) {
        const keys = tagged.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) tagged.delete(tag);
      }
    },
  });
  const versionOf = (department: string) => String(versions.get(department) ?? 0);
  return {
    backend: 'memory',
    start() {},
    async read(keys, departments) {
      return {
        values: keys.map((key) => entries.get(key)?.value ?? null),
        versions: departments.map(versionOf),
      };
    },
    async write(list: readonly StoreEntry[], expected) {
      for (const [department, version] of expected) {
        if (versionOf(department) !== version) return false;
      }
      for (const { key, value, ttlMs, tags } of list) {
        entries.set(key, { value, tags }, { ttl: ttlMs });
        for (const tag of tags) {
          const keys = tagged.get(tag) ?? new Set<string>();
          keys.add(key);
          tagged.set(tag, keys);
        }
      }
      return true;
    },
    async evict(message: InvalidationMessage) {
      versions.set(message.department, (versions.get(message.department) ?? 0) + 1);
      for (const tag of tagsOf(message)) {
        for (const key of [...(tagged.get(tag) ?? [])]) entries.delete(key);
      }
      if (message.all) {
        const owned = ['e', 'b', 'r'].map((kind) => `:${kind}:${message.department}:`);
        for (const key of [...entries.keys()]) {
          if (owned.some((part) => key.includes(part)) || key.includes(':q:')) {
            entries.delete(key);
          }
        }
      }
    },
    onInvalidation() {
      // Nothing arrives from other processes: the in-process departments call `evict`.
    },
    async close() {
      entries.clear();
    },
  };
}
