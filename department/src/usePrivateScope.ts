import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Marks every department answer `private`: each is made for one caller-token (one caller of
 * the gateway), so no shared cache or proxy between a department and the gateway may keep it.
 * The max-age the schema's hints give is kept (the gateway reads it). Install it before
 * Apollo's cache-control plugin, whose `willSendResponse` writes the header.
 */
export function usePrivateScope<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        // Not earlier: a policy restricted before execution stops Apollo collecting field hints.
        async willSendResponse({ overallCachePolicy }) {
          overallCachePolicy.restrict({ scope: 'PRIVATE' });
        },
      };
    },
  };
}
