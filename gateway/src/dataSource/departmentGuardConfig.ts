import { z } from 'zod';

/**
 * How the gateway protects itself and the caller from one department (docs/reliability.md,
 * "A department that hangs, is slow or answers too much"): read from the environment at the edge.
 */
export interface DepartmentGuardConfig {
  /** `DEPARTMENT_MAX_IN_FLIGHT`: requests sent to one department at once. */
  maxInFlight: number;
  /** `DEPARTMENT_MAX_QUEUED`: requests waiting for a free slot; past that they are refused. */
  maxQueued: number;
  /** `DEPARTMENT_BREAKER_FAILURES`: consecutive failed or timed-out calls that open the circuit. */
  breakerFailures: number;
  /** `DEPARTMENT_BREAKER_COOLDOWN_MS`: how long the circuit stays open before one probe call. */
  breakerCooldownMs: number;
  /** `DEPARTMENT_MAX_RESPONSE_BYTES`: the largest answer read from one department call. */
  maxResponseBytes: number;
}

export const DEFAULT_DEPARTMENT_GUARD: DepartmentGuardConfig = {
  maxInFlight: 256,
  maxQueued: 1024,
  breakerFailures: 5,
  breakerCooldownMs: 10_000,
  maxResponseBytes: 8 * 1024 * 1024,
};

const whole = (unit: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** The environment variables of the department guard, for `parseEnv`. */
export const departmentGuardEnv = {
  DEPARTMENT_MAX_IN_FLIGHT: whole('requests', 1, 10_000, DEFAULT_DEPARTMENT_GUARD.maxInFlight),
  DEPARTMENT_MAX_QUEUED: whole('requests', 0, 100_000, DEFAULT_DEPARTMENT_GUARD.maxQueued),
  DEPARTMENT_BREAKER_FAILURES: whole('calls', 1, 1_000, DEFAULT_DEPARTMENT_GUARD.breakerFailures),
  DEPARTMENT_BREAKER_COOLDOWN_MS: whole(
    'milliseconds',
    100,
    3_600_000,
    DEFAULT_DEPARTMENT_GUARD.breakerCooldownMs,
  ),
  DEPARTMENT_MAX_RESPONSE_BYTES: whole(
    'bytes',
    1024,
    1024 * 1024 * 1024,
    DEFAULT_DEPARTMENT_GUARD.maxResponseBytes,
  ),
};

type DepartmentGuardEnv = z.infer<z.ZodObject<typeof departmentGuardEnv>>;

/** Turns the parsed variables into the guard's settings. */
export function toDepartmentGuardConfig(raw: DepartmentGuardEnv): DepartmentGuardConfig {
  return {
    maxInFlight: raw.DEPARTMENT_MAX_IN_FLIGHT,
    maxQueued: raw.DEPARTMENT_MAX_QUEUED,
    breakerFailures: raw.DEPARTMENT_BREAKER_FAILURES,
    breakerCooldownMs: raw.DEPARTMENT_BREAKER_COOLDOWN_MS,
    maxResponseBytes: raw.DEPARTMENT_MAX_RESPONSE_BYTES,
  };
}
