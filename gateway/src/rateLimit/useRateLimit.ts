import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import type { RateLimiter } from './rateLimiter.js';

/**
 * Charges each operation's estimated cost (`context.cost.estimated`) to the caller's
 * cost-per-second budget in `didResolveOperation`, before anything is planned or fetched;
 * over the budget, RATE_LIMITED (HTTP 429). Install after the cost plugin, which sets
 * `context.cost` in its own `didResolveOperation` (Apollo starts those hooks in plugin order),
 * and after the access plugin (a denied operation spends nothing). Response-cache hits are
 * charged like any answer: the cache answers later, in `responseForOperation`.
 */
export function useRateLimit(limiter: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          await limiter.chargeCost(rc.contextValue);
        },
      };
    },
  };
}

/** Operations in a request body: a batched JSON array charges one per entry, anything else one. */
export function operationCount(body: unknown): number {
  return Array.isArray(body) ? Math.max(1, body.length) : 1;
}
