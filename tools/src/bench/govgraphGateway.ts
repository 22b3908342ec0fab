import { createGatewayServer, type GatewayCacheOptions } from '@govgraph/gateway';
import { createAccessRegistry, createAuditLog, openHubStore } from '@govgraph/governance';
import { createCallerTokenSigner, createLogger } from '@govgraph/server';
import type { GatewayJob, GovgraphSettings } from './gatewayJob.js';

// The caches keep warm data warm for the whole run: personal data's production ceiling (30 s)
// would expire a warm set between the rounds of a scenario and measure it half cold.
const BENCH_TTL_SECONDS = 600;
const BENCH_REDIS_TIMEOUT_MS = 2000;

/**
 * The cache options of a cache mode: `off` turns every cache off, `entity` is the entity cache
 * alone, `response` the response cache alone, each in Redis under a prefix of its own.
 */
function cacheOptions(
  caches: GatewayJob['caches'],
  settings: GovgraphSettings,
): GatewayCacheOptions {
  if (caches === 'off') return { enabled: false };
  return {
    entity: caches === 'entity',
    response: caches === 'response',
    redisUrl: settings.redisUrl,
    keyPrefix: `${settings.keyPrefix}:${caches}`,
    defaultTtlSeconds: BENCH_TTL_SECONDS,
    personalMaxTtlSeconds: BENCH_TTL_SECONDS,
    // Production steps around a Redis slower than 250 ms; on a loaded 2-core machine Redis
    // sometimes is, and a warm cache would be measured as no cache at all.
    redisTimeoutMs: BENCH_REDIS_TIMEOUT_MS,
  };
}

/**
 * Starts govgraph's gateway as production runs it (createGatewayServer with access control,
 * the caller token and the audit log on) on a free loopback port. `settle` brings the audit
 * log's subject index up to the head: what a block of load left for the index is done (and
 * its CPU counted) before the block ends, not in whichever block comes next.
 */
export async function startGovgraphGateway(
  job: GatewayJob,
): Promise<{ port: number; settle: () => Promise<void> }> {
  const logger = createLogger('gateway', 'warn');
  const { govgraph } = job;
  const store = await openHubStore(govgraph.auditStore);
  const registry = await createAccessRegistry({ store, audience: govgraph.audience, logger });
  const log = createAuditLog({ store, logger });
  const gateway = createGatewayServer({
    supergraphPath: job.supergraphPath,
    subgraphUrls: job.subgraphUrls,
    logger,
    access: {
      registry,
      signer: await createCallerTokenSigner({ privateKey: govgraph.callerTokenPrivateKey }),
    },
    audit: { log },
    cache: cacheOptions(job.caches, govgraph),
    executor: job.executor ?? 'lean',
  });
  const listening = await gateway.listen(0, '127.0.0.1');
  return { port: listening.port, settle: () => log.indexSubjects() };
}
