import type { HubStore } from '../store/openHubStore.js';
import type { AgencyLimitName, AgencyLimits } from '../types.js';
import { AGENCY_LIMIT_NAMES } from '../types.js';
import { requireAgency } from './agencies.js';
import { HubAdminError } from './HubAdminError.js';

/**
 * The largest value each limit may be raised to. A registry typo (an extra zero or three) must
 * not take the hub down: past these the gateway would stall or run out of memory for one caller.
 */
export const AGENCY_LIMIT_MAXIMA: Readonly<Record<AgencyLimitName, number>> = Object.freeze({
  maxDepth: 64,
  maxAliases: 2_000,
  maxDirectives: 2_000,
  maxTokens: 50_000,
  maxCost: 10_000_000,
  requestsPerSecond: 100_000,
  costPerSecond: 100_000_000,
  maxResponseBytes: 100 * 1024 * 1024,
});

/** `maxDepth` → `--max-depth`, the command-line and environment spelling's root. */
export function limitFlag(name: AgencyLimitName): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The limit named by a `--max-depth` style flag (without the dashes), or undefined. */
export function limitByFlag(flag: string): AgencyLimitName | undefined {
  return AGENCY_LIMIT_NAMES.find((name) => limitFlag(name) === flag);
}

/** The problem with one limit's value, or null: a positive whole number up to its maximum. */
export function limitValueProblem(name: AgencyLimitName, value: unknown): string | null {
  const max = AGENCY_LIMIT_MAXIMA[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return `${name} must be a positive whole number (1 to ${max}), not ${JSON.stringify(value) ?? String(value)}`;
  }
  if (value > max) return `${name} must be at most ${max}, not ${value}`;
  return null;
}

/** Parses the `limits` column: the overrides stored for one agency (empty when none). */
export function parseStoredLimits(json: string | null): AgencyLimits {
  if (json === null) return {};
  const stored = JSON.parse(json) as Record<string, unknown>;
  const limits: AgencyLimits = {};
  for (const name of AGENCY_LIMIT_NAMES) {
    const value = stored[name];
    // Only values the validation let in are stored; anything else is ignored, not trusted.
    if (limitValueProblem(name, value) === null) limits[name] = value as number;
  }
  return limits;
}

/** The `limits` column for a set of overrides: null when there are none. */
export function storedLimits(limits: AgencyLimits): string | null {
  const entries = AGENCY_LIMIT_NAMES.flatMap((name) =>
    limits[name] === undefined ? [] : [[name, limits[name]] as const],
  );
  return entries.length === 0 ? null : JSON.stringify(Object.fromEntries(entries));
}

function requireValid(limits: AgencyLimits): void {
  const problems = AGENCY_LIMIT_NAMES.flatMap((name) => {
    const problem = limits[name] === undefined ? null : limitValueProblem(name, limits[name]);
    return problem === null ? [] : [problem];
  });
  if (problems.length > 0) throw new HubAdminError(`${problems.join('; ')}.`);
}

/** An agency's limit overrides (empty: it is held to the gateway's defaults). */
export async function agencyLimits(store: HubStore, agencyId: string): Promise<AgencyLimits> {
  await requireAgency(store, agencyId);
  const row = await store.db
    .selectFrom('agencies')
    .select('limits')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return parseStoredLimits(row.limits);
}

/** Raises (or lowers) some of an agency's limits; the others stay as they were. Returns them all. */
export async function setAgencyLimits(
  store: HubStore,
  agencyId: string,
  changes: AgencyLimits,
): Promise<AgencyLimits> {
  requireValid(changes);
  const next = { ...(await agencyLimits(store, agencyId)), ...changes };
  return writeLimits(store, agencyId, next);
}

/** Puts the named limits (all when none are named) back to the gateway's defaults. Returns what is left. */
export async function resetAgencyLimits(
  store: HubStore,
  agencyId: string,
  names: readonly AgencyLimitName[] = AGENCY_LIMIT_NAMES,
): Promise<AgencyLimits> {
  const next = { ...(await agencyLimits(store, agencyId)) };
  for (const name of names) delete next[name];
  return writeLimits(store, agencyId, next);
}

async function writeLimits(
  store: HubStore,
  agencyId: string,
  limits: AgencyLimits,
): Promise<AgencyLimits> {
  await store.db
    .updateTable('agencies')
    .set({ limits: storedLimits(limits) })
    .where('id', '=', agencyId)
    .execute();
  return limits;
}
