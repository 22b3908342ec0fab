import type { GatewayJob } from '../gatewayJob.js';

/** Every gateway `npm run bench:heavy` measures, in table order (the baseline first). */
export const HEAVY_VARIANT_NAMES = [
  'bare',
  'hive',
  'hive-router',
  'govgraph',
  'govgraph-apollo',
] as const;
export type HeavyVariantName = (typeof HEAVY_VARIANT_NAMES)[number];

export interface HeavyVariant {
  name: HeavyVariantName;
  title: string;
  kind: GatewayJob['kind'];
  executor?: GatewayJob['executor'];
}

export const HEAVY_VARIANTS: Record<HeavyVariantName, HeavyVariant> = {
  bare: {
    name: 'bare',
    title: 'bare @apollo/gateway + @apollo/server (the baseline; ratio 1)',
    kind: 'bare',
  },
  hive: {
    name: 'hive',
    title: 'Hive Gateway (@graphql-hive/gateway), default JavaScript runtime',
    kind: 'hive',
  },
  'hive-router': {
    name: 'hive-router',
    title: 'Hive Gateway with the Rust query planner (@graphql-hive/router-runtime)',
    kind: 'hive-router',
  },
  govgraph: {
    name: 'govgraph',
    title: 'govgraph gateway: access, caller tokens and audit on, caches off',
    kind: 'govgraph',
  },
  'govgraph-apollo': {
    name: 'govgraph-apollo',
    title: "the same govgraph gateway with Apollo's executor instead of the lean one",
    kind: 'govgraph',
    executor: 'apollo',
  },
};
