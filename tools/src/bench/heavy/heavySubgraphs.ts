import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import * as accounts from './accounts.js';
import * as inventory from './inventory.js';
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

export interface HeavySubgraphs {
  /** Subgraph name → GraphQL URL on loopback. */
  urls: Record<string, string>;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/** Starts the four subgraphs (plain @apollo/subgraph servers) on free loopback ports. */
export async function startHeavySubgraphs(): Promise<HeavySubgraphs> {
  const servers: ApolloServer[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const subgraph of HEAVY_SUBGRAPHS) {
      const server = new ApolloServer({
        schema: buildSubgraphSchema({
          typeDefs: subgraph.typeDefs,
          resolvers: subgraph.resolvers,
        }),
        stopOnTerminationSignals: false,
      });
      servers.push(server);
      const { url } = await startStandaloneServer(server, {
        listen: { port: 0, host: '127.0.0.1' },
      });
      urls[subgraph.name] = url;
    }
  } catch (error) {
    for (const server of servers) await server.stop();
    throw error;
  }
  return {
    urls,
    supergraphSdl: composeHeavySupergraph(urls),
    async stop() {
      for (const server of servers) await server.stop();
    },
  };
}
