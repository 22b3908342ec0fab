import { Kind, parse } from 'graphql';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';

/** One department's answer to the readiness probe. */
export interface DepartmentStatus {
  status: 'up' | 'down';
  /** Why it counts as down: `timeout`, `unreachable` or `HTTP <status>`; never its address. */
  reason?: string;
}

export interface DepartmentProbeOptions {
  /** How long one department's `/health` may take. @default 1000 */
  timeoutMs?: number;
  /** How long a round of answers is reused, so `/ready` polled often does not flood departments. @default 3000 */
  cacheMs?: number;
  /** Sets `govgraph_department_up` from each round of answers. */
  metrics?: Pick<GatewayMetrics, 'departmentUp'>;
}

export interface DepartmentProbe {
  /** Called as the gateway builds each department's data source (overrides included). */
  register(department: string, graphqlUrl: string): void;
  /**
   * Forgets departments a new supergraph no longer names (Apollo builds data sources only for
   * new or moved departments, so `register` alone never drops one).
   */
  retain(supergraphSdl: string): void;
  /** Every registered department's status, probed at most once per `cacheMs`. */
  check(): Promise<Record<string, DepartmentStatus>>;
}

/**
 * Asks each department the served supergraph names for its `/health` (liveness: no database,
 * no caller token needed), in parallel, with a short timeout; the answers are cached a
 * few seconds.
 */
export function createDepartmentProbe(options: DepartmentProbeOptions = {}): DepartmentProbe {
  const timeoutMs = options.timeoutMs ?? 1000;
  const cacheMs = options.cacheMs ?? 3000;
  const departments = new Map<string, string>();
  let last: { at: number; result: Promise<Record<string, DepartmentStatus>> } | undefined;
  const probeAll = async () => {
    const entries = await Promise.all(
      [...departments].map(async ([name, url]) => [name, await probeOne(url, timeoutMs)] as const),
    );
    for (const [name, answer] of entries) {
      options.metrics?.departmentUp.set({ department: name }, answer.status === 'up' ? 1 : 0);
    }
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  };
  return {
    register(department, graphqlUrl) {
      departments.set(department, graphqlUrl);
      last = undefined;
    },
    retain(supergraphSdl) {
      const named = subgraphNames(supergraphSdl);
      if (!named) return;
      for (const name of [...departments.keys()]) if (!named.has(name)) departments.delete(name);
      last = undefined;
    },
    check() {
      const now = Date.now();
      if (!last || now - last.at >= cacheMs) last = { at: now, result: probeAll() };
      return last.result;
    },
  };
}

async function probeOne(graphqlUrl: string, timeoutMs: number): Promise<DepartmentStatus> {
  let url: URL;
  try {
    url = new URL('/health', graphqlUrl);
  } catch {
    return { status: 'down', reason: 'no valid URL' };
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok ? { status: 'up' } : { status: 'down', reason: `HTTP ${res.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { status: 'down', reason: timedOut ? 'timeout' : 'unreachable' };
  }
}

// The subgraph names of a supergraph: `join__Graph`'s values' `@join__graph(name:)`.
function subgraphNames(supergraphSdl: string): Set<string> | undefined {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(supergraphSdl);
  } catch {
    return undefined;
  }
  const graphs = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) return undefined;
  const names = new Set<string>();
  for (const value of graphs.values ?? []) {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive?.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === Kind.STRING) names.add(name.value);
  }
  return names;
}
