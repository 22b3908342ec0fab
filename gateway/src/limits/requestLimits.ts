/**
 * The limits one request is held to, resolved at the HTTP edge from the gateway's defaults and
 * the calling agency's overrides in the registry (docs/limits.md). Every stage that enforces a
 * limit reads it from `GatewayContext.limits`, never from configuration directly, so that raising
 * a limit for one agency is one registry change.
 */
export interface RequestLimits {
  /** Deepest field nesting of the operation (fragments expanded), introspection included. */
  maxDepth: number;
  /** Aliased fields in the operation. */
  maxAliases: number;
  /** Directive uses in the operation. */
  maxDirectives: number;
  /** Lexical tokens in the document, counted before it is parsed. */
  maxTokens: number;
  /** Estimated cost (`@cost`/`@listSize`) of the operation, computed before any department is called. */
  maxCost: number;
  /** Requests per second, shared by every gateway instance. */
  requestsPerSecond: number;
  /** Estimated cost per second, shared by every gateway instance. */
  costPerSecond: number;
  /** Bytes of the serialized answer; a larger answer is refused, not sent in part. */
  maxResponseBytes: number;
}

/**
 * The gateway's defaults. Provisional values: the helpers that enforce each limit calibrate them
 * against `citizen-record.graphql` and the test suites' documents, and document them.
 */
export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxDepth: 15,
  maxAliases: 50,
  maxDirectives: 50,
  maxTokens: 5000,
  // docs/limits.md: citizen-record.graphql costs about 200, the heaviest document of the test
  // suites (100 people with their companies) about 6,300; 8 levels of parents/children and
  // 25 levels of representedEntities are far over.
  maxCost: 15_000,
  requestsPerSecond: 50,
  costPerSecond: 50_000,
  maxResponseBytes: 5 * 1024 * 1024,
});
