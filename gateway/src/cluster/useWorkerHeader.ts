import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** The response header naming the worker process that answered. */
export const WORKER_HEADER = 'x-gateway-worker';

/**
 * Names the answering process (`x-gateway-worker: <pid>`) on every GraphQL response of a
 * clustered gateway, so an operator (and the workers test) can tell the workers apart.
 */
export function useWorkerHeader<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const pid = String(process.pid);
  return {
    // Runs once per request, before the response is written.
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set(WORKER_HEADER, pid);
        },
      };
    },
  };
}
