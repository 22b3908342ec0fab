import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';

/** The shape of @apollo/gateway's private `queryPlanStore` (an InMemoryLRUCache) we rely on. */
interface PlanStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, options?: unknown): Promise<void>;
  clear(): void;
  keys(): string[] | Promise<string[]>;
}

function isPlanStore(value: unknown): value is PlanStore {
  const store = value as Partial<PlanStore> | null;
  return ['get', 'set', 'clear', 'keys'].every(
    (method) => typeof Reflect.get(store ?? {}, method) === 'function',
  );
}

/**
 * Counts hits and misses of Apollo's query-plan cache and reports its size. @apollo/gateway
 * 2.14 keeps the cache in a private field (`queryPlanStore`, created once in the constructor and
 * only cleared on a supergraph update) with no metrics of its own, so its `get` is wrapped in
 * place. Returns false, and reports nothing, when a future version changes that shape.
 */
export function observeQueryPlanCache(gateway: ApolloGateway, metrics: GatewayMetrics): boolean {
  const store: unknown = Reflect.get(gateway, 'queryPlanStore');
  if (!isPlanStore(store)) return false;
  const get = store.get.bind(store);
  store.get = async (key) => {
    const plan = await get(key);
    metrics.queryPlanCache.inc({ result: plan === undefined ? 'miss' : 'hit' });
    return plan;
  };
  // The size changes only when a plan is stored (after a miss) or the cache is cleared.
  const set = store.set.bind(store);
  store.set = async (key, value, options) => {
    await set(key, value, options);
    metrics.queryPlanCacheSize.set((await store.keys()).length);
  };
  const clear = store.clear.bind(store);
  store.clear = () => {
    clear();
    metrics.queryPlanCacheSize.set(0);
  };
  return true;
}
