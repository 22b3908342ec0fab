import type { Server } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import * as accounts from './accounts.js';
import * as inventory from './inventory.js';
import { listenSubgraph } from './listenSubgraph.js';
import { memoizedAnswers } from './memoizedAnswers.js';
import * as products from './products.js';
import * as reviews from './reviews.js';

type SchemaModules = Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>;
type Resolvers = NonNullable<Extract<SchemaModules[number], { typeDefs: unknown }>['resolvers']>;

/** A subgraph module of the heavy query: `import * as accounts` is the fixture. */
export interface HeavySubgraph {
  name: string;
  typeDefs: DocumentNode;
  resolvers: Resolvers;
}

export const HEAVY_SUBGRAPHS: readonly HeavySubgraph[] = [accounts, inventory, products, reviews];

/** The heavy query's supergraph routed to `urls` (subgraph name → URL); throws when it does not compose. */
export function composeHeavySupergraph(urls: Record<string, string>): string {
  const result = composeServices(
    HEAVY_SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name] ?? '', typeDefs: s.typeDefs })),
  );
  if (result.errors) {
    throw new Error(
      `the heavy subgraphs do not compose:\n${result.errors.map((e) => e.message).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}

async function stopAll(listening: readonly Server[], servers: readonly ApolloServer[]) {
  for (const http of listening) {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
  for (const server of servers) await server.stop();
}

export interface HeavySubgraphs {
  /** Subgraph name → GraphQL URL on loopback. */
  urls: Record<string, string>;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/**
 * Starts the four subgraphs (plain @apollo/subgraph servers, answers memoized) on free
 * loopback ports.
 */
export async function startHeavySubgraphs(): Promise<HeavySubgraphs> {
  const servers: ApolloServer[] = [];
  const listening: Server[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const subgraph of HEAVY_SUBGRAPHS) {
      const server = new ApolloServer({
        schema: buildSubgraphSchema({
          typeDefs: subgraph.typeDefs,
          resolvers: subgraph.resolvers,
        }),
        // No federated traces: @apollo/gateway asks for none without usage reporting, and
        // the subgraphs should cost every gateway the same.
        plugins: [ApolloServerPluginInlineTraceDisabled(), memoizedAnswers()],
        stopOnTerminationSignals: false,
      });
      servers.push(server);
      await server.start();
      const { url, http } = await listenSubgraph(server);
      listening.push(http);
      urls[subgraph.name] = url;
    }
  } catch (error) {
    await stopAll(listening, servers);
    throw error;
  }
  return {
    urls,
    supergraphSdl: composeHeavySupergraph(urls),
    stop: () => stopAll(listening, servers),
  };
}
