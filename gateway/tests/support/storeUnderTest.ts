import { setTimeout as delay } from 'node:timers/promises';
import { connectTestRedis, TEST_REDIS_URL } from '@govgraph/testing';
import type { Redis } from 'ioredis';
import type { CacheStore } from '../../src/cache/store/CacheStore.js';
import { createMemoryStore } from '../../src/cache/store/memoryStore.js';
import { createRedisStore } from '../../src/cache/store/redisStore.js';
import { silentLogger } from './loggers.js';

/** A cache store of one backend for a test file, under its own key prefix. */
export interface StoreUnderTest {
  /** The store (after `open`). */
  readonly store: CacheStore;
  /** Opens the store; for Redis, waits (bounded) until it reads. In `beforeAll`. */
  open(): Promise<void>;
  /** Closes the store and deletes every key under the prefix. In `afterAll`. */
  close(): Promise<void>;
}

export function storeUnderTest(backend: 'memory' | 'redis', prefix: string): StoreUnderTest {
  let store: CacheStore | undefined;
  let admin: Redis | undefined;
  return {
    get store() {
      if (!store) throw new Error('the store under test is not open: call open() in beforeAll');
      return store;
    },
    async open() {
      if (backend === 'memory') {
        store = createMemoryStore();
        return;
      }
      admin = await connectTestRedis();
      store = createRedisStore({ url: TEST_REDIS_URL, prefix, logger: silentLogger() });
      await readyStore(store);
    },
    async close() {
      await store?.close();
      if (!admin) return;
      const keys = await admin.keys(`{${prefix}}:*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    },
  };
}

/** Starts a store and waits (bounded) until it reads, i.e. its connection is up. */
export async function readyStore(store: CacheStore): Promise<void> {
  store.start();
  for (let i = 0; i < 200; i++) {
    if (await store.read([], [])) return;
    await delay(20);
  }
  throw new Error('the cache store never became ready');
}
