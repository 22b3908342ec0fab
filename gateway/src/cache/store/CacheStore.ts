import type { InvalidationMessage } from '@govgraph/cache';

/** One value to store, with the tags that evict it. */
export interface StoreEntry {
  key: string;
  value: string;
  ttlMs: number;
  /** Entity and department tags (`entityTag`, `departmentTag`). */
  tags: readonly string[];
}

/** Values of the keys asked for (null: not cached) and each department's write version. */
export interface StoreRead {
  values: (string | null)[];
  versions: string[];
}

/**
 * Where cache entries live: Redis shared by every gateway instance, or an in-process LRU.
 * Both keep the same rules: an entry is stored only if no department it came from wrote
 * since the versions were read (a read that raced a write never fills the cache), and a
 * department's write evicts every entry tagged with a changed entity.
 */
export interface CacheStore {
  readonly backend: 'redis' | 'memory';
  /** Connects (Redis); called when the gateway starts. Until then reads find nothing. */
  start(): void;
  /** Entries and versions in one round trip; undefined when the store cannot answer now. */
  read(keys: readonly string[], departments: readonly string[]): Promise<StoreRead | undefined>;
  /** Stores the entries if every department is still at the version given; true if stored. */
  write(entries: readonly StoreEntry[], versions: ReadonlyMap<string, string>): Promise<boolean>;
  /** Evicts what a committed write made stale and bumps the department's version. */
  evict(message: InvalidationMessage): Promise<void>;
  /** Called for every invalidation heard from other processes (Redis pub/sub). */
  onInvalidation(listener: (message: InvalidationMessage) => void): void;
  close(): Promise<void>;
}
