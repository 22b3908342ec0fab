import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { cacheKeys } from '@govgraph/cache';
import { dataSubjects } from '../audit/operationSubjects.js';
import type { GatewayContext } from '../context.js';
import type { AccessVerdicts } from '../pipeline/accessStage.js';
import { encodeAnswer, openAnswer, rememberAnswer } from './answerBlob.js';
import { canonicalJson, digest, type ResponseEntry } from './cacheEntry.js';
import { isPersonal } from './cacheHints.js';
import type { CachePolicy } from './cachePolicy.js';
import type { GatewayCache } from './createGatewayCache.js';
import { cacheStateOf } from './requestCacheState.js';
import { rememberBody, storedAnswer } from './storedAnswer.js';

/** Header that asks for `extensions.cache`; shown to agencies with the operator or auditor role. */
export const CACHE_DEBUG_HEADER = 'x-govgraph-debug';
const DEBUG_ROLES = new Set(['operator', 'auditor']);

/**
 * Whole responses keyed by supergraph, operation and variables. It answers in
 * `responseForOperation`, which runs after `didResolveOperation` where the access stage
 * decided (`access`, its verdicts), so a denied operation never reaches it; it stores only an
 * allowed query's answer without errors, built from fetches that were all cacheable. Hooks of
 * the gateway's caches also run for it: `schemaDidLoadOrUpdate` reloads the cache hints.
 * Installed by the request pipeline (pipeline/requestPipeline.ts).
 */
