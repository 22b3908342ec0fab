import { AGENCY_LIMIT_MAXIMA, type AgencyLimitName, limitFlag } from '@govgraph/governance';
import { z } from 'zod';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './requestLimits.js';

// The gateway's names are the registry's: an agency's override and a default name one limit.
const NAMES = Object.keys(DEFAULT_REQUEST_LIMITS) as (keyof RequestLimits & AgencyLimitName)[];

/** `maxDepth` → `LIMIT_MAX_DEPTH`. */
export function limitVar(name: AgencyLimitName): string {
  return `LIMIT_${limitFlag(name).replaceAll('-', '_').toUpperCase()}`;
}

function limitSchema(name: AgencyLimitName) {
  const max = AGENCY_LIMIT_MAXIMA[name];
  return z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(DEFAULT_REQUEST_LIMITS[name]);
}

/** `LIMIT_MAX_DEPTH`, `LIMIT_MAX_ALIASES`, …: the gateway's defaults (docs/limits.md). */
export const limitsEnv = Object.fromEntries(
  NAMES.map((name) => [limitVar(name), limitSchema(name)]),
);

/** The defaults from the parsed `LIMIT_*` variables. */
export function toRequestLimits(raw: Record<string, unknown>): RequestLimits {
  const limits = { ...DEFAULT_REQUEST_LIMITS };
  for (const name of NAMES) {
    const value = raw[limitVar(name)];
    if (typeof value === 'number') limits[name] = value;
  }
  return limits;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the gateway's limit names and the registry's part ways. */
export const LIMIT_NAMES_AGREE: Same<keyof RequestLimits, AgencyLimitName> = true;
