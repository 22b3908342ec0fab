import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { AuditLog } from '@govgraph/governance';
import { type Logger, useErrorMasking } from '@govgraph/server';
import type { AccessPolicy } from '../access/useAccessPolicy.js';
import { useAudit } from '../audit/useAudit.js';
import type { GatewayCache } from '../cache/createGatewayCache.js';
import { useCacheControlHeader } from '../cache/useCacheControlHeader.js';
import { useResponseCache } from '../cache/useResponseCache.js';
import type { GatewayContext } from '../context.js';
import { useOneErrorPerDepartment } from '../plugins/useOneErrorPerDepartment.js';
import { useOperationGuard } from '../plugins/useOperationGuard.js';
import { useStandardScalars } from '../plugins/useStandardScalars.js';
import type { RateLimiter } from '../rateLimit/rateLimiter.js';
import { useRateLimit } from '../rateLimit/useRateLimit.js';
import { accessStage } from './accessStage.js';

/** One stage of the pipeline: its Apollo plugin, and a name for logs and tests. */
export interface PipelineStage {
  name: string;
  plugin: ApolloServerPlugin<GatewayContext>;
}

/** A stage built elsewhere because it also serves outside the pipeline (routes, reloads). */
interface BuiltStage {
  plugin(): ApolloServerPlugin<GatewayContext>;
}

export interface RequestPipelineOptions {
  /** The request limits' plugin (their HTTP-edge screen runs before the pipeline). */
  limitChecks: BuiltStage;
  /** The access policy; none: every caller anonymous, nothing checked or audited. */
  policy: AccessPolicy | undefined;
  costLimit: BuiltStage;
  /** Per-caller rate limits; none: no limit. */
  rateLimiter: RateLimiter | undefined;
  /** The gateway's caches; none: no response cache. */
  cache: GatewayCache | undefined;
  /** The audit log and the logger used when a request has none; none: no audit trail. */
  audit: { log: AuditLog; logger: Logger } | undefined;
  observer: BuiltStage;
  graphiqlMetadata: BuiltStage;
}

/**
 * The gateway's request pipeline (docs/architecture.md, "The request pipeline in code"):
 * every Apollo plugin, in the order that makes the gateway safe. Apollo runs each hook in plugin order, so
 * the order is the contract: the access policy decides before the cost limit, the rate limit,
 * the response cache and the audit look at an operation; the response cache answers only what
 * the access stage allowed, before the departments are asked; the audit records the access
 * stage's decision, with the subjects the data source and the caches wrote to the request's
 * `SubjectLedger`. The response cache and the audit take the access stage's verdicts when they
 * are built, so neither can be installed without it.
 *
 * The order is proved by gateway/tests/requestPipeline.test.ts (a denied operation is never
 * served from the response cache, even with the same operation stored, and is audited as
 * denied), and through the whole gateway by gateway/tests/cacheFetch.test.ts ("never answers
 * from the cache an operation the policy denied") and test/tests/cacheHub.test.ts.
 */
export function requestPipeline(options: RequestPipelineOptions): PipelineStage[] {
  const access = accessStage(options.policy);
  const { cache, audit, rateLimiter } = options;
  const stage = (name: string, plugin: ApolloServerPlugin<GatewayContext>) => [{ name, plugin }];
  return [
    // First: no other plugin sees a request that picks no operation, or a subscription.
    ...stage('operation guard', useOperationGuard()),
    // Second: an operation over a limit is refused before it is planned or checked (the HTTP
    // edge refused most before they were even parsed: limitChecks.screen).
    ...stage('request limits', options.limitChecks.plugin()),
    ...stage('standard scalars', useStandardScalars()),
    ...stage('error masking', useErrorMasking<GatewayContext>()),
    ...stage('one error per department', useOneErrorPerDepartment()),
    // Decides in didResolveOperation, before any later plugin's hook of that phase.
    ...access.plugins.flatMap((plugin) => stage('access', plugin)),
    // After the access stage (an operation it denies is not costed, so an estimate never
    // reflects fields the caller may not read), before the response cache: a cached answer
    // is no way around the limit (docs/limits.md).
    ...stage('cost limit', options.costLimit.plugin()),
    // After the access and cost stages: charges the estimated cost, allowed operations only.
    ...(rateLimiter ? stage('rate limit', useRateLimit(rateLimiter)) : []),
    // After the access stage (it answers only operations the policy allowed), before audit.
    ...(cache ? stage('response cache', useResponseCache(cache, access.verdicts)) : []),
    // After the access stage and the response cache: records the decision, and a hit's subjects.
    ...(audit ? stage('audit', useAudit({ ...audit, verdicts: access.verdicts })) : []),
    // Apollo keeps the departments' hints in overallCachePolicy; the header is written by
    // useCacheControlHeader, which knows the caller and the data's classification.
    ...stage('cache hints', ApolloServerPluginCacheControl({ calculateHttpHeaders: false })),
    ...stage('cache-control header', useCacheControlHeader()),
    // After useOneErrorPerDepartment and the audit: counts and logs the answer as sent.
    ...stage('observer', options.observer.plugin()),
    // Last: annotates GraphiQL's introspection after the access stage has filtered it.
    ...stage('graphiql metadata', options.graphiqlMetadata.plugin()),
    // Apollo's landing page loads from a CDN; the gateway serves its own GraphiQL instead.
    ...stage('no landing page', ApolloServerPluginLandingPageDisabled()),
  ];
}