export function useResponseCache(
  cache: GatewayCache,
  access: AccessVerdicts,
): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      cache.store.start();
      return {
        // Runs inside each supergraph swap, before requests use the new schema.
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl) cache.loadSupergraph(coreSupergraphSdl);
        },
        async serverWillStop() {
          await cache.close();
        },
      };
    },
    async requestDidStart() {
      // Set on a miss of an allowed query: where and under which policy its answer may be kept.
      let missed: { key: string; policy: CachePolicy } | undefined;
      return {
        async responseForOperation({
          operation,
          request,
          queryHash,
          source,
          document,
          contextValue,
          overallCachePolicy,
        }) {
          const state = cacheStateOf(contextValue);
          // Apollo types `operation` as present; the operation guard refuses requests without
          // one, but a cache must not be what fails when it is absent.
          const kind: string | undefined = operation?.operation;
          if (!cache.response || kind !== 'query') return null;
          if (access.denied(contextValue)) return null;
          const policy = cache.policyFor(source, document);
          if (policy.ttlSeconds <= 0) {
            state.response = 'bypass';
            return null;
          }
          const key = cacheKeys.response(
            cache.prefix,
            digest(
              cache.schemaId,
              queryHash ?? digest(source),
              request.operationName ?? '',
              canonicalJson(request.variables ?? {}),
            ),
          );
          const read = await cache.store.read([key], []);
          if (!read) {
            state.response = 'unavailable';
            return null;
          }
          const raw = read.values[0];
          const readBlob = async (blobKey: string) =>
            (await cache.store.read([blobKey], []))?.values[0];
          const answer = raw
            ? await openAnswer(
                cache.cipher,
                cache.prefix,
                key,
                raw,
                readBlob,
                cache.answers,
                // A personal answer is always stored sealed: a plain one is forged.
                isPersonal(policy.level),
              )
            : undefined;
          const labels = { cache: 'response', department: 'gateway', type: 'response' };
          if (!answer) {
            state.response = 'miss';
            missed = { key, policy };
            cache.metrics.cacheMisses.inc(labels);
            return null;
          }
          const { entry } = answer;
          state.response = 'hit';
          cache.metrics.cacheHits.inc(labels);
          // A hit is an access: the audit record gets the subjects of the stored answer.
          contextValue.ledger.markCached();
          contextValue.ledger.record(entry.subjects ?? []);
          // The cost limit measured the cold answer; the hit's data is not walked again.
          if (contextValue.cost && entry.actualCost !== undefined) {
            contextValue.cost.actual = entry.actualCost;
          }
          replayCacheHint(overallCachePolicy, entry);
          rememberBody(contextValue, answer.body);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: {
                // Written as stored unless a later plugin opens it (storedAnswer.ts).
                data: storedAnswer(entry.dataJson, answer.body),
                // A copy: the memo's entry is shared by every hit, a plugin may change this one.
                ...(entry.extensions ? { extensions: structuredClone(entry.extensions) } : {}),
              },
            },
          };
        },
        async willSendResponse(rc) {
          const { response, contextValue, request, overallCachePolicy } = rc;
          if (response.body.kind !== 'single') return;
          const state = cacheStateOf(contextValue);
          const result = response.body.singleResult;
          if (missed && !state.uncacheable && !result.errors?.length && result.data) {
            const { key, policy } = missed;
            const ttlMs = Math.min(
              Math.min(policy.ttlSeconds, state.ttlSeconds) * 1000,
              state.expiresAt - Date.now(),
            );
            // An answer with less than a second left is not kept.
            if (ttlMs >= 1000) {
              const hint = overallCachePolicy.maxAge;
              // Every subject the audit would find in this answer: the departments' (the
              // ledger) and those the data names, so a hit's record lists them without
              // reading the data again (auditEntry.ts).
              const subjects = new Set(contextValue.ledger.subjects);
              if (rc.document && rc.operation) {
                dataSubjects(rc.schema, rc.document, rc.operation, result.data, subjects);
              }
              const actualCost = contextValue.cost?.actual;
              const entry: ResponseEntry = {
                dataJson: JSON.stringify(result.data),
                subjects: [...subjects],
                tags: [...state.tags],
                expiresAt: Date.now() + ttlMs,
                // A hit must be indistinguishable from the cold answer, extensions included.
                ...(result.extensions ? { extensions: result.extensions } : {}),
                ...(hint !== undefined ? { maxAgeHint: hint } : {}),
                // Measured by the cost limit, whose willSendResponse runs before this one.
                ...(actualCost !== undefined ? { actualCost } : {}),
              };
              const sealed = isPersonal(policy.level) || subjects.size > 0;
              const encoded = encodeAnswer(cache.cipher, cache.prefix, key, entry, sealed, ttlMs);
              if (await cache.store.write(encoded.entries, state.versions)) {
                rememberAnswer(cache.answers, encoded, ttlMs);
                state.response = 'stored';
              }
            }
          }
          if (wantsDebug(contextValue, request.http?.headers.get(CACHE_DEBUG_HEADER))) {
            result.extensions = {
              ...result.extensions,
              cache: {
                backend: cache.store.backend,
                response: cache.response ? (state.response ?? 'bypass') : 'off',
                entity: state.entity,
                root: state.root,
                ...(Number.isFinite(state.ttlSeconds) ? { ttlSeconds: state.ttlSeconds } : {}),
              },
            };
          }
        },
      };
    },
  };
}

/**
 * Gives a hit the departments' max-age hint the cold answer had (none when no fetch reached
 * a department), shortened to what is left of the entry's life, so the Cache-Control header
 * of a hit is no looser than a miss's.
 */
function replayCacheHint(
  policy: { replace(hint: { maxAge?: number }): void },
  entry: Pick<ResponseEntry, 'expiresAt' | 'maxAgeHint'>,
): void {
  const left =
    entry.expiresAt === undefined ? undefined : Math.floor((entry.expiresAt - Date.now()) / 1000);
  const known = [entry.maxAgeHint, left].filter((n): n is number => n !== undefined);
  if (known.length > 0) policy.replace({ maxAge: Math.max(0, Math.min(...known)) });
}

function wantsDebug(context: GatewayContext, header: string | undefined): boolean {
  if (header?.trim().toLowerCase() !== 'cache') return false;
  return context.caller.kind === 'agency' && context.caller.roles.some((r) => DEBUG_ROLES.has(r));
}
