import { type EntityChange, type InvalidationMessage, invalidationMessage } from '@govgraph/cache';
import type { Logger } from '@govgraph/server';
import { type DocumentNode, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import { type AnswerMemo, createAnswerMemo } from './answerBlob.js';
import { digest } from './cacheEntry.js';
import { type CacheHints, cacheHintsFromSupergraph, NO_HINTS } from './cacheHints.js';
import { type CachePolicy, cachePolicy } from './cachePolicy.js';
import { type BatchMemo, createBatchMemo } from './entityBatch.js';
import type { CacheStore } from './store/CacheStore.js';
import { createMemoryStore } from './store/memoryStore.js';
import { createRedisStore } from './store/redisStore.js';
import { createValueCipher, type EncryptionKey, type ValueCipher } from './valueCipher.js';

/** `createGatewayServer({ cache })`: which caches run and where they keep entries. */
export interface GatewayCacheOptions {
  /** Every cache off. @default true */
  enabled?: boolean;
  /** Per-entity and root-field caching of department fetches. @default true */
  entity?: boolean;
  /** Whole responses, after the policy check. @default true */
  response?: boolean;
  /** Shared Redis; unset: an in-process LRU for this instance alone. */
  redisUrl?: string;
  /** TTL of data without a cache hint. @default 60 */
  defaultTtlSeconds?: number;
  /** Ceiling for PERSONAL and stricter data. @default 30 */
  personalMaxTtlSeconds?: number;
  /** AES-256-GCM keys; the first seals. @default one random key per process */
  encryptionKeys?: readonly EncryptionKey[];
  /** Start of every Redis key. @default 'govgraph' */
  keyPrefix?: string;
  /** Longest a Redis command may take before the request goes on uncached. @default 250 */
  redisTimeoutMs?: number;
  /** Entries the in-process LRU keeps. @default 100000 */
  maxEntries?: number;
  /** Bytes the in-process LRU keeps. @default 64 MiB */
  maxBytes?: number;
  /** A store built elsewhere (tests); overrides `redisUrl`. */
  store?: CacheStore;
  /** A cipher built elsewhere (tests count its calls); overrides `encryptionKeys`. */
  cipher?: ValueCipher;
}

/** Cached policy and selection digest of one document (caller operation or department fetch). */
export interface DocumentPolicy extends CachePolicy {
  /** Digest of the document without its operation name, so plans of other queries share it. */
  selection: string;
}

/** The caches of one gateway: store, cipher, hints, single-flight, metrics. */
export interface GatewayCache {
  readonly entity: boolean;
  readonly response: boolean;
  readonly prefix: string;
  readonly store: CacheStore;
  readonly cipher: ValueCipher;
  readonly metrics: GatewayMetrics;
  hints: CacheHints;
  /** Digest of the loaded supergraph: a response entry belongs to one graph. */
  schemaId: string;
  /** Batch blobs this gateway stored or opened, until they expire (`entityBatch`). */
  readonly batches: BatchMemo;
  /** Response answers this gateway stored or opened, until they expire (`answerBlob`). */
  readonly answers: AnswerMemo;
  /** Reads of the same entry in flight: later identical misses wait for the first. */
  readonly inFlight: Map<string, Promise<string | undefined>>;
  /** The policy of a document's text (memoised). */
  policyFor(text: string, document?: DocumentNode): DocumentPolicy;
  /** Reloads hints from a new supergraph. */
  loadSupergraph(sdl: string): void;
  /** Evicts a department's committed changes (in-process departments call this). */
  invalidate(department: string, changes: readonly EntityChange[]): Promise<void>;
  close(): Promise<void>;
}

/** Builds the caches from options, counting into the gateway's metrics; `undefined` when off. */
export function createGatewayCache(
  options: GatewayCacheOptions,
  logger: Logger,
  metrics: GatewayMetrics,
): GatewayCache | undefined {
  if (options.enabled === false || (options.entity === false && options.response === false)) {
    return undefined;
  }
  const prefix = options.keyPrefix ?? 'govgraph';
  const store =
    options.store ??
    (options.redisUrl
      ? createRedisStore({
          url: options.redisUrl,
          prefix,
          logger,
          metrics,
          timeoutMs: options.redisTimeoutMs,
        })
      : createMemoryStore({ maxEntries: options.maxEntries, maxBytes: options.maxBytes }));
  const limits = {
    defaultTtlSeconds: options.defaultTtlSeconds ?? 60,
    personalMaxTtlSeconds: options.personalMaxTtlSeconds ?? 30,
  };
  const policies = new LRUCache<string, DocumentPolicy>({ max: 2000 });
  const inFlight = new Map<string, Promise<string | undefined>>();
  const heard = (message: InvalidationMessage) => {
    // A read in flight may have started before the write: nobody new may join it.
    inFlight.clear();
    for (const change of message.changes) {
      metrics.cacheEvictions.inc({ department: message.department, type: change.typename });
    }
  };
  store.onInvalidation(heard);
  const cache: GatewayCache = {
    entity: options.entity !== false,
    response: options.response !== false,
    prefix,
    store,
    cipher: options.cipher ?? createValueCipher(options.encryptionKeys),
    metrics,
    hints: NO_HINTS,
    schemaId: 'none',
    batches: createBatchMemo(),
    answers: createAnswerMemo(),
    inFlight,
    policyFor(text, document) {
      let policy = policies.get(text);
      if (!policy) {
        const base = cachePolicy(document ?? parse(text), cache.hints, limits);
        // The graph's digest is part of it: after a supergraph reload nothing older is reused.
        const named = text.replace(/^\s*(query|mutation)\s+\w+/, '');
        policy = { ...base, selection: digest(cache.schemaId, named) };
        policies.set(text, policy);
      }
      return policy;
    },
    loadSupergraph(sdl) {
      cache.hints = cacheHintsFromSupergraph(sdl);
      cache.schemaId = digest(sdl);
      policies.clear();
    },
    async invalidate(department, changes) {
      const message = invalidationMessage(department, changes);
      heard(message);
      await store.evict(message);
    },
    close: () => store.close(),
  };
  metrics.cacheAvailable.set({ backend: store.backend }, store.backend === 'memory' ? 1 : 0);
  if (store.backend === 'memory') {
    logger.info(
      { backend: 'memory' },
      'caches in process memory (no REDIS_URL): for this instance alone; only departments in this process evict it, others are seen when entries expire',
    );
  }
  return cache;
}
