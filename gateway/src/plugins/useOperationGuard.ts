import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  OPERATION_RESOLUTION_FAILURE,
  quoteInput,
  SUBSCRIPTION_NOT_SUPPORTED,
} from '@govgraph/schema';
import type { GraphQLError } from 'graphql';

/**
 * Refuses, before any other plugin looks at it, a request whose document and `operationName`
 * pick no operation, and a subscription (the hub answers over plain HTTP). Apollo hands later
 * hooks an absent operation in the first case, and the gateway's planner fails on the second:
 * both were 500s. Install it first: its refusal is the one the caller gets.
 */
export function useOperationGuard(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        // Runs once the operation is chosen, before the access policy and the caches see it.
        async didResolveOperation({ operation, request }) {
          // Apollo types it as present, but leaves it undefined when nothing was picked.
          const kind: string | undefined = operation?.operation;
          if (kind === undefined) throw unresolved(request.operationName);
          if (kind === 'subscription') throw subscription();
        },
      };
    },
  };
}

function unresolved(operationName: string | undefined): GraphQLError {
  const why =
    typeof operationName === 'string'
      ? `The document has no operation named ${quoteInput(operationName)}.`
      : 'The document holds several operations and no operationName picks one.';
  return OPERATION_RESOLUTION_FAILURE.refusal(
    `${why} Send operationName with the name of the operation to run.`,
  );
}

function subscription(): GraphQLError {
  return SUBSCRIPTION_NOT_SUPPORTED.refusal(
    'Subscriptions are not served: the hub answers queries and mutations over HTTP. Send the selection as a query.',
  );
}
