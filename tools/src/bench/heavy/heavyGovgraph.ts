import { join } from 'node:path';
import { createAccessRegistry, openHubStore } from '@govgraph/governance';
import { createLogger, generateCallerTokenKeys } from '@govgraph/server';
import { agencyHeaders, registerBenchAgency } from '../benchAgency.js';
import type { GovgraphSettings } from '../gatewayJob.js';

const AUDIENCE = 'govgraph-heavy-bench';

export interface HeavyGovgraph {
  /** What govgraph's gateway process needs beyond its kind and cache mode (caches stay off). */
  settings: GovgraphSettings;
  /** The headers a request through govgraph's gateway carries: the benchmark agency's. */
  callerHeaders: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A hub store (SQLite under `dir`, or the PostgreSQL database at `hubUrl`) in which the benchmark agency is granted every type of the
 * heavy supergraph, and a fresh caller-token key: govgraph's gateway then checks access, signs
 * a caller token per request and audits every answer, as in production.
 */
export async function prepareHeavyGovgraph(
  supergraphSdl: string,
  dir: string,
  hubUrl?: string,
): Promise<HeavyGovgraph> {
  const logger = createLogger('heavy-bench', 'warn');
  const auditStore = { sqliteFile: join(dir, 'hub.sqlite'), ...(hubUrl ? { url: hubUrl } : {}) };
  const store = await openHubStore(auditStore);
  const registry = await createAccessRegistry({ store, audience: AUDIENCE, logger });
  try {
    const apiKey = await registerBenchAgency({ store, registry }, supergraphSdl);
    const { privateJwk } = await generateCallerTokenKeys();
    return {
      settings: {
        auditStore,
        audience: AUDIENCE,
        callerTokenPrivateKey: privateJwk,
        // Caches are off: Redis is never reached.
        redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        keyPrefix: 'govgraph-heavy-bench',
      },
      callerHeaders: agencyHeaders(apiKey),
      async close() {
        await registry.close();
        await store.close();
      },
    };
  } catch (error) {
    await registry.close();
    await store.close();
    throw error;
  }
}
