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
  /** Every registered department's status, probed at most once per `cacheMs`. */
  check(): Promise<Record<string, DepartmentStatus>>;
}

/**
 * Asks each department the served supergraph names for its `/health` (liveness: no database,
 * no hub-context token needed), in parallel, with a short timeout; the answers are cached a
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
