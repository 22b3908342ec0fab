import { createGatewayServer, type GatewayServerOptions } from '@govgraph/gateway';
import { createLogger } from '@govgraph/schema/runtime';
import type { GatewayJob } from './gatewayJob.js';

/**
 * The govgraph options of a cache mode, or undefined while the gateway has no such option.
 * The hook the caches plug into: `off` is today's gateway; `entity` and `response` stay
 * unavailable (their variants are skipped, saying so) until createGatewayServer takes them.
 */
export function cacheOptions(
  caches: GatewayJob['caches'],
): Partial<GatewayServerOptions> | undefined {
  return caches === 'off' ? {} : undefined;
}

/** Starts govgraph's gateway (createGatewayServer, as in production) on a free loopback port. */
export async function startGovgraphGateway(job: GatewayJob): Promise<number> {
  const caches = cacheOptions(job.caches);
  if (!caches) throw new Error(`the gateway has no ${job.caches} cache option yet`);
  const gateway = createGatewayServer({
    supergraphPath: job.supergraphPath,
    subgraphUrls: job.subgraphUrls,
    logger: createLogger('gateway', 'warn'),
    ...caches,
    ...(job.govgraph as Partial<GatewayServerOptions>),
  });
  const listening = await gateway.listen(0, '127.0.0.1');
  return listening.port;
}
