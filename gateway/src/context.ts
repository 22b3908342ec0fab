import type { Caller, ClassificationLevel } from '@govgraph/hub';
import type { RequestScope } from '@govgraph/schema/runtime';
import type { RequestLimits } from './limits/requestLimits.js';

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
  /** Set by the access plugin in `didResolveOperation`. */
  access?: AccessDecision;
  /**
   * The operation's cost (docs/limits.md): `estimated` before any department is called,
   * `actual` measured on the answer sent.
   */
  cost?: { estimated: number; actual?: number };
  /**
   * National IDs and credit codes whose data this request returned: reported by departments,
   * and restored from cache entries on hits. The audit record's `subjects`.
   */
  subjects: Set<string>;
  /** True when any part of the answer came from a cache. */
  cached: boolean;
}
