import type { Caller, ClassificationLevel } from '@govgraph/governance';
import type { RequestScope } from '@govgraph/server';
import type { RequestLimits } from './limits/requestLimits.js';
import type { SubjectLedger } from './pipeline/SubjectLedger.js';

/** The two rate budgets of a caller (docs/limits.md#rate-limits). */
export type RateLimitName = 'requestsPerSecond' | 'costPerSecond';

/** One field coordinate the policy refused, and why (`no grant`, `case number missing`, …). */
export interface DeniedCoordinate {
  coordinate: string;
  reason: string;
}

/** The policy's verdict on one operation; set by the access plugin before anything runs, also when it denies. */
export interface AccessDecision {
  /** sha256 of the operation text, hex. */
  operationHash: string;
  operationName: string | null;
  /** Every field coordinate the operation asks for (introspection meta-fields excluded). */
  coordinates: readonly string[];
  /** The highest classification among them. */
  level: ClassificationLevel;
  /** Empty when allowed. */
  denied: readonly DeniedCoordinate[];
}

/** What every gateway request carries. Built once per request at the HTTP edge. */
export interface GatewayContext extends RequestScope {
  /** The caller's `X-Request-Id` when well formed (their name for the request), else null. */
  correlationId: string | null;
  caller: Caller;
  /** `X-Purpose`, `X-Case-Id`, `X-Operator-Id` as sent (trimmed), or null. */
  purpose: string | null;
  caseId: string | null;
  operatorId: string | null;
  /** The limits this request is held to: the gateway's defaults with the agency's overrides. */
  limits: RequestLimits;
  /**
   * The operation's cost (docs/limits.md): `estimated` (`@cost`/`@listSize`) set by the cost
   * plugin in `didResolveOperation` before any department is called, `actual` measured on the
   * answer sent. The rate limiter charges `estimated` to the caller's cost-per-second budget.
   */
  cost?: { estimated: number; actual?: number };
  /** Whose rate budgets the request is charged to (set at the HTTP edge by the rate limiter). */
  rateKey?: { key: string; kind: Caller['kind'] };
  /** Set when the rate limiter refused the request: it ran nothing, so nothing is audited as read. */
  rateLimited?: RateLimitName;
  /** Set by the access plugin in `didResolveOperation`. */
  access?: AccessDecision;
  /**
   * Whose data this request returned (national IDs and credit codes reported by departments,
   * restored from cache entries on hits) and whether any came from a cache: the audit
   * record's `subjects` and `cached`.
   */
  readonly ledger: SubjectLedger;
}
