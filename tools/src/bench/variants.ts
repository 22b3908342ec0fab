import type { VariantName } from './benchArgs.js';
import type { GatewayJob } from './gatewayJob.js';
import type { BenchCaller } from './scenarios.js';

/** What a variant puts between the load generator and the departments. */
export type VariantTarget =
  | { kind: 'direct' }
  | { kind: 'gateway'; job: Pick<GatewayJob, 'kind' | 'caches' | 'executor'> };

export interface Variant {
  name: VariantName;
  title: string;
  target: VariantTarget;
  /** Measured over requests the gateway has answered once already (warm caches). */
  warm: boolean;
}

/**
 * Every variant of one run. Cold and warm variants of a cache mode share one gateway process:
 * cold is measured first, on people it never saw; warm on a set it was sent once beforehand.
 */
export const VARIANTS: Record<VariantName, Variant> = {
  bare: {
    name: 'bare',
    title: 'bare @apollo/gateway + @apollo/server, no govgraph features (the floor; ratio 1)',
    target: { kind: 'gateway', job: { kind: 'bare', caches: 'off' } },
    warm: false,
  },
  direct: {
    name: 'direct',
    title: 'the root department queried directly with its part of the query (the ceiling)',
    target: { kind: 'direct' },
    warm: false,
  },
  govgraph: {
    name: 'govgraph',
    title: 'govgraph gateway, caches off',
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'off' } },
    warm: false,
  },
  'govgraph-apollo': {
    name: 'govgraph-apollo',
    title: "govgraph gateway, caches off, plans run by Apollo's executor instead of the lean one",
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'off', executor: 'apollo' } },
    warm: false,
  },
  'entity-cold': {
    name: 'entity-cold',
    title: 'govgraph, entity cache, cold (people not asked for before)',
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'entity' } },
    warm: false,
  },
  'entity-warm': {
    name: 'entity-warm',
    title: 'govgraph, entity cache, warm (every request sent once before)',
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'entity' } },
    warm: true,
  },
  'response-cold': {
    name: 'response-cold',
    title: 'govgraph, response cache, cold',
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'response' } },
    warm: false,
  },
  'response-warm': {
    name: 'response-warm',
    title: 'govgraph, response cache, warm',
    target: { kind: 'gateway', job: { kind: 'govgraph', caches: 'response' } },
    warm: true,
  },
};

/** The gateway process a variant runs on; variants with the same key share one. */
export function processKey(target: VariantTarget): string | undefined {
  if (target.kind !== 'gateway') return undefined;
  const { kind, caches, executor } = target.job;
  return `${kind}-${caches}${executor === 'apollo' ? '-apollo' : ''}`;
}

/**
 * The headers `variant` is sent for a request of `caller`: a govgraph gateway's caller headers
 * (API key, X-Purpose); nothing for the bare gateway and the direct variant, which check no caller.
 */
export function requestHeaders(
  variant: Variant,
  callerHeaders: Record<BenchCaller, Record<string, string>>,
  caller: BenchCaller,
): Record<string, string> {
  const { target } = variant;
  return target.kind === 'gateway' && target.job.kind === 'govgraph' ? callerHeaders[caller] : {};
}
