import type { Logger } from '@govgraph/server';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  wrap,
} from 'cockatiel';
import type { GatewayMetrics } from '../metrics/gatewayMetrics.js';
import type { DepartmentGuardConfig } from './departmentGuardConfig.js';

/** Why a call was not sent to the department at all. */
export type GuardRefusal =
  | { reason: 'CIRCUIT_OPEN'; failures: number; retryAt: Date }
  | { reason: 'TOO_BUSY'; maxInFlight: number; maxQueued: number };

/** Thrown instead of calling the department; the data source turns it into the caller's error. */
export class DepartmentRefusedError extends Error {
  override readonly name = 'DepartmentRefusedError';
  constructor(readonly refusal: GuardRefusal) {
    super(`department call refused: ${refusal.reason}`);
  }
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** One department's bulkhead and circuit breaker. */
export interface DepartmentGuard {
  /**
   * Runs one call to the department, or throws `DepartmentRefusedError` at once: while the
   * circuit is open (or its one probe call is in flight), or when `maxInFlight` calls run and
   * `maxQueued` wait. A call that throws an outage (`isOutage`) counts towards opening it.
   */
  run<T>(call: () => Promise<T>): Promise<T>;
  readonly state: CircuitStateName;
}

export interface DepartmentGuardsOptions {
  config: DepartmentGuardConfig;
  /** True for a failure that says the department is down or hanging (not a wrong request). */
  isOutage: (error: unknown) => boolean;
  metrics: GatewayMetrics;
  logger: Logger;
}

/** Guards by department name, kept for the gateway's life (a supergraph reload keeps the state). */
export function createDepartmentGuards(
  options: DepartmentGuardsOptions,
): (department: string) => DepartmentGuard {
  const guards = new Map<string, DepartmentGuard>();
  return (department) => {
    let guard = guards.get(department);
    if (!guard) {
      guard = createDepartmentGuard(department, options);
      guards.set(department, guard);
    }
    return guard;
  };
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

function createDepartmentGuard(
  department: string,
  { config, isOutage, metrics, logger }: DepartmentGuardsOptions,
): DepartmentGuard {
  const breaker = circuitBreaker(
    handleWhen((error) => isOutage(error)),
    {
      halfOpenAfter: config.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(config.breakerFailures),
    },
  );
  // Outermost the breaker: an open circuit refuses before taking a slot or a queue place.
  const policy = wrap(breaker, bulkhead(config.maxInFlight, config.maxQueued));
  let openedAt = 0;
  const gauge = metrics.departmentCircuitState.labels({ department });
  gauge.set(CircuitState.Closed);
  breaker.onStateChange((state) => {
    gauge.set(state);
    if (state === CircuitState.Open) openedAt = Date.now();
    const log = { department, circuit: STATE_NAMES[state] };
    if (state === CircuitState.Open) logger.warn(log, 'department circuit opened');
    else logger.info(log, `department circuit ${STATE_NAMES[state]}`);
  });

  const refuse = (refusal: GuardRefusal): never => {
    metrics.departmentRejections.inc({ department, reason: refusal.reason });
    throw new DepartmentRefusedError(refusal);
  };
  const circuitOpen = (retryAt: number) =>
    refuse({
      reason: 'CIRCUIT_OPEN',
      failures: config.breakerFailures,
      retryAt: new Date(retryAt),
    });

  return {
    async run(call) {
      // cockatiel makes calls wait for the half-open probe; the gateway answers them at once.
      if (breaker.state === CircuitState.HalfOpen) return circuitOpen(Date.now());
      try {
        return await policy.execute(call);
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          return circuitOpen(openedAt + config.breakerCooldownMs);
        }
        if (error instanceof BulkheadRejectedError) {
          return refuse({
            reason: 'TOO_BUSY',
            maxInFlight: config.maxInFlight,
            maxQueued: config.maxQueued,
          });
        }
        throw error;
      }
    },
    get state() {
      return STATE_NAMES[breaker.state];
    },
  };
}
