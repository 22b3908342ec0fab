import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import { cacheStateOf } from './requestCacheState.js';

/** What a shared cache or proxy must do with every answer that is not public. */
export const PRIVATE_NO_STORE = 'private, no-store';
/** The request headers that make one caller's answer differ from another's. */
const CREDENTIAL_HEADERS = 'authorization, x-api-key';

/**
 * Writes `Cache-Control` on every GraphQL answer, in place of Apollo's (which trusts the
 * departments' hints and says `public` for personal data). Only an anonymous caller's
 * error-free query whose every field is PUBLIC may be kept by shared caches, for the
 * departments' max-age (no longer than the gateway cache entries it used still live), with
 * `Vary` on the credential headers; everything else, errors and agency or citizen answers
 * included, is `private, no-store`.
 */
export function useCacheControlHeader(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // Runs for every answer Apollo builds, refusals and errors included.
        async willSendResponse(rc) {
          const { headers } = rc.response.http;
          const maxAge = publicMaxAge(rc);
          if (maxAge === undefined) {
            headers.set('cache-control', PRIVATE_NO_STORE);
            return;
          }
          headers.set('cache-control', `public, max-age=${maxAge}`);
          headers.set('vary', CREDENTIAL_HEADERS);
        },
      };
    },
  };
}

/** The max-age a shared cache may keep this answer for; undefined when it must not keep it. */
function publicMaxAge(
  rc: GraphQLRequestContextWillSendResponse<GatewayContext>,
): number | undefined {
  const { contextValue: context, response } = rc;
  const kind: string | undefined = rc.operation?.operation;
  if (kind !== 'query' || context.caller.kind !== 'anonymous') return undefined;
  const { access } = context;
  if (access?.level !== 'PUBLIC' || access.denied.length > 0) return undefined;
  if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) {
    return undefined;
  }
  return sharedMaxAge(rc.overallCachePolicy.maxAge, cacheStateOf(context).expiresAt);
}

/**
 * The smaller of the departments' hint (fetches that reached them) and the life left of the
 * gateway cache entries the answer used (fetches that did not); undefined when neither says.
 */
function sharedMaxAge(hint: number | undefined, entriesExpireAt: number): number | undefined {
  const left = Number.isFinite(entriesExpireAt)
    ? Math.floor((entriesExpireAt - Date.now()) / 1000)
    : undefined;
  const candidates = [hint, left].filter((n): n is number => n !== undefined);
  if (candidates.length === 0) return undefined;
  const maxAge = Math.min(...candidates);
  return maxAge > 0 ? maxAge : undefined;
}
